import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, type MigrationResult, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Pool } from 'pg';
import type { NewAuditEntry } from '../../../domain/audit/audit-entry';
import { PrivacyDeskError } from '../../../domain/shared/errors';
import { chainHash } from '../audit-chain';
import { type DatabaseTarget, describeTarget } from '../database-target';
import { migrations } from './migrations';
import type { Tables } from './schema';

export type Dialect = 'sqlite' | 'postgres';

/** The handle every query of a store goes through: the whole database, or one write transaction. */
export type Queries = Kysely<Tables>;

/** A number PostgreSQL's advisory lock of privacy-desk's writes is known by ("priv"). */
const WRITE_LOCK = 0x70726976;

/** Thrown when the database cannot be opened or is not (yet) privacy-desk's. */
export class DatabaseError extends PrivacyDeskError {
  override name = 'DatabaseError';
}

/**
 * One open privacy-desk database, SQLite or PostgreSQL, behind one typed query builder (Kysely):
 * every store runs the same queries on either. Writes go through {@link write}, which serialises
 * them across every process on the database, so that the audit trail stays one unbroken chain.
 */
export class SqlDatabase {
  private closed = false;

  private constructor(
    readonly db: Kysely<Tables>,
    readonly dialect: Dialect,
    readonly description: string,
  ) {}

  /**
   * Opens the database and, unless told not to, brings its schema up to date. `readOnly` (SQLite)
   * opens an existing file without ever writing to it.
   */
  static async open(target: DatabaseTarget, options: { migrate?: boolean; readOnly?: boolean } = {}): Promise<SqlDatabase> {
    const database = target.kind === 'sqlite' ? openSqliteFile(target.file, options.readOnly === true) : openPostgres(target.url);
    try {
      if (options.migrate !== false) await database.migrate();
      return database;
    } catch (error) {
      await database.close();
      throw error;
    }
  }

  /** Applies the migrations not applied yet; returns what was applied now. */
  async migrate(): Promise<MigrationResult[]> {
    const migrate = async (): Promise<MigrationResult[]> => {
      const { error, results } = await (await this.migrator()).migrateToLatest();
      if (error) throw new DatabaseError('STORE.MIGRATION_FAILED', `the database ${this.description} could not be migrated`, { cause: error });
      return results ?? [];
    };
    // Two processes starting on one new SQLite file: the second waits for the first's migration.
    return this.dialect === 'sqlite' ? retryWhileBusy(migrate) : migrate();
  }

