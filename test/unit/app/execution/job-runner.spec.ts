import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobRunner, type StepExecutor, claimGuard } from '../../../../src/app/execution/job-runner';
import { record, startJob } from '../../../../src/domain/execution/job';
import { type SourceAbilities, planFor } from '../../../../src/domain/execution/plan';
import { type Stores, openStores } from '../../../../src/ports/store/sql/stores';
import { recordingLogger } from '../../../support/recording-logger';

const SOURCES: SourceAbilities[] = [
  { id: 'journal', category: 'H', can: new Set(['find', 'export', 'erase']) },
  { id: 'chat', category: 'C', can: new Set(['find', 'export', 'erase']) },
  { id: 'favourites', category: 'F', can: new Set(['find', 'export']), owner: 'uc-admins@example.com' },
];


describe('the job runner', () => {
  const clock = { now: () => new Date('2026-12-05T10:00:00Z') };
  let dir: string;
  let opened: Stores[];
  let ran: string[];
  let crashAt: string | undefined;
  let failAt: string | undefined;
  /** A step during which somebody else changes the job (the DPO answers a task, records how a report was sent). */
  let meddleAt: string | undefined;
  let reachable: boolean;
  let tasks: string[];

  /** A runner as one process has it, on one database file (a restart is another call); with `instance`, guarded by step claims. */
  async function runner(instance?: string): Promise<{ runner: JobRunner; stores: Stores }> {
    const stores = await openStores({ kind: 'sqlite', file: join(dir, 'db.sqlite') });
    opened.push(stores);
    const execute: StepExecutor = async (step) => {
      ran.push(step.id);
      if (step.id === crashAt) {
        crashAt = undefined;
        // The process dies here, as under kill -9: nothing after it runs, nothing is caught.
        return new Promise(() => undefined);
      }
      if (step.id === failAt) throw new Error('source unavailable');
      if (step.id === meddleAt) {
        const stored = await stores.jobs.job('case-1');
        await stores.jobs.saveJob(stored!.job, stored!.version, clock.now());
      }
      // A source answers later: another runner gets its go in between.
      await new Promise((resolve) => setImmediate(resolve));
      return { counts: { deleted: 2 } };
    };
    const executors = { erase: execute, confirmGone: execute, notify: execute };
    return {
      stores,
      runner: new JobRunner({
        jobs: stores.jobs,
        executors,
        clock,
        logger: recordingLogger(),
        sendTask: async (step) => (tasks.push(step.id), reachable ? 'sent' : 'nobody'),
        ...(instance ? { guard: claimGuard(stores.claims, clock, instance) } : {}),
      }),
    };
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-desk-jobs-'));
    opened = [];
    ran = [];
    tasks = [];
    crashAt = undefined;
    failAt = undefined;
    meddleAt = undefined;
    reachable = true;
  });
  afterEach(async () => {
    for (const stores of opened) await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the bot’s steps, sends the owner’s task and stops there; the answer lets it finish', async () => {
    const { runner: first, stores } = await runner();
    await stores.jobs.createJob(startJob('case-1', planFor('erasure', SOURCES)), clock.now());
    const blocked = await first.advance('case-1');
    expect(blocked).toMatchObject({ kind: 'blocked', step: { id: 'erase:favourites', state: { status: 'waiting' } } });
    expect(ran).toEqual(['erase:journal', 'erase:chat']);
    expect(tasks).toEqual(['erase:favourites']);
    // Nothing more happens while the task is out, however often the runner looks.
    await first.advance('case-1');
    expect(tasks).toEqual(['erase:favourites']);
    const stored = await stores.jobs.job('case-1');
    const answered = record(stored!.job, 'erase:favourites', { kind: 'done', at: clock.now().toISOString(), by: 'uc-admins@example.com' });
    expect(await stores.jobs.saveJob(answered, stored!.version, clock.now())).toBe(true);
    expect(await first.advance('case-1')).toMatchObject({ kind: 'complete' });
    expect(ran).toEqual(['erase:journal', 'erase:chat', 'confirmGone', 'notify']);
    expect((await stores.jobs.job('case-1'))?.job.steps[0]?.state).toMatchObject({ status: 'done', counts: { deleted: 2 } });
  });

  it('after a crash in the middle of a step, runs that step again — and none that was done', async () => {
    const { runner: dying, stores } = await runner();
    await stores.jobs.createJob(startJob('case-1', planFor('erasure', SOURCES.slice(0, 2))), clock.now());
    crashAt = 'erase:chat';
    void dying.advance('case-1');
    const statuses = async (): Promise<string[] | undefined> => (await stores.jobs.job('case-1'))?.job.steps.map((s) => s.state.status);
    for (let i = 0; i < 100 && (await statuses())?.[1] !== 'running'; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await statuses()).toEqual(['done', 'running', 'pending', 'pending']);
    const { runner: restarted } = await runner();
    expect(await restarted.advance('case-1')).toMatchObject({ kind: 'complete' });
    expect(ran).toEqual(['erase:journal', 'erase:chat', 'erase:chat', 'confirmGone', 'notify']);
    expect((await stores.jobs.job('case-1'))?.job.steps[1]?.state).toMatchObject({ status: 'done' });
  });

  it('holds a failed step for Retry, and a task nobody could be sent yet for the next round', async () => {
    const { runner: first, stores } = await runner();
    await stores.jobs.createJob(startJob('case-1', planFor('erasure', SOURCES)), clock.now());
    failAt = 'erase:chat';
    expect(await first.advance('case-1')).toMatchObject({ kind: 'blocked', step: { id: 'erase:chat', state: { status: 'failed', error: 'source unavailable' } } });
    failAt = undefined;
    const stored = await stores.jobs.job('case-1');
    await stores.jobs.saveJob(record(stored!.job, 'erase:chat', { kind: 'retry' }), stored!.version, clock.now());
    reachable = false;
    expect(await first.advance('case-1')).toMatchObject({ kind: 'blocked', step: { id: 'erase:favourites', state: { status: 'pending' } } });
    reachable = true;
    expect(await first.advance('case-1')).toMatchObject({ kind: 'blocked', step: { id: 'erase:favourites', state: { status: 'waiting' } } });
    expect(await first.advance('case-2')).toEqual({ kind: 'missing' });
  });

  it('of two instances advancing one job at the same time, one runs each step — claimed before it is recorded, never a second attempt', async () => {
    const { runner: a, stores } = await runner('instance-a');
    const { runner: b } = await runner('instance-b');
    await stores.jobs.createJob(startJob('case-1', planFor('erasure', SOURCES.slice(0, 2))), clock.now());
    for (let round = 0; round < 5; round++) await Promise.all([a.advance('case-1'), b.advance('case-1'), a.advance('case-1'), b.advance('case-1')]);
    expect(ran).toEqual(['erase:journal', 'erase:chat', 'confirmGone', 'notify']);
    const job = (await stores.jobs.job('case-1'))?.job;
    expect(job?.steps.map((s) => s.state.status)).toEqual(['done', 'done', 'done', 'done']);
    // Each step's one claim, first attempt, confirmed: none left to be taken over.
    for (const step of ['erase:journal', 'erase:chat', 'confirmGone', 'notify']) {
      expect(await stores.claims.sent({ subject: 'case-1', mark: `step:${step}`, round: '1' })).toBe(true);
      expect(await stores.claims.sent({ subject: 'case-1', mark: `step:${step}`, round: '2' })).toBe(false);
    }
    expect(await stores.claims.heldElsewhere('nobody')).toBe(0);
  });

  it('saves how a step ended on the job as it stands when somebody changed it meanwhile — never leaves it running', async () => {
    const { runner: guarded, stores } = await runner('instance-a');
    await stores.jobs.createJob(startJob('case-1', planFor('erasure', SOURCES.slice(0, 2))), clock.now());
    meddleAt = 'erase:chat';
    expect(await guarded.advance('case-1')).toMatchObject({ kind: 'complete' });
    expect(ran).toEqual(['erase:journal', 'erase:chat', 'confirmGone', 'notify']);
    expect((await stores.jobs.job('case-1'))?.job.steps[1]?.state).toMatchObject({ status: 'done', counts: { deleted: 2 } });
    expect(await stores.claims.sent({ subject: 'case-1', mark: 'step:erase:chat', round: '1' })).toBe(true);
  });
});
