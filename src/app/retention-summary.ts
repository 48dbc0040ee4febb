import { CATEGORIES, type CategoryId } from '../domain/catalogue/catalogue.data';
import { addDays, daysLeft, localDate, startOfDay } from '../domain/requests/deadlines';
import { isOpen, type PrivacyRequest } from '../domain/requests/request';
import type { AuditEntry } from '../domain/audit/audit-entry';
import type { PersonalDataSource } from '../ports/sources/personal-data-source.port';
import type { Subject } from '../domain/sources/subject';
import { type RetentionPolicy, daysFor } from './retention';

/** A size as people read it: "61 KB", "64.0 MB". */
export const formatBytes = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

/** Monday 00:00 of the week `now` falls in, in the organisation's time zone. */
export function weekStartOf(now: Date, timeZone: string): Date {
  const today = localDate(now, timeZone);
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  return startOfDay(addDays(today, -((weekday + 6) % 7)), timeZone);
}

/** One source's state in the summary. */
export interface SourceState {
  source: string;
  count: number;
  oldest?: Date;
  newest?: Date;
  /** Records older than the category's period (H, C). */
  pastDue?: number;
  /** Records deleted by purges since the week began (H, C). */
  purgedThisWeek?: number;
  /** Records past their period kept because they are restricted or under a legal hold. */
  restricted?: number;
  /** Favourites (F): records of users who no longer exist, and how many such users. */
  orphans?: number;
  orphanUsers?: number;
  writable?: boolean;
  owner?: string;
  /** Logs: their size, against the limit. */
  bytes?: number;
  limitBytes?: number;
  /** The source could not be asked. */
  failed?: string;
}

export interface CategoryState {
  category: CategoryId;
  policy: { kind: 'days'; days: number } | { kind: 'untilUserDeleted' } | { kind: 'notPossible' } | { kind: 'sizeLimited' };
  sources: SourceState[];
}

export interface RequestFigures {
  /** Cases received since the week began. */
  opened: number;
  /** Cases closed since the week began. */
  completed: number;
  open: number;
  dueWithin7Days: number;
  overdue: number;
}

/** What needs doing, with who can do it. */
export type NeedsAction =
  | { kind: 'purgeDue'; source: string; category: CategoryId; count: number; writable: true }
  | { kind: 'askOwner'; source: string; category: CategoryId; count: number; owner?: string }
  | { kind: 'logsOverLimit'; source: string; bytes: number; limitBytes: number }
  | { kind: 'tasksStandingRisk'; count: number; oldest?: Date }
  | { kind: 'orphans'; source: string; count: number; users: number; owner?: string }
  | { kind: 'overdueRequests'; count: number }
  | { kind: 'sourceFailed'; source: string; reason: string };

/** One week's figures, for the chart of the last weeks. */
export interface WeekFigures {
  /** The week's Monday (`YYYY-MM-DD`, organisation's time zone). */
  weekOf: string;
  /** Journal and chat records deleted by purges that week. */
  purged: number;
  /** Privacy requests received that week. */
  opened: number;
  /** Privacy requests completed that week. */
  completed: number;
}

/** How many weeks the summary's chart shows, this one included. */
export const HISTORY_WEEKS = 8;

export interface RetentionSummary {
  at: Date;
  weekStart: Date;
  /** The Monday the week starts on, in the organisation's time zone (`YYYY-MM-DD`). */
  weekOf: string;
  categories: CategoryState[];
  requests: RequestFigures;
  needsAction: NeedsAction[];
  /** The last {@link HISTORY_WEEKS} weeks, oldest first, this week (so far) last. */
  history: WeekFigures[];
}

/**
 * The retention summary (seed 4.1.3) at `now`: per category its policy and state — records past
 * their period, purged this week (from the audit trail), the oldest record, the logs' size against
 * the limit, tasks as a standing risk (they cannot be deleted) — the week's privacy requests, and
 * what needs doing. The directory (F) is kept while its user exists: it has no period to check here.
 */
export async function retentionSummary(input: {
  now: Date;
  weekStart: Date;
  timeZone: string;
  sources: readonly PersonalDataSource[];
  policy: RetentionPolicy;
  audit: readonly AuditEntry[];
  requests: readonly PrivacyRequest[];
  /** People under a legal hold: their records are not past due, whatever their age. */
  holds?: readonly Subject[];
  /** Whether a user a favourites source names (mail, UPN, SIP address) still exists: the rest are orphans. */
  isUser?: (user: string) => boolean;
}): Promise<RetentionSummary> {
  const { now, weekStart } = input;
  const states = await Promise.all(input.sources.map((source) => stateOf(source, input.policy, now, weekStart, input.audit, input.holds ?? [], input.isUser)));
  const categories: CategoryState[] = CATEGORIES.map((category) => ({
    category: category.id,
    policy: category.id === 'H' || category.id === 'C' ? { kind: 'days', days: daysFor(category.id, input.policy) as number } : { kind: category.retention.kind === 'configurable' ? 'notPossible' : category.retention.kind } as CategoryState['policy'],
    sources: states.filter((s) => s.category === category.id).map((s) => s.state),
  }));
  const requests = requestFigures(input.requests, now, weekStart, input.timeZone);
  return {
    at: now,
    weekStart,
    weekOf: localDate(weekStart, input.timeZone),
    categories,
    requests,
    needsAction: needsAction(categories, requests),
    history: history(input.audit, input.requests, weekStart, input.timeZone),
  };
}