  /** Whether every migration this version knows has been applied (and no newer one). */
  async pendingMigrations(): Promise<string[]> {
    if (!(await this.hasTable('kysely_migration'))) return Object.keys(migrations(this.dialect));
    return (await (await this.migrator()).getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
  }

  /** Whether the database has this table (on PostgreSQL: in the schema it works in). */
  async hasTable(name: string): Promise<boolean> {
    const found =
      this.dialect === 'sqlite'
        ? await sql`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ${name}`.execute(this.db)
        : await sql`SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ${name}`.execute(this.db);
    return found.rows.length > 0;
  }

  /**
   * Kysely's Migrator over this version's migrations. On PostgreSQL its bookkeeping lives in the
   * schema the database works in (the first of the search path), beside the tables it describes.
   */
  private async migrator(): Promise<Migrator> {
    const provider = { getMigrations: async () => migrations(this.dialect) };
    if (this.dialect === 'sqlite') return new Migrator({ db: this.db, provider });
    const { rows } = await sql<{ schema: string | null }>`SELECT current_schema() AS schema`.execute(this.db);
    const schema = rows[0]?.schema;
    if (!schema) throw new DatabaseError('STORE.NO_SCHEMA', `the database ${this.description} has no schema to work in (check the search path)`);
    return new Migrator({ db: this.db, provider, migrationTableSchema: schema });
  }

  /**
   * Runs `work` as one transaction that no other writer — in this process or another — runs beside:
   * SQLite takes its write lock first (`BEGIN IMMEDIATE`), PostgreSQL an advisory lock held until
   * commit. A change and its audit entry are written together or not at all, and each entry follows
   * the one written before it. `work` must use the handle it is given, never the database's own.
   */
  async write<T>(work: (trx: Queries) => Promise<T>): Promise<T> {
    if (this.dialect === 'postgres') {
      return this.db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${sql.lit(WRITE_LOCK)})`.execute(trx);
        return work(trx);
      });
    }
    return this.db.connection().execute(async (connection) => {
      await beginImmediate(connection);
      try {
        const result = await work(connection);
        await sql`COMMIT`.execute(connection);
        return result;
      } catch (error) {
        await sql`ROLLBACK`.execute(connection).catch(() => undefined);
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.destroy();
  }

  /** @internal */
  static create(db: Kysely<Tables>, dialect: Dialect, description: string): SqlDatabase {
    return new SqlDatabase(db, dialect, description);
  }
}

function openSqliteFile(file: string, readOnly: boolean): SqlDatabase {
  let handle: Database.Database;
  try {
    if (!readOnly && file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    handle = readOnly ? new Database(file, { readonly: true, fileMustExist: true }) : new Database(file);
  } catch (error) {
    throw new DatabaseError('STORE.UNAVAILABLE', `cannot open the database ${file}`, { cause: error });
  }
  if (!readOnly) handle.pragma('journal_mode = WAL');
  handle.pragma('foreign_keys = ON');
  // A short wait inside SQLite only: better-sqlite3 waits synchronously, which would stop every
  // other request of this process. Waiting for another writer is done by `beginImmediate`, between
  // turns of the event loop.
  handle.pragma(`busy_timeout = ${SQLITE_BUSY_WAIT_MS}`);
  return SqlDatabase.create(new Kysely<Tables>({ dialect: new SqliteDialect({ database: handle }) }), 'sqlite', file);
}

/** How long SQLite itself waits for a lock before saying it is busy. */
const SQLITE_BUSY_WAIT_MS = 50;
/** How long a writer waits for another (another process, or another connection of this one) before giving up. */
const SQLITE_WRITE_WAIT_MS = 15_000;

const isBusy = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED';
};

/** Takes SQLite's write lock, trying again after a short, random pause while another writer holds it. */
async function beginImmediate(connection: Queries): Promise<void> {
  const deadline = Date.now() + SQLITE_WRITE_WAIT_MS;
  for (;;) {
    try {
      await sql`BEGIN IMMEDIATE`.execute(connection);
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 18));
    }
  }
}

/** Runs `work` again after a pause while SQLite says the database is busy (another process migrating it). */
async function retryWhileBusy<T>(work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + SQLITE_WRITE_WAIT_MS;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      const busy = isBusy(error) || isBusy((error as { cause?: unknown }).cause);
      if (!busy || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 45));
    }
  }
}

function openPostgres(url: string): SqlDatabase {
  const pool = new Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its server (a restart, a failover) must not crash the process; the
  // next query gets a fresh connection.
  pool.on('error', () => undefined);
  return SqlDatabase.create(new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) }), 'postgres', describeTarget({ kind: 'postgres', url }));
}

/**
 * Appends one entry to the hash-chained audit trail. Call inside {@link SqlDatabase.write}, with
 * its handle, so that a change and its entry are written together or not at all, and no other
 * writer appends between reading the last entry and writing this one.
 */
export async function appendAudit(trx: Queries, entry: NewAuditEntry): Promise<void> {
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? '';
  await trx
    .insertInto('audit_log')
    .values({ seq, at: entry.at, actor: entry.actor, action: entry.action, target: entry.target, details: JSON.stringify(entry.details), prev_hash: prevHash, hash: chainHash(prevHash, seq, entry) })
    .execute();
}
