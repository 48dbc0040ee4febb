import { CRITERIA_KEYS, IDENTITY_METHODS, type IdentityMethod, type PrivacyRequest, type RequestEvent, isOpen } from '../../domain/requests/request';
import type { CaseFindings } from '../../app/case-findings';
import type { SourceFinding } from '../../ports/sources/personal-data-source.port';
import { type CommandAction, hasConflict, isParty } from '../../domain/requests/workflow';
import type { RenderedCard } from './answer.card';
import { renderRequestCard } from './request-render';
import { type ButtonView, type FormView, type InputView, type RequestCardView, type RequestTextContext, showDate, showInstant } from './request-view';
import { plain } from './describe';
import { localDate } from '../../domain/requests/deadlines';
import { FIELDS, FIELD_IDS } from '../../domain/matrix/fields';
import { CATALOGUE_ITEMS } from '../../domain/catalogue/catalogue.data';
import { fold } from '../../domain/shared/text';
import type { Job } from '../../domain/execution/job';
import { executionActions, executionSection, startInputs } from './execution.card';

/** What the person looking at a case card may do, decided by the request desk. */
export interface CaseViewer {
  /** Who looks (lower-case mail/UPN); undefined for the everyone view. */
  id?: string;
  may(action: CommandAction): boolean;
  /** DPOs the case can be assigned to (ids), for the assign form. */
  assignees: string[];
  /** A DPO looks: sees what only the DPOs keep (how an identity was checked, in words). */
  dpo?: boolean;
}

export interface CaseCardOptions {
  title?: string;
  notices?: string[];
  intro?: string[];
  duplicates?: PrivacyRequest[];
  /** Days until due (negative when overdue), today in the organisation's zone. */
  daysLeft: number;
  /** Teams user ids whose clients fetch their own view (the DPOs); at most 60. */
  refreshFor?: string[];
  /** Show the whole history, not only the last entries. */
  fullHistory?: boolean;
  /** What was typed into the form of `verb` before it was refused: shown again, nothing is lost. */
  typed?: { verb: string; values: Record<string, string> };
  /** For a DPO: where the subject has data, per source. */
  findings?: CaseFindings;
  /** For a DPO: the case's execution, step by step. */
  job?: Job;
  /** An erasure may be carried out by pseudonyms instead (Start offers the choice). */
  pseudonymise?: boolean;
  /** For a DPO: what a rectification changed (before → after), per source. */
  rectified?: { source: string; item: string; before: string[]; after: string[] }[];
}

/** What a case button sends back: the case and the version the card was drawn from, never the case itself. */
export const caseData = (request: PrivacyRequest, action: CommandAction | 'refresh'): Record<string, unknown> => ({
  verb: 'case',
  action,
  caseId: request.id,
  version: request.version,
});

const HISTORY_LINES = 6;
const MAX_REFRESH_USERS = 60;

/** A case card: facts, warnings, duplicates, history and the buttons this viewer may use. */
export function caseCard(ctx: RequestTextContext, request: PrivacyRequest, viewer: CaseViewer, options: CaseCardOptions): RenderedCard {
  const { rt, t } = ctx;
  const view: RequestCardView = {
    title: options.title ?? rt.caseTitle(request.number, t.requestType(request.type)),
    notices: options.notices ?? [],
    warnings: warnings(ctx, request, options.daysLeft),
    intro: options.intro ?? [],
    facts: facts(ctx, request, options.daysLeft, viewer.dpo === true, viewer.id !== undefined && viewer.id === request.requester),
    sections: sections(ctx, request, options),
    // Art. 12(4): a refusal always comes with the remedies, wherever the case is looked at later.
    notes: request.status === 'rejected' ? [rt.complaintRight] : [],
    ...withExecution(ctx, request, viewer, options, actions(ctx, request, viewer, options.duplicates ?? [], options.typed, options)),
  };
  if (options.refreshFor && options.refreshFor.length > 0) {
    view.refresh = { verb: 'refresh', title: rt.factStatus, data: caseData(request, 'refresh'), userIds: options.refreshFor.slice(0, MAX_REFRESH_USERS) };
  }
  return renderRequestCard(view);
}

