import AdmZip from 'adm-zip';
import PDFDocument from 'pdfkit';
import type { AnswerLetter } from '../../domain/execution/answer-letter';
import { FONT_BOLD, FONT_REGULAR } from './report-files';
import { REPORT_LANGUAGES, type ReportLanguage, showTime } from './report-text';

/** The answer letter to an outside person as a tagged PDF in one language, fonts embedded, A4 with room for a window envelope. */
export function answerLetterPdf(letter: AnswerLetter, language: ReportLanguage, timeZone: string): Promise<Buffer> {
  const doc = new PDFDocument({ tagged: true, lang: language === 'de' ? 'de-DE' : 'en-GB', displayTitle: true, pdfVersion: '1.7', size: 'A4', margins: { top: 60, bottom: 60, left: 70, right: 60 }, info: { Title: letter.subject[language], Author: 'privacy-desk' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const root = doc.struct('Document');
  doc.addStructure(root);
  const text = (value: string, options: { bold?: boolean; tag?: 'P' | 'H1'; gap?: number } = {}): void => {
    doc.font(options.bold ? 'bold' : 'regular').fontSize(options.tag === 'H1' ? 12 : 10.5);
    doc.text(value, { structParent: root, structType: options.tag ?? 'P', paragraphGap: options.gap ?? 6 } as PDFKit.Mixins.TextOptions);
  };
  // The address where a window envelope shows it (DIN 5008: 45 mm from the top).
  doc.y = 128;
  for (const line of letter.to) text(line, { gap: 0 });
  doc.y = 260;
  const date = showTime(letter.issuedAt, language, timeZone).replace(/ (um|at) \d{1,2}:\d{2}.*$/, '');
  doc.font('regular').fontSize(10.5).text(date, { align: 'right', structParent: root, structType: 'P' } as PDFKit.Mixins.TextOptions);
  doc.moveDown(1);
  text(letter.subject[language], { bold: true, tag: 'H1', gap: 12 });
  for (const paragraph of letter.paragraphs) text(paragraph[language]);
  root.end();
  doc.end();
  return done;
}

/** Both languages in one ZIP, for the DPO to send the one the person wrote in. */
export async function answerLettersZip(letter: AnswerLetter, timeZone: string): Promise<Buffer> {
  const zip = new AdmZip();
  for (const language of REPORT_LANGUAGES) zip.addFile(`${letter.caseNumber}-letter-${language}.pdf`, await answerLetterPdf(letter, language, timeZone));
  return zip.toBuffer();
}
