import type { SentHow } from '../../domain/execution/job';
import type { ExplainReason, StepKind } from '../../domain/execution/plan';
import type { ExecutionTexts } from './execution.en';

const KIND: Record<StepKind, string> = {
  export: 'Herauskopieren',
  rectify: 'Berichtigen',
  erase: 'Löschen',
  pseudonymise: 'Pseudonymisieren',
  restrict: 'Einschränken',
  explain: 'Hier nicht möglich',
  confirmGone: 'Prüfen, dass nichts übrig ist',
  report: 'Auskunft erstellen',
  deliver: 'Auskunft an die Datenschutzbeauftragten',
  letter: 'Antwortschreiben erstellen',
  notify: 'Antragsteller benachrichtigen',
};

const REASON: Record<ExplainReason, string> = {
  tasksCannotBeDeleted: 'Aufgaben können in der Kommunikationssoftware nicht gelöscht werden; sie können stattdessen eingeschränkt werden',
  logsAgeOut: 'Protokolldateien werden nicht bearbeitet; sie werden mit zunehmendem Alter nach Größe gelöscht',
  notSupported: 'diese Quelle unterstützt das nicht',
};

const SENT: Record<SentHow, string> = { teamsFile: 'als Datei in Teams', teamsLink: 'per Download-Link in Teams', email: 'per E-Mail', letter: 'per Post', inPerson: 'persönlich übergeben' };

const COUNT: Record<string, string> = {
  changed: 'geändert',
  pseudonymised: 'pseudonymisiert',
  keyVersion: 'Schlüsselversion',
  records: 'Einträge',
  deleted: 'gelöscht',
  kept: 'behalten (Aufbewahrungspflicht)',
  restricted: 'eingeschränkt',
  remaining: 'übrig',
  reached: 'Datenschutzbeauftragte erreicht',
  told: 'Antragsteller benachrichtigt',
};

