import { localDate } from '../../domain/requests/deadlines';
import type { CaseFindings, CaseFindingsLookup } from '../case-findings';
import { findDuplicates } from '../../domain/requests/duplicates';
import { type PrivacyRequest, type RequestEvent, isOpen } from '../../domain/requests/request';
import { type CommandAction, type NewRequest, type Refusal, type RequestCommand, applyCommand, authorisation, hasConflict, isParty, openRequest } from '../../domain/requests/workflow';
import type { Clock } from '../../ports/clock/clock.port';
import type { Logger } from '../../ports/logger/logger.port';
import type { CaseNotice, Notifier } from '../../ports/notifier/notifier.port';
import type { ClaimStore } from '../../ports/store/claim-store.port';
import type { RequestStore } from '../../ports/store/request-store.port';
import { CaseAccess } from './case-access';
import { auditDetails } from './case-audit';
import { DpoDispatch } from './dpo-dispatch';
import type { DpoRoster } from './dpo-roster';
import { FollowUps, errorName } from './follow-ups';
import { sendOnce } from './send-once';
import { type Job, type SentHow, isComplete } from '../../domain/execution/job';

/** What the request desk asks of whoever carries out started cases. */
export interface ExecutionHooks {
  jobOf(caseId: string): Promise<Job | undefined>;
  /** The case was started: make its job and carry it forward (in the background). */
  started(request: PrivacyRequest): Promise<void>;
  /** A step's or the report's button: Retry, a task's answer, a new link, the release to the employee, how it was sent. */
  act(caseId: string, stepId: string, actor: string, action: JobAction): Promise<JobActionOutcome>;
  /** Whether some source can pseudonymise (erasure then offers it). */
  canPseudonymise(): boolean;
  /** After a restore: the cases whose changes to apply again, completed since `since`. */
  replayable(since: Date): Promise<{ caseId: string; caseNumber: string; type: PrivacyRequest['type']; completedAt: string; steps: { id: string; by: 'bot' | 'person' }[] }[]>;
  /** Applies a completed case's changes again, as `actor`. */
  reapply(caseId: string, actor: string): Promise<{ step: string; outcome: 'reapplied' | 'manual' | 'failed'; counts?: Record<string, number>; error?: string }[]>;
  /** What a rectification changed: the item, before and after, per source. */
  rectifications(caseId: string): Promise<{ source: string; item: string; before: string[]; after: string[] }[]>;
  /** The case's access report (the ZIP), for a DPO who may see the case; undefined otherwise. */
  reportFor(caseId: string, actor: string): Promise<{ request: PrivacyRequest; content: Buffer } | undefined>;
  /** The report reached a DPO another way (a file in their chat): audited. */
  reportDelivered(caseId: string, actor: string, how: 'file'): Promise<void>;
}

/** What a step's or the report's button asks for. */
export type JobAction =
  | { kind: 'retry' }
  | { kind: 'answer'; answer: { done: true } | { done: false; reason: string } }
  | { kind: 'newLink' }
  | { kind: 'release' }
  | { kind: 'recordSent'; how: SentHow };

/** What became of a Retry or a task's answer. */
export type JobActionOutcome = { kind: 'done'; job: Job } | { kind: 'refused'; reason: 'notFound' | 'notAllowed' | 'notNow' };

export interface RequestDeskOptions {
  store: RequestStore;
  /** Where sending a case's decision card once is claimed. */
  claims: ClaimStore;
  notifier: Notifier;
  roster: DpoRoster;
  clock: Clock;
  /** The organisation's time zone (IANA): deadlines are counted in its calendar days. */
  timeZone: string;
  logger: Logger;
  /**
   * This process among the instances sharing the store (a random id per start): what it claims to
   * send is held in its name, and taken over by another once it is gone.
   */
  instance: string;
  /**
   * The directory's id of the person a configured mail or UPN names (a DPO listed by UPN whose
   * entry is keyed by mail is the same person); the id itself, lower-cased, when none is known.
   */
  personIdOf?: (mailOrUpn: string) => string;
}

