import { type Result, err, ok } from '../shared/result';
import { daysBetween, dueDateOf, localDate } from './deadlines';
import type { ExecutionChoice, IdentityMethod, PrivacyRequest, RequestAction, RequestEvent, RequestStatus, RequestSubject } from './request';


/** Something a person (or the scheduler) wants to do to a case. */
export type RequestCommand =
  | { action: 'route' }
  | { action: 'approve'; identity?: { method: IdentityMethod; note?: string } }
  | { action: 'reject'; reason: string }
  | { action: 'askInfo'; reason: string }
  | { action: 'provideInfo'; note?: string }
  | { action: 'extend'; months: 1 | 2; reason: string }
  | { action: 'assign'; assignee: string }
  | { action: 'recordIdentity'; method: IdentityMethod; note?: string }
  | { action: 'correctSubject'; subject: RequestSubject }
  | { action: 'link'; other: string }
  | { action: 'merge'; into: string }
  | { action: 'start'; execution?: ExecutionChoice }
  | { action: 'complete'; note?: string }
  | { action: 'withdraw'; reason?: string };

export type CommandAction = RequestCommand['action'];

/** Who acts: a lower-case mail/UPN, whether they are a configured DPO, or the system itself. */
export interface Actor {
  id: string;
  isDpo: boolean;
  system?: boolean;
}

/** Why a command was refused; expected, so a value and not an exception. */
export type Refusal =
  | { code: 'NOT_DPO' }
  | { code: 'OWN_REQUEST' }
  | { code: 'NOT_REQUESTER' }
  | { code: 'INVALID_TRANSITION'; from: RequestStatus }
  | { code: 'REASON_REQUIRED' }
  | { code: 'ANSWER_REQUIRED' }
  | { code: 'IDENTITY_NOTE_REQUIRED' }
  | { code: 'ALREADY_EXTENDED' }
  | { code: 'EXTENSION_TOO_LATE'; firstMonthEnded: string }
  | { code: 'IDENTITY_REQUIRED' }
  | { code: 'NOT_OUTSIDE_SUBJECT' }
  | { code: 'SAME_CASE' }
  | { code: 'SUBJECT_CONFLICT' }
  | { code: 'SAME_SUBJECT' }
  | { code: 'INVALID_ASSIGNEE' }
  | { code: 'OBJECTION_OUTCOME_REQUIRED' }
  | { code: 'EXECUTION_UNFINISHED' };

/** Who may give a command: DPOs only, the requester (or a DPO recording it), or the scheduler. */
type Who = 'dpo' | 'requesterOrDpo' | 'system';

/** The state machine: for each command, the states it applies in, who may give it, where it leads. */
export const RULES: Record<CommandAction, { from: readonly RequestStatus[]; who: Who; to?: RequestStatus }> = {
  route: { from: ['received'], who: 'system', to: 'awaitingDecision' },
  approve: { from: ['awaitingDecision', 'moreInfoNeeded'], who: 'dpo', to: 'approved' },
  reject: { from: ['awaitingDecision', 'moreInfoNeeded'], who: 'dpo', to: 'rejected' },
  askInfo: { from: ['awaitingDecision'], who: 'dpo', to: 'moreInfoNeeded' },
  provideInfo: { from: ['moreInfoNeeded'], who: 'requesterOrDpo', to: 'awaitingDecision' },
  start: { from: ['approved'], who: 'dpo', to: 'inProgress' },
  complete: { from: ['inProgress'], who: 'dpo', to: 'completed' },
  withdraw: { from: ['received', 'awaitingDecision', 'moreInfoNeeded', 'approved', 'inProgress'], who: 'requesterOrDpo', to: 'withdrawn' },
  merge: { from: ['received', 'awaitingDecision', 'moreInfoNeeded'], who: 'dpo', to: 'merged' },
  extend: { from: ['awaitingDecision', 'moreInfoNeeded', 'approved', 'inProgress'], who: 'dpo' },
  assign: { from: ['received', 'awaitingDecision', 'moreInfoNeeded', 'approved', 'inProgress'], who: 'dpo' },
  recordIdentity: { from: ['received', 'awaitingDecision', 'moreInfoNeeded'], who: 'dpo' },
  // Whom the case is about, put right before it is decided (the intake misread it, say).
  correctSubject: { from: ['received', 'awaitingDecision', 'moreInfoNeeded'], who: 'dpo' },
  link: { from: ['received', 'awaitingDecision', 'moreInfoNeeded', 'approved', 'inProgress'], who: 'dpo' },
};

