import AdmZip from 'adm-zip';
import PDFDocument from 'pdfkit';
import type { AccessReport, ReportRecord } from '../../domain/execution/access-report';
import { reportFonts } from './report-fonts';
import { REPORT_LANGUAGES, REPORT_TEXT, type ReportLanguage, inLanguage, showTime, showValue } from './report-text';

/** The report's formats: PDF and HTML in each language, JSON once (machine-readable, Art. 20). */
export type ReportFormat = 'pdf' | 'html' | 'json' | 'zip';
export const REPORT_FORMATS: readonly ReportFormat[] = ['pdf', 'html', 'json', 'zip'];

/**
 * A tagged PDF (the structure tree's root made, the document's language set, the title shown) with
 * the DejaVu fonts embedded as `regular` and `bold`; `done` resolves with its bytes once it is ended.
 */
export function taggedPdf(language: ReportLanguage, title: string, layout: { margin?: number; margins?: { top: number; bottom: number; left: number; right: number } }, created = new Date()): { doc: PDFKit.PDFDocument; root: PDFKit.PDFStructureElement; done: Promise<Buffer> } {
  const doc = new PDFDocument({ tagged: true, lang: language === 'de' ? 'de-DE' : 'en-GB', displayTitle: true, pdfVersion: '1.7', size: 'A4', ...layout, info: { Title: title, Author: 'privacy-desk', CreationDate: created } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const { regular, bold } = reportFonts();
  // pdfkit takes a parsed (fontkit) font as well as a file; its typings name only the file.
  doc.registerFont('regular', regular as unknown as string);
  doc.registerFont('bold', bold as unknown as string);
  const root = doc.struct('Document');
  doc.addStructure(root);
  return { doc, root, done };
}

/** The JSON copy: the report as data, with a format name and version for whoever reads it by machine. */
export function reportJson(report: AccessReport): string {
  return `${JSON.stringify({ format: 'privacy-desk/access-report', version: 1, ...report }, null, 2)}\n`;
}

/** Between a record's items on one line of the PDF. */
const SEPARATOR = '  ·  ';

const HTML_SPECIAL = /[&<>"']/;
const escapeHtml = (text: string): string => (HTML_SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string) : text);

const recordNotes = (record: ReportRecord, language: ReportLanguage): string[] => {
  const t = REPORT_TEXT[language];
  return [...(record.nameOnly ? [t.nameOnly] : []), ...(record.private ? [t.private] : [])];
};

/** The HTML copy in one language: one self-contained page, readable in any browser and by screen readers. */
export function reportHtml(report: AccessReport, language: ReportLanguage, timeZone: string): string {
  const t = REPORT_TEXT[language];
  const h = escapeHtml;
  const out: string[] = [];
  /** Each item's row heading, made once: thousands of records name the same few items. */
  const labels = new Map<string, string>();
  out.push(`<!doctype html>\n<html lang="${language}">\n<head>\n<meta charset="utf-8">\n<title>${h(t.title(report.caseNumber))}</title>`);
  out.push('<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #999;padding:.2rem .5rem;text-align:left;vertical-align:top}.redacted{background:#222;color:#fff}</style>\n</head>\n<body>');
  out.push(`<h1>${h(t.title(report.caseNumber))}</h1>`);
  out.push(`<dl><dt>${h(t.about)}</dt><dd>${h(report.subjectName)}</dd><dt>${h(t.issued)}</dt><dd>${h(showTime(report.issuedAt, language, timeZone))}</dd><dt>${h(t.newest)}</dt><dd>${h(report.newestRecordAt ? showTime(report.newestRecordAt, language, timeZone) : t.noRecords)}</dd></dl>`);
  out.push(`<p>${h(report.processed ? t.confirmYes : t.confirmNo)}</p>`);
  for (const category of report.categories) {
    out.push(`<section>\n<h2>${h(t.category(category.id, inLanguage(category.name, language)))}</h2>`);
    out.push('<dl>');
    for (const [term, text] of [
      [t.purpose, category.purpose],
      [t.legalBasis, category.legalBasis],
      [t.recipients, category.recipients],
      [t.retention, category.retention],
      [t.origin, category.origin],
      [t.redaction, category.redaction],
    ] as const) {
      out.push(`<dt>${h(term)}</dt><dd>${h(inLanguage(text, language))}</dd>`);
    }
    out.push(`</dl>\n<h3>${h(t.records(category.records.length))}</h3>`);
    for (const record of category.records) {
      const notes = recordNotes(record, language);
      out.push(`<table>\n<caption>${h(t.record(record.source, record.key))}${record.at ? ` — ${h(showTime(record.at, language, timeZone))}` : ''}${notes.length > 0 ? ` (${h(notes.join('; '))})` : ''}</caption>`);
      out.push(`<tr><th scope="col">${h(t.item)}</th><th scope="col">${h(t.value)}</th></tr>`);
      for (const item of record.items) {
        let label = labels.get(item.id);
        if (label === undefined) {
          label = `<th scope="row">${h(item.id)} ${h(inLanguage(item.label, language))}</th>`;
          labels.set(item.id, label);
        }
        const shown = item.value === null ? '' : showValue(item.value, language, timeZone);
        const value = item.value === null ? (item.redacted ? `<span class="redacted">${h(t.redacted)}</span>` : h(t.empty)) : shown === item.value ? h(item.value) : `<time datetime="${h(item.value)}">${h(shown)}</time>`;
        out.push(`<tr>${label}<td>${value}</td></tr>`);
      }
      out.push('</table>');
    }
    out.push('</section>');
  }
  if (report.unavailable.length > 0) {
    out.push(`<h2>${h(t.unavailable)}</h2>\n<p>${h(t.unavailableText(report.unavailable.map((u) => `${u.source} (${u.category})`).join(', ')))}</p>`);
  }
  out.push(`<h2>${h(t.rights)}</h2>\n<ul>${report.rights.map((r) => `<li>${h(inLanguage(r, language))}</li>`).join('')}</ul>`);
  out.push(`<h2>${h(t.dataSources)}</h2>\n<ul>${report.dataSources.map((r) => `<li>${h(inLanguage(r, language))}</li>`).join('')}</ul>`);
  out.push('</body>\n</html>\n');
  return out.join('\n');
}

/**
 * The PDF copy in one language: tagged (headings, paragraphs, tables in the structure tree, the
 * document's language set) and with its fonts embedded, so that umlauts print and screen readers read it.
 */
export async function reportPdf(report: AccessReport, language: ReportLanguage, timeZone: string): Promise<Buffer> {
  const t = REPORT_TEXT[language];
  const { doc, root, done } = taggedPdf(language, t.title(report.caseNumber), { margin: 50 }, new Date(report.issuedAt));
  const heading = (tag: 'H1' | 'H2' | 'H3', text: string, size: number): void => {
    doc.moveDown(0.5).font('bold').fontSize(size).text(text, { structParent: root, structType: tag } as PDFKit.Mixins.TextOptions);
    doc.font('regular').fontSize(10);
  };
  const paragraph = (text: string): void => {
    doc.font('regular').fontSize(10).text(text, { structParent: root, structType: 'P' } as PDFKit.Mixins.TextOptions);
  };
  const table = (rows: string[][], header = true): void => {
    doc.font('regular').fontSize(9);
    doc.table({
      structParent: root,
      columnStyles: [170, '*'],
      data: rows.map((row, index) => row.map((text) => ({ text, type: header && index === 0 ? ('TH' as const) : ('TD' as const) }))),
    } as PDFKit.Mixins.TableOptionsWithData);
    doc.moveDown(0.5);
  };

  const bottom = (): number => doc.page.height - doc.page.margins.bottom;

  /**
   * One tagged paragraph per record: which record (and when, unless an item says it), then its items
   * as `id: value`, as many to a line as fit — most calls take one line. Each line is set without
   * pdfkit's line wrapper (which costs about a millisecond a line: seconds for a person with thousands
   * of calls); only a piece too long for a line of its own (a chat message) is wrapped. Marked content
   * never runs across a page: it is ended before a new page and begun again after.
   */
  const record = (pieces: string[]): void => {
    const paragraph = doc.struct('P');
    root.add(paragraph);
    paragraph.add(doc.markStructureContent('P'));
    const left = doc.page.margins.left;
    const width = doc.page.width - doc.page.margins.right - left;
    const indent = 12;
    const set = (text: string, x: number, wrapped: boolean): void => {
      const height = wrapped ? doc.heightOfString(text, { width: width - indent }) : doc.currentLineHeight(true);
      if (doc.y + height > bottom()) {
        doc.endMarkedContent();
        doc.addPage();
        paragraph.add(doc.markStructureContent('P'));
      }
      const y = doc.y;
      if (wrapped) doc.text(text, x, y, { width: width - indent });
      else doc.text(text, x, y, { lineBreak: false });
      doc.y = y + height;
    };
    doc.y += 2;
    doc.font('regular').fontSize(8.5);
    const gap = doc.widthOfString(SEPARATOR);
    let line = '';
    let used = 0;
    // The first line starts at the margin, the ones after it are indented.
    let x = left;
    let room = width;
    const flush = (): void => {
      if (line !== '') set(`${line} `, x, false);
      line = '';
      used = 0;
      x = left + indent;
      room = width - indent;
    };
    for (const piece of pieces) {
      // pdfkit lays text out word by word (a word ends at a space) and keeps each word's layout for
      // the document: a piece is measured as it stands in a line, followed by a space, and every line
      // ends with one, so each value is laid out once rather than once measured and once set.
      const pieceWidth = doc.widthOfString(`${piece} `);
      if (line !== '' && used + gap + pieceWidth <= room) {
        line += SEPARATOR + piece;
        used += gap + pieceWidth;
        continue;
      }
      if (line !== '') flush();
      if (pieceWidth > room) {
        set(piece, x, true);
        flush();
      } else {
        line = piece;
        used = pieceWidth;
      }
    }
    flush();
    doc.endMarkedContent();
    paragraph.end();
    doc.x = left;
  };

  heading('H1', t.title(report.caseNumber), 16);
  table([
    [t.about, report.subjectName],
    [t.issued, showTime(report.issuedAt, language, timeZone)],
    [t.newest, report.newestRecordAt ? showTime(report.newestRecordAt, language, timeZone) : t.noRecords],
  ], false);
  paragraph(report.processed ? t.confirmYes : t.confirmNo);
  for (const category of report.categories) {
    heading('H2', t.category(category.id, inLanguage(category.name, language)), 13);
    table([
      [t.purpose, inLanguage(category.purpose, language)],
      [t.legalBasis, inLanguage(category.legalBasis, language)],
      [t.recipients, inLanguage(category.recipients, language)],
      [t.retention, inLanguage(category.retention, language)],
      [t.origin, inLanguage(category.origin, language)],
      [t.redaction, inLanguage(category.redaction, language)],
    ], false);
    // The category's items with their labels, once: the records name them by number.
    const items = new Map<string, string>();
    for (const r of category.records) for (const item of r.items) if (!items.has(item.id)) items.set(item.id, inLanguage(item.label, language));
    heading('H3', t.records(category.records.length), 11);
    if (items.size > 0) {
      paragraph(t.legend);
      table([[t.item, t.label], ...items]);
    }
    for (const [index, r] of category.records.entries()) {
      // Setting type is synchronous work: the thread's other work gets its go every 200 records.
      if (index > 0 && index % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
      const notes = recordNotes(r, language);
      const values = r.items.map((item) => (item.value === null ? (item.redacted ? t.redacted : t.empty) : showValue(item.value, language, timeZone)));
      // When it was, unless an item says so already (a call's date and time).
      const at = r.at ? Date.parse(r.at) : Number.NaN;
      const timed = !Number.isNaN(at) && !r.items.some((item, i) => item.value !== null && values[i] !== item.value && Date.parse(item.value) === at);
      record([`${t.record(r.source, r.key)}${timed ? ` — ${showTime(r.at as string, language, timeZone)}` : ''}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`, ...r.items.map((item, i) => `${item.id}: ${values[i]}`)]);
    }
  }
  if (report.unavailable.length > 0) {
    heading('H2', t.unavailable, 13);
    paragraph(t.unavailableText(report.unavailable.map((u) => `${u.source} (${u.category})`).join(', ')));
  }
  heading('H2', t.rights, 13);
  for (const right of report.rights) paragraph(`• ${inLanguage(right, language)}`);
  heading('H2', t.dataSources, 13);
  for (const source of report.dataSources) paragraph(`• ${inLanguage(source, language)}`);
  root.end();
  doc.end();
  return done;
}

/** Every format in one ZIP, as the DPO receives it: JSON, then PDF and HTML in each language, one after the other. */
export async function reportZip(report: AccessReport, timeZone: string): Promise<Buffer> {
  const zip = new AdmZip();
  zip.addFile(`${report.caseNumber}.json`, Buffer.from(reportJson(report)));
  for (const language of REPORT_LANGUAGES) {
    zip.addFile(`${report.caseNumber}-${language}.pdf`, await reportPdf(report, language, timeZone));
    zip.addFile(`${report.caseNumber}-${language}.html`, Buffer.from(reportHtml(report, language, timeZone)));
  }
  return zip.toBuffer();
}
