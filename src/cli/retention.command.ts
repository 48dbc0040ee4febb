import { readFileSync } from 'node:fs';
import { loadConfig, processEnvironment } from '../config/config';
import { shipped } from '../config/paths';
import { purge } from '../app/retention';
import { parseLdifDirectory } from '../ports/directory/ldif-directory.adapter';
import { openStores } from '../ports/store/sql/stores';
import { openSources } from '../startup/sources';

/**
 * `privacy-desk retention purge [--dry-run] [--json]`: deletes call-journal and chat records past
 * their period (RETENTION_JOURNAL_DAYS, RETENTION_CHAT_DAYS) from the sources that may be written, in
 * batches; says what is overdue where a source may not be written, and whom to ask. Audited with
 * counts per source. Exit code 1 when a source could not be purged.
 */
export async function retentionPurgeCommand(options: { dryRun?: boolean; json?: boolean; batchSize?: number }): Promise<void> {
  const env = processEnvironment();
  const config = loadConfig(env);
  const directory = config.sources.kind === 'demo' ? parseLdifDirectory(readFileSync(shipped('data', 'demo', 'demo-org.ldif'))) : { people: [], groups: [] };
  const sources = openSources(config, directory, env, new Date());
  const stores = await openStores(config.database);
  try {
    const run = await purge(sources, config.retention, stores.audit, { now: new Date(), dryRun: options.dryRun === true, ...(options.batchSize ? { batchSize: options.batchSize } : {}), actor: 'cli' });
    if (options.json) {
      process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
    } else if (run.results.length === 0 && run.failed.length === 0) {
      process.stdout.write('No call journal or chat source is configured (SOURCES_FILE).\n');
    } else {
      const lines = run.results.map((r) => {
        const head = `  ${r.source} (${r.category}, kept ${r.days} days, before ${r.before.toISOString().slice(0, 10)}):`;
        const kept = r.kept > 0 ? `; ${r.kept} restricted kept` : '';
        if (!r.writable) return `${head} ${r.due} past their period — the source may not be written${r.owner ? `; ask ${r.owner}` : ''}${kept}`;
        if (run.dryRun) return `${head} ${r.due} would be deleted${kept}`;
        return `${head} ${r.deleted} deleted${r.due > 0 ? `, ${r.due} still due` : ''}${kept}`;
      });
      for (const f of run.failed) lines.push(`  ${f.source} (${f.category}): could not be purged — ${f.reason}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    if (run.failed.length > 0) process.exitCode = 1;
  } finally {
    await Promise.all(sources.map((s) => s.close()));
    await stores.close();
  }
}
