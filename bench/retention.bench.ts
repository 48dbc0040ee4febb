/**
 * Retention benchmark (`npm run bench:retention`): a call journal of 5,000,000 rows and 1,000,000
 * chat messages over two years, in the order a journal writes them (oldest first), on SQLite and on PostgreSQL (skipped, and said so, when it cannot be
 * reached), indexed as the README asks a source to be. Times:
 * - the retention summary (every source's statistics and what is past its period; target < 5 s);
 * - finding one person by phone number in the journal (target < 200 ms; the query plan is checked:
 *   an index, no full scan);
 * - the purge of everything past its period (365 days: about half of each table; target ≥ 50,000
 *   rows/s), while the bot's lookups go on in the same process, one every 2 ms — each timed from the
 *   moment it was due, so that a batch holding the event loop counts (target p99 < 50 ms).
 * Prints one JSON object to stdout; progress goes to stderr.
 *
 * Options (or RETENTION_BENCH_*): --journal (5000000), --chat (1000000), --batch (first purge batch,
 * 10000), --batch-ms (how long one batch may hold the source, 1000: RETENTION_PURGE_BATCH_MS),
 * --finds (20), --interval (lookup every N ms, 2). BENCH_POSTGRES_URL: see bench-postgres.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { RetentionDesk } from '../src/app/retention-desk';
import type { SourceDefinition } from '../src/config/sources-file';
import { loadConfig } from '../src/config/config';
import { silentLogger } from '../src/ports/logger/logger.port';
import { SqlSource } from '../src/ports/sources/sql-source.adapter';
import { openStores } from '../src/ports/store/sql/stores';
import { createApp } from '../src/startup/create-app';
import { FIELD_IDS } from '../src/domain/matrix/fields';
import { readNumericOptions } from './bench-options';
import { withPostgres } from './bench-postgres';
import { mulberry32 } from './generate-organisation';

const TARGETS = { summaryMs: 5000, findMs: 200, purgeRowsPerSecond: 50_000, lookupP99Ms: 50 } as const;
const DAY = 86_400_000;
/** Distinct outside numbers in the journal (a large company's customers and suppliers). */
const NUMBERS = 200_000;
const USERS = 2_000;

interface Options {
  batchMs: number;
  journal: number;
  chat: number;
  batch: number;
  finds: number;
  interval: number;
}

const progress = (message: string): void => void process.stderr.write(`[bench:retention] ${message}\n`);

const journalDefinition = (connection: SourceDefinition['connection']): SourceDefinition => ({
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
const chatDefinition = (connection: SourceDefinition['connection']): SourceDefinition => ({
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
const numberOf = (n: number): string => `+4930${String(5_000_000 + n).padStart(8, '0')}`;
const sipOf = (n: number): string => `sip:user${n}@example.com`;

const INDEXES = [
  'CREATE INDEX journal_remote_number ON journal (remote_number)',
  'CREATE INDEX journal_remote_name ON journal (lower(remote_name))',
  'CREATE INDEX journal_user_sip ON journal (lower(user_sip))',
  'CREATE INDEX journal_started_at ON journal (started_at)',
  'CREATE INDEX chat_sender ON chat_messages (lower(sender_sip))',
  'CREATE INDEX chat_recipient ON chat_messages (lower(recipient_sip))',
  'CREATE INDEX chat_sent_at ON chat_messages (sent_at)',
];

function fillSqlite(file: string, options: Options, now: number): void {
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
        const n = Math.floor(next() * NUMBERS);
        call.run(when(i, options.journal), sipOf(Math.floor(next() * USERS)), numberOf(n), `Contact ${n}`, 10 + Math.floor(next() * 1800), next() < 0.1 ? 1 : 0);
      }
    })();
    progress(`sqlite: journal ${Math.min(options.journal, done + chunk).toLocaleString('en')} rows`);
  }
  db.transaction(() => {
    for (let i = 0; i < options.chat; i++) message.run(when(i, options.chat), sipOf(Math.floor(next() * USERS)), sipOf(Math.floor(next() * USERS)), 'Passt 14 Uhr?');
  })();
  progress('sqlite: indexing');
  for (const index of INDEXES) db.exec(index);
  db.exec('ANALYZE');
  db.close();
}

