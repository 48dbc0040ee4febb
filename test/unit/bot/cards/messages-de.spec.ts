import { namesList } from '../../../../src/bot/cards/describe';
import { de } from '../../../../src/bot/i18n/messages.de';
import { en } from '../../../../src/bot/i18n/messages.en';
import type { Messages } from '../../../../src/bot/i18n/messages';
import { parse } from '../../../../src/bot/intents/parser';
import { REQUEST_TYPES, type RequestType } from '../../../../src/bot/intents/intent';
import { LEVELS, type Level } from '../../../../src/domain/levels';

type Key = keyof Messages;
type FunctionKey = { [K in Key]: Messages[K] extends (...args: never[]) => string ? K : never }[Key];
type TextKey = { [K in Key]: Messages[K] extends string ? K : never }[Key];
type Render = (...args: unknown[]) => string;

/** Texts that are the same in every language on purpose. */
const SAME_TEXT: TextKey[] = ['appTitle'];
/** Formats without words: the same in every language on purpose. */
const SAME_FORMAT: FunctionKey[] = ['groupLine'];

const perLevel = <T extends unknown[]>(args: (level: Level) => T): T[] => LEVELS.map(args);

/**
 * Arguments to call every message function with. Typed, so a function added to the English texts
 * without samples here does not compile. Levels and request types run through all values.
 */
