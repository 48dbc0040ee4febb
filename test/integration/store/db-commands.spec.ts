import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyChain } from '../../../src/ports/store/audit-chain';
import { openStores } from '../../../src/ports/store/sql/stores';
import { runCli } from '../../support/cli';
import { tempSqlite, usePostgres } from '../../support/databases';

/** `db migrate`, `db copy`, and the reading commands on either database. */
const { postgres, describeIf } = usePostgres();
const LEGACY = join(__dirname, '..', '..', 'fixtures', 'legacy-schema-4.sqlite');


describeIf('db commands', () => {
  let temp: ReturnType<typeof tempSqlite>;
  beforeEach(() => {
    temp = tempSqlite();
    copyFileSync(LEGACY, temp.target.file);
  });
  afterEach(() => temp.remove());

  const postgresUrl = async (): Promise<string> => {
    const target = await postgres.fresh();
    if (target.kind !== 'postgres') throw new Error('expected PostgreSQL');
    return target.url;
  };

  it('migrates an older database in place, and says so; a second run finds it up to date', async () => {
    const first = await runCli('db', 'migrate', '--database', temp.target.file, '--json');
    expect(first.code).toBe(0);
    // The four migrations the file had applied before the query builder are recorded (not run again); the fifth runs.
    expect(JSON.parse(first.out)).toMatchObject({ applied: expect.arrayContaining(['0001_grants_and_audit_trail', '0005_claims_and_card_order']), upToDate: true });
    const second = await runCli('db', 'migrate', '--database', temp.target.file);
    expect(second.out).toContain('up to date');
    await expect(runCli('audit', 'verify', '--database', temp.target.file)).resolves.toMatchObject({ code: 0, out: expect.stringContaining('audit trail intact: 11 entries') });
  });

  it('copies an embedded installation into PostgreSQL with everything, and the commands read it there', async () => {
    await runCli('db', 'migrate', '--database', temp.target.file);
    const url = await postgresUrl();
    const copied = await runCli('db', 'copy', '--from', temp.target.file, '--to', url, '--json');
    expect(copied.err).toBe('');
    expect(copied.code).toBe(0);
    const report = JSON.parse(copied.out) as { to: string; rows: Record<string, number>; audit: { entries: number; intact: boolean } };
    expect(report.rows).toMatchObject({ settings: 3, admin_grants: 2, user_grants: 3, audit_log: 11, requests: 2, conversations: 1, card_messages: 3, claims: 2 });
    expect(report.audit).toMatchObject({ entries: 11, intact: true });
    // No credentials in what it prints.
    expect(report.to).toBe(`postgres://127.0.0.1:5432/${postgres.name}`);

    await expect(runCli('audit', 'verify', '--database', url)).resolves.toMatchObject({ code: 0, out: expect.stringContaining('audit trail intact: 11 entries') });
    const listed = await runCli('requests', '--database', url, '--json');
    expect((JSON.parse(listed.out) as { number: string }[]).map((c) => c.number)).toEqual(['DSR-2026-0001', 'DSR-2026-0002']);

    // The copy runs on: new entries continue its chain, numbers continue its count.
    const stores = await openStores({ kind: 'postgres', url });
    try {
      await stores.grants.setUserGrant({ owner: 'alice@example.com', viewer: { kind: 'user', id: 'frank@example.com' }, level: 'team', actor: 'alice@example.com', at: new Date('2026-12-01T09:00:00Z') });
      expect(verifyChain(await stores.audit.entries())).toEqual({ ok: true, entries: 12 });
      const policy = await stores.grants.loadAdminPolicy();
      expect(policy?.externalDomains.get('partner.example')).toBe('business');
    } finally {
      await stores.close();
    }

    // A target with data is refused, unless told to replace it.
    const again = await runCli('db', 'copy', '--from', temp.target.file, '--to', url);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already holds data');
    const replaced = await runCli('db', 'copy', '--from', temp.target.file, '--to', url, '--replace');
    expect(replaced.code).toBe(0);
    await expect(runCli('audit', 'verify', '--database', url, '--json')).resolves.toMatchObject({ code: 0, out: expect.stringContaining('"entries": 11') });
  });

  it('refuses a source that is not at this version, and one that is no database', async () => {
    const url = await postgresUrl();
    const old = await runCli('db', 'copy', '--from', temp.target.file, '--to', url);
    expect(old.code).toBe(1);
    expect(old.err).toContain('db migrate');
    const missing = await runCli('db', 'copy', '--from', join(temp.dir, 'nothing.sqlite'), '--to', url);
    expect(missing.code).toBe(2);
  });

  it('copies PostgreSQL back into a new SQLite file', async () => {
    await runCli('db', 'migrate', '--database', temp.target.file);
    const url = await postgresUrl();
    await runCli('db', 'copy', '--from', temp.target.file, '--to', url);
    const back = join(temp.dir, 'back.sqlite');
    const copied = await runCli('db', 'copy', '--from', url, '--to', back);
    expect(copied.code).toBe(0);
    await expect(runCli('audit', 'verify', '--database', back)).resolves.toMatchObject({ code: 0, out: expect.stringContaining('intact: 11 entries') });
  });
});
