import { readFileSync } from 'node:fs';
import { shipped } from '../../src/config/paths';
import { DirectoryIndex } from '../../src/domain/directory/directory-index';
import type { DirectoryData } from '../../src/domain/directory/person';
import { DirectoryError } from '../../src/ports/directory/directory.errors';
import type { DirectoryPort } from '../../src/ports/directory/directory.port';
import { parseLdifDirectory } from '../../src/ports/directory/ldif-directory.adapter';

/** The demo organisation as the LDIF adapter reads it: what every adapter must read alike. */
export function demoDirectory(): DirectoryData {
  return parseLdifDirectory(readFileSync(shipped('data', 'demo', 'demo-org.ldif'), 'utf8'));
}

/** Hostile input that must never widen a search: filter injection and a NUL byte. */
export const HOSTILE = ['*)(uid=*))(|(uid=*', '*', '\u0000', 'a\\2a)(objectClass=*', "o'brien\")(|(cn=*"];

export interface DirectoryUnderTest {
  directory: DirectoryPort;
  /** The adapter can write (LDAP modify, Graph PATCH); the LDIF file cannot. */
  writable: boolean;
}

/** Transitive membership as names, per person: the comparable essence of a directory read. */
function memberships(data: DirectoryData): Record<string, string[]> {
  const index = new DirectoryIndex(data);
  return Object.fromEntries(
    index.people.map((person, i) => [person.id, Array.from(index.groupsOf(i)).map((g) => index.groups[g]?.name ?? '?').sort()]),
  );
}

/**
 * What every DirectoryPort adapter must do, run against each (LDIF, OpenLDAP, Active Directory,
 * Microsoft Graph) loaded with the demo organisation.
 */
export function directoryContract(name: string, open: () => Promise<DirectoryUnderTest>): void {
  describe(`DirectoryPort contract: ${name}`, () => {
    let under: DirectoryUnderTest;
    const expected = demoDirectory();
    beforeAll(async () => {
      under = await open();
    });
    afterAll(async () => {
      await under?.directory.close();
    });

    it('reads every person of the demo organisation, named and mapped to catalogue items', async () => {
      const data = await under.directory.read();
      expect(data.people.map((p) => p.id).sort()).toEqual(expected.people.map((p) => p.id).sort());
      const juergen = data.people.find((p) => p.id === 'juergen.weiss@example.com');
      expect(juergen).toMatchObject({ displayName: 'Jürgen Weiß', givenName: 'Jürgen', surname: 'Weiß' });
      expect(juergen?.attributes['F.13.3.1']).toEqual(['+49 170 5550120']);
      expect(juergen?.attributes['F.2.1']).toEqual(['juergen.weiss@example.com']);
    });

    it('reads the groups by name, with the same transitive membership (nesting and the cycle included)', async () => {
      const data = await under.directory.read();
      expect(data.groups.map((g) => g.name).sort()).toEqual(expected.groups.map((g) => g.name).sort());
      expect(memberships(data)).toEqual(memberships(expected));
    });

    it('names each person’s manager, so that managers, reports and departments come out as in the file', async () => {
      const relations = (data: DirectoryData): Record<string, unknown> => {
        const index = new DirectoryIndex(data);
        const id = (i: number | undefined): string | undefined => (i === undefined ? undefined : index.person(i).id);
        return Object.fromEntries(
          index.people.map((person, i) => [person.id, { manager: id(index.managerOf(i)), reports: index.reportsOf(i).map(id).sort(), department: index.departmentOf(i).map(id).sort() }]),
        );
      };
      const data = await under.directory.read();
      expect(relations(data)).toEqual(relations(expected));
      const index = new DirectoryIndex(data);
      const alice = index.indexOf('alice@example.com') as number;
      expect(index.person(index.managerOf(alice) as number).id).toBe('bob@example.com');
      expect(index.reportsOf(index.indexOf('frank@example.com') as number).length).toBeGreaterThan(2);
    });

    it('finds a person live by mail, case-insensitively, and nobody for an unknown address', async () => {
      await expect(under.directory.findPerson({ mail: 'ALICE@example.com' })).resolves.toMatchObject({ id: 'alice@example.com', displayName: 'Alice Adams' });
      await expect(under.directory.findPerson({ mail: 'nobody@example.com' })).resolves.toBeUndefined();
    });

    it('searches people by name', async () => {
      const found = await under.directory.searchPeople('Weiß', 10);
      expect(found.map((p) => p.id)).toEqual(['juergen.weiss@example.com']);
      const schmidts = await under.directory.searchPeople('Schmidt', 10);
      expect(schmidts.map((p) => p.id).sort()).toEqual(['anna.schmidt@example.com', 'thomas.schmidt@example.com']);
    });

    it.each(HOSTILE)('never widens a search for hostile input %j', async (hostile) => {
      await expect(under.directory.searchPeople(hostile, 50)).resolves.toEqual([]);
      await expect(under.directory.findPerson({ mail: hostile, upn: hostile })).resolves.toBeUndefined();
    });

    it('updates one person and returns the values before and after, or refuses when read-only', async () => {
      const change = { 'F.13.3.1': ['+49 170 0000000'] };
      if (!under.writable) {
        await expect(under.directory.updatePerson('alice@example.com', change)).rejects.toBeInstanceOf(DirectoryError);
        return;
      }
      const before = (await under.directory.findPerson({ mail: 'alice@example.com' }))?.attributes['F.13.3.1'];
      const update = await under.directory.updatePerson('alice@example.com', change);
      expect(update).toEqual({ personId: 'alice@example.com', before: { 'F.13.3.1': before }, after: change });
      await expect(under.directory.findPerson({ mail: 'alice@example.com' })).resolves.toMatchObject({ attributes: expect.objectContaining(change) });
      const back = await under.directory.updatePerson('alice@example.com', { 'F.13.3.1': before ?? [] });
      expect(back.after).toEqual({ 'F.13.3.1': before ?? [] });
    });
  });
}
