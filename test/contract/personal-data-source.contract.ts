import type { SourceDefinition } from '../../src/config/sources-file';
import type { PersonalDataSource } from '../../src/ports/sources/personal-data-source.port';

/**
 * A journal table as the seed's product might keep it, with the person's number written three ways,
 * their name written two more, and other people's calls around them.
 */
export const JOURNAL_ROWS: readonly { id: number; started_at: string; remote_number: string; remote_name: string; user_sip: string; duration: number; is_private: number }[] = [
  { id: 1, started_at: '2024-03-01T09:00:00Z', remote_number: '+49891234567', remote_name: 'Erika Müller', user_sip: 'sip:alice@example.com', duration: 60, is_private: 0 },
  { id: 2, started_at: '2025-06-15T10:30:00Z', remote_number: '089 1234567', remote_name: 'E. Müller', user_sip: 'sip:bob@example.com', duration: 120, is_private: 1 },
  { id: 3, started_at: '2026-11-20T16:45:00Z', remote_number: '0049891234567', remote_name: '', user_sip: 'sip:alice@example.com', duration: 30, is_private: 0 },
  // Her name only, from numbers we do not know to be hers.
  { id: 4, started_at: '2024-08-08T08:08:00Z', remote_number: '+4930111111', remote_name: 'ERIKA MUELLER', user_sip: 'sip:frank@example.com', duration: 45, is_private: 0 },
  { id: 5, started_at: '2025-01-02T12:00:00Z', remote_number: '+4940222222', remote_name: 'erika muller', user_sip: 'sip:bob@example.com', duration: 15, is_private: 0 },
  // Somebody else.
  { id: 6, started_at: '2023-12-31T23:59:00Z', remote_number: '+4969333333', remote_name: 'Hans Meier', user_sip: 'sip:alice@example.com', duration: 90, is_private: 0 },
  { id: 7, started_at: '2026-12-01T07:00:00Z', remote_number: '+4989765432', remote_name: 'Max Müller-Lüdenscheidt', user_sip: 'sip:erika@example.com', duration: 10, is_private: 0 },
];

/** The statements that make and fill the table, with the indexes the README asks a journal to have. */
export const JOURNAL_SQL = (timeType: string): string[] => [
  `CREATE TABLE journal (id integer PRIMARY KEY, started_at ${timeType} NOT NULL, remote_number text, remote_name text, user_sip text, duration integer, is_private integer, restricted integer DEFAULT 0)`,
  'CREATE INDEX journal_remote_number ON journal (remote_number)',
  'CREATE INDEX journal_remote_name ON journal (lower(remote_name))',
  'CREATE INDEX journal_user_sip ON journal (lower(user_sip))',
  ...JOURNAL_ROWS.map((r) => `INSERT INTO journal VALUES (${r.id}, '${r.started_at}', '${r.remote_number}', '${r.remote_name}', '${r.user_sip}', ${r.duration}, ${r.is_private}, 0)`),
  // Erika's call of August 2024 is restricted (Art. 18): no purge may touch it.
  'UPDATE journal SET restricted = 1 WHERE id = 4',
  // Hans Meier's number was not recorded.
  'UPDATE journal SET remote_number = NULL WHERE id = 6',
];

/** The journal as the sources file describes it (connection filled in by each run). */
export const journalDefinition = (connection: SourceDefinition['connection'], writable = false): SourceDefinition => ({
  id: 'journal',
  category: 'H',
  connection,
  table: 'journal',
  key: 'id',
  time: 'started_at',
  private: 'is_private',
  restricted: 'restricted',
  identifiers: { remote_number: 'phone', remote_name: 'name', user_sip: 'sip' },
  items: { remote_name: 'H.1', remote_number: 'H.2', started_at: 'H.6', duration: 'H.7' },
  writable,
});

const ERIKA = { firstName: 'Erika', lastName: 'Müller', phones: ['+49 89 1234-567'] };

