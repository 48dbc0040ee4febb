import { ReportLinks } from '../../../src/ports/links/report-links';
import { openStores } from '../../../src/ports/store/sql/stores';

describe('report download links', () => {
  const caseId = '3f2a9c1e-7b4d-4e2a-9f1c-0d5e6a7b8c9d';
  let now = new Date('2026-12-05T10:00:00Z');
  const clock = { now: () => now };

  it('open once, for the case they name, until they expire; forged or altered links open nothing', async () => {
    const stores = await openStores({ kind: 'sqlite', file: ':memory:' });
    try {
      const links = new ReportLinks(Buffer.alloc(32, 7), stores.claims, clock, { publicUrl: 'https://desk.example.com', hours: 72, instance: 'i1' });
      const { url, expiresAt } = links.issue(caseId);
      expect(expiresAt.toISOString()).toBe('2026-12-08T10:00:00.000Z');
      const token = url.replace('https://desk.example.com/reports/', '');
      // Short enough for the router's limit on a path parameter (100 characters).
      expect(token.length).toBeLessThan(100);
      const other = new ReportLinks(Buffer.alloc(32, 8), stores.claims, clock, { publicUrl: 'x', hours: 72, instance: 'i2' });
      expect(await other.redeem(token)).toEqual({ kind: 'invalid' });
      const [body, signature] = token.split('.') as [string, string];
      const flipped = `${body.slice(0, 5)}${body[5] === 'A' ? 'B' : 'A'}${body.slice(6)}.${signature}`;
      expect(await links.redeem(flipped)).toEqual({ kind: 'invalid' });
      expect(await links.redeem('x.y.z')).toEqual({ kind: 'invalid' });
      expect(await links.redeem(token)).toEqual({ kind: 'ok', caseId, file: 'report' });
      const letters = links.issue(caseId, 'letters').url.split('/').at(-1) as string;
      expect(await links.redeem(letters)).toEqual({ kind: 'ok', caseId, file: 'letters' });
      expect(await links.redeem(token)).toEqual({ kind: 'used' });
      // Another instance (same key from the database) refuses it too.
      const sameKey = new ReportLinks(Buffer.alloc(32, 7), stores.claims, clock, { publicUrl: 'x', hours: 72, instance: 'i2' });
      expect(await sameKey.redeem(token)).toEqual({ kind: 'used' });
      const late = links.issue(caseId).url.split('/').at(-1) as string;
      now = new Date('2026-12-08T10:00:01Z');
      expect(await links.redeem(late)).toEqual({ kind: 'expired' });
      // The key a database keeps is made once.
      expect(await stores.jobs.linkKey()).toEqual(await stores.jobs.linkKey());
    } finally {
      await stores.close();
    }
  });
});
