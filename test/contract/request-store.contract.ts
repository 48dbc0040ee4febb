import type { AuditEntry } from '../../src/domain/audit/audit-entry';
import { CLOSED_STATUSES, type PrivacyRequest, REQUEST_STATUSES, type RequestStatus } from '../../src/domain/requests/request';
import { type Actor, type NewRequest, type RequestCommand, applyCommand, openRequest } from '../../src/domain/requests/workflow';
import { verifyChain } from '../../src/ports/store/audit-chain';
import type { CaseAudit, ConversationStore, RequestStore } from '../../src/ports/store/request-store.port';

/** A fresh, empty request store, the audit trail it writes to, and how to let it go. */
export interface RequestStoreUnderTest {
  store: RequestStore & ConversationStore;
  /** The whole audit trail, oldest first (the trail the store shares with the grant store). */
  auditTrail(): Promise<AuditEntry[]>;
  close(): Promise<void>;
}

const timeZone = 'Europe/Berlin';
const dpo: Actor = { id: 'dana.dpo@example.com', isDpo: true };
const system: Actor = { id: 'system', isDpo: false, system: true };
const caseAudit = (action: string, actor = 'alice@example.com'): CaseAudit => ({ actor, action, details: {} });

function newRequest(receivedAt: string, requester: string): NewRequest {
  return { type: 'access', subject: { kind: 'employee', id: requester, name: 'Alice A' }, requester, channel: 'teams', receivedAt };
}

/** A new case through the workflow, received (and recorded) at `receivedAt`, numbered in its UTC year. */
export async function createCase(store: RequestStore, sourceKey: string, receivedAt: string, requester = 'alice@example.com'): Promise<{ request: PrivacyRequest; created: boolean }> {
  const now = new Date(receivedAt);
  return store.createRequest(sourceKey, now.getUTCFullYear(), (ids) => openRequest(newRequest(receivedAt, requester), ids, { now, timeZone }), caseAudit('request.created', requester));
}

