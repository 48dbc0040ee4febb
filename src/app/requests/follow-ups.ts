import type { Logger } from '../../ports/logger/logger.port';

/**
 * What follows a change of a case (cards redrawn, people told), run after the change is answered:
 * per case in the order the changes happened, never throwing. `settled` waits for all of it (tests,
 * and shutdown with a limit).
 */
export class FollowUps {
  /** Follow-ups still running. */
  private readonly pending = new Set<Promise<void>>();
  /** The last follow-up started per case. */
  private readonly lastOfCase = new Map<string, Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Runs `task` after the follow-ups of the same case started before it; a failure is logged. */
  later(caseId: string, caseNumber: string, task: () => Promise<unknown>): void {
    const before = this.lastOfCase.get(caseId) ?? Promise.resolve();
    const running: Promise<void> = before
      .then(task)
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn({ case: caseNumber, err: errorName(error) }, 'could not finish the notifications of a change'))
      .finally(() => {
        this.pending.delete(running);
        if (this.lastOfCase.get(caseId) === running) this.lastOfCase.delete(caseId);
      });
    this.pending.add(running);
    this.lastOfCase.set(caseId, running);
  }

  /** Resolves once every follow-up started so far has finished — or, given a limit, when it has passed; true when all finished. */
  async settled(limitMs?: number): Promise<boolean> {
    const all = (async (): Promise<boolean> => {
      while (this.pending.size > 0) await Promise.all([...this.pending]);
      return true;
    })();
    if (limitMs === undefined) return all;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), limitMs);
      timer.unref();
    });
    const finished = await Promise.race([all, late]);
    clearTimeout(timer);
    return finished;
  }
}

export const errorName = (error: unknown): string => (error instanceof Error ? `${error.name}${(error as { code?: string }).code ? `:${(error as { code?: string }).code}` : ''}` : 'unknown');
