import type { IdentityMethod, ReceiptChannel, RequestStatus, RequestType, SubjectCriteria } from '../../domain/requests/request';
import type { Reminder } from '../../domain/requests/deadlines';
import type { CommandAction } from '../../domain/requests/workflow';
import type { RequestTexts } from './requests.en';

const STATUS: Record<RequestStatus, string> = {
  received: 'Eingegangen',
  awaitingDecision: 'Wartet auf Entscheidung',
  approved: 'Genehmigt',
  rejected: 'Abgelehnt',
  moreInfoNeeded: 'Weitere Angaben nötig',
  inProgress: 'In Bearbeitung',
  completed: 'Abgeschlossen',
  withdrawn: 'Zurückgezogen',
  merged: 'Mit anderem Vorgang zusammengeführt',
};

const CHANNEL: Record<ReceiptChannel, string> = { teams: 'Teams', letter: 'Brief', email: 'E-Mail', phone: 'Telefon', inPerson: 'Persönlich' };

const IDENTITY: Record<IdentityMethod, string> = {
  knownContact: 'Bekannter Kontakt, Angaben stimmen mit unseren Daten überein',
  replyToKnownAddress: 'Über eine uns bereits bekannte Adresse bestätigt',
  callback: 'Rückruf unter einer uns bekannten Nummer',
  inPerson: 'Persönlich gesehen',
  other: 'Anders (siehe Notiz)',
};

const CRITERIA: Record<keyof SubjectCriteria, string> = {
  lastName: 'Nachname',
  firstName: 'Vorname',
  street: 'Straße',
  postcodeCity: 'PLZ und Ort',
  phone: 'Telefon',
  email: 'E-Mail',
};

const ACTION: Record<CommandAction | 'receive', string> = {
  receive: 'Eingegangen',
  route: 'An die DSB weitergeleitet',
  approve: 'Genehmigt',
  reject: 'Abgelehnt',
  askInfo: 'Weitere Angaben angefragt',
  provideInfo: 'Angaben eingegangen',
  extend: 'Frist verlängert',
  assign: 'Zugewiesen',
  recordIdentity: 'Identität geprüft',
  link: 'Verknüpft',
  merge: 'Zusammengeführt',
  start: 'Bearbeitung begonnen',
  complete: 'Abgeschlossen',
  withdraw: 'Zurückgezogen',
};

const BUTTON: Record<CommandAction, string> = {
  route: 'An DSB weiterleiten',
  approve: 'Genehmigen',
  reject: 'Ablehnen…',
  askInfo: 'Angaben anfordern…',
  provideInfo: 'Angaben eingegangen',
  extend: 'Frist verlängern…',
  assign: 'Zuweisen…',
  recordIdentity: 'Identitätsprüfung erfassen…',
  link: 'Verknüpfen…',
  merge: 'Zusammenführen mit…',
  start: 'Bearbeitung beginnen',
  complete: 'Als erledigt markieren',
  withdraw: 'Antrag zurückziehen',
};

const TYPE_WORD: Record<RequestType, string> = { access: 'Auskunftsantrag', rectification: 'Berichtigungsantrag', erasure: 'Löschantrag', restriction: 'Einschränkungsantrag', objection: 'Widerspruch' };

const REMINDER: Record<Reminder, string> = { dueIn7Days: 'in 7 Tagen fällig', dueIn1Day: 'morgen fällig', dueToday: 'heute fällig' };

const days = (n: number): string => `${n} ${n === 1 ? 'Tag' : 'Tage'}`;
const daysDative = (n: number): string => `${n} ${n === 1 ? 'Tag' : 'Tagen'}`;