/** Was das Ausführen eines Vorgangs sagt, auf Deutsch. */
export const executionDe: ExecutionTexts = {
  heading: 'Ausführung',
  dpos: 'den Datenschutzbeauftragten',
  kind: (kind) => KIND[kind],
  reason: (reason) => REASON[reason],
  pending: 'offen',
  running: 'läuft',
  waiting: (who, since) => `Aufgabe bei ${who} seit ${since}`,
  done: (counts) => (counts ? `erledigt (${counts})` : 'erledigt'),
  failed: (error) => `fehlgeschlagen: ${error}`,
  notPossible: (who, reason) => `nicht möglich (${who}): ${reason}`,
  counts: (counts) =>
    Object.entries(counts)
      .map(([key, value]) => key === 'keyVersion' ? `${COUNT[key]} ${value}` : `${value} ${COUNT[key] ?? key.replace(/^records([A-Z])$/, 'Einträge $1').replace(/^redacted([A-Z])$/, 'geschwärzt in $1')}`)
      .join(', '),
  retry: (step) => `Erneut versuchen: ${step}`,
  retried: 'Der Schritt läuft erneut.',
  newLink: 'Neuer Download-Link',
  release: (name) => `An ${name} freigeben`,
  recordSent: 'Festhalten, wie sie versandt wurde',
  recordSentLabel: 'Wie die Auskunft die Person erreicht hat',
  sentHow: (how) => SENT[how],
  releasedLine: (by, at) => `In Teams an die beschäftigte Person freigegeben von ${by} am ${at}`,
  sentLine: (how, by, at) => `Versandt: ${how} (festgehalten von ${by} am ${at})`,
  yourReportTitle: (number) => `Deine Auskunft: ${number}`,
  yourReportIntro: (size, expires) =>
    `Hier ist die Kopie deiner Daten (PDF und HTML auf Deutsch und Englisch, JSON; ZIP, ${size}). Der Link unten funktioniert einmal, bis ${expires}; du kannst auch die Datei unten annehmen.`,
  lettersTitle: (number) => `Antwortschreiben bereit: ${number}`,
  lettersIntro: (size, expires) =>
    `Die Antwort an die externe Person (PDF, Deutsch und Englisch; ZIP, ${size}) liegt bereit: prüfe sie und sende sie per Post oder E-Mail in der Sprache, in der die Person geschrieben hat. Der Link unten funktioniert einmal, bis ${expires}.`,
  lettersDownload: 'Schreiben herunterladen (ZIP)',
  replayTitle: 'Änderungen nach einer Wiederherstellung erneut anwenden',
  replayNeedsDay: 'Sag, ab welchem Tag – dem Tag der Sicherung: „seit 01.12.2026 erneut anwenden“.',
  replayDposOnly: 'Nur Datenschutzbeauftragte können abgeschlossene Anträge erneut anwenden.',
  replayNone: (day) => `Seit ${day} wurde keine Berichtigung, Löschung, Einschränkung und kein Widerspruch abgeschlossen.`,
  replayIntro: (day, count) => `Seit ${day} ${count === 1 ? 'wurde 1 Vorgang' : `wurden ${count} Vorgänge`} abgeschlossen. Eine ältere Sicherung kann rückgängig gemacht haben, was sie geändert haben.`,
  replayCase: (number, type, steps) => `${number} (${type}): ${steps}`,
  replayByHand: 'von Hand',
  replayApply: 'Erneut anwenden',
  replayDone: (applied, manual, failed) => `Erneut angewendet: ${applied} Schritte. Von Hand zu wiederholen: ${manual}. Fehlgeschlagen: ${failed}.`,
  replayManualLine: (number, step) => `${number}: ${step} – von Hand wiederholen`,
  replayFailedLine: (number, step, error) => `${number}: ${step} – fehlgeschlagen: ${error}`,
  fileTitle: 'Auskunft',
  fileRefused: 'Diese Datei ist nur für Datenschutzbeauftragte des Vorgangs, im persönlichen Chat mit dem Bot.',
  fileFailed: 'Die Datei konnte nicht zu Teams hochgeladen werden. Der Download-Link in der Nachricht davor funktioniert weiter.',
  fileDeclined: 'Keine Datei gesendet. Der Download-Link in der Nachricht davor funktioniert weiter.',
  taskDone: 'Erledigt',
  taskNotPossible: 'Nicht möglich',
  notPossibleLabel: 'Warum es nicht geht',
  taskTitle: (number) => `Aufgabe zu ${number}`,
  taskReminderTitle: (number) => `Erinnerung: Aufgabe zu ${number}`,
  taskIntro: (type) => `Ein Antrag auf ${type} wurde genehmigt, und ein Schritt braucht dich. Bitte erledige ihn und drücke dann „Erledigt“ – oder „Nicht möglich“ mit Begründung.`,
  taskWhat: (kind, source, category) => {
    switch (kind) {
      case 'erase':
        return `Lösche die Einträge dieser Person in „${source}“ (${category}). In der Verwaltung des Produkts werden Benutzer unter „Benutzer“ gelöscht.`;
      case 'rectify':
        return `Berichtige die Angaben dieser Person in „${source}“ (${category}) wie im Vorgang angegeben.`;
      case 'restrict':
        return `Markiere die Einträge dieser Person in „${source}“ (${category}) als eingeschränkt: nicht verwenden und nicht löschen, bis die Einschränkung aufgehoben ist.`;
      case 'export':
        return `Kopiere die Einträge dieser Person aus „${source}“ (${category}) heraus und sende sie an die Datenschutzbeauftragten.`;
      default:
        return `${KIND[kind]}: „${source}“ (${category}).`;
    }
  },
  taskAbout: 'Betrifft',
  taskItem: 'Zu berichtigende Angabe',
  taskValue: 'Richtiger Wert',
  taskAnswered: (state) => `Danke – festgehalten: ${state}.`,
  startLabel: 'Nur über Name oder Anschrift Gefundenes einbeziehen in',
  startNone: 'Nichts nur über Name oder Anschrift gefunden.',
  modeLabel: 'Wie gelöscht wird',
  modeDelete: 'Löschen',
  modePseudonymise: 'Pseudonymisieren, wo eine Quelle es kann',
  becomesLabel: 'Aus dem Widerspruch wird',
  becomesRestriction: 'eine Einschränkung (Art. 18)',
  becomesErasure: 'eine Löschung (Art. 17)',
  reportTitle: (number) => `Auskunft bereit: ${number}`,
  reportIntro: (size, expires) =>
    `Die Auskunft (PDF und HTML auf Deutsch und Englisch, JSON; ZIP, ${size}) liegt zur Prüfung bereit. Der Link unten funktioniert einmal, nur für dich, bis ${expires}. Leite ihn nie in einen Kanal weiter.`,
  reportDownload: 'Auskunft herunterladen (ZIP)',
  outcomeTitle: (number) => `Dein Antrag ${number} wurde ausgeführt`,
  outcomeIntro: 'Das wurde getan:',
  outcomeAccess: 'Deine Auskunft wurde erstellt. Die Datenschutzbeauftragten prüfen sie und senden sie dir zu.',
  notAllowed: 'Nur die Person, der die Aufgabe gegeben wurde, oder Datenschutzbeauftragte können sie beantworten.',
  notNow: 'Dieser Schritt ist inzwischen weiter: So steht er jetzt.',
  notFound: 'Diesen Schritt oder Vorgang gibt es nicht mehr.',
  failedIntro: (step) => `Ein Schritt ist fehlgeschlagen und wartet auf dich: ${step}. Drücke „Erneut versuchen“, sobald die Ursache behoben ist.`,
};