/** The last weeks' purges (from the audit trail) and requests (from the cases), oldest week first. */
function history(audit: readonly AuditEntry[], requests: readonly PrivacyRequest[], weekStart: Date, timeZone: string): WeekFigures[] {
  const starts = [weekStart];
  while (starts.length < HISTORY_WEEKS) starts.unshift(weekStartOf(new Date((starts[0] as Date).getTime() - 86_400_000), timeZone));
  const weekOf = (at: Date): number => {
    for (let i = starts.length - 1; i >= 0; i--) if (at >= (starts[i] as Date)) return i;
    return -1;
  };
  const weeks: WeekFigures[] = starts.map((start) => ({ weekOf: localDate(start, timeZone), purged: 0, opened: 0, completed: 0 }));
  for (const entry of audit) {
    if (entry.action !== 'retention.purge' || typeof entry.details.deleted !== 'number') continue;
    const week = weeks[weekOf(new Date(entry.at))];
    if (week) week.purged += entry.details.deleted;
  }
  for (const request of requests) {
    const opened = weeks[weekOf(new Date(request.receivedAt))];
    if (opened) opened.opened += 1;
    const closed = closedAt(request);
    const completed = request.status === 'completed' && closed ? weeks[weekOf(closed)] : undefined;
    if (completed) completed.completed += 1;
  }
  return weeks;
}

/** When a closed case was closed (its last event); undefined while it is open. */
const closedAt = (r: PrivacyRequest): Date | undefined => (isOpen(r.status) ? undefined : new Date(r.history.at(-1)?.at ?? r.receivedAt));

async function stateOf(
  source: PersonalDataSource,
  policy: RetentionPolicy,
  now: Date,
  weekStart: Date,
  audit: readonly AuditEntry[],
  holds: readonly Subject[],
  isUser: ((user: string) => boolean) | undefined,
): Promise<{ category: CategoryId; state: SourceState }> {
  try {
    const statistics = await source.statistics();
    const state: SourceState = { source: source.id, count: statistics.count, ...(statistics.oldest ? { oldest: statistics.oldest } : {}), ...(statistics.newest ? { newest: statistics.newest } : {}) };
    if (source.owner) state.owner = source.owner;
    const extra = statistics as { bytes?: number; limitBytes?: number };
    if (extra.bytes !== undefined) state.bytes = extra.bytes;
    if (extra.limitBytes !== undefined) state.limitBytes = extra.limitBytes;
    if (source.recordsPerUser && isUser) {
      // Favourites live as long as their user (seed 4.1.3): those of users gone are orphans.
      const gone = [...(await source.recordsPerUser()).entries()].filter(([user]) => !isUser(user));
      state.orphanUsers = gone.length;
      state.orphans = gone.reduce((sum, [, n]) => sum + n, 0);
    }
    const days = daysFor(source.category, policy);
    if (days !== undefined && source.purgeBefore) {
      const due = await source.purgeBefore(new Date(now.getTime() - days * 86_400_000), { batchSize: 1, dryRun: true, holds });
      state.pastDue = due.due;
      state.restricted = due.kept;
      state.writable = due.writable;
      state.purgedThisWeek = audit
        .filter((e) => e.action === 'retention.purge' && e.target === `source:${source.id}` && new Date(e.at) >= weekStart)
        .reduce((sum, e) => sum + (typeof e.details.deleted === 'number' ? e.details.deleted : 0), 0);
    }
    return { category: source.category, state };
  } catch (error) {
    return { category: source.category, state: { source: source.id, count: 0, failed: error instanceof Error ? error.message : String(error) } };
  }
}

function requestFigures(requests: readonly PrivacyRequest[], now: Date, weekStart: Date, timeZone: string): RequestFigures {
  const open = requests.filter((r) => isOpen(r.status) && r.status !== 'merged');
  return {
    opened: requests.filter((r) => new Date(r.receivedAt) >= weekStart).length,
    completed: requests.filter((r) => r.status === 'completed' && (closedAt(r) ?? new Date(0)) >= weekStart).length,
    open: open.length,
    dueWithin7Days: open.filter((r) => {
      const left = daysLeft(now, r.dueDate, timeZone);
      return left >= 0 && left <= 7;
    }).length,
    overdue: open.filter((r) => daysLeft(now, r.dueDate, timeZone) < 0).length,
  };
}

function needsAction(categories: readonly CategoryState[], requests: RequestFigures): NeedsAction[] {
  const actions: NeedsAction[] = [];
  for (const category of categories) {
    for (const source of category.sources) {
      if (source.failed) actions.push({ kind: 'sourceFailed', source: source.source, reason: source.failed });
      else if ((source.pastDue ?? 0) > 0)
        actions.push(source.writable ? { kind: 'purgeDue', source: source.source, category: category.category, count: source.pastDue as number, writable: true } : { kind: 'askOwner', source: source.source, category: category.category, count: source.pastDue as number, ...(source.owner ? { owner: source.owner } : {}) });
      if ((source.orphans ?? 0) > 0) actions.push({ kind: 'orphans', source: source.source, count: source.orphans as number, users: source.orphanUsers ?? 0, ...(source.owner ? { owner: source.owner } : {}) });
      if (source.bytes !== undefined && source.limitBytes !== undefined && source.bytes > source.limitBytes) actions.push({ kind: 'logsOverLimit', source: source.source, bytes: source.bytes, limitBytes: source.limitBytes });
    }
    if (category.category === 'T') {
      const count = category.sources.reduce((sum, s) => sum + s.count, 0);
      const oldest = category.sources.flatMap((s) => (s.oldest ? [s.oldest.getTime()] : [])).sort((a, b) => a - b)[0];
      if (count > 0) actions.push({ kind: 'tasksStandingRisk', count, ...(oldest !== undefined ? { oldest: new Date(oldest) } : {}) });
    }
  }
  if (requests.overdue > 0) actions.push({ kind: 'overdueRequests', count: requests.overdue });
  return actions;
}
