import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/config';
import { silentLogger } from '../../../src/ports/logger/logger.port';
import type { CaseNotice, Notifier } from '../../../src/ports/notifier/notifier.port';
import { type App, createApp } from '../../../src/startup/create-app';
import { runCli } from '../../support/cli';
import { replayHandler } from '../../../src/bot/handlers/replay.handlers';
import type { Turn } from '../../../src/bot/handlers/turn';

/**
 * Tasks for people over days, on the demo's real sources with a clock the test moves: a task not
 * answered is brought up again every TASK_REMINDER_HOURS — once per interval, however many rounds run —
 * and no more once it is answered; a restriction marks the person's records and explains the logs.
 */
describe('carrying cases out over days: tasks reminded, restriction, letters, pseudonyms, replay after a restore', () => {
  let dir: string;
  let app: App;
  let now = new Date('2026-12-07T09:00:00Z');
  const sent: { to: string; notice: CaseNotice }[] = [];
  const notifier: Notifier = {
    toPerson: async (to, notice) => (sent.push({ to, notice }), true),
    toDpoChannel: async () => false,
    refreshCards: async () => undefined,
    toAdminChannel: async () => false,
    hasAdminChannel: async () => false,
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-desk-tasks-'));
    sent.length = 0;
    app = await createApp(loadConfig({ DATABASE_FILE: join(dir, 'db.sqlite'), DPO_USERS: 'dana.dpo@example.com, sabine.hoffmann@example.com', TASK_REMINDER_HOURS: '24' }), silentLogger, { clock: { now: () => now } });
    app.notifier.use(notifier);
  });
  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const started = async (type: 'erasure' | 'restriction'): Promise<string> => {
    const { request } = await app.requests.submit({ type, subject: { kind: 'employee', id: 'alice@example.com', name: 'Alice Adams' }, requester: 'alice@example.com', channel: 'teams', receivedAt: now.toISOString() }, `t-${type}`);
    await app.requests.settled();
    await app.requests.act(request.id, { action: 'approve' }, 'dana.dpo@example.com');
    await app.requests.act(request.id, { action: 'start', execution: { includeNameOnly: [] } }, 'dana.dpo@example.com');
    await app.requests.settled();
    await app.execution.advance(request.id);
    return request.id;
  };
  const tasks = (reminder: boolean): { to: string; step: string }[] => sent.flatMap((s) => (s.notice.kind === 'task' && s.notice.reminder === reminder ? [{ to: s.to, step: s.notice.step.id }] : []));

  it('reminds of an unanswered task once a day, never twice for one day, and stops once it is answered', async () => {
    const id = await started('erasure');
    // The directory has no owner: every DPO has the task.
    expect(tasks(false)).toEqual([
      { to: 'dana.dpo@example.com', step: 'erase:directory' },
      { to: 'sabine.hoffmann@example.com', step: 'erase:directory' },
    ]);
    // Within the day: nothing.
    now = new Date('2026-12-07T20:00:00Z');
    expect(await app.execution.remindTasks()).toBe(0);
    // A day on: reminded once, however many rounds.
    now = new Date('2026-12-08T09:30:00Z');
    expect(await app.execution.remindTasks()).toBe(1);
    expect(await app.execution.remindTasks()).toBe(0);
    expect(tasks(true)).toEqual([
      { to: 'dana.dpo@example.com', step: 'erase:directory' },
      { to: 'sabine.hoffmann@example.com', step: 'erase:directory' },
    ]);
    now = new Date('2026-12-09T10:00:00Z');
    expect(await app.execution.remindTasks()).toBe(1);
    // Answered: no more reminders for it (the next task, the favourites', is new and not yet due).
    expect((await app.requests.jobAction(id, 'erase:directory', 'dana.dpo@example.com', { kind: 'answer', answer: { done: true } })).kind).toBe('done');
    await app.execution.advance(id);
    now = new Date('2026-12-09T20:00:00Z');
    expect(await app.execution.remindTasks()).toBe(0);
    expect(tasks(true).filter((t) => t.step === 'erase:directory')).toHaveLength(4);
    // Nobody but the DPOs and the task's owner may answer.
    expect(await app.requests.jobAction(id, 'erase:favourites', 'alice@example.com', { kind: 'answer', answer: { done: true } })).toEqual({ kind: 'refused', reason: 'notAllowed' });
  });

  it('a restriction marks the person’s records in every source that can, and explains the logs', async () => {
    const id = await started('restriction');
    let job = (await app.execution.jobOf(id))?.job;
    // The directory and the read-only sources are people's tasks where they hold her records (none in
    // the favourites: that step is done from the start); the DPO answers for them here.
    expect(job?.steps.find((s) => s.id === 'restrict:favourites')?.state).toMatchObject({ status: 'done', counts: { records: 0 } });
    for (const step of ['restrict:directory', 'restrict:tasks']) {
      expect((await app.requests.jobAction(id, step, 'dana.dpo@example.com', { kind: 'answer', answer: { done: true } })).kind).toBe('done');
      await app.execution.advance(id);
    }
    job = (await app.execution.jobOf(id))?.job;
    expect(job?.steps.map((s) => [s.id, s.by, s.state.status])).toEqual([
      ['restrict:directory', 'person', 'done'],
      ['restrict:journal', 'bot', 'done'],
      ['restrict:chat', 'bot', 'done'],
      ['restrict:tasks', 'person', 'done'],
      ['explain:logs', 'bot', 'done'],
      ['restrict:favourites', 'person', 'done'],
      ['notify', 'bot', 'done'],
    ]);
    const journal = job?.steps.find((s) => s.id === 'restrict:journal')?.state;
    expect(journal?.status === 'done' && (journal.counts?.restricted ?? 0) > 0).toBe(true);
    expect((await app.requests.get(id))?.status).toBe('completed');
    // A purge leaves restricted records be: whatever their age, Alice's calls stay.
    const purge = await app.retention.purge({ actor: 'test', batchSize: 1000 });
    const journalRun = purge.results.find((r) => r.source === 'journal');
    expect(journalRun?.kept).toBeGreaterThan(0);
  });

  it('an outside person’s erasure ends with the answer letters, handed to the DPO by link', async () => {
    const { request } = await app.requests.submit({ type: 'erasure', subject: { kind: 'outside', criteria: { firstName: 'Hans', lastName: 'Meier', phone: '+49 30 555010002', postcodeCity: '20457 Hamburg' } }, requester: 'dana.dpo@example.com', channel: 'letter', receivedAt: now.toISOString() }, 't-outside');
    await app.requests.settled();
    // Another DPO decides (Dana filed it): Sabine.
    expect((await app.requests.act(request.id, { action: 'approve', identity: { method: 'callback' } }, 'sabine.hoffmann@example.com')).kind).toBe('done');
    expect((await app.requests.act(request.id, { action: 'start', execution: { includeNameOnly: [] } }, 'sabine.hoffmann@example.com')).kind).toBe('done');
    await app.requests.settled();
    await app.execution.advance(request.id);
    // He is no employee: the directory holds nothing of him, so nobody is asked to delete him there.
    expect((await app.execution.jobOf(request.id))?.job.steps.find((s) => s.id === 'erase:directory')?.state).toMatchObject({ status: 'done', counts: { records: 0 } });
    for (const step of (await app.execution.jobOf(request.id))?.job.steps.filter((s) => s.state.status === 'waiting') ?? []) {
      expect((await app.requests.jobAction(request.id, step.id, 'sabine.hoffmann@example.com', { kind: 'answer', answer: { done: true } })).kind).toBe('done');
      await app.execution.advance(request.id);
    }
    const job = (await app.execution.jobOf(request.id))?.job;
    expect(job?.steps.map((s) => s.id).slice(-3)).toEqual(['confirmGone', 'letter', 'notify']);
    expect(job?.steps.every((s) => s.state.status === 'done')).toBe(true);
    // His calls are under the demo's legal hold: kept, and the letter says so.
    expect(job?.steps.find((s) => s.id === 'erase:journal')?.state).toMatchObject({ status: 'done', counts: { kept: expect.any(Number) } });
    const letters = await app.execution.reportFile(request.id, 'letters');
    expect(letters?.name).toBe(`${request.number}-letters.zip`);
    const ready = sent.filter((s) => s.notice.kind === 'reportReady' && s.notice.file === 'letters');
    expect(ready.map((s) => s.to)).toEqual(['sabine.hoffmann@example.com']);
    expect((await app.requests.get(request.id))?.status).toBe('completed');
  });

  it('an erasure by pseudonyms where the DPO chose it: journal and chat keep their records, nothing finds the person any more', async () => {
    await app.close();
    app = await createApp(loadConfig({ DATABASE_FILE: join(dir, 'db.sqlite'), DPO_USERS: 'dana.dpo@example.com', PSEUDONYM_KEY: 'k'.repeat(40), PSEUDONYM_KEY_VERSION: '3' }), silentLogger, { clock: { now: () => now } });
    app.notifier.use(notifier);
    expect(app.requests.canPseudonymise()).toBe(true);
    const { request } = await app.requests.submit({ type: 'erasure', subject: { kind: 'employee', id: 'alice@example.com', name: 'Alice Adams' }, requester: 'alice@example.com', channel: 'teams', receivedAt: now.toISOString() }, 't-pseud');
    await app.requests.settled();
    await app.requests.act(request.id, { action: 'approve' }, 'dana.dpo@example.com');
    const journal = app.sources.find((s) => s.id === 'journal');
    const before = (await journal?.statistics())?.count ?? 0;
    await app.requests.act(request.id, { action: 'start', execution: { includeNameOnly: [], pseudonymise: true } }, 'dana.dpo@example.com');
    await app.requests.settled();
    await app.execution.advance(request.id);
    for (const step of ['erase:directory', 'erase:favourites']) {
      await app.requests.jobAction(request.id, step, 'dana.dpo@example.com', { kind: 'answer', answer: { done: true } });
      await app.execution.advance(request.id);
    }
    const job = (await app.execution.jobOf(request.id))?.job;
    expect(job?.steps.map((s) => s.id)).toEqual(['erase:directory', 'pseudonymise:journal', 'pseudonymise:chat', 'explain:tasks', 'explain:logs', 'erase:favourites', 'confirmGone', 'notify']);
    expect(job?.steps.find((s) => s.id === 'pseudonymise:journal')?.state).toMatchObject({ status: 'done', counts: { keyVersion: 3 } });
    expect(job?.steps.find((s) => s.id === 'confirmGone')?.state).toMatchObject({ status: 'done', counts: { remaining: 0 } });
    // The records are all still there (counts and durations survive), only whose they were is gone.
    expect((await journal?.statistics())?.count).toBe(before);
    expect((await app.requests.get(request.id))?.status).toBe('completed');
  });

  it('after a backup is restored, replay lists the erasure completed since, and --apply erases again', async () => {
    const config = loadConfig({ DATABASE_FILE: join(dir, 'db.sqlite') });
    const folder = config.sources.kind === 'demo' ? config.sources.folder : '';
    // The backup, taken before the erasure.
    const backup = join(dir, 'backup');
    cpSync(folder, backup, { recursive: true });
    const taken = new Date(now.getTime() - 60_000);
    const id = await started('erasure');
    for (const step of ['erase:directory', 'erase:favourites']) {
      await app.requests.jobAction(id, step, 'dana.dpo@example.com', { kind: 'answer', answer: { done: true } });
      await app.execution.advance(id);
    }
    expect((await app.requests.get(id))?.status).toBe('completed');
    const subject = (await app.execution.jobOf(id))?.job.subject ?? {};
    const journal = app.sources.find((s) => s.id === 'journal');
    const theirs = async (): Promise<number> => ((await journal?.find(subject)) ?? []).filter((f) => f.match === 'identifier').reduce((n, f) => n + f.count, 0);
    const kept = await theirs();
    // The restore brings her records back.
    await app.close();
    cpSync(backup, folder, { recursive: true });
    app = await createApp(loadConfig({ DATABASE_FILE: join(dir, 'db.sqlite'), DPO_USERS: 'dana.dpo@example.com' }), silentLogger, { clock: { now: () => now } });
    const restored = app.sources.find((s) => s.id === 'journal');
    const count = async (): Promise<number> => ((await restored?.find(subject)) ?? []).filter((f) => f.match === 'identifier').reduce((n, f) => n + f.count, 0);
    expect(await count()).toBeGreaterThan(kept);
    const number = (await app.requests.get(id))?.number as string;
    const listed = await app.execution.replayable(taken);
    expect(listed.map((item) => [item.caseNumber, item.steps.map((s) => `${s.id}:${s.by}`)])).toEqual([[number, ['erase:directory:person', 'erase:journal:bot', 'erase:chat:bot', 'erase:favourites:person']]]);
    expect(await app.execution.replayable(new Date(now.getTime() + 60_000))).toEqual([]);
    await app.close();
    // The command line, as an operator runs it after the restore.
    const previous = { DATABASE_FILE: process.env.DATABASE_FILE, DPO_USERS: process.env.DPO_USERS };
    process.env.DATABASE_FILE = join(dir, 'db.sqlite');
    process.env.DPO_USERS = 'dana.dpo@example.com';
    try {
      // The DPO's command in Teams (here through the terminal, the same bot): the list, and the button to apply it again.
      const day = taken.toISOString().slice(0, 10);
      const asked = await runCli('ask', '--as', 'dana.dpo@example.com', `replay since ${day}`);
      expect(asked.out).toContain('Applying changes again after a restore');
      expect(asked.out).toContain(`${number} (erasure request (Art. 17 GDPR)): erase:directory (by hand), erase:journal, erase:chat, erase:favourites (by hand)`);
      expect(asked.out).toContain('Apply them again');
      expect((await runCli('ask', '--as', 'dana.dpo@example.com', '--locale', 'de', 'nach der Wiederherstellung Löschungen wiederholen')).out).toContain('Sag, ab welchem Tag');
      expect((await runCli('ask', '--as', 'alice@example.com', `replay since ${day}`)).out).toContain('Only a data-protection officer');
      const dry = await runCli('replay', '--since', taken.toISOString());
      expect(dry.out).toContain(`${number} (erasure, completed`);
      expect(dry.out).toContain('erase:journal: to be applied again (--apply)');
      expect(dry.out).toContain('erase:directory: done by hand — to be checked and redone by hand');
      const applied = await runCli('replay', '--since', taken.toISOString(), '--apply');
      expect(applied.code).toBe(0);
      expect(applied.out).toMatch(/erase:journal: applied again — \d+ deleted/);
      expect((await runCli('replay', '--since', 'yesterday')).code).toBe(2);
    } finally {
      for (const [key, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    app = await createApp(loadConfig({ DATABASE_FILE: join(dir, 'db.sqlite'), DPO_USERS: 'dana.dpo@example.com' }), silentLogger, { clock: { now: () => now } });
    const again = app.sources.find((s) => s.id === 'journal');
    expect(((await again?.find(subject)) ?? []).filter((f) => f.match === 'identifier').reduce((n, f) => n + f.count, 0)).toBe(kept);
    expect((await app.store.auditTrail({ targetPrefix: number })).filter((e) => e.action === 'execution.replay').length).toBeGreaterThan(0);
    // The button on the DPO's list ("Apply them again") brings the command back confirmed.
    const dana = app.desk.identify({ mail: 'dana.dpo@example.com' });
    const pressed = await replayHandler({ parsed: { intent: 'replay', since: taken.toISOString().slice(0, 10) }, locale: 'en', asker: dana, confirmed: true, sourceKey: 'test' } as Turn, { desk: app.desk, requests: app.requests });
    expect(pressed.text).toContain('Applied again: 2 steps. To redo by hand: 2. Failed: 0.');
    expect(pressed.text).toContain(`${number}: erase:directory — redo it by hand`);
  });
});
