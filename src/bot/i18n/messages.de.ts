import type { Level } from '../../domain/levels';
import type { RetentionRule } from '../../domain/catalogue/catalogue.data';
import type { RequestType } from '../intents/intent';
import type { Messages } from './messages';

const LEVEL: Record<Level, string> = {
  blocked: 'Gesperrt',
  public: 'Öffentlich',
  business: 'Geschäftlich',
  team: 'Teammitglied',
  personal: 'Persönlich',
};

const REQUEST: Record<RequestType, string> = {
  access: 'Auskunftsantrag (Art. 15 DSGVO)',
  rectification: 'Antrag auf Berichtigung (Art. 16 DSGVO)',
  erasure: 'Antrag auf Löschung (Art. 17 DSGVO)',
  restriction: 'Antrag auf Einschränkung der Verarbeitung (Art. 18 DSGVO)',
  objection: 'Widerspruch (Art. 21 DSGVO)',
};

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** German texts (Du-Form, as usual in Teams). */
export const de: Messages = {
  locale: 'de',
  level: (level: Level): string => LEVEL[level],
  requestType: (type: RequestType): string => REQUEST[type],
  list: (items: string[]): string => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} und ${items[items.length - 1]}`),
  andMore: (n: number): string => `${n} weitere`,

  reasonGlobal: (level: Level): string => `${LEVEL[level]}: systemweite Stufe, die alle Kolleginnen und Kollegen haben (Administratoren)`,
  reasonExternalDefault: (level: Level): string => `${LEVEL[level]}: Standard für externe Kontakte (Administratoren)`,
  reasonGroupGrant: (level: Level, owner: string, viewer: string): string =>
    `${LEVEL[level]}: Freigabe der Administratoren — ${viewer} gegenüber ${owner}`,
  reasonSystemGrant: (level: Level): string => `${LEVEL[level]}: systemweite Freigabe der Administratoren`,
  reasonOwnGrant: (level: Level, to?: string): string => `${LEVEL[level]}: deine eigene Freigabe${to ? ` für ${to}` : ''}`,
  reasonUserGrant: (level: Level, owner: string): string => `${LEVEL[level]}: eigene Freigabe von ${owner}`,
  scopeAll: 'alle',
  scopeAllData: 'den Daten aller',
  scopeGroup: (name: string): string => `Gruppe ${name}`,
  scopeGroupData: (name: string): string => `den Daten der Gruppe ${name}`,
  scopeYourData: 'deinen Daten',

  whoTitle: (field: string, isAction: boolean): string => (isAction ? `Wer darf: ${field}` : `Wer sieht: ${field}`),
  whoNeeds: (level: Level, isAction: boolean): string =>
    level === 'blocked'
      ? `Auf jeder Stufe ${isAction ? 'möglich' : 'sichtbar'}.`
      : `${isAction ? 'Möglich' : 'Sichtbar'} ab der Stufe **${LEVEL[level]}**.`,
  whoNobody: 'Keine Stufe erlaubt das.',
  colleaguesHeading: 'Kolleginnen und Kollegen',
  externalsHeading: 'Externe Kontakte (Federation)',
  notGovernedAnywhere: (field: string, items: string): string =>
    `${field} ist nicht über Berechtigungsstufen geregelt: Das Detail stammt aus dem Verzeichnis${items ? ` (Katalogeintrag ${items})` : ''} und ist für alle sichtbar, die deinen Verzeichniseintrag sehen können. Auch die Berechtigungstabelle für externe Kontakte führt es nicht auf.`,
  noDirectoryValue: (detail: string, items: string): string =>
    `Dein Verzeichniseintrag hat keinen Wert für „${detail}“${items ? ` (Katalogeintrag ${items})` : ''}: Zurzeit sieht also niemand einen. Die Regel unten gilt, sobald einer eingetragen ist.`,
  whatICanSeeTitle: (name: string): string => `Was du von ${name} siehst`,
  whatICanSeeLevel: (name: string, level: Level): string => `Du hast ${name} gegenüber die Stufe **${LEVEL[level]}**.`,
  notGovernedColleagues: (field: string, items: string): string =>
    `Für Kolleginnen und Kollegen nicht über Berechtigungsstufen geregelt. ${field} stammt aus dem Verzeichnis${items ? ` (Katalogeintrag ${items})` : ''} und ist für alle sichtbar, die deinen Verzeichniseintrag sehen können. Ändern können das die Verzeichnis-Administratoren.`,
  notGovernedExternals: (field: string): string =>
    `Für externe Kontakte nicht über Berechtigungsstufen geregelt: Ihre Berechtigungstabelle führt ${field} nicht auf.`,
  everyone: (n: number): string => `Alle ${plural(n, 'Kollegin/Kollege', 'Kolleginnen und Kollegen')}.`,
  noColleague: 'Niemand.',
  reachCount: (n: number): string => `Insgesamt ${plural(n, 'Person', 'Personen')}.`,
  groupLine: (reason: string, n: number): string => `${reason} — ${n}`,
  externalDefaultReaches: (level: Level): string =>
    `Jeder externe Kontakt ohne Freigabe: ja (Standardstufe ${LEVEL[level]}).`,
  externalDefaultDoesNot: (level: Level): string =>
    `Externe Kontakte ohne Freigabe: nein (Standardstufe ${LEVEL[level]}).`,
  cappedDomains: (domains: string): string => `Ausgenommen Kontakte bei ${domains}: ihre Domain ist unterhalb dieser Stufe begrenzt.`,
  cappedContact: (name: string, domain: string, cap: Level): string =>
    `${name} würde die Stufe erreichen, aber die Administratoren begrenzen ${domain} auf ${LEVEL[cap]}.`,
  noNamedExternal: 'Kein externer Kontakt hat eine Freigabe, die diese Stufe erreicht.',
  showAll: 'Alle anzeigen',
  nextPage: 'Nächste Seite',
  pageOf: (from: number, to: number, total: number): string => `${from}–${to} von ${total}.`,

  whatTitle: (name: string): string => `Was ${name} von dir sieht`,
  whatLevel: (name: string, level: Level): string => `${name} hat dir gegenüber die Stufe **${LEVEL[level]}**.`,
  visible: 'sichtbar',
  hidden: 'verborgen',
  possible: 'möglich',
  prevented: 'unterbunden',
  fromDirectory: (fields: string): string =>
    `${fields}: stammen aus dem Verzeichnis und sind für alle sichtbar, die deinen Verzeichniseintrag sehen können; für Kolleginnen und Kollegen regeln die Berechtigungsstufen sie nicht.`,
  notForExternals: (fields: string): string =>
    `${fields}: für externe Kontakte nicht über Stufen geregelt (nicht in der Federation-Tabelle).`,
  cappedNote: (domain: string, cap: Level, uncapped: Level): string =>
    `Die Freigaben ergäben ${LEVEL[uncapped]}, aber die Administratoren begrenzen ${domain} auf ${LEVEL[cap]}.`,
  why: 'Warum?',
  changeLevel: 'Stufe ändern',
  chooseLevel: 'Neue Stufe',
  apply: 'Übernehmen',

  whyTitle: (name: string, field?: string, isAction = false): string =>
    field ? (isAction ? `Darf ${name}: ${field}?` : `Sieht ${name}: ${field}?`) : `Warum ${name} diese Stufe hat`,
  whyField: (name: string, field: string, level: Level, needed: Level | null, allowed: boolean): string =>
    needed === null
      ? `${field}: auf keiner Stufe erlaubt.`
      : `Nötig für ${field}: **${LEVEL[needed]}**. ${name} hat **${LEVEL[level]}**, also: ${allowed ? 'ja' : 'nein'}.`,
  whyNotGoverned: (field: string, external: boolean): string =>
    external
      ? `${field} ist für externe Kontakte nicht über Stufen geregelt (nicht in der Federation-Tabelle).`
      : `${field} ist für Kolleginnen und Kollegen nicht über Stufen geregelt: Das Detail stammt aus dem Verzeichnis und ist für alle sichtbar, die deinen Verzeichniseintrag sehen können.`,
  reasonsHeading: 'Woher die Stufe kommt (höchste zuerst)',
  youCanChange: 'Das kannst du ändern.',
  onlyAdmins: 'Das können nur die Administratoren ändern (Freigabedatei).',
  additive: (own: Level, effective: Level): string =>
    `Deine eigene Einstellung (${LEVEL[own]}) senkt das nicht: Das Rechtesystem ist additiv, ein anderswo vergebenes Recht kann eine niedrigere Einstellung nicht wegnehmen. Es bleibt bei ${LEVEL[effective]}.`,

  setDone: (name: string, level: Level, previous: Level | null): string =>
    `Erledigt: **${name}** hat in deinen eigenen Freigaben jetzt **${LEVEL[level]}**${previous ? ` (vorher: ${LEVEL[previous]})` : ''}.`,
  setUnchanged: (name: string, level: Level): string => `Es ändert sich nichts: ${name} hat in deinen eigenen Freigaben schon ${LEVEL[level]}.`,
  setStored: (name: string, level: Level, previous: Level | null): string =>
    `Gespeichert: Deine eigene Freigabe für **${name}** ist jetzt **${LEVEL[level]}**${previous ? ` (vorher: ${LEVEL[previous]})` : ''}.`,
  noEffect: (name: string, level: Level): string => `Im Ergebnis ändert sich nichts: ${name} behält dir gegenüber **${LEVEL[level]}**.`,
  noEffectWhy: 'Andere Freigaben geben schon so viel oder mehr — Stufen addieren sich, eine niedrigere Einstellung nimmt nichts weg:',
  groupNoEffect: (group: string, n: number): string =>
    `Im Ergebnis ändert sich nichts: ${n === 1 ? `Das einzige Mitglied von ${group} behält seine Stufe dir gegenüber — andere Freigaben geben sie ihm` : `Alle ${n} Mitglieder von ${group} behalten ihre Stufe dir gegenüber — andere Freigaben geben sie ihnen`} schon:`,
  groupEmpty: (group: string): string => `Im Ergebnis ändert sich nichts: ${group} hat außer dir keine Mitglieder.`,
  groupRaised: (n: number, total: number): string => `${n} von ${total} Mitgliedern ${n === 1 ? 'sieht' : 'sehen'} jetzt mehr von dir.`,
  groupLowered: (n: number, total: number): string => `${n} von ${total} Mitgliedern ${n === 1 ? 'sieht' : 'sehen'} jetzt weniger von dir.`,
  despiteBlockHeading: 'Trotz deiner Sperre',
  despiteBlock: (names: string, n: number, before: Level, after: Level): string =>
    `${names} ${n === 1 ? 'ist' : 'sind'} von dir gesperrt, ${n === 1 ? 'hat' : 'haben'} dir gegenüber jetzt aber **${LEVEL[after]}** statt ${LEVEL[before]}: Stufen addieren sich, eine Sperre hält nicht zurück, was eine andere Freigabe gibt.`,
  nowAlsoSee: (rows: string): string => `Zusätzlich sichtbar bzw. möglich für sie: ${rows}.`,
  removed: (name: string, previous: Level | null): string =>
    previous ? `Deine eigene Freigabe für **${name}** ist entfernt (war ${LEVEL[previous]}).` : `Du hattest für ${name} keine eigene Freigabe; nichts geändert.`,
  stillHigher: (name: string, level: Level): string =>
    `${name} behält dir gegenüber **${LEVEL[level]}** über andere Freigaben — Stufen addieren sich, eine niedrigere Einstellung nimmt nichts weg:`,
  effectiveNow: (name: string, level: Level): string => `Stufe von ${name} dir gegenüber jetzt: ${LEVEL[level]}.`,
  confirmNewExternal: (name: string, level: Level): string => `${name} ist noch keiner deiner externen Kontakte. ${LEVEL[level]} geben?`,
  confirmSet: (level: Level): string => `Ja, ${LEVEL[level]} geben`,
  confirmNo: 'Nein, abbrechen',
  setCancelled: (name: string): string => `Abgebrochen: Für ${name} wurde nichts geändert.`,
  removeWhom: 'Wessen Freigabe soll ich entfernen? Zum Beispiel: „Freigabe für Bob entfernen“.',
  buttonNotYours: 'Diese Schaltfläche gehört zu einer Antwort für jemand anderen. Frag mich selbst, zum Beispiel „Wer sieht meine Präsenz?“.',
  onlyOwnData: 'Ich kann dir nur Auskunft über deine eigenen Daten geben – zum Beispiel „Wer sieht meine Präsenz?“ oder „Was sieht Bob von mir?“.',
  groupSet: (group: string, level: Level): string => `Mitglieder von ${group} bekommen aus deinen eigenen Freigaben mindestens ${LEVEL[level]}.`,
  undo: 'Rückgängig',
  cannotSetSelf: 'Für dich selbst kannst du keine Stufe setzen.',
  unknownGroup: 'Diese Gruppe gibt es im Verzeichnis nicht mehr.',
  setWhom: 'Wen soll ich auf welche Stufe setzen? Zum Beispiel: „Bob auf Teammitglied setzen“.',
  setWhichLevel: (name: string): string => `Welche Stufe soll ${name} bekommen?`,

  listTitle: 'Deine Freigaben',
  listOwn: 'Von dir gesetzt',
  listNone: 'Du hast selbst noch keine Stufe gesetzt.',
  listDefaults: 'Voreinstellungen des Unternehmens',
  listGlobal: (level: Level): string => `Kolleginnen und Kollegen: mindestens ${LEVEL[level]} (systemweit).`,
  listExternalDefault: (level: Level): string => `Externe Kontakte ohne Freigabe: ${LEVEL[level]}.`,
  listDomainCap: (domain: string, level: Level): string => `Kontakte bei ${domain}: höchstens ${LEVEL[level]}.`,
  listGroupTier: 'Freigaben der Administratoren, die deine Daten betreffen',
  remove: 'Entfernen',

  removeAllTitle: 'Alle deine Freigaben entfernen',
  removeAllConfirm: (n: number): string => (n === 1 ? 'Damit entfernst du deine einzige eigene Freigabe:' : `Damit entfernst du alle ${n} deiner eigenen Freigaben:`),
  removeAllYes: (n: number): string => (n === 1 ? 'Ja, entfernen' : `Ja, alle ${n} entfernen`),
  removeAllDone: (n: number): string => (n === 1 ? 'Deine einzige eigene Freigabe ist entfernt:' : `Alle ${n} deiner eigenen Freigaben sind entfernt:`),
  removeAllAdminsStay: 'Die Freigaben der Administratoren, die deine Daten betreffen, bleiben, ebenso die Voreinstellungen des Unternehmens:',
  removeAllNone: 'Du hast keine eigenen Freigaben; es wurde nichts entfernt.',
  removeAllCancelled: 'Abgebrochen: Es wurde nichts entfernt, deine Freigaben bleiben, wie sie sind.',
  removeAllNoUndo: (n: number): string => `${n} Freigaben sind zu viele für eine Rückgängig-Schaltfläche; setze die nötigen neu.`,
  restoredAll: (n: number): string => (n === 1 ? '1 eigene Freigabe ist wiederhergestellt.' : `${n} deiner eigenen Freigaben sind wiederhergestellt.`),

  notFound: (query: string): string => `Ich finde niemanden namens „${query}“ im Verzeichnis oder unter deinen externen Kontakten.`,
  chooseTitle: (query: string): string => `Wen meinst du mit „${query}“?`,
  needPerson: 'Wen meinst du? Nenne eine Kollegin, einen Kollegen oder einen externen Kontakt, zum Beispiel „was sieht Bob von mir“.',
  groupNotViewer: (group: string): string => `${group} ist eine Gruppe; frag nach einer einzelnen Person oder setze eine Stufe für die ganze Gruppe.`,
  needField: 'Welches Detail meinst du? Zum Beispiel deine Handynummer, deine Präsenz oder private Termine.',
  notInDirectory:
    'Ich finde dich nicht im Verzeichnis und kann deshalb keine Fragen zu deinen Daten beantworten. Bitte lass deinen Verzeichniseintrag von den Administratoren prüfen.',
  unidentified: 'Ich kann auf diesem Kanal nicht erkennen, wer du bist. Bitte schreib mir in Microsoft Teams.',
  requestsPersonalOnly: 'Datenschutzanträge sind persönlich, deshalb bearbeite ich sie nur in unserem persönlichen Chat. Öffne einen Chat mit mir und schreib dort — hier wurde nichts erfasst.',
  foreignTenant: 'Ich antworte nur Angehörigen der Organisation, die mich betreibt. Bitte wende dich an das Datenschutzteam deiner eigenen Organisation.',

  helpTitle: 'Was ich kann',
  helpIntro: 'Ich beantworte Fragen dazu, wer deine Daten in der Kommunikationssoftware sehen kann, du kannst bei mir deine eigenen Berechtigungsstufen ändern, und ich bringe Datenschutzanträge zur oder zum Datenschutzbeauftragten — zum Beispiel „Bitte lösche meine Daten“, „Ich möchte eine Kopie meiner Daten“, „Wie ist der Stand meines Antrags?“.',
  helpExamples: [
    'Wer kann meine Handynummer sehen?',
    'Warum kann Frank meine Präsenz sehen?',
    'Bob auf Teammitglied setzen',
    'Ich möchte eine Kopie meiner Daten',
    'Bitte lösche meine Daten',
    'Meine Freigaben',
  ],
  helpLevels: 'Stufen, niedrigste zuerst: Gesperrt, Öffentlich, Geschäftlich, Teammitglied, Persönlich. Höhere Stufen fügen Rechte hinzu, sie nehmen nie welche weg.',
  welcomeTitle: 'Hallo, ich bin privacy-desk',
  welcomeText: 'Frag mich, wer deine Daten sehen kann, lege fest, wer was sehen darf, und stelle DSGVO-Anträge. Probier zum Beispiel:',
  unknown: 'Das habe ich leider nicht verstanden. Das kann ich:',
  requestStatusNotYet: 'Datenschutzanträge werden hier nicht angeboten, deshalb kann ich keine Anträge von dir zeigen. Wenn du einen an die oder den Datenschutzbeauftragten geschickt hast, frag bitte dort nach.',
  retentionTitle: 'Wie lange Daten aufbewahrt werden',
  retentionIntro: 'Regelfristen je Datenkategorie laut Produktdokumentation. Administratoren und Datenschutzbeauftragte bekommen auf diese Frage den Löschbericht: was jetzt aufbewahrt ist und was zu tun ist.',
  retentionSummaryTitle: (week: string): string => `Löschbericht – Woche ab ${week}`,
  retentionSummaryIntro: (at: string): string => `Stand ${at}. Je Datenkategorie: wie lange sie aufbewahrt wird, was die Quellen enthalten und was über der Frist ist.`,
  retentionPolicy: (policy: { kind: string; days?: number }): string =>
    policy.kind === 'days' ? `${policy.days} Tage aufbewahrt` : policy.kind === 'untilUserDeleted' ? 'aufbewahrt, solange der Benutzer existiert' : policy.kind === 'notPossible' ? 'nicht löschbar' : 'durch die Größe begrenzt',
  retentionRecords: (count: number, oldest: string): string => `${count} ${count === 1 ? 'Eintrag' : 'Einträge'}, der älteste vom ${oldest}`,
  retentionRecordCount: (count: number): string => `${count} ${count === 1 ? 'Eintrag' : 'Einträge'}`,
  retentionPastDue: (count: number): string => `${count} über der Frist`,
  retentionPurgedThisWeek: (count: number): string => `${count} diese Woche gelöscht`,
  retentionRestrictedKept: (count: number): string => `${count} eingeschränkt oder unter Aufbewahrungspflicht, behalten`,
  retentionLogSize: (files: number, size: string, limit: string): string => `${files} ${files === 1 ? 'Datei' : 'Dateien'}, ${size} von ${limit}`,
  retentionSourceFailed: 'nicht erreichbar',
  retentionNoSources: 'Für diese Kategorie ist keine Quelle eingerichtet.',
  retentionRequestsHeading: 'Datenschutzanträge',
  retentionOpenedThisWeek: 'Diese Woche eingegangen',
  retentionCompletedThisWeek: 'Diese Woche abgeschlossen',
  retentionOpenCases: 'Offen',
  retentionDueWithin7Days: 'In 7 Tagen fällig',
  retentionOverdueCases: 'Überfällig',
  retentionNeedsActionHeading: 'Zu tun',
  retentionNothingNeeded: 'Nichts zu tun.',
  retentionPurgeDue: (source: string, count: number): string => `${source}: ${count} Einträge über der Frist – ein Administrator kann die Löschung starten (privacy-desk retention purge).`,
  retentionAskOwner: (source: string, count: number, owner?: string): string => `${source}: ${count} Einträge über der Frist, die privacy-desk nicht löschen darf – bitte ${owner ?? 'die Verantwortlichen der Quelle'} fragen.`,
  retentionLogsOverLimit: (source: string, size: string, limit: string): string => `${source}: Die Protokolle belegen ${size}, mehr als ihr Limit von ${limit}.`,
  retentionTasksRisk: (count: number, oldest: string): string => `Aufgaben: ${count} können nicht gelöscht werden (ein bleibendes Risiko), die älteste vom ${oldest}.`,
  retentionOverdueRequests: (count: number): string => `${count} ${count === 1 ? 'Datenschutzantrag ist' : 'Datenschutzanträge sind'} überfällig.`,
  retentionSourceFailedAction: (source: string): string => `${source} war nicht erreichbar; Einzelheiten im Protokoll des Bots.`,
  retentionOrphans: (source: string, count: number, users: number, owner?: string): string =>
    `${source}: ${count} ${count === 1 ? 'Kontakt' : 'Kontakte'} von ${users} ${users === 1 ? 'Benutzer' : 'Benutzern'}, die es nicht mehr gibt – in der Administration der Kommunikationssuite löschen${owner ? ` (${owner} fragen)` : ''}.`,
  retentionOrphanRecords: (count: number): string => `${count} von Benutzern, die es nicht mehr gibt`,
  retentionLate: (due: string): string => `Verspätet: Dieser Bericht war am ${due} fällig, als privacy-desk nicht lief.`,
  retentionChartsHeading: 'Die letzten 8 Wochen',
  retentionWeekAxis: 'Woche ab',
  retentionPurgedChart: 'Gelöschte Einträge pro Woche (Journal und Chat)',
  retentionPurgedAxis: 'Einträge',
  retentionRequestsChart: 'Datenschutzanfragen pro Woche',
  retentionRequestsAxis: 'Anfragen',
  retentionOpenedLegend: 'Eingegangen',
  retentionCompletedLegend: 'Erledigt',
  retentionOpenedCompleted: (opened: number, completed: number): string => `${opened} eingegangen, ${completed} erledigt`,
  retentionPurgeNowButton: 'Jetzt löschen',
  retentionOverdueButton: 'Überfällige Fälle zeigen',
  retentionBackButton: 'Zurück zum Bericht',
  retentionButtonsNote: 'Löschen: Administratoren. Überfällige Fälle: Datenschutzbeauftragte.',
  retentionConfirmTitle: 'Jetzt löschen?',
  retentionConfirmIntro: (count: number): string => `Damit werden ${count} ${count === 1 ? 'Journal- oder Chat-Eintrag' : 'Journal- und Chat-Einträge'} über der Frist aus den Quellen gelöscht, die privacy-desk schreiben darf. Eingeschränkte Einträge und solche unter Aufbewahrungspflicht (Legal Hold) bleiben. Das lässt sich nicht rückgängig machen.`,
  retentionConfirmButton: 'Ja, jetzt löschen',
  retentionCancelButton: 'Abbrechen',
  retentionPurgeStarted: (by: string): string => `Löschung gestartet von ${by}. Das Ergebnis steht im Kanal der Administratoren, sobald sie fertig ist.`,
  retentionPurgeRunning: 'Es läuft bereits eine Löschung; ihr Ergebnis steht im Kanal der Administratoren, sobald sie fertig ist.',
  retentionPurgeFinishedTitle: 'Löschung abgeschlossen',
  retentionPurgeScheduledIntro: 'Die geplante Löschung konnte nicht alle Quellen bereinigen.',
  retentionPurgeFinishedIntro: (by: string): string => `Gestartet von ${by} aus dem Löschbericht.`,
  retentionPurgeDeleted: (deleted: number, kept: number): string => `${deleted} gelöscht${kept > 0 ? `, ${kept} eingeschränkt oder unter Aufbewahrungspflicht behalten` : ''}`,
  retentionPurgeNotWritable: (due: number): string => `${due} über der Frist; privacy-desk darf sie nicht löschen`,
  retentionPurgeSourceFailed: 'konnte nicht gelöscht werden; Einzelheiten im Protokoll des Bots',
  retentionOverdueTitle: 'Überfällige Datenschutzanfragen',
  retentionOverdueLine: (number: string, type: string, due: string, days: number): string => `${number} · ${type} · fällig am ${due} (${days} ${days === 1 ? 'Tag' : 'Tage'} überfällig)`,
  retentionNoOverdue: 'Keine Datenschutzanfrage ist überfällig.',
  retentionOverdueNote: 'Einen Fall öffnen Sie im persönlichen Chat mit privacy-desk: Nennen Sie seine Nummer, z. B. „Status DSR-2026-0001“.',
  retentionAdminsOnly: 'Nur die Administratoren der Kommunikationssuite dürfen die Löschung starten.',
  retentionDposOnly: 'Nur Datenschutzbeauftragte sehen die Fälle.',
  retentionNoSummaryHere: 'Der Löschbericht ist für Administratoren und Datenschutzbeauftragte.',
  adminChannelTitle: 'Löschberichte',
  adminChannelSet: (cron: string, zone: string): string => `Ab jetzt poste ich den Löschbericht in diesem Kanal (${cron}, ${zone}).`,
  adminChannelSetNext: (next: string): string => `Der nächste: ${next}.`,
  adminChannelOverridden: 'Hinweis: ADMIN_CHANNEL nennt in meiner Konfiguration einen anderen Kanal; die Berichte gehen weiter dorthin, bis ein Betreiber das ändert.',
  adminChannelOnlyInChannel: 'Sagen Sie das in dem Teams-Kanal, in den die Berichte sollen (mit @privacy-desk), nicht in einem Chat.',
  adminChannelAdminsOnly: 'Nur die Administratoren der Kommunikationssuite dürfen festlegen, wohin die Löschberichte gehen.',
  adminChannelNoSchedule: 'Wöchentliche Löschberichte sind ausgeschaltet (RETENTION_SUMMARY_CRON=off); bitten Sie einen Betreiber, sie einzuschalten.',
  teamWelcome: 'Hallo! Ich beantworte Datenschutzfragen im persönlichen Chat. Administratoren: Sagen Sie „@privacy-desk Löschberichte hier posten“ in dem Kanal, in den der wöchentliche Löschbericht soll.',
  retentionRule: (rule: RetentionRule): string => {
    switch (rule.kind) {
      case 'untilUserDeleted':
        return 'Aufbewahrt, solange der Benutzer existiert; mit ihm gelöscht.';
      case 'configurable':
        return `Einstellbar, mindestens ${rule.minDays} ${rule.minDays === 1 ? 'Tag' : 'Tage'}.`;
      case 'notPossible':
        return 'Löschung nicht möglich.';
      case 'sizeLimited':
        return 'Begrenzt durch eine Größeneinstellung.';
    }
  },
  recordNotYet:
    'Das Verzeichnis der Verarbeitungstätigkeiten (Art. 30 DSGVO) gibt es bei mir noch nicht; es kommt in einer späteren Version zusammen mit der Übersicht der Aufbewahrungsfristen.',
  errorReference: (id: string): string => `Bei mir ist etwas schiefgegangen. Bitte versuch es noch einmal; wenn es wieder passiert, nenne den Administratoren die Referenz ${id}.`,
  invalidAction: 'Diese Schaltfläche ist veraltet oder ungültig. Bitte frag noch einmal.',

  appTitle: 'privacy-desk',
  requestsTitle: 'Datenschutzanträge',
  recordTitle: 'Verzeichnis der Verarbeitungstätigkeiten',
  setTitle: 'Deine Berechtigungsstufen',
  personTitle: 'Wen meinst du?',
  detailTitle: 'Welches Detail?',
  choose: 'Auswählen',
  thanksTitle: 'Gern geschehen',
  thanksText: 'Freut mich, dass ich helfen konnte. Frag jederzeit — das fragen andere oft:',
  explainTitle: (level) => `${LEVEL[level]}: was die Stufe bedeutet`,
  explainIntro: (level) =>
    `Eine Kollegin, ein Kollege, eine Gruppe oder ein externer Kontakt mit der Stufe ${LEVEL[level]} dir gegenüber sieht und darf Folgendes. Du legst sie für einzelne Personen oder Gruppen fest („Bob auf ${LEVEL[level]} setzen“); Administratoren legen unternehmensweite Stufen fest, und es zählt die höchste Stufe, die zutrifft.`,
  explainColleagues: 'Kolleginnen und Kollegen',
  explainExternal: 'Externe Kontakte',
  explainSees: 'Sieht',
  explainCan: 'Darf',
  explainNothing: 'nichts',
  explainNew: (below) => `Neu gegenüber ${LEVEL[below]}`,
  explainAllTitle: 'Die Berechtigungsstufen',
  explainAllIntro: 'Jede Stufe lässt eine Kollegin, einen Kollegen oder einen Kontakt etwas mehr von dir sehen und tun; eine höhere Stufe enthält immer alles der niedrigeren. Was jede Stufe für Kolleginnen und Kollegen hinzufügt:',
  explainAllLine: (level, added) => `${LEVEL[level]}: ${added}`,
  explainAsk: (level) => `was heißt ${LEVEL[level]}`,
  whoIsDpoTitle: 'Ansprechpersonen für Datenschutz',
  whoIsDpoIntro: (names) => `Für den Datenschutz ${names.includes(',') || names.includes(' und ') ? 'sind' : 'ist'} ${names} zuständig. Frag dort alles zum Datenschutz — oder stell bei mir einen Antrag, der sofort dort ankommt:`,
  whoIsDeputy: (name) => `Vertretung: ${name}.`,
  noDpoConfigured: 'In privacy-desk ist noch keine Datenschutzbeauftragte und kein Datenschutzbeauftragter eingerichtet; deine Administratoren können jemanden benennen (Einstellung DPO_USERS). Wer deine Daten sehen kann, kannst du mich trotzdem fragen.',
  dpoHelpIntro: 'Als Datenschutzbeauftragte oder Datenschutzbeauftragter entscheidest du hier über Datenschutzanträge: deine Arbeitsliste, jeden Vorgang über seine Nummer, und Anträge, die per Brief, Anruf oder Mail kamen und die du selbst erfasst. Alles, was Beschäftigte fragen können, geht auch für dich.',
  dpoHelpExamples: ['offene Anträge', 'welche Anträge sind überfällig', 'ein Kunde hat per Brief Auskunft verlangt', 'zeige DSR-2026-0001', 'Wer sieht meine Handynummer?'],
  adminHelpIntro: 'Als Administratorin oder Administrator legst du unternehmensweite Stufen und Gruppenfreigaben in der Freigabedatei fest (GRANTS_FILE, beim Start eingelesen); hier siehst du, was die Regeln für Menschen bedeuten, wie lange Daten aufbewahrt werden, und das Verzeichnis der Verarbeitungstätigkeiten.',
  adminHelpExamples: ['Wie lange werden Daten gespeichert?', 'Was heißt Geschäftlich?', 'VVT anzeigen', 'Wer sieht meine Präsenz?', 'meine Freigaben'],
  suggestTitle: 'Meintest du …?',
  suggestIntro: 'Ich bin nicht sicher, was du meinst. Ist es eins davon? Oder frag mit anderen Worten — zum Beispiel „Wer sieht meine Handynummer?“.',
  noManager: 'Im Verzeichnis ist für dich keine Führungskraft eingetragen, deshalb weiß ich nicht, wen du meinst.',
  noTeam: 'Im Verzeichnis berichtet niemand an dich, und für dich ist keine Abteilung eingetragen — deshalb weiß ich nicht, wer dein Team ist.',
  teamTitle: 'Dein Team',
  teamReports: (count) => `${count} ${count === 1 ? 'Person berichtet' : 'Personen berichten'} an dich. Frag nach einer von ihnen:`,
  teamDepartment: (count) => `${count} ${count === 1 ? 'Person arbeitet' : 'Personen arbeiten'} in deiner Abteilung. Frag nach einer von ihnen:`,
  suggestWhoCanSee: (topic) => `Wer sieht: ${topic}`,
  suggestWhy: (person, topic) => `Warum sieht ${person}: ${topic}?`,
  suggestWhatCanSee: (person) => `Was sieht ${person} von mir?`,
  suggestWhatCanISee: (person) => `Was sehe ich von ${person}?`,
  suggestSetLevel: (person, level) => `${person} auf ${LEVEL[level]} setzen`,
  suggestRequest: (type) => `${type} für mich`,
  suggestStatus: 'Meine Datenschutzanträge',
  suggestListGrants: 'Meine Freigaben',
  requestExamples: ['Ich möchte eine Kopie meiner Daten', 'Bitte lösche meine Daten'],
};
