import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult, BotFrameworkAuthentication, ClaimsIdentity } from 'botframework-connector';
import { BotAuthenticationError, BoundedBotFrameworkAuthentication, withConnectorBudget } from '../../../src/bot/teams/bounded-connector';

/** An authentication whose token check does what the test says: accept, refuse, fail or never answer. */
function innerThat(check: () => Promise<AuthenticateRequestResult>): BotFrameworkAuthentication {
  const inner = Object.create(BotFrameworkAuthentication.prototype) as BotFrameworkAuthentication;
  inner.authenticateRequest = check;
  return inner;
}

const activity = { type: 'message' } as Activity;

describe('BoundedBotFrameworkAuthentication.authenticateRequest', () => {
  it('passes an accepted token through', async () => {
    const result: AuthenticateRequestResult = { claimsIdentity: new ClaimsIdentity([], true), audience: 'a', callerId: 'c' } as AuthenticateRequestResult;
    const bounded = new BoundedBotFrameworkAuthentication(innerThat(async () => result), 1000);
    await expect(bounded.authenticateRequest(activity, 'Bearer x')).resolves.toMatchObject({ audience: 'a', callerId: 'c' });
  });

  it('turns a refused token into AUTH.REJECTED, keeping the SDK’s error only as the cause', async () => {
    const bounded = new BoundedBotFrameworkAuthentication(innerThat(() => Promise.reject(new AuthenticationError('invalid signature', 401))), 1000);
    const error = await bounded.authenticateRequest(activity, 'Bearer x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BotAuthenticationError);
    expect(error).toMatchObject({ code: 'AUTH.REJECTED', message: 'token refused' });
  });

  it('turns a token that cannot be checked (signing keys unreachable) into AUTH.UNVERIFIABLE', async () => {
    const bounded = new BoundedBotFrameworkAuthentication(innerThat(() => Promise.reject(new Error('getaddrinfo ENOTFOUND login.botframework.com'))), 1000);
    await expect(bounded.authenticateRequest(activity, 'Bearer x')).rejects.toMatchObject({ name: 'BotAuthenticationError', code: 'AUTH.UNVERIFIABLE' });
  });

  it('gives up on a check that never ends after the timeout: AUTH.TIMEOUT', async () => {
    const bounded = new BoundedBotFrameworkAuthentication(innerThat(() => new Promise<never>(() => undefined)), 50);
    const started = Date.now();
    await expect(bounded.authenticateRequest(activity, 'Bearer x')).rejects.toMatchObject({ code: 'AUTH.TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('connector clients shared by every turn, each call bounded by its own turn', () => {
  let server: Server;
  let url: string;
  /** Paths that never get an answer. */
  const hanging = new Set<string>();
  let posts = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        posts++;
        if (hanging.has(req.url ?? '')) return;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `activity-${posts}` }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const auth = (timeoutMs: number) => new BoundedBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}), timeoutMs);
  const anonymous = new ClaimsIdentity([], true);
  const message = { type: 'message', text: 'hello' } as Activity;

  it('makes one client per service URL and hands it to every turn', async () => {
    const bounded = auth(5_000);
    const [a, b] = await Promise.all([bounded.createConnectorFactory(anonymous).create(url), bounded.createConnectorFactory(anonymous).create(url)]);
    expect(a).toBe(b);
    const other = await bounded.createConnectorFactory(anonymous).create(url.replace('127.0.0.1', 'localhost'));
    expect(other).not.toBe(a);
    await expect(withConnectorBudget(1_000, () => a.conversations.sendToConversation('conv-1', message))).resolves.toMatchObject({ id: expect.stringMatching(/^activity-/) });
  });

  it('ends a call that hangs by the budget of the turn it belongs to, and no other turn loses time', async () => {
    const client = await auth(30_000).createConnectorFactory(anonymous).create(url);
    hanging.add('/v3/conversations/conv-hang/activities');
    const started = Date.now();
    const hung = withConnectorBudget(300, () => client.conversations.sendToConversation('conv-hang', message));
    // Another turn on the same client, started at the same moment, is answered.
    const answered = withConnectorBudget(5_000, () => client.conversations.sendToConversation('conv-ok', message));
    await expect(answered).resolves.toMatchObject({ id: expect.any(String) });
    await expect(hung).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('spends one budget on all the calls of a turn', async () => {
    const client = await auth(30_000).createConnectorFactory(anonymous).create(url);
    hanging.add('/v3/conversations/conv-slow/activities');
    const started = Date.now();
    await expect(
      withConnectorBudget(400, async () => {
        await client.conversations.sendToConversation('conv-ok', message);
        await new Promise((resolve) => setTimeout(resolve, 200));
        // What is left of the budget, not a fresh one: this call ends about 200 ms later.
        await client.conversations.sendToConversation('conv-slow', message);
      }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('bounds a call sent outside any turn by the timeout on its own', async () => {
    const client = await auth(300).createConnectorFactory(anonymous).create(url);
    hanging.add('/v3/conversations/conv-loose/activities');
    const started = Date.now();
    await expect(client.conversations.sendToConversation('conv-loose', message)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
