import type { Clock } from '../ports/clock/clock.port';
import type { Logger } from '../ports/logger/logger.port';
import type { Notifier } from '../ports/notifier/notifier.port';
import type { AuditTrail } from '../ports/store/audit-trail.port';
import type { ClaimStore } from '../ports/store/claim-store.port';
import { ClaimedRounds } from './claimed-rounds';
import { sendOnce } from './requests/send-once';
import type { RetentionDesk } from './retention-desk';
import type { Schedule } from './schedule';

/** What the retention schedule runs: the weekly summary, and the purge. */
export type RetentionJob = 'summary' | 'purge';

export interface RetentionSchedulerOptions {
  desk: Pick<RetentionDesk, 'summary' | 'purge'>;
  notifier: Pick<Notifier, 'toAdminChannel'> & Partial<Pick<Notifier, 'hasAdminChannel'>>;
  claims: ClaimStore;
  audit: Pick<AuditTrail, 'append'>;
  clock: Clock;
  logger: Logger;
  /** This running instance (claims are held in its name). */
  instance: string;
  /** When the summary is posted (RETENTION_SUMMARY_CRON); none: never. */
  summary?: Schedule;
  /** When the purge runs (RETENTION_PURGE_CRON); none: never. */
  purge?: Schedule;
  /** A run this long after its time counts as late (the bot was down): the summary says so. */
  lateAfterMs?: number;
}

/** What one round did. */
export interface RetentionRun {
  job: RetentionJob;
  due: Date;
  late: boolean;
}

const DEFAULT_LATE_AFTER_MS = 30 * 60_000;
/** Who ran a scheduled purge, in its audit entries and its report. */
export const SCHEDULE = 'schedule';

/**
 * Posts the retention summary to the administrators' channel and runs the scheduled purge, each
 * exactly once per time it is due — across restarts and instances, by the same claims as the
 * deadline reminders (keyed by job and due time). Each round looks at the last time each job was due:
 * one missed while the bot was down is run when it is back, marked late; of several missed, only the
 * last (a summary of the week that is, not of weeks gone). A summary nobody could be shown (no
 * administrators' channel yet, a failed delivery) is tried again next round; a purge that stopped
 * half-way (a crash) leaves its claim to run out and is taken over, and goes on where it stopped.
 */
export class RetentionScheduler {
  private readonly rounds: ClaimedRounds;
  /** Due times done (here or elsewhere): not claimed again on every round. */
  private readonly done = new Set<string>();
  /** Due summaries already reported as reaching nobody (one warning each, not one per round). */
  private readonly warned = new Set<string>();

  constructor(private readonly options: RetentionSchedulerOptions) {
    this.rounds = new ClaimedRounds({ claims: options.claims, instance: () => options.instance, logger: options.logger, name: 'retention', round: () => this.tick() });
  }

  /** When each job is next due, for `GET /healthz`. */
  nextRuns(): Partial<Record<RetentionJob, string>> {
    const now = this.options.clock.now();
    const next: Partial<Record<RetentionJob, string>> = {};
    if (this.options.summary) next.summary = this.options.summary.next(now).toISOString();
    if (this.options.purge) next.purge = this.options.purge.next(now).toISOString();
    return next;
  }

  /** One round: runs each job whose last due time has not been done anywhere; returns what ran here. */
  async tick(): Promise<RetentionRun[]> {
    const ran: RetentionRun[] = [];
    for (const job of ['purge', 'summary'] as const) {
      const schedule = this.options[job];
      if (!schedule) continue;
      const now = this.options.clock.now();
      const due = schedule.previous(now);
      const key = `${job}@${due.toISOString()}`;
      if (this.done.has(key)) continue;
      const late = now.getTime() - due.getTime() > (this.options.lateAfterMs ?? DEFAULT_LATE_AFTER_MS);
      if (job === 'purge' && late) {
        // A purge missed while the bot was down (or before it first ran) is not made up during the
        // day, on the sources' busy hours: the next due time purges what is due by then.
        this.done.add(key);
        this.options.logger.info({ due: due.toISOString() }, 'a scheduled purge missed while the bot was down is left to the next due time');
        continue;
      }
      const outcome = await sendOnce(this.options.claims, this.options.clock, { subject: 'retention', mark: job, round: due.toISOString(), holder: this.options.instance }, () =>
        job === 'summary' ? this.postSummary(due, late) : this.runPurge(due),
      );
      if (outcome.kind === 'sent') {
        this.done.add(key);
        ran.push({ job, due, late });
        if (outcome.late) this.options.logger.warn({ job, due: due.toISOString() }, 'retention job finished after its claim had run out');
      } else if (outcome.kind === 'nobody' && !this.warned.has(key)) {
        this.warned.add(key);
        this.options.logger.warn(
          { job, due: due.toISOString() },
          job === 'summary' ? 'retention summary reached nobody (no administrators’ channel yet, or the post failed); tried again every round' : 'scheduled purge failed; tried again every round',
        );
      }
    }
    return ran;
  }

  private async postSummary(due: Date, late: boolean): Promise<number> {
    try {
      // No channel yet: nothing is built (the summary asks every source) for nobody, every round.
      if ((await this.options.notifier.hasAdminChannel?.()) === false) return 0;
      const summary = await this.options.desk.summary();
      const posted = await this.options.notifier.toAdminChannel({ kind: 'retentionSummary', summary, ...(late ? { late: { due } } : {}) });
      if (!posted) return 0;
      await this.options.audit.append({
        at: this.options.clock.now().toISOString(),
        actor: 'schedule',
        action: 'retention.summary.posted',
        target: 'channel:admin',
        details: { week: summary.weekOf, due: due.toISOString(), late, needsAction: summary.needsAction.length },
      });
      this.options.logger.info({ week: summary.weekOf, late }, 'retention summary posted');
      return 1;
    } catch (error) {
      this.options.logger.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'retention summary could not be posted');
      return 0;
    }
  }

  private async runPurge(due: Date): Promise<number> {
    try {
      const run = await this.options.desk.purge({ actor: SCHEDULE });
      const deleted = run.results.reduce((sum, r) => sum + r.deleted, 0);
      this.options.logger.info({ due: due.toISOString(), deleted, sources: run.results.length, failed: run.failed.length }, 'scheduled purge finished');
      // A source that could not be purged is the administrators' to know now, not at the next summary.
      if (run.failed.length > 0) await this.options.notifier.toAdminChannel({ kind: 'purgeFinished', run, by: SCHEDULE }).catch(() => false);
      // A source that failed is tried again at the next due time; the run itself is done.
      return 1;
    } catch (error) {
      this.options.logger.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'scheduled purge failed; tried again next round');
      return 0;
    }
  }

  start(options: { intervalMs: number }): void {
    if (!this.options.summary && !this.options.purge) return;
    this.rounds.start(options.intervalMs);
  }

  /** Stops the timers and waits for a round in progress (interrupt the desk's purges first: they then end after their batch). */
  stop(): Promise<void> {
    return this.rounds.stop();
  }
}