/** Refusals beyond the state machine's: a case that is not there, an assignee who is no DPO. */
export type ActRefusal = Refusal | { code: 'UNKNOWN_CASE' } | { code: 'NOT_SAME_KIND' };

/** What became of a command on a case. */
export type ActOutcome =
  | { kind: 'done'; request: PrivacyRequest; event: RequestEvent }
  /** The card was drawn from an older version: nothing changed; `last` is what changed it. */
  | { kind: 'stale'; request: PrivacyRequest; last: RequestEvent | undefined }
  | { kind: 'refused'; request: PrivacyRequest; refusal: ActRefusal }
  | { kind: 'notFound' };

export interface Intake {
  request: PrivacyRequest;
  /** False when the same message or form arrived before (a Teams retry, a double click). */
  created: boolean;
  duplicates: PrivacyRequest[];
}

/** Actions after which the requester is told in their own chat. */
const TELL_REQUESTER: ReadonlySet<string> = new Set(['approve', 'reject', 'askInfo', 'extend', 'start', 'complete', 'merge', 'withdraw']);

/**
 * Privacy requests: intake, routing to the DPOs, decisions with version checks, and the
 * notifications that follow. The case is always reloaded from the store; card data only names it.
 */
export class RequestDesk {
  private readonly access: CaseAccess;
  private readonly dispatch: DpoDispatch;
  private readonly followUps: FollowUps;
  /** Carrying out started cases (made after the desk, so set later). */
  private execution: ExecutionHooks | undefined;
  /** Where a case's subject has data (the personal-data sources): opened after the desk, so set later. */
  private findings: Pick<CaseFindingsLookup, 'of'> | undefined;

  constructor(private readonly options: RequestDeskOptions) {
    this.access = new CaseAccess(options.roster, options.clock, options.timeZone, options.personIdOf);
    this.dispatch = new DpoDispatch(() => this.access.roster, (id) => this.access.personIdOf(id), options.notifier, options.logger);
    this.followUps = new FollowUps(options.logger);
  }

  /**
   * Resolves once every notification started so far has finished (for tests), or — given a limit,
   * as at shutdown — when the limit has passed; true when everything finished.
   */
  settled(limitMs?: number): Promise<boolean> {
    return this.followUps.settled(limitMs);
  }

  /** The id of this instance, in whose name sends are claimed. */
  get instance(): string {
    return this.options.instance;
  }

  get timeZone(): string {
    return this.options.timeZone;
  }

  /** The DPOs, deputy and channel, each person named by their directory id (read afresh each time: the directory changes). */
  get roster(): DpoRoster {
    return this.access.roster;
  }

  isDpo(id: string): boolean {
    return this.access.isDpo(id);
  }

  /** Now, on the desk's clock. */
  now(): Date {
    return this.options.clock.now();
  }

  /** Today's date in the organisation's time zone, `YYYY-MM-DD`. */
  today(): string {
    return this.access.today();
  }

  /** DPOs a case may be assigned to: every configured DPO and the deputy, except its parties. */
  assigneesFor(request: PrivacyRequest): string[] {
    return this.access.assigneesFor(request);
  }

  /** Days left until the case is due (negative when overdue), today in the organisation's zone. */
  daysLeft(request: PrivacyRequest): number {
    return this.access.daysLeft(request);
  }

  /** The directory's id of the person a mail or UPN names; the text itself, lower-cased, when unknown. */
  personIdOf(mailOrUpn: string): string {
    return this.access.personIdOf(mailOrUpn);
  }

  /** Whether `viewer` may see the case at all: a DPO or one of its parties. */
  maySee(request: PrivacyRequest, viewer: string): boolean {
    return this.access.maySee(request, viewer);
  }

