import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeadlineScheduler } from '../../../src/app/requests/deadline-scheduler';
import type { DpoRoster } from '../../../src/app/requests/dpo-roster';
import { RequestDesk } from '../../../src/app/requests/request-desk';
import { InstanceHeartbeat } from '../../../src/app/instance-heartbeat';
import { submitted } from '../../support/submitted';
import type { PrivacyRequest } from '../../../src/domain/requests/request';
import { type NewRequest, type RequestCommand, openRequest } from '../../../src/domain/requests/workflow';
import type { Logger } from '../../../src/ports/logger/logger.port';
import type { CaseNotice, Notifier } from '../../../src/ports/notifier/notifier.port';
import type { SqlRequestStore } from '../../../src/ports/store/sql/request-store';
import { type Stores, openStores } from '../../../src/ports/store/sql/stores';


const DANA = 'dana.dpo@example.com';
const DIRK = 'dirk.dpo@example.com';
const DEBBY = 'debby.deputy@example.com';
const ALICE = 'alice@example.com';
const TIME_ZONE = 'Europe/Berlin';

/** How a recipient answers: reached, unreachable (no conversation: false), or a failed delivery. */
type Behaviour = 'reach' | 'unreachable' | 'throw';

/** Records every proactive message; each recipient (and the channel) can be made unreachable or failing. */
class RecordingNotifier implements Notifier {
  readonly toPersons: { personId: string; notice: CaseNotice }[] = [];
  readonly toChannel: CaseNotice[] = [];
  readonly refreshed: PrivacyRequest[] = [];
  readonly behaviour = new Map<string, Behaviour>();
  channel: Behaviour = 'reach';
  /** Each delivery takes this long (to see that `stop` waits for a round). */
  delayMs = 0;

  async toPerson(personId: string, notice: CaseNotice): Promise<boolean> {
    await this.delay();
    this.toPersons.push({ personId, notice });
    return answer(this.behaviour.get(personId) ?? 'reach');
  }

  async toDpoChannel(notice: CaseNotice): Promise<boolean> {
    await this.delay();
    this.toChannel.push(notice);
    return answer(this.channel);
  }

  async toAdminChannel(): Promise<boolean> {
    return false;
  }

  async hasAdminChannel(): Promise<boolean> {
    return false;
  }

  async refreshCards(request: PrivacyRequest): Promise<void> {
    this.refreshed.push(request);
  }

  /** Reminders sent in person: who got which, for which case. */
  reminders(): { to: string; case: string; reminder: string }[] {
    return this.toPersons.flatMap(({ personId, notice }) => (notice.kind === 'reminder' ? [{ to: personId, case: notice.request.number, reminder: notice.reminder }] : []));
  }

  clear(): void {
    this.toPersons.length = 0;
    this.toChannel.length = 0;
    this.refreshed.length = 0;
  }

  private async delay(): Promise<void> {
    if (this.delayMs > 0) await sleep(this.delayMs);
  }
}

