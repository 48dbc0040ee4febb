import { Client } from 'pg';
import { SqlSource } from '../../../src/ports/sources/sql-source.adapter';
import { JOURNAL_SQL, PSEUDONYM_KEY, journalDefinition, personalDataSourceContract } from '../../contract/personal-data-source.contract';
import { usePostgres } from '../../support/databases';

/** The SQL source on a real PostgreSQL database: its own schema per test, read-only by default. */
const { postgres, describeIf } = usePostgres();


/** A new schema holding the journal; its URL as the sources file would name it. */
async function journal(): Promise<string> {
  const target = await postgres.fresh();
  if (target.kind !== 'postgres') throw new Error('expected PostgreSQL');
  const client = new Client({ connectionString: target.url });
  await client.connect();
  try {
    for (const statement of JOURNAL_SQL('timestamptz')) await client.query(statement);
  } finally {
    await client.end();
  }
  return target.url;
}

describeIf('SQL sources on PostgreSQL', () => {
  personalDataSourceContract('PostgreSQL', async (writable) => {
    const source = SqlSource.open(journalDefinition({ dialect: 'postgres', url: await journal(), variable: 'JOURNAL_DATABASE_URL' }, writable), 'DE', PSEUDONYM_KEY);
    return { source, close: () => source.close() };
  });

  it('reads in a read-only session unless the sources file allows writing', async () => {
    const source = SqlSource.open(journalDefinition({ dialect: 'postgres', url: await journal(), variable: 'JOURNAL_DATABASE_URL' }), 'DE');
    try {
      const handle = (source as unknown as { db: never }).db;
      const { sql } = await import('kysely');
      await expect(sql`DELETE FROM journal`.execute(handle)).rejects.toMatchObject({ message: expect.stringMatching(/read-only transaction/) });
      expect((await source.statistics()).count).toBe(7);
    } finally {
      await source.close();
    }
  });

  it('answers a search by number from the index on a large journal', async () => {
    const url = await journal();
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("INSERT INTO journal SELECT g, now(), '+4930' || g, 'Person ' || g, 'sip:p' || g || '@example.com', 1, 0 FROM generate_series(100, 50099) AS g");
      await client.query('ANALYZE journal');
      const plan = await client.query("EXPLAIN SELECT count(*) FROM journal WHERE remote_number IN ('+49891234567', '089 1234567')");
      expect(plan.rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n')).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
    } finally {
      await client.end();
    }
  });
});
