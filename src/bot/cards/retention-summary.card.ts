import { type NeedsAction, type RetentionSummary, type SourceState, formatBytes } from '../../app/retention-summary';
import { CATEGORIES } from '../../domain/catalogue/catalogue.data';
import { localDate } from '../../domain/requests/deadlines';
import type { Messages } from '../i18n/messages';
import { type RenderedCard, type SectionView, renderAnswer } from './answer.card';


/** One source's line: what it holds, what is past its period, what was purged this week. */
function sourceLine(t: Messages, source: SourceState, timeZone: string): string {
  if (source.failed) return t.retentionSourceFailed;
  const day = (date: Date | undefined): string => (date ? localDate(date, timeZone) : '—');
  const parts = [source.bytes !== undefined ? t.retentionLogSize(source.count, formatBytes(source.bytes), formatBytes(source.limitBytes ?? 0)) : t.retentionRecords(source.count, day(source.oldest))];
  if (source.pastDue !== undefined) parts.push(t.retentionPastDue(source.pastDue), t.retentionPurgedThisWeek(source.purgedThisWeek ?? 0));
  if (source.restricted) parts.push(t.retentionRestrictedKept(source.restricted));
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
    case 'overdueRequests':
      return t.retentionOverdueRequests(action.count);
    case 'sourceFailed':
      return t.retentionSourceFailedAction(action.source);
  }
}

/**
 * The retention summary for administrators and DPOs: per category its policy and its sources'
 * state, the week's privacy requests, and what needs doing. Never a record's content.
 */
export function retentionSummaryCard(t: Messages, summary: RetentionSummary, timeZone: string): RenderedCard {
  const at = summary.at.toLocaleString(t.locale === 'de' ? 'de-DE' : 'en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const sections: SectionView[] = summary.categories.map((category) => {
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
  return renderAnswer({ title: t.retentionSummaryTitle(summary.weekOf), intro: [t.retentionSummaryIntro(at)], sections });
}
