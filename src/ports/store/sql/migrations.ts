import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from './database';

/**
 * The schema's migrations, one set for both databases, applied in name order by Kysely's Migrator
 * (each once, in a transaction; on PostgreSQL under the Migrator's lock). The first four are the
 * embedded store's migrations from before the query builder: a SQLite file that applied them then
 * (its `schema_migrations` table says so) is not migrated twice, so it upgrades in place with its
 * audit chain untouched.
 */
export function migrations(dialect: Dialect): Record<string, Migration> {
  const legacy = (version: number, up: (db: Kysely<unknown>) => Promise<void>): Migration => ({
    up: async (db) => {
      if (dialect === 'sqlite' && (await appliedBefore(db, version))) return;
      await up(db);
    },
  });
  return {
    '0001_grants_and_audit_trail': legacy(1, async (db) => {
      await run(db, `
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE admin_grants (owner TEXT NOT NULL, viewer TEXT NOT NULL, level TEXT NOT NULL, name TEXT, PRIMARY KEY (owner, viewer));
        CREATE TABLE user_grants (
          owner TEXT NOT NULL, viewer TEXT NOT NULL, level TEXT NOT NULL, name TEXT,
          updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, PRIMARY KEY (owner, viewer));
        CREATE TABLE audit_log (
          seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL,
          details TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
        CREATE INDEX audit_log_target ON audit_log (target);
      `);
      // The trail is append-only in the database itself, not only in the code.
      if (dialect === 'sqlite') {
        await run(db, `
          CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
          CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        `);
      } else {
        await run(db, `
          CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
          CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
          CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
        `);
      }
    }),
    '0002_requests_conversations_cards_reminders': legacy(2, async (db) => {
      await run(db, `
        CREATE TABLE requests (
          id TEXT PRIMARY KEY, number TEXT NOT NULL UNIQUE, year INTEGER NOT NULL, sequence INTEGER NOT NULL,
          source_key TEXT NOT NULL UNIQUE, type TEXT NOT NULL, status TEXT NOT NULL, requester TEXT NOT NULL,
          due_date TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL, updated_at TEXT NOT NULL,
          UNIQUE (year, sequence));
        CREATE INDEX requests_requester ON requests (requester);
        CREATE INDEX requests_status ON requests (status);
        CREATE TABLE conversations (key TEXT PRIMARY KEY, teams_user_id TEXT, reference TEXT NOT NULL, updated_at TEXT NOT NULL);
        CREATE TABLE card_messages (
          request_id TEXT NOT NULL REFERENCES requests (id), audience TEXT NOT NULL, conversation_id TEXT NOT NULL,
          activity_id TEXT NOT NULL, reference TEXT NOT NULL, PRIMARY KEY (conversation_id, activity_id));
        CREATE INDEX card_messages_request ON card_messages (request_id);
        CREATE TABLE reminders (
          request_id TEXT NOT NULL REFERENCES requests (id), kind TEXT NOT NULL, due_date TEXT NOT NULL,
          claimed_at TEXT NOT NULL, PRIMARY KEY (request_id, kind, due_date));
      `);
    }),
    '0003_reminder_claims_confirmed': legacy(3, async (db) => {
      await run(db, `
        ALTER TABLE reminders ADD COLUMN sent_at TEXT;
        UPDATE reminders SET sent_at = claimed_at;
      `);
    }),
    '0004_claim_holders_and_instances': legacy(4, async (db) => {
      await run(db, `
        ALTER TABLE reminders ADD COLUMN holder TEXT;
        CREATE TABLE instances (id TEXT PRIMARY KEY, heartbeat_at TEXT NOT NULL);
      `);
    }),
    // Claims to send something once are about more than cases (the weekly summary, later): their
    // own table, keyed by any subject. Card messages keep the order they were recorded in on both
    // databases (SQLite's rowid did that before).
    '0005_claims_and_card_order': {
      up: async (db) => {
        await run(db, `
          CREATE TABLE claims (
            subject TEXT NOT NULL, mark TEXT NOT NULL, round TEXT NOT NULL, claimed_at TEXT NOT NULL,
            sent_at TEXT, holder TEXT, PRIMARY KEY (subject, mark, round));
          INSERT INTO claims (subject, mark, round, claimed_at, sent_at, holder)
            SELECT request_id, kind, due_date, claimed_at, sent_at, holder FROM reminders;
          DROP TABLE reminders;
          ALTER TABLE card_messages ADD COLUMN recorded_seq INTEGER;
        `);
        if (dialect === 'sqlite') await run(db, 'UPDATE card_messages SET recorded_seq = rowid;');
      },
    },
    // Carrying out approved cases: one job per case, its steps and their states as JSON.
    '0006_execution_jobs': {
      up: async (db) => {
        await run(db, `
          CREATE TABLE execution_jobs (
            case_id TEXT PRIMARY KEY, version INTEGER NOT NULL, complete INTEGER NOT NULL, data TEXT NOT NULL, updated_at TEXT NOT NULL);
          CREATE INDEX execution_jobs_unfinished ON execution_jobs (complete, updated_at);
        `);
      },
    },
    // What carrying out a case produced (exports, the access report), base64 in TEXT on both databases;
    // kept with the case's job so that any instance can deliver it, and removed when it has served.
    '0007_execution_files': {
      up: async (db) => {
        await run(db, `
          CREATE TABLE execution_files (
            case_id TEXT NOT NULL, name TEXT NOT NULL, content TEXT NOT NULL, bytes INTEGER NOT NULL, created_at TEXT NOT NULL,
            PRIMARY KEY (case_id, name));
        `);
      },
    },
  };
}

/** Runs statements separated by semicolons at line ends (a trigger's body keeps its own). */
async function run(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) {
    await sql.raw(statement.endsWith(';') ? statement.slice(0, -1) : statement).execute(db);
  }
}

/** Whether the embedded store's own migration table (before the query builder) lists `version`. */
async function appliedBefore(db: Kysely<unknown>, version: number): Promise<boolean> {
  const table = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`.execute(db);
  if (table.rows.length === 0) return false;
  const row = await sql<{ version: number }>`SELECT version FROM schema_migrations WHERE version = ${version}`.execute(db);
  return row.rows.length > 0;
}
