import type { Clock } from '../ports/clock/clock.port';
import type { DirectoryPort, PersonKey } from '../ports/directory/directory.port';
import type { Logger } from '../ports/logger/logger.port';
import type { PrivacyDesk } from './privacy-desk';

/** What `/healthz` tells about the directory. */
export interface DirectoryHealth {
  status: 'ok' | 'degraded';
  source: string;
  people: number;
  groups: number;
  /** When the snapshot in use was read. */
  lastSuccess: string;
  /** The last failed refresh, while the previous snapshot keeps serving. */
  lastError?: { code: string; at: string };
}

/** Timers, passed in so that tests control time. */
export interface Timers {
  setInterval(callback: () => void, ms: number): { unref?(): void };
  clearInterval(handle: unknown): void;
}

export interface DirectorySyncOptions {
  intervalMs: number;
  /** Newcomers may start a refresh at most this often (a directory is not hammered by strangers). */
  newcomerRefreshMs?: number;
  /** How long a question waits for a refresh a newcomer started. */
  newcomerWaitMs?: number;
  timers?: Timers;
}

/**
 * Keeps the in-memory snapshot fresh: reads the directory in the background every interval; if a
 * read fails, the last good snapshot keeps serving and health turns `degraded` with the time of
 * the last success. Someone who joined after the last read is looked up live, and a (rate-limited)
 * refresh brings them in.
 */
export class DirectorySync {
  private lastSuccess: Date;
  private lastError?: { code: string; at: Date };
  private running?: Promise<boolean>;
  private handle?: unknown;
  private lastNewcomerRefresh = 0;

  constructor(
    private readonly directory: DirectoryPort,
    private readonly desk: PrivacyDesk,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: DirectorySyncOptions,
  ) {
    this.lastSuccess = desk.loadedAt;
  }

  start(): void {
    const timers = this.options.timers ?? { setInterval, clearInterval };
    const handle = timers.setInterval(() => void this.refresh(), this.options.intervalMs);
    handle.unref?.();
    this.handle = handle;
  }

  stop(): void {
    if (this.handle === undefined) return;
    (this.options.timers ?? { setInterval, clearInterval }).clearInterval(this.handle);
    this.handle = undefined;
  }

  /** Reads the directory once more; resolves true if the snapshot was replaced. One at a time. */
  refresh(): Promise<boolean> {
    this.running ??= this.readAndReload().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  health(): DirectoryHealth {
    const health: DirectoryHealth = {
      status: this.lastError ? 'degraded' : 'ok',
      source: this.directory.description,
      people: this.desk.directory.size,
      groups: this.desk.directory.groups.length,
      lastSuccess: this.lastSuccess.toISOString(),
    };
    if (this.lastError) health.lastError = { code: this.lastError.code, at: this.lastError.at.toISOString() };
    return health;
  }

  /**
   * The snapshot has no entry for this person: if the directory knows them (a newcomer), refresh
   * — at most once per `newcomerRefreshMs` — and look again.
   */
  async identifyNewcomer(key: PersonKey): Promise<number | undefined> {
    const person = await this.directory.findPerson(key).catch((error: unknown) => {
      this.logger.warn({ code: codeOf(error) }, 'live person lookup failed');
      return undefined;
    });
    if (!person) return undefined;
    await this.refreshForNewcomer();
    return this.desk.identify({ mail: person.mail ?? person.id, upn: person.upn ?? person.id, ...(person.aadObjectId ? { aadObjectId: person.aadObjectId } : {}) });
  }

  /** Names the snapshot does not know but the directory does: refresh, as for a newcomer. */
  async searchNewcomers(query: string): Promise<boolean> {
    const found = await this.directory.searchPeople(query, 5).catch(() => []);
    if (found.length === 0 || found.every((p) => this.desk.directory.indexOf(p.id) !== undefined)) return false;
    await this.refreshForNewcomer();
    return true;
  }

  private async refreshForNewcomer(): Promise<void> {
    const now = this.clock.now().getTime();
    const limit = this.options.newcomerRefreshMs ?? 60_000;
    if (this.running === undefined && now - this.lastNewcomerRefresh < limit) return;
    this.lastNewcomerRefresh = now;
    const wait = this.options.newcomerWaitMs ?? 5_000;
    await Promise.race([this.refresh(), new Promise((resolve) => setTimeout(resolve, wait).unref())]);
  }

  private async readAndReload(): Promise<boolean> {
    const started = this.clock.now();
    try {
      const data = await this.directory.read();
      await this.desk.reload(data);
      this.lastSuccess = this.clock.now();
      this.lastError = undefined;
      this.logger.info({ people: data.people.length, groups: data.groups.length, ms: this.lastSuccess.getTime() - started.getTime() }, 'directory refreshed');
      return true;
    } catch (error) {
      this.lastError = { code: codeOf(error), at: this.clock.now() };
      this.logger.warn({ code: this.lastError.code, lastSuccess: this.lastSuccess.toISOString() }, 'directory refresh failed; serving the last good snapshot');
      return false;
    }
  }
}

const codeOf = (error: unknown): string => String((error as { code?: unknown })?.code ?? 'DIRECTORY.FAILED');
