import { requestsDe } from '../../../../src/bot/i18n/requests.de';
import { type RequestTexts, requestsEn } from '../../../../src/bot/i18n/requests.en';
import { REMINDERS } from '../../../../src/domain/requests/deadlines';
import { CRITERIA_KEYS, IDENTITY_METHODS, RECEIPT_CHANNELS, REQUEST_STATUSES, REQUEST_TYPES } from '../../../../src/domain/requests/request';
import { parse } from '../../../../src/bot/intents/parser';
import { type CommandAction, RULES } from '../../../../src/domain/requests/workflow';

type Key = keyof RequestTexts;
type FunctionKey = { [K in Key]: RequestTexts[K] extends (...args: never[]) => string ? K : never }[Key];
type TextKey = { [K in Key]: RequestTexts[K] extends string ? K : never }[Key];
type RefusalKey = keyof RequestTexts['refusal'];
type Render = (...args: unknown[]) => string;

/** Texts that are the same word in both languages on purpose. */
const SAME_TEXT: TextKey[] = ['factStatus'];
/** Formats without words of their own: the same in both languages for the same arguments. */
const SAME_FORMAT: FunctionKey[] = ['caseTitle', 'historyLine', 'changedLine'];
/** Single values whose name is the same word in both languages. */
const SAME_VALUE: Partial<Record<FunctionKey, unknown[]>> = { channel: ['teams'] };

const COMMAND_ACTIONS = Object.keys(RULES) as CommandAction[];
const DATE = '10.02.2026';
const INSTANT = '12.01.2026, 11:00';

/**
 * Arguments to call every text function with. Typed, so a function added to the English texts
 * without samples here does not compile. Enumerations run through all their values; counts run
 * through singular and plural.
 */
const SAMPLES: { [K in FunctionKey]: Parameters<RequestTexts[K]>[] } = {
  status: REQUEST_STATUSES.map((s) => [s]),
  channel: RECEIPT_CHANNELS.map((c) => [c]),
  identityMethod: IDENTITY_METHODS.map((m) => [m]),
  criterion: CRITERIA_KEYS.map((k) => [k]),
  action: [['receive'], ...COMMAND_ACTIONS.map((a): [CommandAction] => [a])],
  button: COMMAND_ACTIONS.map((a) => [a]),
  caseTitle: [['DSR-2026-0042', 'TYPE']],
  dueIn: [[DATE, 1], [DATE, 2], [DATE, 5], [DATE, 0], [DATE, -1], [DATE, -2], [DATE, -3]],
  overdue: [[-1], [-2], [-3]],
  pausedRule: [[INSTANT]],
  extensionLine: [[1, 'REASON'], [2, 'REASON']],
  decisionLine: [['STATUS', 'Dora DPO', INSTANT, ''], ['STATUS', 'Dora DPO', INSTANT, 'REASON']],
  duplicateLine: [['DSR-2026-0042', 'STATUS', INSTANT]],
  findingsHeading: [[INSTANT]],
  findingRecords: [['F', 1], ['H', 2], ['T', 1], ['C', 2], ['L', 3]],
  findingNameOnly: [['5 journal entries']],
  answerCase: [['DSR-2026-0042']],
  answerWithButton: [['DSR-2026-0042']],
  historyDetail: [['assign', 'Dora DPO'], ['merge', 'DSR-2026-0041'], ['link', 'DSR-2026-0041'], ['extend', '2 MONTHS']],
  historyLine: [[INSTANT, 'Dora DPO', 'ACTION', ''], [INSTANT, 'Dora DPO', 'ACTION', 'REASON']],
  mergedInto: [['DSR-2026-0042']],
  alreadyDecided: [['Dora DPO', INSTANT, 'STATUS']],
  changedMeanwhile: [['Dora DPO', INSTANT]],
  done: [['ACTION']],
  intakeTitle: [['DSR-2026-0042']],
  acknowledged: [['TYPE', DATE]],
  relayed: [['TYPE', DATE]],
  sameAgain: [['DSR-2026-0042']],
  alreadyOpen: [['TYPE', 'DSR-2026-0042']],
  duplicateNote: [['DSR-2026-0041'], ['DSR-2026-0040, DSR-2026-0041']],
  formTitle: [['TYPE']],
  statusLine: [['DSR-2026-0042', 'TYPE', 'STATUS', DATE]],
  openCasesIntro: [[1, 'DSR-2026-0042'], [2, 'DSR-2026-0042']],
  openCaseLine: [['DSR-2026-0042', 'TYPE', 'Erika Musterfrau', 'STATUS', DATE, ''], ['DSR-2026-0042', 'TYPE', 'Erika Musterfrau', 'STATUS', DATE, 'Dora DPO']],
  showCase: [['DSR-2026-0042']],
  selfRequestText: REQUEST_TYPES.map((type) => [type]),
  moreCases: [[1], [7]],
  decisionTitle: [['DSR-2026-0042']],
  changedTitle: [['DSR-2026-0042']],
  changedLine: [['STATUS']],
  extendedLine: [[DATE, 'REASON']],
  infoNeededLine: [['QUESTION']],
  rejectedLine: [['REASON']],
  reminderTitle: REMINDERS.map((r) => ['DSR-2026-0042', r]),
  escalationTitle: [['DSR-2026-0042']],
  months: [[1], [2]],
};

