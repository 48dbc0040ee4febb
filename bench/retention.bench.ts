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
import { NUMBERS, chatDefinition, fillPostgres, fillSqlite, journalDefinition, numberOf } from './bench-sources';
import { mulberry32 } from './generate-organisation';

const TARGETS = { summaryMs: 5000, findMs: 200, purgeRowsPerSecond: 50_000, lookupP99Ms: 50 } as const;

interface Options {
  batchMs: number;
  journal: number;
  chat: number;
  batch: number;
  finds: number;
  interval: number;
}

const progress = (message: string): void => void process.stderr.write(`[bench:retention] ${message}\n`);

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
    fillSqlite(file, options, now.getTime(), progress);
    progress(`sqlite: filled in ${Math.round((performance.now() - fillStarted) / 1000)} s`);
    const sqlite = await measure('sqlite', { dialect: 'sqlite', file }, file, options, now);
    const postgres = await withPostgres('privacy_desk_retention_bench', async (url) => {
      const started = performance.now();
      await fillPostgres(url, options, now.getTime(), progress);
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
