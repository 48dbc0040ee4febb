import { createServer, type Server } from 'node:http';
import { DirectoryError } from '../../../src/ports/directory/directory.errors';
import { GraphDirectory, type GraphDirectoryOptions, graphDirectoryFromConfig } from '../../../src/ports/directory/graph/graph-directory.adapter';
import { FakeGraph, openGraphDirectory, upnOf, userIdOf } from '../../support/fake-graph';
import { freePort } from '../../support/free-port';

/** The Graph adapter's refreshes, writes and failures, each against a fresh local Graph. */
let fake: FakeGraph;
beforeEach(async () => {
  fake = await FakeGraph.start();
});
afterEach(async () => {
  await fake.stop();
});

const open = (overrides: Partial<GraphDirectoryOptions> = {}) => openGraphDirectory(fake, overrides);

const ALICE = userIdOf('alice@example.com');
const BOB = userIdOf('bob@example.com');

describe('GraphDirectory incremental refresh (/users/delta)', () => {
  it('reads only what changed on the second read: a changed, a removed and a new user without mail', async () => {
    const { directory } = open();
    const first = await directory.read();
    expect(directory.lastReadWasIncremental).toBe(false);
    expect(first.people).toHaveLength(30);

    fake.updateUser(ALICE, { displayName: 'Alice Adams-Baker', mobilePhone: '+49 170 1111111' });
    fake.removeUser(BOB);
    fake.addUser({ id: '00000000-0000-4000-8000-000000000001', accountEnabled: true, displayName: 'Nina New', mail: null, userPrincipalName: 'Nina.New@example.onmicrosoft.com', businessPhones: [] });
    fake.requests.length = 0;

    const second = await directory.read();
    expect(directory.lastReadWasIncremental).toBe(true);
    const delta = fake.requestsTo('/users/delta');
    expect(delta).toHaveLength(1);
    expect(delta[0]?.params['$deltatoken']).toBeDefined();
    expect(second.people).toHaveLength(30);
    expect(second.people.find((p) => p.id === 'alice@example.com')).toMatchObject({ displayName: 'Alice Adams-Baker', attributes: expect.objectContaining({ 'F.13.3.1': ['+49 170 1111111'] }) });
    expect(second.people.map((p) => p.id)).not.toContain('bob@example.com');
    expect(second.people.find((p) => p.id === 'nina.new@example.onmicrosoft.com')).toMatchObject({ upn: 'Nina.New@example.onmicrosoft.com', displayName: 'Nina New' });
    expect(second.groups.find((g) => g.name === 'Sales DACH')?.memberPeople).not.toContain('bob@example.com');
  });

  it('follows a changed and a removed manager through manager@delta, and reads managers by $expand without delta', async () => {
    const { directory } = open();
    const first = await directory.read();
    expect(first.people.find((p) => p.id === 'alice@example.com')?.managerRef).toBe(BOB);
    const frank = userIdOf('frank@example.com');
    fake.updateUser(ALICE, { managerId: frank });
    fake.updateUser(userIdOf('zoe.mueller-luedenscheidt@example.com'), { managerId: null, formerManagerId: BOB });
    const second = await directory.read();
    expect(directory.lastReadWasIncremental).toBe(true);
    expect(String(fake.requestsTo('/users/delta')[0]?.params['$select'])).toContain('manager');
    expect(second.people.find((p) => p.id === 'alice@example.com')?.managerRef).toBe(frank);
    expect(second.people.find((p) => p.id === 'zoe.mueller-luedenscheidt@example.com')?.managerRef).toBeUndefined();
    // Untouched users keep theirs.
    expect(second.people.find((p) => p.id === 'rainer.zufall@example.com')?.managerRef).toBe(BOB);

    const { directory: listing } = open({ incremental: false });
    fake.requests.length = 0;
    const listed = await listing.read();
    expect(fake.requestsTo('/users')[0]?.params['$expand']).toBe('manager($select=id)');
    expect(listed.people.find((p) => p.id === 'alice@example.com')?.managerRef).toBe(frank);
  });

  it('drops a user whose account is disabled since the last read', async () => {
    const { directory } = open();
    await directory.read();
    fake.updateUser(ALICE, { accountEnabled: false });
    const second = await directory.read();
    expect(directory.lastReadWasIncremental).toBe(true);
    expect(second.people.map((p) => p.id)).not.toContain('alice@example.com');
  });

  it('starts again with a full read when the delta link has expired', async () => {
    const { directory } = open();
    await directory.read();
    fake.expireDeltaLinks();
    fake.updateUser(ALICE, { displayName: 'Alice Again' });
    const again = await directory.read();
    expect(directory.lastReadWasIncremental).toBe(false);
    expect(again.people).toHaveLength(30);
    expect(again.people.find((p) => p.id === 'alice@example.com')?.displayName).toBe('Alice Again');
  });

  it('keeps its users when a refresh fails, and catches up on the next one', async () => {
    const { directory } = open();
    await directory.read();
    fake.updateUser(ALICE, { displayName: 'Alice Later' });
    fake.failNext(3, 503);
    await expect(directory.read()).rejects.toMatchObject({ code: 'DIRECTORY.THROTTLED' });
    const next = await directory.read();
    expect(directory.lastReadWasIncremental).toBe(true);
    expect(next.people.find((p) => p.id === 'alice@example.com')?.displayName).toBe('Alice Later');
  });
});

