import { readFileSync } from 'node:fs';
import { Administrators } from '../../../src/app/administrators';
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

  it('is configured by ADMIN_GROUP and ADMIN_CHANNEL, a bad channel id refused by name', () => {
    expect(loadConfig({ ADMIN_GROUP: ' IT Admins ', ADMIN_CHANNEL: '19:admins@thread.tacv2' })).toMatchObject({ adminGroup: 'IT Admins', adminChannelId: '19:admins@thread.tacv2' });
    expect(() => loadConfig({ ADMIN_CHANNEL: 'general' })).toThrow(/ADMIN_CHANNEL.*19:/);
  });
});
