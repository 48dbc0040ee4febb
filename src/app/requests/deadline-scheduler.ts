import { type Reminder, reminderDue } from '../../domain/requests/deadlines';
import type { PrivacyRequest } from '../../domain/requests/request';
import type { Clock } from '../../ports/clock/clock.port';
import type { Logger } from '../../ports/logger/logger.port';
import type { ClaimStore } from '../../ports/store/claim-store.port';
import { ClaimedRounds } from '../claimed-rounds';
import type { RequestDesk } from './request-desk';
import { sendOnce } from './send-once';

export interface SchedulerOptions {
  /** How often open cases are checked (the first check runs at start). */
  intervalMs: number;
}

/**
 * Makes sure every new case reaches the DPOs (routes a case left in `received`, announces one whose
 * decision card reached nobody), and reminds the DPOs of deadlines: 7 days and 1 day before a case is due, and on the due date an
 * escalation to the deputy and the DPO channel. Each reminder is claimed in the store before it is
 * sent and confirmed after, so a restart or a second instance never sends it twice; a delivery that
 * failed everywhere releases the claim for the next round, and a claim whose process died while
 * sending is taken over once its lease has run out. No reminders while the clock is paused (waiting for
 * information).
 */
export class DeadlineScheduler {
  /** When the last round finished (for health checks). */
  private lastRound: Date | undefined;
  private readonly rounds: ClaimedRounds;

  constructor(
    private readonly desk: RequestDesk,
    private readonly claims: ClaimStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.rounds = new ClaimedRounds({ claims, instance: () => desk.instance, logger, name: 'deadline', round: () => this.tick() });
  }

  /** One round over the open cases; returns what was sent. */
  async tick(): Promise<{ case: string; reminder: Reminder }[]> {
    const sent: { case: string; reminder: Reminder }[] = [];
    for (const open of await this.desk.openCases()) {
      // A case whose routing or announcement failed (a crash, no DPO reachable yet) is finished first.
      const request = await this.desk.route(open);
      if (request.status === 'awaitingDecision') await this.desk.announce(request);
      if (request.status === 'moreInfoNeeded' || request.status === 'received') continue;
      const left = this.desk.daysLeft(request);
      await this.markOverdue(request, left);
      const reminder = reminderDue(left);
      if (reminder === undefined) continue;
      const outcome = await sendOnce(this.claims, this.clock, { subject: request.id, mark: reminder, round: request.dueDate, holder: this.desk.instance }, async () => {
        try {
          return await this.desk.notifyDpos({ kind: 'reminder', request, reminder }, { escalate: reminder === 'dueToday' });
        } catch (error) {
          this.logger.warn({ case: request.number, reminder, err: error instanceof Error ? error.name : 'unknown' }, 'deadline reminder failed');
          return 0;
        }
      });
      if (outcome.kind === 'held') continue;
      if (outcome.kind === 'nobody') {
        // Nobody got it (no conversation known yet, or every delivery failed): try again next round.
        this.logger.warn({ case: request.number, reminder }, 'deadline reminder reached nobody; retried next round');
        continue;
      }
      if (outcome.late) this.logger.warn({ case: request.number, reminder }, 'deadline reminder sent after its claim had run out');
      sent.push({ case: request.number, reminder });
      this.logger.info({ case: request.number, reminder, reached: outcome.reached }, 'deadline reminder sent');
    }
    this.lastRound = this.clock.now();
    return sent;
  }

  /** Open and overdue cases and the last round, for `GET /healthz`: counts only, no personal data. */
  async health(): Promise<{ open: number; overdue: number; lastRound: string | null }> {
    const open = await this.desk.openCases();
    const overdue = open.filter((request) => request.status !== 'moreInfoNeeded' && this.desk.daysLeft(request) < 0).length;
    return { open: open.length, overdue, lastRound: this.lastRound?.toISOString() ?? null };
  }

  /** Once a case is overdue, every card about it is redrawn (once) so that everyone sees the flag. */
  private async markOverdue(request: PrivacyRequest, left: number): Promise<void> {
    if (left >= 0) return;
    await sendOnce(this.claims, this.clock, { subject: request.id, mark: 'overdue', round: request.dueDate, holder: this.desk.instance }, async () => {
      await this.desk.refreshCards(request);
      return 1;
    });
  }

  start(options: SchedulerOptions): void {
    this.rounds.start(options.intervalMs);
  }

  /** Stops the timers and waits for a round in progress. */
  stop(): Promise<void> {
    return this.rounds.stop();
  }
}