describe('GraphDirectory updatePerson', () => {
  it('returns the values before and after, and sends Graph property names in the PATCH', async () => {
    const { directory } = open();
    const update = await directory.updatePerson('alice@example.com', { 'F.13.3.1': ['+49 170 2222222'], 'F.13.1': ['+49 89 7654321'] });
    expect(update).toEqual({
      personId: 'alice@example.com',
      before: { 'F.13.3.1': ['+49 170 5550101'], 'F.13.1': ['+49 89 1234567-101'] },
      after: { 'F.13.3.1': ['+49 170 2222222'], 'F.13.1': ['+49 89 7654321'] },
    });
    const patch = fake.requests.find((r) => r.method === 'PATCH');
    expect(patch).toMatchObject({ path: `/users/${ALICE}`, body: { mobilePhone: '+49 170 2222222', businessPhones: ['+49 89 7654321'] } });
  });

  it('clears a single-valued property with null and a list with an empty list', async () => {
    const update = await open().directory.updatePerson('alice@example.com', { 'F.13.3.1': [], 'F.13.1': [] });
    expect(update.after).toEqual({ 'F.13.3.1': [], 'F.13.1': [] });
    expect(fake.requests.find((r) => r.method === 'PATCH')?.body).toEqual({ mobilePhone: null, businessPhones: [] });
  });

  it('refuses an item without a Graph property, or two values for a single-valued one, before any request', async () => {
    const { directory } = open();
    await expect(directory.updatePerson('alice@example.com', { 'F.17': ['4711'] })).rejects.toMatchObject({ code: 'DIRECTORY.INVALID_CHANGE' });
    await expect(directory.updatePerson('alice@example.com', { 'F.13.3.1': ['1', '2'] })).rejects.toMatchObject({ code: 'DIRECTORY.INVALID_CHANGE' });
    expect(fake.requests).toHaveLength(0);
  });

  it('reports an unknown person as NOT_FOUND and a missing write permission as FORBIDDEN', async () => {
    const { directory } = open();
    await expect(directory.updatePerson('nobody@example.com', { 'F.13.3.1': ['1'] })).rejects.toMatchObject({ code: 'DIRECTORY.NOT_FOUND' });
    fake.forbid('/users/', 'PATCH');
    const refused = directory.updatePerson(upnOf('alice@example.com'), { 'F.13.3.1': ['1'] });
    await expect(refused).rejects.toMatchObject({ code: 'DIRECTORY.FORBIDDEN' });
    await expect(refused).rejects.toThrow(/User\.ReadWrite\.All/);
  });
});