export interface WorkflowContext {
  now: Date;
  timeZone: string;
}

/** The requester, or the employee the case is about: the people a case belongs to. */
export function isParty(request: PrivacyRequest, id: string): boolean {
  return request.requester === id || (request.subject.kind === 'employee' && request.subject.id === id);
}

/** An employee's own access request (filed by themselves): the only report that may be released to the requester in Teams. */
export const isOwnAccessRequest = (request: PrivacyRequest): boolean => request.type === 'access' && request.subject.kind === 'employee' && request.subject.id === request.requester;

/**
 * Whether `id` must stay out of deciding the case (Art. 38(6)): a party, or the person an outside
 * case names by a mail address that is theirs. (Typed criteria decide nobody's right to see a case.)
 */
export function hasConflict(request: PrivacyRequest, id: string): boolean {
  if (isParty(request, id)) return true;
  return request.subject.kind === 'outside' && request.subject.criteria.email?.trim().toLowerCase() === id.toLowerCase();
}

/** Whether `actor` may give `action` on the case in its current state (for drawing buttons). */
export function mayAct(request: PrivacyRequest, action: CommandAction, actor: Actor): boolean {
  const rule = RULES[action];
  return rule.from.includes(request.status) && authorise(request, rule.who, actor) === undefined;
}

/**
 * Whether `actor` has a say in `action` on this case at all, whatever its state: checked before
 * anything about the case (its state, its version) is revealed to them.
 */
export function authorisation(request: PrivacyRequest, action: CommandAction, actor: Actor): Refusal | undefined {
  return authorise(request, RULES[action].who, actor);
}

/** Whether `actor` may see the case: a DPO, or one of its parties. */
export function maySee(request: PrivacyRequest, actor: Actor): boolean {
  return actor.system === true || actor.isDpo || isParty(request, actor.id);
}

function authorise(request: PrivacyRequest, who: Who, actor: Actor): Refusal | undefined {
  if (actor.system) return undefined;
  if (who === 'system') return { code: 'NOT_DPO' };
  const party = isParty(request, actor.id);
  if (who === 'requesterOrDpo') {
    if (party) return undefined;
    if (!actor.isDpo) return { code: 'NOT_REQUESTER' };
    // A DPO whose own data the case is about (named by their mail) ends it no more than decides it.
    return hasConflict(request, actor.id) ? { code: 'OWN_REQUEST' } : undefined;
  }
  if (!actor.isDpo) return { code: 'NOT_DPO' };
  // Art. 38(6): no conflict of interests — a DPO never decides a case of their own; another DPO must.
  if (hasConflict(request, actor.id)) return { code: 'OWN_REQUEST' };
  return undefined;
}

const blank = (text: string | undefined): boolean => text === undefined || text.trim() === '';

/**
 * Applies a command to a case: checks the state, the actor and the command's own rules, and
 * returns the changed case (version bumped, history appended) or why it was refused. Pure.
 */
export function applyCommand(request: PrivacyRequest, command: RequestCommand, actor: Actor, context: WorkflowContext): Result<PrivacyRequest, Refusal> {
  const rule = RULES[command.action];
  // Who first: somebody without a say learns nothing about the case's state.
  const refused = authorise(request, rule.who, actor);
  if (refused) return err(refused);
  if (!rule.from.includes(request.status)) return err({ code: 'INVALID_TRANSITION', from: request.status });
  const at = context.now.toISOString();
  const next: PrivacyRequest = { ...request, linked: [...request.linked], history: [...request.history] };
  const event: RequestEvent = { at, actor: actor.id, action: command.action as RequestAction };
  const problem = applySpecifics(next, command, actor, context, event);
  if (problem) return err(problem);
  if (rule.to !== undefined) {
    if (request.status === 'moreInfoNeeded') endPause(next, context);
    if (rule.to === 'moreInfoNeeded') next.pausedSince = at;
    event.from = request.status;
    event.to = rule.to;
    next.status = rule.to;
    if (rule.to === 'approved' || rule.to === 'rejected') {
      next.decision = { by: actor.id, at, status: rule.to, ...(event.reason !== undefined ? { reason: event.reason } : {}) };
    }
  }
  next.version = request.version + 1;
  next.history.push(event);
  return ok(next);
}

