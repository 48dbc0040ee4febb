import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { PrivacyRequest } from '../../../src/domain/requests/request';
import { type NewRequest, type RequestCommand, applyCommand, openRequest } from '../../../src/domain/requests/workflow';
import { verifyChain } from '../../../src/ports/store/audit-chain';
import { CorruptRowError, openSqlite } from '../../../src/ports/store/sqlite-database';
import { SqliteGrantStore } from '../../../src/ports/store/sqlite-grant-store.adapter';
import { SqliteRequestStore } from '../../../src/ports/store/sqlite-request-store.adapter';

const timeZone = 'Europe/Berlin';
const dpo = { id: 'dana.dpo@example.com', isDpo: true };
const audit = (action: string) => ({ actor: 'alice@example.com', action, details: {} });

function input(receivedAt: string, requester = 'alice@example.com'): NewRequest {
  return { type: 'access', subject: { kind: 'employee', id: requester, name: 'Alice A' }, requester, channel: 'teams', receivedAt };
}

/** A new case through the workflow, received (and recorded) at `receivedAt`. */
async function create(store: SqliteRequestStore, sourceKey: string, receivedAt: string, requester?: string) {
  const now = new Date(receivedAt);
  return store.createRequest(sourceKey, now.getUTCFullYear(), (ids) => openRequest(input(receivedAt, requester), ids, { now, timeZone }), audit('request.created'));
}

