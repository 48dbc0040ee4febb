import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { Attribute, Change, Client } from 'ldapts';
import { shipped } from '../../../src/config/paths';
import { main } from '../../../src/cli/main';
import { ConfigurationError } from '../../../src/domain/shared/errors';
import { DirectoryError } from '../../../src/ports/directory/directory.errors';
import { LdapDirectory, type LdapDirectoryOptions } from '../../../src/ports/directory/ldap/ldap-directory.adapter';
import { INET_ORG_PERSON_PROFILE } from '../../../src/ports/directory/ldap/ldap-profile';
import { directoryContract } from '../../contract/directory.contract';
import { freePort } from '../../support/free-port';
import { requireService } from '../../support/services';
import { Slapd, slapdAvailable } from '../../support/slapd';

/** The LDAP adapter against a real OpenLDAP slapd that the suite starts itself. */
const available = requireService('OpenLDAP slapd', slapdAvailable(), 'install it with: apt-get install -y slapd ldap-utils');
const describeIf = available ? describe : describe.skip;

const slapd = new Slapd({ suffix: 'dc=example,dc=com', ldif: readFileSync(shipped('data', 'demo', 'demo-org.ldif'), 'utf8') });

beforeAll(async () => {
  if (available) await slapd.setUp();
}, 60_000);
afterAll(async () => {
  if (available) await slapd.tearDown();
});

const options = (overrides: Partial<LdapDirectoryOptions> = {}): LdapDirectoryOptions => ({
  url: slapd.url,
  baseDn: 'dc=example,dc=com',
  bind: { dn: slapd.readerDn, password: slapd.readerPassword },
  profile: INET_ORG_PERSON_PROFILE,
  startTls: false,
  timeoutMs: 5_000,
  pageSize: 7,
  ...overrides,
});

