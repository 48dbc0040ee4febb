import { z } from 'zod';
import type { ActOutcome, ActRefusal, JobAction, RequestDesk } from '../../app/requests/request-desk';
import { CRITERIA_KEYS, IDENTITY_METHODS, type PrivacyRequest, type RequestSubject } from '../../domain/requests/request';
import { criteriaFrom, criteriaProblems } from '../cards/request-form';
import type { CommandAction, RequestCommand } from '../../domain/requests/workflow';
import type { PrivacyDesk } from '../../app/privacy-desk';
import type { RenderedCard } from '../cards/answer.card';
import type { CaseCardOptions } from '../cards/request.card';
import { plain } from '../cards/describe';
import { type RequestTextContext, showInstant } from '../cards/request-view';
import type { Locale } from '../i18n/locale';
import { requestContext } from './turn';
import { presentCase } from '../cards/case-presenter';
import { stepState, taskCard } from '../cards/execution.card';
import { SENT_HOW, type SentHow } from '../../domain/execution/job';

/** Every command a card can give (all but `route`, which only the desk gives), and `refresh`. */
const CASE_ACTIONS = ['approve', 'reject', 'askInfo', 'provideInfo', 'extend', 'assign', 'recordIdentity', 'correctSubject', 'link', 'merge', 'start', 'complete', 'withdraw', 'refresh'] as const satisfies readonly (
  | Exclude<CommandAction, 'route'>
  | 'refresh'
)[];

/**
 * What a case button sends (`Action.Execute` data, or its `Action.Submit` fallback): the case id,
 * the version the card was drawn from, and the inputs. Only names the case — never trusted as it.
 */
export const caseActionSchema = z.object({
  verb: z.literal('case'),
  action: z.enum(CASE_ACTIONS),
  // The case's id (a random UUID), never its number: a card names one case and cannot be used to count through the others.
  caseId: z.string().uuid(),
  version: z.coerce.number().int().min(1),
  reason: z.string().max(2000).optional(),
  months: z.coerce.number().int().min(1).max(2).optional(),
  assignee: z.string().min(1).max(320).optional(),
  // An unpicked choice arrives as '': treated as none, so the desk can say what is missing.
  identityMethod: z.union([z.enum(IDENTITY_METHODS), z.literal('').transform(() => undefined)]).optional(),
  identityNote: z.string().max(500).optional(),
  other: z.string().max(500).optional(),
  // Starting: the sources whose name-only findings count (a multi-select sends them comma-separated), what an objection becomes.
  include: z.string().max(2000).optional(),
  becomes: z.union([z.enum(['restriction', 'erasure']), z.literal('').transform(() => undefined)]).optional(),
  mode: z.union([z.enum(['delete', 'pseudonymise']), z.literal('').transform(() => undefined)]).optional(),
  // Correcting whom the case is about: a colleague by name or mail, or an outside person's criteria.
  subjectKind: z.enum(['employee', 'outside']).optional(),
  colleague: z.string().max(320).optional(),
  lastName: z.string().max(500).optional(),
  firstName: z.string().max(500).optional(),
  street: z.string().max(500).optional(),
  postcodeCity: z.string().max(500).optional(),
  phone: z.string().max(500).optional(),
  email: z.string().max(500).optional(),
});
export type CaseAction = z.infer<typeof caseActionSchema>;

/** The answer to a card action: a card (for the clicker), or a refusal with a safe, localised message. */
export type CaseActionReply = ({ kind: 'card'; card: RenderedCard; caseId: string; changed?: PrivacyRequest } | { kind: 'error'; code: 'BadRequest' | 'Forbidden' | 'NotFound'; message: string }) & {
  /** The action asked for, once the data was valid (for logs: never the client's raw text). */
  action?: CaseAction['action'];
};

export interface CaseActionInput {
  data: unknown;
  /** Who clicked (lower-case mail/UPN), undefined when they could not be identified. */
  actor: string | undefined;
  locale: Locale;
  /** Teams user ids of the DPOs, for the card's refresh. */
  dpoTeamsIds: string[];
}

const FORBIDDEN: ReadonlySet<ActRefusal['code']> = new Set(['NOT_DPO', 'OWN_REQUEST', 'NOT_REQUESTER']);