/** The key the contract's sources make pseudonyms with (version 2). */
export const PSEUDONYM_KEY = { key: Buffer.alloc(32, 7), version: 2 };

export function personalDataSourceContract(name: string, open: (writable?: boolean) => Promise<{ source: PersonalDataSource; close(): Promise<void> }>): void {
  describe(`a SQL personal-data source (${name})`, () => {
    let opened: { source: PersonalDataSource; close(): Promise<void> };
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(async () => {
      await opened.close();
    });

    it('finds a person by their number however it was written, and apart from that by their name only', async () => {
      const findings = await opened.source.find(ERIKA);
      expect(findings).toEqual([
        { source: 'journal', category: 'H', match: 'identifier', count: 3, oldest: new Date('2024-03-01T09:00:00Z'), newest: new Date('2026-11-20T16:45:00Z') },
        { source: 'journal', category: 'H', match: 'name', count: 2, oldest: new Date('2024-08-08T08:08:00Z'), newest: new Date('2025-01-02T12:00:00Z') },
      ]);
    });

    it('finds by a SIP address, case and the sip: prefix aside', async () => {
      expect(await opened.source.find({ sipAddresses: ['ERIKA@example.com'] })).toEqual([
        { source: 'journal', category: 'H', match: 'identifier', count: 1, oldest: new Date('2026-12-01T07:00:00Z'), newest: new Date('2026-12-01T07:00:00Z') },
      ]);
    });

    it('finds nothing for a person it does not hold, and nothing for a subject that gives nothing to look for', async () => {
      expect(await opened.source.find({ firstName: 'Nobody', lastName: 'Known', phones: ['+44 20 7946 0000'] })).toEqual([]);
      expect(await opened.source.find({})).toEqual([]);
      // A first name alone identifies nobody.
      expect(await opened.source.find({ firstName: 'Erika' })).toEqual([]);
    });

    it('exports the records with their catalogue items, how each matched, and whether the call was private', async () => {
      const records = await opened.source.export(ERIKA);
      expect(records.map((r) => [r.key, r.match, r.private])).toEqual([
        ['1', 'identifier', false],
        ['4', 'name', false],
        ['5', 'name', false],
        ['2', 'identifier', true],
        ['3', 'identifier', false],
      ]);
      expect(records[0]).toEqual({
        source: 'journal',
        category: 'H',
        key: '1',
        at: new Date('2024-03-01T09:00:00Z'),
        match: 'identifier',
        items: { 'H.1': 'Erika Müller', 'H.2': '+49891234567', 'H.6': expect.anything(), 'H.7': 60 },
        private: false,
      });
    });

    it('counts what it holds in all, and how old it is', async () => {
      expect(await opened.source.statistics()).toEqual({ source: 'journal', category: 'H', count: 7, oldest: new Date('2023-12-31T23:59:00Z'), newest: new Date('2026-12-01T07:00:00Z') });
    });

    it('declares that it only finds and exports (writing comes with carrying out requests)', () => {
      expect([...opened.source.capabilities].sort()).toEqual(['export', 'find']);
    });

    it('purges records made before the limit, oldest first, in batches — never a restricted one, nor one made at the limit', async () => {
      const writable = await open(true);
      try {
        expect([...writable.source.capabilities].sort()).toEqual(['erase', 'export', 'find', 'pseudonymise', 'purgeByAge', 'rectify', 'restrict']);
        // Row 5 was made at the limit itself: kept. Rows 1 and 6 are older: deleted. Row 4 is older but restricted.
        const result = await writable.source.purgeBefore?.(new Date('2025-01-02T12:00:00Z'), { batchSize: 1 });
        expect(result).toEqual({ source: 'journal', category: 'H', deleted: 2, due: 0, kept: 1, writable: true });
        expect((await writable.source.statistics()).count).toBe(5);
        expect((await writable.source.export({ firstName: 'Erika', lastName: 'Müller', phones: ['089 1234567'] })).map((r) => r.key)).toEqual(['4', '5', '2', '3']);
      } finally {
        await writable.close();
      }
    });

    it('goes on where a stopped purge ended, and counts without deleting on a dry run', async () => {
      const writable = await open(true);
      try {
        const before = new Date('2025-07-01T00:00:00Z');
        expect(await writable.source.purgeBefore?.(before, { batchSize: 10, dryRun: true })).toEqual({ source: 'journal', category: 'H', deleted: 0, due: 4, kept: 1, writable: true });
        expect(await writable.source.purgeBefore?.(before, { batchSize: 1, maxBatches: 1 })).toMatchObject({ deleted: 1, due: 3 });
        expect(await writable.source.purgeBefore?.(before, { batchSize: 2 })).toMatchObject({ deleted: 3, due: 0, kept: 1 });
        expect((await writable.source.statistics()).count).toBe(3);
      } finally {
        await writable.close();
      }
    });

    it('keeps the records of a person under a legal hold, matched by number or by name; a missing number holds nobody', async () => {
      const writable = await open(true);
      try {
        const before = new Date('2025-07-01T00:00:00Z');
        // Older than the limit: 1, 2 (Erika by number), 4 (restricted), 5 (Erika by name), 6 (Hans, no number).
        expect(await writable.source.purgeBefore?.(before, { batchSize: 10, dryRun: true, holds: [ERIKA] })).toEqual({ source: 'journal', category: 'H', deleted: 0, due: 1, kept: 4, writable: true });
        expect(await writable.source.purgeBefore?.(before, { batchSize: 10, holds: [ERIKA, { name: 'Somebody Else' }] })).toEqual({ source: 'journal', category: 'H', deleted: 1, due: 0, kept: 4, writable: true });
        expect((await writable.source.export(ERIKA)).map((r) => r.key).sort()).toEqual(['1', '2', '3', '4', '5']);
        // The hold lifted: what is past its period goes (the restricted record still stays).
        expect(await writable.source.purgeBefore?.(before, { batchSize: 10 })).toMatchObject({ deleted: 3, kept: 1 });
      } finally {
        await writable.close();
      }
    });

    it('erases a person’s records matched by identifier, and those matched by name only where asked; never a held person’s', async () => {
      const writable = await open(true);
      try {
        // Under a legal hold: nothing goes, and what was kept is counted.
        expect(await writable.source.erase?.(ERIKA, { match: ['identifier'], holds: [{ phones: ['089 1234567'] }] })).toEqual({ deleted: 0, kept: 3 });
        expect(await writable.source.erase?.(ERIKA, { match: ['identifier'] })).toEqual({ deleted: 3, kept: 0 });
        // Left: the records that matched her name only, for the DPO to include or not.
        expect(await writable.source.find(ERIKA)).toEqual([expect.objectContaining({ match: 'name', count: 2 })]);
        expect(await writable.source.erase?.(ERIKA, { match: ['identifier', 'name'] })).toEqual({ deleted: 2, kept: 0 });
        expect(await writable.source.find(ERIKA)).toEqual([]);
        expect((await writable.source.statistics()).count).toBe(2);
      } finally {
        await writable.close();
      }
    });

    it('restricts a person’s records, which a purge then keeps', async () => {
      const writable = await open(true);
      try {
        expect(await writable.source.restrict?.(ERIKA, { match: ['identifier'] })).toEqual({ restricted: 3 });
        // Her calls are private now too (seed 4.3.2.1): the export says so.
        expect((await writable.source.export(ERIKA)).filter((r) => r.match === 'identifier').every((r) => r.private === true)).toBe(true);
        // Rows 1 (2024) and 2 (2025-06) are hers and old: kept now, with row 4 (restricted before); 5 (her name only) and 6 go.
        expect(await writable.source.purgeBefore?.(new Date('2025-07-01T00:00:00Z'), { batchSize: 10 })).toMatchObject({ deleted: 2, kept: 3 });
      } finally {
        await writable.close();
      }
    });

    it('pseudonymises a person’s records: every identifier replaced by its keyed pseudonym, the same everywhere; then nothing finds her', async () => {
      const writable = await open(true);
      try {
        expect(writable.source.capabilities.has('pseudonymise')).toBe(true);
        expect(await writable.source.pseudonymise?.(ERIKA, { match: ['identifier'] })).toEqual({ pseudonymised: 3, kept: 0, keyVersion: 2 });
        expect((await writable.source.find(ERIKA)).filter((f) => f.match === 'identifier')).toEqual([]);
        const rows = (await writable.source.export({ phones: ['+49 30 111111', '+49 40 222222', '+49 69 333333', '+49 89 765432'] })).length;
        // Nobody else's records changed; her three calls keep their times and durations, under one pseudonym.
        expect(rows).toBe(3);
        const statistics = await writable.source.statistics();
        expect(statistics.count).toBe(7);
        const again = await writable.source.pseudonymise?.(ERIKA, { match: ['identifier'] });
        expect(again?.pseudonymised).toBe(0);
      } finally {
        await writable.close();
      }
    });

    it('rectifies the copy a source keeps of an item: the mapped column in the person’s records, before and after', async () => {
      const writable = await open(true);
      try {
        // H.1 is kept in remote_name: Erika's three calls (by number) get the corrected name.
        const result = await writable.source.rectify?.(ERIKA, { item: 'H.1', value: 'Erika Müller-Schmidt', match: ['identifier'] });
        expect(result?.changed).toBe(3);
        expect([...(result?.before ?? [])].sort()).toEqual(['', 'E. Müller', 'Erika Müller']);
        expect(result?.after).toEqual(['Erika Müller-Schmidt']);
        // An item the source keeps no copy of changes nothing.
        expect(await writable.source.rectify?.(ERIKA, { item: 'F.14', value: 'x', match: ['identifier'] })).toEqual({ changed: 0, before: [], after: [] });
      } finally {
        await writable.close();
      }
    });

    it('refuses to erase or restrict where it may not write', async () => {
      await expect(opened.source.erase?.(ERIKA, { match: ['identifier'] })).rejects.toThrow(/cannot erase: it may not be written/);
      await expect(opened.source.restrict?.(ERIKA, { match: ['identifier'] })).rejects.toThrow(/cannot restrict/);
      await expect(opened.source.pseudonymise?.(ERIKA, { match: ['identifier'] })).rejects.toThrow(/cannot pseudonymise: it may not be written/);
      expect((await opened.source.statistics()).count).toBe(7);
    });

    it('deletes nothing from a source that may not be written: it says how many records are past their period', async () => {
      expect(opened.source.capabilities.has('purgeByAge')).toBe(false);
      expect(await opened.source.purgeBefore?.(new Date('2025-07-01T00:00:00Z'), { batchSize: 10 })).toEqual({ source: 'journal', category: 'H', deleted: 0, due: 4, kept: 1, writable: false });
      expect((await opened.source.statistics()).count).toBe(7);
    });

    it('counts a record whose number is missing among the name-only matches, not nowhere', async () => {
      // Hans Meier's call has no number: searched with a number of someone else's and his name, it matched the name only.
      expect(await opened.source.find({ name: 'Hans Meier', phones: ['+49 89 1234567'] })).toEqual([
        expect.objectContaining({ match: 'identifier', count: 3 }),
        expect.objectContaining({ match: 'name', count: 1 }),
      ]);
    });

    it('reads a hostile name as a value, never as SQL', async () => {
      expect(await opened.source.find({ name: "x') or 1=1 --", phones: ["1'; drop table journal; --"] })).toEqual([]);
      expect((await opened.source.statistics()).count).toBe(7);
    });
  });
}
