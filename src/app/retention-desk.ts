import type { Clock } from '../ports/clock/clock.port';
import type { PersonalDataSource } from '../ports/sources/personal-data-source.port';
import type { AuditTrail } from '../ports/store/audit-trail.port';
import type { RequestStore } from '../ports/store/request-store.port';
import type { RetentionPolicy } from './retention';
import { type RetentionSummary, retentionSummary, weekStartOf } from './retention-summary';

/** The retention summary on demand, from the configured sources, the audit trail and the cases. */
export class RetentionDesk {
  constructor(
    private readonly options: {
      sources: readonly PersonalDataSource[];
      policy: RetentionPolicy;
      timeZone: string;
      audit: Pick<AuditTrail, 'entries'>;
      requests: Pick<RequestStore, 'listRequests'>;
      clock: Clock;
    },
  ) {}

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
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.options.sources.map((s) => s.close()));
  }
}
