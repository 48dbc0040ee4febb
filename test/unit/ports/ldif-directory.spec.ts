import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  describe('UTF-8 written as it is (as OpenLDAP accepts it)', () => {
    /** A German directory as people write it by hand: umlauts in values, DNs and member DNs. */
    const UTF8 = [
      'dn: cn=Jürgen Groß,ou=people,dc=example,dc=com',
      'objectClass: inetOrgPerson',
      'cn: Jürgen Groß',
      'givenName: Jürgen',
      'sn: Groß',
      'mail: juergen.gross@example.com',
      'l: München',
      'street: Leopoldstraße 12',
      '',
      'dn: cn=Büro München,ou=groups,dc=example,dc=com',
      'objectClass: groupOfNames',
      'cn: Büro München',
      'member: cn=Jürgen Groß,ou=people,dc=example,dc=com',
      '',
      'dn: cn=Alle,ou=groups,dc=example,dc=com',
      'objectClass: groupOfNames',
      'cn: Alle',
      'member: cn=Büro München,ou=groups,dc=example,dc=com',
      '',
    ];
    const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
    /** The same directory with every non-ASCII value in base64, as RFC 2849 asks. */
    const BASE64 = UTF8.map((line) => {
      const match = /^([^:]+): (.*)$/.exec(line);
      return match && /[^ -~]/.test(match[2] as string) ? `${match[1]}:: ${b64(match[2] as string)}` : line;
    });

    it('reads values, DNs and member DNs with umlauts', () => {
      const data = parseLdifDirectory(UTF8.join('\n'), 'people.ldif');
      expect(data.people).toEqual([
        expect.objectContaining({
          id: 'juergen.gross@example.com',
          ref: 'cn=jürgen groß,ou=people,dc=example,dc=com',
          displayName: 'Jürgen Groß',
          givenName: 'Jürgen',
          surname: 'Groß',
          attributes: expect.objectContaining({ 'F.9.3': ['München'], 'F.9.1': ['Leopoldstraße 12'] }),
        }),
      ]);
      expect(data.groups).toEqual([
        { id: 'cn=büro münchen,ou=groups,dc=example,dc=com', name: 'Büro München', memberPeople: ['juergen.gross@example.com'], memberGroups: [] },
        { id: 'cn=alle,ou=groups,dc=example,dc=com', name: 'Alle', memberPeople: [], memberGroups: ['cn=büro münchen,ou=groups,dc=example,dc=com'] },
      ]);
      const index = new DirectoryIndex(data);
      const juergen = index.indexOf('juergen.gross@example.com') as number;
      expect(Array.from(index.groupsOf(juergen)).map((g) => index.groups[g]?.name).sort()).toEqual(['Alle', 'Büro München']);
    });

    it('gives the same people and groups as the base64 form', () => {
      expect(BASE64.join('\n')).toContain(`cn:: ${b64('Jürgen Groß')}`);
      expect(BASE64.join('\n')).toContain(`dn:: ${b64('cn=Jürgen Groß,ou=people,dc=example,dc=com')}`);
      expect(parseLdifDirectory(UTF8.join('\n'))).toEqual(parseLdifDirectory(BASE64.join('\n')));
    });

    it('reads CRLF line endings and a byte-order mark', () => {
      const expected = parseLdifDirectory(UTF8.join('\n'));
      expect(parseLdifDirectory(UTF8.join('\r\n'))).toEqual(expected);
      expect(parseLdifDirectory(`\uFEFF${UTF8.join('\r\n')}`)).toEqual(expected);
      expect(parseLdifDirectory(`\uFEFF${BASE64.join('\n')}`)).toEqual(expected);
    });

    it('unfolds continued lines with multibyte characters, even a fold inside a character of the file’s bytes', async () => {
      const folded = UTF8.map((line) =>
        line === 'cn: Jürgen Groß' ? 'cn: Jür\n gen Gr\n oß' : line === 'member: cn=Jürgen Groß,ou=people,dc=example,dc=com' ? 'member: cn=Jürgen G\n roß,ou=people,\n dc=example,dc=com' : line,
      );
      const expected = parseLdifDirectory(UTF8.join('\n'));
      expect(parseLdifDirectory(folded.join('\n'))).toEqual(expected);
      expect(parseLdifDirectory(folded.join('\r\n'))).toEqual(expected);
      // A tool that folds by bytes may split "ü" (C3 BC) across two lines: the file read as bytes still says "Jürgen".
      const bytes = Buffer.from(UTF8.join('\n'), 'utf8');
      const u = bytes.indexOf(Buffer.from('cn: Jürgen Groß', 'utf8')) + 'cn: J'.length + 1;
      const splitInside = Buffer.concat([bytes.subarray(0, u), Buffer.from('\n '), bytes.subarray(u)]);
      const dir = mkdtempSync(join(tmpdir(), 'ldif-'));
      try {
        const file = join(dir, 'folded.ldif');
        writeFileSync(file, splitInside);
        expect(await new LdifDirectory(file).read()).toEqual(expected);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('still refuses a broken file, naming its line', () => {
      const broken = [...UTF8.slice(0, 4), 'Straße ohne Doppelpunkt', ...UTF8.slice(4)].join('\r\n');
      expect(() => parseLdifDirectory(broken, 'people.ldif')).toThrow(ConfigurationError);
      expect(() => parseLdifDirectory(broken, 'people.ldif')).toThrow('people.ldif:5: not valid LDIF');
      const afterAFold = ['dn: cn=x,dc=example,dc=com', 'cn: Jür', ' gen', 'sn: Groß', 'kaputt'].join('\n');
      expect(() => parseLdifDirectory(afterAFold, 'people.ldif')).toThrow('people.ldif:5: not valid LDIF');
    });

    it('refuses a file that is not UTF-8 (Latin-1), naming its line', () => {
      const latin1 = Buffer.from(['dn: cn=x,dc=example,dc=com', 'objectClass: inetOrgPerson', 'l: München', ''].join('\n'), 'latin1');
      expect(() => parseLdifDirectory(latin1, 'latin1.ldif')).toThrow('latin1.ldif:3: not UTF-8');
    });
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
