import type { Localised } from '../catalogue/catalogue.data';
import { ARTICLE, type PrivacyRequest } from '../requests/request';
import type { Job } from './job';

/**
 * The answer to an outside person (who has no Teams chat with the bot): a letter the DPO sends by
 * post or mail, in German and in English, saying what was done — in numbers and categories, never
 * another person's data — and the right to complain. Pure: the reports port sets it as PDF.
 */
export interface AnswerLetter {
  caseNumber: string;
  /** The person as the case names them, and their postal address where the case has it. */
  to: string[];
  receivedAt: string;
  issuedAt: string;
  subject: Localised;
  paragraphs: Localised[];
}

const CATEGORY_NAMES: Record<string, Localised> = {
  F: { de: 'Kontaktdaten und Favoriten', en: 'contact details and favourites' },
  H: { de: 'Anrufjournal', en: 'call journal' },
  T: { de: 'Aufgaben', en: 'tasks' },
  C: { de: 'Chat-Nachrichten', en: 'chat messages' },
  L: { de: 'Protokolldateien', en: 'log files' },
};

const TYPE_NAMES: Record<PrivacyRequest['type'], Localised> = {
  access: { de: 'Auskunft', en: 'access' },
  rectification: { de: 'Berichtigung', en: 'rectification' },
  erasure: { de: 'Löschung', en: 'erasure' },
  restriction: { de: 'Einschränkung der Verarbeitung', en: 'restriction of processing' },
  objection: { de: 'Widerspruch', en: 'objection' },
};

/** Per step, what the person is told (counts only). */
function outcomeLines(job: Job): Localised[] {
  const lines: Localised[] = [];
  for (const step of job.steps) {
    const category = step.category ? CATEGORY_NAMES[step.category] : undefined;
    if (!category) continue;
    const state = step.state;
    if (step.kind === 'explain' && step.reason === 'tasksCannotBeDeleted') {
      lines.push({ de: `${category.de}: Aufgaben können in unserer Kommunikationssoftware technisch nicht gelöscht werden; Sie können ihre Einschränkung verlangen.`, en: `${category.en}: tasks cannot be deleted in our communication software; you may ask for them to be restricted.` });
      continue;
    }
    if (step.kind === 'explain' && step.reason === 'logsAgeOut') {
      lines.push({ de: `${category.de}: werden nicht einzeln bearbeitet und nach ihrer Größe automatisch gelöscht.`, en: `${category.en}: are not edited one by one and are deleted automatically by size.` });
      continue;
    }
    if (state.status === 'notPossible') {
      lines.push({ de: `${category.de}: konnte nicht ausgeführt werden (${state.reason}).`, en: `${category.en}: could not be done (${state.reason}).` });
      continue;
    }
    if (state.status !== 'done') continue;
    const counts = state.counts ?? {};
    if (step.kind === 'pseudonymise') {
      lines.push({ de: `${category.de}: ${counts.pseudonymised ?? 0} Einträge pseudonymisiert – was Sie identifiziert, ist durch ein Pseudonym ersetzt.`, en: `${category.en}: ${counts.pseudonymised ?? 0} records pseudonymised – what identifies you is replaced by a pseudonym.` });
    } else if (step.kind === 'erase') {
      const deleted = counts.deleted;
      const kept = counts.kept ? { de: `; ${counts.kept} wegen einer gesetzlichen Aufbewahrungspflicht aufbewahrt`, en: `; ${counts.kept} kept under a legal obligation to retain them` } : { de: '', en: '' };
      lines.push(deleted === undefined ? { de: `${category.de}: gelöscht.`, en: `${category.en}: erased.` } : { de: `${category.de}: ${deleted} Einträge gelöscht${kept.de}.`, en: `${category.en}: ${deleted} records erased${kept.en}.` });
    } else if (step.kind === 'restrict') {
      lines.push(counts.restricted === undefined ? { de: `${category.de}: eingeschränkt.`, en: `${category.en}: restricted.` } : { de: `${category.de}: ${counts.restricted} Einträge eingeschränkt.`, en: `${category.en}: ${counts.restricted} records restricted.` });
    } else if (step.kind === 'rectify') {
      lines.push({ de: `${category.de}: berichtigt.`, en: `${category.en}: corrected.` });
    }
  }
  return lines;
}

export function buildAnswerLetter(request: PrivacyRequest, job: Job, issuedAt: Date): AnswerLetter {
  const c = request.subject.kind === 'outside' ? request.subject.criteria : {};
  const name = request.subject.kind === 'employee' ? request.subject.name : [c.firstName, c.lastName].filter(Boolean).join(' ');
  const to = [name, c.street, c.postcodeCity].filter((line): line is string => Boolean(line?.trim()));
  const type = TYPE_NAMES[request.type];
  const article = ARTICLE[request.type];
  const outcomes = outcomeLines(job);
  const paragraphs: Localised[] = [
    { de: 'Sehr geehrte Damen und Herren,', en: 'Dear Sir or Madam,' },
    {
      de: `wir haben Ihren Antrag auf ${type.de} nach Art. ${article} DSGVO bearbeitet (unser Zeichen ${request.number}).`,
      en: `we have dealt with your request for ${type.en} under Art. ${article} GDPR (our reference ${request.number}).`,
    },
  ];
  if (request.type === 'access') {
    paragraphs.push({
      de: 'Beigefügt erhalten Sie eine Kopie der personenbezogenen Daten, die wir über Sie verarbeiten, mit Zweck, Rechtsgrundlage, Empfängern, Speicherdauer und Herkunft je Kategorie. Daten anderer Personen sind darin geschwärzt, soweit deren Rechte überwiegen (Art. 15 Abs. 4 DSGVO).',
      en: 'Enclosed is a copy of the personal data we process about you, with the purpose, legal basis, recipients, storage period and origin for each category. Other people’s data in it is redacted where their rights prevail (Art. 15(4) GDPR).',
    });
  } else if (outcomes.length > 0) {
    paragraphs.push({ de: 'Im Einzelnen:', en: 'In detail:' }, ...outcomes.map((line) => ({ de: `– ${line.de}`, en: `– ${line.en}` })));
  } else {
    paragraphs.push({ de: 'Wir verarbeiten keine personenbezogenen Daten über Sie, die davon betroffen wären.', en: 'We do not process any personal data about you that this concerns.' });
  }
  paragraphs.push(
    {
      de: 'Sie haben das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren (Art. 77 DSGVO). Für Rückfragen erreichen Sie uns unter Angabe des Zeichens oben.',
      en: 'You have the right to lodge a complaint with a data protection supervisory authority (Art. 77 GDPR). For any questions, please quote the reference above.',
    },
    { de: 'Mit freundlichen Grüßen\nIhr Datenschutzbeauftragter', en: 'Yours faithfully\nThe data protection officer' },
  );
  return {
    caseNumber: request.number,
    to,
    receivedAt: request.receivedAt,
    issuedAt: issuedAt.toISOString(),
    subject: { de: `Ihr Antrag auf ${type.de} nach Art. ${article} DSGVO – ${request.number}`, en: `Your request for ${type.en} under Art. ${article} GDPR – ${request.number}` },
    paragraphs,
  };
}