/**
 * Runs a card action on a case: reloads the case by id, checks who acts and the card's version,
 * applies the command and answers with the current card. A refused actor gets an error and the
 * case stays as it was; an out-of-date card gets the current one with "already decided by …".
 */
export async function handleCaseAction(input: CaseActionInput, desk: PrivacyDesk, requests: RequestDesk): Promise<CaseActionReply> {
  const ctx = requestContext(input.locale, desk, requests);
  if ((input.data as { verb?: unknown } | null | undefined)?.verb === 'job') return handleJobAction(ctx, requests, input);
  const parsed = caseActionSchema.safeParse(input.data);
  if (!parsed.success) return { kind: 'error', code: 'BadRequest', message: ctx.t.invalidAction };
  if (input.actor === undefined) return { kind: 'error', code: 'Forbidden', message: ctx.rt.unidentified };
  const action = parsed.data;
  return { ...(await runCaseAction(ctx, desk, requests, action, input.actor, input.dpoTeamsIds)), action: action.action };
}

async function runCaseAction(ctx: RequestTextContext, desk: PrivacyDesk, requests: RequestDesk, action: CaseAction, actor: string, dpoTeamsIds: string[]): Promise<CaseActionReply> {
  const kind = action.action;
  if (kind === 'correctSubject') return correctSubject(ctx, desk, requests, action, actor, dpoTeamsIds);
  if (kind === 'refresh') {
    const request = await requests.get(action.caseId);
    if (!request) return { kind: 'error', code: 'NotFound', message: ctx.rt.notFound };
    // Somebody the card was forwarded to, or who found it in a channel: nothing about the case.
    if (!requests.maySee(request, actor)) return { kind: 'error', code: 'Forbidden', message: ctx.rt.refusal.NOT_DPO };
    return { kind: 'card', card: await cardFor(ctx, requests, request, actor, dpoTeamsIds), caseId: request.id };
  }
  const command = toCommand(action, kind);
  const outcome = await requests.act(action.caseId, command, actor, action.version);
  return reply(ctx, requests, outcome, actor, dpoTeamsIds, typedInto(action));
}

/**
 * "Correct whom it is about": the colleague is found in the directory, an outside person's criteria
 * are checked as on the intake form. What cannot be used comes back with the form as it was filled
 * in — to whoever may correct the case; anybody else is refused as for any other action.
 */
async function correctSubject(ctx: RequestTextContext, desk: PrivacyDesk, requests: RequestDesk, action: CaseAction, actor: string, dpoTeamsIds: string[]): Promise<CaseActionReply> {
  const subject = subjectFrom(ctx, desk, action);
  const request = await requests.get(action.caseId);
  if (request && !subject.ok && requests.may(request, 'correctSubject', actor) && request.version === action.version) {
    return { kind: 'card', card: await cardFor(ctx, requests, request, actor, dpoTeamsIds, { notices: [subject.problem], typed: typedInto(action) }), caseId: request.id };
  }
  // Refused or out of date: the desk says why (the subject named now stands in for the unusable one).
  const command: RequestCommand = { action: 'correctSubject', subject: subject.ok ? subject.subject : (request?.subject ?? { kind: 'outside', criteria: {} }) };
  return reply(ctx, requests, await requests.act(action.caseId, command, actor, action.version), actor, dpoTeamsIds, typedInto(action));
}

function subjectFrom(ctx: RequestTextContext, desk: PrivacyDesk, action: CaseAction): { ok: true; subject: RequestSubject } | { ok: false; problem: string } {
  if (action.subjectKind === 'employee') {
    const found = action.colleague?.trim() ? desk.directory.searchPeople(action.colleague.trim()) : undefined;
    if (found?.kind !== 'unique') return { ok: false, problem: ctx.rt.refusal.SUBJECT_UNKNOWN };
    const person = desk.person(found.index);
    return { ok: true, subject: { kind: 'employee', id: person.id, name: person.displayName } };
  }
  const criteria = criteriaFrom(action);
  const problems = criteriaProblems(criteria, ctx.rt);
  return problems.length > 0 ? { ok: false, problem: [ctx.rt.refusal.SUBJECT_INCOMPLETE, ...problems].join(' ') } : { ok: true, subject: { kind: 'outside', criteria } };
}

