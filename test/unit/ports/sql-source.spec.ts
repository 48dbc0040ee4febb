import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqlSource, nextBatchSize } from '../../../src/ports/sources/sql-source.adapter';
import { JOURNAL_SQL, PSEUDONYM_KEY, journalDefinition, personalDataSourceContract } from '../../contract/personal-data-source.contract';

/** The SQL source on a real SQLite file, read-only as the sources file says by default. */
function journalFile(): { file: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'privacy-desk-source-'));
  const file = join(dir, 'journal.sqlite');
  const db = new Database(file);
  for (const statement of JOURNAL_SQL('text')) db.exec(statement);
  db.close();
  return { file, dir };
}

personalDataSourceContract('SQLite', async (writable) => {
  const { file, dir } = journalFile();
  const source = SqlSource.open(journalDefinition({ dialect: 'sqlite', file }, writable), 'DE', PSEUDONYM_KEY);
  return { source, close: async () => { await source.close(); rmSync(dir, { recursive: true, force: true }); } };
});

describe('a SQL source on SQLite', () => {
  it('purges on a thread of its own: the bot’s event loop keeps turning, and a purge cut short goes on next time', async () => {
    const { file, dir } = journalFile();
    try {
      const db = new Database(file);
      const insert = db.prepare("INSERT INTO journal (started_at, remote_number, remote_name, user_sip, duration, is_private) VALUES (?, ?, 'Old Contact', 'sip:alice@example.com', 10, 0)");
      db.transaction(() => {
        for (let i = 0; i < 60_000; i++) insert.run(new Date(Date.UTC(2022, 0, 1) + i * 60_000).toISOString(), `+4930${String(i % 5000).padStart(7, '0')}`);
      })();
      db.close();
      const source = SqlSource.open(journalDefinition({ dialect: 'sqlite', file }, true), 'DE');
      try {
        let turns = 0;
        let turning = true;
        const spin = (): void => {
          turns++;
          if (turning) setImmediate(spin);
        };
        setImmediate(spin);
        const stopped = await source.purgeBefore(new Date('2023-06-01T00:00:00Z'), { batchSize: 500, maxBatches: 3 });
        // Three batches of 500 (a run bounded by batches keeps their size); the rest is still due.
        expect(stopped).toEqual({ source: 'journal', category: 'H', deleted: 1500, due: 58_500, kept: 0, writable: true });
        const rest = await source.purgeBefore(new Date('2023-06-01T00:00:00Z'), { batchSize: 500 });
        turning = false;
        // Everything older went: the 60,000 calls of 2022 (the journal's own rows are all younger).
        expect(stopped.deleted + rest.deleted).toBe(60_000);
        expect(rest).toMatchObject({ due: 0, kept: 0 });
        expect(turns).toBeGreaterThan(50);
      } finally {
        await source.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds a person by street (and postcode and city where given), from the indexes, as a name-only match', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'privacy-desk-source-'));
    try {
      const file = join(dir, 'tasks.sqlite');
      const db = new Database(file);
      db.exec(`CREATE TABLE tasks (id INTEGER PRIMARY KEY, created_at TEXT, contact_name TEXT, contact_street TEXT, contact_place TEXT);
        CREATE INDEX tasks_street ON tasks (lower(contact_street));
        INSERT INTO tasks VALUES (1, '2026-01-01T00:00:00Z', 'E. Musterfrau', 'Heidestrasse 17', '51147 Köln'),
          (2, '2026-02-01T00:00:00Z', 'Erika M.', 'heidestr. 17', '51147 Koeln'),
          (3, '2026-03-01T00:00:00Z', 'Somebody', 'Heidestraße 17', '80331 München');`);
      const plan = db.prepare("EXPLAIN QUERY PLAN SELECT count(*) FROM tasks WHERE lower(contact_street) IN ('heidestraße 17', 'heidestr 17')").all().map((r) => (r as { detail: string }).detail).join('; ');
      expect(plan).toMatch(/USING (COVERING )?INDEX tasks_street/);
      db.close();
      const source = SqlSource.open(
        { id: 'tasks', category: 'T', connection: { dialect: 'sqlite', file }, table: 'tasks', key: 'id', time: 'created_at', identifiers: { contact_name: 'name', contact_street: 'street', contact_place: 'postcodeCity' }, items: { contact_name: 'T.5' }, writable: false },
        'DE',
      );
      try {
        expect(await source.find({ street: 'Heidestraße 17' })).toEqual([expect.objectContaining({ match: 'name', count: 3 })]);
        expect(await source.find({ street: 'Heidestraße 17', postcodeCity: '51147 Köln' })).toEqual([expect.objectContaining({ match: 'name', count: 2 })]);
        expect(await source.find({ postcodeCity: '51147 Köln' })).toEqual([]);
      } finally {
        await source.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops a purge under way after its batch when interrupted (shutting down); what is left stays due', async () => {
    const { file, dir } = journalFile();
    try {
      const db = new Database(file);
      const insert = db.prepare("INSERT INTO journal (started_at, remote_number, remote_name, user_sip, duration, is_private) VALUES (?, '+4930111', 'Old', 'sip:a@example.com', 10, 0)");
      db.transaction(() => {
        for (let i = 0; i < 200_000; i++) insert.run(new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString());
      })();
      db.close();
      const source = SqlSource.open(journalDefinition({ dialect: 'sqlite', file }, true), 'DE');
      try {
        // Batches of 100 throughout (bounded runs keep their size): about 2,000 of them, far more than 300 ms hold.
        const running = source.purgeBefore(new Date('2023-01-01T00:00:00Z'), { batchSize: 100, maxBatches: 1_000_000 });
        setTimeout(() => source.interrupt(), 300);
        const result = await running;
        expect(result.deleted).toBeGreaterThan(0);
        expect(result.deleted + result.due).toBe(200_000);
        expect(result.due).toBeGreaterThan(0);
      } finally {
        await source.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sizes purge batches by how long they take: larger while quick, smaller when slow, never below the first', () => {
    expect(nextBatchSize(10_000, 100, 10_000, 1000)).toBe(20_000);
    expect(nextBatchSize(20_000, 700, 10_000, 1000)).toBe(20_000);
    expect(nextBatchSize(40_000, 1500, 10_000, 1000)).toBe(20_000);
    expect(nextBatchSize(10_000, 5000, 10_000, 1000)).toBe(10_000);
    expect(nextBatchSize(800_000, 1, 10_000, 1000)).toBe(1_000_000);
  });

  it('answers a search from the indexes, not by reading the whole journal', () => {
    const { file, dir } = journalFile();
    try {
      const db = new Database(file, { readonly: true });
      const plan = (query: string): string => db.prepare(`EXPLAIN QUERY PLAN ${query}`).all().map((row) => (row as { detail: string }).detail).join('; ');
      // The shapes of the conditions the source builds.
      expect(plan("SELECT count(*) FROM journal WHERE remote_number IN ('+49891234567', '089 1234567')")).toMatch(/USING (COVERING )?INDEX journal_remote_number/);
      expect(plan("SELECT count(*) FROM journal WHERE lower(remote_name) IN ('erika müller', 'erika mueller')")).toMatch(/USING (COVERING )?INDEX journal_remote_name/);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('in WAL mode, leaves copying an erasure into the file to a worker thread rather than to its commit', async () => {
    const { file, dir } = journalFile();
    try {
      const db = new Database(file);
      db.pragma('journal_mode = WAL');
      const insert = db.prepare("INSERT INTO journal (started_at, remote_number, remote_name, user_sip, duration, is_private) VALUES (?, ?, 'Some Contact', 'sip:alice@example.com', 10, 0)");
      db.transaction(() => {
        for (let i = 0; i < 20_000; i++) insert.run(new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), i % 2 === 0 ? '+493012345678' : `+4930${String(i).padStart(7, '0')}`);
      })();
      db.pragma('wal_checkpoint(TRUNCATE)');
      const source = SqlSource.open(journalDefinition({ dialect: 'sqlite', file }, true), 'DE');
      try {
        expect(await source.erase({ phones: ['+49 30 12345678'] }, { match: ['identifier'] })).toEqual({ deleted: 10_000, kept: 0 });
        // Looked at without copying anything (NOOP): the commit left its pages in the WAL …
        const wal = (): { log: number; checkpointed: number } => (db.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[])[0] as { log: number; checkpointed: number };
        expect(wal().log).toBeGreaterThan(wal().checkpointed);
        // … another connection sees the erasure at once (from the WAL), and the worker soon copies every page.
        expect((db.prepare("SELECT count(*) AS n FROM journal WHERE remote_number = '+493012345678'").get() as { n: number }).n).toBe(0);
        for (let i = 0; i < 100 && wal().log !== wal().checkpointed; i++) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(wal().checkpointed).toBe(wal().log);
      } finally {
        await source.close();
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens the file read-only unless the sources file allows writing', async () => {
    const { file, dir } = journalFile();
    const source = SqlSource.open(journalDefinition({ dialect: 'sqlite', file }), 'DE');
    try {
      const handle = (source as unknown as { db: { executeQuery(q: unknown): Promise<unknown> } }).db;
      const { sql } = await import('kysely');
      await expect(sql`DELETE FROM journal`.execute(handle as never)).rejects.toMatchObject({ message: expect.stringMatching(/readonly/i) });
    } finally {
      await source.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says which source cannot be opened, without the path', () => {
    expect(() => SqlSource.open(journalDefinition({ dialect: 'sqlite', file: '/nonexistent/journal.sqlite' }), 'DE')).toThrow('source journal: the SQLite file cannot be opened');
  });
});
