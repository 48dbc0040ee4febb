import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqlSource } from '../../../src/ports/sources/sql-source.adapter';
import { JOURNAL_SQL, journalDefinition, personalDataSourceContract } from '../../contract/personal-data-source.contract';

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
  const source = SqlSource.open(journalDefinition({ dialect: 'sqlite', file }, writable), 'DE');
  return { source, close: async () => { await source.close(); rmSync(dir, { recursive: true, force: true }); } };
});

describe('a SQL source on SQLite', () => {
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
