import type { Localised } from '../../domain/catalogue/catalogue.data';

export type ReportLanguage = 'de' | 'en';
export const REPORT_LANGUAGES: readonly ReportLanguage[] = ['de', 'en'];

/** The words around the report's data, in each language the report is written in. */
export const REPORT_TEXT = {
  de: {
    title: (number: string) => `Auskunft nach Art. 15 DSGVO — ${number}`,
    about: 'Betroffene Person',
    issued: 'Ausgestellt am',
    newest: 'Stand der Daten (neuester Eintrag)',
    noRecords: 'keine Einträge',
    confirmYes: 'Wir bestätigen, dass wir personenbezogene Daten über Sie verarbeiten. Diese Auskunft enthält eine vollständige Kopie dieser Daten je Kategorie, mit den Nummern und Bezeichnungen unseres Datenkatalogs.',
    confirmNo: 'Wir bestätigen, dass wir derzeit keine personenbezogenen Daten über Sie verarbeiten.',
    category: (id: string, name: string) => `Kategorie ${id}: ${name}`,
    purpose: 'Zweck (Art. 15 Abs. 1 lit. a)',
    legalBasis: 'Rechtsgrundlage',
    recipients: 'Empfänger (lit. c)',
    retention: 'Speicherdauer (lit. d)',
    origin: 'Herkunft (lit. g)',
    redaction: 'Rechte anderer (Art. 15 Abs. 4)',
    records: (n: number) => (n === 1 ? '1 Eintrag' : `${n} Einträge`),
    record: (source: string, key: string) => `Eintrag ${key} (${source})`,
    at: 'Zeitpunkt',
    item: 'Datum (Katalog)',
    value: 'Wert',
    label: 'Bezeichnung',
    legend: 'Die Einträge nennen ihre Daten mit den Nummern des Katalogs:',
    redacted: 'geschwärzt (Daten einer anderen Person)',
    nameOnly: 'nur über Name oder Anschrift gefunden; von der Datenschutzbeauftragten einbezogen',
    private: 'als privat markiert',
    unavailable: 'Nicht erreichbare Quellen',
    unavailableText: (list: string) => `Diese Quellen konnten beim Erstellen nicht gelesen werden; wir reichen ihre Daten nach: ${list}.`,
    rights: 'Ihre Rechte',
    dataSources: 'Woher personenbezogene Daten stammen können',
    empty: '—',
  },
  en: {
    title: (number: string) => `Access under Art. 15 GDPR — ${number}`,
    about: 'Data subject',
    issued: 'Issued',
    newest: 'Data as of (newest record)',
    noRecords: 'no records',
    confirmYes: 'We confirm that we process personal data about you. This report holds a complete copy of that data per category, with our data catalogue’s numbers and labels.',
    confirmNo: 'We confirm that we do not process any personal data about you at present.',
    category: (id: string, name: string) => `Category ${id}: ${name}`,
    purpose: 'Purpose (Art. 15(1)(a))',
    legalBasis: 'Legal basis',
    recipients: 'Recipients (c)',
    retention: 'Storage period (d)',
    origin: 'Origin (g)',
    redaction: "Others' rights (Art. 15(4))",
    records: (n: number) => (n === 1 ? '1 record' : `${n} records`),
    record: (source: string, key: string) => `Record ${key} (${source})`,
    at: 'Time',
    item: 'Item (catalogue)',
    value: 'Value',
    label: 'Label',
    legend: 'The records name their items by the catalogue’s numbers:',
    redacted: "redacted (another person's data)",
    nameOnly: 'found by name or address only; included by the data protection officer',
    private: 'marked private',
    unavailable: 'Sources that could not be read',
    unavailableText: (list: string) => `These sources could not be read when the report was made; we will send their data on: ${list}.`,
    rights: 'Your rights',
    dataSources: 'Where personal data can come from',
    empty: '—',
  },
} as const;

export const inLanguage = (text: Localised, language: ReportLanguage): string => text[language];

/** An instant as the reader reads it, in the organisation's time zone. */
export function showTime(iso: string, language: ReportLanguage, timeZone: string): string {
  return formatter(language, timeZone, true).format(new Date(iso));
}

/** A value as stored that is an instant (an ISO 8601 date and time, as sources give time columns). */
const INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/;

/**
 * A record's value as the reader reads it: an instant in the organisation's time zone and the
 * reader's words ("2. Juni 2026 um 23:00"), anything else as stored. The JSON copy keeps the stored form.
 */
export function showValue(value: string, language: ReportLanguage, timeZone: string): string {
  return INSTANT.test(value) && !Number.isNaN(Date.parse(value)) ? showTime(value, language, timeZone) : value;
}

/** The day of an instant, as the reader writes a letter's date ("5. Dezember 2026"). */
export function showDay(iso: string, language: ReportLanguage, timeZone: string): string {
  return formatter(language, timeZone, false).format(new Date(iso));
}

/** A formatter per language, zone and kind, made once: making one costs more than formatting thousands of times. */
function formatter(language: ReportLanguage, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${withTime}`;
  let format = FORMATS.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', ...(withTime ? { timeStyle: 'short' as const } : {}), timeZone });
    FORMATS.set(key, format);
  }
  return format;
}

const FORMATS = new Map<string, Intl.DateTimeFormat>();
