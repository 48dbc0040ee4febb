import type { Clock } from '../ports/clock/clock.port';
import type { Logger } from '../ports/logger/logger.port';
import { type ClaimStore, HEARTBEAT_MS } from '../ports/store/claim-store.port';

/**
 * Says, every {@link HEARTBEAT_MS}, that this instance is alive, so that other instances (or this
 * one restarted) know when its unconfirmed claims are free: a crashed instance's claims are taken
 * over once it has been silent for INSTANCE_GONE_MS, a stopped one's at once.
 */
export class InstanceHeartbeat {
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<void> = Promise.resolve();

  constructor(
    readonly instance: string,
    private readonly store: Pick<ClaimStore, 'beat' | 'retire'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Beats now and then every `intervalMs`. */
  start(intervalMs = HEARTBEAT_MS): void {
    if (this.timer) return;
    const beat = (): void => {
      this.beating = this.beating
        .then(() => this.store.beat(this.instance, this.clock.now()))
        .catch((error: unknown) => this.logger.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'could not record the heartbeat'));
    };
    beat();
    this.timer = setInterval(beat, intervalMs);
    this.timer.unref();
  }

  /** Stops beating and retires the instance: call once it sends nothing any more. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.beating;
    try {
      await this.store.retire(this.instance);
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'could not retire the instance');
    }
  }
}