  /** Whether `actor` may give `action` on the case now (for drawing buttons). */
  may(request: PrivacyRequest, action: CommandAction, actor: string): boolean {
    return this.access.may(request, action, actor);
  }

  /**
   * Takes in a request once per `sourceKey`, routes it to the DPOs and sends them the decision
   * card. Notification failures are logged, never lose the case.
   */
  async submit(input: NewRequest, sourceKey: string): Promise<Intake> {
    const now = this.options.clock.now();
    const context = { now, timeZone: this.options.timeZone };
    const year = Number(localDate(new Date(input.receivedAt), this.options.timeZone).slice(0, 4));
    const { request: received, created } = await this.options.store.createRequest(sourceKey, year, (ids) => openRequest(input, ids, context), {
      actor: input.requester,
      action: 'request.received',
      details: { type: input.type, channel: input.channel, subject: input.subject.kind },
    });
    const request = created ? await this.route(received) : received;
    const duplicates = findDuplicates(request, await this.options.store.listRequests({ openOnly: true }));
    // The case is saved: the requester is answered now, while the DPOs are told in the background
    // (each delivery may take up to the connector's timeout, and Teams waits about 15 s for an
    // answer). A failed delivery never fails the intake: the deadline scheduler announces every
    // case whose announcement reached nobody, at its next round.
    if (created) this.later(request, () => this.announce(request, duplicates));
    this.options.logger.info({ case: request.number, created, duplicates: duplicates.length }, 'request taken in');
    return { request, created, duplicates };
  }

  /**
   * Puts a case that was received into the DPOs' hands (`awaitingDecision`). Returns the case as
   * it is now; a case another instance routed meanwhile is returned as that instance saved it.
   */
  async route(request: PrivacyRequest): Promise<PrivacyRequest> {
    if (request.status !== 'received') return request;
    const context = { now: this.options.clock.now(), timeZone: this.options.timeZone };
    const routed = applyCommand(request, { action: 'route' }, { id: 'system', isDpo: false, system: true }, context);
    if (!routed.ok) return request;
    if (await this.options.store.saveRequest(routed.value, request.version, { actor: 'system', action: 'request.route', details: { from: 'received', to: 'awaitingDecision' } })) return routed.value;
    return (await this.options.store.getRequest(request.id)) ?? request;
  }

  /**
   * Sends the decision card to the DPOs once per decision round (the case's first, and each time
   * the requester answered a question). Claimed in the store first, so that retries, restarts and
   * other instances never send it twice; a round that reached nobody is released for the next try.
   * Returns whether the DPOs have been told (now or before).
   */
  async announce(request: PrivacyRequest, duplicates?: PrivacyRequest[]): Promise<boolean> {
    if (request.status !== 'awaitingDecision') return false;
    const outcome = await sendOnce(this.options.claims, this.options.clock, { subject: request.id, mark: 'announced', round: `round-${decisionRound(request)}`, holder: this.options.instance }, async () => {
      try {
        return await this.notifyDpos({ kind: 'decision', request, duplicates: duplicates ?? (await this.duplicatesOf(request)) });
      } catch (error) {
        this.options.logger.warn({ case: request.number, err: errorName(error) }, 'could not send the case to the DPOs');
        return 0;
      }
    });
    if (outcome.kind === 'sent' && outcome.late) this.options.logger.warn({ case: request.number }, 'case announced after its claim had run out');
    if (outcome.kind !== 'nobody') return true;
    this.options.logger.warn({ case: request.number }, 'the case reached no DPO yet; tried again at the next deadline round');
    return false;
  }

  async get(idOrNumber: string): Promise<PrivacyRequest | undefined> {
    return this.options.store.getRequest(idOrNumber);
  }

  /** Cases the person filed or that are about them, newest first. */
  async mine(personId: string): Promise<PrivacyRequest[]> {
    const all = await this.options.store.listRequests();
    return all.filter((c) => isParty(c, personId)).reverse();
  }

