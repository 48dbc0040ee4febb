import { type NeedsAction, type RetentionSummary, formatBytes } from '../app/retention-summary';
import { RetentionDesk } from '../app/retention-desk';
import { systemClock } from '../ports/clock/clock.port';
import { CATEGORIES } from '../domain/catalogue/catalogue.data';
import { openStores } from '../ports/store/sql/stores';
import { configuredSources } from './configured-sources';

/**
 * `privacy-desk retention purge [--dry-run] [--json]`: deletes call-journal and chat records past
 * their period (RETENTION_JOURNAL_DAYS, RETENTION_CHAT_DAYS) from the sources that may be written, in
 * batches; says what is overdue where a source may not be written, and whom to ask. Audited with
 * counts per source. Exit code 1 when a source could not be purged.
 */
export async function retentionPurgeCommand(options: { dryRun?: boolean; json?: boolean; batchSize?: number }): Promise<void> {
  const { config, sources, holds, close } = configuredSources();
  const stores = await openStores(config.database);
  try {
    const desk = new RetentionDesk({ sources, holds, policy: config.retention, timeZone: config.timeZone, audit: stores.audit, requests: stores.requests, clock: systemClock });
    const run = await desk.purge({ dryRun: options.dryRun === true, ...(options.batchSize ? { batchSize: options.batchSize } : {}), actor: 'cli' });
    if (options.json) {
      process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
    } else if (run.results.length === 0 && run.failed.length === 0) {
      process.stdout.write('No call journal or chat source is configured (SOURCES_FILE).\n');
    } else {
      const lines = run.results.map((r) => {
        const head = `  ${r.source} (${r.category}, kept ${r.days} days, before ${r.before.toISOString().slice(0, 10)}):`;
        const kept = r.kept > 0 ? `; ${r.kept} restricted or on legal hold kept` : '';
        if (!r.writable) return `${head} ${r.due} past their period — the source may not be written${r.owner ? `; ask ${r.owner}` : ''}${kept}`;
        if (run.dryRun) return `${head} ${r.due} would be deleted${kept}`;
        return `${head} ${r.deleted} deleted${r.due > 0 ? `, ${r.due} still due` : ''}${kept}`;
      });
      for (const f of run.failed) lines.push(`  ${f.source} (${f.category}): could not be purged — ${f.reason}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    if (run.failed.length > 0) process.exitCode = 1;
  } finally {
    await close();
    await stores.close();
  }
}

/**
 * `privacy-desk retention summary [--json]`: the retention summary as of now — per category its
 * policy and state, the week's privacy requests, and what needs doing (the weekly card shows the same).
 */
export async function retentionSummaryCommand(options: { json?: boolean }): Promise<void> {
  const { config, sources, holds, isUser, close } = configuredSources();
  const stores = await openStores(config.database);
  try {
    // The same desk the bot asks, so that the command and the card cannot drift apart.
    const desk = new RetentionDesk({ sources, holds, ...(isUser ? { isUser } : {}), policy: config.retention, timeZone: config.timeZone, audit: stores.audit, requests: stores.requests, clock: systemClock });
    const summary = await desk.summary();
    process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : describeSummary(summary));
  } finally {
    await close();
    await stores.close();
  }
}

const day = (date: Date | undefined): string => (date ? date.toISOString().slice(0, 10) : '—');

const POLICY: Record<string, (days?: number) => string> = {
  days: (days) => `kept ${days} days`,
  untilUserDeleted: () => 'kept while the user exists',
  notPossible: () => 'cannot be deleted (a standing risk)',
  sizeLimited: () => 'bounded by size',
};

function describeAction(action: NeedsAction): string {
  switch (action.kind) {
    case 'purgeDue':
      return `${action.source}: ${action.count} records past their period — run privacy-desk retention purge`;
    case 'askOwner':
      return `${action.source}: ${action.count} records past their period, and privacy-desk may not delete them — ask ${action.owner ?? "the source's administrator"}`;
    case 'logsOverLimit':
      return `${action.source}: ${formatBytes(action.bytes)} of logs against a limit of ${formatBytes(action.limitBytes)}`;
    case 'orphans':
      return `${action.source}: ${action.count} contacts of ${action.users} user${action.users === 1 ? '' : 's'} who no longer exist — delete them in the communication suite's administration${action.owner ? ` (ask ${action.owner})` : ''}`;
    case 'tasksStandingRisk':
      return `tasks: ${action.count} tasks cannot be deleted, the oldest from ${day(action.oldest)}`;
    case 'overdueRequests':
      return `${action.count} privacy request${action.count === 1 ? ' is' : 's are'} overdue`;
    case 'sourceFailed':
      return `${action.source} could not be asked: ${action.reason}`;
  }
}

/** The summary as text. */
export function describeSummary(summary: RetentionSummary): string {
  const lines = [`Retention summary, week of ${summary.weekOf} (as of ${summary.at.toISOString().slice(0, 16).replace('T', ' ')} UTC)`];
  for (const category of summary.categories) {
    const name = CATEGORIES.find((c) => c.id === category.category)?.name.en ?? category.category;
    lines.push(`  ${category.category} ${name} — ${POLICY[category.policy.kind]?.(category.policy.kind === 'days' ? category.policy.days : undefined)}`);
    for (const source of category.sources) {
      if (source.failed) {
        lines.push(`    ${source.source}: could not be asked`);
        continue;
      }
      const parts = [source.bytes !== undefined ? `${source.count} files, ${formatBytes(source.bytes)} of ${formatBytes(source.limitBytes ?? 0)}` : `${source.count} records, oldest ${day(source.oldest)}`];
      if (source.pastDue !== undefined) parts.push(`${source.pastDue} past their period`, `${source.purgedThisWeek ?? 0} purged this week`);
      if (source.restricted) parts.push(`${source.restricted} restricted or on legal hold kept`);
      if (source.orphans) parts.push(`${source.orphans} of users who no longer exist`);
      lines.push(`    ${source.source}: ${parts.join('; ')}`);
    }
  }
  const r = summary.requests;
  lines.push(`Privacy requests: ${r.opened} opened this week, ${r.completed} completed, ${r.open} open, ${r.dueWithin7Days} due within 7 days, ${r.overdue} overdue`);
  lines.push(summary.needsAction.length === 0 ? 'Nothing needs action.' : 'Needs action:', ...summary.needsAction.map((a) => `  - ${describeAction(a)}`));
  // The weekly card's charts, as a table.
  lines.push(`The last ${summary.history.length} weeks (week of: records purged; requests opened, completed):`);
  for (const week of summary.history) lines.push(`  ${week.weekOf}: ${week.purged}; ${week.opened}, ${week.completed}`);
  return `${lines.join('\n')}\n`;
}