function answer(behaviour: Behaviour): boolean {
  if (behaviour === 'throw') throw new Error('delivery failed');
  return behaviour === 'reach';
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A logger that keeps its warnings and errors. */
function recordingLogger(): Logger & { warnings: string[]; errors: string[] } {
  const warnings: string[] = [];
  const errors: string[] = [];
  const logger: Logger & { warnings: string[]; errors: string[] } = {
    warnings,
    errors,
    debug: () => undefined,
    info: () => undefined,
    warn: (_fields, message) => void warnings.push(message ?? ''),
    error: (_fields, message) => void errors.push(message ?? ''),
    child: () => logger,
  };
  return logger;
}

const ROSTER: DpoRoster = { dpos: [DANA, DIRK], deputy: DEBBY, channel: true };

describe('DeadlineScheduler', () => {
  let now: Date;
  const clock = { now: () => now };
  const at = (iso: string): void => {
    now = new Date(iso);
  };
  let notifier: RecordingNotifier;
  let logger: ReturnType<typeof recordingLogger>;
  let opened: Stores[];
  let db: Stores;
  let store: SqlRequestStore;
  let desk: RequestDesk;
  let scheduler: DeadlineScheduler;
  let keys = 0;
  let instances = 0;

  /** Opens the store, desk and scheduler on a database (`:memory:` or a file). */
  async function open(file = ':memory:', roster: DpoRoster = ROSTER): Promise<void> {
    db = await openStores({ kind: 'sqlite', file });
    opened.push(db);
    store = db.requests;
    // Every open is a process of its own (a restart, or a second instance).
    desk = new RequestDesk({ store, claims: db.claims, notifier, roster, clock, timeZone: TIME_ZONE, logger, instance: `instance-${++instances}` });
    scheduler = new DeadlineScheduler(desk, db.claims, clock, logger);
  }

  beforeEach(() => {
    at('2026-11-02T09:00:00.000Z');
    notifier = new RecordingNotifier();
    logger = recordingLogger();
    opened = [];
  });
  afterEach(async () => {
    await scheduler?.stop();
    for (const handle of opened) await handle.close();
  });

  /** Takes in a request received at `receivedAt` (by default now); the decision notices are forgotten. */
  async function submit(receivedAt = now.toISOString(), requester = ALICE): Promise<PrivacyRequest> {
    const input: NewRequest = { type: 'access', subject: { kind: 'employee', id: requester, name: 'Alice A' }, requester, channel: receivedAt === now.toISOString() ? 'teams' : 'letter', receivedAt };
    const { request } = await submitted(desk, input, `activity:${++keys}`);
    notifier.clear();
    return request;
  }

  async function act(request: PrivacyRequest, command: RequestCommand, actor = DANA): Promise<PrivacyRequest> {
    const outcome = await desk.act(request.number, command, actor);
    if (outcome.kind !== 'done') throw new Error(`not done: ${JSON.stringify(outcome)}`);
    await desk.settled();
    notifier.clear();
    return outcome.request;
  }

  describe('with a case received on 2 November 2026 (due 2 December)', () => {
    let request: PrivacyRequest;
    beforeEach(async () => {
      await open();
      request = await submit('2026-11-02T09:00:00.000Z');
      expect(request.dueDate).toBe('2026-12-02');
    });

    it('sends nothing while more than 7 days are left', async () => {
      for (const day of ['2026-11-02T09:00:00.000Z', '2026-11-20T09:00:00.000Z', '2026-11-24T22:59:00.000Z']) {
        at(day);
        await expect(scheduler.tick()).resolves.toEqual([]);
      }
      expect(notifier.toPersons).toEqual([]);
      expect(notifier.toChannel).toEqual([]);
    });

    it('reminds every DPO once, 7 days before, counting the organisation’s days', async () => {
      // 23:00 UTC on 24 November is midnight on the 25th in Berlin: 7 days left.
      at('2026-11-24T23:00:00.000Z');
      await expect(scheduler.tick()).resolves.toEqual([{ case: request.number, reminder: 'dueIn7Days' }]);
      expect(notifier.toPersons).toEqual([
        { personId: DANA, notice: { kind: 'reminder', request, reminder: 'dueIn7Days' } },
        { personId: DIRK, notice: { kind: 'reminder', request, reminder: 'dueIn7Days' } },
      ]);
      expect(notifier.toChannel).toEqual([]);

      at('2026-11-25T16:00:00.000Z');
      await expect(scheduler.tick()).resolves.toEqual([]);
      at('2026-11-27T09:00:00.000Z');
      await expect(scheduler.tick()).resolves.toEqual([]);
      expect(notifier.toPersons).toHaveLength(2);
    });

    it('reminds the assignee only, 7 days and 1 day before, and escalates to everyone on the due date', async () => {
      request = await act(request, { action: 'assign', assignee: DIRK });

      at('2026-11-25T08:00:00.000Z');
      await expect(scheduler.tick()).resolves.toEqual([{ case: request.number, reminder: 'dueIn7Days' }]);
      expect(notifier.reminders()).toEqual([{ to: DIRK, case: request.number, reminder: 'dueIn7Days' }]);
      notifier.clear();

      at('2026-11-30T09:00:00.000Z');
      await expect(scheduler.tick()).resolves.toEqual([]);
      at('2026-12-01T08:00:00.000Z');
      await expect(scheduler.tick()).resolves.toEqual([{ case: request.number, reminder: 'dueIn1Day' }]);
      await expect(scheduler.tick()).resolves.toEqual([]);
      expect(notifier.reminders()).toEqual([{ to: DIRK, case: request.number, reminder: 'dueIn1Day' }]);
      expect(notifier.toChannel).toEqual([]);
      notifier.clear();

      at('2026-12-02T07:00:00.000Z');
      await expect(scheduler.tick()).resolves.toEqual([{ case: request.number, reminder: 'dueToday' }]);
      expect(notifier.reminders()).toEqual([
        { to: DIRK, case: request.number, reminder: 'dueToday' },
        { to: DANA, case: request.number, reminder: 'dueToday' },
        { to: DEBBY, case: request.number, reminder: 'dueToday' },
      ]);
      expect(notifier.toChannel).toEqual([{ kind: 'reminder', request, reminder: 'dueToday' }]);
      notifier.clear();

      // Overdue: the escalation is not repeated.
      at('2026-12-02T17:00:00.000Z');
      await expect(scheduler.tick()).resolves.toEqual([]);
      at('2026-12-05T09:00:00.000Z');
      await expect(scheduler.tick()).resolves.toEqual([]);
      expect(notifier.toPersons).toEqual([]);
      expect(notifier.toChannel).toEqual([]);
    });

    it('reminds all DPOs 1 day before when nobody is assigned', async () => {
      at('2026-12-01T09:00:00.000Z');
      await expect(scheduler.tick()).resolves.toEqual([{ case: request.number, reminder: 'dueIn1Day' }]);
      expect(notifier.reminders().map((r) => [r.to, r.reminder])).toEqual([
        [DANA, 'dueIn1Day'],
        [DIRK, 'dueIn1Day'],
      ]);
    });

    it('sends no reminders while waiting for information from the requester', async () => {
      request = await act(request, { action: 'askInfo', reason: 'which system?' });
      for (const day of ['2026-11-25T09:00:00.000Z', '2026-12-01T09:00:00.000Z', '2026-12-02T09:00:00.000Z', '2026-12-10T09:00:00.000Z']) {
        at(day);
        await expect(scheduler.tick()).resolves.toEqual([]);
      }
      expect(notifier.toPersons).toEqual([]);
      expect(notifier.toChannel).toEqual([]);
    });

    it('sends no reminders for a closed case', async () => {
      const other = await submit();
      await act(request, { action: 'reject', reason: 'manifestly unfounded' });
      await act(other, { action: 'withdraw' }, ALICE);
      for (const day of ['2026-11-25T09:00:00.000Z', '2026-12-01T09:00:00.000Z', '2026-12-02T09:00:00.000Z']) {
        at(day);
        await expect(scheduler.tick()).resolves.toEqual([]);
      }
      expect(notifier.toPersons).toEqual([]);
      expect(notifier.toChannel).toEqual([]);
    });

    it('releases the claim of a delivery that failed everywhere, so the next round sends it', async () => {
      notifier.behaviour.set(DANA, 'throw');
      notifier.behaviour.set(DIRK, 'throw');
      notifier.channel = 'throw';

      at('2026-11-25T08:00:00.000Z');
      await expect(scheduler.tick()).resolves.toEqual([]);
      expect(notifier.toPersons.map((m) => m.personId)).toEqual([DANA, DIRK]);
      expect(logger.warnings).toContain('deadline reminder reached nobody; retried next round');

      notifier.clear();
      notifier.behaviour.clear();
      notifier.channel = 'reach';
      at('2026-11-25T08:05:00.000Z');
      await expect(scheduler.tick()).resolves.toEqual([{ case: request.number, reminder: 'dueIn7Days' }]);
      expect(notifier.reminders().map((r) => r.to)).toEqual([DANA, DIRK]);
      await expect(scheduler.tick()).resolves.toEqual([]);
    });

    it('keeps the claim when one DPO was reached and another failed', async () => {
      notifier.behaviour.set(DANA, 'throw');
      at('2026-11-25T08:00:00.000Z');
      await expect(scheduler.tick()).resolves.toEqual([{ case: request.number, reminder: 'dueIn7Days' }]);
      notifier.behaviour.clear();
      await expect(scheduler.tick()).resolves.toEqual([]);
    });

    it('reminds afresh for the new due date after an extension', async () => {
      at('2026-11-25T08:00:00.000Z');
      await expect(scheduler.tick()).resolves.toEqual([{ case: request.number, reminder: 'dueIn7Days' }]);
      request = await act(request, { action: 'extend', months: 2, reason: 'many systems to search' });
      expect(request.dueDate).toBe('2027-02-02');

      await expect(scheduler.tick()).resolves.toEqual([]);
      at('2026-12-02T09:00:00.000Z');
      await expect(scheduler.tick()).resolves.toEqual([]);
      at('2027-01-26T09:00:00.000Z');
      await expect(scheduler.tick()).resolves.toEqual([{ case: request.number, reminder: 'dueIn7Days' }]);
      expect(notifier.reminders()).toEqual([
        { to: DANA, case: request.number, reminder: 'dueIn7Days' },
        { to: DIRK, case: request.number, reminder: 'dueIn7Days' },
      ]);
      expect(notifier.toPersons[0]?.notice.request.dueDate).toBe('2027-02-02');
      await expect(scheduler.tick()).resolves.toEqual([]);
    });
  });

  it('sends a case taken in with 3 days left only the 7-day reminder first, then the 1-day one', async () => {
    await open();
    at('2026-11-27T09:00:00.000Z');
    const late = await submit('2026-10-30T12:00:00.000Z');
    expect(late.dueDate).toBe('2026-11-30');

    await expect(scheduler.tick()).resolves.toEqual([{ case: late.number, reminder: 'dueIn7Days' }]);
    at('2026-11-28T09:00:00.000Z');
    await expect(scheduler.tick()).resolves.toEqual([]);
    at('2026-11-29T09:00:00.000Z');
    await expect(scheduler.tick()).resolves.toEqual([{ case: late.number, reminder: 'dueIn1Day' }]);
    expect(notifier.reminders().map((r) => r.reminder)).toEqual(['dueIn7Days', 'dueIn7Days', 'dueIn1Day', 'dueIn1Day']);
  });

  it('escalates a case that is already overdue when taken in, once, and redraws its cards once', async () => {
    await open();
    at('2026-10-05T09:00:00.000Z');
    const overdue = await submit('2026-09-01T12:00:00.000Z');
    expect(overdue.dueDate).toBe('2026-10-01');
    notifier.clear();
    await expect(scheduler.tick()).resolves.toEqual([{ case: overdue.number, reminder: 'dueToday' }]);
    expect(notifier.toChannel).toHaveLength(1);
    expect(notifier.refreshed.map((r) => r.number)).toEqual([overdue.number]);
    await expect(scheduler.tick()).resolves.toEqual([]);
    expect(notifier.refreshed).toHaveLength(1);
  });

  it('keeps trying a reminder that reached nobody (no DPO has a conversation yet)', async () => {
    await open();
    const pending = await submit('2026-11-02T09:00:00.000Z');
    notifier.behaviour.set(DANA, 'unreachable');
    notifier.behaviour.set(DIRK, 'unreachable');
    notifier.channel = 'unreachable';
    at('2026-11-25T08:00:00.000Z');
    await expect(scheduler.tick()).resolves.toEqual([]);
    notifier.behaviour.clear();
    notifier.channel = 'reach';
    at('2026-11-25T08:15:00.000Z');
    await expect(scheduler.tick()).resolves.toEqual([{ case: pending.number, reminder: 'dueIn7Days' }]);
  });

  describe('announcing new cases', () => {
    const decisions = (): string[] => notifier.toPersons.filter((n) => n.notice.kind === 'decision').map((n) => `${n.personId}:${n.notice.request.number}`);

    it('sends a case whose decision card reached nobody at the next round that reaches someone, once', async () => {
      await open();
      notifier.behaviour.set(DANA, 'unreachable');
      notifier.behaviour.set(DIRK, 'throw');
      notifier.channel = 'unreachable';
      const input: NewRequest = { type: 'erasure', subject: { kind: 'employee', id: ALICE, name: 'Alice A' }, requester: ALICE, channel: 'teams', receivedAt: now.toISOString() };
      const { request } = await submitted(desk, input, 'activity:lonely');
      expect(request.status).toBe('awaitingDecision');
      expect(logger.warnings).toContain('the case reached no DPO yet; tried again at the next deadline round');
      await scheduler.tick();
      notifier.clear();
      notifier.behaviour.clear();
      notifier.channel = 'reach';
      await scheduler.tick();
      expect(decisions()).toEqual([`${DANA}:${request.number}`, `${DIRK}:${request.number}`]);
      notifier.clear();
      await scheduler.tick();
      // A Teams retry of the same message does not announce it again either.
      await submitted(desk, input, 'activity:lonely');
      expect(decisions()).toEqual([]);
    });

    it('routes and announces a case left in “received” (the process stopped between the two)', async () => {
      await open();
      const input: NewRequest = { type: 'access', subject: { kind: 'employee', id: ALICE, name: 'Alice A' }, requester: ALICE, channel: 'teams', receivedAt: now.toISOString() };
      const { request } = await store.createRequest('activity:crashed', 2026, (ids) => openRequest(input, ids, { now, timeZone: TIME_ZONE }), { actor: ALICE, action: 'request.received', details: {} });
      expect(request.status).toBe('received');
      await scheduler.tick();
      expect((await store.getRequest(request.id))?.status).toBe('awaitingDecision');
      expect(decisions()).toEqual([`${DANA}:${request.number}`, `${DIRK}:${request.number}`]);
      notifier.clear();
      await scheduler.tick();
      expect(decisions()).toEqual([]);
    });

    it('announces a case whose sender died between claiming and sending, once that instance has been silent for INSTANCE_GONE_MS', async () => {
      await open();
      const input: NewRequest = { type: 'access', subject: { kind: 'employee', id: ALICE, name: 'Alice A' }, requester: ALICE, channel: 'teams', receivedAt: now.toISOString() };
      const { request } = await store.createRequest('activity:died', 2026, (ids) => openRequest(input, ids, { now, timeZone: TIME_ZONE }), { actor: ALICE, action: 'request.received', details: {} });
      const routed = await desk.route(request);
      // The other process claimed the announcement, then died before sending it.
      expect(await db.claims.claim({ subject: request.id, mark: 'announced', round: 'round-1' }, now, 'crashed-instance')).toBe(true);
      expect(routed.status).toBe('awaitingDecision');
      await expect(db.claims.heldElsewhere(desk.instance)).resolves.toBe(1);
      // Silent for less than INSTANCE_GONE_MS: it may still be sending.
      at('2026-11-02T09:00:59.000Z');
      await scheduler.tick();
      expect(decisions()).toEqual([]);
      // Gone: taken over within a minute, not after the claim's ten-minute lease.
      at('2026-11-02T09:01:01.000Z');
      await scheduler.tick();
      expect(decisions()).toEqual([`${DANA}:${request.number}`, `${DIRK}:${request.number}`]);
      await expect(db.claims.heldElsewhere(desk.instance)).resolves.toBe(0);
      notifier.clear();
      at('2026-11-03T09:15:00.000Z');
      await scheduler.tick();
      expect(decisions()).toEqual([]);
    });

    it('announces at once a case whose instance stopped while another instance held the claim, never twice', async () => {
      await open();
      const input: NewRequest = { type: 'access', subject: { kind: 'employee', id: ALICE, name: 'Alice A' }, requester: ALICE, channel: 'teams', receivedAt: now.toISOString() };
      const { request } = await store.createRequest('activity:stopped', 2026, (ids) => openRequest(input, ids, { now, timeZone: TIME_ZONE }), { actor: ALICE, action: 'request.received', details: {} });
      await desk.route(request);
      expect(await db.claims.claim({ subject: request.id, mark: 'announced', round: 'round-1' }, now, 'stopping-instance')).toBe(true);
      await scheduler.tick();
      expect(decisions()).toEqual([]);
      await new InstanceHeartbeat('stopping-instance', db.claims, clock, logger).stop();
      await scheduler.tick();
      expect(decisions()).toEqual([`${DANA}:${request.number}`, `${DIRK}:${request.number}`]);
      notifier.clear();
      await scheduler.tick();
      expect(decisions()).toEqual([]);
    });

    it('announces again when the requester answered a question, not after an assignment', async () => {
      await open();
      const request = await submit();
      const asked = await act(request, { action: 'askInfo', reason: 'Which systems?' });
      const answered = await desk.act(asked.number, { action: 'provideInfo', note: 'The call journal' }, ALICE);
      expect(answered.kind).toBe('done');
      await desk.settled();
      expect(decisions()).toEqual([`${DANA}:${request.number}`, `${DIRK}:${request.number}`]);
      notifier.clear();
      const current = (await store.getRequest(request.id)) as PrivacyRequest;
      await act(current, { action: 'assign', assignee: DIRK });
      await scheduler.tick();
      expect(decisions()).toEqual([]);
    });
  });

  it('escalates a DPO’s own case to the others, never to that DPO', async () => {
    await open();
    const own = await submit('2026-11-02T09:00:00.000Z', DANA);
    at('2026-12-02T09:00:00.000Z');
    await expect(scheduler.tick()).resolves.toEqual([{ case: own.number, reminder: 'dueToday' }]);
    expect(notifier.reminders().map((r) => r.to)).toEqual([DIRK, DEBBY]);
  });

  describe('with a database file', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'privacy-desk-scheduler-'));
    });
    afterEach(async () => {
      for (const handle of opened) await handle.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('never sends a reminder twice, across a restart', async () => {
      const file = join(dir, 'privacy-desk.sqlite');
      await open(file);
      const request = await submit('2026-11-02T09:00:00.000Z');
      at('2026-11-25T08:00:00.000Z');
      await expect(scheduler.tick()).resolves.toEqual([{ case: request.number, reminder: 'dueIn7Days' }]);
      await db.close();

      // A new process: new store, desk and scheduler on the same file, later the same day.
      notifier.clear();
      await open(file);
      at('2026-11-25T15:00:00.000Z');
      await expect(scheduler.tick()).resolves.toEqual([]);
      expect(notifier.toPersons).toEqual([]);

      at('2026-12-01T08:00:00.000Z');
      await expect(scheduler.tick()).resolves.toEqual([{ case: request.number, reminder: 'dueIn1Day' }]);
    });
  });

  describe('start and stop', () => {
    it('runs a first round at once, and stop waits for it', async () => {
      await open();
      const request = await submit('2026-11-02T09:00:00.000Z');
      at('2026-11-25T08:00:00.000Z');
      notifier.delayMs = 20;

      scheduler.start({ intervalMs: 60_000 });
      await scheduler.stop();

      expect(notifier.reminders()).toEqual([
        { to: DANA, case: request.number, reminder: 'dueIn7Days' },
        { to: DIRK, case: request.number, reminder: 'dueIn7Days' },
      ]);
    });

    it('runs a round every interval until stopped, and leaves no timer behind', async () => {
      await open();
      const tick = jest.spyOn(scheduler, 'tick');
      scheduler.start({ intervalMs: 5 });
      scheduler.start({ intervalMs: 5 });
      for (let waited = 0; tick.mock.calls.length < 3 && waited < 2000; waited += 5) await sleep(5);
      await scheduler.stop();

      const rounds = tick.mock.calls.length;
      expect(rounds).toBeGreaterThanOrEqual(3);
      await sleep(30);
      expect(tick).toHaveBeenCalledTimes(rounds);
    });

    it('logs a round that failed and goes on with the next', async () => {
      await open();
      const request = await submit('2026-11-02T09:00:00.000Z');
      at('2026-11-25T08:00:00.000Z');
      const tick = jest.spyOn(scheduler, 'tick').mockRejectedValueOnce(new Error('database is locked'));

      scheduler.start({ intervalMs: 5 });
      for (let waited = 0; tick.mock.calls.length < 2 && waited < 2000; waited += 5) await sleep(5);
      await scheduler.stop();

      expect(logger.errors).toEqual(['deadline round failed']);
      expect(notifier.reminders().map((r) => [r.case, r.reminder])).toEqual([
        [request.number, 'dueIn7Days'],
        [request.number, 'dueIn7Days'],
      ]);
    });

    it('stops without having started', async () => {
      await open();
      await expect(scheduler.stop()).resolves.toBeUndefined();
    });
  });
});
