import type { CountryCode } from 'libphonenumber-js';
import { CATALOGUE_ITEMS, CATEGORIES, type CategoryId, type Localised, PROCESSING_BASIS } from '../catalogue/catalogue.data';
import { type MatchStrength, type Subject, foldAddress, foldName, fullNames, normalisePhone, subjectPhones } from '../sources/subject';

/**
 * The access report (Art. 15 GDPR) as data: what every format (PDF, HTML, JSON) shows, built once
 * from the records exported out of the sources. Follows the EDPB's guidelines 01/2022: confirmation,
 * a complete copy per category with the catalogue's ids and labels, Art. 15(1)(a)–(h) and 15(2) for
 * this person, the time of issue and of the newest record, and other people's data redacted where
 * their rights prevail (Art. 15(4)) — weighed per category, never a refusal of the whole answer.
 */

/** One record as the source exported it (the port's shape, as plain data: the domain imports no port). */
export interface RecordIn {
  source: string;
  category: CategoryId;
  key: string;
  at?: Date;
  match: MatchStrength;
  items: Record<string, string | number | boolean | null>;
  private?: boolean;
}

export interface ReportItem {
  id: string;
  label: Localised;
  /** The value as stored; null when it was redacted or empty. */
  value: string | null;
  /** Another person's data, withheld under Art. 15(4). */
  redacted?: true;
}

export interface ReportRecord {
  source: string;
  key: string;
  at?: string;
  /** Found by name or address only, and included by the DPO. */
  nameOnly?: true;
  private?: true;
  items: ReportItem[];
}

export interface ReportCategory {
  id: CategoryId;
  name: Localised;
  /** Art. 15(1)(a): purpose; with the legal basis (seed 4.1.1). */
  purpose: Localised;
  legalBasis: Localised;
  /** Art. 15(1)(c): recipients. */
  recipients: Localised;
  /** Art. 15(1)(d): how long, as configured here (seed 4.1.3). */
  retention: Localised;
  /** Art. 15(1)(g): where the data came from (seed 4.1.4, 5.4). */
  origin: Localised;
  /** How other people's data in this category was weighed (Art. 15(4)). */
  redaction: Localised;
  records: ReportRecord[];
  redactedValues: number;
}

export interface AccessReport {
  caseNumber: string;
  /** Whom the report is about, as the case names them. */
  subjectName: string;
  issuedAt: string;
  /** The newest record the report covers (the seed's "Ausstellungszeitpunkt" of the data). */
  newestRecordAt?: string;
  /** Art. 15(1): whether any personal data of the person is processed. */
  processed: boolean;
  categories: ReportCategory[];
  /** Sources that could not be read: the report says so rather than pretend they hold nothing. */
  unavailable: { source: string; category: CategoryId }[];
  /** Art. 15(1)(e), (f), (h) and 15(2): the same for everybody, in both languages. */
  rights: Localised[];
  /** Seed 5.4: every way personal data can enter the product. */
  dataSources: Localised[];
}

export interface ReportInput {
  caseNumber: string;
  subjectName: string;
  subject: Subject;
  region: CountryCode;
  records: readonly RecordIn[];
  /** Sources whose name-only records the DPO included; every other name-only record is left out. */
  includeNameOnly: ReadonlySet<string>;
  /** Days kept, as configured, for the categories kept for a number of days (H, C). */
  retentionDays: Partial<Record<CategoryId, number>>;
  /** How many people may see the person's directory details (F), where the permission model tells. */
  directoryViewers?: number;
  unavailable?: readonly { source: string; category: CategoryId }[];
  issuedAt: Date;
}

const LABELS = new Map(CATALOGUE_ITEMS.map((item) => [item.id, item]));

const label = (id: string): Localised => {
  const item = LABELS.get(id);
  if (!item) return { de: id, en: id };
  const group = item.group ? `${item.group.de}: ` : '';
  const groupEn = item.group ? `${item.group.en}: ` : '';
  return { de: `${group}${item.de}`, en: `${groupEn}${item.en}` };
};

/**
 * The sides of a record in each category: the items that belong to one party. The subject is the
 * party whose side holds one of their identifiers; the other parties' identifying items are
 * redacted, what belongs to the record as a whole (its time, duration, project, message) is kept.
 */
