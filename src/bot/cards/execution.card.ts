import type { CaseFindings } from '../../app/case-findings';
import { type Job, type JobStep, SENT_HOW } from '../../domain/execution/job';
import type { PrivacyRequest } from '../../domain/requests/request';
import { isOwnAccessRequest } from '../../domain/requests/workflow';
import type { Subject } from '../../domain/sources/subject';
import type { RenderedCard } from './answer.card';
import { plain } from './describe';
import { renderRequestCard } from './request-render';
import { type ButtonView, type FormView, type InputView, type RequestTextContext, showInstant } from './request-view';

/** What a step's button sends: the case, the step, and what to do — never the job itself. */
export const jobData = (caseId: string, action: 'retry' | 'taskDone' | 'taskNotPossible' | 'newLink' | 'release' | 'recordSent', stepId: string): Record<string, unknown> => ({ verb: 'job', action, caseId, stepId });

/** "Erase — journal (H)". */
export function stepLabel(ctx: RequestTextContext, step: JobStep): string {
  const x = ctx.rt.execution;
  const where = step.source ? ` — ${step.source}${step.category ? ` (${step.category})` : ''}` : '';
  return `${x.kind(step.kind)}${where}`;
}

/** Where the step stands, in words. */
export function stepState(ctx: RequestTextContext, step: JobStep): string {
  const x = ctx.rt.execution;
  const state = step.state;
  switch (state.status) {
    case 'pending':
      return step.reason ? x.reason(step.reason) : x.pending;
    case 'running':
      return x.running;
    case 'waiting':
      return x.waiting(plain(step.assignee ? ctx.nameOf(step.assignee) : x.dpos), showInstant(ctx, state.since));
    case 'done':
      return step.reason ? `${x.done('')}: ${x.reason(step.reason)}` : x.done(x.counts(state.counts ?? {}));
    case 'failed':
      return x.failed(plain(state.error));
    case 'notPossible':
      return x.notPossible(plain(ctx.nameOf(state.by)), plain(state.reason));
  }
}

/** The case card's section: every step and its state. */
export function executionSection(ctx: RequestTextContext, job: Job, rectified: readonly { source: string; item: string; before: string[]; after: string[] }[] = []): { heading: string; lines: string[] } {
  const x = ctx.rt.execution;
  const lines = job.steps.map((step) => `${stepLabel(ctx, step)}: ${stepState(ctx, step)}`);
  for (const change of rectified) lines.push(`${change.source}: ${change.item} ${plain(change.before.join('; ') || '—')} → ${plain(change.after.join('; ') || '—')}`);
  const { released, sent } = job.delivery ?? {};
  if (released) lines.push(x.releasedLine(plain(ctx.nameOf(released.by)), showInstant(ctx, released.at)));
  if (sent) lines.push(x.sentLine(x.sentHow(sent.how), plain(ctx.nameOf(sent.by)), showInstant(ctx, sent.at)));
  return { heading: x.heading, lines };
}


/** Retry for each failed step; Done / Not possible for each waiting task (a DPO may answer for an owner who told them). */
export function executionActions(ctx: RequestTextContext, request: PrivacyRequest, job: Job): { buttons: ButtonView[]; forms: FormView[] } {
  const x = ctx.rt.execution;
  const buttons: ButtonView[] = [];
  const forms: FormView[] = [];
  for (const step of job.steps) {
    if (step.state.status === 'failed') buttons.push({ title: x.retry(stepLabel(ctx, step)), execute: true, verb: 'job', data: jobData(request.id, 'retry', step.id) });
    if (step.state.status === 'waiting') forms.push(...taskForms(ctx, request, step));
  }
  // The report, once handed to the DPOs: a fresh link, the release to the employee, how it was sent.
  if (job.steps.some((s) => s.kind === 'deliver' && s.state.status === 'done')) {
    buttons.push({ title: x.newLink, execute: true, verb: 'job', data: jobData(request.id, 'newLink', 'deliver') });
    if (isOwnAccessRequest(request) && !job.delivery?.released) buttons.push({ title: x.release(plain(ctx.nameOf(request.requester))), execute: true, verb: 'job', data: jobData(request.id, 'release', 'deliver') });
    forms.push({
      title: x.recordSent,
      verb: 'job',
      confirm: ctx.rt.confirm,
      data: jobData(request.id, 'recordSent', 'deliver'),
      inputs: [{ kind: 'choice', id: 'how', label: x.recordSentLabel, required: true, error: x.recordSentLabel, choices: SENT_HOW.map((how) => ({ title: x.sentHow(how), value: how })) }],
      secondary: true,
    });
  }
  return { buttons, forms };
}

function taskForms(ctx: RequestTextContext, request: PrivacyRequest, step: JobStep): FormView[] {
  const x = ctx.rt.execution;
  const label = stepLabel(ctx, step);
  return [
    { title: `${x.taskDone}: ${label}`, verb: 'job', confirm: ctx.rt.confirm, data: jobData(request.id, 'taskDone', step.id), inputs: [] },
    {
      title: `${x.taskNotPossible}: ${label}`,
      verb: 'job',
      confirm: ctx.rt.confirm,
      data: jobData(request.id, 'taskNotPossible', step.id),
      inputs: [{ kind: 'text', id: 'reason', label: x.notPossibleLabel, multiline: true, required: true, error: ctx.rt.refusal.REASON_REQUIRED }],
      secondary: true,
    },
  ];
}