const keys = Object.keys(requestsEn) as Key[];
const textKeys = keys.filter((k): k is TextKey => typeof requestsEn[k] === 'string');
const functionKeys = keys.filter((k): k is FunctionKey => typeof requestsEn[k] === 'function');
const refusalKeys = Object.keys(requestsEn.refusal) as RefusalKey[];
/** Enumeration values are names, shown in each language's own words: not passed through as text. */
const ENUM_VALUES: ReadonlySet<unknown> = new Set([...REQUEST_TYPES, ...REQUEST_STATUSES, ...RECEIPT_CHANNELS, ...IDENTITY_METHODS, ...CRITERIA_KEYS, 'receive', ...COMMAND_ACTIONS, ...REMINDERS]);
const cases = functionKeys.flatMap((key) => (SAMPLES[key] as unknown[][]).map((args) => [key, args] as const));

/** Every German text, for checks over all of them. */
function allGerman(): string[] {
  return [
    ...textKeys.map((k) => requestsDe[k]),
    ...refusalKeys.map((k) => requestsDe.refusal[k]),
    ...cases.map(([key, args]) => (requestsDe[key] as Render)(...args)),
  ];
}

describe('German request texts', () => {
  it('have exactly the English keys, the refusals included', () => {
    expect(Object.keys(requestsDe).sort()).toEqual([...keys].sort());
    expect(Object.keys(requestsDe.refusal).sort()).toEqual([...refusalKeys].sort());
    for (const key of keys) expect([key, typeof requestsDe[key]]).toEqual([key, typeof requestsEn[key]]);
  });

  it('have samples for every text function, and every entry is a text, a function, the refusals or the execution texts', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...functionKeys].sort());
    expect(textKeys.length + functionKeys.length + 2).toBe(keys.length);
    expect(typeof requestsEn.execution).toBe('object');
    expect(typeof requestsEn.refusal).toBe('object');
  });

  it.each(textKeys)('%s is translated', (key) => {
    expect(requestsDe[key].trim()).not.toBe('');
    if (SAME_TEXT.includes(key)) expect(requestsDe[key]).toBe(requestsEn[key]);
    else expect(requestsDe[key]).not.toBe(requestsEn[key]);
  });

  it.each(refusalKeys)('refusal %s is translated', (key) => {
    expect(requestsDe.refusal[key].trim()).not.toBe('');
    expect(requestsDe.refusal[key]).not.toBe(requestsEn.refusal[key]);
  });

  it.each(cases)('%s(%j) is translated and keeps every argument', (key, args) => {
    const english = (requestsEn[key] as Render)(...args);
    const german = (requestsDe[key] as Render)(...args);
    expect(typeof german).toBe('string');
    expect(english.trim()).not.toBe('');
    expect(german.trim()).not.toBe('');
    const same = SAME_FORMAT.includes(key) || (args.length === 1 && (SAME_VALUE[key] ?? []).includes(args[0]));
    if (same) expect(german).toBe(english);
    else expect(german).not.toBe(english);
    // Whatever English shows of a text or number argument, German shows too.
    for (const arg of args) {
      const shown = typeof arg === 'number' ? String(Math.abs(arg)) : typeof arg === 'string' && !ENUM_VALUES.has(arg) ? arg : '';
      if (shown !== '' && english.includes(shown)) expect(german).toContain(shown);
    }
  });

  it.each([
    ['status', REQUEST_STATUSES],
    ['channel', RECEIPT_CHANNELS],
    ['identityMethod', IDENTITY_METHODS],
    ['criterion', CRITERIA_KEYS],
    ['action', ['receive', ...COMMAND_ACTIONS]],
    ['button', COMMAND_ACTIONS],
  ] as const)('%s gives a distinct non-empty name for every value in both languages', (key, values) => {
    for (const texts of [requestsEn, requestsDe]) {
      const names = values.map((v) => (texts[key] as Render)(v));
      names.forEach((name) => expect(name.trim()).not.toBe(''));
      expect(new Set(names).size).toBe(values.length);
    }
  });

  it('address the reader with du, like the rest of the bot', () => {
    expect(allGerman().filter((text) => /\b(Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres)\b/.test(text))).toEqual([]);
  });
});