/** German texts of privacy requests (du, as the rest of the bot). */
export const requestsDe: RequestTexts = {
  status: (status) => STATUS[status],
  channel: (channel) => CHANNEL[channel],
  identityMethod: (method) => IDENTITY[method],
  criterion: (key) => CRITERIA[key],
  action: (action) => ACTION[action],
  button: (action) => BUTTON[action],
  caseTitle: (number, type) => `${number}: ${type}`,
  factType: 'Art',
  factSubject: 'Betrifft',
  factRequester: 'Gestellt von',
  factReceived: 'Eingegangen',
  factDue: 'Fällig',
  factStatus: 'Status',
  factAssignee: 'Zuständig',
  factIdentity: 'Identitätsprüfung',
  factItem: 'Zu berichtigende Angabe',
  factNewValue: 'Richtiger Wert',
  factNote: 'In eigenen Worten',
  factLinked: 'Verknüpfte Vorgänge',
  factExtension: 'Verlängerung',
  unassigned: 'Noch niemandem zugewiesen',
  identityMissing: 'Noch nicht erfasst',
  outsidePerson: 'Externe Person',
  dueIn: (date, left) => (left > 0 ? `${date} (in ${daysDative(left)})` : left === 0 ? `${date} (heute)` : `${date} (${days(-left)} überfällig)`),
  overdue: (left) => `⚠ Seit ${daysDative(-left)} überfällig. Art. 12 Abs. 3 DSGVO: bitte unverzüglich beantworten.`,
  dueTodayWarning: '⚠ Heute fällig (Art. 12 Abs. 3 DSGVO).',
  pausedRule: (since) =>
    `Wartet seit ${since} auf Angaben. Solange steht die Monatsfrist still (EDSA-Leitlinien 01/2022); sobald die Angaben da sind, läuft sie um die gewarteten Tage später ab.`,
  extensionLine: (months, reason) => `+${months} ${months === 1 ? 'Monat' : 'Monate'}: ${reason}`,
  decisionLine: (status, by, at, reason) => `${status} von ${by} am ${at}${reason ? `: ${reason}` : ''}`,
  duplicatesHeading: 'Offene Anträge derselben Art für dieselbe Person',
  duplicateLine: (number, status, received) => `${number} — ${status}, eingegangen ${received}`,
  historyHeading: 'Verlauf',
  historyLine: (at, who, action, reason) => `${at} · ${who} · ${action}${reason ? ` — ${reason}` : ''}`,
  mergedInto: (number) => `Dieser Vorgang wurde mit ${number} zusammengeführt.`,
  alreadyDecided: (by, at, status) => `Bereits entschieden von ${by} am ${at}: ${status}. Es wurde nichts geändert.`,
  changedMeanwhile: (by, at) => `Diese Karte war veraltet — ${by} hat den Vorgang am ${at} geändert. Hier ist der aktuelle Stand; sonst wurde nichts geändert.`,
  done: (action) => `Erledigt: ${action}.`,
  refusal: {
    NOT_DPO: 'Das können nur Datenschutzbeauftragte.',
    OWN_REQUEST: 'Dieser Antrag ist dein eigener (oder betrifft dich) — eine andere Datenschutzbeauftragte oder ein anderer Datenschutzbeauftragter muss entscheiden.',
    NOT_REQUESTER: 'Das kann nur, wer den Antrag gestellt hat (oder die oder der Datenschutzbeauftragte).',
    INVALID_TRANSITION: 'Das ist im jetzigen Stand des Antrags nicht möglich.',
    REASON_REQUIRED: 'Bitte gib eine Begründung an — die antragstellende Person sieht sie.',
    ALREADY_EXTENDED: 'Die Frist wurde schon verlängert; Art. 12 Abs. 3 DSGVO erlaubt eine Verlängerung.',
    EXTENSION_TOO_LATE: 'Der erste Monat ist vorbei: Eine Verlängerung muss innerhalb dieses Monats mitgeteilt werden (Art. 12 Abs. 3 DSGVO).',
    IDENTITY_REQUIRED: 'Erfasse zuerst, wie die Identität der Person geprüft wurde (Art. 12 Abs. 6 DSGVO) — wähle unten eine Methode.',
    NOT_OUTSIDE_SUBJECT: 'Die Person ist beschäftigt und über Teams identifiziert; eine Identitätsprüfung ist nicht nötig.',
    SAME_CASE: 'Ein Vorgang kann nicht mit sich selbst verknüpft oder zusammengeführt werden.',
    INVALID_ASSIGNEE: 'Weise den Vorgang einer oder einem konfigurierten Datenschutzbeauftragten zu, die oder der nicht selbst beteiligt ist.',
    UNKNOWN_CASE: 'Einen Vorgang mit dieser Nummer gibt es nicht.',
    NOT_SAME_KIND: 'Ein Vorgang kann nur mit einem offenen Vorgang derselben Art zusammengeführt werden.',
  },
  notFound: 'Diesen Vorgang gibt es nicht (mehr).',
  unidentified: 'Ich konnte nicht feststellen, wer du bist, deshalb kann ich an diesem Vorgang nichts ändern.',
  intakeTitle: (number) => `Antrag eingegangen: ${number}`,
  acknowledged: (type, due) =>
    `Dein ${type} ist eingegangen und liegt bei der oder dem Datenschutzbeauftragten. Die Antwort ist bis ${due} fällig (ein Monat, Art. 12 Abs. 3 DSGVO); ich sage dir hier Bescheid, wenn sich etwas ändert.`,
  relayed: (type, due) =>
    `Der ${type} ist erfasst und liegt bei der oder dem Datenschutzbeauftragten. Die Antwort ist bis ${due} fällig (ein Monat nach Eingang, Art. 12 Abs. 3 DSGVO).`,
  sameAgain: (number) => `Dieser Antrag war schon eingegangen: Es ist Vorgang ${number}. Es wurde nichts Neues angelegt.`,
  duplicateNote: (numbers) => `Für dieselbe Person und Art schon offen: ${numbers}. Die oder der Datenschutzbeauftragte verknüpft die Vorgänge oder führt sie zusammen.`,
  noDpo: 'Es ist noch keine Datenschutzbeauftragte und kein Datenschutzbeauftragter eingerichtet, deshalb entscheidet niemand über diesen Antrag. Bitte sag deiner Administration Bescheid (Einstellung DPO_USERS).',
  withdrawHint: 'Du kannst den Antrag jederzeit zurückziehen, solange er nicht abgeschlossen ist.',
  formTitle: (type) => `Neuer Antrag: ${type}`,
  formIntro:
    'Für einen Antrag, der per Brief, E-Mail oder Telefon kam, oder über jemand anderen: Gib ein, woran wir die Person in unseren Systemen finden. Nur das Nötige — niemals Kopien von Ausweisen.',
  formSelfIntro: 'Sag der oder dem Datenschutzbeauftragten, was berichtigt werden soll.',
  formWhose: 'Geht es um deine eigenen Daten? Dann drück „Es geht um mich“. Sonst gib ein, um wen es geht.',
  aboutMe: 'Es geht um mich',
  selfRequestText: (type) => `${TYPE_WORD[type]} für mich`,
  formSelfNote: 'Sonst noch etwas, das die oder der Datenschutzbeauftragte wissen sollte? (optional)',
  formType: 'Art des Antrags',
  formReceivedBy: 'Eingegangen per',
  formReceivedOn: 'Eingegangen am',
  formItem: 'Welche Angabe ist falsch?',
  formNewValue: 'Wie soll sie lauten?',
  formNote: 'Was möchte die Person? (optional)',
  formSubmit: 'Antrag stellen',
  formNeedsCriteria: 'Bitte gib mindestens einen Namen, eine E-Mail-Adresse oder eine Telefonnummer an.',
  formBadDate: 'Das Eingangsdatum muss ein Datum sein, das nicht in der Zukunft liegt.',
  formPhoneInvalid: 'Diese Telefonnummer sieht nicht gültig aus.',
  formEmailInvalid: 'Diese E-Mail-Adresse sieht nicht gültig aus.',
  statusTitle: 'Deine Datenschutzanträge',
  noRequests: 'Du hast keine Datenschutzanträge. Um einen zu stellen, sag zum Beispiel „Auskunftsantrag für mich stellen“.',
  statusLine: (number, type, status, due) => `${number} · ${type} · ${status}${due ? ` · fällig ${due}` : ''}`,
  openCasesTitle: 'Offene Datenschutzanträge',
  noOpenCases: 'Kein Datenschutzantrag ist offen.',
  openCasesIntro: (count, example) =>
    `${count === 1 ? '1 Antrag ist' : `${count} Anträge sind`} offen, der am frühesten fällige zuerst. Drück eine Schaltfläche für die Karte eines Vorgangs mit deinen Schaltflächen, oder frag nach jedem Vorgang mit seiner Nummer, zum Beispiel „zeige ${example}“.`,
  openCaseLine: (number, type, status, due, assignee) => `${number} · ${type} · ${status} · fällig ${due}${assignee ? ` · ${assignee}` : ''}`,
  showCase: (number) => `${number} anzeigen`,
  moreCases: (count) => `… und ${count} weitere, die hier nicht aufgeführt sind.`,
  decisionTitle: (number) => `Neuer Datenschutzantrag ${number}`,
  decisionIntro: 'Über diesen Antrag entscheidet eine Datenschutzbeauftragte oder ein Datenschutzbeauftragter. Die antragstellende Person erfährt jede Entscheidung.',
  changedTitle: (number) => `Neues zu deinem Antrag ${number}`,
  changedLine: (status) => `Status: ${status}.`,
  extendedLine: (due, reason) => `Die Frist wurde bis ${due} verlängert (Art. 12 Abs. 3 DSGVO). Grund: ${reason}`,
  infoNeededLine: (question) =>
    `Die oder der Datenschutzbeauftragte braucht weitere Angaben; bis zu deiner Antwort ruht die Frist (Schaltfläche unten, oder antworte direkt). Die Frage: ${question}`,
  rejectedLine: (reason) => `Du kannst dich bei einer Aufsichtsbehörde beschweren oder einen gerichtlichen Rechtsbehelf einlegen (Art. 12 Abs. 4 DSGVO). Angegebener Grund: ${reason}`,
  reminderTitle: (number, reminder) => `Erinnerung: ${number} ist ${REMINDER[reminder]}`,
  escalationTitle: (number) => `Eskalation: ${number} ist heute fällig`,
  reasonLabel: 'Begründung (die antragstellende Person sieht sie)',
  questionLabel: 'Welche Angaben fehlen?',
  monthsLabel: 'Verlängern um',
  months: (n) => `${n} ${n === 1 ? 'Monat' : 'Monate'}`,
  assigneeLabel: 'Zuweisen an',
  identityLabel: 'Wie wurde die Identität geprüft?',
  identityNoteLabel: 'Notiz (keine Ausweisnummern, keine Kopien)',
  otherCaseLabel: 'Vorgangsnummer, z. B. DSR-2026-0042',
  confirm: 'Bestätigen',
  withdrawReasonLabel: 'Warum? (optional)',
  answerLabel: 'Deine Antwort (die oder der Datenschutzbeauftragte sieht sie)',
  answerButton: 'Frage beantworten…',
  relationLabel: 'Verknüpfen oder zusammenführen',
  linkChoice: 'Verknüpfen (beide Vorgänge bleiben offen)',
  mergeChoice: 'In jenen Vorgang überführen (dieser wird geschlossen)',
  factDecision: 'Entscheidung',
  formNeedsItem: 'Für eine Berichtigung gib bitte an, welche Angabe falsch ist.',
};
