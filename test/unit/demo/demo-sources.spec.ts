import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readSourcesFile } from '../../../src/config/sources-file';
import { shipped } from '../../../src/config/paths';
import { ensureDemoSources, generateDemoSources } from '../../../src/demo/demo-sources';
import { parseLdifDirectory } from '../../../src/ports/directory/ldif-directory.adapter';

const directory = parseLdifDirectory(readFileSync(shipped('data', 'demo', 'demo-org.ldif')));
const today = new Date('2026-12-05T10:00:00Z');

const rows = (file: string, query: string): unknown[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(query).all();
  } finally {
    db.close();
  }
};

describe('the demo sources', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-desk-demo-'));
    generateDemoSources(join(dir, 'a'), directory, today);
    generateDemoSources(join(dir, 'b'), directory, today);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are the same every time for the same directory and day', () => {
    for (const [file, table] of [['journal.sqlite', 'journal'], ['chat.sqlite', 'chat_messages'], ['tasks.sqlite', 'tasks']] as const) {
      expect(rows(join(dir, 'a', file), `SELECT * FROM ${table} ORDER BY id`)).toEqual(rows(join(dir, 'b', file), `SELECT * FROM ${table} ORDER BY id`));
    }
  });

  it('hold a journal over the two years up to the day, with private calls, and none on a line excluded from journaling', () => {
    const journal = join(dir, 'a', 'journal.sqlite');
    const [span] = rows(journal, 'SELECT count(*) AS n, min(started_at) AS oldest, max(started_at) AS newest, sum(is_private) AS private FROM journal') as { n: number; oldest: string; newest: string; private: number }[];
    expect(span?.n).toBeGreaterThan(5_000);
    expect((span?.oldest ?? '').slice(0, 10) >= '2024-12-05').toBe(true);
    expect((span?.newest ?? '9999').slice(0, 10) <= '2026-12-05').toBe(true);
    expect(span?.private).toBeGreaterThan(100);
    expect(rows(journal, "SELECT count(*) AS n FROM journal WHERE user_sip = 'sip:bob@example.com' AND line = 2")).toEqual([{ n: 0 }]);
    expect((rows(journal, "SELECT count(*) AS n FROM journal WHERE user_sip = 'sip:bob@example.com' AND line = 1")[0] as { n: number }).n).toBeGreaterThan(100);
  });

  it('come with a sources file that describes them', () => {
    const sources = readSourcesFile(join(dir, 'a', 'sources.json'), {});
    expect(sources.map((s) => [s.id, s.category, 'writable' in s ? s.writable : undefined])).toEqual([
      ['journal', 'H', true],
      ['chat', 'C', true],
      ['tasks', 'T', false],
      ['logs', 'L', undefined],
      ['favourites', 'F', false],
    ]);
  });

  it('are kept as they are when another process put them in place first, leaving nothing half-written behind', () => {
    const folder = join(dir, 'b');
    const before = rows(join(folder, 'journal.sqlite'), 'SELECT count(*) AS n, max(started_at) AS newest FROM journal');
    expect(generateDemoSources(folder, directory, new Date('2031-01-01T00:00:00Z'))).toBe(join(folder, 'sources.json'));
    expect(rows(join(folder, 'journal.sqlite'), 'SELECT count(*) AS n, max(started_at) AS newest FROM journal')).toEqual(before);
    expect(readdirSync(dir).filter((name) => name.includes('.staging-'))).toEqual([]);
  });

  it('are generated once: files already there are kept', () => {
    const folder = join(dir, 'a');
    const before = rows(join(folder, 'chat.sqlite'), 'SELECT count(*) AS n FROM chat_messages');
    expect(ensureDemoSources(folder, directory, new Date('2030-01-01T00:00:00Z'))).toBe(join(folder, 'sources.json'));
    expect(rows(join(folder, 'chat.sqlite'), 'SELECT count(*) AS n FROM chat_messages')).toEqual(before);
  });
});