describe('singular and plural', () => {
  it('say days in English', () => {
    expect(requestsEn.dueIn(DATE, 1)).toBe(`${DATE} (in 1 day)`);
    expect(requestsEn.dueIn(DATE, 5)).toBe(`${DATE} (in 5 days)`);
    expect(requestsEn.dueIn(DATE, 0)).toBe(`${DATE} (today)`);
    expect(requestsEn.dueIn(DATE, -1)).toBe(`${DATE} (1 day overdue)`);
    expect(requestsEn.dueIn(DATE, -3)).toBe(`${DATE} (3 days overdue)`);
    expect(requestsEn.overdue(-1)).toContain('Overdue by 1 day.');
    expect(requestsEn.overdue(-3)).toContain('Overdue by 3 days.');
  });

  it('say days in German, in the dative after "in" and "seit"', () => {
    expect(requestsDe.dueIn(DATE, 1)).toBe(`${DATE} (in 1 Tag)`);
    expect(requestsDe.dueIn(DATE, 5)).toBe(`${DATE} (in 5 Tagen)`);
    expect(requestsDe.dueIn(DATE, 0)).toBe(`${DATE} (heute)`);
    expect(requestsDe.dueIn(DATE, -1)).toBe(`${DATE} (1 Tag überfällig)`);
    expect(requestsDe.dueIn(DATE, -3)).toBe(`${DATE} (3 Tage überfällig)`);
    expect(requestsDe.overdue(-1)).toContain('Seit 1 Tag überfällig.');
    expect(requestsDe.overdue(-3)).toContain('Seit 3 Tagen überfällig.');
  });

  it('say months in both languages', () => {
    expect([requestsEn.months(1), requestsEn.months(2)]).toEqual(['1 month', '2 months']);
    expect([requestsDe.months(1), requestsDe.months(2)]).toEqual(['1 Monat', '2 Monate']);
    expect([requestsEn.extensionLine(1, 'R'), requestsEn.extensionLine(2, 'R')]).toEqual(['+1 month: R', '+2 months: R']);
    expect([requestsDe.extensionLine(1, 'R'), requestsDe.extensionLine(2, 'R')]).toEqual(['+1 Monat: R', '+2 Monate: R']);
  });

  it('leave out an empty reason', () => {
    for (const texts of [requestsEn, requestsDe]) {
      expect(texts.historyLine(INSTANT, 'Dora', 'ACTION', '')).toBe(`${INSTANT} · Dora · ACTION`);
      expect(texts.decisionLine('STATUS', 'Dora', INSTANT, '')).not.toMatch(/:\s*$/);
    }
  });
});

describe('the “it is about me” button', () => {
  it.each(REQUEST_TYPES.flatMap((type) => [['en', type] as const, ['de', type] as const]))('%s: says a %s request for the asker in words the parser understands', (locale, type) => {
    expect(parse((locale === 'en' ? requestsEn : requestsDe).selfRequestText(type))).toMatchObject({ intent: 'startRequest', requestType: type, subject: 'me' });
  });
});
