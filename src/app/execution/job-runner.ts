import { type Job, type JobStep, type StepEvent, StepTransitionError, nextOf, record } from '../../domain/execution/job';
import type { StepKind } from '../../domain/execution/plan';
import type { Clock } from '../../ports/clock/clock.port';
import type { ClaimStore } from '../../ports/store/claim-store.port';
import type { Logger } from '../../ports/logger/logger.port';
import type { JobStore } from '../../ports/store/job-store.port';

/** Does one of the bot's steps; what it did, as counts (never contents). Must be idempotent: a crash runs it again. */
export type StepExecutor = (step: JobStep, job: Job) => Promise<{ counts?: Record<string, number> }>;

/**
 * Sends a person's task (a card to the source's owner, or the DPO): `sent`; `nobody` when nobody
 * could be reached yet; `elsewhere` when another instance is sending it now.
 */
export type TaskSender = (step: JobStep, job: Job) => Promise<'sent' | 'nobody' | 'elsewhere'>;

/**
 * Who runs a step, across instances: a claim per step and attempt, held in one running instance's
 * name. A step found running is run again only when its claim can be taken — its instance is gone
 * (crashed, stopped) — never while the instance running it is alive.
 */
export interface StepGuard {
  /** Claims the attempt for this instance; undefined when another instance holds it. */
  claim(caseId: string, stepId: string, attempt: number): Promise<StepClaim | undefined>;
}

/** A claimed attempt: once it has ended (done, failed, or taken over by a new attempt) it is confirmed, never taken again. */
export interface StepClaim {
  finish(): Promise<void>;
  /** Gives the claim up unused (the job changed before the attempt could be recorded). */
  release(): Promise<void>;
}

/** The guard over the shared claim store: claim `step:<id>` for round `<attempt>` in `instance`'s name. */
export function claimGuard(claims: Pick<ClaimStore, 'claim' | 'confirm' | 'release'>, clock: Clock, instance: string): StepGuard {
  return {
    claim: async (caseId, stepId, attempt) => {
      const key = { subject: caseId, mark: `step:${stepId}`, round: String(attempt) };
      const claimedAt = clock.now();
      if (!(await claims.claim(key, claimedAt, instance))) return undefined;
      // Confirmed as the claim it was (its time and holder): a claim another instance took over stays theirs.
      return {
        finish: async () => void (await claims.confirm(key, claimedAt, clock.now(), instance)),
        release: () => claims.release(key, claimedAt, instance),
      };
    },
  };
}

export interface JobRunnerOptions {
  /** Claims per step; without one, this is the only process running jobs (tests, the command line). */
  guard?: StepGuard;
  jobs: JobStore;
  executors: Partial<Record<StepKind, StepExecutor>>;
  sendTask: TaskSender;
  clock: Clock;
  logger: Logger;
}

/** Where a job stands after the runner went as far as it could. */
export type Advanced = { kind: 'complete'; job: Job } | { kind: 'blocked'; job: Job; step: JobStep } | { kind: 'missing' };

/**
 * Carries a case's job forward, step by step, as far as it goes: runs the bot's steps, sends a
 * person's task, and stops at a task not yet answered, a failed step (for Retry), or the end. Every
 * state change is saved before the next step starts — a step recorded as running is run again after a
 * crash (executors are idempotent), a step done is never done again — and every save names the
 * version it was read at, so that two instances advancing one job never both run a step twice in a
 * row: the one that loses reloads and goes on from what the other saved.
 */
export class JobRunner {
  constructor(private readonly options: JobRunnerOptions) {}

  async advance(caseId: string): Promise<Advanced> {
    for (;;) {
      const stored = await this.options.jobs.job(caseId);
      if (!stored) return { kind: 'missing' };
      const { job, version } = stored;
      const next = nextOf(job);
      if (next.kind === 'complete') return { kind: 'complete', job };
      if (next.kind === 'blocked') return { kind: 'blocked', job, step: next.step };
      const at = (): string => this.options.clock.now().toISOString();
      if (next.kind === 'sendTask') {
        const sent = await this.options.sendTask(next.step, job);
        if (sent === 'nobody') this.options.logger.warn({ case: caseId, step: next.step.id }, 'a task for a person reached nobody yet; tried again next round');
        if (sent !== 'sent') return { kind: 'blocked', job, step: next.step };
        await this.save(record(job, next.step.id, { kind: 'taskSent', at: at() }), version);
        continue;
      }
      const guard = this.options.guard;
      const left = next.step.state;
      // Left running: by a crash (run it again), or by another instance still at it (leave it be).
      const abandoned = guard && left.status === 'running' ? await guard.claim(caseId, next.step.id, left.attempt) : undefined;
      if (guard && left.status === 'running' && !abandoned) return { kind: 'blocked', job, step: next.step };
      // Recorded as running before it runs (a crash in the middle leaves it to be run again), and
      // claimed before that is saved: of two instances, the one holding the claim runs it; the other
      // leaves it be.
      const running = record(job, next.step.id, { kind: 'started', at: at() });
      const attempt = (running.steps.find((s) => s.id === next.step.id)?.state as { attempt: number }).attempt;
      const claim = guard ? await guard.claim(caseId, next.step.id, attempt) : undefined;
      if (guard && !claim) {
        await abandoned?.release();
        return { kind: 'blocked', job, step: next.step };
      }
      if (!(await this.save(running, version))) {
        await claim?.release();
        await abandoned?.release();
        continue;
      }
      // The abandoned attempt is over: a new one is recorded in its place.
      await abandoned?.finish();
      const executor = this.options.executors[next.step.kind];
      let ended: StepEvent;
      try {
        if (!executor) throw new StepTransitionError(`no executor for ${next.step.kind}`);
        const outcome = await executor(next.step, running);
        ended = { kind: 'done', at: at(), by: 'bot', ...(outcome.counts ? { counts: outcome.counts } : {}) };
      } catch (error) {
        this.options.logger.warn({ case: caseId, step: next.step.id, err: error instanceof Error ? error.name : 'unknown' }, 'execution step failed');
        ended = { kind: 'failed', at: at(), error: error instanceof Error ? error.message : String(error) };
      }
      await this.settle(caseId, next.step.id, attempt, ended, running, version + 1);
      await claim?.finish();
    }
  }

  /**
   * Saves how an attempt ended. The job may have changed while the step ran (the DPO answered a task
   * or recorded how the report was sent): then the outcome goes onto the job as it now stands, for
   * as long as the step is still this attempt's.
   */
  private async settle(caseId: string, stepId: string, attempt: number, ended: StepEvent, job: Job, version: number): Promise<void> {
    for (;;) {
      if (await this.save(record(job, stepId, ended), version)) return;
      const stored = await this.options.jobs.job(caseId);
      const state = stored?.job.steps.find((s) => s.id === stepId)?.state;
      if (!stored || state?.status !== 'running' || state.attempt !== attempt) return;
      ({ job, version } = stored);
    }
  }

  /** Saves from `version`; false when another instance changed the job first (the loop reloads it). */
  private async save(job: Job, version: number): Promise<boolean> {
    return this.options.jobs.saveJob(job, version, this.options.clock.now());
  }
}
