import { Worker } from 'node:worker_threads';

/**
 * The batches of a purge on a SQLite file, run on a worker thread of their own: better-sqlite3 works
 * synchronously, and a batch that deletes thousands of records (and their index entries) would hold
 * the bot's event loop — every lookup waiting behind it. The worker opens its own connection to the
 * file and runs one statement per batch, each committed on its own (a crash loses nothing done), until
 * a batch deletes fewer than it was asked to or `maxBatches` have run.
 *
 * Batches are bounded in time rather than in rows: each record deleted also leaves the source's
 * indexes, at places all over them, and every batch writes every page it touched — so small batches
 * write the same index pages again and again. Starting at `batchSize`, a batch twice as large follows
 * one that took less than half of `batchMs`, a smaller one (never below `batchSize`) one that took longer
 * than `batchMs`: the file is never locked much longer than `batchMs` at a time, and throughput grows
 * with the batch. (Only where the statement's last parameter is its LIMIT: `adaptive`.)
 *
 * The worker is plain JavaScript (no build step, the same under ts-jest): it only runs a statement
 * compiled here, with its parameters.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
try {
  db.pragma('busy_timeout = 5000');
  // Index pages a batch touches are touched again by the next: kept in memory (up to 256 MB, this
  // connection's, gone when the purge ends) rather than read again; and copied back into the file
  // every 20,000 pages rather than every 1,000, so that a page changed by many batches is copied once.
  db.pragma('cache_size = -262144');
  db.pragma('wal_autocheckpoint = 20000');
  // In WAL mode, commits need not wait for the disk: a batch lost to a power cut is deleted again by
  // the next run, and WAL stays consistent. Other journal modes keep the file's own setting.
  if (String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal') db.pragma('synchronous = NORMAL');
  const statement = db.prepare(workerData.sql);
  const parameters = [...workerData.parameters];
  let size = workerData.batchSize;
  let deleted = 0;
  let finished = false;
  for (let batch = 0; workerData.maxBatches === null || batch < workerData.maxBatches; batch++) {
    // Stopped from outside (the bot shuts down): after the batch under way, not in the middle of one.
    if (Atomics.load(workerData.stop, 0) === 1) break;
    if (workerData.adaptive) parameters[parameters.length - 1] = size;
    const started = Date.now();
    const n = statement.run(...parameters).changes;
    const took = Date.now() - started;
    deleted += n;
    if (n < size) {
      finished = true;
      break;
    }
    // As nextBatchSize (sql-source.adapter.ts) decides on the main thread.
    if (workerData.adaptive && took < workerData.batchMs / 2) size = Math.min(size * 2, 1000000);
    else if (workerData.adaptive && took > workerData.batchMs) size = Math.max(workerData.batchSize, Math.floor(size / 2));
  }
  // What is still only in the WAL goes into the file now (without waiting for readers).
  db.pragma('wal_checkpoint(PASSIVE)');
  parentPort.postMessage({ deleted, finished });
} finally {
  db.close();
}
`;

/** What the worker deleted, and whether it got to the end (rather than stopping after `maxBatches`). */
export function purgeInWorker(job: { file: string; sql: string; parameters: readonly unknown[]; batchSize: number; maxBatches?: number; batchMs?: number; stop: Int32Array }): Promise<{ deleted: number; finished: boolean }> {
  // A run bounded by its number of batches keeps them at `batchSize`: the bound is on the work too.
  const adaptive = job.maxBatches === undefined && /\blimit \?\)$/i.test(job.sql) && job.parameters.at(-1) === job.batchSize;
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), file: job.file, sql: job.sql, parameters: job.parameters, batchSize: job.batchSize, maxBatches: job.maxBatches ?? null, adaptive, batchMs: job.batchMs ?? 1000, stop: job.stop },
    });
    let outcome: { deleted: number; finished: boolean } | undefined;
    worker.once('message', (message: { deleted: number; finished: boolean }) => {
      outcome = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => (outcome !== undefined ? resolve(outcome) : reject(new Error(`the purge worker stopped (exit code ${code})`))));
  });
}

const CHECKPOINT = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
try {
  db.pragma('busy_timeout = 5000');
  db.pragma('wal_checkpoint(PASSIVE)');
} finally {
  db.close();
}
`;

/**
 * Copies what a write left in a SQLite file's WAL into the file itself, on a worker thread of its own
 * connection (without waiting for readers): a checkpoint after an erasure of thousands of rows
 * writes every page it touched once more — a second on a large journal — which the writing
 * connection would otherwise do inside its commit, holding the bot's event loop.
 */
export function checkpointInWorker(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CHECKPOINT, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), file } });
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the checkpoint worker stopped (exit code ${code})`))));
  });
}
