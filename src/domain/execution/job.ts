import type { Subject } from '../sources/subject';
import type { PlanStep } from './plan';

/** Where one step stands. */
export type StepState =
  /** Not run yet; `attempts` counts the runs before a Retry (each attempt is claimed once, across instances). */
  | { status: 'pending'; attempts?: number }
  /** Being done by the bot (a crash leaves it here: the runner takes it up again — steps are idempotent). */
  | { status: 'running'; since: string; attempt: number }
  /** A person's task, sent and not yet answered. */
  | { status: 'waiting'; since: string }
  | { status: 'done'; at: string; by: string; counts?: Record<string, number> }
  /** The bot's attempt failed: shown on the DPO's card with Retry. */
  | { status: 'failed'; at: string; attempt: number; error: string }
  /** A person answered that it cannot be done, and why. */
  | { status: 'notPossible'; at: string; by: string; reason: string };

export type JobStep = PlanStep & { state: StepState };

/** The execution of one approved case: its plan's steps, each with its state, run in order. */
export interface Job {
  caseId: string;
  steps: JobStep[];
  /** Whom the steps look for, as known when the job started (a directory entry erased on the way is still searched for afterwards). */
  subject?: Subject;
  /** Sources whose name-only matches the DPO included. */
  includeNameOnly?: string[];
  /** The access report after it was made: released to the employee it is about, and how the DPO says it was sent. */
  delivery?: { released?: { by: string; at: string }; sent?: { how: SentHow; by: string; at: string } };
}

/** How the report reached the person (recorded by the DPO). */
export const SENT_HOW = ['teamsFile', 'teamsLink', 'email', 'letter', 'inPerson'] as const;
export type SentHow = (typeof SENT_HOW)[number];

/** What happened to a step. */
export type StepEvent =
  | { kind: 'started'; at: string }
  | { kind: 'taskSent'; at: string }
  | { kind: 'done'; at: string; by: string; counts?: Record<string, number> }
  | { kind: 'failed'; at: string; error: string }
  | { kind: 'notPossible'; at: string; by: string; reason: string }
  | { kind: 'retry' };

export const startJob = (caseId: string, plan: readonly PlanStep[], about: { subject?: Subject; includeNameOnly?: string[] } = {}): Job => ({
  caseId,
  steps: plan.map((step) => ({ ...step, state: { status: 'pending' } })),
  ...(about.subject ? { subject: about.subject } : {}),
  ...(about.includeNameOnly ? { includeNameOnly: about.includeNameOnly } : {}),
});

const finished = (state: StepState): boolean => state.status === 'done' || state.status === 'notPossible';

/** What the runner does next: the first step not finished — to run, to send as a task, or to wait on. */
export type Next =
  | { kind: 'run'; step: JobStep }
  | { kind: 'sendTask'; step: JobStep }
  /** A person's task is out, or a failed step waits for Retry: nothing runs after it. */
  | { kind: 'blocked'; step: JobStep }
  | { kind: 'complete' };

/**
 * The next thing to do. Steps run in plan order — the report needs every export, the check after an
 * erasure every deletion — so a step that waits or failed holds the ones after it. A step left
 * `running` by a crash is run again (steps are idempotent: deleting what is gone deletes nothing).
 */
export function nextOf(job: Job): Next {
  const step = job.steps.find((s) => !finished(s.state));
  if (!step) return { kind: 'complete' };
  switch (step.state.status) {
    case 'pending':
      return step.by === 'person' ? { kind: 'sendTask', step } : { kind: 'run', step };
    case 'running':
      return { kind: 'run', step };
    default:
      return { kind: 'blocked', step };
  }
}

/** Why an event does not fit the step's state. */
export class StepTransitionError extends Error {
  override name = 'StepTransitionError';
}

/**
 * The job after `event` on step `stepId` — a new job, the old one unchanged. An event that does not fit
 * (a bot step answered by a person, a finished step touched again) throws: the store keeps what was.
 * A person's answer to a task already answered is refused the same way, so a second click changes nothing.
 */
export function record(job: Job, stepId: string, event: StepEvent): Job {
  const index = job.steps.findIndex((s) => s.id === stepId);
  const step = job.steps[index];
  if (!step) throw new StepTransitionError(`no step ${stepId}`);
  const state = step.state;
  const refuse = (): never => {
    throw new StepTransitionError(`${event.kind} does not fit step ${stepId} (${state.status})`);
  };
  let next: StepState;
  switch (event.kind) {
    case 'started':
      if (step.by !== 'bot' || (state.status !== 'pending' && state.status !== 'running')) refuse();
      next = { status: 'running', since: event.at, attempt: (state.status === 'running' ? state.attempt : state.status === 'pending' ? (state.attempts ?? 0) : 0) + 1 };
      break;
    case 'taskSent':
      if (step.by !== 'person' || (state.status !== 'pending' && state.status !== 'waiting')) refuse();
      next = { status: 'waiting', since: state.status === 'waiting' ? state.since : event.at };
      break;
    case 'done':
      if (step.by === 'bot' ? state.status !== 'running' : state.status !== 'waiting') refuse();
      next = { status: 'done', at: event.at, by: event.by, ...(event.counts ? { counts: event.counts } : {}) };
      break;
    case 'failed':
      if (state.status !== 'running') refuse();
      next = { status: 'failed', at: event.at, attempt: (state as { attempt: number }).attempt, error: event.error };
      break;
    case 'notPossible':
      if (step.by !== 'person' || state.status !== 'waiting') refuse();
      next = { status: 'notPossible', at: event.at, by: event.by, reason: event.reason };
      break;
    case 'retry':
      if (state.status !== 'failed') refuse();
      next = { status: 'pending', attempts: (state as { attempt: number }).attempt };
      break;
  }
  const steps = job.steps.slice();
  steps[index] = { ...step, state: next };
  return { ...job, steps };
}

/** Every step finished: the case may be completed. */
export const isComplete = (job: Job): boolean => job.steps.every((s) => finished(s.state));
