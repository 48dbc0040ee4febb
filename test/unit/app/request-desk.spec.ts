import { RequestDesk } from '../../../src/app/requests/request-desk';
import { submitted } from '../../support/submitted';
import type { DpoRoster } from '../../../src/app/requests/dpo-roster';
import type { PrivacyRequest, RequestSubject, RequestType } from '../../../src/domain/requests/request';
import type { NewRequest } from '../../../src/domain/requests/workflow';
import type { Logger } from '../../../src/ports/logger/logger.port';
import type { CaseNotice, Notifier } from '../../../src/ports/notifier/notifier.port';
import type { SqlRequestStore } from '../../../src/ports/store/sql/request-store';
import { type Stores, openStores } from '../../../src/ports/store/sql/stores';


const DANA = 'dana.dpo@example.com';
const DIRK = 'dirk.dpo@example.com';
const DEBBY = 'debby.deputy@example.com';
const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const CAROL = 'carol@example.com';

/** How a recipient answers: reached, unreachable (no conversation: false), or a failed delivery. */
type Behaviour = 'reach' | 'unreachable' | 'throw';

/** Records every proactive message; each recipient (and the channel) can be made unreachable or failing. */
class RecordingNotifier implements Notifier {
  readonly toPersons: { personId: string; notice: CaseNotice }[] = [];
  readonly toChannel: CaseNotice[] = [];
  readonly refreshed: PrivacyRequest[] = [];
  readonly behaviour = new Map<string, Behaviour>();
  channel: Behaviour = 'reach';
  refreshThrows = false;
  /** How long each redraw takes, in order of the calls (to let redraws overlap). */
  readonly refreshDelays: number[] = [];
  /** Versions whose redraw finished, in the order they finished. */
  readonly refreshedDone: number[] = [];

  async toPerson(personId: string, notice: CaseNotice): Promise<boolean> {
    this.toPersons.push({ personId, notice });
    return answer(this.behaviour.get(personId) ?? 'reach');
  }

  async toDpoChannel(notice: CaseNotice): Promise<boolean> {
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
    const delay = this.refreshDelays.shift() ?? 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (this.refreshThrows) throw new Error('Teams is down');
    this.refreshedDone.push(request.version);
  }

  /** Who got a personal message, in order. */
  recipients(): string[] {
    return this.toPersons.map((m) => m.personId);
  }

  clear(): void {
    this.toPersons.length = 0;
    this.toChannel.length = 0;
    this.refreshed.length = 0;
  }
}

function answer(behaviour: Behaviour): boolean {
  if (behaviour === 'throw') throw Object.assign(new Error('delivery failed'), { code: 'E_DELIVERY' });
  return behaviour === 'reach';
}

/** A logger that keeps its warnings (to see that failures are logged, not thrown). */
function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const logger: Logger & { warnings: string[] } = {
    warnings,
    debug: () => undefined,
    info: () => undefined,
    warn: (_fields, message) => void warnings.push(message ?? ''),
    error: () => undefined,
    child: () => logger,
  };
  return logger;
}

const employee = (id: string, name = id): RequestSubject => ({ kind: 'employee', id, name });

function newRequest(requester: string, receivedAt: string, options: { type?: RequestType; subject?: RequestSubject } = {}): NewRequest {
  return { type: options.type ?? 'access', subject: options.subject ?? employee(requester), requester, channel: 'teams', receivedAt };
}

