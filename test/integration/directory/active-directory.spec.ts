import { readFileSync } from 'node:fs';
import { Client } from 'ldapts';
import { shipped } from '../../../src/config/paths';
import { DirectoryError } from '../../../src/ports/directory/directory.errors';
import { LdapDirectory, type LdapDirectoryOptions } from '../../../src/ports/directory/ldap/ldap-directory.adapter';
import { ACTIVE_DIRECTORY_PROFILE, IN_CHAIN } from '../../../src/ports/directory/ldap/ldap-profile';
import { demoDirectory, directoryContract } from '../../contract/directory.contract';
import { type DemoInAd, DEMO_OU, DEMO_PASSWORD, loadDemoOrganisation, SambaAd, sambaAvailable, UAC } from '../../support/samba-ad';
import { requireService } from '../../support/services';

/**
 * The LDAP adapter's Active Directory profile against a real Active Directory: Samba's AD domain
 * controller, provisioned by the suite into a temporary folder and loaded with the demo organisation.
 */
const available = requireService('Samba Active Directory', sambaAvailable(), 'install it with: apt-get install -y samba samba-ad-dc ldb-tools openssl');
const describeIf = available ? describe : describe.skip;

const samba = new SambaAd();
let demo: DemoInAd;

beforeAll(async () => {
  if (!available) return;
  await samba.setUp();
  demo = await loadDemoOrganisation(samba, readFileSync(shipped('data', 'demo', 'demo-org.ldif'), 'utf8'));
  if (process.env.SAMBA_AD_TIMINGS) console.info(`Samba AD: ${JSON.stringify({ ...samba.timings, load: demo.ms })} ms`);
}, 150_000);
afterAll(async () => {
  if (available) await samba.tearDown();
}, 30_000);

const DOMAIN = samba.baseDn;
/**
 * A fresh domain has 36 groups of its own (Domain Users, Administrators, … in CN=Users and
 * CN=Builtin), all of them `objectClass=group`: at the domain root they are read as well, unless
 * the base DN is the organisation's OU or a group filter leaves them out. They are critical system
 * objects (on Windows, the DNS server's DnsAdmins and DnsUpdateProxy are not).
 */
const NOT_BUILT_IN = '(&(objectClass=group)(!(isCriticalSystemObject=TRUE)))';

/** At the domain root, as a bot configured for the whole domain reads it. */
const options = (overrides: Partial<LdapDirectoryOptions> = {}): LdapDirectoryOptions => ({
  url: samba.url,
  baseDn: DOMAIN,
  groupFilter: NOT_BUILT_IN,
  bind: { dn: samba.adminUpn, password: samba.adminPassword },
  profile: ACTIVE_DIRECTORY_PROFILE,
  startTls: false,
  timeoutMs: 10_000,
  pageSize: 7,
  ...overrides,
});

/** An LDAP connection of the test's own, as Administrator, to check what the adapter reads. */
async function asAdministrator<T>(operation: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ url: samba.url, timeout: 10_000 });
  try {
    await client.bind(samba.adminUpn, samba.adminPassword);
    return await operation(client);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

const text = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);

