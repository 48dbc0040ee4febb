import type { Logger } from '../ports/logger/logger.port';
import { type ClaimStore, INSTANCE_GONE_MS } from '../ports/store/claim-store.port';

/**
 * Rounds of a scheduler that sends things once through claims: one at start, then every
 * `intervalMs`, never two at a time. Claims another instance holds unconfirmed are being sent there —
 * or were left by an instance that crashed (this very process before a restart, say): rather than
 * wait for the next regular round, one more runs as soon as such an instance counts as gone.
 */
export class ClaimedRounds {
  private timer: NodeJS.Timeout | undefined;
  private followUp: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly options: { claims: Pick<ClaimStore, 'heldElsewhere'>; instance: () => string; logger: Logger; name: string; round: () => Promise<unknown> },
  ) {}

  start(intervalMs: number): void {
    if (this.timer) return;
    const round = (): void => {
      this.running = this.running
        .then(() => this.options.round())
        .then(() => this.followUpHeldClaims(round))
        .catch((error: unknown) => this.options.logger.error({ err: error instanceof Error ? error.name : 'unknown' }, `${this.options.name} round failed`));
    };
    round();
    this.timer = setInterval(round, intervalMs);
    this.timer.unref();
  }

  /** Stops the timers and waits for a round in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    clearTimeout(this.followUp);
    this.followUp = undefined;
    await this.running;
  }

  private async followUpHeldClaims(round: () => void): Promise<void> {
    if (this.followUp !== undefined || this.timer === undefined) return;
    if ((await this.options.claims.heldElsewhere(this.options.instance())) === 0) return;
    this.followUp = setTimeout(() => {
      this.followUp = undefined;
      if (this.timer !== undefined) round();
    }, INSTANCE_GONE_MS + 1000);
    this.followUp.unref();
  }
}
