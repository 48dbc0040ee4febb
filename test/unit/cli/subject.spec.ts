import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../../support/cli';

/** `privacy-desk subject find` on the demo sources and on a sources file of one's own. */
describe('privacy-desk subject find', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-desk-subject-'));
  });
  afterEach(() => {
    process.env = { ...saved };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds a caller in the demo journal by their number, written their way, with counts and months', async () => {
    process.env.DATABASE_FILE = join(dir, 'demo', 'privacy-desk.sqlite');
    const text = await runCli('subject', 'find', '--name', 'Hans Meier', '--phone', '030 555010002');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^ {2}journal \(H\): \d+ journal entries \d{4}-\d{2} … \d{4}-\d{2}$/m);
    expect(text.out).toMatch(/^ {2}tasks \(T\): \d+ tasks? /m);
    expect(text.out).toMatch(/^ {2}chat \(C\): nothing$/m);
    const json = await runCli('subject', 'find', '--name', 'Hans Meier', '--phone', '+49 30 555010002', '--json');
    const report = JSON.parse(json.out) as { findings: { source: string; match: string; count: number }[]; failed: unknown[] };
    expect(report.failed).toEqual([]);
    expect(report.findings.find((f) => f.source === 'journal')).toMatchObject({ match: 'identifier' });
    // The same number written two ways finds the same records.
    expect(report.findings.find((f) => f.source === 'journal')?.count).toBe(Number(/journal \(H\): (\d+)/.exec(text.out)?.[1]));
  });

  it('counts records that match the name only apart from those matching an identifier', async () => {
    process.env.DATABASE_FILE = join(dir, 'demo', 'privacy-desk.sqlite');
    const { out } = await runCli('subject', 'find', '--name', 'Alice Adams', '--sip', 'alice@example.com');
    expect(out).toMatch(/journal \(H\): \d+ journal entries [\d-]+ … [\d-]+; \d+ journal entries [\d-]+ … [\d-]+ by name or address only/);
    expect(out).toMatch(/chat \(C\): \d+ chat messages/);
    // The directory (F) is searched too: her entry, by her SIP address.
    expect(out).toMatch(/^ {2}directory \(F\): 1 directory entry$/m);
    // The server's logs of the last days mention her SIP address.
    expect(out).toMatch(/logs \(L\): \d+ log lines \d{4}-\d{2} … \d{4}-\d{2}/);
  });

  it('finds people by street and postcode/city, however the street is written', async () => {
    process.env.DATABASE_FILE = join(dir, 'demo', 'privacy-desk.sqlite');
    const { out, code } = await runCli('subject', 'find', '--street', 'Leopoldstr. 12', '--postcode-city', '80802 Muenchen');
    expect(code).toBe(0);
    expect(out).toMatch(/^ {2}directory \(F\): \d+ directory entries by name or address only$/m);
  });

  it('asks for something to look for', async () => {
    const { code, err } = await runCli('subject', 'find', '--first-name', 'Erika');
    expect(code).toBe(1);
    expect(err).toContain('give a name');
  });

  it('names a source that could not be asked, and still answers from the others', async () => {
    const folder = join(dir, 'own');
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    const db = new Database(join(folder, 'journal.sqlite'));
    db.exec("CREATE TABLE journal (id integer primary key, at text, number text); INSERT INTO journal VALUES (1, '2026-01-02T03:04:05Z', '+49891234567');");
    db.close();
    new Database(join(folder, 'empty.sqlite')).close();
    const entry = (id: string, file: string): object => ({ id, category: 'H', connection: { sqlite: file }, table: 'journal', key: 'id', time: 'at', identifiers: { number: 'phone' }, items: { number: 'H.2' } });
    writeFileSync(join(folder, 'sources.json'), JSON.stringify({ sources: [entry('journal', 'journal.sqlite'), entry('old-journal', 'empty.sqlite')] }));
    process.env.SOURCES_FILE = join(folder, 'sources.json');
    const { code, out } = await runCli('subject', 'find', '--phone', '089 1234567');
    expect(code).toBe(1);
    expect(out).toContain('  journal (H): 1 journal entry 2026-01 … 2026-01');
    expect(out).toMatch(/ {2}old-journal \(H\): could not be asked — .*no such table/);
  });

  it('refuses a sources file with a bad entry, naming it', async () => {
    const file = join(dir, 'bad-sources.json');
    writeFileSync(file, JSON.stringify({ sources: [{ id: 'journal', category: 'H', connection: { sqlite: 'x.sqlite' }, table: 'journal', key: 'id', identifiers: { number: 'phone' }, items: { number: 'F.1' } }] }));
    process.env.SOURCES_FILE = file;
    const { code, err } = await runCli('subject', 'find', '--phone', '089 1234567');
    expect(code).toBe(2);
    expect(err).toContain('sources[0] (journal): items.number: F.1 belongs to category F, not H');
  });
});
