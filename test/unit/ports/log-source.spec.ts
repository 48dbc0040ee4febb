import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LogSource } from '../../../src/ports/sources/log-source.adapter';

/** Log files as the seed's product rotates them: today's, yesterday's, an older one gzipped, JSON lines, and one too old to read. */
describe('a log source', () => {
  const now = new Date('2026-12-05T12:00:00Z');
  let folder: string;
  const dated = (name: string, content: string | Buffer, daysBack: number): void => {
    writeFileSync(join(folder, name), content);
    const at = new Date(now.getTime() - daysBack * 86_400_000);
    utimesSync(join(folder, name), at, at);
  };
  beforeAll(() => {
    folder = join(mkdtempSync(join(tmpdir(), 'privacy-desk-logs-')), 'logs');
    mkdirSync(folder);
    dated('ucserver.log', ['2026-12-05T08:00:00Z INFO call connected user=sip:alice@example.com remote=089 1234567', '2026-12-05T09:00:00Z INFO login user=sip:bob@example.com', '2026-12-05T10:00:00Z INFO note: Erika Müller asked for a callback'].join('\n'), 0);
    dated('ucserver.log.1', '2026-12-04 17:30:00 INFO call ended remote=+49891234567\n', 1);
    dated('ucserver.log.2.gz', gzipSync('2026-12-03T07:15:00Z INFO call connected remote=0049891234567 user=sip:frank@example.com\n'), 2);
    dated('ucserver-presence.log', `${JSON.stringify({ time: '2026-12-05T11:00:00Z', msg: 'presence changed', user: 'SIP:Erika@Example.com' })}\n`, 0);
    dated('ucserver.log.9.gz', gzipSync('2026-10-01T07:15:00Z INFO call connected remote=+49891234567\n'), 65);
    dated('other-service.log', '2026-12-05T08:00:00Z remote=+49891234567\n', 0);
  });
  afterAll(() => rmSync(join(folder, '..'), { recursive: true, force: true }));

  const source = (windowDays = 30): LogSource => new LogSource({ id: 'logs', folder, files: 'ucserver*.log*', windowDays, limitBytes: 1024 * 1024 }, 'DE', () => now);
  const erika = { firstName: 'Erika', lastName: 'Müller', phones: ['+49 89 1234-567'], sipAddresses: ['erika@example.com'] };

  it('finds a subject\'s lines by number in every spelling, by SIP address in any case, in gzipped and JSON files, within the window', async () => {
    expect(await source().find(erika)).toEqual([
      { source: 'logs', category: 'L', match: 'identifier', count: 4, oldest: new Date('2026-12-03T07:15:00Z'), newest: new Date('2026-12-05T11:00:00Z') },
      { source: 'logs', category: 'L', match: 'name', count: 1, oldest: new Date('2026-12-05T10:00:00Z'), newest: new Date('2026-12-05T10:00:00Z') },
    ]);
  });

  it('reads further back only when the window says so', async () => {
    const [byIdentifier] = await source(90).find(erika);
    expect(byIdentifier?.count).toBe(5);
    expect(byIdentifier?.oldest).toEqual(new Date('2026-10-01T07:15:00Z'));
  });

  it('exports the lines with where they are', async () => {
    const lines = await source().export({ sipAddresses: ['bob@example.com'] });
    expect(lines).toEqual([{ source: 'logs', category: 'L', key: 'ucserver.log:2', at: new Date('2026-12-05T09:00:00Z'), match: 'identifier', items: { 'L.1': '2026-12-05T09:00:00Z INFO login user=sip:bob@example.com' } }]);
  });

  it('finds nothing for nobody, and for a subject that gives nothing to look for', async () => {
    expect(await source().find({ phones: ['+44 20 7946 0000'], name: 'Nobody Known' })).toEqual([]);
    expect(await source().find({ firstName: 'Erika' })).toEqual([]);
  });

  it('reports the logs\' size against the limit', async () => {
    const statistics = await source().statistics();
    const names = ['ucserver.log', 'ucserver.log.1', 'ucserver.log.2.gz', 'ucserver-presence.log', 'ucserver.log.9.gz'];
    expect(statistics).toMatchObject({ source: 'logs', category: 'L', count: 5, limitBytes: 1024 * 1024 });
    expect(statistics.bytes).toBe(names.reduce((sum, name) => sum + statSync(join(folder, name)).size, 0));
  });

  it('says nothing rather than failing when the folder is not there', async () => {
    const missing = new LogSource({ id: 'logs', folder: join(folder, 'nope'), files: '*.log', windowDays: 30, limitBytes: 1 }, 'DE', () => now);
    expect(await missing.find(erika)).toEqual([]);
    expect((await missing.statistics()).count).toBe(0);
  });

  it('numbers lines right across megabyte chunks, in gzipped files, with CRLF and with a character whose lower case is longer', async () => {
    const big = join(mkdtempSync(join(tmpdir(), 'privacy-desk-big-logs-')), 'logs');
    mkdirSync(big);
    try {
      // 30,000 lines of about 80 bytes (2.4 MB: three chunks); Erika on lines 1, 12,345, 29,999 and the last.
      const lines = Array.from({ length: 30_000 }, (_, i) => `2026-12-05T08:00:00Z INFO presence changed user=sip:user${i}@example.com id=${i}`);
      for (const at of [0, 12_344, 29_998, 29_999]) lines[at] = `2026-12-05T09:00:00Z INFO call connected remote=089 1234567 id=${at}`;
      // A Turkish capital İ (lower case: two code units) in a line of its own.
      lines[20_000] = '2026-12-05T08:00:00Z INFO login user=İPEK';
      writeFileSync(join(big, 'ucserver.log'), lines.join('\r\n'));
      writeFileSync(join(big, 'ucserver.log.1.gz'), gzipSync(`${lines.join('\n')}\n`));
      const hits = await new LogSource({ id: 'logs', folder: big, files: 'ucserver*.log*', windowDays: 30, limitBytes: 1 << 30 }, 'DE', () => now).export(erika);
      expect(hits.map((h) => h.key).sort((a, b) => a.localeCompare(b))).toEqual(['ucserver.log:1', 'ucserver.log:12345', 'ucserver.log:29999', 'ucserver.log:30000', 'ucserver.log.1.gz:1', 'ucserver.log.1.gz:12345', 'ucserver.log.1.gz:29999', 'ucserver.log.1.gz:30000'].sort((a, b) => a.localeCompare(b)));
      expect(hits.every((h) => !String(Object.values(h.items)[0]).endsWith('\r'))).toBe(true);
    } finally {
      rmSync(join(big, '..'), { recursive: true, force: true });
    }
  });

  it('finds a name with umlauts in any case and spelling, and reads lines around other scripts and emoji whole', async () => {
    const mixed = join(mkdtempSync(join(tmpdir(), 'privacy-desk-mixed-logs-')), 'logs');
    mkdirSync(mixed);
    try {
      const lines = [
        '2026-12-05T08:00:00Z INFO note: ERIKA MÜLLER asked for a callback',
        '2026-12-05T08:01:00Z INFO 🙂🙂 Grüße aus Köln — Ελληνικά — 日本語',
        '2026-12-05T08:02:00Z INFO note: Rückruf an erika müller',
        '2026-12-05T08:03:00Z INFO note: Erika Mueller, ERIKA MUELLER',
        '2026-12-05T08:04:00Z INFO note: MÜLLER GmbH called',
        '2026-12-05T08:05:00Z INFO 🙂 login user=SIP:ERIKA@EXAMPLE.COM',
        '2026-12-05T08:06:00Z INFO note: Erika Mûller is someone else',
      ];
      writeFileSync(join(mixed, 'ucserver.log'), `${lines.join('\n')}\n`);
      const hits = await new LogSource({ id: 'logs', folder: mixed, files: 'ucserver*.log*', windowDays: 30, limitBytes: 1 << 30 }, 'DE', () => now).export(erika);
      expect(hits.map((h) => [h.key, h.match, h.items['L.1']])).toEqual([
        ['ucserver.log:1', 'name', lines[0]],
        ['ucserver.log:3', 'name', lines[2]],
        ['ucserver.log:4', 'name', lines[3]],
        ['ucserver.log:6', 'identifier', lines[5]],
      ]);
    } finally {
      rmSync(join(mixed, '..'), { recursive: true, force: true });
    }
  });
});
