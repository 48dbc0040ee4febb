import { DummyDriver, Kysely, MssqlAdapter, MssqlIntrospector, MssqlQueryCompiler } from 'kysely';
import { SqlSource } from '../../../src/ports/sources/sql-source.adapter';
import { journalDefinition } from '../../contract/personal-data-source.contract';

/**
 * The SQL a source sends to Microsoft SQL Server — where the seed's product may keep its journal.
 * No SQL Server runs here: the queries go through Kysely's SQL Server dialect to a driver that only
 * records them, and the SQL is checked as SQL Server reads it (TOP instead of LIMIT, @n parameters).
 */
function recordingSource(writable = true): { source: SqlSource; queries: { sql: string; parameters: readonly unknown[] }[] } {
  const queries: { sql: string; parameters: readonly unknown[] }[] = [];
  const db = new Kysely<Record<string, Record<string, unknown>>>({
    dialect: {
      createAdapter: () => new MssqlAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new MssqlIntrospector(k),
      createQueryCompiler: () => new MssqlQueryCompiler(),
    },
    log: (event) => {
      if (event.level === 'query') queries.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  return { source: SqlSource.over(db, journalDefinition({ dialect: 'sqlite', file: 'unused' }, writable), 'DE', 'mssql'), queries };
}

describe('a SQL source on Microsoft SQL Server (the SQL it generates)', () => {
  it('finds a person with indexable equalities and @n parameters', async () => {
    const { source, queries } = recordingSource();
    await source.find({ firstName: 'Erika', lastName: 'Müller', phones: ['089 1234567'], sipAddresses: ['erika@example.com'] });
    expect(queries).toHaveLength(2);
    expect(queries[0]?.sql).toMatch(/^select count\(\*\) as "count", min\("started_at"\) as "oldest", max\("started_at"\) as "newest" from "journal" where \("remote_number" in \(@1, @2, .*\) or lower\("user_sip"\) in/);
    expect(queries[0]?.parameters).toEqual(expect.arrayContaining(['+49891234567', '089 1234567', '0891234567']));
    expect(queries[1]?.sql).toMatch(/where \(lower\("remote_name"\) in \(@1.*\)\) and not \(/);
    expect(queries[1]?.parameters).toEqual(expect.arrayContaining(['erika müller', 'erika mueller', 'erika muller']));
    for (const q of queries) expect(q.sql).not.toMatch(/\blimit\b|\$\d|\?/i);
  });

  it('purges in batches with TOP, oldest first, never a restricted record', async () => {
    const { source, queries } = recordingSource();
    await source.purgeBefore(new Date('2025-01-01T00:00:00Z'), { batchSize: 500 });
    const purge = queries.find((q) => q.sql.startsWith('delete'));
    expect(purge?.sql).toBe('delete from "journal" where "id" in (select top(500) "id" as "k" from "journal" where ("started_at" < @1 and not (coalesce("restricted", 0) <> 0)) order by "started_at")');
    // SQL Server compares the cutoff as a timestamp, not as text.
    expect(purge?.parameters).toEqual([new Date('2025-01-01T00:00:00Z')]);
  });

  it('keeps the records of a person under a legal hold with CASE, SQL Server having no boolean values', async () => {
    const { source, queries } = recordingSource();
    await source.purgeBefore(new Date('2025-01-01T00:00:00Z'), { batchSize: 500, holds: [{ name: 'Hans Meier', phones: ['+4930555010002'] }] });
    const purge = queries.find((q) => q.sql.startsWith('delete'));
    expect(purge?.sql).toMatch(/^delete from "journal" where "id" in \(select top\(500\) "id" as "k" from "journal" where \("started_at" < @1 and not \(\(coalesce\("restricted", 0\) <> 0 or \(\(\(case when "remote_number" in \(@2, .*\) then 1 else 0 end\) = 1\) or \(\(case when lower\("remote_name"\) in \(@\d+\) then 1 else 0 end\) = 1\)\)\)\)\) order by "started_at"\)$/);
    expect(purge?.parameters).toEqual(expect.arrayContaining(['+4930555010002', '030555010002', 'hans meier']));
    for (const q of queries) expect(q.sql).not.toMatch(/\bfalse\b|\btrue\b|\blimit\b/i);
  });

  it('counts what is due on a source that may not be written, deleting nothing', async () => {
    const { source, queries } = recordingSource(false);
    await source.purgeBefore(new Date('2025-01-01T00:00:00Z'), { batchSize: 500 });
    expect(queries.map((q) => q.sql.split(' ')[0])).toEqual(['select', 'select']);
  });

  it('exports and counts with SQL Server\'s quoting', async () => {
    const { source, queries } = recordingSource();
    await source.export({ sipAddresses: ['erika@example.com'] });
    await source.statistics();
    expect(queries.map((q) => q.sql)).toEqual([
      expect.stringMatching(/^select "id" as "id", "started_at" as "started_at", "is_private" as "is_private", "remote_name" as "remote_name", .* from "journal" where lower\("user_sip"\) in \(@1, @2\) order by "started_at", "id"$/),
      'select "id" as "k" from "journal" where lower("user_sip") in (@1, @2)',
      'select count(*) as "count", min("started_at") as "oldest", max("started_at") as "newest" from "journal"',
    ]);
  });
});

describe('a SQL source on Microsoft SQL Server that cannot be reached', () => {
  it('fails the search, to be reported as a source that could not be asked', async () => {
    const source = SqlSource.open(
      { ...journalDefinition({ dialect: 'sqlite', file: 'unused' }), connection: { dialect: 'mssql', server: '127.0.0.1', port: 1, database: 'UCServer', user: 'reader', password: 'unused', encrypt: false, trustServerCertificate: true } },
      'DE',
    );
    try {
      const { findSubject } = await import('../../../src/app/subject-finder');
      const result = await findSubject([source], { phones: ['089 1234567'] });
      expect(result.findings).toEqual([]);
      expect(result.failed).toEqual([{ source: 'journal', category: 'H', reason: expect.any(String) }]);
    } finally {
      await source.close();
    }
  }, 20_000);
});
