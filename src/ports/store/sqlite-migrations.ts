/** Schema migrations of the SQLite store, applied in order, each once, each in a transaction. */
export const SQLITE_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'grants and audit trail',
    sql: `
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE admin_grants (
        owner  TEXT NOT NULL,
        viewer TEXT NOT NULL,
        level  TEXT NOT NULL,
        name   TEXT,
        PRIMARY KEY (owner, viewer)
      );
      CREATE TABLE user_grants (
        owner      TEXT NOT NULL,
        viewer     TEXT NOT NULL,
        level      TEXT NOT NULL,
        name       TEXT,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        PRIMARY KEY (owner, viewer)
      );
      CREATE TABLE audit_log (
        seq       INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        target    TEXT NOT NULL,
        details   TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
      );
      CREATE INDEX audit_log_target ON audit_log (target);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `,
  },
  {
    version: 2,
    name: 'privacy requests, conversations, card messages, reminders',
    sql: `
      CREATE TABLE requests (
        id          TEXT PRIMARY KEY,
        number      TEXT NOT NULL UNIQUE,
        year        INTEGER NOT NULL,
        sequence    INTEGER NOT NULL,
        source_key  TEXT NOT NULL UNIQUE,
        type        TEXT NOT NULL,
        status      TEXT NOT NULL,
        requester   TEXT NOT NULL,
        due_date    TEXT NOT NULL,
        version     INTEGER NOT NULL,
        data        TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        UNIQUE (year, sequence)
      );
      CREATE INDEX requests_requester ON requests (requester);
      CREATE INDEX requests_status ON requests (status);
      CREATE TABLE conversations (
        key           TEXT PRIMARY KEY,
        teams_user_id TEXT,
        reference     TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      );
      CREATE TABLE card_messages (
        request_id      TEXT NOT NULL REFERENCES requests (id),
        audience        TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        activity_id     TEXT NOT NULL,
        reference       TEXT NOT NULL,
        PRIMARY KEY (conversation_id, activity_id)
      );
      CREATE INDEX card_messages_request ON card_messages (request_id);
      CREATE TABLE reminders (
        request_id TEXT NOT NULL REFERENCES requests (id),
        kind       TEXT NOT NULL,
        due_date   TEXT NOT NULL,
        claimed_at TEXT NOT NULL,
        PRIMARY KEY (request_id, kind, due_date)
      );
    `,
  },
  {
    version: 3,
    name: 'reminder claims are confirmed once sent',
    sql: `
      ALTER TABLE reminders ADD COLUMN sent_at TEXT;
      UPDATE reminders SET sent_at = claimed_at;
    `,
  },
  {
    version: 4,
    name: 'claims name the instance that holds them; instances beat',
    sql: `
      ALTER TABLE reminders ADD COLUMN holder TEXT;
      CREATE TABLE instances (
        id           TEXT PRIMARY KEY,
        heartbeat_at TEXT NOT NULL
      );
    `,
  },
];