function apply(request: PrivacyRequest, command: RequestCommand, at: string, actor: { id: string; isDpo: boolean; system?: boolean } = dpo): PrivacyRequest {
  const result = applyCommand(request, command, actor, { now: new Date(at), timeZone });
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('SQLite request store', () => {
  let db: Database.Database;
  let store: SqliteRequestStore;
  let grants: SqliteGrantStore;
  beforeEach(() => {
    db = openSqlite(':memory:');
    store = new SqliteRequestStore(db);
    grants = new SqliteGrantStore(db);
  });
  afterEach(() => db.close());

  it('creates a case once per source key: the same key returns the first case, not created', async () => {
    const first = await create(store, 'activity:1', '2026-03-02T09:00:00.000Z');
    const again = await create(store, 'activity:1', '2026-03-02T09:05:00.000Z');
    expect(first.created).toBe(true);
    expect(again).toEqual({ request: first.request, created: false });
    await expect(store.listRequests()).resolves.toHaveLength(1);
    await expect(grants.auditTrail()).resolves.toHaveLength(1);
  });

  it('counts numbers per year of receipt', async () => {
    const numbers = [];
    for (const [key, at] of [
      ['a', '2026-01-05T10:00:00.000Z'],
      ['b', '2026-12-30T10:00:00.000Z'],
      ['c', '2027-01-04T10:00:00.000Z'],
    ] as const) {
      numbers.push((await create(store, key, at)).request.number);
    }
    expect(numbers).toEqual(['DSR-2026-0001', 'DSR-2026-0002', 'DSR-2027-0001']);
    expect((await store.listRequests()).map((r) => r.number)).toEqual(numbers);
  });

  it('finds a case by id or by number, in any case of letters', async () => {
    const { request } = await create(store, 'a', '2026-03-02T09:00:00.000Z');
    await expect(store.getRequest(request.id)).resolves.toEqual(request);
    await expect(store.getRequest(request.number.toLowerCase())).resolves.toEqual(request);
    await expect(store.getRequest('DSR-2026-9999')).resolves.toBeUndefined();
  });

  it('saves a change only over the version it was made from; a stale save writes nothing', async () => {
    const { request } = await create(store, 'a', '2026-03-02T09:00:00.000Z');
    const routed = apply(request, { action: 'route' }, '2026-03-02T09:01:00.000Z', { id: 'system', isDpo: false, system: true });
    await expect(store.saveRequest(routed, request.version, audit('request.routed'))).resolves.toBe(true);
    const trail = await grants.auditTrail();

    const stale = apply(request, { action: 'withdraw' }, '2026-03-02T09:02:00.000Z', { id: 'alice@example.com', isDpo: false });
    await expect(store.saveRequest(stale, request.version, audit('request.withdrawn'))).resolves.toBe(false);
    await expect(store.getRequest(request.id)).resolves.toEqual(routed);
    await expect(grants.auditTrail()).resolves.toEqual(trail);
  });

  it('appends one audit entry per create and save, targeted at the case, and the chain verifies', async () => {
    const { request } = await create(store, 'a', '2026-03-02T09:00:00.000Z');
    const routed = apply(request, { action: 'route' }, '2026-03-02T09:01:00.000Z', { id: 'system', isDpo: false, system: true });
    await store.saveRequest(routed, request.version, audit('request.routed'));
    const rejected = apply(routed, { action: 'reject', reason: 'manifestly unfounded' }, '2026-03-03T10:00:00.000Z');
    await store.saveRequest(rejected, routed.version, { actor: dpo.id, action: 'request.rejected', details: { reason: 'given' } });
    const other = await create(store, 'b', '2026-03-04T09:00:00.000Z', 'bob@example.com');

    const trail = await grants.auditTrail();
    expect(trail.map((e) => [e.seq, e.target, e.action])).toEqual([
      [1, 'request:DSR-2026-0001', 'request.created'],
      [2, 'request:DSR-2026-0001', 'request.routed'],
      [3, 'request:DSR-2026-0001', 'request.rejected'],
      [4, 'request:DSR-2026-0002', 'request.created'],
    ]);
    expect(trail[2]).toMatchObject({ actor: dpo.id, at: '2026-03-03T10:00:00.000Z', details: { reason: 'given', version: 3, status: 'rejected' } });
    expect(other.request.number).toBe('DSR-2026-0002');
    expect(verifyChain(trail)).toEqual({ ok: true, entries: 4 });
    await expect(grants.auditTrail({ targetPrefix: 'request:DSR-2026-0002' })).resolves.toHaveLength(1);
  });

  it('claims a reminder once per case and due date; a released one can be claimed again', async () => {
    const { request } = await create(store, 'a', '2026-03-02T09:00:00.000Z');
    const at = new Date('2026-03-25T07:00:00.000Z');
    await expect(store.claimReminder(request.id, 'dueIn7Days', request.dueDate, at)).resolves.toBe(true);
    await expect(store.claimReminder(request.id, 'dueIn7Days', request.dueDate, at)).resolves.toBe(false);
    // Another reminder, or the same one for a later (extended) due date, is a different claim.
    await expect(store.claimReminder(request.id, 'dueIn1Day', request.dueDate, at)).resolves.toBe(true);
    await expect(store.claimReminder(request.id, 'dueIn7Days', '2026-05-02', at)).resolves.toBe(true);
    await store.releaseReminder(request.id, 'dueIn7Days', request.dueDate);
    await expect(store.claimReminder(request.id, 'dueIn7Days', request.dueDate, at)).resolves.toBe(true);
    await expect(store.claimReminder(request.id, 'dueIn7Days', request.dueDate, at)).resolves.toBe(false);
  });

  it('keeps where cards were posted, per case in order; reposting an activity updates it', async () => {
    const a = (await create(store, 'a', '2026-03-02T09:00:00.000Z')).request;
    const b = (await create(store, 'b', '2026-03-02T10:00:00.000Z', 'bob@example.com')).request;
    const dpoCard = { requestId: a.id, audience: 'dpo' as const, conversationId: 'conv-dpo', activityId: 'act-1', reference: '{"conversation":{"id":"conv-dpo"}}' };
    const channelCard = { requestId: a.id, audience: 'channel' as const, conversationId: 'conv-channel', activityId: 'act-2', reference: '{"conversation":{"id":"conv-channel"}}' };
    await store.recordCardMessage(dpoCard);
    await store.recordCardMessage(channelCard);
    await store.recordCardMessage({ requestId: b.id, audience: 'requester', conversationId: 'conv-bob', activityId: 'act-3', reference: '{}' });
    await expect(store.cardMessages(a.id)).resolves.toEqual([dpoCard, channelCard]);
    await store.recordCardMessage({ ...dpoCard, reference: '{"updated":true}' });
    await expect(store.cardMessages(a.id)).resolves.toEqual([{ ...dpoCard, reference: '{"updated":true}' }, channelCard]);
    await expect(store.cardMessages('unknown')).resolves.toEqual([]);
  });

  it('keeps conversation references, and a later save without a Teams user id keeps the known one', async () => {
    const at = new Date('2026-03-02T09:00:00.000Z');
    await store.saveConversation({ key: 'user:alice@example.com', teamsUserId: '29:alice', reference: '{"v":1}' }, at);
    await store.saveConversation({ key: 'channel:privacy', reference: '{"c":1}' }, at);
    await expect(store.conversation('user:alice@example.com')).resolves.toEqual({ key: 'user:alice@example.com', teamsUserId: '29:alice', reference: '{"v":1}' });
    await expect(store.conversation('channel:privacy')).resolves.toEqual({ key: 'channel:privacy', reference: '{"c":1}' });
    await store.saveConversation({ key: 'user:alice@example.com', reference: '{"v":2}' }, at);
    await expect(store.conversation('user:alice@example.com')).resolves.toEqual({ key: 'user:alice@example.com', teamsUserId: '29:alice', reference: '{"v":2}' });
    await expect(store.conversation('nobody')).resolves.toBeUndefined();
  });

  it('only lists open cases, or a requester’s cases, when asked', async () => {
    const { request } = await create(store, 'a', '2026-03-02T09:00:00.000Z');
    await create(store, 'b', '2026-03-02T10:00:00.000Z', 'bob@example.com');
    const withdrawn = apply(request, { action: 'withdraw' }, '2026-03-02T11:00:00.000Z', { id: 'alice@example.com', isDpo: false });
    await store.saveRequest(withdrawn, request.version, audit('request.withdrawn'));
    expect((await store.listRequests({ openOnly: true })).map((r) => r.number)).toEqual(['DSR-2026-0002']);
    expect((await store.listRequests({ requester: 'alice@example.com' })).map((r) => r.status)).toEqual(['withdrawn']);
  });
});

describe('SQLite request store on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-desk-requests-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function storedCase(file: string): Promise<PrivacyRequest> {
    const db = openSqlite(file);
    const { request } = await create(new SqliteRequestStore(db), 'a', '2026-03-02T09:00:00.000Z');
    db.close();
    return request;
  }

  it('keeps cases across restarts', async () => {
    const file = join(dir, 'db.sqlite');
    const request = await storedCase(file);
    const db = openSqlite(file);
    await expect(new SqliteRequestStore(db).getRequest(request.number)).resolves.toEqual(request);
    db.close();
  });

  it('rejects a case whose stored data does not have the shape of a case', async () => {
    const file = join(dir, 'db.sqlite');
    const request = await storedCase(file);
    const db = openSqlite(file);
    db.prepare('UPDATE requests SET data = ?').run(JSON.stringify({ ...request, status: 'lost' }));
    const store = new SqliteRequestStore(db);
    await expect(store.getRequest(request.id)).rejects.toBeInstanceOf(CorruptRowError);
    await expect(store.listRequests()).rejects.toBeInstanceOf(CorruptRowError);
    db.close();
  });

  it('rejects a case whose stored data is not JSON at all', async () => {
    const file = join(dir, 'db.sqlite');
    const request = await storedCase(file);
    const db = openSqlite(file);
    try {
      db.prepare('UPDATE requests SET data = ?').run('{"id": "truncated');
      await expect(new SqliteRequestStore(db).getRequest(request.id)).rejects.toBeInstanceOf(CorruptRowError);
    } finally {
      db.close();
    }
  });
});