  async openCases(): Promise<PrivacyRequest[]> {
    return this.options.store.listRequests({ openOnly: true });
  }

  /** Who carries out started cases: told of every start, asked before a DPO completes a case by hand. */
  useExecution(hooks: ExecutionHooks): void {
    this.execution = hooks;
  }

  /** A step's Retry or a task's answer, passed to whoever carries cases out. */
  async jobAction(caseId: string, stepId: string, actor: string, action: JobAction): Promise<JobActionOutcome> {
    if (!this.execution) return { kind: 'refused', reason: 'notFound' };
    return this.execution.act(caseId, stepId, actor, action);
  }

  /** The case's access report for a DPO who may see the case (a file sent in their chat). */
  async reportFor(caseId: string, actor: string): Promise<{ request: PrivacyRequest; content: Buffer } | undefined> {
    return this.execution?.reportFor(caseId, actor);
  }

  async reportDelivered(caseId: string, actor: string, how: 'file'): Promise<void> {
    await this.execution?.reportDelivered(caseId, actor, how);
  }

  /** After a restore: what to apply again (none without an execution desk). */
  async replayable(since: Date): ReturnType<ExecutionHooks['replayable']> {
    return (await this.execution?.replayable(since)) ?? [];
  }

  /** Applies a completed case's changes again, as a DPO who may decide it (never a party to it). */
  async reapply(caseId: string, actor: string): ReturnType<ExecutionHooks['reapply']> {
    const request = await this.options.store.getRequest(caseId);
    if (!this.execution || !request || !this.isDpo(actor) || hasConflict(request, actor)) return [];
    return this.execution.reapply(caseId, actor);
  }

  /** What the case's rectification changed, per source (for the DPO's card). */
  async rectificationsOf(caseId: string): Promise<{ source: string; item: string; before: string[]; after: string[] }[]> {
    try {
      return (await this.execution?.rectifications(caseId)) ?? [];
    } catch (error) {
      this.options.logger.warn({ err: errorName(error) }, 'could not read a case’s rectification');
      return [];
    }
  }

  /** Whether an erasure may be carried out by pseudonyms (a source can, with PSEUDONYM_KEY set). */
  canPseudonymise(): boolean {
    return this.execution?.canPseudonymise() ?? false;
  }

  /** The case's execution job, where it has one (for the card). */
  async jobOf(caseId: string): Promise<Job | undefined> {
    try {
      return await this.execution?.jobOf(caseId);
    } catch (error) {
      this.options.logger.warn({ err: errorName(error) }, 'could not read a case’s execution');
      return undefined;
    }
  }

  /**
   * Completes a case whose every execution step is done, as the system, with what was done in
   * numbers; the requester is told as after any completion. False when it was not in progress.
   */
  async completeAfterExecution(caseId: string, note: string): Promise<boolean> {
    const request = await this.options.store.getRequest(caseId);
    if (!request || request.status !== 'inProgress') return false;
    const context = { now: this.options.clock.now(), timeZone: this.options.timeZone };
    const applied = applyCommand(request, { action: 'complete', note }, { id: 'system', isDpo: false, system: true }, context);
    if (!applied.ok) return false;
    const event = applied.value.history.at(-1) as RequestEvent;
    if (!(await this.options.store.saveRequest(applied.value, request.version, { actor: 'system', action: 'request.complete', details: auditDetails(event, applied.value, false) }))) return false;
    this.options.logger.info({ case: request.number }, 'case completed after its execution');
    this.later(applied.value, () => this.afterChange(applied.value, event));
    return true;
  }

  /** The personal-data sources to look a case's subject up in (see {@link findingsOf}). */
  useFindings(lookup: Pick<CaseFindingsLookup, 'of'>): void {
    this.findings = lookup;
  }

