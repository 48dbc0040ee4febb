import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { verifyChain } from '../../../src/ports/store/audit-chain';
import { SqlDatabase } from '../../../src/ports/store/sql/database';
import { migrations } from '../../../src/ports/store/sql/migrations';
import { type Stores, openStores } from '../../../src/ports/store/sql/stores';
import { auditTrailContract } from '../../contract/audit-trail.contract';
import { claimStoreContract } from '../../contract/claim-store.contract';
import { jobStoreContract } from '../../contract/job-store.contract';
import { grantStoreContract } from '../../contract/grant-store.contract';
import { createCase, requestStoreContract } from '../../contract/request-store.contract';
import { runCli } from '../../support/cli';
import { usePostgres } from '../../support/databases';

/** The stores on PostgreSQL: every contract the SQLite stores pass, and several processes on one database. */
const { postgres, describeIf } = usePostgres();
const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..', '..');


const fresh = async (): Promise<Stores> => openStores(await postgres.fresh());

describeIf('stores on PostgreSQL', () => {
  grantStoreContract('PostgreSQL', async () => (await fresh()).grants);
  requestStoreContract('PostgreSQL', async () => {
    const stores = await fresh();
    return { store: stores.requests, auditTrail: () => stores.audit.entries(), close: () => stores.close() };
  });
  claimStoreContract('PostgreSQL', async () => {
    const stores = await fresh();
    return { claims: stores.claims, close: () => stores.close() };
  });
  jobStoreContract('PostgreSQL', async () => {
    const stores = await fresh();
    return { jobs: stores.jobs, close: () => stores.close() };
  });
  auditTrailContract('PostgreSQL, two connection pools', async () => {
    const target = await postgres.fresh();
    const stores = await openStores(target);
    const opened: Stores[] = [stores];
    return {
      stores,
      again: async () => {
        const other = await openStores(target);
        opened.push(other);
        return other;
      },
      close: async () => {
        for (const each of opened) await each.close();
      },
    };
  });

  describe('PostgreSQL database', () => {
    it('migrates a new database once, even when two instances start at the same moment', async () => {
      const target = await postgres.fresh();
      const [first, second] = await Promise.all([SqlDatabase.open(target), SqlDatabase.open(target)]);
      try {
        await expect(first.pendingMigrations()).resolves.toEqual([]);
        const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(second.db);
        expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations('postgres')));
        await expect(second.migrate()).resolves.toEqual([]);
      } finally {
        await first.close();
        await second.close();
      }
    });

    it('refuses to empty the audit trail with TRUNCATE', async () => {
      const stores = await fresh();
      try {
        await createCase(stores.requests, 'a', '2026-03-02T09:00:00.000Z');
        await expect(sql`TRUNCATE audit_log`.execute(stores.database.db)).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) });
        await expect(stores.audit.entries()).resolves.toHaveLength(1);
      } finally {
        await stores.close();
      }
    });

    it('keeps one unbroken audit chain when two processes append 1,000 entries each', async () => {
      const target = await postgres.fresh();
      if (target.kind !== 'postgres') throw new Error('expected PostgreSQL');
      // Migrated first, so that both processes start appending at once.
      await (await openStores(target)).close();
      const appender = (name: string) =>
        run(process.execPath, ['-r', join(ROOT, 'test', 'support', 'ts-register.cjs'), join(ROOT, 'test', 'support', 'audit-appender.ts'), target.url, name, '1000'], { cwd: ROOT, timeout: 120_000 });
      const outputs = await Promise.all([appender('one'), appender('two')]);
      expect(outputs.map((o) => o.stdout.trim())).toEqual(['1000', '1000']);
      const stores = await openStores(target);
      try {
        const entries = await stores.audit.entries();
        expect(entries).toHaveLength(2000);
        expect(verifyChain(entries)).toEqual({ ok: true, entries: 2000 });
        expect(new Set(entries.map((e) => e.actor))).toEqual(new Set(['one@example.com', 'two@example.com']));
        await expect(runCli('audit', 'verify', '--database', target.url)).resolves.toMatchObject({ code: 0, out: expect.stringContaining('audit trail intact: 2000 entries') });
      } finally {
        await stores.close();
      }
    }, 150_000);
  });
});
