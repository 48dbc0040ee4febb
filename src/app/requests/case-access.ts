import { daysLeft, localDate } from '../../domain/requests/deadlines';
import type { PrivacyRequest } from '../../domain/requests/request';
import { type CommandAction, extensionRefusal, hasConflict, mayAct, maySee } from '../../domain/requests/workflow';
import type { Clock } from '../../ports/clock/clock.port';
import { type DpoRoster, isDpo } from './dpo-roster';

/**
 * Who is who around the cases, for answers and cards: the DPOs (named by their directory ids), who
 * may see a case, who may do what on it now, to whom it may be assigned, and its days left.
 */
export class CaseAccess {
  constructor(
    private readonly configured: DpoRoster,
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly toPersonId?: (mailOrUpn: string) => string,
  ) {}

  /** The DPOs, deputy and channel, each person named by their directory id (read afresh each time: the directory changes). */
  get roster(): DpoRoster {
    const roster = this.configured;
    if (!this.toPersonId) return roster;
    const personIdOf = this.toPersonId;
    return { ...roster, dpos: [...new Set(roster.dpos.map(personIdOf))], ...(roster.deputy ? { deputy: personIdOf(roster.deputy) } : {}) };
  }

  isDpo(id: string): boolean {
    return isDpo(this.roster, id);
  }

  /** The directory's id of the person a mail or UPN names; the text itself, lower-cased, when unknown. */
  personIdOf(mailOrUpn: string): string {
    return this.toPersonId?.(mailOrUpn) ?? mailOrUpn.toLowerCase();
  }

  /** DPOs a case may be assigned to: every configured DPO and the deputy, except its parties. */
  assigneesFor(request: PrivacyRequest): string[] {
    const roster = this.roster;
    const all = [...roster.dpos, ...(roster.deputy ? [roster.deputy] : [])];
    return [...new Set(all)].filter((id) => !hasConflict(request, id));
  }

  /** Whether `viewer` may see the case at all: a DPO or one of its parties. */
  maySee(request: PrivacyRequest, viewer: string): boolean {
    return maySee(request, { id: viewer, isDpo: this.isDpo(viewer) });
  }

  /** Whether `actor` may give `action` on the case now (for drawing buttons). */
  may(request: PrivacyRequest, action: CommandAction, actor: string): boolean {
    if (action === 'extend' && extensionRefusal(request, { now: this.clock.now(), timeZone: this.timeZone })) return false;
    return mayAct(request, action, { id: actor, isDpo: this.isDpo(actor) });
  }

  /** Days left until the case is due (negative when overdue), today in the organisation's zone. */
  daysLeft(request: PrivacyRequest): number {
    return daysLeft(this.clock.now(), request.dueDate, this.timeZone);
  }

  /** Today's date in the organisation's time zone, `YYYY-MM-DD`. */
  today(): string {
    return localDate(this.clock.now(), this.timeZone);
  }
}
