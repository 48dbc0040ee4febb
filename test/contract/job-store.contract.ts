import { record, startJob } from '../../src/domain/execution/job';
import { planFor } from '../../src/domain/execution/plan';
import type { JobStore } from '../../src/ports/store/job-store.port';

const T = new Date('2026-12-05T10:00:00Z');
const plan = planFor('erasure', [{ id: 'journal', category: 'H', can: new Set(['find', 'export', 'erase']) }]);

/** What every job store does, whichever database keeps it. */
export function jobStoreContract(name: string, open: () => Promise<{ jobs: JobStore; close(): Promise<void> }>): void {
  describe(`a job store (${name})`, () => {
    let opened: { jobs: JobStore; close(): Promise<void> };
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(async () => {
      await opened.close();
    });

    it('creates a case’s job once: a second approval gets the job as it stands', async () => {
      const created = await opened.jobs.createJob(startJob('case-1', plan), T);
      expect(created).toMatchObject({ created: true, version: 1, job: { caseId: 'case-1', steps: [{ id: 'erase:journal', state: { status: 'pending' } }, { id: 'confirmGone' }, { id: 'notify' }] } });
      const started = record(created.job, 'erase:journal', { kind: 'started', at: T.toISOString() });
      expect(await opened.jobs.saveJob(started, 1, T)).toBe(true);
      const again = await opened.jobs.createJob(startJob('case-1', plan), T);
      expect(again).toMatchObject({ created: false, version: 2 });
      expect(again.job.steps[0]?.state).toEqual({ status: 'running', since: T.toISOString(), attempt: 1 });
      expect(await opened.jobs.job('case-2')).toBeUndefined();
    });

    it('saves only from the version it was read at: of two instances advancing one job, one wins', async () => {
      const { job } = await opened.jobs.createJob(startJob('case-1', plan), T);
      const a = record(job, 'erase:journal', { kind: 'started', at: T.toISOString() });
      const b = record(job, 'erase:journal', { kind: 'started', at: T.toISOString() });
      const saved = await Promise.all([opened.jobs.saveJob(a, 1, T), opened.jobs.saveJob(b, 1, T)]);
      expect(saved.filter(Boolean)).toHaveLength(1);
      expect((await opened.jobs.job('case-1'))?.version).toBe(2);
    });

    it('lists the jobs not finished, for the runner to take up after a start', async () => {
      let { job } = await opened.jobs.createJob(startJob('case-1', plan), T);
      await opened.jobs.createJob(startJob('case-2', plan), new Date(T.getTime() + 1000));
      expect((await opened.jobs.unfinishedJobs()).map((j) => j.job.caseId)).toEqual(['case-1', 'case-2']);
      let version = 1;
      for (const id of ['erase:journal', 'confirmGone', 'notify']) {
        job = record(record(job, id, { kind: 'started', at: T.toISOString() }), id, { kind: 'done', at: T.toISOString(), by: 'bot' });
      }
      expect(await opened.jobs.saveJob(job, version, T)).toBe(true);
      version++;
      expect((await opened.jobs.unfinishedJobs()).map((j) => j.job.caseId)).toEqual(['case-2']);
      expect((await opened.jobs.job('case-1'))?.version).toBe(version);
    });

    it('keeps the files a case produced, replaces one written again, and removes them by prefix', async () => {
      await opened.jobs.putFile('case-1', 'export/journal.json', Buffer.from('[1]'), T);
      await opened.jobs.putFile('case-1', 'export/journal.json', Buffer.from('[1,2]'), T);
      await opened.jobs.putFile('case-1', 'export/50%_x.json', Buffer.from('[]'), T);
      await opened.jobs.putFile('case-1', 'report.zip', Buffer.from([0, 255, 1]), T);
      await opened.jobs.putFile('case-2', 'report.zip', Buffer.from('other'), T);
      expect((await opened.jobs.file('case-1', 'export/journal.json'))?.toString()).toBe('[1,2]');
      expect(await opened.jobs.file('case-1', 'report.zip')).toEqual(Buffer.from([0, 255, 1]));
      expect((await opened.jobs.files('case-1')).map((f) => [f.name, f.bytes])).toEqual([
        ['export/50%_x.json', 2],
        ['export/journal.json', 5],
        ['report.zip', 3],
      ]);
      expect(await opened.jobs.deleteFiles('case-1', 'export/')).toBe(2);
      expect(await opened.jobs.deleteFiles('case-1', '%')).toBe(0);
      expect((await opened.jobs.files('case-1')).map((f) => f.name)).toEqual(['report.zip']);
      expect(await opened.jobs.deleteFiles('case-1')).toBe(1);
      expect(await opened.jobs.file('case-2', 'report.zip')).toEqual(Buffer.from('other'));
    });
  });
}
