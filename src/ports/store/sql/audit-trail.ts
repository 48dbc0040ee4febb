import { z } from 'zod';
import type { AuditEntry, NewAuditEntry } from '../../../domain/audit/audit-entry';
import type { AuditQuery, AuditTrail } from '../audit-trail.port';
import { type SqlDatabase, appendAudit } from './database';
import { parseJson, parseRow } from './rows';

const auditRow = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  details: z.string(),
  prev_hash: z.string(),
  hash: z.string(),
});
const detailsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/** The audit trail of a privacy-desk database, SQLite or PostgreSQL. */
export class SqlAuditTrail implements AuditTrail {
  constructor(private readonly database: SqlDatabase) {}

  async entries(query: AuditQuery = {}): Promise<AuditEntry[]> {
    let select = this.database.db.selectFrom('audit_log').selectAll().orderBy('seq');
    // A prefix compared as text, not with LIKE: the same on both databases, and no wildcards to escape.
    const prefix = query.targetPrefix;
    if (prefix !== undefined) select = select.where((eb) => eb(eb.fn('substr', ['target', eb.val(1), eb.val(prefix.length)]), '=', prefix));
    if (query.limit !== undefined) select = select.limit(query.limit);
    const rows = await select.execute();
    return rows.map((raw) => {
      const row = parseRow(auditRow, raw, 'audit_log');
      return {
        seq: row.seq,
        at: row.at,
        actor: row.actor,
        action: row.action,
        target: row.target,
        details: parseRow(detailsSchema, parseJson(row.details, 'audit_log'), 'audit_log'),
        prevHash: row.prev_hash,
        hash: row.hash,
      };
    });
  }

  async append(entry: NewAuditEntry): Promise<void> {
    await this.database.write((trx) => appendAudit(trx, entry));
  }
}
