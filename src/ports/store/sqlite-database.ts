import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { z } from 'zod';
import type { NewAuditEntry } from '../../domain/audit/audit-entry';
import { PrivacyDeskError } from '../../domain/shared/errors';
import { chainHash } from './audit-chain';
import { SQLITE_MIGRATIONS } from './sqlite-migrations';

/** Thrown when a row read back from the database does not have the shape the code expects. */
export class CorruptRowError extends PrivacyDeskError {
  override name = 'CorruptRowError';
  constructor(table: string, cause: unknown) {
    super('STORE.CORRUPT_ROW', `a row of ${table} is not valid`, { cause });
  }
}

/** Opens (creates, migrates) one SQLite file; `:memory:` for a throwaway database. */
export function openSqlite(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/**
 * Appends one entry to the hash-chained audit trail. Call inside the transaction that makes the
 * change, so that a change and its entry are written together or not at all.
 */
export function appendAudit(db: Database.Database, entry: NewAuditEntry): void {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? '';
  const hash = chainHash(prevHash, seq, entry);
  db.prepare('INSERT INTO audit_log (seq, at, actor, action, target, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    seq,
    entry.at,
    entry.actor,
    entry.action,
    entry.target,
    JSON.stringify(entry.details),
    prevHash,
    hash,
  );
}

/** Validates a row read back from the database (zod at every edge). */
export function parseRow<T>(schema: z.ZodType<T>, raw: unknown, table: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new CorruptRowError(table, parsed.error);
  return parsed.data;
}

/** Parses a JSON column; text that is no JSON is a corrupt row like any other. */
export function parseJson(text: string, table: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CorruptRowError(table, error);
  }
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  for (const migration of SQLITE_MIGRATIONS) {
    // Checked again inside a write transaction: two processes starting at once apply each migration once.
    db.transaction(() => {
      if (isApplied.get(migration.version) !== undefined) return;
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, new Date().toISOString());
    }).immediate();
  }
}
