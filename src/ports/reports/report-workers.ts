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
 * TypeScript source (transpiled on load, with the development dependency `typescript`) under the tests.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.module.endsWith('.ts')) {
  const ts = require('typescript');
  const { readFileSync } = require('node:fs');
  require.extensions['.ts'] = (module, filename) => {
    const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), { fileName: filename, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
    module._compile(outputText, filename);
  };
}
const { reportPdf } = require(workerData.module);
reportPdf(workerData.report, workerData.language, workerData.timeZone).then(
  (pdf) => parentPort.postMessage({ pdf }),
  (error) => parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) }),
);
`;

/** One language's PDF on a worker thread of its own. */
function pdfInWorker(report: AccessReport, language: ReportLanguage, timeZone: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { module: require.resolve('./report-files'), report, language, timeZone } });
    let result: Buffer | undefined;
    worker.once('message', (message: { pdf?: Uint8Array; error?: string }) => {
      if (message.pdf) result = Buffer.from(message.pdf);
      else reject(new Error(message.error ?? 'the report worker failed'));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => (result ? resolve(result) : reject(new Error(`the report worker stopped (exit code ${code})`))));
  });
}

/**
 * Every format in one ZIP, as the DPO receives it: the PDFs set on worker threads (or, with
 * `inProcess`, here — the same files), HTML and JSON here.
 */
export async function renderReportZip(report: AccessReport, timeZone: string, options: { inProcess?: boolean } = {}): Promise<Buffer> {
  const pdfs = await Promise.all(REPORT_LANGUAGES.map((language) => (options.inProcess ? reportPdf(report, language, timeZone) : pdfInWorker(report, language, timeZone))));
  const zip = new AdmZip();
  zip.addFile(`${report.caseNumber}.json`, Buffer.from(reportJson(report)));
  REPORT_LANGUAGES.forEach((language, index) => {
    zip.addFile(`${report.caseNumber}-${language}.pdf`, pdfs[index] as Buffer);
    zip.addFile(`${report.caseNumber}-${language}.html`, Buffer.from(reportHtml(report, language, timeZone)));
  });
  return zip.toBuffer();
}
