import { loadConfig, processEnvironment } from '../config/config';
import { createApp } from '../startup/create-app';
import { silentLogger } from '../ports/logger/logger.port';

/**
 * `privacy-desk replay --since <time> [--apply] [--json]`: after a backup was restored (seed 5.3.2:
 * "rectifications and objections since then must be checked and reworked"), lists every
 * rectification, erasure, restriction and objection completed since `<time>` with the steps that
 * changed the sources; with `--apply`, runs the bot's steps again (each idempotent) and lists what
 * people must redo by hand. Audited per step. Exit 1 when a step could not be applied, 2 on a bad time.
 */
export async function replayCommand(options: { since: string; apply?: boolean; json?: boolean }): Promise<void> {
  const since = new Date(options.since);
  if (Number.isNaN(since.getTime())) {
    process.stderr.write(`--since: expected a time such as 2026-12-01 or 2026-12-01T08:00:00Z (got "${options.since}")\n`);
    process.exitCode = 2;
    return;
  }
  const config = loadConfig(processEnvironment());
  const app = await createApp(config, silentLogger);
  try {
    const items = await app.execution.replayable(since);
    const applied = options.apply ? await Promise.all(items.map(async (item) => ({ ...item, results: await app.execution.reapply(item.caseId, 'cli') }))) : undefined;
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ since: since.toISOString(), applied: options.apply === true, cases: applied ?? items }, null, 2)}\n`);
    } else if (items.length === 0) {
      process.stdout.write(`No rectification, erasure, restriction or objection was completed since ${since.toISOString()}.\n`);
    } else {
      const lines: string[] = [];
      for (const item of items) {
        lines.push(`${item.caseNumber} (${item.type}, completed ${item.completedAt.slice(0, 16).replace('T', ' ')} UTC)`);
        const results = applied?.find((a) => a.caseId === item.caseId)?.results;
        for (const step of item.steps) {
          const result = results?.find((r) => r.step === step.id);
          const what = !result
            ? step.by === 'person'
              ? 'done by hand — to be checked and redone by hand'
              : 'to be applied again (--apply)'
            : result.outcome === 'reapplied'
              ? `applied again${result.counts ? ` — ${Object.entries(result.counts).map(([k, v]) => `${v} ${k}`).join(', ')}` : ''}`
              : result.outcome === 'manual'
                ? 'done by hand — redo it by hand'
                : `FAILED — ${result.error ?? ''}`;
          lines.push(`  ${step.id}: ${what}`);
        }
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    if (applied?.some((item) => item.results.some((r) => r.outcome === 'failed'))) process.exitCode = 1;
  } finally {
    await app.close();
  }
}
