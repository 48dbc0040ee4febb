import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig, processEnvironment } from '../config/config';
import type { AuditEntry } from '../domain/audit/audit-entry';
import { type ChainVerdict, verifyChain } from '../ports/store/audit-chain';
import { SqliteGrantStore } from '../ports/store/sqlite-grant-store.adapter';

/** Exit code when there is no database to read (missing file, not SQLite, not ours). */
export const NO_DATABASE = 2;

/**
 * Opens an existing privacy-desk database read-only, never creating or migrating one: the audit
 * trail and the case record are evidence, and a report must not change them. `file` is the
 * `--database` option (default: DATABASE_FILE). Returns undefined after saying why on stderr and
 * setting exit code 2 when the file is missing, is not SQLite, or lacks `table`.
 */
export function openExistingDatabase(file: string | undefined, table: string): Database.Database | undefined {
  const path = file === undefined ? loadConfig(processEnvironment()).databaseFile : resolve(file);
  const fail = (why: string): undefined => {
    process.stderr.write(`privacy-desk: ${why}\n`);
    process.exitCode = NO_DATABASE;
    return undefined;
  };
  if (path === ':memory:' || !isFile(path)) return fail(`no database at ${path} (set DATABASE_FILE or pass --database <file>)`);
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    const found = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
    if (found === undefined) {
      db.close();
      return fail(`${path} has no ${table} table: not a privacy-desk database, or one from an older version (start the bot once to migrate it)`);
    }
    return db;
  } catch (error) {
    db?.close();
    return fail(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
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
  const db = openExistingDatabase(options.database, 'audit_log');
  if (!db) return;
  const store = new SqliteGrantStore(db);
  let report: AuditReport;
  try {
    report = auditReport(await store.auditTrail());
  } catch (error) {
    // A row that cannot even be parsed (details not JSON, wrong types) has been tampered with too.
    report = { ok: false, problem: 'unreadable', message: `an entry cannot be read (${error instanceof Error ? error.message : String(error)})` };
  } finally {
    await store.close();
  }
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatAuditReport(report)}\n`);
  if (!report.ok) process.exitCode = 1;
}
