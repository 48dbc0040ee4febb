import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { buildAccessReport } from '../../../src/domain/execution/access-report';
import { reportHtml, reportJson, reportPdf } from '../../../src/ports/reports/report-files';
import { renderReportZip, stopReportWorkers, warmReportWorkers } from '../../../src/ports/reports/report-workers';
import { hasExecutable, requireService } from '../../support/services';

const PDFTOTEXT = '/usr/bin/pdftotext';
const PDFINFO = '/usr/bin/pdfinfo';
const PDFFONTS = '/usr/bin/pdffonts';
const available = requireService('pdftotext (poppler-utils)', hasExecutable(PDFTOTEXT) && hasExecutable(PDFFONTS), 'apt-get install poppler-utils');
const maybe = available ? describe : describe.skip;

const report = buildAccessReport({
  caseNumber: 'DSR-2026-0007',
  subjectName: 'Jürgen Müßig',
  subject: { firstName: 'Jürgen', lastName: 'Müßig', phones: ['+49 89 1234567'] },
  region: 'DE',
  records: [
    { source: 'journal', category: 'H', key: '17', at: new Date('2026-11-30T08:15:00Z'), match: 'identifier', items: { 'H.1': 'Jürgen Müßig', 'H.2': '089 1234567', 'H.3': 'Erika Muster', 'H.5': '+49 30 9876543', 'H.4': 'Größenwahn <b>' } },
  ],
  includeNameOnly: new Set(),
  retentionDays: { H: 90 },
  issuedAt: new Date('2026-12-05T10:00:00Z'),
});

const dir = mkdtempSync(join(tmpdir(), 'report-'));
const text = (pdf: Buffer, name: string): string => {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return execFileSync(PDFTOTEXT, ['-layout', file, '-'], { encoding: 'utf8' });
};

maybe('the access report as files', () => {
  afterAll(stopReportWorkers);
  it('writes a tagged German PDF with embedded fonts whose text carries the umlauts, the times and the redaction', async () => {
    const pdf = await reportPdf(report, 'de', 'Europe/Berlin');
    const content = text(pdf, 'de.pdf');
    expect(content).toContain('Auskunft nach Art. 15 DSGVO — DSR-2026-0007');
    expect(content).toContain('Jürgen Müßig');
    expect(content).toContain('Größenwahn <b>');
    expect(content).toContain('30. November 2026 um 09:15');
    expect(content).toContain('geschwärzt (Daten einer anderen Person)');
    expect(content).not.toContain('Erika Muster');
    expect(content).not.toContain('9876543');
    expect(content).toMatch(/Aufsichtsbehörde/);
    const info = execFileSync(PDFINFO, [join(dir, 'de.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Tagged:\s+yes/);
    const fonts = execFileSync(PDFFONTS, [join(dir, 'de.pdf')], { encoding: 'utf8' });
    // Every font embedded (the "emb" column) and none of the 14 standard ones that cannot print ß.
    const rows = fonts.split('\n').slice(2).filter((l) => l.trim() !== '');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/DejaVuSans.*\byes\b/);
  });

  it('writes the English PDF in English', async () => {
    const content = text(await reportPdf(report, 'en', 'Europe/Berlin'), 'en.pdf');
    expect(content).toContain('Access under Art. 15 GDPR — DSR-2026-0007');
    expect(content).toContain("redacted (another person's data)");
    expect(content).toContain('30 November 2026');
    expect(content).toMatch(/supervisory\s+authority/);
  });

  it('writes HTML with the language set and the values escaped', () => {
    const html = reportHtml(report, 'de', 'Europe/Berlin');
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Größenwahn &lt;b&gt;');
    expect(html).not.toContain('Erika');
  });

  it('writes JSON a machine reads back, and a ZIP of every format — the PDFs set on worker threads as in the bot, or here', async () => {
    const json = JSON.parse(reportJson(report)) as { format: string; version: number; caseNumber: string; categories: unknown[] };
    expect(json).toMatchObject({ format: 'privacy-desk/access-report', version: 1, caseNumber: 'DSR-2026-0007' });
    for (const inProcess of [false, true]) {
      const zip = new AdmZip(await renderReportZip(report, 'Europe/Berlin', { inProcess }));
      expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['DSR-2026-0007-de.html', 'DSR-2026-0007-de.pdf', 'DSR-2026-0007-en.html', 'DSR-2026-0007-en.pdf', 'DSR-2026-0007.json']);
      expect(text(zip.readFile('DSR-2026-0007-de.pdf') as Buffer, `zip-${inProcess}.pdf`)).toContain('Jürgen Müßig');
    }
  });

  it('sets every document in a thread alike: the parsed fonts are shared, each document’s glyphs its own', async () => {
    // The letters a document's subset leaves behind must not go missing from the next one's text.
    const first = text(await reportPdf(report, 'en', 'Europe/Berlin'), 'first.pdf');
    text(await reportPdf(report, 'de', 'Europe/Berlin'), 'between.pdf');
    const third = text(await reportPdf(report, 'en', 'Europe/Berlin'), 'third.pdf');
    expect(third).toBe(first);
    expect(first).toContain('Your rights');
    // A record: its items by catalogue number (the legend above says what each is), several to a line.
    expect(first).toMatch(/H\.1\s+Caller's display name/);
    expect(first).toMatch(/H\.1: Jürgen Müßig\s+·\s+H\.2: 089 1234567/);
  });

  it('warms the workers with a made-up report, after which a real one comes out the same', async () => {
    const before = new AdmZip(await renderReportZip(report, 'Europe/Berlin'));
    await stopReportWorkers();
    await warmReportWorkers('Europe/Berlin');
    const after = new AdmZip(await renderReportZip(report, 'Europe/Berlin'));
    for (const name of ['DSR-2026-0007-de.pdf', 'DSR-2026-0007-en.pdf']) expect(text(after.readFile(name) as Buffer, `warm-${name}`)).toBe(text(before.readFile(name) as Buffer, `cold-${name}`));
  });
});