/** What the clicker typed into the form, to show it again when the action is refused or came too late. */
function typedInto(action: CaseAction): NonNullable<CaseCardOptions['typed']> {
  const values: Record<string, string> = {};
  for (const key of ['reason', 'assignee', 'identityMethod', 'identityNote', 'other', 'subjectKind', 'colleague', 'include', 'becomes', 'mode', ...CRITERIA_KEYS] as const) {
    const value = action[key];
    if (typeof value === 'string' && value !== '') values[key] = value;
  }
  if (action.months !== undefined) values.months = String(action.months);
  if (action.action === 'merge' || action.action === 'link') values.action = action.action;
  return { verb: action.action, values };
}

async function reply(ctx: RequestTextContext, requests: RequestDesk, outcome: ActOutcome, actor: string, dpoTeamsIds: string[], typed?: CaseCardOptions['typed']): Promise<CaseActionReply> {
  switch (outcome.kind) {
    case 'notFound':
      return { kind: 'error', code: 'NotFound', message: ctx.rt.notFound };
    case 'refused': {
      const message = ctx.rt.refusal[outcome.refusal.code];
      if (FORBIDDEN.has(outcome.refusal.code)) return { kind: 'error', code: 'Forbidden', message };
      return { kind: 'card', card: await cardFor(ctx, requests, outcome.request, actor, dpoTeamsIds, { notices: [message], typed }), caseId: outcome.request.id };
    }
    case 'stale': {
      const last = outcome.last;
      const by = last ? plain(ctx.nameOf(last.actor)) : '';
      const at = last ? showInstant(ctx, last.at) : '';
      const decision = outcome.request.decision;
      const notice = decision
        ? ctx.rt.alreadyDecided(plain(ctx.nameOf(decision.by)), showInstant(ctx, decision.at), ctx.rt.status(decision.status))
        : ctx.rt.changedMeanwhile(by, at);
      return { kind: 'card', card: await cardFor(ctx, requests, outcome.request, actor, dpoTeamsIds, { notices: [notice], typed }), caseId: outcome.request.id };
    }
    case 'done':
      return {
        kind: 'card',
        card: await cardFor(ctx, requests, outcome.request, actor, dpoTeamsIds, { notices: [ctx.rt.done(ctx.rt.action(outcome.event.action))] }),
        caseId: outcome.request.id,
        changed: outcome.request,
      };
  }
}

/** The card as `viewer` sees it now, with what the action had to say. */
function cardFor(
  ctx: RequestTextContext,
  requests: RequestDesk,
  request: PrivacyRequest,
  viewer: string,
  dpoTeamsIds: string[],
  extra: { notices?: string[]; typed?: CaseCardOptions['typed'] | undefined } = {},
): Promise<RenderedCard> {
  return presentCase(ctx, requests, request, viewer, { notices: extra.notices ?? [], refreshFor: dpoTeamsIds, ...(extra.typed ? { typed: extra.typed } : {}) });
}