/** Who the task is about: what the owner needs to find the person, and nothing more. */
function subjectLines(subject: Subject | undefined): string[] {
  if (!subject) return [];
  const name = subject.name ?? [subject.firstName, subject.lastName].filter(Boolean).join(' ');
  return [name, ...(subject.emails ?? []), ...(subject.phones ?? []), ...[subject.street, subject.postcodeCity].filter((v): v is string => Boolean(v))].filter(Boolean).map(plain);
}

/** The card a source's owner (or a DPO) gets: exactly what to do, with Done and Not possible. */
export function taskCard(ctx: RequestTextContext, request: PrivacyRequest, step: JobStep, subject: Subject | undefined, options: { reminder?: boolean; notices?: string[] } = {}): RenderedCard {
  const x = ctx.rt.execution;
  const open = step.state.status === 'waiting' || step.state.status === 'pending';
  const facts = [{ title: x.taskAbout, value: subjectLines(subject).join(', ') || plain(request.number) }];
  if (step.kind === 'rectify' && request.rectification) {
    facts.push({ title: x.taskItem, value: plain(request.rectification.item) });
    if (request.rectification.newValue) facts.push({ title: x.taskValue, value: plain(request.rectification.newValue) });
  }
  return renderRequestCard({
    title: options.reminder ? x.taskReminderTitle(request.number) : x.taskTitle(request.number),
    notices: options.notices ?? [],
    intro: [x.taskIntro(ctx.t.requestType(request.type)), x.taskWhat(step.kind, step.source ?? '', step.category ?? '')],
    facts,
    sections: open ? [] : [{ heading: '', lines: [stepState(ctx, step)] }],
    ...(open ? { forms: taskForms(ctx, request, step).map((f) => ({ ...f, secondary: false })) } : {}),
  });
}

/** The DPO's message with the report's link (personal chat only). */
export function reportReadyCard(ctx: RequestTextContext, request: PrivacyRequest, url: string, expiresAt: Date, bytes: number, forRequester = false, letters = false): RenderedCard {
  const x = ctx.rt.execution;
  const size = bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const expires = showInstant(ctx, expiresAt.toISOString());
  if (letters) return renderRequestCard({ title: x.lettersTitle(request.number), intro: [x.lettersIntro(size, expires)], links: [{ title: x.lettersDownload, url }] });
  return renderRequestCard({
    title: forRequester ? x.yourReportTitle(request.number) : x.reportTitle(request.number),
    intro: [forRequester ? x.yourReportIntro(size, expires) : x.reportIntro(size, expires)],
    links: [{ title: x.reportDownload, url }],
  });
}

/** The requester's message once their case was carried out: each step in words, counts only. */
export function outcomeCard(ctx: RequestTextContext, request: PrivacyRequest, job: Job): RenderedCard {
  const x = ctx.rt.execution;
  const shown = job.steps.filter((s) => s.kind !== 'notify' && s.kind !== 'deliver' && s.kind !== 'report');
  return renderRequestCard({
    title: x.outcomeTitle(request.number),
    intro: [request.type === 'access' ? x.outcomeAccess : x.outcomeIntro],
    sections: request.type === 'access' ? [] : [{ heading: '', lines: shown.map((s) => `${stepLabel(ctx, s)}: ${stepState(ctx, s)}`) }],
    notes: [ctx.rt.complaintRight],
  });
}

/**
 * The inputs of Start: name-only findings to include (per source, none ticked — the DPO looks
 * first), and what an objection becomes. Empty when there is nothing to choose.
 */
export function startInputs(ctx: RequestTextContext, request: PrivacyRequest, findings: CaseFindings | undefined, pseudonymise = false): InputView[] {
  const x = ctx.rt.execution;
  const inputs: InputView[] = [];
  const nameOnly = [...new Set((findings?.findings ?? []).filter((f) => f.match === 'name' && f.count > 0).map((f) => f.source))];
  if (nameOnly.length > 0) {
    inputs.push({ kind: 'multi', id: 'include', label: x.startLabel, value: '', choices: nameOnly.map((source) => ({ title: source, value: source })) });
  }
  if (request.type === 'erasure' && pseudonymise) {
    inputs.push({
      kind: 'choice',
      id: 'mode',
      label: x.modeLabel,
      value: 'delete',
      required: true,
      choices: [
        { title: x.modeDelete, value: 'delete' },
        { title: x.modePseudonymise, value: 'pseudonymise' },
      ],
    });
  }
  if (request.type === 'objection') {
    inputs.push({
      kind: 'choice',
      id: 'becomes',
      label: x.becomesLabel,
      required: true,
      error: ctx.rt.refusal.OBJECTION_OUTCOME_REQUIRED,
      choices: [
        { title: x.becomesRestriction, value: 'restriction' },
        { title: x.becomesErasure, value: 'erasure' },
      ],
    });
  }
  return inputs;
}
