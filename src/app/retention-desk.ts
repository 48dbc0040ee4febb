import type { Clock } from '../ports/clock/clock.port';
import { type LegalHold, holdsInForce } from '../domain/sources/legal-hold';
import { localDate } from '../domain/requests/deadlines';
import type { Subject } from '../domain/sources/subject';
import type { Logger } from '../ports/logger/logger.port';
import type { Notifier } from '../ports/notifier/notifier.port';
import type { PersonalDataSource } from '../ports/sources/personal-data-source.port';
import type { AuditTrail } from '../ports/store/audit-trail.port';
import type { RequestStore } from '../ports/store/request-store.port';
import { type PurgeRun, type RetentionPolicy, purge } from './retention';
import { type RetentionSummary, retentionSummary, weekStartOf } from './retention-summary';
import type { Schedule } from './schedule';

/**
 * The retention summary on demand, from the configured sources, the audit trail and the cases; and
 * the purge, however it is started (the command line, the schedule, an administrator's button).
 */
export class RetentionDesk {
  constructor(
    private readonly options: {
      sources: readonly PersonalDataSource[];
      policy: RetentionPolicy;
      timeZone: string;
      audit: Pick<AuditTrail, 'entries' | 'append'>;
      requests: Pick<RequestStore, 'listRequests'>;
      clock: Clock;
      /** When the weekly summary is posted (RETENTION_SUMMARY_CRON); absent: never. */
      summarySchedule?: Schedule;
      /** Whether a user a favourites source names still exists (the directory's snapshot): the rest are orphans. */
      isUser?: (user: string) => boolean;
      /** Legal holds (the sources file's): in force until their last day, in `timeZone`. */
      holds?: readonly LegalHold[] | (() => readonly LegalHold[]);
      /** Where a purge started by hand reports what it did. */
      notifier?: Pick<Notifier, 'toAdminChannel'>;
      logger?: Logger;
    },
  ) {}

  /** A purge runs in this instance (by the schedule or by hand). */
  private purging = false;
  /** Purges one after another. */
  private exclusive: Promise<unknown> = Promise.resolve();
  private background: Promise<unknown> = Promise.resolve();

  get timeZone(): string {
    return this.options.timeZone;
  }

  async summary(): Promise<RetentionSummary> {
    const now = this.options.clock.now();
    return retentionSummary({
      now,
      weekStart: weekStartOf(now, this.options.timeZone),
      timeZone: this.options.timeZone,
      sources: this.options.sources,
      policy: this.options.policy,
      audit: await this.options.audit.entries({ targetPrefix: 'source:' }),
      requests: await this.options.requests.listRequests(),
      holds: this.holdsInForce(now),
      ...(this.options.isUser ? { isUser: this.options.isUser } : {}),
    });
  }

  /**
   * Deletes what is past its period where the sources may be written; audited as `actor`. One purge
   * at a time in this instance (the schedule's and an administrator's wait for each other); a dry run
   * only counts and never waits.
   */
  purge(options: { actor: string; dryRun?: boolean; batchSize?: number }): Promise<PurgeRun> {
    const run = async (): Promise<PurgeRun> => {
      const now = this.options.clock.now();
      return purge(this.options.sources, this.options.policy, this.options.audit, { now, holds: this.holdsInForce(now), ...options });
    };
    if (options.dryRun) return run();
    const next = this.exclusive.then(async () => {
      this.purging = true;
      try {
        return await run();
      } finally {
        this.purging = false;
      }
    });
    this.exclusive = next.catch(() => undefined);
    return next;
  }

  private holdsInForce(now: Date): Subject[] {
    const holds = this.options.holds;
    return holdsInForce((typeof holds === 'function' ? holds() : holds) ?? [], localDate(now, this.options.timeZone)).map((h) => h.subject);
  }

  /** When the weekly summary is next posted; undefined while it is switched off. */
  nextSummary(): Date | undefined {
    return this.options.summarySchedule?.next(this.options.clock.now());
  }

  get summaryCron(): string | undefined {
    return this.options.summarySchedule?.expression;
  }

  /**
   * An administrator's "purge now" (from the summary card): runs in the background — a large purge
   * takes longer than Teams waits for a button's answer — and posts what it did in the
   * administrators' channel. One at a time in this instance: another press meanwhile says so.
   */
  purgeNow(by: string): 'started' | 'running' {
    if (this.purging) return 'running';
    this.purging = true;
    const work = (async () => {
      try {
        const run = await this.purge({ actor: by });
        await this.options.notifier?.toAdminChannel({ kind: 'purgeFinished', run, by });
      } catch (error) {
        this.options.logger?.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'purge started by an administrator failed');
      }
    })();
    this.background = this.background.then(() => work);
    return 'started';
  }

  /** Stops the purges under way after their current batch (the bot shuts down). */
  interrupt(): void {
    for (const source of this.options.sources) source.interrupt?.();
  }

  /** Waits for a purge started by hand (tests, shutdown). */
  async settled(): Promise<void> {
    await this.background;
  }

  async close(): Promise<void> {
    await this.settled();
    await Promise.all(this.options.sources.map((s) => s.close()));
  }
}
