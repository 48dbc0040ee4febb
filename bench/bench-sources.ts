/**
 * The personal-data sources the benchmarks run against: a call journal, chat messages and (for
 * bench:dsar) tasks, on SQLite or PostgreSQL, written in the order a journal writes them (oldest
 * first) and indexed as the README asks a source to be. Deterministic (seeded), so runs compare.
 */
import Database from 'better-sqlite3';
import { Client } from 'pg';
import type { SourceDefinition } from '../src/config/sources-file';
import { mulberry32 } from './generate-organisation';

const DAY = 86_400_000;
/** Distinct outside numbers in the journal (a large company's customers and suppliers). */
export const NUMBERS = 200_000;
export const USERS = 2_000;

export interface FillOptions {
  journal: number;
  chat: number;
  /** Tasks (T), for bench:dsar; none by default. */
  tasks?: number;
  /** Every n-th call is with one outside number (`numberOf(0)`): a person with many records (bench:dsar's erasure). */
  heavyEvery?: number;
}

export const tasksDefinition = (connection: SourceDefinition['connection']): SourceDefinition => ({
  id: 'tasks',
  category: 'T',
  connection,
  table: 'tasks',
  key: 'id',
  time: 'created_at',
  identifiers: { contact_phone: 'phone', contact_name: 'name', owner_sip: 'sip' },
  items: { contact_phone: 'T.1', owner_sip: 'T.2', contact_name: 'T.5' },
  writable: false,
});

export const journalDefinition = (connection: SourceDefinition['connection']): SourceDefinition => ({
  id: 'journal',
  category: 'H',
  connection,
  table: 'journal',
  key: 'id',
  time: 'started_at',
  private: 'is_private',
  identifiers: { remote_number: 'phone', remote_name: 'name', user_sip: 'sip' },
  items: { remote_name: 'H.1', remote_number: 'H.2', started_at: 'H.6', duration: 'H.7' },
  writable: true,
});
export const chatDefinition = (connection: SourceDefinition['connection']): SourceDefinition => ({
  id: 'chat',
  category: 'C',
  connection,
  table: 'chat_messages',
  key: 'id',
  time: 'sent_at',
  identifiers: { sender_sip: 'sip', recipient_sip: 'sip' },
  items: { sender_sip: 'C.1.2', recipient_sip: 'C.1.3', body: 'C.1.4' },
  writable: true,
});

/** The n-th outside number, in E.164 as a journal keeps it. */
export const numberOf = (n: number): string => `+4930${String(5_000_000 + n).padStart(8, '0')}`;
export const sipOf = (n: number): string => `sip:user${n}@example.com`;

const TASK_INDEXES = ['CREATE INDEX tasks_phone ON tasks (contact_phone)', 'CREATE INDEX tasks_name ON tasks (lower(contact_name))', 'CREATE INDEX tasks_owner ON tasks (lower(owner_sip))'];

const INDEXES = [
  'CREATE INDEX journal_remote_number ON journal (remote_number)',
  'CREATE INDEX journal_remote_name ON journal (lower(remote_name))',
  'CREATE INDEX journal_user_sip ON journal (lower(user_sip))',
  'CREATE INDEX journal_started_at ON journal (started_at)',
  'CREATE INDEX chat_sender ON chat_messages (lower(sender_sip))',
  'CREATE INDEX chat_recipient ON chat_messages (lower(recipient_sip))',
  'CREATE INDEX chat_sent_at ON chat_messages (sent_at)',
];

