import { type Job, type JobStep, StepTransitionError, nextOf, record } from '../../domain/execution/job';
import type { StepKind } from '../../domain/execution/plan';
import type { Clock } from '../../ports/clock/clock.port';
import type { Logger } from '../../ports/logger/logger.port';
import type { JobStore } from '../../ports/store/job-store.port';

/** Does one of the bot's steps; what it did, as counts (never contents). Must be idempotent: a crash runs it again. */
export type StepExecutor = (step: JobStep, job: Job) => Promise<{ counts?: Record<string, number> }>;

/** Sends a person's task (a card to the source's owner, or the DPO); false when nobody could be reached yet. */
export type TaskSender = (step: JobStep, job: Job) => Promise<boolean>;

/**
 * Who runs a step, across instances: a claim per step and attempt, held in one running instance's
 * name. A step found running is run again only when its claim can be taken — its instance is gone
 * (crashed, stopped) — never while the instance running it is alive.
 */
export interface StepGuard {
  claim(caseId: string, stepId: string, attempt: number): Promise<boolean>;
  /** The attempt ended (done or failed): its claim is confirmed, never taken again. */
  finish(caseId: string, stepId: string, attempt: number): Promise<void>;
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
        const reached = await this.options.sendTask(next.step, job);
        if (!reached) {
          this.options.logger.warn({ case: caseId, step: next.step.id }, 'a task for a person reached nobody yet; tried again next round');
          return { kind: 'blocked', job, step: next.step };
        }
        await this.save(record(job, next.step.id, { kind: 'taskSent', at: at() }), version);
        continue;
      }
      const guard = this.options.guard;
      const left = next.step.state;
      // Left running: by a crash (run it again), or by another instance still at it (leave it be).
      if (guard && left.status === 'running' && !(await guard.claim(caseId, next.step.id, left.attempt))) return { kind: 'blocked', job, step: next.step };
      // Recorded as running before it runs: a crash in the middle leaves it to be run again.
      const running = record(job, next.step.id, { kind: 'started', at: at() });
      if (!(await this.save(running, version))) continue;
      const attempt = (running.steps.find((s) => s.id === next.step.id)?.state as { attempt: number }).attempt;
      if (guard && !(await guard.claim(caseId, next.step.id, attempt))) continue;
      const executor = this.options.executors[next.step.kind];
      let after: Job;
      try {
        if (!executor) throw new StepTransitionError(`no executor for ${next.step.kind}`);
        const outcome = await executor(next.step, running);
        after = record(running, next.step.id, { kind: 'done', at: at(), by: 'bot', ...(outcome.counts ? { counts: outcome.counts } : {}) });
      } catch (error) {
        this.options.logger.warn({ case: caseId, step: next.step.id, err: error instanceof Error ? error.name : 'unknown' }, 'execution step failed');
        after = record(running, next.step.id, { kind: 'failed', at: at(), error: error instanceof Error ? error.message : String(error) });
      }
      await this.save(after, version + 1);
      await guard?.finish(caseId, next.step.id, attempt);
    }
  }

  /** Saves from `version`; false when another instance changed the job first (the loop reloads it). */
  private async save(job: Job, version: number): Promise<boolean> {
    return this.options.jobs.saveJob(job, version, this.options.clock.now());
  }
}
