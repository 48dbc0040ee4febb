import type { Activity } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult, BotFrameworkAuthentication, ClaimsIdentity } from 'botframework-connector';
import { BotAuthenticationError, BoundedBotFrameworkAuthentication } from '../../../src/bot/teams/bounded-connector';

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