/** A command through the workflow; throws when the workflow refuses it (a broken test, not a finding). */
function apply(request: PrivacyRequest, command: RequestCommand, at: string, actor: Actor = dpo): PrivacyRequest {
  const result = applyCommand(request, command, actor, { now: new Date(at), timeZone });
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`);
  return result.value;
}

/**
 * How to bring a new case into each state. A `Record` over every status, so that a new status
 * does not compile until the list-filter test knows how to reach it.
 */
const PATH_TO: Record<RequestStatus, (into: string) => RequestCommand[]> = {
  received: () => [],
  awaitingDecision: () => [{ action: 'route' }],
  approved: () => [{ action: 'route' }, { action: 'approve' }],
  rejected: () => [{ action: 'route' }, { action: 'reject', reason: 'manifestly unfounded' }],
  moreInfoNeeded: () => [{ action: 'route' }, { action: 'askInfo', reason: 'which period?' }],
  inProgress: () => [{ action: 'route' }, { action: 'approve' }, { action: 'start' }],
  completed: () => [{ action: 'route' }, { action: 'approve' }, { action: 'start' }, { action: 'complete' }],
  withdrawn: () => [{ action: 'withdraw', reason: 'by letter' }],
  merged: (into) => [{ action: 'merge', into }],
};

/**
 * The behaviour every RequestStore + ConversationStore adapter must have (SQLite now, PostgreSQL
 * for several instances). `open` gives a fresh, empty store.
 */
export function requestStoreContract(name: string, open: () => Promise<RequestStoreUnderTest>): void {
  describe(`RequestStore contract: ${name}`, () => {
    let under: RequestStoreUnderTest;
    let store: RequestStore & ConversationStore;

    beforeEach(async () => {
      under = await open();
      store = under.store;
    });
    afterEach(async () => {
      await under.close();
    });

    /** Applies `commands` one by one, saving each step over the version before it. */
    async function drive(request: PrivacyRequest, commands: readonly RequestCommand[], at: string): Promise<PrivacyRequest> {
      let current = request;
      for (const command of commands) {
        const next = apply(current, command, at, command.action === 'route' ? system : dpo);
        if (!(await store.saveRequest(next, current.version, caseAudit(`request.${command.action}`, dpo.id)))) throw new Error(`save of ${command.action} lost`);
        current = next;
      }
      return current;
    }

    it('starts empty', async () => {
      await expect(store.listRequests()).resolves.toEqual([]);
      await expect(store.getRequest('DSR-2026-0001')).resolves.toBeUndefined();
      await expect(store.cardMessages('unknown')).resolves.toEqual([]);
      await expect(store.conversation('user:alice@example.com')).resolves.toBeUndefined();
      await expect(under.auditTrail()).resolves.toEqual([]);
    });

    it('creates a case once per source key: the same key returns the first case, not created', async () => {
      const first = await createCase(store, 'activity:1', '2026-03-02T09:00:00.000Z');
      const again = await createCase(store, 'activity:1', '2026-03-02T09:05:00.000Z');
      expect(first.created).toBe(true);
      expect(first.request).toMatchObject({ number: 'DSR-2026-0001', status: 'received', version: 1 });
      expect(again).toEqual({ request: first.request, created: false });
      await expect(store.listRequests()).resolves.toEqual([first.request]);
      await expect(under.auditTrail()).resolves.toHaveLength(1);
    });

    it('counts numbers per year of receipt', async () => {
      const numbers: string[] = [];
      for (const [key, at] of [
        ['a', '2026-01-05T10:00:00.000Z'],
        ['b', '2026-12-30T10:00:00.000Z'],
        ['c', '2027-01-04T10:00:00.000Z'],
      ] as const) {
        numbers.push((await createCase(store, key, at)).request.number);
      }
      expect(numbers).toEqual(['DSR-2026-0001', 'DSR-2026-0002', 'DSR-2027-0001']);
      expect((await store.listRequests()).map((r) => r.number)).toEqual(numbers);
    });

    it('finds a case by id or by number, in any case of letters', async () => {
      const { request } = await createCase(store, 'a', '2026-03-02T09:00:00.000Z');
      await createCase(store, 'b', '2026-03-02T10:00:00.000Z', 'bob@example.com');
      await expect(store.getRequest(request.id)).resolves.toEqual(request);
      await expect(store.getRequest(request.number)).resolves.toEqual(request);
      await expect(store.getRequest(request.number.toLowerCase())).resolves.toEqual(request);
      await expect(store.getRequest('Dsr-2026-0001')).resolves.toEqual(request);
      await expect(store.getRequest('DSR-2026-9999')).resolves.toBeUndefined();
      await expect(store.getRequest('')).resolves.toBeUndefined();
    });

    it('saves a change only over the version it was made from; a stale save writes and audits nothing', async () => {
      const { request } = await createCase(store, 'a', '2026-03-02T09:00:00.000Z');
      const routed = apply(request, { action: 'route' }, '2026-03-02T09:01:00.000Z', system);
      await expect(store.saveRequest(routed, request.version, caseAudit('request.routed', 'system'))).resolves.toBe(true);
      await expect(store.getRequest(request.id)).resolves.toEqual(routed);
      const trail = await under.auditTrail();
      expect(trail).toHaveLength(2);

      const stale = apply(request, { action: 'withdraw' }, '2026-03-02T09:02:00.000Z', { id: 'alice@example.com', isDpo: false });
      expect(stale.version).toBe(routed.version);
      await expect(store.saveRequest(stale, request.version, caseAudit('request.withdrawn'))).resolves.toBe(false);
      await expect(store.getRequest(request.id)).resolves.toEqual(routed);
      await expect(store.listRequests()).resolves.toEqual([routed]);
      await expect(under.auditTrail()).resolves.toEqual(trail);
    });

    it('appends one audit entry per create and save, targeted at the case, and the chain verifies', async () => {
      const { request } = await createCase(store, 'a', '2026-03-02T09:00:00.000Z');
      const routed = apply(request, { action: 'route' }, '2026-03-02T09:01:00.000Z', system);
      await store.saveRequest(routed, request.version, caseAudit('request.routed', 'system'));
      const rejected = apply(routed, { action: 'reject', reason: 'manifestly unfounded' }, '2026-03-03T10:00:00.000Z');
      await store.saveRequest(rejected, routed.version, { actor: dpo.id, action: 'request.rejected', details: { reason: 'given' } });
      const other = await createCase(store, 'b', '2026-03-04T09:00:00.000Z', 'bob@example.com');
      // Neither a repeated source key nor a stale save adds an entry.
      await createCase(store, 'b', '2026-03-04T09:30:00.000Z', 'bob@example.com');
      await store.saveRequest(routed, request.version, caseAudit('request.routed', 'system'));

      const trail = await under.auditTrail();
      expect(trail.map((e) => [e.seq, e.target, e.action])).toEqual([
        [1, 'request:DSR-2026-0001', 'request.created'],
        [2, 'request:DSR-2026-0001', 'request.routed'],
        [3, 'request:DSR-2026-0001', 'request.rejected'],
        [4, 'request:DSR-2026-0002', 'request.created'],
      ]);
      expect(trail[0]).toMatchObject({ actor: 'alice@example.com', at: '2026-03-02T09:00:00.000Z', details: { version: 1, status: 'received' } });
      expect(trail[2]).toMatchObject({ actor: dpo.id, at: '2026-03-03T10:00:00.000Z', details: { reason: 'given', version: 3, status: 'rejected' } });
      expect(other.request.number).toBe('DSR-2026-0002');
      expect(verifyChain(trail)).toEqual({ ok: true, entries: 4 });
      expect(trail.filter((e) => e.target === `request:${other.request.number}`)).toHaveLength(1);
    });

    it('lists only open cases, or a requester’s cases, or both, when asked', async () => {
      const statuses = [...REQUEST_STATUSES];
      // Every closed status is reached, so the open-only filter is tested against each of them.
      expect(statuses).toEqual(expect.arrayContaining([...CLOSED_STATUSES]));
      const cases: PrivacyRequest[] = [];
      for (const [i, status] of statuses.entries()) {
        const requester = i % 2 === 0 ? 'alice@example.com' : 'bob@example.com';
        const { request } = await createCase(store, `case:${status}`, `2026-03-02T09:${String(i).padStart(2, '0')}:00.000Z`, requester);
        const target = cases[0]?.number ?? 'DSR-2026-0001';
        const driven = await drive(request, PATH_TO[status](target), `2026-03-03T10:${String(i).padStart(2, '0')}:00.000Z`);
        expect(driven.status).toBe(status);
        cases.push(driven);
      }
      const numbers = (list: readonly PrivacyRequest[]) => list.map((r) => r.number);
      const open = cases.filter((r) => !CLOSED_STATUSES.has(r.status));
      expect(open.length).toBeGreaterThan(0);
      expect(open.length).toBeLessThan(cases.length);

      await expect(store.listRequests()).resolves.toEqual(cases);
      await expect(store.listRequests({})).resolves.toEqual(cases);
      await expect(store.listRequests({ openOnly: false })).resolves.toEqual(cases);
      expect(numbers(await store.listRequests({ openOnly: true }))).toEqual(numbers(open));
      await expect(store.listRequests({ openOnly: true })).resolves.toEqual(open);
      expect(numbers(await store.listRequests({ requester: 'bob@example.com' }))).toEqual(numbers(cases.filter((r) => r.requester === 'bob@example.com')));
      expect(numbers(await store.listRequests({ requester: 'alice@example.com', openOnly: true }))).toEqual(numbers(open.filter((r) => r.requester === 'alice@example.com')));
      await expect(store.listRequests({ requester: 'nobody@example.com' })).resolves.toEqual([]);
    });

    it('keeps where cards were posted, per case in order; reposting an activity updates it', async () => {
      const a = (await createCase(store, 'a', '2026-03-02T09:00:00.000Z')).request;
      const b = (await createCase(store, 'b', '2026-03-02T10:00:00.000Z', 'bob@example.com')).request;
      const dpoCard = { requestId: a.id, audience: 'dpo' as const, conversationId: 'conv-dpo', activityId: 'act-1', reference: '{"conversation":{"id":"conv-dpo"}}' };
      const channelCard = { requestId: a.id, audience: 'channel' as const, conversationId: 'conv-channel', activityId: 'act-2', reference: '{"conversation":{"id":"conv-channel"}}' };
      const bobCard = { requestId: b.id, audience: 'requester' as const, conversationId: 'conv-bob', activityId: 'act-3', reference: '{}' };
      await store.recordCardMessage(dpoCard);
      await store.recordCardMessage(channelCard);
      await store.recordCardMessage(bobCard);
      await expect(store.cardMessages(a.id)).resolves.toEqual([dpoCard, channelCard]);
      await expect(store.cardMessages(b.id)).resolves.toEqual([bobCard]);
      // The same (conversation, activity) again is the same message: updated in place, not added.
      await store.recordCardMessage({ ...dpoCard, reference: '{"updated":true}' });
      await expect(store.cardMessages(a.id)).resolves.toEqual([{ ...dpoCard, reference: '{"updated":true}' }, channelCard]);
      // The same activity id in another conversation is another message.
      const elsewhere = { ...bobCard, conversationId: 'conv-bob-2' };
      await store.recordCardMessage(elsewhere);
      await expect(store.cardMessages(b.id)).resolves.toEqual([bobCard, elsewhere]);
      await expect(store.cardMessages('unknown')).resolves.toEqual([]);
    });

    it('keeps conversation references, and a later save without a Teams user id keeps the known one', async () => {
      const at = new Date('2026-03-02T09:00:00.000Z');
      await store.saveConversation({ key: 'user:alice@example.com', teamsUserId: '29:alice', reference: '{"v":1}' }, at);
      await store.saveConversation({ key: 'channel:privacy', reference: '{"c":1}' }, at);
      await expect(store.conversation('user:alice@example.com')).resolves.toEqual({ key: 'user:alice@example.com', teamsUserId: '29:alice', reference: '{"v":1}' });
      await expect(store.conversation('channel:privacy')).resolves.toEqual({ key: 'channel:privacy', reference: '{"c":1}' });
      await store.saveConversation({ key: 'user:alice@example.com', reference: '{"v":2}' }, new Date('2026-03-03T09:00:00.000Z'));
      await expect(store.conversation('user:alice@example.com')).resolves.toEqual({ key: 'user:alice@example.com', teamsUserId: '29:alice', reference: '{"v":2}' });
      // A new Teams user id replaces the known one.
      await store.saveConversation({ key: 'user:alice@example.com', teamsUserId: '29:alice-2', reference: '{"v":3}' }, new Date('2026-03-04T09:00:00.000Z'));
      await expect(store.conversation('user:alice@example.com')).resolves.toEqual({ key: 'user:alice@example.com', teamsUserId: '29:alice-2', reference: '{"v":3}' });
      await expect(store.conversation('channel:privacy')).resolves.toEqual({ key: 'channel:privacy', reference: '{"c":1}' });
      await expect(store.conversation('nobody')).resolves.toBeUndefined();
    });

    it('gives cases created at the same time distinct, consecutive numbers', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => createCase(store, `parallel:${i}`, `2026-03-02T09:${String(i).padStart(2, '0')}:00.000Z`, i % 2 ? 'bob@example.com' : 'alice@example.com')),
      );
      expect(results.every((r) => r.created)).toBe(true);
      const expected = Array.from({ length: 20 }, (_, i) => `DSR-2026-${String(i + 1).padStart(4, '0')}`);
      expect(results.map((r) => r.request.number).sort()).toEqual(expected);
      expect(new Set(results.map((r) => r.request.id)).size).toBe(20);
      expect((await store.listRequests()).map((r) => r.number)).toEqual(expected);
      const trail = await under.auditTrail();
      expect(trail.map((e) => e.target).sort()).toEqual(expected.map((n) => `request:${n}`));
      expect(verifyChain(trail)).toEqual({ ok: true, entries: 20 });
    });

    it('creates one case when the same source key arrives many times at once', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => createCase(store, 'activity:dup', `2026-03-02T09:00:0${i}.000Z`)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const first = results.find((r) => r.created)?.request;
      expect(first?.number).toBe('DSR-2026-0001');
      for (const result of results) expect(result.request).toEqual(first);
      await expect(store.listRequests()).resolves.toEqual([first]);
      await expect(under.auditTrail()).resolves.toHaveLength(1);
    });
  });
}