async function fillPostgres(url: string, options: Options, now: number): Promise<void> {
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
         FROM (SELECT i, floor(random() * ${NUMBERS})::int AS n FROM generate_series($3::int, $3::int + $2::int - 1) i) g`,
        [at, Math.min(chunk, options.journal - done), done, options.journal],
      );
      progress(`postgres: journal ${Math.min(options.journal, done + chunk).toLocaleString('en')} rows`);
    }
    await client.query(
      `INSERT INTO chat_messages (sent_at, sender_sip, recipient_sip, body)
       SELECT $1::timestamptz - interval '730 days' + (i + random()) / $2 * interval '730 days', 'sip:user' || floor(random() * ${USERS})::int || '@example.com', 'sip:user' || floor(random() * ${USERS})::int || '@example.com', 'Passt 14 Uhr?' FROM generate_series(0, $2::int - 1) i`,
      [at, options.chat],
    );
    progress('postgres: indexing');
    for (const index of INDEXES) await client.query(index);
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The bot's lookups, one every `intervalMs` while `during` runs, each timed from when it was due:
 * what a person asking in Teams would wait while the purge runs in the same process.
 */
async function lookupsDuring<T>(intervalMs: number, during: () => Promise<T>): Promise<{ result: T; lookups: { count: number; p50Ms: number; p99Ms: number; maxMs: number } }> {
  const app = await createApp(loadConfig({ DATABASE_FILE: ':memory:' }), silentLogger);
  const desk = app.desk;
  const askers = Array.from({ length: desk.directory.size }, (_, i) => i);
  const latencies: number[] = [];
  let running = true;
  let k = 0;
  const loop = (async () => {
    let due = performance.now();
    while (running) {
      due += intervalMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      else await new Promise((resolve) => setImmediate(resolve));
      const asker = askers[k % askers.length] as number;
      desk.whoCanSee(asker, FIELD_IDS[k % FIELD_IDS.length] as (typeof FIELD_IDS)[number], { offset: 0, limit: 20 });
      k++;
      // A timer may fire a fraction of a millisecond early: never less than nothing.
      latencies.push(Math.max(0, performance.now() - due));
    }
  })();
  try {
    const result = await during();
    return { result, lookups: summarise(latencies) };
  } finally {
    running = false;
    await loop;
    await app.close();
  }
}

function summarise(latencies: number[]): { count: number; p50Ms: number; p99Ms: number; maxMs: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { count: sorted.length, p50Ms: round(percentile(sorted, 50), 2), p99Ms: round(percentile(sorted, 99), 2), maxMs: round(sorted.at(-1) ?? 0, 2) };
}

/** How the database answers the search by number: an index, or a full scan of the journal. */
async function findPlan(dialect: 'sqlite' | 'postgres', target: string, number: string): Promise<{ plan: string; fullScan: boolean }> {
  if (dialect === 'sqlite') {
    const db = new Database(target, { readonly: true });
    try {
      const rows = db.prepare('EXPLAIN QUERY PLAN SELECT count(*) FROM journal WHERE remote_number IN (?, ?)').all(number, number.replace('+49', '0')) as { detail: string }[];
      const plan = rows.map((r) => r.detail).join('; ');
      return { plan, fullScan: /SCAN journal(?! USING)/.test(plan) };
    } finally {
      db.close();
    }
  }
  const client = new Client({ connectionString: target });
  await client.connect();
  try {
    const rows = (await client.query('EXPLAIN SELECT count(*) FROM journal WHERE remote_number IN ($1, $2)', [number, number.replace('+49', '0')])).rows as { 'QUERY PLAN': string }[];
    const plan = rows.map((r) => r['QUERY PLAN'].trim()).join('; ');
    return { plan, fullScan: /Seq Scan on journal/.test(plan) };
  } finally {
    await client.end();
  }
}

async function measure(dialect: 'sqlite' | 'postgres', connection: SourceDefinition['connection'], target: string, options: Options, now: Date): Promise<Record<string, unknown>> {
  const journal = SqlSource.open(journalDefinition(connection), 'DE');
  const chat = SqlSource.open(chatDefinition(connection), 'DE');
  const stores = await openStores({ kind: 'sqlite', file: ':memory:' });
  const desk = new RetentionDesk({ sources: [journal, chat], policy: { journalDays: 365, chatDays: 365, batchMs: options.batchMs }, timeZone: 'Europe/Berlin', audit: stores.audit, requests: stores.requests, clock: { now: () => now } });
  try {
    progress(`${dialect}: summary`);
    const summaryStarted = performance.now();
    const summary = await desk.summary();
    const summaryMs = performance.now() - summaryStarted;
    const due = summary.needsAction.reduce((sum, a) => sum + (a.kind === 'purgeDue' ? a.count : 0), 0);

    progress(`${dialect}: finding people by phone`);
    const next = mulberry32(7);
    const findMs: number[] = [];
    let found = 0;
    for (let i = 0; i < options.finds; i++) {
      const n = Math.floor(next() * NUMBERS);
      // Written as a person would type it: national, with spaces.
      const typed = `030 ${String(5_000_000 + n).padStart(8, '0')}`;
      const started = performance.now();
      const findings = await journal.find({ phones: [typed] });
      findMs.push(performance.now() - started);
      found += findings.reduce((sum, f) => sum + f.count, 0);
    }
    const plan = await findPlan(dialect, target, numberOf(1));
    const findSorted = [...findMs].sort((a, b) => a - b);

    progress(`${dialect}: purging ${due.toLocaleString('en')} rows while lookups go on`);
    const { result: purged, lookups } = await lookupsDuring(options.interval, async () => {
      const started = performance.now();
      const run = await desk.purge({ actor: 'bench', batchSize: options.batch });
      return { run, ms: performance.now() - started };
    });
    const deleted = purged.run.results.reduce((sum, r) => sum + r.deleted, 0);
    const rowsPerSecond = deleted / (purged.ms / 1000);
    return {
      rows: { journal: options.journal, chat: options.chat },
      summary: { ms: Math.round(summaryMs), pastDue: due, targetMs: TARGETS.summaryMs, met: summaryMs < TARGETS.summaryMs },
      findByPhone: {
        searches: options.finds,
        recordsFound: found,
        p50Ms: round(percentile(findSorted, 50), 2),
        maxMs: round(findSorted.at(-1) ?? 0, 2),
        plan: plan.plan,
        fullScan: plan.fullScan,
        targetMs: TARGETS.findMs,
        met: (findSorted.at(-1) ?? Infinity) < TARGETS.findMs && !plan.fullScan,
      },
      purge: {
        deleted,
        seconds: round(purged.ms / 1000, 2),
        rowsPerSecond: Math.round(rowsPerSecond),
        firstBatch: options.batch,
        batchMs: options.batchMs,
        failed: purged.run.failed.length,
        targetRowsPerSecond: TARGETS.purgeRowsPerSecond,
        met: rowsPerSecond >= TARGETS.purgeRowsPerSecond && purged.run.failed.length === 0,
      },
      // Lookups that never got their turn would read as fast ones: as many as the interval allows must have run.
      lookupsDuringPurge: { ...lookups, everyMs: options.interval, targetP99Ms: TARGETS.lookupP99Ms, met: lookups.p99Ms < TARGETS.lookupP99Ms && lookups.count >= (purged.ms / options.interval) * 0.5 },
    };
  } finally {
    await desk.close();
    await stores.close();
  }
}

async function main(): Promise<void> {
  const options: Options = { journal: 5_000_000, chat: 1_000_000, batch: 10_000, batchMs: 1000, finds: 20, interval: 2 };
  readNumericOptions(options, { journal: 'journal', chat: 'chat', batch: 'batch', 'batch-ms': 'batchMs', finds: 'finds', interval: 'interval' }, process.argv.slice(2), process.env, 'RETENTION_BENCH');
  const now = new Date();
  const dir = mkdtempSync(join(tmpdir(), 'privacy-desk-retention-bench-'));
  try {
    const file = join(dir, 'sources.sqlite');
    const fillStarted = performance.now();
    fillSqlite(file, options, now.getTime());
    progress(`sqlite: filled in ${Math.round((performance.now() - fillStarted) / 1000)} s`);
    const sqlite = await measure('sqlite', { dialect: 'sqlite', file }, file, options, now);
    const postgres = await withPostgres('privacy_desk_retention_bench', async (url) => {
      const started = performance.now();
      await fillPostgres(url, options, now.getTime());
      progress(`postgres: filled in ${Math.round((performance.now() - started) / 1000)} s`);
      return measure('postgres', { dialect: 'postgres', url, variable: 'BENCH_POSTGRES_URL' }, url, options, now);
    });
    process.stdout.write(`${JSON.stringify({ bench: 'retention', node: process.version, targets: TARGETS, sqlite, postgres }, null, 2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