const SIDES: Partial<Record<CategoryId, readonly (readonly string[])[]>> = {
  // Caller; called party; the party a call was forwarded from.
  H: [
    ['H.1', 'H.2', 'H.12'],
    ['H.3', 'H.5', 'H.8', 'H.9'],
    ['H.10'],
  ],
  // Sender; recipient (a message's text is the subject's own correspondence: kept).
  C: [['C.1.2'], ['C.1.3']],
};

/** How each category's other people were weighed — said in the report, so the person sees why a value is missing. */
const REDACTION: Record<CategoryId, Localised> = {
  F: {
    de: 'Kontaktdetails der Person selbst: vollständig.',
    en: "The person's own contact details: complete.",
  },
  H: {
    de: 'Name, Nummer und Anschrift der jeweils anderen Gesprächspartei sind geschwärzt (Art. 15 Abs. 4 DSGVO); Zeitpunkt, Dauer und Projekt des Gesprächs sind vollständig.',
    en: "The other party's name, number and address are redacted (Art. 15(4) GDPR); the call's time, duration and project are complete.",
  },
  T: {
    de: 'Aufgaben zur Person vollständig, einschließlich der Beschäftigten, die sie in ihrer Funktion bearbeitet haben (Empfänger).',
    en: 'Tasks about the person in full, including the staff who handled them in their role (recipients).',
  },
  C: {
    de: 'Nachrichten, die die Person gesendet oder empfangen hat, vollständig; die Adresse der jeweils anderen Partei und andere Teilnehmende sind geschwärzt (Art. 15 Abs. 4 DSGVO).',
    en: "Messages the person sent or received in full; the other party's address and other participants are redacted (Art. 15(4) GDPR).",
  },
  L: {
    de: 'Protokollzeilen, die die Person nennen; andere Nummern und Adressen in der Zeile sind geschwärzt (Art. 15 Abs. 4 DSGVO).',
    en: 'Log lines naming the person; other numbers and addresses in the line are redacted (Art. 15(4) GDPR).',
  },
};

const RECIPIENTS: Record<CategoryId, Localised> = {
  F: {
    de: 'Beschäftigte, die Kontaktdetails nach den Sichtbarkeitsstufen des Berechtigungsmodells sehen dürfen; Administratoren der Kommunikationssoftware; der Hersteller als Auftragsverarbeiter (Art. 28 DSGVO) nur im Supportfall.',
    en: 'Staff allowed to see contact details under the permission model’s visibility levels; the communication suite’s administrators; the vendor as processor (Art. 28 GDPR) only for support.',
  },
  H: {
    de: 'Die Benutzerin oder der Benutzer, deren Journal den Eintrag enthält; Administratoren; keine Übermittlung an Dritte.',
    en: 'The user whose journal holds the entry; administrators; no transfer to third parties.',
  },
  T: {
    de: 'Ersteller, Eigentümer und Zuständige der Aufgabe; Administratoren.',
    en: 'The task’s creator, owners and the people responsible; administrators.',
  },
  C: {
    de: 'Die Teilnehmenden des Chats; Administratoren.',
    en: 'The chat’s participants; administrators.',
  },
  L: {
    de: 'Administratoren und, im Supportfall, der Hersteller als Auftragsverarbeiter.',
    en: 'Administrators and, for support, the vendor as processor.',
  },
};

/** Art. 15(1)(e), (f), (h) and 15(2), in the person's words. */
const RIGHTS: Localised[] = [
  {
    de: 'Sie haben das Recht auf Berichtigung (Art. 16), Löschung (Art. 17) und Einschränkung der Verarbeitung (Art. 18) sowie das Recht, der Verarbeitung zu widersprechen (Art. 21 DSGVO).',
    en: 'You have the right to rectification (Art. 16), erasure (Art. 17) and restriction of processing (Art. 18), and the right to object to processing (Art. 21 GDPR).',
  },
  {
    de: 'Sie haben das Recht, sich bei einer Aufsichtsbehörde zu beschweren (Art. 77 DSGVO).',
    en: 'You have the right to lodge a complaint with a supervisory authority (Art. 77 GDPR).',
  },
  {
    de: 'Es findet keine automatisierte Entscheidungsfindung einschließlich Profiling statt (Art. 22 DSGVO).',
    en: 'There is no automated decision-making, including profiling (Art. 22 GDPR).',
  },
  {
    de: 'Es werden keine Daten an ein Drittland oder eine internationale Organisation übermittelt (Art. 15 Abs. 2 DSGVO).',
    en: 'No data is transferred to a third country or an international organisation (Art. 15(2) GDPR).',
  },
  {
    de: 'Die JSON-Datei dieses Berichts ist maschinenlesbar und dient auch der Datenübertragbarkeit (Art. 20 DSGVO).',
    en: 'This report’s JSON file is machine-readable and also serves data portability (Art. 20 GDPR).',
  },
];

