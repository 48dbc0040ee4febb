import { sql } from 'kysely';
import { openRequest } from '../../src/domain/requests/workflow';
import { verifyChain } from '../../src/ports/store/audit-chain';
import type { Stores } from '../../src/ports/store/sql/stores';

/** A fresh, empty database's stores; `again` opens a second, separate connection to the same database (another instance). */
export interface AuditTrailUnderTest {
  stores: Stores;
  again(): Promise<Stores>;
  close(): Promise<void>;
}

const at = new Date('2026-11-26T10:00:00Z');
const grantChange = (i: number, owner = 'alice@example.com') => ({
  owner,
  viewer: { kind: 'user' as const, id: `viewer${i}@example.com` },
  level: i % 2 === 0 ? ('team' as const) : ('business' as const),
  actor: owner,
  at,
});

async function newCase(stores: Stores, key: string) {
  const now = new Date('2026-03-02T09:00:00.000Z');
  return stores.requests.createRequest(
    key,
    2026,
    (ids) => openRequest({ type: 'access', subject: { kind: 'employee', id: 'alice@example.com', name: 'Alice A' }, requester: 'alice@example.com', channel: 'teams', receivedAt: now.toISOString() }, ids, { now, timeZone: 'Europe/Berlin' }),
    { actor: 'alice@example.com', action: 'request.received', details: {} },
  );
}

/**
 * The behaviour of the audit trail on every database: one hash chain across every store that
 * writes to it, append-only in the database itself, and unbroken when several instances append.
 */
export function auditTrailContract(name: string, open: () => Promise<AuditTrailUnderTest>): void {
  describe(`Audit trail contract: ${name}`, () => {
    let under: AuditTrailUnderTest;
    beforeEach(async () => {
      under = await open();
    });
    afterEach(async () => {
      await under.close();
    });

    it('starts empty, and an empty trail is intact', async () => {
      const entries = await under.stores.audit.entries();
      expect(entries).toEqual([]);
      expect(verifyChain(entries)).toEqual({ ok: true, entries: 0 });
    });

    it('chains the entries of grants and cases into one trail, in order', async () => {
      await under.stores.grants.setUserGrant(grantChange(1));
      await newCase(under.stores, 'a');
      await under.stores.grants.setUserGrant(grantChange(2));
      const entries = await under.stores.audit.entries();
      expect(entries.map((e) => [e.seq, e.action])).toEqual([
        [1, 'grant.set'],
        [2, 'request.received'],
        [3, 'grant.set'],
      ]);
      expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
      expect(verifyChain(entries)).toEqual({ ok: true, entries: 3 });
      await expect(under.stores.grants.auditTrail()).resolves.toEqual(entries);
    });

    it('records what was done outside the stores in the same chain', async () => {
      await under.stores.grants.setUserGrant(grantChange(1));
      await under.stores.audit.append({ at: at.toISOString(), actor: 'system', action: 'retention.purge', target: 'source:journal', details: { category: 'H', deleted: 12 } });
      const entries = await under.stores.audit.entries();
      expect(entries.map((e) => [e.seq, e.action, e.target, e.details])).toEqual([
        [1, 'grant.set', expect.any(String), expect.any(Object)],
        [2, 'retention.purge', 'source:journal', { category: 'H', deleted: 12 }],
      ]);
      expect(verifyChain(entries)).toEqual({ ok: true, entries: 2 });
    });

    it('selects by an exact target prefix, wildcards and case included, and limits', async () => {
      await under.stores.grants.setUserGrant(grantChange(1, 'a_b@example.com'));
      await under.stores.grants.setUserGrant(grantChange(2, 'axb@example.com'));
      await under.stores.grants.setUserGrant(grantChange(3, 'a%b@example.com'));
      await newCase(under.stores, 'a');
      const targets = async (prefix: string) => (await under.stores.audit.entries({ targetPrefix: prefix })).map((e) => e.target);
      await expect(targets('user:a_b@')).resolves.toEqual(['user:a_b@example.com→user:viewer1@example.com']);
      await expect(targets('user:a%')).resolves.toEqual(['user:a%b@example.com→user:viewer3@example.com']);
      await expect(targets('request:DSR-2026-0001')).resolves.toHaveLength(1);
      await expect(targets('request:dsr-2026-0001')).resolves.toEqual([]);
      await expect(under.stores.audit.entries({ limit: 2 })).resolves.toHaveLength(2);
    });

    it('refuses, in the database itself, to change or remove an entry', async () => {
      await under.stores.grants.setUserGrant(grantChange(1));
      const db = under.stores.database.db;
      // Matched by message: better-sqlite3's native part makes its errors in the first test file's
      // realm of a Jest worker, which \`toThrow\` does not take for errors in the next.
      const refused = { message: expect.stringMatching(/append-only/) };
      await expect(sql`UPDATE audit_log SET actor = 'mallory@example.com'`.execute(db)).rejects.toMatchObject(refused);
      await expect(sql`DELETE FROM audit_log`.execute(db)).rejects.toMatchObject(refused);
      expect(verifyChain(await under.stores.audit.entries())).toEqual({ ok: true, entries: 1 });
    });

    it('stays one unbroken chain when two instances append at once', async () => {
      const other = await under.again();
      try {
        const writes = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? under.stores : other).grants.setUserGrant(grantChange(i, i % 3 === 0 ? 'bob@example.com' : 'alice@example.com')));
        const cases = Array.from({ length: 10 }, (_, i) => newCase(i % 2 === 0 ? under.stores : other, `case-${i}`));
        await Promise.all([...writes, ...cases]);
        const entries = await other.audit.entries();
        expect(entries).toHaveLength(70);
        expect(verifyChain(entries)).toEqual({ ok: true, entries: 70 });
      } finally {
        await other.close();
      }
    });
  });
}
