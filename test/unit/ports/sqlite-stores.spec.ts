import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { PrivacyRequest } from '../../../src/domain/requests/request';
import { verifyChain } from '../../../src/ports/store/audit-chain';
import { SqlDatabase } from '../../../src/ports/store/sql/database';
import { migrations } from '../../../src/ports/store/sql/migrations';
import { CorruptRowError } from '../../../src/ports/store/sql/rows';
import { type Stores, openStores } from '../../../src/ports/store/sql/stores';
import { auditTrailContract } from '../../contract/audit-trail.contract';
import { claimStoreContract } from '../../contract/claim-store.contract';
import { jobStoreContract } from '../../contract/job-store.contract';
import { grantStoreContract } from '../../contract/grant-store.contract';
import { createCase, requestStoreContract } from '../../contract/request-store.contract';
import { tempSqlite } from '../../support/databases';

/** The stores on the embedded database: every contract, then what only a SQLite file shows. */
const memory = (): Promise<Stores> => openStores({ kind: 'sqlite', file: ':memory:' });

grantStoreContract('SQLite in memory', async () => (await memory()).grants);
requestStoreContract('SQLite in memory', async () => {
  const stores = await memory();
  return { store: stores.requests, auditTrail: () => stores.audit.entries(), close: () => stores.close() };
});
claimStoreContract('SQLite in memory', async () => {
  const stores = await memory();
  return { claims: stores.claims, close: () => stores.close() };
});
jobStoreContract('SQLite in memory', async () => {
  const stores = await memory();
  return { jobs: stores.jobs, close: () => stores.close() };
});
auditTrailContract('SQLite file, two connections', async () => {
  const temp = tempSqlite();
  const stores = await openStores(temp.target);
  const opened: Stores[] = [stores];
  return {
    stores,
    again: async () => {
      const other = await openStores(temp.target);
      opened.push(other);
      return other;
    },
    close: async () => {
      for (const each of opened) await each.close();
      temp.remove();
    },
  };
});

