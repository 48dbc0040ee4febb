import * as ACData from 'adaptivecards-templating';
import { z } from 'zod';
import template from '../../../cards/retention.json';
import type { PurgeRun } from '../../app/retention';
import { type NeedsAction, type RetentionSummary, type SourceState, formatBytes } from '../../app/retention-summary';
import { CATEGORIES } from '../../domain/catalogue/catalogue.data';
import { localDate } from '../../domain/requests/deadlines';
import type { Messages } from '../i18n/messages';
import type { RenderedCard } from './answer.card';
import { cardToText } from './card-text';

/** Parsed once (see answer.card.ts): `expand` per card. */
const TEMPLATE = new ACData.Template(template);

/** What a retention card's button sends (`Action.Execute` verb `retention`, or its `Action.Submit` fallback). */
export const retentionActionSchema = z.object({
  verb: z.literal('retention'),
  action: z.enum(['purge', 'confirmPurge', 'overdue', 'summary']),
});
export type RetentionAction = z.infer<typeof retentionActionSchema>['action'];

interface ButtonView {
  title: string;
  style: 'default' | 'positive' | 'destructive';
  data: { verb: 'retention'; action: RetentionAction };
}

interface RetentionView {
  title: string;
  notices?: string[];
  intro?: string[];
  sections?: { heading?: string; lines?: string[]; facts?: { title: string; value: string }[] }[];
  charts?: ChartsView;
  notes?: string[];
  buttons?: ButtonView[];
}

interface ChartsView {
  heading: string;
  weekAxis: string;
  purged: { title: string; axis: string; data: { x: string; y: number }[] };
  requests: { title: string; axis: string; series: { legend: string; values: { x: string; y: number }[] }[]; table: { title: string; value: string }[] };
}

const button = (title: string, action: RetentionAction, style: ButtonView['style'] = 'default'): ButtonView => ({ title, style, data: { verb: 'retention', action } });

function render(view: RetentionView): RenderedCard {
  const root = {
    title: view.title,
    notices: view.notices ?? [],
    intro: view.intro ?? [],
    sections: (view.sections ?? []).map((s) => ({ heading: s.heading ?? '', lines: s.lines ?? [], facts: s.facts ?? [] })),
    charts: view.charts ?? null,
    notes: view.notes ?? [],
    buttons: view.buttons ?? [],
  };
  const card = TEMPLATE.expand({ $root: root }) as Record<string, unknown>;
  const text = cardToText(card).text;
  return { card: { ...card, fallbackText: text }, text };
}

/** One source's line: what it holds, what is past its period, what was purged this week. */
function sourceLine(t: Messages, source: SourceState, timeZone: string): string {
  if (source.failed) return t.retentionSourceFailed;
  const day = (date: Date | undefined): string => (date ? localDate(date, timeZone) : '—');
  const parts = [source.bytes !== undefined ? t.retentionLogSize(source.count, formatBytes(source.bytes), formatBytes(source.limitBytes ?? 0)) : source.oldest ? t.retentionRecords(source.count, day(source.oldest)) : t.retentionRecordCount(source.count)];
  if (source.pastDue !== undefined) parts.push(t.retentionPastDue(source.pastDue), t.retentionPurgedThisWeek(source.purgedThisWeek ?? 0));
  if (source.restricted) parts.push(t.retentionRestrictedKept(source.restricted));
  if (source.orphans) parts.push(t.retentionOrphanRecords(source.orphans));
  return parts.join('; ');
}

function actionLine(t: Messages, action: NeedsAction, timeZone: string): string {
  switch (action.kind) {
    case 'purgeDue':
      return t.retentionPurgeDue(action.source, action.count);
    case 'askOwner':
      return t.retentionAskOwner(action.source, action.count, action.owner);
    case 'logsOverLimit':
      return t.retentionLogsOverLimit(action.source, formatBytes(action.bytes), formatBytes(action.limitBytes));
    case 'tasksStandingRisk':
      return t.retentionTasksRisk(action.count, action.oldest ? localDate(action.oldest, timeZone) : '—');
    case 'orphans':
      return t.retentionOrphans(action.source, action.count, action.users, action.owner);
    case 'overdueRequests':
      return t.retentionOverdueRequests(action.count);
    case 'sourceFailed':
      return t.retentionSourceFailedAction(action.source);
  }
}

/** A week on a chart's axis by its Monday: "30 Nov", "30.11.". */
const shortWeek = (t: Messages, weekOf: string): string => {
  const [, month, day] = weekOf.split('-').map(Number) as [number, number, number];
  return t.locale === 'de' ? `${day}.${month}.` : `${day} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][month - 1] ?? ''}`;
};

/** The last weeks as two charts (purged records; requests opened and completed), each with a fact-set fallback. */
function charts(t: Messages, summary: RetentionSummary): ChartsView {
  const weeks = summary.history;
  return {
    heading: t.retentionChartsHeading,
    weekAxis: t.retentionWeekAxis,
    purged: { title: t.retentionPurgedChart, axis: t.retentionPurgedAxis, data: weeks.map((w) => ({ x: shortWeek(t, w.weekOf), y: w.purged })) },
    requests: {
      title: t.retentionRequestsChart,
      axis: t.retentionRequestsAxis,
      series: [
        { legend: t.retentionOpenedLegend, values: weeks.map((w) => ({ x: shortWeek(t, w.weekOf), y: w.opened })) },
        { legend: t.retentionCompletedLegend, values: weeks.map((w) => ({ x: shortWeek(t, w.weekOf), y: w.completed })) },
      ],
      table: weeks.map((w) => ({ title: shortWeek(t, w.weekOf), value: t.retentionOpenedCompleted(w.opened, w.completed) })),
    },
  };
}

