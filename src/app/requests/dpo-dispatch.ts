import { hasConflict } from '../../domain/requests/workflow';
import type { Logger } from '../../ports/logger/logger.port';
import type { CaseNotice, Notifier } from '../../ports/notifier/notifier.port';
import type { DpoRoster } from './dpo-roster';
import { errorName } from './follow-ups';

/**
 * Who among the DPOs gets a notice about a case, and getting it to them: the assignee (every DPO
 * while unassigned; on an escalation the deputy and the DPO channel too), never a DPO who is party
 * to the case; the DPO channel when nobody could be reached in a personal chat.
 */
export class DpoDispatch {
  constructor(
    private readonly roster: () => DpoRoster,
    private readonly personIdOf: (mailOrUpn: string) => string,
    private readonly notifier: Notifier,
    private readonly logger: Logger,
  ) {}

  /** How many were reached; throws when nobody was and a delivery failed (so that the send is retried). */
  async notify(notice: CaseNotice, options: { escalate?: boolean } = {}): Promise<number> {
    const roster = this.roster();
    const request = notice.request;
    // An assignee stored as configured (a UPN) is reached under the directory's id for them.
    const assignee = request.assignee === undefined ? undefined : this.personIdOf(request.assignee);
    const wanted = options.escalate ? [assignee, ...roster.dpos, roster.deputy] : assignee ? [assignee] : [...roster.dpos];
    const eligible = (ids: (string | undefined)[]): string[] => [...new Set(ids.filter((id): id is string => id !== undefined && !hasConflict(request, id)))];
    // A DPO's own case goes to another DPO, or to the deputy when there is no other.
    const recipients = eligible(wanted).length > 0 ? eligible(wanted) : eligible([...roster.dpos, roster.deputy]);
    let reached = 0;
    let failed = 0;
    for (const dpo of recipients) {
      try {
        if (await this.notifier.toPerson(dpo, notice)) reached++;
      } catch (error) {
        failed++;
        this.logger.warn({ case: request.number, err: errorName(error) }, 'could not reach a DPO');
      }
    }
    if (roster.channel && (reached === 0 || options.escalate)) {
      try {
        if (await this.notifier.toDpoChannel(notice)) reached++;
      } catch (error) {
        failed++;
        this.logger.warn({ case: request.number, err: errorName(error) }, 'could not post in the DPO channel');
      }
    }
    if (reached === 0) this.logger.warn({ case: request.number, notice: notice.kind, failed }, 'no DPO could be reached');
    if (reached === 0 && failed > 0) throw new Error('no DPO could be reached');
    return reached;
  }
}
