import { DirectoryIndex } from '../../../src/domain/directory/directory-index';
import type { DirectoryData } from '../../../src/domain/directory/person';
import { type GraphDirectoryOptions } from '../../../src/ports/directory/graph/graph-directory.adapter';
import { GraphHttp } from '../../../src/ports/directory/graph/graph-http';
import { demoDirectory, directoryContract } from '../../contract/directory.contract';
import { FakeGraph, groupIdOf, guidOf, openGraphDirectory, upnOf, userIdOf } from '../../support/fake-graph';

/** The Graph adapter against a local server that speaks Microsoft Graph's wire format. */
let fake: FakeGraph;
beforeAll(async () => {
  fake = await FakeGraph.start();
});
afterAll(async () => {
  await fake.stop();
});

const open = (graph: FakeGraph, overrides: Partial<GraphDirectoryOptions> = {}) => openGraphDirectory(graph, overrides);

/** Transitive group names per person id, after indexing as the bot does. */
function memberships(data: DirectoryData): Record<string, string[]> {
  const index = new DirectoryIndex(data);
  return Object.fromEntries(index.people.map((p, i) => [p.id, Array.from(index.groupsOf(i)).map((g) => index.groups[g]?.name ?? '?').sort()]));
}

directoryContract('Microsoft Graph (local wire-format server)', async () => ({ directory: open(fake).directory, writable: true }));

describe('GraphDirectory read', () => {
  const ldif = demoDirectory();
  const graphGroupId = (name: string): string => groupIdOf(ldif.groups.find((g) => g.name === name)?.id ?? name);

  it('reads what the LDIF adapter reads of the same organisation: ids, names, groups, transitive memberships', async () => {
    const data = await open(fake).directory.read();
    const names = (d: DirectoryData): Record<string, string> => Object.fromEntries(d.people.map((p) => [p.id, p.displayName]));
    expect(names(data)).toEqual(names(ldif));
    expect(data.groups.map((g) => g.name).sort()).toEqual(ldif.groups.map((g) => g.name).sort());
    expect(memberships(data)).toEqual(memberships(ldif));
    expect(memberships(data)['alice@example.com']).toEqual(['All Staff', 'Sales', 'Sales DACH', 'Sales Munich']);
  });

  it('keeps the Graph object id as ref and aadObjectId, the UPN, and items by catalogue number', async () => {
    const data = await open(fake).directory.read();
    const alice = data.people.find((p) => p.id === 'alice@example.com');
    expect(alice).toMatchObject({ ref: userIdOf('alice@example.com'), aadObjectId: userIdOf('alice@example.com'), upn: upnOf('alice@example.com'), preferredLanguage: 'en' });
    expect(alice?.attributes).toMatchObject({ 'F.0': [upnOf('alice@example.com')], 'F.1': ['Alice Adams'], 'F.2.1': ['alice@example.com'] });
    expect(alice?.attributes['F.13.1']).toEqual(ldif.people.find((p) => p.id === 'alice@example.com')?.attributes['F.13.1']);
    expect(data.groups.find((g) => g.name === 'Sales')?.id).toBe(graphGroupId('Sales'));
  });

  it('leaves out disabled accounts and members that are neither users nor groups', async () => {
    const data = await open(fake).directory.read();
    expect(data.people.map((p) => p.id)).not.toContain('dieter.disabled@example.com');
    const sales = data.groups.find((g) => g.name === 'Sales');
    expect(sales?.memberPeople).toEqual([]);
    expect(sales?.memberGroups).toHaveLength(2);
  });

  it('pages through users, groups and members, seven at a time, with the bearer token on every request', async () => {
    fake.requests.length = 0;
    await open(fake).directory.read();
    const delta = fake.requestsTo('/users/delta');
    expect(delta).toHaveLength(5); // 31 users, 7 a page
    expect(delta.every((r) => r.headers['prefer'] === 'odata.maxpagesize=7')).toBe(true);
    expect(delta[0]?.params['$select']).toContain('accountEnabled');
    expect(fake.requestsTo('/groups').map((r) => r.params['$top'])).toEqual(['7', '7', '7']); // 16 groups
    const allStaff = fake.requestsTo(`/groups/${graphGroupId('All Staff')}/members`);
    expect(allStaff.map((r) => r.inBatch)).toEqual([true, true]); // 9 members: the next link is followed inside the next batch
    expect(allStaff[1]?.params['$skiptoken']).toBeDefined();
    expect(fake.requests.filter((r) => !r.inBatch).every((r) => r.headers['authorization'] === 'Bearer test-token')).toBe(true);
  });

  it('follows absolute next links as real Graph sends them', async () => {
    fake.linkStyle = 'absolute';
    try {
      const data = await open(fake).directory.read();
      expect(memberships(data)).toEqual(memberships(ldif));
    } finally {
      fake.linkStyle = 'relative';
    }
  });

  it('lists /users page by page when incremental reads are off', async () => {
    fake.requests.length = 0;
    const data = await open(fake, { incremental: false }).directory.read();
    expect(data.people).toHaveLength(30);
    expect(fake.requestsTo('/users').map((r) => r.params['$top'])).toEqual(['7', '7', '7', '7', '7']);
    expect(fake.requestsTo('/users/delta')).toHaveLength(0);
  });

  it('asks for the members of many groups in batches of at most twenty', async () => {
    const big = await FakeGraph.start();
    try {
      for (let i = 0; i < 30; i += 1) big.addGroup({ id: guidOf(`extra-${i}`), displayName: `Extra ${i}`, members: [{ type: 'user', id: userIdOf('bob@example.com') }] });
      const data = await open(big).directory.read();
      expect(data.groups).toHaveLength(46);
      const batches = big.requestsTo('/$batch');
      expect(batches.length).toBeGreaterThanOrEqual(3);
      expect(batches.every((b) => ((b.body as { requests: unknown[] }).requests.length ?? 0) <= 20)).toBe(true);
      expect(memberships(data)['bob@example.com']).toEqual(expect.arrayContaining(['Extra 0', 'Extra 29', 'Sales DACH']));
    } finally {
      await big.stop();
    }
  });
});