  /** Where the case's subject has data, per source — for the DPOs' card; undefined without sources. */
  async findingsOf(request: PrivacyRequest): Promise<CaseFindings | undefined> {
    try {
      return await this.findings?.of(request);
    } catch (error) {
      this.options.logger.warn({ case: request.number, err: errorName(error) }, 'could not look the subject up in the sources');
      return undefined;
    }
  }

  async duplicatesOf(request: PrivacyRequest): Promise<PrivacyRequest[]> {
    return findDuplicates(request, await this.options.store.listRequests({ openOnly: true }));
  }

  /**
   * Applies a command given on a card or in chat. The case is reloaded by id; a card drawn from an
   * older version changes nothing (`stale`), so a double click or an old card never decides twice.
   */
  async act(idOrNumber: string, command: RequestCommand, actor: string, expectedVersion?: number): Promise<ActOutcome> {
    const request = await this.options.store.getRequest(idOrNumber);
    if (!request) return { kind: 'notFound' };
    const who = { id: actor, isDpo: this.isDpo(actor) };
    if (command.action === 'assign') command.assignee = this.personIdOf(command.assignee);
    // Who first, even before the version: an old card shows its clicker the current case only
    // when they have a say in it.
    const unauthorised = authorisation(request, command.action, who);
    if (unauthorised) return { kind: 'refused', request, refusal: unauthorised };
    if (expectedVersion !== undefined && expectedVersion !== request.version) return { kind: 'stale', request, last: lastChange(request) };
    const context = { now: this.options.clock.now(), timeZone: this.options.timeZone };
    // The workflow's checks (who first, then the state) come before the look at another case or
    // assignee: somebody without a say learns nothing about which other cases exist.
    const tried = applyCommand(request, command, who, context);
    if (!tried.ok) return { kind: 'refused', request, refusal: tried.error };
    // A case being carried out completes by itself when its last step is done.
    if (command.action === 'complete') {
      const job = await this.jobOf(request.id);
      if (job && !isComplete(job)) return { kind: 'refused', request, refusal: { code: 'EXECUTION_UNFINISHED' } };
    }
    const other = await this.checkOther(request, command);
    if (other) return { kind: 'refused', request, refusal: other };
    // checkOther names the other case by its number: apply the command as rewritten.
    const applied = command.action === 'link' || command.action === 'merge' ? applyCommand(request, command, who, context) : tried;
    if (!applied.ok) return { kind: 'refused', request, refusal: applied.error };
    const next = applied.value;
    const event = next.history.at(-1) as RequestEvent;
    const saved = await this.options.store.saveRequest(next, request.version, { actor, action: `request.${command.action}`, details: auditDetails(event, next, who.isDpo && !isParty(next, actor)) });
    if (!saved) {
      const current = (await this.options.store.getRequest(request.id)) ?? request;
      return { kind: 'stale', request: current, last: lastChange(current) };
    }
    this.options.logger.info({ case: next.number, action: command.action, version: next.version }, 'request changed');
    // A link, or a merge, is seen from both cases: the other one names this one too.
    if (command.action === 'link' || command.action === 'merge') await this.linkBack(command.action === 'link' ? command.other : command.into, next, who, context);
    // The change is saved: the clicker gets their answer now (Teams gives an invoke a few seconds),
    // while every other copy of the card is redrawn and the requester told.
    this.later(next, () => this.afterChange(next, event));
    return { kind: 'done', request: next, event };
  }

  /** Runs what follows a change (or an intake) after what the earlier ones of the same case set off; never throws. */
  private later(request: PrivacyRequest, task: () => Promise<unknown>): void {
    this.followUps.later(request.id, request.number, task);
  }