const SAMPLES: { [K in FunctionKey]: Parameters<Messages[K]>[] } = {
  level: perLevel((l) => [l]),
  requestType: REQUEST_TYPES.map((r) => [r]),
  list: [[['Anna', 'Bob']], [['Anna', 'Bob', 'Chris']]],
  andMore: [[1], [9]],
  reasonGlobal: perLevel((l) => [l]),
  reasonExternalDefault: perLevel((l) => [l]),
  reasonGroupGrant: perLevel((l) => [l, 'OWNER', 'VIEWER']),
  reasonSystemGrant: perLevel((l) => [l]),
  reasonOwnGrant: [...perLevel((l): [Level, string?] => [l]), ['team', 'SALES']],
  reasonUserGrant: perLevel((l) => [l, 'Zoë Müller-Lüdenscheidt']),
  scopeGroup: [['Sales']],
  scopeGroupData: [['Sales']],
  whoTitle: [['FIELD', true], ['FIELD', false]],
  whoNeeds: LEVELS.flatMap((l) => [[l, true], [l, false]] as [Level, boolean][]),
  notGovernedColleagues: [['FIELD', 'F.13.3.1'], ['FIELD', '']],
  notGovernedExternals: [['FIELD']],
  everyone: [[1], [29]],
  reachCount: [[1], [12]],
  groupLine: [['REASON', 5]],
  externalDefaultReaches: perLevel((l) => [l]),
  externalDefaultDoesNot: perLevel((l) => [l]),
  cappedDomains: [['partner.example (Business)']],
  cappedContact: perLevel((l) => ['Eve Evans', 'partner.example', l]),
  pageOf: [[1, 20, 29]],
  whatTitle: [['Bob Brown']],
  whatLevel: perLevel((l) => ['Bob Brown', l]),
  fromDirectory: [['FIELDS']],
  notForExternals: [['FIELDS']],
  cappedNote: perLevel((l) => ['partner.example', l, 'personal']),
  whyTitle: [['Bob Brown'], ['Bob Brown', 'FIELD'], ['Bob Brown', 'FIELD', true]],
  whyField: LEVELS.flatMap(
    (l) =>
      [
        ['Bob Brown', 'FIELD', l, 'public', true],
        ['Bob Brown', 'FIELD', l, 'personal', false],
        ['Bob Brown', 'FIELD', l, null, false],
      ] as [string, string, Level, Level | null, boolean][],
  ),
  whyNotGoverned: [['FIELD', true], ['FIELD', false]],
  additive: perLevel((l) => [l, 'personal']),
  setDone: LEVELS.flatMap((l) => [['Bob Brown', l, null], ['Bob Brown', l, 'public']] as [string, Level, Level | null][]),
  setUnchanged: perLevel((l) => ['Bob Brown', l]),
  setStored: LEVELS.flatMap((l) => [['Bob Brown', l, null], ['Bob Brown', l, 'public']] as [string, Level, Level | null][]),
  noEffect: perLevel((l) => ['Bob Brown', l]),
  groupNoEffect: [['SALES', 1], ['SALES', 8]],
  groupEmpty: [['SALES']],
  groupRaised: [[1, 3], [2, 3]],
  groupLowered: [[1, 3], [2, 3]],
  despiteBlock: LEVELS.flatMap((l) => [['Mallory Miller', 1, 'public', l], ['Anna, Bob and 3 more', 5, 'blocked', l]] as [string, number, Level, Level][]),
  nowAlsoSee: [['FIELDS']],
  removed: [['Bob Brown', null], ...perLevel((l): [string, Level | null] => ['Bob Brown', l])],
  stillHigher: perLevel((l) => ['Bob Brown', l]),
  effectiveNow: perLevel((l) => ['Bob Brown', l]),
  confirmNewExternal: perLevel((l) => ['new@other.example', l]),
  confirmSet: perLevel((l) => [l]),
  setCancelled: [['new@other.example']],
  removeAllConfirm: [[1], [4]],
  removeAllYes: [[1], [4]],
  removeAllDone: [[1], [4]],
  removeAllNoUndo: [[250]],
  restoredAll: [[1], [4]],
  retentionRule: [[{ kind: 'untilUserDeleted' }], [{ kind: 'configurable', minDays: 1 }], [{ kind: 'configurable', minDays: 7 }], [{ kind: 'notPossible' }], [{ kind: 'sizeLimited' }]],
  notGovernedAnywhere: [['FIELD', 'F.10.1'], ['FIELD', '']],
  noDirectoryValue: [['FIELD', 'F.13.3.1'], ['FIELD', '']],
  whatICanSeeTitle: [['Bob Brown']],
  whatICanSeeLevel: perLevel((l) => ['Bob Brown', l]),
  groupSet: perLevel((l) => ['SALES', l]),
  setWhichLevel: [['Bob Brown']],
  listGlobal: perLevel((l) => [l]),
  listExternalDefault: perLevel((l) => [l]),
  listDomainCap: perLevel((l) => ['partner.example', l]),
  notFound: [['Nobody Atall']],
  chooseTitle: [['chris']],
  groupNotViewer: [['SALES']],
  errorReference: [['ab12cd34']],
  explainTitle: perLevel((l) => [l]),
  explainIntro: perLevel((l) => [l]),
  explainNew: perLevel((l) => [l]),
  explainAllLine: perLevel((l) => [l, 'THINGS']),
  explainAsk: perLevel((l) => [l]),
  whoIsDpoIntro: [['Dana DPO'], ['Dana DPO und Dirk DPO'], ['Dana DPO, Dirk DPO und Debby']],
  whoIsDeputy: [['Debby Deputy']],
  teamReports: [[1], [3]],
  teamDepartment: [[1], [4]],
  suggestWhoCanSee: [['TOPIC']],
  suggestWhy: [['PERSON', 'TOPIC']],
  suggestWhatCanSee: [['PERSON']],
  suggestWhatCanISee: [['PERSON']],
  suggestSetLevel: perLevel((l) => ['PERSON', l]),
  suggestRequest: [['TYPE']],
  retentionSummaryTitle: [['2026-11-30']],
  retentionSummaryIntro: [['2026-12-05 08:00']],
  retentionPolicy: [[{ kind: 'days', days: 365 }], [{ kind: 'untilUserDeleted' }], [{ kind: 'notPossible' }], [{ kind: 'sizeLimited' }]],
  retentionRecords: [[1, '2024-12-05'], [6486, '2024-12-05']],
  retentionPastDue: [[3249]],
  retentionPurgedThisWeek: [[0], [120]],
  retentionRestrictedKept: [[1]],
  retentionLogSize: [[1, '61 KB', '64.0 MB'], [4, '61 KB', '64.0 MB']],
  retentionPurgeDue: [['journal', 3249]],
  retentionAskOwner: [['journal', 12, 'telephony@example.com'], ['journal', 12]],
  retentionLogsOverLimit: [['logs', '70.0 MB', '64.0 MB']],
  retentionTasksRisk: [[120, '2024-12-11']],
  retentionOverdueRequests: [[1], [3]],
  retentionSourceFailedAction: [['chat']],
  retentionLate: [['2026-11-30 08:00']],
  retentionOrphans: [['favourites', 1, 1], ['favourites', 12, 2, 'uc-admins@example.com']],
  retentionOrphanRecords: [[1], [12]],
  retentionRecordCount: [[1], [30]],
  retentionOpenedCompleted: [[0, 0], [3, 1]],
  retentionConfirmIntro: [[1], [1200]],
  retentionPurgeStarted: [['Ayşe Yılmaz']],
  retentionPurgeFinishedIntro: [['Ayşe Yılmaz']],
  retentionPurgeDeleted: [[10, 0], [10, 2]],
  retentionPurgeNotWritable: [[7]],
  retentionOverdueLine: [['REQ-2026-0001', 'access', '2026-11-20', 1], ['REQ-2026-0001', 'access', '2026-11-20', 15]],
  adminChannelSet: [['0 8 * * 1', 'Europe/Berlin']],
  adminChannelSetNext: [['Mon 7 Dec 2026, 08:00']],
};

