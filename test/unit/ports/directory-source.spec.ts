import { readFileSync } from 'node:fs';
import { shipped } from '../../../src/config/paths';
import { parseLdifDirectory } from '../../../src/ports/directory/ldif-directory.adapter';
import { DirectorySource } from '../../../src/ports/sources/directory-source.adapter';

/** The directory (category F) as a personal-data source, on the demo organisation. */
describe('the directory source', () => {
  const people = parseLdifDirectory(readFileSync(shipped('data', 'demo', 'demo-org.ldif'))).people;
  const source = new DirectorySource(() => people, 'DE');

  it('finds an entry by mail, SIP address or any of its numbers however written', async () => {
    const one = [{ source: 'directory', category: 'F', match: 'identifier', count: 1 }];
    expect(await source.find({ emails: ['Alice@Example.com'] })).toEqual(one);
    expect(await source.find({ sipAddresses: ['sip:alice@example.com'] })).toEqual(one);
    // Alice's business number is written "+49 89 1234567-101" in the directory.
    expect(await source.export({ phones: ['089 1234567101'] })).toEqual([expect.objectContaining({ key: 'alice@example.com', match: 'identifier' })]);
    expect(await source.export({ phones: ['0170 5550101'] })).toEqual([expect.objectContaining({ key: 'alice@example.com', match: 'identifier' })]);
  });

  it('counts an entry matching the name only apart, and never twice', async () => {
    expect(await source.find({ name: 'ALICE ADAMS' })).toEqual([{ source: 'directory', category: 'F', match: 'name', count: 1 }]);
    expect(await source.find({ firstName: 'Alice', lastName: 'Adams', emails: ['alice@example.com'] })).toEqual([{ source: 'directory', category: 'F', match: 'identifier', count: 1 }]);
    expect(await source.find({ name: 'Nobody Known', phones: ['+44 20 7946 0000'] })).toEqual([]);
    expect(await source.find({})).toEqual([]);
  });

  it('finds entries by street, however written, and by postcode and city too; an address counts as a name does', async () => {
    const atOffice = people.filter((p) => (p.attributes['F.9.1'] ?? []).includes('Leopoldstraße 12')).length;
    expect(atOffice).toBeGreaterThan(1);
    expect(await source.find({ street: 'Leopoldstr. 12' })).toEqual([{ source: 'directory', category: 'F', match: 'name', count: atOffice }]);
    expect(await source.find({ street: 'LEOPOLDSTRASSE 12', postcodeCity: '80802 Muenchen' })).toEqual([{ source: 'directory', category: 'F', match: 'name', count: atOffice }]);
    expect(await source.find({ street: 'Leopoldstraße 12', postcodeCity: '10115 Berlin' })).toEqual([]);
    expect(await source.find({ postcodeCity: '80802 München' })).toEqual([]);
  });

  it('exports the entry as catalogue items', async () => {
    const [entry] = await source.export({ emails: ['alice@example.com'] });
    expect(entry).toMatchObject({ source: 'directory', category: 'F', key: 'alice@example.com', match: 'identifier' });
    expect(entry?.items).toMatchObject({ 'F.1': 'Alice Adams', 'F.1.1': 'Alice', 'F.1.2': 'Adams', 'F.13.1': '+49 89 1234567-101' });
  });

  it('counts the directory\'s entries and only finds and exports', async () => {
    expect(await source.statistics()).toEqual({ source: 'directory', category: 'F', count: people.length });
    expect([...source.capabilities].sort()).toEqual(['export', 'find']);
  });
});
