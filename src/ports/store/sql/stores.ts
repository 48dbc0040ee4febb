import { SqlAuditTrail } from './audit-trail';
import { SqlClaimStore } from './claim-store';
import { SqlJobStore } from './job-store';
import type { DatabaseTarget } from '../database-target';
import { SqlDatabase } from './database';
import { SqlGrantStore } from './grant-store';
import { SqlRequestStore } from './request-store';

/** Every store of one privacy-desk database, sharing its connection and its audit trail. */
export interface Stores {
  database: SqlDatabase;
  grants: SqlGrantStore;
  requests: SqlRequestStore;
  claims: SqlClaimStore;
  jobs: SqlJobStore;
  audit: SqlAuditTrail;
  close(): Promise<void>;
}

/** Opens (creates, migrates) the database and builds its stores. */
export async function openStores(target: DatabaseTarget, options: { migrate?: boolean; readOnly?: boolean } = {}): Promise<Stores> {
  return storesOf(await SqlDatabase.open(target, options));
}

export function storesOf(database: SqlDatabase): Stores {
  return {
    database,
    grants: new SqlGrantStore(database),
    requests: new SqlRequestStore(database),
    claims: new SqlClaimStore(database),
    jobs: new SqlJobStore(database),
    audit: new SqlAuditTrail(database),
    close: () => database.close(),
  };
}