  /** Names `from` among the links of the case `otherNumber`, as the same actor; a failure is logged, the first change stands. */
  private async linkBack(otherNumber: string, from: PrivacyRequest, who: { id: string; isDpo: boolean }, context: { now: Date; timeZone: string }): Promise<void> {
    try {
      const other = await this.options.store.getRequest(otherNumber);
      if (!other || other.linked.includes(from.number)) return;
      const linked = applyCommand(other, { action: 'link', other: from.number }, who, context);
      if (!linked.ok) return;
      const event = linked.value.history.at(-1) as RequestEvent;
      if (await this.options.store.saveRequest(linked.value, other.version, { actor: who.id, action: 'request.link', details: auditDetails(event, linked.value, false) })) {
        this.later(linked.value, () => this.afterChange(linked.value, event));
      }
    } catch (error) {
      this.options.logger.warn({ case: from.number, err: errorName(error) }, 'could not link the other case back');
    }
  }

  private async checkOther(request: PrivacyRequest, command: RequestCommand): Promise<ActRefusal | undefined> {
    if (command.action === 'assign' && !this.isDpo(command.assignee)) return { code: 'INVALID_ASSIGNEE' };
    if (command.action !== 'link' && command.action !== 'merge') return undefined;
    const otherRef = command.action === 'link' ? command.other : command.into;
    const other = await this.options.store.getRequest(otherRef);
    if (!other) return { code: 'UNKNOWN_CASE' };
    if (other.id === request.id) return { code: 'SAME_CASE' };
    if (command.action === 'merge' && (other.type !== request.type || !isOpen(other.status))) return { code: 'NOT_SAME_KIND' };
    if (command.action === 'link') command.other = other.number;
    else command.into = other.number;
    return undefined;
  }

  /** Redraws every card about the case (a deadline passed); failures are logged, not thrown. */
  async refreshCards(request: PrivacyRequest): Promise<void> {
    try {
      await this.options.notifier.refreshCards(request);
    } catch (error) {
      this.options.logger.warn({ case: request.number, err: errorName(error) }, 'could not update the cards of a case');
    }
  }

  /** Redraws every card about the case and tells the requester; failures are logged, not thrown. */
  private async afterChange(request: PrivacyRequest, event: RequestEvent): Promise<void> {
    try {
      await this.options.notifier.refreshCards(request);
    } catch (error) {
      this.options.logger.warn({ case: request.number, err: errorName(error) }, 'could not update the cards of a case');
    }
    // Started: carrying it out begins (the job is made once; a restart takes it up).
    if (event.action === 'start' && this.execution) {
      try {
        await this.execution.started(request);
      } catch (error) {
        this.options.logger.warn({ case: request.number, err: errorName(error) }, 'could not start carrying the case out; tried again at the next round');
      }
    }
    // The requester answered the DPO's question: the case is the DPO's to decide again.
    if (event.action === 'provideInfo' && isParty(request, event.actor)) await this.announce(request);
    if (!TELL_REQUESTER.has(event.action) || event.actor === request.requester) return;
    try {
      const told = await this.options.notifier.toPerson(request.requester, { kind: 'changed', request, event });
      if (!told) this.options.logger.warn({ case: request.number }, 'requester has no conversation with the bot yet; not told');
    } catch (error) {
      this.options.logger.warn({ case: request.number, err: errorName(error) }, 'could not tell the requester');
    }
  }

  /**
   * Sends a notice to every DPO who is reachable in a personal chat (never to a DPO who is a party
   * to the case); the DPO channel gets it when configured or when no DPO could be reached.
   */
  notifyDpos(notice: CaseNotice, options: { escalate?: boolean } = {}): Promise<number> {
    return this.dispatch.notify(notice, options);
  }
}

/** Which time the case awaits a decision: 1 after routing, one more for each answer to a question. */
const decisionRound = (request: PrivacyRequest): number => request.history.filter((e) => e.action === 'route' || (e.action === 'provideInfo' && isParty(request, e.actor))).length;

const lastChange = (request: PrivacyRequest): RequestEvent | undefined => [...request.history].reverse().find((e) => e.action !== 'receive' && e.action !== 'route') ?? request.history.at(-1);