function toCommand(action: CaseAction, kind: Exclude<CaseAction['action'], 'refresh' | 'correctSubject'>): RequestCommand {
  const reason = action.reason ?? '';
  switch (kind) {
    case 'approve':
      return action.identityMethod
        ? { action: 'approve', identity: { method: action.identityMethod, ...(action.identityNote?.trim() ? { note: action.identityNote.trim() } : {}) } }
        : { action: 'approve' };
    case 'reject':
      return { action: 'reject', reason };
    case 'askInfo':
      return { action: 'askInfo', reason };
    case 'provideInfo':
      return { action: 'provideInfo', ...(action.reason ? { note: action.reason } : {}) };
    case 'extend':
      return { action: 'extend', months: action.months === 2 ? 2 : 1, reason };
    case 'assign':
      return { action: 'assign', assignee: (action.assignee ?? '').toLowerCase() };
    case 'recordIdentity':
      return { action: 'recordIdentity', method: action.identityMethod ?? 'other', ...(action.identityNote?.trim() ? { note: action.identityNote.trim() } : {}) };
    case 'link':
      return { action: 'link', other: (action.other ?? '').trim() };
    case 'merge':
      return { action: 'merge', into: (action.other ?? '').trim() };
    case 'start': {
      const include = (action.include ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      return { action: 'start', execution: { includeNameOnly: include, ...(action.becomes ? { objectionBecomes: action.becomes } : {}), ...(action.mode === 'pseudonymise' ? { pseudonymise: true } : {}) } };
    }
    case 'complete':
      return { action: 'complete', ...(action.reason ? { note: action.reason } : {}) };
    case 'withdraw':
      return { action: 'withdraw', ...(action.reason ? { reason: action.reason } : {}) };
  }
}

/** What a step's button sends: Retry (a DPO), or a task's Done / Not possible (its owner or a DPO). */
export const jobActionSchema = z.object({
  verb: z.literal('job'),
  action: z.enum(['retry', 'taskDone', 'taskNotPossible', 'newLink', 'release', 'recordSent']),
  caseId: z.string().uuid(),
  stepId: z.string().min(1).max(200),
  reason: z.string().max(2000).optional(),
  how: z.enum(SENT_HOW).optional(),
});

/**
 * A step's button: the answer is recorded by the execution desk, which checks who may give it; the
 * clicker gets the case card (a DPO) or the task card as it stands now (the task's owner).
 */
async function handleJobAction(ctx: RequestTextContext, requests: RequestDesk, input: CaseActionInput): Promise<CaseActionReply> {
  const parsed = jobActionSchema.safeParse(input.data);
  if (!parsed.success) return { kind: 'error', code: 'BadRequest', message: ctx.t.invalidAction };
  if (input.actor === undefined) return { kind: 'error', code: 'Forbidden', message: ctx.rt.unidentified };
  const { action, caseId, stepId } = parsed.data;
  const x = ctx.rt.execution;
  if (action === 'taskNotPossible' && !parsed.data.reason?.trim()) return { kind: 'error', code: 'BadRequest', message: ctx.rt.refusal.REASON_REQUIRED };
  if (action === 'recordSent' && !parsed.data.how) return { kind: 'error', code: 'BadRequest', message: x.recordSentLabel };
  const asked: JobAction =
    action === 'retry' || action === 'newLink' || action === 'release'
      ? { kind: action }
      : action === 'recordSent'
        ? { kind: 'recordSent', how: parsed.data.how as SentHow }
        : { kind: 'answer', answer: action === 'taskDone' ? { done: true } : { done: false, reason: (parsed.data.reason ?? '').trim() } };
  const outcome = await requests.jobAction(caseId, stepId, input.actor, asked);
  const request = await requests.get(caseId);
  if (!request || (outcome.kind === 'refused' && outcome.reason === 'notFound')) return { kind: 'error', code: 'NotFound', message: x.notFound, action: 'refresh' };
  if (outcome.kind === 'refused' && outcome.reason === 'notAllowed') return { kind: 'error', code: 'Forbidden', message: x.notAllowed, action: 'refresh' };
  const said: Record<typeof action, string> = { retry: x.retried, taskDone: ctx.rt.done(x.taskDone), taskNotPossible: ctx.rt.done(x.taskNotPossible), newLink: ctx.rt.done(x.newLink), release: ctx.rt.done(x.release(plain(ctx.nameOf(request?.requester ?? '')))), recordSent: ctx.rt.done(x.recordSent) };
  const notices = outcome.kind === 'done' ? [said[action]] : [x.notNow];
  if (requests.isDpo(input.actor) && requests.maySee(request, input.actor)) {
    return { kind: 'card', card: await presentCase(ctx, requests, request, input.actor, { notices, refreshFor: input.dpoTeamsIds }), caseId: request.id, action: 'refresh' };
  }
  // The source's owner: their task as it stands now (answered), nothing else of the case.
  const job = outcome.kind === 'done' ? outcome.job : await requests.jobOf(caseId);
  const step = job?.steps.find((s) => s.id === stepId);
  if (!job || !step) return { kind: 'error', code: 'NotFound', message: x.notFound, action: 'refresh' };
  return { kind: 'card', card: taskCard(ctx, request, step, job.subject, { notices: outcome.kind === 'done' ? [x.taskAnswered(stepState(ctx, step))] : [x.notNow] }), caseId: request.id, action: 'refresh' };
}
