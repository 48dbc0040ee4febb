import type { SentHow } from '../../domain/execution/job';
import type { ExplainReason, StepKind } from '../../domain/execution/plan';

const KIND: Record<StepKind, string> = {
  export: 'Copy out',
  rectify: 'Correct',
  erase: 'Erase',
  pseudonymise: 'Pseudonymise',
  restrict: 'Restrict',
  explain: 'Cannot be done here',
  confirmGone: 'Check that nothing is left',
  report: 'Write the access report',
  deliver: 'Hand the report to the DPO',
  letter: 'Write the answer letter',
  notify: 'Tell the requester',
};

const REASON: Record<ExplainReason, string> = {
  tasksCannotBeDeleted: 'tasks cannot be deleted in the communication suite; they can be restricted instead',
  logsAgeOut: 'log files are not edited; they are deleted by size as they age',
  notSupported: 'this source does not support it',
};

const SENT: Record<SentHow, string> = { teamsFile: 'as a file in Teams', teamsLink: 'by download link in Teams', email: 'by e-mail', letter: 'by post', inPerson: 'handed over in person' };

const COUNT: Record<string, string> = {
  changed: 'changed',
  pseudonymised: 'pseudonymised',
  keyVersion: 'key version',
  records: 'records',
  deleted: 'deleted',
  kept: 'kept (legal hold)',
  restricted: 'restricted',
  remaining: 'left',
  reached: 'DPOs reached',
  told: 'requester told',
};

/** What carrying out a case says, in English. */
export const executionEn = {
  heading: 'Carrying it out',
  dpos: 'the data-protection officers',
  kind: (kind: StepKind): string => KIND[kind],
  reason: (reason: ExplainReason): string => REASON[reason],
  pending: 'to do',
  running: 'running',
  waiting: (who: string, since: string): string => `task with ${who} since ${since}`,
  done: (counts: string): string => (counts ? `done (${counts})` : 'done'),
  failed: (error: string): string => `failed: ${error}`,
  notPossible: (who: string, reason: string): string => `not possible (${who}): ${reason}`,
  counts: (counts: Record<string, number>): string =>
    Object.entries(counts)
      .map(([key, value]) => key === 'keyVersion' ? `${COUNT[key]} ${value}` : `${value} ${COUNT[key] ?? key.replace(/^records([A-Z])$/, 'records $1').replace(/^redacted([A-Z])$/, 'redacted in $1')}`)
      .join(', '),
  retry: (step: string): string => `Retry: ${step}`,
  retried: 'The step runs again.',
  newLink: 'New download link',
  release: (name: string): string => `Release to ${name}`,
  recordSent: 'Record how it was sent',
  recordSentLabel: 'How the report reached the person',
  sentHow: (how: SentHow): string => SENT[how],
  releasedLine: (by: string, at: string): string => `Released to the employee in Teams by ${by} on ${at}`,
  sentLine: (how: string, by: string, at: string): string => `Sent: ${how} (recorded by ${by} on ${at})`,
  yourReportTitle: (number: string): string => `Your access report: ${number}`,
  yourReportIntro: (size: string, expires: string): string =>
    `Here is the copy of your data (PDF and HTML in German and English, JSON; ZIP, ${size}). The link below works once, until ${expires}; you can also accept the file below.`,
  lettersTitle: (number: string): string => `Answer letter ready: ${number}`,
  lettersIntro: (size: string, expires: string): string =>
    `The answer to the outside person (PDF, German and English; ZIP, ${size}) is ready: check it, then send it by post or mail in the language they wrote in. The link below works once, until ${expires}.`,
  lettersDownload: 'Download the letters (ZIP)',
  replayTitle: 'Applying changes again after a restore',
  replayNeedsDay: 'Say from which day, the day the backup was taken: “replay since 2026-12-01”.',
  replayDposOnly: 'Only a data-protection officer can apply completed requests again.',
  replayNone: (day: string): string => `No rectification, erasure, restriction or objection was completed since ${day}.`,
  replayIntro: (day: string, count: number): string => `${count === 1 ? '1 case was' : `${count} cases were`} completed since ${day}. A backup from before then may have undone what they changed.`,
  replayCase: (number: string, type: string, steps: string): string => `${number} (${type}): ${steps}`,
  replayByHand: 'by hand',
  replayApply: 'Apply them again',
  replayDone: (applied: number, manual: number, failed: number): string => `Applied again: ${applied} steps. To redo by hand: ${manual}. Failed: ${failed}.`,
  replayManualLine: (number: string, step: string): string => `${number}: ${step} — redo it by hand`,
  replayFailedLine: (number: string, step: string, error: string): string => `${number}: ${step} — failed: ${error}`,
  fileTitle: 'Access report',
  fileRefused: 'This file is only for a data-protection officer of the case, in their personal chat with the bot.',
  fileFailed: 'The file could not be uploaded to Teams. The download link in the message before still works.',
  fileDeclined: 'No file sent. The download link in the message before still works.',
  taskDone: 'Done',
  taskNotPossible: 'Not possible',
  notPossibleLabel: 'Why it cannot be done',
  taskTitle: (number: string): string => `Task for ${number}`,
  taskReminderTitle: (number: string): string => `Reminder: task for ${number}`,
  taskIntro: (type: string): string => `A ${type} request has been approved, and one step needs you. Please do it, then press Done — or Not possible, saying why.`,
  taskWhat: (kind: StepKind, source: string, category: string): string => {
    switch (kind) {
      case 'erase':
        return `Delete this person's records in "${source}" (${category}). In the product's admin console a user is deleted under Users.`;
      case 'rectify':
        return `Correct this person's details in "${source}" (${category}) as the case says.`;
      case 'restrict':
        return `Mark this person's records in "${source}" (${category}) as restricted: not to be used or deleted until the restriction is lifted.`;
      case 'export':
        return `Copy out this person's records from "${source}" (${category}) and send them to the data-protection officer.`;
      default:
        return `${KIND[kind]}: "${source}" (${category}).`;
    }
  },
  taskAbout: 'About',
  taskItem: 'Item to correct',
  taskValue: 'Correct value',
  taskAnswered: (state: string): string => `Thank you — recorded: ${state}.`,
  startLabel: 'Include what was found by name or address only in',
  startNone: 'Nothing found by name or address only.',
  modeLabel: 'How to erase',
  modeDelete: 'Delete',
  modePseudonymise: 'Pseudonymise where a source can',
  becomesLabel: 'The objection becomes',
  becomesRestriction: 'A restriction (Art. 18)',
  becomesErasure: 'An erasure (Art. 17)',
  reportTitle: (number: string): string => `Access report ready: ${number}`,
  reportIntro: (size: string, expires: string): string =>
    `The report (PDF and HTML in German and English, JSON; ZIP, ${size}) is ready for your review. The link below works once, for you only, until ${expires}. Never forward it into a channel.`,
  reportDownload: 'Download the report (ZIP)',
  outcomeTitle: (number: string): string => `Your request ${number} has been carried out`,
  outcomeIntro: 'This is what was done:',
  outcomeAccess: 'Your access report has been written. The data-protection officer reviews it and sends it to you.',
  notAllowed: 'Only the person the task was given to, or a data-protection officer, can answer it.',
  notNow: 'That step has moved on meanwhile: here is where it stands now.',
  notFound: 'That step or case no longer exists.',
  failedIntro: (step: string): string => `A step failed and waits for you: ${step}. Press Retry once the cause is fixed.`,
};

export type ExecutionTexts = typeof executionEn;