export interface SummaryCardOptions {
  /** Posted after its time: when it was due. */
  late?: Date;
  /** The buttons (purge now, overdue cases): on the posted card and for administrators and DPOs who ask. */
  buttons?: boolean;
}

const when = (t: Messages, at: Date, timeZone: string): string => at.toLocaleString(t.locale === 'de' ? 'de-DE' : 'en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' });

/**
 * The retention summary for administrators and DPOs: per category its policy and its sources'
 * state, the week's privacy requests, what needs doing, and the last 8 weeks as charts — with
 * buttons to run the purge (administrators) and list the overdue cases (DPOs). Never a record's content.
 */
export function retentionSummaryCard(t: Messages, summary: RetentionSummary, timeZone: string, options: SummaryCardOptions = {}): RenderedCard {
  const sections: RetentionView['sections'] = summary.categories.map((category) => {
    const name = CATEGORIES.find((c) => c.id === category.category)?.name[t.locale] ?? category.category;
    const heading = `${category.category}.x ${name} — ${t.retentionPolicy(category.policy)}`;
    if (category.sources.length === 0) return { heading, lines: category.category === 'F' ? [] : [t.retentionNoSources] };
    return { heading, facts: category.sources.map((source) => ({ title: source.source, value: sourceLine(t, source, timeZone) })) };
  });
  const r = summary.requests;
  sections.push({
    heading: t.retentionRequestsHeading,
    facts: [
      { title: t.retentionOpenedThisWeek, value: String(r.opened) },
      { title: t.retentionCompletedThisWeek, value: String(r.completed) },
      { title: t.retentionOpenCases, value: String(r.open) },
      { title: t.retentionDueWithin7Days, value: String(r.dueWithin7Days) },
      { title: t.retentionOverdueCases, value: String(r.overdue) },
    ],
  });
  sections.push({ heading: t.retentionNeedsActionHeading, lines: summary.needsAction.length === 0 ? [t.retentionNothingNeeded] : summary.needsAction.map((a) => `• ${actionLine(t, a, timeZone)}`) });
  const buttons: ButtonView[] = [];
  if (options.buttons) {
    if (summary.needsAction.some((a) => a.kind === 'purgeDue')) buttons.push(button(t.retentionPurgeNowButton, 'purge', 'destructive'));
    if (r.overdue > 0) buttons.push(button(t.retentionOverdueButton, 'overdue'));
  }
  return render({
    title: t.retentionSummaryTitle(summary.weekOf),
    notices: options.late ? [t.retentionLate(when(t, options.late, timeZone))] : [],
    intro: [t.retentionSummaryIntro(when(t, summary.at, timeZone))],
    sections,
    ...(summary.history.length > 0 ? { charts: charts(t, summary) } : {}),
    notes: buttons.length > 0 ? [t.retentionButtonsNote] : [],
    buttons,
  });
}

/** Asks an administrator to confirm the purge, with how much it deletes. */
export function purgeConfirmCard(t: Messages, due: number): RenderedCard {
  return render({
    title: t.retentionConfirmTitle,
    intro: [t.retentionConfirmIntro(due)],
    buttons: [button(t.retentionConfirmButton, 'confirmPurge', 'destructive'), button(t.retentionCancelButton, 'summary')],
  });
}

/** A short answer on a retention card (purge started, not allowed…), with the way back to the summary. */
export function retentionNoticeCard(t: Messages, lines: string[], back = true): RenderedCard {
  return render({ title: t.adminChannelTitle, intro: lines, buttons: back ? [button(t.retentionBackButton, 'summary')] : [] });
}

/** What a purge did, per source: counts only — one started from the summary card (`by`), or a scheduled one that could not purge a source. */
export function purgeFinishedCard(t: Messages, run: PurgeRun, by: string | undefined): RenderedCard {
  const facts = run.results.map((r) => ({ title: r.source, value: r.writable ? t.retentionPurgeDeleted(r.deleted, r.kept) : t.retentionPurgeNotWritable(r.due) }));
  for (const f of run.failed) facts.push({ title: f.source, value: t.retentionPurgeSourceFailed });
  return render({ title: t.retentionPurgeFinishedTitle, intro: [by === undefined ? t.retentionPurgeScheduledIntro : t.retentionPurgeFinishedIntro(by)], sections: [{ facts: facts.length > 0 ? facts : [{ title: '—', value: t.retentionNothingNeeded }] }] });
}

/** The overdue cases for a DPO: number, type and due date only — no names, whoever else looks at the screen. */
export function overdueCasesCard(t: Messages, cases: { number: string; type: string; due: string; days: number }[]): RenderedCard {
  return render({
    title: t.retentionOverdueTitle,
    intro: cases.length === 0 ? [t.retentionNoOverdue] : [],
    sections: cases.length === 0 ? [] : [{ lines: cases.map((c) => `• ${t.retentionOverdueLine(c.number, c.type, c.due, c.days)}`) }],
    notes: cases.length === 0 ? [] : [t.retentionOverdueNote],
    buttons: [button(t.retentionBackButton, 'summary')],
  });
}
