import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { REPORT_FILE } from '../app/execution/execution-desk';
import { REPORT_FORMATS, type ReportFormat } from '../ports/reports/report-files';
import { openExistingDatabase } from './audit.command';

/**
 * `privacy-desk report <case> --format pdf|html|json|zip --out <dir>`: writes a started access case's
 * report as the DPO received it (the stored ZIP, or the files of one format from it: PDF and HTML in
 * German and English). Exit 1 when the case or its report is not there; 2 without a database.
 */
export async function reportCommand(caseRef: string, options: { format?: string; out?: string; database?: string }): Promise<void> {
  const format = (options.format ?? 'zip') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) {
    process.stderr.write(`--format must be one of ${REPORT_FORMATS.join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  const stores = await openExistingDatabase(options.database, 'execution_files');
  if (!stores) return;
  try {
    const request = await stores.requests.getRequest(caseRef);
    const zip = request ? await stores.jobs.file(request.id, REPORT_FILE) : undefined;
    if (!request || !zip) {
      process.stderr.write(request ? `${request.number} has no access report (not an access case, or not that far yet)\n` : `no case ${caseRef}\n`);
      process.exitCode = 1;
      return;
    }
    const out = options.out ?? '.';
    mkdirSync(out, { recursive: true });
    const files = format === 'zip' ? [{ name: `${request.number}.zip`, content: zip }] : new AdmZip(zip).getEntries().filter((e) => e.entryName.endsWith(`.${format}`)).map((e) => ({ name: e.entryName, content: e.getData() }));
    for (const file of files) {
      writeFileSync(join(out, file.name), file.content);
      process.stdout.write(`${join(out, file.name)}\n`);
    }
  } finally {
    await stores.close();
  }
}
