import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { verifyChain } from '../../../src/ports/store/audit-chain';
import { SQLITE_MIGRATIONS } from '../../../src/ports/store/sqlite-migrations';
import { CorruptRowError, SqliteGrantStore } from '../../../src/ports/store/sqlite-grant-store.adapter';
import { grantStoreContract } from '../../contract/grant-store.contract';

grantStoreContract('SQLite in memory', async () => SqliteGrantStore.open(':memory:'));

describe('SQLite grant store on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-desk-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const at = new Date('2026-11-26T10:00:00Z');
  const change = { owner: 'alice@example.com', viewer: { kind: 'user' as const, id: 'bob@example.com' }, level: 'team' as const, actor: 'alice@example.com', at };

  it('creates its folder, migrates once and keeps grants across restarts', async () => {
    const file = join(dir, 'nested', 'privacy-desk.sqlite');
    const first = SqliteGrantStore.open(file);
    await first.setUserGrant(change);
    await first.close();
    const second = SqliteGrantStore.open(file);
    await expect(second.listUserGrants()).resolves.toHaveLength(1);
    await second.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual(SQLITE_MIGRATIONS.map((m) => ({ version: m.version })));
    db.close();
  });

  it('refuses to update or delete audit entries', async () => {
    const file = join(dir, 'audit.sqlite');
    const store = SqliteGrantStore.open(file);
    await store.setUserGrant(change);
    await store.close();
    const db = new Database(file);
    expect(() => db.prepare("UPDATE audit_log SET actor = 'mallory@example.com'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    db.close();
  });

  it('detects an edited or deleted audit entry when verifying the chain', async () => {
    const file = join(dir, 'tamper.sqlite');
    const store = SqliteGrantStore.open(file);
    await store.setUserGrant(change);
    await store.setUserGrant({ ...change, level: 'personal' });
    await store.setUserGrant({ ...change, level: 'blocked' });
    await store.close();
    const db = new Database(file);
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    db.prepare("UPDATE audit_log SET actor = 'mallory@example.com' WHERE seq = 2").run();
    db.close();
    const edited = SqliteGrantStore.open(file);
    expect(verifyChain(await edited.auditTrail())).toEqual({ ok: false, seq: 2, problem: 'edited' });
    await edited.close();
    const db2 = new Database(file);
    db2.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    db2.close();
    const deleted = SqliteGrantStore.open(file);
    expect(verifyChain(await deleted.auditTrail())).toEqual({ ok: false, seq: 2, problem: 'missing' });
    await deleted.close();
  });

  it('rejects a corrupt row read back from the database', async () => {
    const file = join(dir, 'corrupt.sqlite');
    const store = SqliteGrantStore.open(file);
    await store.setUserGrant(change);
    await store.close();
    const db = new Database(file);
    db.prepare("UPDATE user_grants SET level = 'vip'").run();
    db.close();
    const reopened = SqliteGrantStore.open(file);
    await expect(reopened.listUserGrants()).rejects.toBeInstanceOf(CorruptRowError);
    await reopened.close();
  });
});
