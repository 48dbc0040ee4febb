import { readFileSync } from 'node:fs';
import { Administrators } from '../../../src/app/administrators';
import { isDirectoryUser } from '../../../src/app/directory-users';
import { loadConfig } from '../../../src/config/config';
import { shipped } from '../../../src/config/paths';
import { DirectoryIndex } from '../../../src/domain/directory/directory-index';
import { parseLdifDirectory } from '../../../src/ports/directory/ldif-directory.adapter';

describe('the administrators (ADMIN_USERS and ADMIN_GROUP)', () => {
  const directory = new DirectoryIndex(parseLdifDirectory(readFileSync(shipped('data', 'demo', 'demo-org.ldif'))));
  const idOf = (mail: string): string => directory.person(directory.indexOf(mail) as number).id;

  it('counts everyone listed, whatever the case of their address', () => {
    const admins = new Administrators(['Ayse.Yilmaz@example.com'], undefined, () => directory);
    expect(admins.includes('ayse.yilmaz@example.com')).toBe(true);
    expect(admins.includes(idOf('frank@example.com'))).toBe(false);
  });

  it('counts the members of the group, through nested groups too, as the directory has them now', () => {
    const direct = new Administrators([], 'management', () => directory);
    expect(direct.includes(idOf('frank@example.com'))).toBe(true);
    expect(direct.includes(idOf('alice@example.com'))).toBe(false);
    // "All Staff" holds Management, Sales… as member groups: their people are administrators through it.
    const nested = new Administrators([], 'All Staff', () => directory);
    expect(nested.includes(idOf('frank@example.com'))).toBe(true);
    // A group that does not exist makes nobody an administrator; a person unknown to the directory neither.
    expect(new Administrators([], 'No Such Group', () => directory).includes(idOf('frank@example.com'))).toBe(false);
    expect(direct.includes('stranger@elsewhere.example')).toBe(false);
  });

  it('takes the group by its DN, or by a name only one group has — a second group of that name makes nobody an administrator', () => {
    const management = directory.groups.find((g) => g.name === 'Management');
    const byDn = new Administrators([], management?.id.toUpperCase(), () => directory);
    expect(byDn.includes(idOf('frank@example.com'))).toBe(true);
    expect(byDn.groupProblem()).toBeUndefined();
    const twice = new DirectoryIndex({ people: directory.people, groups: [...directory.groups, { id: 'cn=Management,ou=elsewhere', name: 'Management', memberPeople: [idOf('alice@example.com')], memberGroups: [] }] });
    const ambiguous = new Administrators([], 'Management', () => twice);
    expect(ambiguous.includes(idOf('frank@example.com'))).toBe(false);
    expect(ambiguous.includes(idOf('alice@example.com'))).toBe(false);
    expect(ambiguous.groupProblem()).toMatch(/several groups have this name/);
    expect(new Administrators([], 'cn=Management,ou=elsewhere', () => twice).includes(idOf('alice@example.com'))).toBe(true);
    expect(new Administrators([], 'No Such Group', () => directory).groupProblem()).toMatch(/no directory group/);
  });

  it('tells a directory user by id, mail, UPN or SIP address, and a contact naming nobody from one', () => {
    const alice = directory.person(directory.indexOf('alice@example.com') as number);
    const sip = alice.attributes['F.16']?.[0];
    expect(isDirectoryUser(directory, 'ALICE@example.com')).toBe(true);
    expect(isDirectoryUser(directory, 'sip:alice@example.com')).toBe(true);
    if (sip) expect(isDirectoryUser(directory, sip.toUpperCase())).toBe(true);
    expect(isDirectoryUser(directory, 'sip:tom.departed@example.com')).toBe(false);
    expect(isDirectoryUser(directory, '')).toBe(false);
  });

  it('is configured by ADMIN_GROUP and ADMIN_CHANNEL, a bad channel id refused by name', () => {
    expect(loadConfig({ ADMIN_GROUP: ' IT Admins ', ADMIN_CHANNEL: '19:admins@thread.tacv2' })).toMatchObject({ adminGroup: 'IT Admins', adminChannelId: '19:admins@thread.tacv2' });
    expect(() => loadConfig({ ADMIN_CHANNEL: 'general' })).toThrow(/ADMIN_CHANNEL.*19:/);
  });
});