/** The command's own checks and effects; returns a refusal or undefined. */
function applySpecifics(next: PrivacyRequest, command: RequestCommand, actor: Actor, context: WorkflowContext, event: RequestEvent): Refusal | undefined {
  const at = event.at;
  switch (command.action) {
    case 'route':
      return undefined;
    case 'start':
      // What an objection becomes is the DPO's decision (Art. 21): nothing starts without it.
      if (next.type === 'objection' && !command.execution?.objectionBecomes) return { code: 'OBJECTION_OUTCOME_REQUIRED' };
      next.execution = { includeNameOnly: [...new Set(command.execution?.includeNameOnly ?? [])].sort(), ...(command.execution?.pseudonymise ? { pseudonymise: true } : {}), ...(next.type === 'objection' && command.execution?.objectionBecomes ? { objectionBecomes: command.execution.objectionBecomes } : {}) };
      if (next.execution.objectionBecomes) event.detail = next.execution.objectionBecomes;
      return undefined;
    case 'approve':
      // "Other" says nothing by itself: how the identity was checked must be written down.
      if (command.identity?.method === 'other' && blank(command.identity.note)) return { code: 'IDENTITY_NOTE_REQUIRED' };
      if (command.identity && next.subject.kind === 'outside') next.identity = { method: command.identity.method, by: actor.id, at, ...(command.identity.note ? { note: command.identity.note } : {}) };
      // An outside person's identity must be checked before anything is disclosed (Art. 12(6)).
      if (next.subject.kind === 'outside' && next.identity === undefined) return { code: 'IDENTITY_REQUIRED' };
      return undefined;
    case 'reject':
    case 'askInfo':
      if (blank(command.reason)) return { code: 'REASON_REQUIRED' };
      event.reason = command.reason.trim();
      return undefined;
    case 'provideInfo':
      // The clock runs again on the answer: an empty one answers nothing.
      if (blank(command.note)) return { code: 'ANSWER_REQUIRED' };
      event.reason = command.note?.trim();
      return undefined;
    case 'complete':
      if (!blank(command.note)) event.reason = command.note?.trim();
      return undefined;
    case 'withdraw':
      // Only the person whose data it is withdraws without a word; a DPO recording a letter, or a
      // colleague who relayed an outside person's request, says how the withdrawal came.
      if (!(next.subject.kind === 'employee' && next.subject.id === actor.id) && blank(command.reason)) return { code: 'REASON_REQUIRED' };
      if (!blank(command.reason)) event.reason = command.reason?.trim();
      return undefined;
    case 'extend':
      return extend(next, command, actor, context, event);
    case 'assign':
      if (blank(command.assignee) || hasConflict(next, command.assignee)) return { code: 'INVALID_ASSIGNEE' };
      next.assignee = command.assignee;
      event.detail = command.assignee;
      return undefined;
    case 'recordIdentity':
      if (next.subject.kind !== 'outside') return { code: 'NOT_OUTSIDE_SUBJECT' };
      if (command.method === 'other' && blank(command.note)) return { code: 'IDENTITY_NOTE_REQUIRED' };
      next.identity = { method: command.method, by: actor.id, at, ...(command.note ? { note: command.note } : {}) };
      event.detail = command.method;
      return undefined;
    case 'correctSubject':
      return correctSubject(next, command.subject, actor, event);
    case 'link':
      if (command.other === next.number || command.other === next.id) return { code: 'SAME_CASE' };
      if (!next.linked.includes(command.other)) next.linked.push(command.other);
      event.detail = command.other;
      return undefined;
    case 'merge':
      if (command.into === next.number || command.into === next.id) return { code: 'SAME_CASE' };
      next.mergedInto = command.into;
      event.detail = command.into;
      return undefined;
  }
}

/**
 * Puts right whom the case is about. The acting DPO may not make it a case of their own (Art.
 * 38(6)); an identity check recorded for the person named before no longer counts, so an outside
 * person's identity is checked again before approval (Art. 12(6)). The event names only the kind of
 * subject: the case keeps who it is.
 */
function correctSubject(next: PrivacyRequest, subject: RequestSubject, actor: Actor, event: RequestEvent): Refusal | undefined {
  if (sameSubject(next.subject, subject)) return { code: 'SAME_SUBJECT' };
  if (!actor.system && hasConflict({ ...next, subject }, actor.id)) return { code: 'SUBJECT_CONFLICT' };
  next.subject = subject;
  delete next.identity;
  event.detail = subject.kind;
  return undefined;
}

