import { executionDe } from '../../../../src/bot/i18n/execution.de';
import { type ExecutionTexts, executionEn } from '../../../../src/bot/i18n/execution.en';
import type { ExplainReason, StepKind } from '../../../../src/domain/execution/plan';

type Key = keyof ExecutionTexts;
type Render = (...args: unknown[]) => string;

const KINDS: StepKind[] = ['export', 'rectify', 'erase', 'pseudonymise', 'restrict', 'explain', 'confirmGone', 'report', 'deliver', 'letter', 'notify'];
const REASONS: ExplainReason[] = ['tasksCannotBeDeleted', 'logsAgeOut', 'notSupported'];

/** Arguments for every text function (all values of an enumeration; a name and a time). */
const SAMPLES: Partial<Record<Key, unknown[][]>> = {
  kind: KINDS.map((k) => [k]),
  reason: REASONS.map((r) => [r]),
  waiting: [['Frank Fischer', '12.01.2026, 11:00']],
  done: [['3 records']],
  failed: [['ECONNREFUSED']],
  notPossible: [['Frank Fischer', 'no access to the console']],
  counts: [[{ deleted: 12, kept: 1, records: 4, recordsH: 3, redactedH: 2, custom: 5 }]],
  retry: [['Erase — journal (H)']],
  taskTitle: [['DSR-2026-0042']],
  taskReminderTitle: [['DSR-2026-0042']],
  taskIntro: [['Erasure']],
  taskWhat: KINDS.map((k) => [k, 'journal', 'H']),
  taskAnswered: [['done']],
  reportTitle: [['DSR-2026-0042']],
  reportIntro: [['1.2 MB', '08.01.2026, 11:00']],
  outcomeTitle: [['DSR-2026-0042']],
  failedIntro: [['Erase — journal (H)']],
  release: [['Alice Adams']],
  sentHow: [['teamsFile'], ['teamsLink'], ['email'], ['letter'], ['inPerson']],
  releasedLine: [['Dana DPO', '12.01.2026, 11:00']],
  sentLine: [['by post', 'Dana DPO', '12.01.2026, 11:00']],
  yourReportTitle: [['DSR-2026-0042']],
  lettersTitle: [['DSR-2026-0042']],
  replayNone: [['01.12.2026']],
  replayIntro: [['01.12.2026', 1], ['01.12.2026', 3]],
  replayCase: [['DSR-2026-0042', 'Erasure', 'erase:journal']],
  replayDone: [[3, 1, 0]],
  replayManualLine: [['DSR-2026-0042', 'erase:directory']],
  replayFailedLine: [['DSR-2026-0042', 'erase:journal', 'ECONNREFUSED']],
  lettersIntro: [['12 KB', '08.01.2026, 11:00']],
  yourReportIntro: [['1.2 MB', '08.01.2026, 11:00']],
};

const keys = Object.keys(executionEn) as Key[];

describe('execution texts', () => {
  it('have the same keys in German and English, with samples for every function', () => {
    expect(Object.keys(executionDe).sort()).toEqual([...keys].sort());
    const functions = keys.filter((k) => typeof executionEn[k] === 'function');
    expect(Object.keys(SAMPLES).sort()).toEqual(functions.sort());
  });

  it.each(keys.filter((k) => typeof executionEn[k] === 'string'))('%s is translated', (key) => {
    expect(String(executionDe[key]).trim()).not.toBe('');
    expect(executionDe[key]).not.toBe(executionEn[key]);
  });

  const calls = Object.entries(SAMPLES).flatMap(([key, samples]) => (samples ?? []).map((args) => [key as Key, args] as const));
  it.each(calls)('%s(%j) is translated and keeps names, numbers and times', (key, args) => {
    const english = (executionEn[key] as Render)(...args);
    const german = (executionDe[key] as Render)(...args);
    expect(german.trim()).not.toBe('');
    // A format without words of its own reads the same in both languages.
    if (key === 'replayCase') expect(german).toBe(english);
    else expect(german).not.toBe(english);
    for (const arg of args) {
      if (typeof arg === 'string' && !KINDS.includes(arg as StepKind) && !REASONS.includes(arg as ExplainReason) && !['Erasure', 'erase:journal', 'erase:directory', 'done', '3 records', 'by post', 'teamsFile', 'teamsLink', 'email', 'letter', 'inPerson'].includes(arg) && english.includes(arg)) expect(german).toContain(arg);
    }
  });

  it('counts in words: known counts named, per-category report counts spelt out', () => {
    expect(executionEn.counts({ deleted: 12, kept: 1, recordsH: 3, redactedH: 2 })).toBe('12 deleted, 1 kept (legal hold), 3 records H, 2 redacted in H');
    expect(executionDe.counts({ deleted: 12, recordsH: 3 })).toBe('12 gelöscht, 3 Einträge H');
  });
});