describe('GraphDirectory live lookups', () => {
  it('searches with quoted terms and the ConsistencyLevel header', async () => {
    fake.requests.length = 0;
    await expect(open(fake).directory.searchPeople("O'Brien", 5)).resolves.toMatchObject([{ id: 'liam.obrien@example.com' }]);
    const [request] = fake.requestsTo('/users');
    expect(request?.headers['consistencylevel']).toBe('eventual');
    expect(request?.params['$search']).toBe(`"displayName:O'Brien" OR "mail:O'Brien"`);
    expect(request?.params['$top']).toBe('5');
  });

  it('escapes quotes and backslashes inside a search term', async () => {
    fake.requests.length = 0;
    await expect(open(fake).directory.searchPeople('Liam "the" \\', 5)).resolves.toEqual([]);
    expect(fake.requestsTo('/users')[0]?.params['$search']).toBe(`"displayName:Liam \\"the\\" \\\\" OR "mail:Liam \\"the\\" \\\\"`);
  });

  it('finds a person by UPN, by mail and by object id', async () => {
    const { directory } = open(fake);
    await expect(directory.findPerson({ upn: upnOf('bob@example.com') })).resolves.toMatchObject({ id: 'bob@example.com' });
    await expect(directory.findPerson({ mail: 'Bob@Example.com' })).resolves.toMatchObject({ id: 'bob@example.com' });
    fake.requests.length = 0;
    await expect(directory.findPerson({ objectId: userIdOf('bob@example.com') })).resolves.toMatchObject({ id: 'bob@example.com', aadObjectId: userIdOf('bob@example.com') });
    expect(fake.requests.map((r) => r.path)).toEqual([`/users/${userIdOf('bob@example.com')}`]);
  });

  it('finds a UPN with an apostrophe, the quote doubled in the filter', async () => {
    fake.requests.length = 0;
    await expect(open(fake).directory.findPerson({ upn: "liam.o'brien@example.onmicrosoft.com" })).resolves.toMatchObject({ id: 'liam.obrien@example.com', displayName: "Liam O'Brien" });
    expect(fake.requestsTo('/users')[0]?.params['$filter']).toBe("mail eq 'liam.o''brien@example.onmicrosoft.com' or userPrincipalName eq 'liam.o''brien@example.onmicrosoft.com'");
  });

  it('finds nobody for an unknown object id, an unknown address or a disabled account', async () => {
    const { directory } = open(fake);
    await expect(directory.findPerson({ objectId: guidOf('nobody') })).resolves.toBeUndefined();
    await expect(directory.findPerson({ mail: 'nobody@example.com', upn: 'nobody@example.onmicrosoft.com' })).resolves.toBeUndefined();
    await expect(directory.findPerson({ mail: 'dieter.disabled@example.com' })).resolves.toBeUndefined();
    await expect(directory.findPerson({ objectId: '../groups' })).resolves.toBeUndefined();
  });

  it('names the service root, never the token', () => {
    expect(open(fake).directory.description).toBe(`graph:${fake.baseUrl}`);
  });

  it('follows links on its own host or Graph’s, and refuses links to anywhere else', () => {
    const http = new GraphHttp({ baseUrl: 'https://proxy.example/v1.0', tokens: { token: async () => 't' }, maxRetries: 0, sleep: async () => undefined, timeoutMs: 1000, fetch });
    expect(http.relative('https://proxy.example/v1.0/users?$skiptoken=a')).toBe('/users?$skiptoken=a');
    expect(http.relative('https://graph.microsoft.com/v1.0/users?$skiptoken=a')).toBe('/users?$skiptoken=a');
    expect(http.relative('/v1.0/groups/x/members?$skiptoken=b')).toBe('/groups/x/members?$skiptoken=b');
    expect(() => http.relative('https://attacker.example/v1.0/users')).toThrow(/outside the configured service root/);
  });
});