function sameSubject(a: RequestSubject, b: RequestSubject): boolean {
  if (a.kind === 'employee' || b.kind === 'employee') return a.kind === 'employee' && b.kind === 'employee' && a.id === b.id;
  const keys = new Set([...Object.keys(a.criteria), ...Object.keys(b.criteria)]) as Set<keyof typeof a.criteria>;
  return [...keys].every((key) => (a.criteria[key] ?? '').trim().toLowerCase() === (b.criteria[key] ?? '').trim().toLowerCase());
}

/**
 * Art. 12(3): once, by up to two further months, with reasons, and the requester must be told
 * within the first month — so an extension after the first month has ended is refused.
 */
function extend(next: PrivacyRequest, command: Extract<RequestCommand, { action: 'extend' }>, actor: Actor, context: WorkflowContext, event: RequestEvent): Refusal | undefined {
  const refused = extensionRefusal(next, context);
  if (refused) return refused;
  if (blank(command.reason)) return { code: 'REASON_REQUIRED' };
  next.extension = { months: command.months, reason: command.reason.trim(), by: actor.id, at: event.at };
  next.dueDate = dueDateOf({ receivedAt: next.receivedAt, extensionMonths: command.months, pausedDays: next.pausedDays }, context.timeZone);
  event.reason = command.reason.trim();
  event.detail = String(command.months);
  return undefined;
}

/** Why the case cannot be extended now (already extended, or the first month is over); undefined when it can. */
export function extensionRefusal(request: PrivacyRequest, context: WorkflowContext): Refusal | undefined {
  if (request.extension) return { code: 'ALREADY_EXTENDED' };
  // A pause running now counts too: the clock has stood still since the question was asked.
  const pausing = request.pausedSince === undefined ? 0 : Math.max(0, daysBetween(localDate(new Date(request.pausedSince), context.timeZone), localDate(context.now, context.timeZone)));
  const firstMonthEnded = dueDateOf({ receivedAt: request.receivedAt, pausedDays: request.pausedDays + pausing }, context.timeZone);
  if (localDate(context.now, context.timeZone) > firstMonthEnded) return { code: 'EXTENSION_TOO_LATE', firstMonthEnded };
  return undefined;
}

/**
 * While the DPO waits for information the requester must give, the clock stands still (EDPB
 * Guidelines 01/2022 on the right of access); it runs again, by the days waited, once the wait ends.
 */
function endPause(next: PrivacyRequest, context: WorkflowContext): void {
  if (next.pausedSince === undefined) return;
  const waited = Math.max(0, daysBetween(localDate(new Date(next.pausedSince), context.timeZone), localDate(context.now, context.timeZone)));
  next.pausedDays += waited;
  delete next.pausedSince;
  next.dueDate = dueDateOf({ receivedAt: next.receivedAt, extensionMonths: next.extension?.months ?? 0, pausedDays: next.pausedDays }, context.timeZone);
}

/** Input for a new case; the store gives it an id and number. */
export interface NewRequest {
  type: PrivacyRequest['type'];
  subject: PrivacyRequest['subject'];
  requester: string;
  channel: PrivacyRequest['channel'];
  receivedAt: string;
  rectification?: PrivacyRequest['rectification'];
  note?: string;
}

/** A new case in state `received`, due one month after receipt. */
export function openRequest(input: NewRequest, ids: { id: string; number: string }, context: WorkflowContext): PrivacyRequest {
  const request: PrivacyRequest = {
    ...ids,
    type: input.type,
    subject: input.subject,
    requester: input.requester,
    channel: input.channel,
    receivedAt: input.receivedAt,
    dueDate: dueDateOf({ receivedAt: input.receivedAt }, context.timeZone),
    status: 'received',
    pausedDays: 0,
    linked: [],
    version: 1,
    history: [{ at: context.now.toISOString(), actor: input.requester, action: 'receive', to: 'received', detail: input.channel }],
  };
  if (input.rectification) request.rectification = input.rectification;
  if (input.note) request.note = input.note;
  return request;
}

/** `DSR-2026-0042`: the year of receipt and a number counted per year. */
export const caseNumber = (year: number, sequence: number): string => `DSR-${year}-${String(sequence).padStart(4, '0')}`;

