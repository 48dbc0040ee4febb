import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { record, startJob } from '../../../src/domain/execution/job';
import { planFor } from '../../../src/domain/execution/plan';
import { openStores } from '../../../src/ports/store/sql/stores';
import { runCli } from '../../support/cli';

/** `privacy-desk jobs`: the execution jobs and their steps, read from the database. */
describe('privacy-desk jobs', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-desk-jobs-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists each job’s steps with their state, as text and as JSON', async () => {
    const file = join(dir, 'db.sqlite');
    const stores = await openStores({ kind: 'sqlite', file });
    const at = '2026-12-05T10:00:00.000Z';
    let { job } = await stores.jobs.createJob(
      startJob('case-1', planFor('erasure', [{ id: 'journal', category: 'H', can: new Set(['find', 'export', 'erase']) }, { id: 'favourites', category: 'F', can: new Set(['find', 'export']), owner: 'uc-admins@example.com' }])),
      new Date(at),
    );
    job = record(record(job, 'erase:journal', { kind: 'started', at }), 'erase:journal', { kind: 'done', at, by: 'bot', counts: { deleted: 412 } });
    job = record(job, 'erase:favourites', { kind: 'taskSent', at });
    await stores.jobs.saveJob(job, 1, new Date(at));
    await stores.close();

    const text = await runCli('jobs', '--database', file);
    expect(text.code).toBe(0);
    expect(text.out).toContain('case-1 (updated 2026-12-05 10:00 UTC)');
    expect(text.out).toContain('  erase:journal: done 2026-12-05 10:00 by bot — 412 deleted');
    expect(text.out).toContain('  erase:favourites (task for uc-admins@example.com): waiting since 2026-12-05 10:00');
    expect(text.out).toContain('  confirmGone: pending');
    const json = JSON.parse((await runCli('jobs', '--json', '--database', file)).out) as { case: string; steps: { id: string; state: { status: string } }[] }[];
    expect(json.map((j) => [j.case, j.steps.map((s) => s.state.status)])).toEqual([['case-1', ['done', 'waiting', 'pending', 'pending']]]);
  });

  it('says when there are none, and when there is no database', async () => {
    const file = join(dir, 'empty.sqlite');
    await (await openStores({ kind: 'sqlite', file })).close();
    expect((await runCli('jobs', '--database', file)).out).toBe('No execution jobs.\n');
    const missing = await runCli('jobs', '--database', join(dir, 'missing.sqlite'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no database at');
  });
});