const isLevel = (value: unknown): value is Level => (LEVELS as readonly unknown[]).includes(value);
const isRequestType = (value: unknown): value is RequestType => (REQUEST_TYPES as readonly unknown[]).includes(value);

/** How an argument shows in a text of `t`: levels and request types by their label, lists item by item. */
function shown(t: Messages, arg: unknown): string[] {
  if (isLevel(arg)) return [t.level(arg)];
  if (isRequestType(arg)) return [t.requestType(arg)];
  if (typeof arg === 'string' || typeof arg === 'number') return [String(arg)];
  if (Array.isArray(arg)) return arg.flatMap((a) => shown(t, a));
  return [];
}

/** Examples shown as buttons (help cards, requests): each asks the same in both languages. */
const EXAMPLE_LISTS = ['helpExamples', 'dpoHelpExamples', 'adminHelpExamples', 'requestExamples'] as const;

const keys = Object.keys(en) as Key[];
const textKeys = keys.filter((k): k is TextKey => typeof en[k] === 'string' && k !== 'locale');
const functionKeys = keys.filter((k): k is FunctionKey => typeof en[k] === 'function');
const cases = functionKeys.flatMap((key) => (SAMPLES[key] as unknown[][]).map((args) => [key, args] as const));

describe('German texts', () => {
  it('have exactly the English keys, and say they are German', () => {
    expect(Object.keys(de).sort()).toEqual([...keys].sort());
    expect(de.locale).toBe('de');
    expect(en.locale).toBe('en');
  });

  it('have samples for every message function', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...functionKeys].sort());
    expect(textKeys.length + functionKeys.length + ['locale', ...EXAMPLE_LISTS].length).toBe(keys.length);
  });

  it.each(textKeys)('%s is translated', (key) => {
    expect(de[key].trim()).not.toBe('');
    if (SAME_TEXT.includes(key)) expect(de[key]).toBe(en[key]);
    else expect(de[key]).not.toBe(en[key]);
  });

  it.each(EXAMPLE_LISTS)('translate every example of %s into one the parser understands as the English one', (list) => {
    expect(de[list]).toHaveLength(en[list].length);
    de[list].forEach((example, i) => {
      const english = en[list][i] as string;
      expect(example.trim()).not.toBe('');
      expect(example).not.toBe(english);
      const understood = parse(example);
      expect(understood.intent).not.toBe('unknown');
      expect(understood).toEqual(parse(english));
    });
  });

  it.each(cases)('%s(%j) is translated and keeps every argument', (key, args) => {
    const english = (en[key] as Render)(...args);
    const german = (de[key] as Render)(...args);
    expect(typeof german).toBe('string');
    expect(english.trim()).not.toBe('');
    expect(german.trim()).not.toBe('');
    if (SAME_FORMAT.includes(key)) expect(german).toBe(english);
    else expect(german).not.toBe(english);
    // Whatever English shows of an argument, German shows too (in its own words for levels).
    args.forEach((arg) => {
      const englishShown = shown(en, arg);
      const germanShown = shown(de, arg);
      englishShown.forEach((text, i) => {
        if (english.includes(text)) expect(german).toContain(germanShown[i]);
      });
    });
  });

  it.each([
    ['level', LEVELS],
    ['requestType', REQUEST_TYPES],
  ] as const)('%s gives a distinct non-empty name for every value in both languages', (key, values) => {
    for (const t of [en, de]) {
      const names = values.map((v) => (t[key] as Render)(v));
      names.forEach((name) => expect(name.trim()).not.toBe(''));
      expect(new Set(names).size).toBe(values.length);
    }
  });
});

describe('namesList in German', () => {
  // German puts no comma before "und" ("A, B und 3 weitere").
  it('puts no comma before "und"', () => {
    expect(namesList(de, ['Anna Schmidt', 'Bob Brown'], 5)).toBe('Anna Schmidt, Bob Brown und 3 weitere');
  });

  it('joins a complete list with "und"', () => {
    expect(namesList(de, ['Anna Schmidt', 'Bob Brown', 'Chris Clark'], 3)).toBe('Anna Schmidt, Bob Brown und Chris Clark');
  });
});
