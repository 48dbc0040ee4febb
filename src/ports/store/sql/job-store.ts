import { type Job, isComplete } from '../../../domain/execution/job';
import type { JobStore, StoredJob } from '../job-store.port';
import type { SqlDatabase } from './database';
import type { Tables } from './schema';

/** Execution jobs in a privacy-desk database, SQLite or PostgreSQL: one row per case, its steps as JSON. */
export class SqlJobStore implements JobStore {
  constructor(private readonly database: SqlDatabase) {}

  async createJob(job: Job, at: Date): Promise<StoredJob> {
    return this.database.write(async (trx) => {
      await trx
        .insertInto('execution_jobs')
        .values({ case_id: job.caseId, version: 1, complete: isComplete(job) ? 1 : 0, data: JSON.stringify(job), updated_at: at.toISOString() })
        .onConflict((oc) => oc.column('case_id').doNothing())
        .execute();
      const row = await trx.selectFrom('execution_jobs').selectAll().where('case_id', '=', job.caseId).executeTakeFirstOrThrow();
      return stored(row);
    });
  }

  async job(caseId: string): Promise<StoredJob | undefined> {
    const row = await this.database.db.selectFrom('execution_jobs').selectAll().where('case_id', '=', caseId).executeTakeFirst();
    return row ? stored(row) : undefined;
  }

  async saveJob(job: Job, expected: number, at: Date): Promise<boolean> {
    const result = await this.database.db
      .updateTable('execution_jobs')
      .set({ version: expected + 1, complete: isComplete(job) ? 1 : 0, data: JSON.stringify(job), updated_at: at.toISOString() })
      .where('case_id', '=', job.caseId)
      .where('version', '=', expected)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async allJobs(): Promise<StoredJob[]> {
    const rows = await this.database.db.selectFrom('execution_jobs').selectAll().orderBy('updated_at').orderBy('case_id').execute();
    return rows.map(stored);
  }

  async unfinishedJobs(): Promise<StoredJob[]> {
    const rows = await this.database.db.selectFrom('execution_jobs').selectAll().where('complete', '=', 0).orderBy('updated_at').execute();
    return rows.map(stored);
  }
}

function stored(row: Tables['execution_jobs']): StoredJob {
  return { job: JSON.parse(row.data) as Job, version: Number(row.version), updatedAt: row.updated_at };
}