describeIf('LDAP directory on OpenLDAP', () => {
  directoryContract('OpenLDAP, read-only bind', async () => ({ directory: new LdapDirectory(options()), writable: false }));
  directoryContract('OpenLDAP, bind allowed to write', async () => ({
    directory: new LdapDirectory(options({ bind: { dn: slapd.rootDn, password: slapd.rootPassword } })),
    writable: true,
  }));

  it('gives the same answer through `privacy-desk ask` as the LDIF adapter, selected by environment alone', async () => {
    const ask = async (env: Record<string, string>): Promise<string> => {
      const saved = { ...process.env };
      Object.assign(process.env, { GRANTS_FILE: shipped('data', 'demo', 'grants.json'), ...env });
      const out: string[] = [];
      const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
      try {
        await main(['node', 'privacy-desk', 'ask', '--as', 'alice@example.com', '--database', ':memory:', 'who can see my presence']);
      } finally {
        write.mockRestore();
        process.env = saved;
      }
      return out.join('');
    };
    const fromLdif = await ask({ DIRECTORY: 'ldif' });
    const fromLdap = await ask({
      DIRECTORY: 'ldap',
      LDAP_URL: slapd.url,
      LDAP_BASE_DN: 'dc=example,dc=com',
      LDAP_BIND_DN: slapd.readerDn,
      LDAP_BIND_PASSWORD: slapd.readerPassword,
      LDAP_PROFILE: 'inetOrgPerson',
    });
    expect(fromLdif).toContain('All 29 colleagues');
    expect(fromLdap).toBe(fromLdif);
  });

  it('refuses a write with the read-only account as forbidden', async () => {
    await expect(new LdapDirectory(options()).updatePerson('alice@example.com', { 'F.13.3.1': ['1'] })).rejects.toMatchObject({ code: 'DIRECTORY.FORBIDDEN' });
  });

  it('refuses a change of an item no attribute is mapped to', async () => {
    const directory = new LdapDirectory(options({ bind: { dn: slapd.rootDn, password: slapd.rootPassword } }));
    await expect(directory.updatePerson('alice@example.com', { 'F.17': ['4711'] })).rejects.toMatchObject({ code: 'DIRECTORY.INVALID_CHANGE' });
  });

  it('reads over ldaps:// with the CA file', async () => {
    const data = await new LdapDirectory(options({ url: slapd.tlsUrl, ca: readFileSync(slapd.caFile) })).read();
    expect(data.people).toHaveLength(30);
  });

  it('reads after StartTLS with the CA file', async () => {
    const data = await new LdapDirectory(options({ url: slapd.url, startTls: true, ca: readFileSync(slapd.caFile) })).read();
    expect(data.people).toHaveLength(30);
  });

  it('fails TLS clearly when the server certificate is not trusted', async () => {
    await expect(new LdapDirectory(options({ url: slapd.tlsUrl })).read()).rejects.toMatchObject({ code: 'DIRECTORY.TLS' });
  });

  it('turns a refused bind into BIND_FAILED without naming the password', async () => {
    const failure = new LdapDirectory(options({ bind: { dn: slapd.readerDn, password: 'wrong-password' } })).read();
    await expect(failure).rejects.toMatchObject({ code: 'DIRECTORY.BIND_FAILED' });
    await expect(failure).rejects.not.toThrow(/wrong-password/);
  });

  it('turns a server that is not there into UNREACHABLE', async () => {
    await expect(new LdapDirectory(options({ url: `ldap://127.0.0.1:${await freePort()}` })).read()).rejects.toMatchObject({ code: 'DIRECTORY.UNREACHABLE' });
  });

  it('turns a server that never answers into TIMEOUT', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      await expect(new LdapDirectory(options({ url: `ldap://127.0.0.1:${port}`, timeoutMs: 300 })).read()).rejects.toMatchObject({ code: 'DIRECTORY.TIMEOUT' });
    } finally {
      silent.close();
    }
  });

  it('turns a referral into a clear REFERRAL error', async () => {
    await expect(new LdapDirectory(options({ baseDn: 'dc=elsewhere,dc=org', bind: undefined })).read()).rejects.toMatchObject({ code: 'DIRECTORY.REFERRAL' });
  });

  it('reconnects after the server restarts', async () => {
    const directory = new LdapDirectory(options());
    await expect(directory.read()).resolves.toMatchObject({ people: expect.any(Array) });
    await slapd.stop();
    await expect(directory.read()).rejects.toBeInstanceOf(DirectoryError);
    await slapd.start();
    await expect(directory.read()).resolves.toMatchObject({ people: expect.arrayContaining([expect.objectContaining({ id: 'alice@example.com' })]) });
  }, 30_000);

  it('refreshes incrementally: changed entries re-read, removed ones gone, the rest from the last read', async () => {
    const directory = new LdapDirectory(options());
    const first = await directory.read();
    expect(directory.lastReadWasIncremental).toBe(false);
    const admin = new Client({ url: slapd.url });
    await admin.bind(slapd.rootDn, slapd.rootPassword);
    try {
      // modifyTimestamp has one-second resolution: make sure the change is in a later second.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await admin.modify('uid=bob,ou=people,dc=example,dc=com', [new Change({ operation: 'replace', modification: new Attribute({ type: 'mobile', values: ['+49 170 1112223'] }) })]);
      await admin.add('uid=newbie,ou=people,dc=example,dc=com', { objectClass: ['inetOrgPerson'], cn: 'Nina Newbie', sn: 'Newbie', mail: 'nina.newbie@example.com' });
      await admin.del('uid=klaus.becker,ou=people,dc=example,dc=com');
      await admin.modify('uid=alice,ou=people,dc=example,dc=com', [new Change({ operation: 'replace', modification: new Attribute({ type: 'manager', values: ['uid=frank,ou=people,dc=example,dc=com'] }) })]);
      const second = await directory.read();
      expect(directory.lastReadWasIncremental).toBe(true);
      const ids = second.people.map((p) => p.id);
      expect(ids).toContain('nina.newbie@example.com');
      expect(ids).not.toContain('klaus.becker@example.com');
      expect(second.people.find((p) => p.id === 'bob@example.com')?.attributes['F.13.3.1']).toEqual(['+49 170 1112223']);
      expect(second.people).toHaveLength(first.people.length);
      // A new manager is a change of the entry like any other.
      expect(second.people.find((p) => p.id === 'alice@example.com')?.managerRef).toBe('uid=frank,ou=people,dc=example,dc=com');
    } finally {
      await admin.modify('uid=alice,ou=people,dc=example,dc=com', [new Change({ operation: 'replace', modification: new Attribute({ type: 'manager', values: ['uid=bob,ou=people,dc=example,dc=com'] }) })]).catch(() => undefined);
      await admin.del('uid=newbie,ou=people,dc=example,dc=com').catch(() => undefined);
      await admin.unbind();
    }
  });

  it('takes an administrator’s user filter, and rejects one that is not a filter', async () => {
    const sales = await new LdapDirectory(options({ userFilter: '(&(objectClass=inetOrgPerson)(ou=Sales))' })).read();
    expect(sales.people.length).toBeGreaterThan(0);
    expect(sales.people.every((p) => p.attributes['F.5']?.includes('Sales'))).toBe(true);
    expect(() => new LdapDirectory(options({ userFilter: '(objectClass=inetOrgPerson' }))).toThrow(ConfigurationError);
  });

  it('maps attributes through an administrator’s mapping', async () => {
    const data = await new LdapDirectory(options({ mapping: { mail: 'F.2.1', mobile: 'F.13.3.2' } })).read();
    const juergen = data.people.find((p) => p.id === 'juergen.weiss@example.com');
    expect(juergen?.attributes).toEqual({ 'F.2.1': ['juergen.weiss@example.com'], 'F.13.3.2': ['+49 170 5550120'] });
  });
});