/** What a value is compared by: the subject's numbers, names, addresses. */
interface Identity {
  phones: Set<string>;
  names: Set<string>;
  addresses: Set<string>;
  places: Set<string>;
  /** Values already weighed: a person's records repeat the same numbers and names thousands of times. */
  seen: Map<string, boolean>;
}

function identityOf(subject: Subject, region: CountryCode): Identity {
  const strip = (a: string): string => a.trim().toLowerCase().replace(/^sip:/, '');
  return {
    phones: new Set(subjectPhones(subject, region)),
    names: new Set(fullNames(subject).map(foldName)),
    addresses: new Set([...(subject.emails ?? []), ...(subject.sipAddresses ?? []), ...(subject.userIds ?? [])].map(strip)),
    places: new Set([subject.street, subject.postcodeCity].filter((p): p is string => Boolean(p)).map(foldAddress)),
    seen: new Map(),
  };
}

/** Whether a stored value is one of the subject's identifiers (a number, a name, an address). */
function isTheirs(value: unknown, who: Identity, region: CountryCode): boolean {
  if (value === null || value === undefined) return false;
  const text = String(value).trim();
  if (text === '') return false;
  const known = who.seen.get(text);
  if (known !== undefined) return known;
  const theirs = weigh(text, who, region);
  who.seen.set(text, theirs);
  return theirs;
}

function weigh(text: string, who: Identity, region: CountryCode): boolean {
  const lower = text.toLowerCase().replace(/^sip:/, '');
  if (who.addresses.has(lower)) return true;
  if (who.names.has(foldName(text))) return true;
  if (who.places.size > 0 && [...who.places].some((p) => foldAddress(text).includes(p))) return true;
  const phone = /\d/.test(text) ? normalisePhone(text, region) : undefined;
  return phone !== undefined && who.phones.has(phone);
}

const PHONE_LIKE = /\+?\d[\d\s/()-]{4,}\d/g;
const ADDRESS_LIKE = /\b(?:sip:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/gi;
export const REDACTED = '▇▇▇';

/** A log line with every number and address that is not the subject's own blacked out. */
function redactLine(line: string, who: Identity, region: CountryCode): { text: string; count: number } {
  let count = 0;
  const text = line
    .replace(ADDRESS_LIKE, (match) => {
      if (isTheirs(match, who, region)) return match;
      count++;
      return REDACTED;
    })
    .replace(PHONE_LIKE, (match) => {
      // Times and dates in the line are no one's data: only what reads as a number somebody has.
      if (/^\d{4}-\d{2}-\d{2}/.test(match) || !normalisePhone(match, region) || isTheirs(match, who, region)) return match;
      count++;
      return REDACTED;
    });
  return { text, count };
}

function reportRecord(record: RecordIn, who: Identity, region: CountryCode): { record: ReportRecord; redacted: number } {
  const sides = SIDES[record.category];
  const hidden = new Set<string>();
  if (sides) {
    const theirSide = sides.findIndex((side) => side.some((id) => isTheirs(record.items[id], who, region)));
    // A record found only by the name in one side: that side is theirs. None found: nothing can be told apart, all kept.
    if (theirSide >= 0) sides.forEach((side, index) => index !== theirSide && side.forEach((id) => record.items[id] !== null && record.items[id] !== undefined && String(record.items[id]).trim() !== '' && hidden.add(id)));
  }
  if (record.category === 'C') {
    const participants = record.items['C.1.1'];
    if (typeof participants === 'string' && participants.trim() !== '') {
      const others = participants.split(/[;,]/).map((p) => p.trim()).filter((p) => p !== '' && !isTheirs(p, who, region));
      if (others.length > 0) hidden.add('C.1.1');
    }
  }
  let redacted = 0;
  const items: ReportItem[] = Object.entries(record.items).map(([id, raw]) => {
    if (hidden.has(id)) {
      redacted++;
      if (id === 'C.1.1' && typeof raw === 'string') {
        const kept = raw.split(/[;,]/).map((p) => p.trim()).filter(Boolean).map((p) => (isTheirs(p, who, region) ? p : REDACTED));
        return { id, label: label(id), value: kept.join('; '), redacted: true };
      }
      return { id, label: label(id), value: null, redacted: true };
    }
    if (record.category === 'L' && typeof raw === 'string') {
      const line = redactLine(raw, who, region);
      redacted += line.count;
      return { id, label: label(id), value: line.text, ...(line.count > 0 ? { redacted: true as const } : {}) };
    }
    return { id, label: label(id), value: raw === null || raw === undefined ? null : String(raw) };
  });
  items.sort((a, b) => compareIds(a.id, b.id));
  return {
    record: {
      source: record.source,
      key: record.key,
      ...(record.at ? { at: record.at.toISOString() } : {}),
      ...(record.match === 'name' ? { nameOnly: true as const } : {}),
      ...(record.private ? { private: true as const } : {}),
      items,
    },
    redacted,
  };
}

/** Catalogue ids in their numeric order: F.2 before F.10. */
export function compareIds(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = Number(x);
    const ny = Number(y);
    const order = Number.isNaN(nx) || Number.isNaN(ny) ? x.localeCompare(y) : nx - ny;
    if (order !== 0) return order;
  }
  return 0;
}

