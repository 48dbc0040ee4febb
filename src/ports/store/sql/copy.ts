import { sql } from 'kysely';
import { verifyChain } from '../audit-chain';
import { SqlDatabase } from './database';
import { TABLES, type Tables } from './schema';

/** What a copy moved, table by table, and the audit trail's state at the target. */
export interface CopyReport {
  rows: Record<keyof Tables, number>;
  audit: { entries: number; lastHash: string | null; intact: boolean };
}

/** Why a copy did not start: the source is not at this version's schema, or the target holds data. */
export class CopyRefused extends Error {
  override name = 'CopyRefused';
  constructor(
    readonly reason: 'sourceNotMigrated' | 'targetNotEmpty' | 'auditMismatch',
    message: string,
  ) {
    super(message);
  }
}

/** Rows read and written per round trip. */
const BATCH = 500;

/**
 * Copies every row of a privacy-desk database into another (an embedded SQLite file into
 * PostgreSQL, typically): the target is migrated first, must hold no data unless `replace` is given
 * (then everything in it is removed — the audit trail too, which only this command may do), and
 * gets the rows in one transaction, or none. The audit chain is verified at the target afterwards
 * and must end on the source's last hash.
 */
export async function copyDatabase(source: SqlDatabase, target: SqlDatabase, options: { replace?: boolean } = {}): Promise<CopyReport> {
  const pending = await source.pendingMigrations();
  if (pending.length > 0) throw new CopyRefused('sourceNotMigrated', `the source ${source.description} is not at this version's schema (run privacy-desk db migrate --database <source> first)`);
  await target.migrate();
  const counts = {} as Record<keyof Tables, number>;
  await target.write(async (trx) => {
    const held: string[] = [];
    for (const table of TABLES) {
      const row = await trx.selectFrom(table).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirst();
      if (Number(row?.n ?? 0) > 0) held.push(table);
    }
    if (held.length > 0 && !options.replace) throw new CopyRefused('targetNotEmpty', `the target ${target.description} already holds data (${held.join(', ')}); pass --replace to remove it first`);
    if (held.length > 0) await emptyAll(target, trx);
    for (const table of TABLES) {
      counts[table] = 0;
      for (let offset = 0; ; offset += BATCH) {
        // Ordered by every key column, so that batches never skip or repeat a row.
        const rows = (await source.db.selectFrom(table).selectAll().orderBy(sql.raw(ORDER[table])).limit(BATCH).offset(offset).execute()) as Record<string, unknown>[];
        if (rows.length === 0) break;
        await trx
          .insertInto(table)
          .values(rows as never)
          .execute();
        counts[table] += rows.length;
        if (rows.length < BATCH) break;
      }
    }
  });
  const [from, to] = [await lastEntry(source), await lastEntry(target)];
  const entries = (await target.db.selectFrom('audit_log').selectAll().orderBy('seq').execute()).map((row) => ({
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    target: row.target,
    details: JSON.parse(row.details) as Record<string, string | number | boolean | null>,
    prevHash: row.prev_hash,
    hash: row.hash,
  }));
  const verdict = verifyChain(entries);
  if (!verdict.ok || from !== to) throw new CopyRefused('auditMismatch', `the audit trail at ${target.description} does not verify after the copy`);
  return { rows: counts, audit: { entries: entries.length, lastHash: to ?? null, intact: true } };
}

const ORDER: Record<keyof Tables, string> = {
  settings: 'key',
  admin_grants: 'owner, viewer',
  user_grants: 'owner, viewer',
  audit_log: 'seq',
  requests: 'year, sequence',
  conversations: 'key',
  card_messages: 'recorded_seq, conversation_id, activity_id',
  claims: 'subject, mark, round',
  instances: 'id',
  execution_jobs: 'case_id',
  execution_files: 'case_id, name',
};

async function lastEntry(database: SqlDatabase): Promise<string | undefined> {
  return (await database.db.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst())?.hash;
}

/** Removes every row of the target, the append-only audit trail included (its guard is lifted for this transaction only). */
async function emptyAll(target: SqlDatabase, trx: Parameters<Parameters<SqlDatabase['write']>[0]>[0]): Promise<void> {
  if (target.dialect === 'postgres') {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(trx);
    await sql.raw(`TRUNCATE ${[...TABLES].join(', ')}`).execute(trx);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(trx);
    return;
  }
  await sql`DROP TRIGGER audit_log_no_delete`.execute(trx);
  for (const table of [...TABLES].reverse()) await trx.deleteFrom(table).execute();
  await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(trx);
}