describe('SQLite database file', () => {
  let temp: ReturnType<typeof tempSqlite>;
  beforeEach(() => {
    temp = tempSqlite();
  });
  afterEach(() => temp.remove());

  const at = new Date('2026-11-26T10:00:00Z');
  const change = { owner: 'alice@example.com', viewer: { kind: 'user' as const, id: 'bob@example.com' }, level: 'team' as const, actor: 'alice@example.com', at };

  async function storedCase(): Promise<PrivacyRequest> {
    const stores = await openStores(temp.target);
    const { request } = await createCase(stores.requests, 'a', '2026-03-02T09:00:00.000Z');
    await stores.close();
    return request;
  }

  it('creates its folder, migrates once and keeps grants and cases across restarts', async () => {
    const file = join(temp.dir, 'nested', 'privacy-desk.sqlite');
    const first = await openStores({ kind: 'sqlite', file });
    await first.grants.setUserGrant(change);
    const { request } = await createCase(first.requests, 'a', '2026-03-02T09:00:00.000Z');
    await first.close();
    const second = await openStores({ kind: 'sqlite', file });
    await expect(second.grants.listUserGrants()).resolves.toHaveLength(1);
    await expect(second.requests.getRequest(request.number)).resolves.toEqual(request);
    await expect(second.database.pendingMigrations()).resolves.toEqual([]);
    await expect(second.database.migrate()).resolves.toEqual([]);
    await second.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT name FROM kysely_migration ORDER BY name').all()).toEqual(Object.keys(migrations('sqlite')).map((name) => ({ name })));
    raw.close();
  });

  it('upgrades in place a database written before the query builder, keeping every row and its audit chain', async () => {
    // Written by the embedded store of the previous version (schema 4: grants, cases, card
    // messages, a conversation, one claim sent and one still held): see test/fixtures/README.md.
    copyFileSync(join(__dirname, '..', '..', 'fixtures', 'legacy-schema-4.sqlite'), temp.target.file);
    const before = new Database(temp.target.file, { readonly: true });
    const trailBefore = before.prepare('SELECT * FROM audit_log ORDER BY seq').all();
    before.close();

    const stores = await openStores(temp.target);
    try {
      const trail = await stores.audit.entries();
      expect(trail).toHaveLength(trailBefore.length);
      expect(verifyChain(trail)).toEqual({ ok: true, entries: 11 });
      expect(trail.map((e) => e.hash)).toEqual(trailBefore.map((row) => (row as { hash: string }).hash));
      await expect(stores.grants.listUserGrants()).resolves.toHaveLength(3);
      const policy = await stores.grants.loadAdminPolicy();
      expect(policy?.grants).toHaveLength(2);
      expect(policy?.externalDomains.get('partner.example')).toBe('business');
      const cases = await stores.requests.listRequests();
      expect(cases.map((c) => [c.number, c.status])).toEqual([
        ['DSR-2026-0001', 'awaitingDecision'],
        ['DSR-2026-0002', 'received'],
      ]);
      const [first, second] = cases as [PrivacyRequest, PrivacyRequest];
      // Card messages keep the order they were recorded in.
      expect((await stores.requests.cardMessages(first.id)).map((m) => m.activityId)).toEqual(['1:card', '1:mine']);
      await expect(stores.requests.conversation('user:alice@example.com')).resolves.toEqual({ key: 'user:alice@example.com', teamsUserId: '29:alice', reference: '{"v":1}' });
      // The claims moved over: the sent one is never claimed again, the held one waits for its holder.
      const now = new Date('2026-11-02T09:00:30.000Z');
      await expect(stores.claims.claim({ subject: first.id, mark: 'announced', round: 'round-1' }, now, 'instance-new')).resolves.toBe(false);
      await expect(stores.claims.heldElsewhere('instance-new')).resolves.toBe(1);
      await expect(stores.claims.claim({ subject: second.id, mark: 'announced', round: 'round-1' }, now, 'instance-new')).resolves.toBe(false);
      // New entries continue the old chain.
      await stores.grants.setUserGrant(change);
      await createCase(stores.requests, 'after-upgrade', '2026-11-03T09:00:00.000Z');
      expect((await stores.requests.listRequests()).at(-1)?.number).toBe('DSR-2026-0003');
      expect(verifyChain(await stores.audit.entries())).toEqual({ ok: true, entries: 13 });
      await expect(stores.database.pendingMigrations()).resolves.toEqual([]);
    } finally {
      await stores.close();
    }
  });

  it('opens an existing file read-only without migrating or writing it', async () => {
    copyFileSync(join(__dirname, '..', '..', 'fixtures', 'legacy-schema-4.sqlite'), temp.target.file);
    const reader = await SqlDatabase.open(temp.target, { migrate: false, readOnly: true });
    try {
      await expect(reader.hasTable('audit_log')).resolves.toBe(true);
      await expect(reader.hasTable('claims')).resolves.toBe(false);
      await expect(reader.pendingMigrations()).resolves.toEqual(Object.keys(migrations('sqlite')));
    } finally {
      await reader.close();
    }
  });

  it('detects an edited or deleted audit entry when verifying the chain', async () => {
    const stores = await openStores(temp.target);
    await stores.grants.setUserGrant(change);
    await stores.grants.setUserGrant({ ...change, level: 'personal' });
    await stores.grants.setUserGrant({ ...change, level: 'blocked' });
    await stores.close();
    const db = new Database(temp.target.file);
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    db.prepare("UPDATE audit_log SET actor = 'mallory@example.com' WHERE seq = 2").run();
    db.close();
    const edited = await openStores(temp.target);
    expect(verifyChain(await edited.audit.entries())).toEqual({ ok: false, seq: 2, problem: 'edited' });
    await edited.close();
    const db2 = new Database(temp.target.file);
    db2.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    db2.close();
    const deleted = await openStores(temp.target);
    expect(verifyChain(await deleted.audit.entries())).toEqual({ ok: false, seq: 2, problem: 'missing' });
    await deleted.close();
  });

  it('rejects a corrupt grant row read back from the database', async () => {
    const stores = await openStores(temp.target);
    await stores.grants.setUserGrant(change);
    await stores.close();
    const db = new Database(temp.target.file);
    db.prepare("UPDATE user_grants SET level = 'vip'").run();
    db.close();
    const reopened = await openStores(temp.target);
    await expect(reopened.grants.listUserGrants()).rejects.toBeInstanceOf(CorruptRowError);
    await reopened.close();
  });

  it('takes case numbers on two connections to one file without clashing', async () => {
    const first = await openStores(temp.target);
    const second = await openStores(temp.target);
    try {
      const on = (i: number) => (i % 2 === 0 ? first : second).requests;
      const numbers: string[] = [];
      for (let i = 0; i < 4; i++) numbers.push((await createCase(on(i), `serial:${i}`, `2026-03-02T09:0${i}:00.000Z`)).request.number);
      const parallel = await Promise.all(Array.from({ length: 6 }, (_, i) => createCase(on(i), `parallel:${i}`, `2026-03-02T10:0${i}:00.000Z`)));
      numbers.push(...parallel.map((r) => r.request.number));
      const again = await createCase(second.requests, 'serial:0', '2026-03-02T11:00:00.000Z');
      expect(again.created).toBe(false);
      const expected = Array.from({ length: 10 }, (_, i) => `DSR-2026-${String(i + 1).padStart(4, '0')}`);
      expect([...numbers].sort()).toEqual(expected);
      expect((await first.requests.listRequests()).map((r) => r.number)).toEqual(expected);
      expect(verifyChain(await second.audit.entries())).toEqual({ ok: true, entries: 10 });
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('rejects a case whose stored data is not a case, or not JSON at all', async () => {
    const request = await storedCase();
    const db = new Database(temp.target.file);
    db.prepare('UPDATE requests SET data = ?').run(JSON.stringify({ ...request, status: 'lost' }));
    db.close();
    const stores = await openStores(temp.target);
    await expect(stores.requests.getRequest(request.id)).rejects.toBeInstanceOf(CorruptRowError);
    await expect(stores.requests.listRequests()).rejects.toBeInstanceOf(CorruptRowError);
    await stores.close();
    const db2 = new Database(temp.target.file);
    db2.prepare('UPDATE requests SET data = ?').run('{"id": "truncated');
    db2.close();
    const again = await openStores(temp.target);
    await expect(again.requests.getRequest(request.id)).rejects.toBeInstanceOf(CorruptRowError);
    await again.close();
  });
});
