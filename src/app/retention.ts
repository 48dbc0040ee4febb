import type { CategoryId } from '../domain/catalogue/catalogue.data';
import type { PersonalDataSource, PurgeResult } from '../ports/sources/personal-data-source.port';
import type { AuditTrail } from '../ports/store/audit-trail.port';
import type { Subject } from '../domain/sources/subject';

/** Days each category is kept that is kept for a number of days (seed 4.1.3: H and C). */
export interface RetentionPolicy {
  journalDays: number;
  chatDays: number;
  /** How long one purge batch may hold a source (RETENTION_PURGE_BATCH_MS); batch sizes follow. */
  batchMs?: number;
}

export const daysFor = (category: CategoryId, policy: RetentionPolicy): number | undefined => (category === 'H' ? policy.journalDays : category === 'C' ? policy.chatDays : undefined);

export interface PurgeRun {
  at: Date;
  dryRun: boolean;
  results: (PurgeResult & { days: number; before: Date; owner?: string })[];
  failed: { source: string; category: CategoryId; reason: string }[];
}

/**
 * Deletes journal (H) and chat (C) records past their period from every source that may be written,
 * in bounded batches (each committed on its own, so a crash loses nothing done and the next run goes
 * on); counts what is overdue where a source may not be written, or on a dry run. Restricted records,
 * and the records of people under a legal hold (`holds`), are never deleted. Every source's run is audited with its counts — never a record's content.
 */
export async function purge(
  sources: readonly PersonalDataSource[],
  policy: RetentionPolicy,
  audit: Pick<AuditTrail, 'append'>,
  options: { now: Date; dryRun?: boolean; batchSize?: number; actor?: string; holds?: readonly Subject[] },
): Promise<PurgeRun> {
  const run: PurgeRun = { at: options.now, dryRun: options.dryRun === true, results: [], failed: [] };
  for (const source of sources) {
    const days = daysFor(source.category, policy);
    if (days === undefined || !source.purgeBefore) continue;
    const before = new Date(options.now.getTime() - days * 86_400_000);
    try {
      const result = await source.purgeBefore(before, {
        batchSize: options.batchSize ?? 10_000,
        dryRun: options.dryRun === true,
        ...(policy.batchMs !== undefined ? { batchMs: policy.batchMs } : {}),
        ...(options.holds ? { holds: options.holds } : {}),
      });
      run.results.push({ ...result, days, before, ...(source.owner ? { owner: source.owner } : {}) });
      await audit.append({
        at: options.now.toISOString(),
        actor: options.actor ?? 'system',
        action: options.dryRun ? 'retention.purge.dryRun' : 'retention.purge',
        target: `source:${source.id}`,
        details: { category: source.category, days, before: before.toISOString(), deleted: result.deleted, due: result.due, kept: result.kept, holds: options.holds?.length ?? 0, writable: result.writable },
      });
    } catch (error) {
      run.failed.push({ source: source.id, category: source.category, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return run;
}