/**
 * The detail to correct as the reader calls it: the form prefills it in the filer's language
 * ("Mobile number", "Foto (F.14)"), so a known detail is named again in the reader's.
 */
function itemInLanguage(ctx: RequestTextContext, item: string): string {
  const wanted = fold(item).trim();
  const field = FIELD_IDS.find((id) => fold(FIELDS[id].topic.en) === wanted || fold(FIELDS[id].topic.de) === wanted);
  if (field) return ctx.t.locale === 'de' ? FIELDS[field].topic.de : FIELDS[field].topic.en;
  const id = /\(([A-Z]\.[\d.]+)\)\s*$/.exec(item)?.[1];
  const catalogue = id ? CATALOGUE_ITEMS.find((i) => i.id === id) : undefined;
  return catalogue ? `${catalogue[ctx.t.locale]} (${catalogue.id})` : item;
}

/** Whom a case is about, by name only (for one line of a list). */
function subjectName(ctx: RequestTextContext, request: PrivacyRequest): string {
  if (request.subject.kind === 'employee') return plain(request.subject.name);
  const c = request.subject.criteria;
  return plain([c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || c.phone || ctx.rt.outsidePerson);
}

function subjectText(ctx: RequestTextContext, request: PrivacyRequest): string {
  if (request.subject.kind === 'employee') return plain(request.subject.name);
  const c = request.subject.criteria;
  const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
  const rest = [c.street, c.postcodeCity, c.phone, c.email].filter(Boolean).join(', ');
  return plain(`${name || ctx.rt.outsidePerson}${rest ? ` (${rest})` : ''}`);
}

function facts(ctx: RequestTextContext, request: PrivacyRequest, daysLeft: number, dpo: boolean, requester: boolean): { title: string; value: string }[] {
  const { rt } = ctx;
  const list = [
    { title: rt.factStatus, value: rt.status(request.status) },
    { title: rt.factType, value: `${ctx.t.requestType(request.type)}` },
    { title: rt.factSubject, value: subjectText(ctx, request) },
    { title: rt.factRequester, value: plain(ctx.nameOf(request.requester)) },
    // A letter or a call counts by its day (Art. 12(3)); only Teams knows the minute.
    { title: rt.factReceived, value: `${request.channel === 'teams' ? showInstant(ctx, request.receivedAt) : showDate(ctx, localDate(new Date(request.receivedAt), ctx.timeZone))} (${rt.channel(request.channel)})` },
    // While the case waits for information the clock stands still: no countdown, and never "overdue".
    { title: rt.factDue, value: isOpen(request.status) && request.status !== 'moreInfoNeeded' ? rt.dueIn(showDate(ctx, request.dueDate), daysLeft) : showDate(ctx, request.dueDate) },
    { title: rt.factAssignee, value: request.assignee ? plain(ctx.nameOf(request.assignee)) : rt.unassigned },
  ];
  if (request.subject.kind === 'outside') {
    list.push({ title: rt.factIdentity, value: request.identity ? `${rt.identityMethod(request.identity.method)}${request.identity.note && dpo ? ` — ${plain(request.identity.note)}` : ''}` : rt.identityMissing });
  }
  if (request.extension) list.push({ title: rt.factExtension, value: plain(rt.extensionLine(request.extension.months, request.extension.reason)) });
  if (request.rectification) {
    list.push({ title: rt.factItem, value: plain(itemInLanguage(ctx, request.rectification.item)) });
    if (request.rectification.newValue) list.push({ title: rt.factNewValue, value: plain(request.rectification.newValue) });
  }
  // What the requester wrote is for the DPOs and the requester: not for a channel, nor for a colleague the case is about.
  if (request.note && (dpo || requester)) list.push({ title: rt.factNote, value: plain(request.note) });
  if (request.linked.length > 0) list.push({ title: rt.factLinked, value: request.linked.join(', ') });
  const decision = request.decision;
  if (decision) {
    list.push({ title: rt.factDecision, value: plain(rt.decisionLine(rt.status(decision.status), ctx.nameOf(decision.by), showInstant(ctx, decision.at), decision.reason ?? '')) });
  }
  return list;
}

function warnings(ctx: RequestTextContext, request: PrivacyRequest, daysLeft: number): string[] {
  const list: string[] = [];
  if (request.mergedInto) list.push(ctx.rt.mergedInto(request.mergedInto));
  if (!isOpen(request.status) || request.status === 'moreInfoNeeded') {
    if (request.status === 'moreInfoNeeded' && request.pausedSince) list.push(ctx.rt.pausedRule(showInstant(ctx, request.pausedSince)));
    return list;
  }
  if (daysLeft < 0) list.push(ctx.rt.overdue(daysLeft));
  else if (daysLeft === 0) list.push(ctx.rt.dueTodayWarning);
  return list;
}

function sections(ctx: RequestTextContext, request: PrivacyRequest, options: CaseCardOptions): { heading: string; lines: string[] }[] {
  const { rt } = ctx;
  const result: { heading: string; lines: string[] }[] = [];
  const duplicates = options.duplicates ?? [];
  if (duplicates.length > 0) {
    result.push({
      heading: rt.duplicatesHeading,
      lines: duplicates.map((d) => rt.duplicateLine(d.number, rt.status(d.status), showInstant(ctx, d.receivedAt))),
    });
  }
  if (options.findings) result.push(findingsSection(ctx, options.findings));
  if (options.job) result.push(executionSection(ctx, options.job, options.rectified ?? []));
  const history = options.fullHistory ? request.history : request.history.slice(-HISTORY_LINES);
  result.push({
    heading: rt.historyHeading,
    lines: history.map((e) => rt.historyLine(showInstant(ctx, e.at), plain(e.actor === 'system' ? ctx.t.appTitle : ctx.nameOf(e.actor)), actionWithDetail(ctx, e), plain(e.reason ?? ''))),
  });
  return result;
}

/** Per source: "journal (H): 412 journal entries 2024-03 … 2026-11; 5 journal entries … by name or address only". */
function findingsSection(ctx: RequestTextContext, found: CaseFindings): { heading: string; lines: string[] } {
  const { rt } = ctx;
  const month = (date: Date | undefined): string => (date ? date.toISOString().slice(0, 7) : '?');
  const records = (f: SourceFinding): string => `${rt.findingRecords(f.category, f.count)}${f.oldest ? ` ${month(f.oldest)} … ${month(f.newest)}` : ''}`;
  const sources = [...new Set(found.findings.map((f) => f.source))];
  const lines = sources.map((source) => {
    const of = found.findings.filter((f) => f.source === source);
    const byIdentifier = of.find((f) => f.match === 'identifier');
    const byName = of.find((f) => f.match === 'name');
    const parts = [byIdentifier ? records(byIdentifier) : undefined, byName ? rt.findingNameOnly(records(byName)) : undefined].filter(Boolean);
    return `${source} (${(of[0] as SourceFinding).category}): ${parts.join('; ')}`;
  });
  for (const failed of found.failed) lines.push(`${failed.source} (${failed.category}): ${rt.findingFailed}`);
  return { heading: rt.findingsHeading(showInstant(ctx, found.at.toISOString())), lines: lines.length > 0 ? lines : [rt.findingsNone] };
}

/** "Assigned to Dana DPO", "Merged into DSR-2026-0041", "Extended by 2 months". */
function actionWithDetail(ctx: RequestTextContext, event: RequestEvent): string {
  const { rt } = ctx;
  const detail = event.detail;
  if (detail === undefined || event.action === 'receive') return rt.action(event.action);
  const value = event.action === 'assign' ? plain(ctx.nameOf(detail)) : event.action === 'extend' ? rt.months(Number(detail)) : event.action === 'recordIdentity' ? rt.identityMethod(detail as IdentityMethod) : plain(detail);
  const words = rt.historyDetail(event.action, value);
  return words ? `${rt.action(event.action)} ${words}` : rt.action(event.action);
}

/** A DPO's Retry and task buttons come first: they are what the case waits on. */
function withExecution(ctx: RequestTextContext, request: PrivacyRequest, viewer: CaseViewer, options: CaseCardOptions, own: { buttons: ButtonView[]; forms: FormView[] }): { buttons: ButtonView[]; forms: FormView[] } {
  // A DPO with a say in the case (never a party to it), while it runs and after it completed (the report's buttons).
  if (!options.job || !viewer.dpo || viewer.id === undefined || hasConflict(request, viewer.id)) return own;
  const steps = executionActions(ctx, request, options.job);
  return { buttons: [...steps.buttons, ...own.buttons], forms: [...steps.forms, ...own.forms] };
}

function actions(ctx: RequestTextContext, request: PrivacyRequest, viewer: CaseViewer, duplicates: PrivacyRequest[], typed?: CaseCardOptions['typed'], options?: CaseCardOptions): { buttons: ButtonView[]; forms: FormView[] } {
  const { rt } = ctx;
  const buttons: ButtonView[] = [];
  const forms: FormView[] = [];
  const button = (action: CommandAction): void => {
    if (viewer.may(action)) buttons.push({ title: rt.button(action), execute: true, verb: action, data: caseData(request, action) });
  };
  const form = (action: CommandAction, inputs: InputView[], title = rt.button(action)): void => {
    if (viewer.may(action)) forms.push({ title, verb: action, confirm: rt.confirm, data: caseData(request, action), inputs });
  };
  const reason = (label: string): InputView => ({ kind: 'text', id: 'reason', label, multiline: true, required: true, error: rt.refusal.REASON_REQUIRED });
  if (request.subject.kind === 'outside' && !request.identity) {
    form('approve', identityInputs(ctx), rt.button('approve'));
  } else {
    button('approve');
  }
  form('reject', [reason(rt.reasonLabel)]);
  form('askInfo', [reason(rt.questionLabel)]);
  // The requester answers the question in a field; a DPO records an answer that came another way.
  if (viewer.id !== undefined && isParty(request, viewer.id)) {
    if (viewer.may('provideInfo')) forms.push(answerForm(ctx, request, rt.answerButton));
  } else form('provideInfo', [{ ...reason(rt.recordAnswerLabel), error: rt.refusal.ANSWER_REQUIRED }], rt.button('provideInfo'));
  // Starting carries the case out: the DPO first says which name-only findings count (and what an objection becomes).
  const choices = viewer.may('start') ? startInputs(ctx, request, options?.findings, options?.pseudonymise === true) : [];
  if (choices.length > 0) form('start', choices);
  else button('start');
  // Completing asks once more, with room for what was done ("copy sent by mail on 3 May"); a case
  // being carried out completes by itself.
  if (!options?.job) form('complete', [{ kind: 'text', id: 'reason', label: rt.completeNoteLabel, multiline: true }]);
  if (!request.extension) {
    form('extend', [
      { kind: 'choice', id: 'months', label: rt.monthsLabel, value: '1', required: true, choices: [1, 2].map((n) => ({ title: rt.months(n), value: String(n) })) },
      reason(rt.reasonLabel),
    ]);
  }
  const assignees = viewer.assignees.filter((id) => id !== request.assignee);
  if (assignees.length > 0) {
    form('assign', [{ kind: 'choice', id: 'assignee', label: rt.assigneeLabel, value: assignees[0] as string, required: true, choices: assignees.map((id) => ({ title: ctx.nameOf(id), value: id })) }]);
  }
  if (viewer.may('link')) {
    const mergeable = viewer.may('merge');
    forms.push({
      title: mergeable ? `${rt.button('link')} / ${rt.button('merge')}` : rt.button('link'),
      verb: 'link',
      confirm: rt.confirm,
      data: caseData(request, 'link'),
      inputs: [
        ...(mergeable
          ? [
              {
                kind: 'choice' as const,
                id: 'action',
                label: rt.relationLabel,
                value: 'link',
                required: true,
                choices: [
                  { title: rt.linkChoice, value: 'link' },
                  { title: rt.mergeChoice, value: 'merge' },
                ],
              },
            ]
          : []),
        { kind: 'text', id: 'other', label: rt.otherCaseLabel, value: duplicates[0]?.number ?? '', required: true, error: rt.refusal.UNKNOWN_CASE },
      ],
    });
  }
  // Whom the case is about, put right by a DPO (the intake misread a message): in the overflow menu.
  if (viewer.may('correctSubject')) forms.push({ ...correctSubjectForm(ctx, request), secondary: true });
  if (viewer.id !== undefined && viewer.may('withdraw') && isParty(request, viewer.id)) forms.push(withdrawForm(ctx, request));
  // A DPO records a withdrawal that came by letter or mail, with how it came: seldom needed, so in
  // the card's overflow menu (Teams shows six buttons; the decisions come first).
  else if (viewer.may('withdraw')) {
    forms.push({ ...withdrawForm(ctx, request, rt.recordWithdrawal), secondary: true, inputs: [{ kind: 'text', id: 'reason', label: rt.recordWithdrawalLabel, multiline: true, required: true, error: rt.refusal.REASON_REQUIRED }] });
  }
  // The refused form comes back as it was filled in (merge and link share one form).
  const refilled = typed ? forms.map((f) => (f.verb === typed.verb || (f.verb === 'link' && typed.verb === 'merge') ? { ...f, inputs: f.inputs.map((i) => (typed.values[i.id] !== undefined ? { ...i, value: typed.values[i.id] } : i)) } : f)) : forms;
  return { buttons, forms: refilled };
}

function identityInputs(ctx: RequestTextContext): InputView[] {
  return [
    {
      kind: 'choice',
      id: 'identityMethod',
      label: ctx.rt.identityLabel,
      required: true,
      error: ctx.rt.refusal.IDENTITY_REQUIRED,
      choices: IDENTITY_METHODS.map((m) => ({ title: ctx.rt.identityMethod(m), value: m })),
    },
    { kind: 'text', id: 'identityNote', label: ctx.rt.identityNoteLabel },
  ];
}

/** A colleague (by name or mail) or an outside person (the seed's search criteria), prefilled with whom the case names now. */
function correctSubjectForm(ctx: RequestTextContext, request: PrivacyRequest): FormView {
  const { rt } = ctx;
  const subject = request.subject;
  const criteria = subject.kind === 'outside' ? subject.criteria : {};
  return {
    title: rt.button('correctSubject'),
    verb: 'correctSubject',
    confirm: rt.confirm,
    data: caseData(request, 'correctSubject'),
    inputs: [
      {
        kind: 'choice',
        id: 'subjectKind',
        label: rt.subjectKindLabel,
        value: subject.kind,
        required: true,
        choices: [
          { title: rt.subjectColleague, value: 'employee' },
          { title: rt.subjectOutside, value: 'outside' },
        ],
      },
      { kind: 'text', id: 'colleague', label: rt.colleagueLabel, value: subject.kind === 'employee' ? subject.name : '' },
      ...CRITERIA_KEYS.map((key): InputView => ({ kind: 'text', id: key, label: rt.criterion(key), value: criteria[key] ?? '' })),
    ],
  };
}

/** The requester's answer to the DPO's question: the field opens with the button, and Send answers. */
function answerForm(ctx: RequestTextContext, request: PrivacyRequest, title: string): FormView {
  return {
    title,
    verb: 'provideInfo',
    confirm: ctx.rt.confirm,
    data: caseData(request, 'provideInfo'),
    inputs: [{ kind: 'text', id: 'reason', label: ctx.rt.answerLabel, multiline: true, required: true, error: ctx.rt.refusal.ANSWER_REQUIRED }],
  };
}

/** Withdrawing asks once more (a show-card with an optional reason), so that a slip of the finger does not end a case. */
function withdrawForm(ctx: RequestTextContext, request: PrivacyRequest, title = ctx.rt.button('withdraw')): FormView {
  // A relayed request is the other person's to withdraw: the relayer says how they did.
  const relayed = !(request.subject.kind === 'employee' && request.subject.id === request.requester);
  return {
    title,
    verb: 'withdraw',
    confirm: ctx.rt.confirm,
    data: caseData(request, 'withdraw'),
    inputs: [
      relayed
        ? { kind: 'text', id: 'reason', label: ctx.rt.recordWithdrawalLabel, multiline: true, required: true, error: ctx.rt.refusal.REASON_REQUIRED }
        : { kind: 'text', id: 'reason', label: ctx.rt.withdrawReasonLabel, multiline: true },
    ],
  };
}

/** Teams shows at most six actions on a card. */
const MAX_ACTIONS = 6;

/** The requester's own cases, one line each, with a withdraw button for each open one they may withdraw. */
export function myRequestsCard(ctx: RequestTextContext, cases: PrivacyRequest[], mayWithdraw: (request: PrivacyRequest) => boolean = () => false, notices: string[] = []): RenderedCard {
  const { rt, t } = ctx;
  if (cases.length === 0) return renderRequestCard({ title: rt.statusTitle, notices, intro: [rt.noRequests] });
  const waiting = cases.filter((c) => c.status === 'moreInfoNeeded').slice(0, MAX_ACTIONS);
  return renderRequestCard({
    notices,
    title: rt.statusTitle,
    sections: [
      {
        heading: '',
        lines: cases.map((c) => rt.statusLine(c.number, t.requestType(c.type), statusText(ctx, c), isOpen(c.status) ? showDate(ctx, c.dueDate) : '')),
      },
    ],
    notes: cases.some((c) => isOpen(c.status)) ? [rt.withdrawHint] : [],
    // A question waiting for an answer comes first, with the answer field right there: one press, type, send.
    forms: [
      ...waiting.map((c) => answerForm(ctx, c, rt.answerCase(c.number))),
      ...cases
        .filter(mayWithdraw)
        .slice(0, MAX_ACTIONS - waiting.length)
        .map((c) => withdrawForm(ctx, c, `${rt.button('withdraw')} ${c.number}`)),
    ],
  });
}

/** A case's status in a list: where a merged case went, what a waiting one asks. */
function statusText(ctx: RequestTextContext, request: PrivacyRequest): string {
  const status = ctx.rt.status(request.status);
  if (request.status === 'merged' && request.mergedInto) return `${status} (${request.mergedInto})`;
  if (request.status === 'moreInfoNeeded') {
    const question = [...request.history].reverse().find((e) => e.action === 'askInfo')?.reason;
    if (question) return `${status}: ${plain(question)}`;
  }
  return status;
}

/** Longest list of cases on one card; the rest are named by count (and found by number). */
const MAX_LISTED = 50;

/**
 * A DPO's worklist: every open case, the soonest due first, with its due date (overdue flagged) and
 * assignee, a button per case for its card with the DPO's own buttons, and the DPO's own requests.
 */
export function openCasesCard(ctx: RequestTextContext, open: PrivacyRequest[], own: PrivacyRequest[], daysLeftOf: (request: PrivacyRequest) => number): RenderedCard {
  const { rt, t } = ctx;
  const sorted = [...open].sort((a, b) => (a.dueDate === b.dueDate ? a.number.localeCompare(b.number) : a.dueDate < b.dueDate ? -1 : 1));
  const listed = sorted.slice(0, MAX_LISTED);
  const line = (c: PrivacyRequest): string =>
    // While the clock stands still (waiting for information) nothing is counted down or overdue.
    rt.openCaseLine(c.number, t.requestType(c.type), subjectName(ctx, c), rt.status(c.status), c.status === 'moreInfoNeeded' ? showDate(ctx, c.dueDate) : rt.dueIn(showDate(ctx, c.dueDate), daysLeftOf(c)), c.assignee ? ctx.nameOf(c.assignee) : '');
  const sections = [{ heading: '', lines: listed.length > 0 ? listed.map(line) : [rt.noOpenCases] }];
  const mine = own.filter((c) => !open.some((o) => o.id === c.id));
  if (mine.length > 0) sections.push({ heading: rt.statusTitle, lines: mine.map((c) => rt.statusLine(c.number, t.requestType(c.type), rt.status(c.status), isOpen(c.status) ? showDate(ctx, c.dueDate) : '')) });
  return renderRequestCard({
    title: rt.openCasesTitle,
    intro: sorted.length > 0 ? [rt.openCasesIntro(sorted.length, (sorted[0] as PrivacyRequest).number)] : [],
    sections,
    notes: sorted.length > listed.length ? [rt.moreCases(sorted.length - listed.length)] : [],
    buttons: listed.slice(0, MAX_ACTIONS).map((c) => ({ title: rt.showCase(c.number), execute: false, data: caseData(c, 'refresh') })),
  });
}