describe('GraphDirectory throttling and failures', () => {
  it('waits out 429 Retry-After (seconds) and then succeeds', async () => {
    const { directory, waits } = open();
    fake.failNext(2, 429, '1');
    await expect(directory.read()).resolves.toMatchObject({ people: expect.any(Array) });
    expect(waits).toEqual([1000, 1000]);
  });

  it('gives up with THROTTLED after the retries are spent', async () => {
    const { directory, waits } = open();
    fake.failNext(3, 429, '7');
    const failure = directory.read();
    await expect(failure).rejects.toBeInstanceOf(DirectoryError);
    await expect(failure).rejects.toMatchObject({ code: 'DIRECTORY.THROTTLED' });
    expect(waits).toEqual([7000, 7000]);
  });

  it('retries 503 too, backing off when no Retry-After is given', async () => {
    const { directory, waits } = open();
    fake.failNext(1, 503, '3');
    fake.failNext(1, 503, null);
    await expect(directory.searchPeople('Weiß', 5)).resolves.toMatchObject([{ id: 'juergen.weiss@example.com' }]);
    expect(waits).toEqual([3000, 4000]);
  });

  it('retries a throttled step inside $batch, and gives up with THROTTLED when it stays throttled', async () => {
    const { directory, waits } = open();
    fake.throttleBatchSteps(2);
    await expect(directory.read()).resolves.toMatchObject({ groups: expect.any(Array) });
    expect(waits).toEqual([1000]);
    fake.throttleBatchSteps(1_000);
    await expect(open().directory.read()).rejects.toMatchObject({ code: 'DIRECTORY.THROTTLED' });
  });

  it('turns a refused token into BIND_FAILED without repeating the token', async () => {
    const failure = open({ tokens: { token: async () => 'expired-token-value' } }).directory.read();
    await expect(failure).rejects.toMatchObject({ code: 'DIRECTORY.BIND_FAILED' });
    await expect(failure).rejects.not.toThrow(/expired-token-value/);
  });

  it('turns a token source that fails into BIND_FAILED', async () => {
    const tokens = { token: async (): Promise<string> => Promise.reject(Object.assign(new Error('AADSTS7000215: Invalid client secret provided.'), { name: 'AuthenticationError' })) };
    await expect(open({ tokens }).directory.findPerson({ mail: 'alice@example.com' })).rejects.toMatchObject({ code: 'DIRECTORY.BIND_FAILED' });
  });

  it('turns 403 into FORBIDDEN naming the permission the app lacks', async () => {
    fake.forbid('/groups');
    const groups = open().directory.read();
    await expect(groups).rejects.toMatchObject({ code: 'DIRECTORY.FORBIDDEN' });
    await expect(groups).rejects.toThrow(/GroupMember\.Read\.All/);
    fake.forbid('/users');
    await expect(open().directory.searchPeople('Alice', 5)).rejects.toThrow(/User\.Read\.All/);
  });

  it('turns a server that is not there into UNREACHABLE', async () => {
    const directory = new GraphDirectory({ baseUrl: `http://127.0.0.1:${await freePort()}/v1.0`, tokens: { token: async () => 't' } });
    await expect(directory.read()).rejects.toMatchObject({ code: 'DIRECTORY.UNREACHABLE' });
  });

  it('turns a server that does not answer in time into TIMEOUT', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as { port: number }).port;
      const directory = new GraphDirectory({ baseUrl: `http://127.0.0.1:${port}/v1.0`, tokens: { token: async () => 't' }, timeoutMs: 200 });
      await expect(directory.findPerson({ mail: 'alice@example.com' })).rejects.toMatchObject({ code: 'DIRECTORY.TIMEOUT' });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('builds from configuration with an @azure/identity credential, and never names the secret', async () => {
    const directory = graphDirectoryFromConfig({
      kind: 'graph',
      tenantId: '11111111-1111-4111-8111-111111111111',
      clientId: '22222222-2222-4222-8222-222222222222',
      credential: { kind: 'secret', secret: 'do-not-print-this-secret' },
      baseUrl: fake.baseUrl,
      authorityHost: `https://127.0.0.1:${await freePort()}`,
    });
    expect(directory.description).toBe(`graph:${fake.baseUrl}`);
    const failure = directory.findPerson({ mail: 'alice@example.com' });
    await expect(failure).rejects.toMatchObject({ code: 'DIRECTORY.BIND_FAILED' });
    await expect(failure).rejects.toThrow(/GRAPH_AUTHORITY_HOST/);
    await expect(failure).rejects.not.toThrow(/do-not-print-this-secret/);
    expect(fake.requests).toHaveLength(0);
  }, 30_000);
});