describe('RequestDesk', () => {
  let db: Stores;
  let store: SqlRequestStore;
  let notifier: RecordingNotifier;
  let logger: ReturnType<typeof recordingLogger>;
  let now: Date;
  const clock = { now: () => now };
  let keys = 0;

  beforeEach(async () => {
    db = await openStores({ kind: 'sqlite', file: ':memory:' });
    store = db.requests;
    notifier = new RecordingNotifier();
    logger = recordingLogger();
    now = new Date('2026-11-02T09:00:00.000Z');
  });
  afterEach(() => db.close());

  /** The audit trail's actions and details, oldest first. */
  const trailOf = async (actions?: string[]) =>
    (await db.audit.entries()).filter((e) => actions === undefined || actions.includes(e.action)).map((e) => ({ action: e.action, details: e.details as Record<string, unknown> }));

  const deskWith = (roster: DpoRoster = { dpos: [DANA, DIRK], deputy: DEBBY, channel: true }): RequestDesk =>
    new RequestDesk({ store, claims: db.claims, notifier, roster, clock, timeZone: 'Europe/Berlin', logger, instance: 'instance-test' });

  /** Submits a request received now on the test clock, under a fresh source key. */
  const submit = (desk: RequestDesk, requester: string, options: { type?: RequestType; subject?: RequestSubject } = {}) =>
    submitted(desk, newRequest(requester, now.toISOString(), options), `activity:${++keys}`);

  describe('submit', () => {
    it('creates a case, routes it to awaitingDecision and counts one calendar month from local receipt', async () => {
      const desk = deskWith();
      now = new Date('2027-01-31T10:00:00.000Z');
      const intake = await submitted(desk, newRequest(ALICE, now.toISOString()), 'activity:1');

      expect(intake.created).toBe(true);
      expect(intake.duplicates).toEqual([]);
      expect(intake.request).toMatchObject({ number: 'DSR-2027-0001', status: 'awaitingDecision', version: 2, dueDate: '2027-02-28', requester: ALICE });
      expect(intake.request.history.map((e) => e.action)).toEqual(['receive', 'route']);
      await expect(store.getRequest(intake.request.id)).resolves.toEqual(intake.request);
    });

    it('takes the date of receipt in the organisation’s zone: late on 31 December UTC is 1 January in Berlin', async () => {
      const desk = deskWith();
      now = new Date('2026-12-31T23:30:00.000Z');
      const { request } = await submitted(desk, newRequest(ALICE, now.toISOString()), 'activity:1');
      expect(request.number).toBe('DSR-2027-0001');
      expect(request.dueDate).toBe('2027-02-01');
    });

    it('keeps the date of a letter received earlier', async () => {
      const desk = deskWith();
      now = new Date('2026-11-20T09:00:00.000Z');
      const { request } = await submitted(desk, { ...newRequest(ALICE, '2026-11-02T12:00:00.000Z'), channel: 'letter' }, 'form:1');
      expect(request.dueDate).toBe('2026-12-02');
      expect(desk.daysLeft(request)).toBe(12);
    });

    it('sends every DPO a decision notice, with the duplicates, and nobody else', async () => {
      const desk = deskWith();
      const { request, duplicates } = await submit(desk, ALICE);

      expect(notifier.recipients()).toEqual([DANA, DIRK]);
      for (const { notice } of notifier.toPersons) {
        expect(notice).toEqual({ kind: 'decision', request, duplicates });
      }
      expect(notifier.toChannel).toEqual([]);
      expect(notifier.refreshed).toEqual([]);
    });

    it('takes in the same message once: the same source key again is not created and notifies nobody', async () => {
      const desk = deskWith();
      const first = await submitted(desk, newRequest(ALICE, now.toISOString()), 'activity:retry');
      now = new Date('2026-11-02T09:00:05.000Z');
      const again = await submitted(desk, newRequest(ALICE, now.toISOString()), 'activity:retry');

      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.request).toEqual(first.request);
      await expect(store.listRequests()).resolves.toHaveLength(1);
      expect(notifier.recipients()).toEqual([DANA, DIRK]);
    });

    it('lists an open case of the same type about the same employee as a duplicate, and tells the DPOs', async () => {
      const desk = deskWith();
      const first = await submit(desk, ALICE);
      const otherType = await submit(desk, ALICE, { type: 'erasure' });
      notifier.clear();
      // Bob relays a second access request about Alice.
      const second = await submit(desk, BOB, { subject: employee(ALICE, 'Alice A') });

      expect(otherType.duplicates).toEqual([]);
      expect(second.duplicates.map((d) => d.number)).toEqual([first.request.number]);
      expect(notifier.toPersons.map((m) => m.notice)).toEqual([
        { kind: 'decision', request: second.request, duplicates: second.duplicates },
        { kind: 'decision', request: second.request, duplicates: second.duplicates },
      ]);
      await expect(desk.duplicatesOf(first.request)).resolves.toEqual([second.request]);
    });

    it('does not list a closed case as a duplicate', async () => {
      const desk = deskWith();
      const first = await submit(desk, ALICE);
      await desk.act(first.request.number, { action: 'withdraw' }, ALICE);
      const second = await submit(desk, ALICE);
      expect(second.duplicates).toEqual([]);
    });

    it('sends a DPO’s own request to the other DPO only', async () => {
      const desk = deskWith();
      await submit(desk, DANA);
      expect(notifier.recipients()).toEqual([DIRK]);
      expect(notifier.toChannel).toEqual([]);
    });

    it('never sends a case to the DPO it is about, even when a colleague filed it', async () => {
      const desk = deskWith();
      await submit(desk, ALICE, { subject: employee(DIRK) });
      expect(notifier.recipients()).toEqual([DANA]);
    });

    it('sends the only DPO’s own request to the deputy', async () => {
      const desk = deskWith({ dpos: [DANA], deputy: DEBBY, channel: false });
      await submit(desk, DANA);
      expect(notifier.recipients()).toEqual([DEBBY]);
    });

    it('posts in the DPO channel only when no DPO could be reached in person', async () => {
      const desk = deskWith();
      notifier.behaviour.set(DANA, 'unreachable');
      await submit(desk, ALICE);
      expect(notifier.toChannel).toEqual([]);

      notifier.behaviour.set(DIRK, 'unreachable');
      const { request } = await submit(desk, CAROL);
      expect(notifier.toChannel).toEqual([{ kind: 'decision', request, duplicates: [] }]);
    });

    it('takes the case in when nobody can be reached and no channel is configured', async () => {
      const desk = deskWith({ dpos: [DANA, DIRK], channel: false });
      notifier.behaviour.set(DANA, 'unreachable');
      notifier.behaviour.set(DIRK, 'unreachable');
      const { request, created } = await submit(desk, ALICE);
      expect(created).toBe(true);
      expect(notifier.toChannel).toEqual([]);
      expect(logger.warnings).toContain('no DPO could be reached');
      await expect(store.getRequest(request.id)).resolves.toMatchObject({ status: 'awaitingDecision' });
    });

    it('never fails an intake because every delivery failed: the case is kept and the failure logged', async () => {
      const desk = deskWith({ dpos: [DANA, DIRK], channel: false });
      notifier.behaviour.set(DANA, 'throw');
      notifier.behaviour.set(DIRK, 'throw');
      const intake = await submit(desk, ALICE);

      expect(intake.created).toBe(true);
      expect(intake.request.status).toBe('awaitingDecision');
      await expect(store.getRequest(intake.request.id)).resolves.toEqual(intake.request);
      expect(logger.warnings).toEqual(expect.arrayContaining(['could not reach a DPO', 'no DPO could be reached', 'could not send the case to the DPOs', 'the case reached no DPO yet; tried again at the next deadline round']));
    });
  });

  describe('roster', () => {
    it('knows a DPO listed by UPN as the person the directory keys by mail', async () => {
      const upn = 'dana@corp.onmicrosoft.com';
      const personIdOf = (id: string): string => (id.toLowerCase() === upn ? DANA : id.toLowerCase());
      const desk = new RequestDesk({ store, claims: db.claims, notifier, roster: { dpos: [upn], channel: false }, clock, timeZone: 'Europe/Berlin', logger, personIdOf, instance: 'instance-test' });
      expect(desk.isDpo(DANA)).toBe(true);
      expect(desk.roster.dpos).toEqual([DANA]);
      const { request } = await submit(desk, ALICE);
      expect(notifier.recipients()).toEqual([DANA]);
      await expect(desk.act(request.id, { action: 'approve' }, DANA, 2)).resolves.toMatchObject({ kind: 'done' });
    });

    it('assigns by the directory’s id, and reaches an assignee stored as configured (a UPN) under it', async () => {
      const upn = 'dana@corp.onmicrosoft.com';
      const personIdOf = (id: string): string => (id.toLowerCase() === upn ? DANA : id.toLowerCase());
      const desk = new RequestDesk({ store, claims: db.claims, notifier, roster: { dpos: [upn, DIRK], channel: false }, clock, timeZone: 'Europe/Berlin', logger, personIdOf, instance: 'instance-test' });
      const { request } = await submit(desk, ALICE);
      const assigned = await desk.act(request.id, { action: 'assign', assignee: upn.toUpperCase() }, DIRK, 2);
      expect(assigned).toMatchObject({ kind: 'done', request: { assignee: DANA } });
      // A case assigned before the roster was read through the directory keeps the UPN.
      const legacy = { ...(await store.getRequest(request.id)), assignee: upn } as PrivacyRequest;
      await desk.settled();
      notifier.clear();
      await desk.notifyDpos({ kind: 'reminder', request: legacy, reminder: 'dueIn7Days' });
      expect(notifier.recipients()).toEqual([DANA]);
    });
  });

  describe('act', () => {
    it('lets a DPO approve: the case is saved, the cards redrawn and the requester told', async () => {
      const desk = deskWith();
      const { request } = await submit(desk, ALICE);
      notifier.clear();
      now = new Date('2026-11-03T10:00:00.000Z');

      const outcome = await desk.act(request.number, { action: 'approve' }, DANA, 2);
      // The clicker is answered first; the redraw and the requester's notice follow.
      await desk.settled();

      expect(outcome.kind).toBe('done');
      if (outcome.kind !== 'done') return;
      expect(outcome.request).toMatchObject({ status: 'approved', version: 3, decision: { by: DANA, status: 'approved' } });
      expect(outcome.event).toEqual({ at: '2026-11-03T10:00:00.000Z', actor: DANA, action: 'approve', from: 'awaitingDecision', to: 'approved' });
      await expect(store.getRequest(request.id)).resolves.toEqual(outcome.request);
      expect(notifier.refreshed).toEqual([outcome.request]);
      expect(notifier.toPersons).toEqual([{ personId: ALICE, notice: { kind: 'changed', request: outcome.request, event: outcome.event } }]);
    });

    it('keeps the DPO’s reasons in the audit trail, and of anybody’s other words only that there were some', async () => {
      const desk = deskWith();
      const { request } = await submit(desk, ALICE);
      await desk.act(request.id, { action: 'askInfo', reason: 'Which systems do you mean?' }, DANA);
      await desk.act(request.id, { action: 'provideInfo', note: 'My phone +49 170 1234567 in the call journal' }, ALICE);
      await desk.act(request.id, { action: 'withdraw', reason: 'I moved to Munich' }, ALICE);
      const trail = await trailOf();
      expect(trail.find((e) => e.action === 'request.askInfo')?.details).toMatchObject({ reason: 'Which systems do you mean?' });
      expect(trail.find((e) => e.action === 'request.provideInfo')?.details).toEqual({ from: 'moreInfoNeeded', to: 'awaitingDecision', detail: null, hasNote: true, status: 'awaitingDecision', version: 4 });
      expect(trail.find((e) => e.action === 'request.withdraw')?.details).toMatchObject({ hasNote: true });
      const all = JSON.stringify(trail);
      expect(all).not.toContain('+49 170');
      expect(all).not.toContain('Munich');
      // A DPO's reasons are theirs to prove: kept word for word.
      const other = await submit(desk, BOB);
      await desk.act(other.request.id, { action: 'withdraw', reason: 'Withdrawn by letter of 3 November' }, DANA);
      const recorded = (await trailOf(['request.withdraw'])).at(-1);
      expect(recorded?.details).toMatchObject({ reason: 'Withdrawn by letter of 3 November' });
      // The case itself keeps what was said.
      expect((await desk.get(request.id))?.history.map((e) => e.reason).filter(Boolean)).toEqual(['Which systems do you mean?', 'My phone +49 170 1234567 in the call journal', 'I moved to Munich']);
    });

    it('records in the audit trail that an identity check came with a note, never the note itself', async () => {
      const desk = deskWith();
      const outside = (lastName: string, email: string): RequestSubject => ({ kind: 'outside', criteria: { lastName, firstName: 'Hans', email } });
      const recorded = await submit(desk, ALICE, { subject: outside('Meier', 'hans.meier@web.example') });
      await desk.act(recorded.request.id, { action: 'recordIdentity', method: 'other', note: 'Passport seen by reception, no copy' }, DANA);
      const approvedWith = await submit(desk, BOB, { subject: outside('Schulz', 'schulz@web.example') });
      await desk.act(approvedWith.request.id, { action: 'approve', identity: { method: 'inPerson', note: 'Came to the office on 3 Nov' } }, DANA);
      const withoutNote = await submit(desk, CAROL, { subject: outside('Lang', 'lang@web.example') });
      await desk.act(withoutNote.request.id, { action: 'recordIdentity', method: 'knownContact' }, DANA);
      const trail = await trailOf(['request.recordIdentity', 'request.approve']);
      expect(trail).toEqual([
        { action: 'request.recordIdentity', details: expect.objectContaining({ detail: 'other', hasNote: true }) },
        { action: 'request.approve', details: expect.objectContaining({ hasNote: true }) },
        { action: 'request.recordIdentity', details: expect.objectContaining({ detail: 'knownContact', hasNote: false }) },
      ]);
      const all = JSON.stringify(trail);
      expect(all).not.toContain('Passport');
      expect(all).not.toContain('office');
    });

    it('finds the case by id as well as by number', async () => {
      const desk = deskWith();
      const { request } = await submit(desk, ALICE);
      await expect(desk.act(request.id, { action: 'approve' }, DANA)).resolves.toMatchObject({ kind: 'done' });
      await expect(desk.act('DSR-2026-9999', { action: 'approve' }, DANA)).resolves.toEqual({ kind: 'notFound' });
    });

    it('changes nothing for a card drawn from an older version and names the change that came first', async () => {
      const desk = deskWith();
      const { request } = await submit(desk, ALICE);
      const approved = await desk.act(request.number, { action: 'approve' }, DANA, 2);
      if (approved.kind !== 'done') throw new Error('not approved');
      await desk.settled();
      notifier.clear();

      const outcome = await desk.act(request.number, { action: 'reject', reason: 'manifestly unfounded' }, DIRK, 2);
      await desk.settled();

      expect(outcome).toEqual({ kind: 'stale', request: approved.request, last: approved.event });
      await expect(store.getRequest(request.id)).resolves.toEqual(approved.request);
      expect(notifier.toPersons).toEqual([]);
      expect(notifier.refreshed).toEqual([]);
    });

    it('refuses a decision by someone who is no DPO', async () => {
      const desk = deskWith();
      const { request } = await submit(desk, ALICE);
      notifier.clear();
      const outcome = await desk.act(request.number, { action: 'approve' }, BOB, 2);
      expect(outcome).toEqual({ kind: 'refused', request, refusal: { code: 'NOT_DPO' } });
      await expect(store.getRequest(request.id)).resolves.toEqual(request);
      expect(notifier.toPersons).toEqual([]);
    });

    it('tells somebody without a say nothing about other cases or assignees: NOT_DPO comes first', async () => {
      const desk = deskWith();
      const access = await submit(desk, ALICE);
      const erasure = await submit(desk, ALICE, { type: 'erasure' });
      const refused = { kind: 'refused', request: access.request, refusal: { code: 'NOT_DPO' } };
      await expect(desk.act(access.request.number, { action: 'merge', into: 'DSR-2026-0404' }, ALICE)).resolves.toEqual(refused);
      await expect(desk.act(access.request.number, { action: 'merge', into: erasure.request.number }, ALICE)).resolves.toEqual(refused);
      await expect(desk.act(access.request.number, { action: 'link', other: 'DSR-2026-0404' }, BOB)).resolves.toEqual(refused);
      await expect(desk.act(access.request.number, { action: 'assign', assignee: BOB }, BOB)).resolves.toEqual(refused);
    });

    it('refuses a DPO’s decision on their own request', async () => {
      const desk = deskWith();
      const { request } = await submit(desk, DANA);
      await expect(desk.act(request.number, { action: 'approve' }, DANA, 2)).resolves.toEqual({ kind: 'refused', request, refusal: { code: 'OWN_REQUEST' } });
      await expect(desk.act(request.number, { action: 'approve' }, DIRK, 2)).resolves.toMatchObject({ kind: 'done' });
    });

    it('assigns only to a DPO', async () => {
      const desk = deskWith();
      const { request } = await submit(desk, ALICE);
      await expect(desk.act(request.number, { action: 'assign', assignee: BOB }, DANA, 2)).resolves.toEqual({ kind: 'refused', request, refusal: { code: 'INVALID_ASSIGNEE' } });
      const assigned = await desk.act(request.number, { action: 'assign', assignee: DIRK }, DANA, 2);
      expect(assigned).toMatchObject({ kind: 'done', request: { assignee: DIRK, version: 3 } });
      // An assignment is no news for the requester.
      expect(notifier.toPersons.filter((m) => m.personId === ALICE)).toEqual([]);
    });

    it('refuses to assign a case to the DPO it is about', async () => {
      const desk = deskWith();
      const { request } = await submit(desk, DANA);
      await expect(desk.act(request.number, { action: 'assign', assignee: DANA }, DIRK)).resolves.toMatchObject({ kind: 'refused', refusal: { code: 'INVALID_ASSIGNEE' } });
      expect(desk.assigneesFor(request)).toEqual([DIRK, DEBBY]);
    });

    it('links to a known case under its number, and refuses an unknown one', async () => {
      const desk = deskWith();
      const first = await submit(desk, ALICE);
      const second = await submit(desk, ALICE, { type: 'erasure' });

      await expect(desk.act(second.request.number, { action: 'link', other: 'DSR-2026-0404' }, DANA)).resolves.toEqual({
        kind: 'refused',
        request: second.request,
        refusal: { code: 'UNKNOWN_CASE' },
      });
      const linked = await desk.act(second.request.number, { action: 'link', other: first.request.id }, DANA);
      expect(linked).toMatchObject({ kind: 'done', request: { linked: [first.request.number] }, event: { action: 'link', detail: first.request.number } });
    });

    it('refuses a merge into an unknown case', async () => {
      const desk = deskWith();
      const { request } = await submit(desk, ALICE);
      await expect(desk.act(request.number, { action: 'merge', into: 'DSR-2026-0404' }, DANA)).resolves.toEqual({ kind: 'refused', request, refusal: { code: 'UNKNOWN_CASE' } });
      await expect(desk.act(request.number, { action: 'merge', into: request.number }, DANA)).resolves.toMatchObject({ kind: 'refused', refusal: { code: 'SAME_CASE' } });
    });

    it('merges a duplicate into an open case of the same type', async () => {
      const desk = deskWith();
      const first = await submit(desk, ALICE);
      const second = await submit(desk, ALICE);
      notifier.clear();

      const outcome = await desk.act(second.request.number, { action: 'merge', into: first.request.id }, DANA, 2);

      expect(outcome).toMatchObject({ kind: 'done', request: { status: 'merged', mergedInto: first.request.number, version: 3 } });
      await expect(store.getRequest(second.request.id)).resolves.toMatchObject({ status: 'merged', mergedInto: first.request.number });
      await desk.settled();
      expect(notifier.recipients()).toEqual([ALICE]);
      // The case it went into names it among its links, by the same DPO.
      await expect(desk.openCases()).resolves.toEqual([expect.objectContaining({ id: first.request.id, linked: [second.request.number], version: first.request.version + 1 })]);
      expect((await store.getRequest(first.request.id))?.history.at(-1)).toMatchObject({ action: 'link', actor: DANA, detail: second.request.number });
    });

    it('links both ways: the other case names this one too, once', async () => {
      const desk = deskWith();
      const first = await submit(desk, ALICE);
      const second = await submit(desk, BOB);
      await desk.act(second.request.id, { action: 'link', other: first.request.number }, DANA);
      await desk.act(first.request.id, { action: 'link', other: second.request.number }, DANA);
      expect((await store.getRequest(first.request.id))?.linked).toEqual([second.request.number]);
      expect((await store.getRequest(second.request.id))?.linked).toEqual([first.request.number]);
      expect((await store.getRequest(second.request.id))?.history.filter((e) => e.action === 'link')).toHaveLength(1);
    });

    it('refuses a merge into a case of another type or a closed one', async () => {
      const desk = deskWith();
      const access = await submit(desk, ALICE);
      const erasure = await submit(desk, ALICE, { type: 'erasure' });
      const closed = await submit(desk, ALICE, { type: 'erasure' });
      await desk.act(closed.request.number, { action: 'withdraw' }, ALICE);

      await expect(desk.act(access.request.number, { action: 'merge', into: erasure.request.number }, DANA)).resolves.toEqual({
        kind: 'refused',
        request: access.request,
        refusal: { code: 'NOT_SAME_KIND' },
      });
      await expect(desk.act(erasure.request.number, { action: 'merge', into: closed.request.number }, DANA)).resolves.toMatchObject({ kind: 'refused', refusal: { code: 'NOT_SAME_KIND' } });
      await expect(store.getRequest(access.request.id)).resolves.toEqual(access.request);
    });

    it('saves the change when the cards cannot be redrawn and the requester cannot be told', async () => {
      const desk = deskWith();
      const { request } = await submit(desk, ALICE);
      notifier.refreshThrows = true;
      notifier.behaviour.set(ALICE, 'throw');

      const outcome = await desk.act(request.number, { action: 'reject', reason: 'not our data' }, DANA, 2);
      await desk.settled();

      expect(outcome).toMatchObject({ kind: 'done', request: { status: 'rejected', version: 3 } });
      await expect(store.getRequest(request.id)).resolves.toMatchObject({ status: 'rejected', version: 3, decision: { by: DANA, reason: 'not our data' } });
      expect(logger.warnings).toEqual(expect.arrayContaining(['could not update the cards of a case', 'could not tell the requester']));
    });

    it('answers the clicker first, and redraws a case’s cards in the order its changes happened', async () => {
      const desk = deskWith();
      const { request } = await submit(desk, ALICE);
      await desk.settled();
      notifier.refreshDelays.push(50, 0);
      const assigned = await desk.act(request.id, { action: 'assign', assignee: DIRK }, DANA, 2);
      // Answered while the redraw is still under way.
      expect(assigned.kind).toBe('done');
      expect(notifier.refreshedDone).toEqual([]);
      await desk.act(request.id, { action: 'approve' }, DIRK, 3);
      await desk.settled();
      expect(notifier.refreshedDone).toEqual([3, 4]);
    });

    it('does not tell the requester what they did themselves', async () => {
      const desk = deskWith();
      const { request } = await submit(desk, ALICE);
      notifier.clear();
      await expect(desk.act(request.number, { action: 'withdraw' }, ALICE, 2)).resolves.toMatchObject({ kind: 'done', request: { status: 'withdrawn' } });
      await desk.settled();
      expect(notifier.refreshed).toHaveLength(1);
      expect(notifier.toPersons).toEqual([]);
    });
  });

  describe('mine', () => {
    it('returns the cases a person filed and those about them, newest first', async () => {
      const desk = deskWith();
      const a = await submit(desk, ALICE);
      now = new Date('2026-11-03T09:00:00.000Z');
      const b = await submit(desk, BOB, { subject: employee(ALICE, 'Alice A'), type: 'rectification' });
      now = new Date('2026-11-04T09:00:00.000Z');
      await submit(desk, CAROL);
      now = new Date('2026-11-05T09:00:00.000Z');
      const c = await submit(desk, ALICE, { type: 'erasure' });
      await desk.act(a.request.number, { action: 'withdraw' }, ALICE);

      const mine = await desk.mine(ALICE);
      expect(mine.map((r) => r.number)).toEqual([c.request.number, b.request.number, a.request.number]);
      expect(mine[2]?.status).toBe('withdrawn');
      expect((await desk.mine(BOB)).map((r) => r.number)).toEqual([b.request.number]);
      await expect(desk.mine('nobody@example.com')).resolves.toEqual([]);
    });
  });
});