export function fillSqlite(file: string, options: FillOptions, now: number, progress: (message: string) => void): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE journal (id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, user_sip TEXT NOT NULL, remote_number TEXT, remote_name TEXT, duration INTEGER NOT NULL, is_private INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE chat_messages (id INTEGER PRIMARY KEY, sent_at TEXT NOT NULL, sender_sip TEXT NOT NULL, recipient_sip TEXT NOT NULL, body TEXT NOT NULL);`);
  const next = mulberry32(20261205);
  const call = db.prepare('INSERT INTO journal (started_at, user_sip, remote_number, remote_name, duration, is_private) VALUES (?, ?, ?, ?, ?, ?)');
  const message = db.prepare('INSERT INTO chat_messages (sent_at, sender_sip, recipient_sip, body) VALUES (?, ?, ?, ?)');
  // In the order a journal writes them: as calls end, the oldest first (a minute's jitter).
  const when = (i: number, of: number): string => new Date(now - 730 * DAY + Math.floor(((i + next()) / of) * 730 * DAY)).toISOString();
  const chunk = 250_000;
  for (let done = 0; done < options.journal; done += chunk) {
    db.transaction(() => {
      for (let i = done; i < Math.min(options.journal, done + chunk); i++) {
        const n = options.heavyEvery && i % options.heavyEvery === 0 ? 0 : Math.floor(next() * NUMBERS);
        call.run(when(i, options.journal), sipOf(Math.floor(next() * USERS)), numberOf(n), `Contact ${n}`, 10 + Math.floor(next() * 1800), next() < 0.1 ? 1 : 0);
      }
    })();
    progress(`sqlite: journal ${Math.min(options.journal, done + chunk).toLocaleString('en')} rows`);
  }
  db.transaction(() => {
    for (let i = 0; i < options.chat; i++) message.run(when(i, options.chat), sipOf(Math.floor(next() * USERS)), sipOf(Math.floor(next() * USERS)), 'Passt 14 Uhr?');
  })();
  const tasks = options.tasks ?? 0;
  if (tasks > 0) {
    db.exec('CREATE TABLE tasks (id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, contact_phone TEXT, contact_name TEXT, owner_sip TEXT NOT NULL)');
    const task = db.prepare('INSERT INTO tasks (created_at, contact_phone, contact_name, owner_sip) VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < tasks; i++) {
        const n = Math.floor(next() * NUMBERS);
        task.run(when(i, tasks), numberOf(n), `Contact ${n}`, sipOf(Math.floor(next() * USERS)));
      }
    })();
  }
  progress('sqlite: indexing');
  for (const index of [...INDEXES, ...(tasks > 0 ? TASK_INDEXES : [])]) db.exec(index);
  db.exec('ANALYZE');
  db.close();
}

export async function fillPostgres(url: string, options: FillOptions, now: number, progress: (message: string) => void): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE journal (id bigserial PRIMARY KEY, started_at timestamptz NOT NULL, user_sip text NOT NULL, remote_number text, remote_name text, duration integer NOT NULL, is_private integer NOT NULL DEFAULT 0);
      CREATE TABLE chat_messages (id bigserial PRIMARY KEY, sent_at timestamptz NOT NULL, sender_sip text NOT NULL, recipient_sip text NOT NULL, body text NOT NULL);`);
    const at = new Date(now).toISOString();
    // Generated by the server (the same shape as on SQLite): far faster than sending 6 million rows.
    const chunk = 1_000_000;
    for (let done = 0; done < options.journal; done += chunk) {
      await client.query(
        `INSERT INTO journal (started_at, user_sip, remote_number, remote_name, duration, is_private)
         SELECT $1::timestamptz - interval '730 days' + (i + random()) / $4 * interval '730 days', 'sip:user' || floor(random() * ${USERS})::int || '@example.com', '+4930' || lpad((5000000 + n)::text, 8, '0'), 'Contact ' || n, 10 + floor(random() * 1800)::int, (random() < 0.1)::int
         FROM (SELECT i, CASE WHEN $5::int > 0 AND i % $5::int = 0 THEN 0 ELSE floor(random() * ${NUMBERS})::int END AS n FROM generate_series($3::int, $3::int + $2::int - 1) i) g`,
        [at, Math.min(chunk, options.journal - done), done, options.journal, options.heavyEvery ?? 0],
      );
      progress(`postgres: journal ${Math.min(options.journal, done + chunk).toLocaleString('en')} rows`);
    }
    await client.query(
      `INSERT INTO chat_messages (sent_at, sender_sip, recipient_sip, body)
       SELECT $1::timestamptz - interval '730 days' + (i + random()) / $2 * interval '730 days', 'sip:user' || floor(random() * ${USERS})::int || '@example.com', 'sip:user' || floor(random() * ${USERS})::int || '@example.com', 'Passt 14 Uhr?' FROM generate_series(0, $2::int - 1) i`,
      [at, options.chat],
    );
    const tasks = options.tasks ?? 0;
    if (tasks > 0) {
      await client.query('CREATE TABLE tasks (id bigserial PRIMARY KEY, created_at timestamptz NOT NULL, contact_phone text, contact_name text, owner_sip text NOT NULL)');
      await client.query(
        `INSERT INTO tasks (created_at, contact_phone, contact_name, owner_sip)
         SELECT $1::timestamptz - interval '730 days' + (i + random()) / $2 * interval '730 days', '+4930' || lpad((5000000 + n)::text, 8, '0'), 'Contact ' || n, 'sip:user' || floor(random() * ${USERS})::int || '@example.com'
         FROM (SELECT i, floor(random() * ${NUMBERS})::int AS n FROM generate_series(0, $2::int - 1) i) g`,
        [at, tasks],
      );
    }
    progress('postgres: indexing');
    for (const index of [...INDEXES, ...(tasks > 0 ? TASK_INDEXES : [])]) await client.query(index);
    // Vacuumed as well as analysed, as autovacuum leaves a table that was filled: otherwise it would
    // vacuum 5,000,000 new rows in the background while the bench times its queries.
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
}

