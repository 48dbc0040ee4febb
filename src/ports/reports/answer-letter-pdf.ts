import AdmZip from 'adm-zip';
import type { AnswerLetter } from '../../domain/execution/answer-letter';
import { taggedPdf } from './report-files';
import { REPORT_LANGUAGES, type ReportLanguage, showDay } from './report-text';

/** The answer letter to an outside person as a tagged PDF in one language, fonts embedded, A4 with room for a window envelope. */
export function answerLetterPdf(letter: AnswerLetter, language: ReportLanguage, timeZone: string): Promise<Buffer> {
  const { doc, root, done } = taggedPdf(language, letter.subject[language], { margins: { top: 60, bottom: 60, left: 70, right: 60 } });
  const text = (value: string, options: { bold?: boolean; tag?: 'P' | 'H1'; gap?: number } = {}): void => {
    doc.font(options.bold ? 'bold' : 'regular').fontSize(options.tag === 'H1' ? 12 : 10.5);
    doc.text(value, { structParent: root, structType: options.tag ?? 'P', paragraphGap: options.gap ?? 6 } as PDFKit.Mixins.TextOptions);
  };
  // The address where a window envelope shows it (DIN 5008: 45 mm from the top).
  doc.y = 128;
  for (const line of letter.to) text(line, { gap: 0 });
  doc.y = 260;
  const date = showDay(letter.issuedAt, language, timeZone);
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
