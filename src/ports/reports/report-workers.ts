import { Worker } from 'node:worker_threads';
import { type AccessReport, type RecordIn, buildAccessReport } from '../../domain/execution/access-report';
import { reportZip } from './report-files';

/**
 * Makes the report's files on a worker thread: setting type is synchronous work (a fraction of a
 * millisecond per record and language), which on the main thread would hold every other turn of the
 * bot. One worker, both languages one after the other: measured here (2 cores), two workers side by
 * side — one per language — took no less time than one, and twice the memory. The worker loads this
 * folder's `report-files` module — compiled JavaScript when the bot runs, the TypeScript source
 * (transpiled on load, with the development dependency `typescript`) under the tests — by absolute
 * path, whatever the process's working folder.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.typescript) {
  const ts = require(workerData.typescript);
  const { readFileSync } = require('node:fs');
  require.extensions['.ts'] = (module, filename) => {
    const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), { fileName: filename, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
    module._compile(outputText, filename);
  };
}
const { reportZip } = require(workerData.module);
parentPort.on('message', ({ id, report, timeZone }) => {
  reportZip(report, timeZone).then(
    (zip) => parentPort.postMessage({ id, zip }),
    (error) => parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});
`;

/** How long the worker with nothing to do is kept (warm: loaded fonts, compiled code) before it ends, unless kept warm. */
const IDLE_MS = 5 * 60_000;

/**
 * The worker thread, started on first use and kept while reports come (a cold worker loads pdfkit
 * and the fonts and runs slow code for its first report: about twice the time); it makes one report
 * at a time, in the order asked. A worker that fails is replaced at the next report.
 */
class ReportWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve: (zip: Buffer) => void; reject: (error: Error) => void }>();
  private next = 0;
  private idle: NodeJS.Timeout | undefined;
  /** Kept while the process runs (the bot server): never ended for being idle. */
  keep = false;

  render(report: AccessReport, timeZone: string): Promise<Buffer> {
    const worker = this.started();
    clearTimeout(this.idle);
    const id = ++this.next;
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, report, timeZone });
    });
  }

  stop(): Promise<number> | undefined {
    clearTimeout(this.idle);
    const worker = this.worker;
    this.worker = undefined;
    return worker?.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const module = require.resolve('./report-files');
    // An evaluated worker resolves what it requires from the working folder: TypeScript's own path is given.
    const worker = new Worker(WORKER, { eval: true, workerData: { module, typescript: module.endsWith('.ts') ? require.resolve('typescript') : undefined } });
    // Never what keeps the process alive.
    worker.unref();
    worker.on('message', (message: { id: number; zip?: Uint8Array; error?: string }) => {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.zip) waiting?.resolve(Buffer.from(message.zip.buffer, message.zip.byteOffset, message.zip.byteLength));
      else waiting?.reject(new Error(message.error ?? 'the report worker failed'));
      if (this.pending.size === 0 && !this.keep) {
        clearTimeout(this.idle);
        this.idle = setTimeout(() => void this.stop(), IDLE_MS);
        this.idle.unref();
      }
    });
    const fail = (error: Error): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the report worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}

const WORKER_THREAD = new ReportWorker();

/** Ends the report worker (shutting down; the next report starts it again). */
export async function stopReportWorkers(): Promise<void> {
  WORKER_THREAD.keep = false;
  await WORKER_THREAD.stop();
}

/**
 * Starts the report worker and makes a made-up report in every format (about 400 records of every
 * kind, no person's data), so that the code that sets type is compiled before a real report needs
 * it — a cold worker takes about twice as long over its first report — and keeps it while the
 * process runs (about 40 MB). The bot server calls it once it listens; a real report
 * that comes first simply waits its turn.
 */
export async function warmReportWorkers(timeZone: string): Promise<void> {
  WORKER_THREAD.keep = true;
  const records: RecordIn[] = [];
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < 300; i++) {
    records.push({ source: 'journal', category: 'H', key: String(1000 + i), at: new Date(start + i * 3_600_000), match: 'identifier', items: { 'H.1': `Kontakt ${i % 17}`, 'H.2': `+49 30 ${5550000 + i}`, 'H.6': new Date(start + i * 3_600_000).toISOString(), 'H.7': i * 7 } });
  }
  for (let i = 0; i < 100; i++) {
    records.push({ source: 'chat', category: 'C', key: String(5000 + i), at: new Date(start + i * 7_200_000), match: 'identifier', items: { 'C.1.2': 'sip:warm-up@example.invalid', 'C.1.3': `sip:other${i % 5}@example.invalid`, 'C.1.4': `Nachricht ${i}: Grüße — a message long enough to be wrapped onto a second line of the page, as a real chat message may well be.` } });
  }
  for (let i = 0; i < 10; i++) records.push({ source: 'tasks', category: 'T', key: String(i), at: new Date(start + i * 86_400_000), match: 'identifier', items: { 'T.1': '+49 30 5550000', 'T.5': 'Warm-up' } });
  const report = buildAccessReport({ caseNumber: 'WARM-UP', subjectName: 'Warm-up', subject: { name: 'Warm-up', sipAddresses: ['warm-up@example.invalid'], phones: ['+49 30 5550000'] }, region: 'DE', records, includeNameOnly: new Set(), retentionDays: {}, issuedAt: new Date(start) });
  await WORKER_THREAD.render(report, timeZone);
}

/**
 * Every format in one ZIP, as the DPO receives it: made on the worker thread (or, with `inProcess`,
 * here — the same files).
 */
export async function renderReportZip(report: AccessReport, timeZone: string, options: { inProcess?: boolean } = {}): Promise<Buffer> {
  return options.inProcess ? reportZip(report, timeZone) : WORKER_THREAD.render(report, timeZone);
}
