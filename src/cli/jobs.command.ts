import type { JobStep } from '../domain/execution/job';
import { openExistingDatabase } from './audit.command';

/** One step as a line: its id, who does it, its state and what it did. */
function stepLine(step: JobStep): string {
  const state = step.state;
  const who = step.by === 'person' ? ` (task for ${step.assignee ?? 'the DPO'})` : '';
  switch (state.status) {
    case 'done': {
      const counts = state.counts ? ` — ${Object.entries(state.counts).map(([k, v]) => `${v} ${k}`).join(', ')}` : '';
      return `${step.id}${who}: done ${state.at.slice(0, 16).replace('T', ' ')} by ${state.by}${counts}`;
    }
    case 'failed':
      return `${step.id}${who}: failed (attempt ${state.attempt}) — ${state.error}`;
    case 'notPossible':
      return `${step.id}${who}: not possible — ${state.reason} (${state.by})`;
    case 'running':
      return `${step.id}${who}: running since ${state.since.slice(0, 16).replace('T', ' ')} (attempt ${state.attempt})`;
    case 'waiting':
      return `${step.id}${who}: waiting since ${state.since.slice(0, 16).replace('T', ' ')}`;
    case 'pending':
      return `${step.id}${who}: pending`;
  }
}

/**
 * `privacy-desk jobs [--json] [--database …]`: the execution jobs of approved cases and each step's
 * state. Read only. Exit 2 when there is no database.
 */
export async function jobsCommand(options: { json?: boolean; database?: string }): Promise<void> {
  const stores = await openExistingDatabase(options.database, 'execution_jobs');
  if (!stores) return;
  try {
    const jobs = await stores.jobs.allJobs();
    const numbers = new Map((await stores.requests.listRequests()).map((r) => [r.id, r.number]));
    if (options.json) {
      process.stdout.write(`${JSON.stringify(jobs.map((j) => ({ case: numbers.get(j.job.caseId) ?? j.job.caseId, version: j.version, updatedAt: j.updatedAt, steps: j.job.steps })), null, 2)}\n`);
      return;
    }
    if (jobs.length === 0) {
      process.stdout.write('No execution jobs.\n');
      return;
    }
    const lines = jobs.flatMap((j) => [`${numbers.get(j.job.caseId) ?? j.job.caseId} (updated ${j.updatedAt.slice(0, 16).replace('T', ' ')} UTC)`, ...j.job.steps.map((s) => `  ${stepLine(s)}`)]);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await stores.close();
  }
}
