import { mkdtempSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrivacyRequest } from '../../../src/domain/requests/request';
import { verifyChain } from '../../../src/ports/store/audit-chain';
import { CorruptRowError, openSqlite } from '../../../src/ports/store/sqlite-database';
import { SqliteGrantStore } from '../../../src/ports/store/sqlite-grant-store.adapter';
import { SqliteRequestStore } from '../../../src/ports/store/sqlite-request-store.adapter';
import { createCase, requestStoreContract } from '../../contract/request-store.contract';

requestStoreContract('SQLite in memory', async () => {
  const db = openSqlite(':memory:');
  const grants = new SqliteGrantStore(db);
  return { store: new SqliteRequestStore(db), auditTrail: () => grants.auditTrail(), close: () => grants.close() };
});

describe('SQLite request store on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-desk-requests-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function storedCase(file: string): Promise<PrivacyRequest> {
    const db = openSqlite(file);
    const { request } = await createCase(new SqliteRequestStore(db), 'a', '2026-03-02T09:00:00.000Z');
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

  it('counts reminders sent before claims were confirmed (schema 2) as sent when upgrading', async () => {
    const file = join(dir, 'db.sqlite');
    const request = await storedCase(file);
    // Back to schema 2: reminders without sent_at, one claimed long ago.
    const old = new Database(file);
    old.exec('ALTER TABLE reminders DROP COLUMN sent_at');
    old.prepare('DELETE FROM schema_migrations WHERE version = 3').run();
    old.prepare('INSERT INTO reminders (request_id, kind, due_date, claimed_at) VALUES (?, ?, ?, ?)').run(request.id, 'dueIn7Days', request.dueDate, '2026-03-25T07:00:00.000Z');
    old.close();
    const db = openSqlite(file);
    const store = new SqliteRequestStore(db);
    await expect(store.claimReminder(request.id, 'dueIn7Days', request.dueDate, new Date('2026-04-01T07:00:00.000Z'), 'instance-a')).resolves.toBe(false);
    db.close();
  });

  it('lets claims from before holders were recorded (schema 3) wait out their lease, whoever beats', async () => {
    const file = join(dir, 'db.sqlite');
    const request = await storedCase(file);
    const old = new Database(file);
    old.prepare('INSERT INTO reminders (request_id, kind, due_date, claimed_at) VALUES (?, ?, ?, ?)').run(request.id, 'announced', 'round-1', '2026-03-25T07:00:00.000Z');
    old.close();
    const db = openSqlite(file);
    const store = new SqliteRequestStore(db);
    await expect(store.claimsHeldElsewhere('instance-a')).resolves.toBe(1);
    await expect(store.claimReminder(request.id, 'announced', 'round-1', new Date('2026-03-25T07:09:59.000Z'), 'instance-a')).resolves.toBe(false);
    await expect(store.claimReminder(request.id, 'announced', 'round-1', new Date('2026-03-25T07:10:00.000Z'), 'instance-a')).resolves.toBe(true);
    await expect(store.claimsHeldElsewhere('instance-a')).resolves.toBe(0);
    await expect(store.claimsHeldElsewhere('instance-b')).resolves.toBe(1);
    db.close();
  });

  it('takes numbers on two connections to one file without clashing', async () => {
    const file = join(dir, 'shared.sqlite');
    const first = openSqlite(file);
    const second = openSqlite(file);
    try {
      const stores = [new SqliteRequestStore(first), new SqliteRequestStore(second)] as const;
      const on = (i: number) => stores[i % 2] as SqliteRequestStore;
      const numbers: string[] = [];
      // One after the other, alternating connections: each sees what the other wrote.
      for (let i = 0; i < 4; i++) numbers.push((await createCase(on(i), `serial:${i}`, `2026-03-02T09:0${i}:00.000Z`)).request.number);
      // Interleaved in flight on both connections.
      const parallel = await Promise.all(Array.from({ length: 6 }, (_, i) => createCase(on(i), `parallel:${i}`, `2026-03-02T10:0${i}:00.000Z`)));
      numbers.push(...parallel.map((r) => r.request.number));
      // The same source key on both connections is still one case.
      const again = await createCase(stores[1], 'serial:0', '2026-03-02T11:00:00.000Z');
      expect(again.created).toBe(false);

      const expected = Array.from({ length: 10 }, (_, i) => `DSR-2026-${String(i + 1).padStart(4, '0')}`);
      expect([...numbers].sort()).toEqual(expected);
      expect((await stores[0].listRequests()).map((r) => r.number)).toEqual(expected);
      expect((await stores[1].listRequests()).map((r) => r.number)).toEqual(expected);
      const trail = await new SqliteGrantStore(second).auditTrail();
      expect(verifyChain(trail)).toEqual({ ok: true, entries: 10 });
    } finally {
      first.close();
      second.close();
    }
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
