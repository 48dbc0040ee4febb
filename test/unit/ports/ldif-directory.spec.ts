import { shipped } from '../../../src/config/paths';
import { DirectoryIndex } from '../../../src/domain/directory/directory-index';
import { ConfigurationError } from '../../../src/domain/shared/errors';
import { LdifDirectory, parseLdifDirectory } from '../../../src/ports/directory/ldif-directory.adapter';

describe('LDIF directory', () => {
  it('reads the shipped demo organisation: people by mail, groups with nesting and a cycle', async () => {
    const data = await new LdifDirectory(shipped('data', 'demo', 'demo-org.ldif')).read();
    expect(data.people.length).toBeGreaterThanOrEqual(25);
    const juergen = data.people.find((p) => p.id === 'juergen.weiss@example.com');
    expect(juergen).toMatchObject({ displayName: 'Jürgen Weiß', givenName: 'Jürgen', surname: 'Weiß' });
    expect(juergen?.attributes['F.13.3.1']).toEqual(['+49 170 5550120']);
    expect(juergen?.attributes['F.9.3']).toEqual(['München']);
    const works = data.groups.find((g) => g.name === 'Works Council');
    expect(works?.memberPeople.length).toBeGreaterThan(0);
    const index = new DirectoryIndex(data);
    const alice = index.indexOf('ALICE@example.com') as number;
    expect(Array.from(index.groupsOf(alice)).map((g) => index.groups[g]?.name)).toEqual(expect.arrayContaining(['Sales Munich', 'Sales DACH', 'Sales', 'All Staff']));
  });

  it('decodes base64 values, unfolds lines and reads groupOfUniqueNames', () => {
    const data = parseLdifDirectory(
      [
        'version: 1',
        '',
        'dn: uid=z,ou=people,dc=example,dc=com',
        'objectClass: inetOrgPerson',
        'cn:: Wm/DqyBNw7xsbGVy',
        'sn: M',
        'displayName:: Wm/DqyBNw7xsbGVy',
        'mail: Zoe@Example.com',
        'description: a long',
        '  folded line',
        '',
        'dn: cn=Council, ou=groups,dc=example,dc=com',
        'objectClass: groupOfUniqueNames',
        'cn: Council',
        "uniqueMember: uid=z,ou=people,dc=example,dc=com#'0101'B",
        '',
      ].join('\n'),
    );
    expect(data.people).toEqual([
      expect.objectContaining({ id: 'zoe@example.com', mail: 'Zoe@Example.com', displayName: 'Zoë Müller', attributes: expect.objectContaining({ 'F.19': ['a long folded line'] }) }),
    ]);
    expect(data.groups).toEqual([{ id: 'cn=council,ou=groups,dc=example,dc=com', name: 'Council', memberPeople: ['zoe@example.com'], memberGroups: [] }]);
  });

  it('names the file and line of a syntax error', () => {
    expect(() => parseLdifDirectory('dn: cn=x\nthis is not ldif\n', 'broken.ldif')).toThrow(ConfigurationError);
    try {
      parseLdifDirectory('dn: cn=x\nthis is not ldif\n', 'broken.ldif');
    } catch (error) {
      expect((error as ConfigurationError).location).toMatch(/^broken\.ldif/);
    }
  });
});
