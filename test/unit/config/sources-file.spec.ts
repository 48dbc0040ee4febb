import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SourceDefinition, holdsInForce, parseLegalHolds, parseSources, readSourcesFile } from '../../../src/config/sources-file';

const journal = {
  id: 'journal',
  category: 'H',
  connection: { sqlite: 'journal.sqlite' },
  table: 'journal',
  key: 'id',
  time: 'started_at',
  private: 'is_private',
  identifiers: { remote_number: 'phone', remote_name: 'name' },
  items: { remote_name: 'H.1', remote_number: 'H.2' },
};
const context = { folder: '/srv/ucserver', env: { JOURNAL_URL: 'postgres://reader:secret@db:5432/ucserver' }, file: 'sources.json' };

describe('the sources file', () => {
  it('reads a source, SQLite paths from the file\'s folder, read-only unless it says otherwise', () => {
    expect(parseSources({ sources: [journal] }, context)).toEqual([
      { ...journal, connection: { dialect: 'sqlite', file: '/srv/ucserver/journal.sqlite' }, writable: false },
    ]);
  });

  it('takes a PostgreSQL URL from the environment variable it names', () => {
    const [source] = parseSources({ sources: [{ ...journal, connection: { postgres: 'env:JOURNAL_URL' }, writable: true }] }, context) as SourceDefinition[];
    expect(source?.connection).toEqual({ dialect: 'postgres', url: 'postgres://reader:secret@db:5432/ucserver', variable: 'JOURNAL_URL' });
    expect(source?.writable).toBe(true);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a missing table', { table: undefined }, /sources\[0\] \(journal\): table: .*expected string/],
    ['a column that is no SQL name', { key: 'id; drop table x' }, /sources\[0\] \(journal\): key: expected a column name/],
    ['no identifying column', { identifiers: {} }, /identifiers: name at least one column that identifies a person/],
    ['an unknown identifier kind', { identifiers: { remote_number: 'fingerprint' } }, /identifiers\.remote_number/],
    ['an item that does not exist', { items: { remote_name: 'H.99' } }, /items\.remote_name: "H\.99" is no catalogue item/],
    ['an item of another category', { items: { remote_name: 'F.1' } }, /items\.remote_name: F\.1 belongs to category F, not H/],
    ['a category that is no SQL source', { category: 'F' }, /category/],
    ['an inline database URL', { connection: { postgres: 'postgres://u:p@h/db' } }, /connection.*expected env:NAME/],
    ['an unset environment variable', { connection: { postgres: 'env:NOT_SET' } }, /connection\.postgres: the environment variable NOT_SET is not set/],
    ['an unknown setting', { colour: 'blue' }, /Unrecognized key.*colour/],
  ])('refuses %s, naming the entry and the setting', (_case, change, message) => {
    expect(() => parseSources({ sources: [{ ...journal, ...change }] }, context)).toThrow(message);
  });

  it('reads log files: a folder beside the file, which files, how many days back, the size limit', () => {
    expect(parseSources({ sources: [{ id: 'logs', category: 'L', folder: 'logs', files: 'ucserver*.log*', windowDays: 14, limitMB: 512 }] }, context)).toEqual([
      { id: 'logs', category: 'L', folder: '/srv/ucserver/logs', files: 'ucserver*.log*', windowDays: 14, limitBytes: 512 * 1024 * 1024 },
    ]);
    expect(parseSources({ sources: [{ id: 'logs', category: 'L', folder: 'logs', limitMB: 1 }] }, context)).toEqual([{ id: 'logs', category: 'L', folder: '/srv/ucserver/logs', files: '*.log*', windowDays: 30, limitBytes: 1024 * 1024 }]);
    expect(() => parseSources({ sources: [{ id: 'logs', category: 'L', folder: 'logs' }] }, context)).toThrow(/sources\[0\] \(logs\): limitMB/);
    expect(() => parseSources({ sources: [{ id: 'logs', category: 'L', folder: 'logs', limitMB: 1, files: '../*.log' }] }, context)).toThrow(/files: expected a file name pattern/);
  });

  it('reads a Microsoft SQL Server connection, user and password from the environment, encrypted by default', () => {
    const env = { ...context.env, UC_USER: 'reader', UC_PASSWORD: 's3cret!' };
    const [source] = parseSources({ sources: [{ ...journal, connection: { mssql: { server: 'ucserver-db', database: 'UCServer', user: 'env:UC_USER', password: 'env:UC_PASSWORD' } } }] }, { ...context, env }) as SourceDefinition[];
    expect(source?.connection).toEqual({ dialect: 'mssql', server: 'ucserver-db', port: 1433, database: 'UCServer', user: 'reader', password: 's3cret!', encrypt: true, trustServerCertificate: false });
    let message = '';
    try {
      parseSources({ sources: [{ ...journal, connection: { mssql: { server: 'ucserver-db', database: 'UCServer', user: 'env:UC_USER', password: 'env:UC_PASSWORD_MISSING' } } }] }, { ...context, env });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('sources[0] (journal): connection.mssql.password: the environment variable UC_PASSWORD_MISSING is not set');
    expect(message).not.toContain('s3cret');
    expect(() => parseSources({ sources: [{ ...journal, connection: { mssql: { server: 'db', database: 'UC', user: 'sa', password: 'env:UC_PASSWORD' } } }] }, { ...context, env })).toThrow(/connection.*expected env:NAME/);
  });

  it('refuses an id used twice', () => {
    expect(() => parseSources({ sources: [journal, { ...journal, table: 'other' }] }, context)).toThrow(/sources\[1\] \(journal\): id: "journal" is used twice/);
  });

  it('never repeats a database URL in its messages', () => {
    const messages: string[] = [];
    try {
      parseSources({ sources: [{ ...journal, connection: { postgres: 'env:JOURNAL_URL' }, table: '' }] }, context);
    } catch (error) {
      messages.push((error as Error).message);
    }
    expect(messages).toHaveLength(1);
    expect(messages[0]).not.toContain('secret');
  });

  it('says when the file is no JSON, or not shaped as sources', () => {
    const dir = mkdtempSync(join(tmpdir(), 'privacy-desk-sources-'));
    try {
      writeFileSync(join(dir, 'broken.json'), '{ "sources": [');
      expect(() => readSourcesFile(join(dir, 'broken.json'), {})).toThrow(/SOURCES_FILE .*broken\.json: not valid JSON/);
      writeFileSync(join(dir, 'shape.json'), '[]');
      expect(() => readSourcesFile(join(dir, 'shape.json'), {})).toThrow(/expected \{ "sources": \[ … \], "legalHolds": \[ … \] \}/);
      expect(() => readSourcesFile(join(dir, 'missing.json'), {})).toThrow(/cannot be read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a favourites source (F) only with the column of the user whose contacts they are', () => {
    const favourites = { id: 'favourites', category: 'F', connection: { sqlite: 'fav.sqlite' }, table: 'favourites', key: 'id', identifiers: { phone: 'phone' }, items: { phone: 'F.13.1' } };
    expect(() => parseSources({ sources: [favourites] }, context)).toThrow(/sources\[0\] \(favourites\): belongsTo: a favourites source \(F\) names the column/);
    expect(parseSources({ sources: [{ ...favourites, belongsTo: 'user_sip' }] }, context)).toEqual([
      { ...favourites, belongsTo: 'user_sip', connection: { dialect: 'sqlite', file: '/srv/ucserver/fav.sqlite' }, writable: false },
    ]);
  });

  describe('legal holds', () => {
    const hold = { id: 'HOLD-1', reason: 'Contract dispute', until: '2027-06-30', subject: { name: 'Hans Meier', phones: ['+49 30 555010002'] } };

    it('reads the people whose records no purge may delete, and which holds are in force on a day', () => {
      const holds = parseLegalHolds({ sources: [journal], legalHolds: [hold, { id: 'HOLD-2', subject: { emails: ['eve@partner.example'] } }] }, 'sources.json');
      expect(holds).toEqual([hold, { id: 'HOLD-2', subject: { emails: ['eve@partner.example'] } }]);
      expect(holdsInForce(holds, '2027-06-30').map((h) => h.id)).toEqual(['HOLD-1', 'HOLD-2']);
      expect(holdsInForce(holds, '2027-07-01').map((h) => h.id)).toEqual(['HOLD-2']);
      expect(parseLegalHolds({ sources: [] }, 'sources.json')).toEqual([]);
    });

    it.each([
      [{ ...hold, until: '30.06.2027' }, /legalHolds\[0\] \(HOLD-1\): until: expected a date such as 2027-12-31/],
      [{ ...hold, subject: {} }, /legalHolds\[0\] \(HOLD-1\): subject: name the person/],
      // A first name alone, or a postcode and city alone, would hold nobody (or a whole town): refused.
      [{ ...hold, subject: { firstName: 'Hans' } }, /legalHolds\[0\] \(HOLD-1\): subject: name the person/],
      [{ ...hold, subject: { postcodeCity: '80802 München' } }, /legalHolds\[0\] \(HOLD-1\): subject: name the person/],
      [{ ...hold, subject: { emails: ['not a mail'] } }, /legalHolds\[0\] \(HOLD-1\): subject\.emails\.0/],
      [{ ...hold, person: 'Hans' }, /legalHolds\[0\] \(HOLD-1\): \(entry\): Unrecognized key/],
    ])('refuses a bad hold, naming it: %j', (bad, message) => {
      expect(() => parseLegalHolds({ sources: [], legalHolds: [bad] }, 'sources.json')).toThrow(message);
      // A bad hold stops the sources file as a bad source does.
      expect(() => parseSources({ sources: [journal], legalHolds: [bad] }, context)).toThrow(message);
    });

    it('refuses the same id twice', () => {
      expect(() => parseLegalHolds({ sources: [], legalHolds: [hold, hold] }, 'sources.json')).toThrow(/legalHolds\[1\] \(HOLD-1\): id: "HOLD-1" is used twice/);
    });
  });
});
