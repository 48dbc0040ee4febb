import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig, processEnvironment } from '../config/config';
import type { AuditEntry } from '../domain/audit/audit-entry';
import { type ChainVerdict, verifyChain } from '../ports/store/audit-chain';
import { type DatabaseTarget, describeTarget, targetOf } from '../ports/store/database-target';
import { type Stores, openStores } from '../ports/store/sql/stores';

/** Exit code when there is no database to read (missing file, not a database, not ours). */
export const NO_DATABASE = 2;

/** The database a command reads: `--database` (a SQLite file or a PostgreSQL URL), else DATABASE_URL or DATABASE_FILE. */
export function databaseTarget(option: string | undefined): DatabaseTarget {
  if (option === undefined) return loadConfig(processEnvironment()).database;
  const target = targetOf(option);
  return target.kind === 'sqlite' ? { kind: 'sqlite', file: resolve(target.file) } : target;
}

/**
 * Opens an existing privacy-desk database for reading, never creating or migrating one (a SQLite
 * file read-only): the audit trail and the case record are evidence, and a report must not change
 * them. `option` is the `--database` option. Returns undefined after saying why on stderr and
 * setting exit code 2 when there is no such database, or it lacks `table`.
 */
export async function openExistingDatabase(option: string | undefined, table: string): Promise<Stores | undefined> {
  const target = databaseTarget(option);
  const where = describeTarget(target);
  const fail = (why: string): undefined => {
    process.stderr.write(`privacy-desk: ${why}\n`);
    process.exitCode = NO_DATABASE;
    return undefined;
  };
  if (target.kind === 'sqlite' && (target.file === ':memory:' || !isFile(target.file))) return fail(`no database at ${where} (set DATABASE_FILE or DATABASE_URL, or pass --database <file or postgres://… URL>)`);
  let stores: Stores | undefined;
  try {
    stores = await openStores(target, { migrate: false, readOnly: true });
    if (!(await stores.database.hasTable(table))) {
      await stores.close();
      return fail(`${where} has no ${table} table: not a privacy-desk database, or one from an older version (run privacy-desk db migrate)`);
    }
    return stores;
  } catch (error) {
    await stores?.close();
    return fail(`cannot read ${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The verdict as printed by `--json`: the chain verdict, and for an intact trail its last entry. */
export type AuditReport =
  | { ok: true; entries: number; last: { seq: number; at: string; hash: string } | null }
  | Extract<ChainVerdict, { ok: false }>
  | { ok: false; problem: 'unreadable'; message: string };

/** Verifies a whole audit trail and describes its end (the last hash can be kept elsewhere as an anchor). */
export function auditReport(entries: readonly AuditEntry[]): AuditReport {
  const verdict = verifyChain(entries);
  if (!verdict.ok) return verdict;
  const last = entries.at(-1);
  return { ok: true, entries: verdict.entries, last: last ? { seq: last.seq, at: last.at, hash: last.hash } : null };
}

export function formatAuditReport(report: AuditReport): string {
  if (report.ok) return `audit trail intact: ${report.entries} entries${report.last ? `, last ${report.last.at}` : ''}`;
  if (report.problem === 'unreadable') return `audit trail BROKEN: ${report.message}`;
  return `audit trail BROKEN at entry ${report.seq}: ${report.problem}`;
}

/**
 * `privacy-desk audit verify`: checks the hash chain of the whole audit trail. Exit code 0 when it
 * is intact, 1 when an entry was edited, removed or moved, 2 when there is no database.
 */
export async function auditVerifyCommand(options: { database?: string; json?: boolean }): Promise<void> {
  const stores = await openExistingDatabase(options.database, 'audit_log');
  if (!stores) return;
  let report: AuditReport;
  try {
    report = auditReport(await stores.audit.entries());
  } catch (error) {
    // A row that cannot even be parsed (details not JSON, wrong types) has been tampered with too.
    report = { ok: false, problem: 'unreadable', message: `an entry cannot be read (${error instanceof Error ? error.message : String(error)})` };
  } finally {
    await stores.close();
  }
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatAuditReport(report)}\n`);
  if (!report.ok) process.exitCode = 1;
}