function retentionText(category: CategoryId, days: number | undefined): Localised {
  const base = CATEGORIES.find((c) => c.id === category);
  if (days !== undefined) return { de: `${days} Tage, danach gelöscht (hier so eingestellt)`, en: `${days} days, then deleted (as configured here)` };
  return base ? base.retentionText : { de: '', en: '' };
}

/** The report: the records the person is owed (identifier matches, and name-only ones the DPO included), redacted, per category. */
export function buildAccessReport(input: ReportInput): AccessReport {
  const who = identityOf(input.subject, input.region);
  const included = input.records.filter((r) => r.match === 'identifier' || input.includeNameOnly.has(r.source));
  const categories: ReportCategory[] = [];
  let newest: Date | undefined;
  for (const category of CATEGORIES) {
    const ofCategory = included.filter((r) => r.category === category.id);
    if (ofCategory.length === 0) continue;
    let redactedValues = 0;
    const records = ofCategory
      .slice()
      .sort((a, b) => (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0) || a.source.localeCompare(b.source) || a.key.localeCompare(b.key))
      .map((r) => {
        if (r.at && (!newest || r.at > newest)) newest = r.at;
        const built = reportRecord(r, who, input.region);
        redactedValues += built.redacted;
        return built.record;
      });
    const viewers = category.id === 'F' && input.directoryViewers !== undefined ? input.directoryViewers : undefined;
    const recipients = viewers === undefined ? RECIPIENTS[category.id] : { de: `${RECIPIENTS.F.de} Derzeit dürfen ${viewers} Personen Ihre Kontaktdetails (ganz oder teilweise) sehen.`, en: `${RECIPIENTS.F.en} At present ${viewers} people may see your contact details (in whole or in part).` };
    categories.push({
      id: category.id,
      name: category.name,
      purpose: category.purpose,
      legalBasis: PROCESSING_BASIS.legalBasis,
      recipients,
      retention: retentionText(category.id, input.retentionDays[category.id]),
      origin: category.origin,
      redaction: REDACTION[category.id],
      records,
      redactedValues,
    });
  }
  return {
    caseNumber: input.caseNumber,
    subjectName: input.subjectName,
    issuedAt: input.issuedAt.toISOString(),
    ...(newest ? { newestRecordAt: (newest as Date).toISOString() } : {}),
    processed: categories.length > 0,
    categories,
    unavailable: [...(input.unavailable ?? [])],
    rights: RIGHTS,
    dataSources: PROCESSING_BASIS.dataSources,
  };
}

/** The report's counts (never contents): records and redacted values per category. */
export function reportCounts(report: AccessReport): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const category of report.categories) {
    counts[`records${category.id}`] = category.records.length;
    if (category.redactedValues > 0) counts[`redacted${category.id}`] = category.redactedValues;
  }
  return counts;
}