describeIf('LDAP directory on Active Directory (Samba AD DC)', () => {
  directoryContract('Active Directory (Samba), base DN the organisation’s OU', async () => ({
    directory: new LdapDirectory(options({ baseDn: DEMO_OU, groupFilter: undefined })),
    writable: true,
  }));
  directoryContract('Active Directory (Samba), base DN the domain, AD’s own groups filtered out', async () => ({ directory: new LdapDirectory(options()), writable: true }));

  it('leaves AD’s own groups out at the domain root, whose members are partly implicit (primaryGroupID)', async () => {
    const data = await new LdapDirectory(options({ groupFilter: undefined })).read();
    expect(data.people).toHaveLength(30);
    expect(data.groups.map((g) => g.name).sort()).toEqual([...demo.groups.keys()].sort());
  });

  it('took the demo organisation, including the Project Phoenix ⇄ Project Ember cycle', () => {
    expect(demo.people.size).toBe(30);
    expect(demo.groups.size).toBe(16);
    expect(demo.cycleAccepted).toBe(true);
  });

  it('maps every person’s AD attributes to the same catalogue items as the LDIF’s', async () => {
    const data = await new LdapDirectory(options()).read();
    const byId = new Map(data.people.map((p) => [p.id, p]));
    // Items whose values AD holds unchanged (AD's attributes are single-valued: the first value).
    const items = ['F.1', 'F.1.1', 'F.1.2', 'F.2.1', 'F.3', 'F.4', 'F.5', 'F.9.1', 'F.9.2', 'F.9.3', 'F.9.4', 'F.13.1', 'F.13.3.1', 'F.13.3.4', 'F.13.4', 'F.13.13', 'F.19'];
    for (const expected of demoDirectory().people) {
      const person = byId.get(expected.id);
      expect(person).toBeDefined();
      for (const item of items) expect([person?.id, item, person?.attributes[item]]).toEqual([expected.id, item, expected.attributes[item]?.slice(0, 1)]);
      // labeledURI "URI label" became wWWHomePage "URI"; the UPN is the mail.
      expect(person?.attributes['F.15']).toEqual([expected.attributes['F.15']?.[0]?.split(' ')[0]]);
      expect(person).toMatchObject({ upn: expected.mail, mail: expected.mail, preferredLanguage: expected.preferredLanguage, ref: demo.people.get(expected.id) });
    }
  });

  it('does not read the disabled user nor the computer account, though both have mail and are in All Staff', async () => {
    const raw = await asAdministrator(async (client) =>
      (await client.search(DEMO_OU, { scope: 'sub', filter: '(|(cn=Dora Disabled)(cn=WS-0042))', attributes: ['mail', 'userAccountControl', 'objectCategory', 'memberOf'] })).searchEntries,
    );
    expect(raw.map((e) => text(e.mail)[0]).sort()).toEqual([demo.disabled.mail, demo.computer.mail].sort());
    expect(raw.every((e) => text(e.memberOf).includes(demo.groups.get('All Staff') as string))).toBe(true);

    const directory = new LdapDirectory(options());
    const data = await directory.read();
    expect(data.people.map((p) => p.id)).not.toEqual(expect.arrayContaining([demo.disabled.mail]));
    expect(data.people.map((p) => p.id)).not.toEqual(expect.arrayContaining([demo.computer.mail]));
    for (const mail of [demo.disabled.mail, demo.computer.mail]) {
      await expect(directory.findPerson({ mail })).resolves.toBeUndefined();
      await expect(directory.findPerson({ upn: mail })).resolves.toBeUndefined();
    }
    await expect(directory.searchPeople('Dora', 10)).resolves.toEqual([]);
    await expect(directory.searchPeople('WS-0042', 10)).resolves.toEqual([]);
    await expect(directory.updatePerson(demo.disabled.mail, { 'F.13.3.1': ['1'] })).rejects.toMatchObject({ code: 'DIRECTORY.NOT_FOUND' });
  });

  it('resolves All Staff through four levels of nesting as an explicit in-chain search does', async () => {
    const allStaff = demo.groups.get('All Staff') as string;
    // The server's own answer: everything in All Staff, at any depth — groups, the disabled user
    // and the computer included; people are the enabled users among them.
    const inChain = await asAdministrator(async (client) =>
      (await client.search(DOMAIN, {
        scope: 'sub',
        filter: `(memberOf:${IN_CHAIN}:=${allStaff})`,
        attributes: ['mail', 'objectClass', 'objectCategory', 'userAccountControl'],
        paged: { pageSize: 7 },
      })).searchEntries,
    );
    const kinds = (e: (typeof inChain)[number]): string[] => text(e.objectClass).map((c) => c.toLowerCase());
    expect(inChain.map((e) => e.dn)).toEqual(expect.arrayContaining([demo.disabled.dn, demo.computer.dn]));
    expect(inChain.filter((e) => kinds(e).includes('group')).map((e) => e.dn.split(',')[0]).sort()).toEqual(
      ['Engineering', 'Finance', 'HR', 'Legal', 'Management', 'Marketing', 'Platform', 'Sales', 'Sales DACH', 'Sales International', 'Sales Munich', 'Support'].map((n) => `CN=${n}`),
    );
    const people = inChain
      .filter((e) => kinds(e).includes('user') && !kinds(e).includes('computer') && (Number(text(e.userAccountControl)[0]) & UAC.ACCOUNTDISABLE) === 0)
      .map((e) => text(e.mail)[0]?.toLowerCase())
      .sort();
    expect(people).toHaveLength(30);

    const data = await new LdapDirectory(options()).read();
    const group = data.groups.find((g) => g.name === 'All Staff');
    expect([...(group?.memberPeople ?? [])].sort()).toEqual(people);
    expect(group?.memberGroups).toEqual([]);
    // Alice is in All Staff only through Sales Munich → Sales DACH → Sales.
    expect(group?.memberPeople).toContain('alice@example.com');
    // The cycle: both projects have the same five members, and the search ends.
    const cycle = ['chris.clark@example.com', 'olivia.nguyen@example.com', 'priya.raghunathan@example.com', 'wei.zhang@example.com', 'zoe.mueller-luedenscheidt@example.com'];
    for (const name of ['Project Phoenix', 'Project Ember']) expect([...(data.groups.find((g) => g.name === name)?.memberPeople ?? [])].sort()).toEqual(cycle);
  });

  it('finds a person by userPrincipalName, also where it differs from the mail', async () => {
    const directory = new LdapDirectory(options());
    await expect(directory.findPerson({ upn: 'JUERGEN.WEISS@example.com' })).resolves.toMatchObject({
      id: 'juergen.weiss@example.com',
      upn: 'juergen.weiss@example.com',
      displayName: 'Jürgen Weiß',
    });
    // Someone who joined after the last read, whose UPN (the Teams identity) is not their mail.
    const dn = `CN=Nina Neu,${DEMO_OU}`;
    await asAdministrator((client) =>
      client.add(dn, {
        objectClass: ['top', 'person', 'organizationalPerson', 'user'],
        sAMAccountName: 'nina.neu',
        userPrincipalName: 'nneu@example.test',
        mail: 'nina.neu@example.com',
        displayName: 'Nina Neu',
        userAccountControl: String(UAC.NORMAL_ACCOUNT | 0x20), // PASSWD_NOTREQD: no password needed for the lookup
      }),
    );
    try {
      await expect(directory.findPerson({ upn: 'NNeu@example.test' })).resolves.toMatchObject({ id: 'nina.neu@example.com', upn: 'nneu@example.test', mail: 'nina.neu@example.com', ref: dn });
      await expect(directory.findPerson({ upn: 'nina.neu@example.test' })).resolves.toBeUndefined();
    } finally {
      await asAdministrator((client) => client.del(dn));
    }
  });

  it('reads with an ordinary domain user, whose write is refused as FORBIDDEN', async () => {
    const reader = new LdapDirectory(options({ bind: { dn: demo.reader.upn, password: demo.reader.password } }));
    const data = await reader.read();
    expect(data.people).toHaveLength(30);
    expect(data.groups.find((g) => g.name === 'All Staff')?.memberPeople).toHaveLength(30);
    await expect(reader.findPerson({ mail: 'alice@example.com' })).resolves.toMatchObject({ id: 'alice@example.com' });
    const before = (await reader.findPerson({ mail: 'alice@example.com' }))?.attributes['F.13.3.1'];
    await expect(reader.updatePerson('alice@example.com', { 'F.13.3.1': ['+49 170 0000001'] })).rejects.toMatchObject({ code: 'DIRECTORY.FORBIDDEN' });
    await expect(reader.findPerson({ mail: 'alice@example.com' })).resolves.toMatchObject({ attributes: expect.objectContaining({ 'F.13.3.1': before }) });
  });

  it('reads over ldaps:// and after StartTLS with the CA file, and fails TLS clearly without it', async () => {
    const ca = readFileSync(samba.caFile);
    await expect(new LdapDirectory(options({ url: samba.tlsUrl, ca })).read()).resolves.toMatchObject({ people: expect.arrayContaining([expect.objectContaining({ id: 'alice@example.com' })]) });
    await expect(new LdapDirectory(options({ startTls: true, ca })).findPerson({ upn: 'alice@example.com' })).resolves.toMatchObject({ id: 'alice@example.com' });
    await expect(new LdapDirectory(options({ url: samba.tlsUrl })).read()).rejects.toMatchObject({ code: 'DIRECTORY.TLS' });
  });

  it('reconnects after the domain controller restarts', async () => {
    const directory = new LdapDirectory(options({ baseDn: DEMO_OU }));
    await expect(directory.findPerson({ mail: 'alice@example.com' })).resolves.toMatchObject({ id: 'alice@example.com' });
    await samba.stop();
    await expect(directory.read()).rejects.toBeInstanceOf(DirectoryError);
    await expect(directory.read()).rejects.toMatchObject({ code: 'DIRECTORY.UNREACHABLE' });
    await samba.start();
    await expect(directory.read()).resolves.toMatchObject({ people: expect.arrayContaining([expect.objectContaining({ id: 'alice@example.com' })]) });
  }, 30_000);

  it('turns a wrong password, or an unknown account, into BIND_FAILED without naming the password', async () => {
    const wrong = new LdapDirectory(options({ bind: { dn: samba.adminUpn, password: 'Wrong-Passw0rd!' } })).read();
    await expect(wrong).rejects.toMatchObject({ code: 'DIRECTORY.BIND_FAILED' });
    await expect(wrong).rejects.not.toThrow(/Wrong-Passw0rd/);
    await expect(new LdapDirectory(options({ bind: { dn: 'nobody@example.test', password: DEMO_PASSWORD } })).read()).rejects.toMatchObject({ code: 'DIRECTORY.BIND_FAILED' });
    // A demo person can bind with their UPN: the accounts are enabled for real.
    await expect(new LdapDirectory(options({ bind: { dn: 'alice@example.com', password: DEMO_PASSWORD } })).findPerson({ mail: 'bob@example.com' })).resolves.toMatchObject({ id: 'bob@example.com' });
  });
});
