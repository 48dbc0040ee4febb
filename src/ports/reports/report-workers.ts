import { Worker } from 'node:worker_threads';
import AdmZip from 'adm-zip';
import type { AccessReport } from '../../domain/execution/access-report';
import { reportHtml, reportJson, reportPdf } from './report-files';
import { REPORT_LANGUAGES, type ReportLanguage } from './report-text';

/**
 * Sets the report's PDFs on worker threads, one per language at the same time: setting type is
 * synchronous work (about a quarter of a millisecond per record and language), which on the main
 * thread would hold every other turn of the bot, and the two languages take half as long side by side.
 * The worker loads this folder's `report-files` module — compiled JavaScript when the bot runs, the
 * TypeScript source (transpiled on load, with the development dependency `typescript`) under the tests —
 * by absolute path, whatever the process's working folder.
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
const { reportPdf } = require(workerData.module);
parentPort.on('message', ({ id, report, language, timeZone }) => {
  reportPdf(report, language, timeZone).then(
    (pdf) => parentPort.postMessage({ id, pdf }),
    (error) => parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});
`;

/** How long a worker with nothing to do is kept (warm: loaded fonts, compiled code) before it ends. */
const IDLE_MS = 5 * 60_000;

/**
 * One worker thread per language, started on first use and kept while reports come (a cold worker
 * loads pdfkit and the fonts and runs slow code for its first report: about twice the time); each
 * sets one report at a time, in the order asked. A worker that fails is replaced at the next report.
 */
class PdfWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve: (pdf: Buffer) => void; reject: (error: Error) => void }>();
  private next = 0;
  private idle: NodeJS.Timeout | undefined;

  render(report: AccessReport, language: ReportLanguage, timeZone: string): Promise<Buffer> {
    const worker = this.started();
    clearTimeout(this.idle);
    const id = ++this.next;
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, report, language, timeZone });
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
    worker.on('message', (message: { id: number; pdf?: Uint8Array; error?: string }) => {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.pdf) waiting?.resolve(Buffer.from(message.pdf));
      else waiting?.reject(new Error(message.error ?? 'the report worker failed'));
      if (this.pending.size === 0) {
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

const WORKERS = new Map<ReportLanguage, PdfWorker>(REPORT_LANGUAGES.map((language) => [language, new PdfWorker()]));

/** Ends the report workers (shutting down; the next report starts them again). */
export async function stopReportWorkers(): Promise<void> {
  await Promise.all([...WORKERS.values()].map((w) => w.stop()));
}

function pdfInWorker(report: AccessReport, language: ReportLanguage, timeZone: string): Promise<Buffer> {
  return (WORKERS.get(language) as PdfWorker).render(report, language, timeZone);
}

/**
 * Every format in one ZIP, as the DPO receives it: the PDFs set on worker threads (or, with
 * `inProcess`, here — the same files), HTML and JSON here while the workers set type.
 */
export async function renderReportZip(report: AccessReport, timeZone: string, options: { inProcess?: boolean } = {}): Promise<Buffer> {
  const pdfs = options.inProcess ? undefined : Promise.all(REPORT_LANGUAGES.map((language) => pdfInWorker(report, language, timeZone)));
  const zip = new AdmZip();
  zip.addFile(`${report.caseNumber}.json`, Buffer.from(reportJson(report)));
  for (const language of REPORT_LANGUAGES) zip.addFile(`${report.caseNumber}-${language}.html`, Buffer.from(reportHtml(report, language, timeZone)));
  const set = await (pdfs ?? Promise.all(REPORT_LANGUAGES.map((language) => reportPdf(report, language, timeZone))));
  REPORT_LANGUAGES.forEach((language, index) => zip.addFile(`${report.caseNumber}-${language}.pdf`, set[index] as Buffer));
  return zip.toBuffer();
}
