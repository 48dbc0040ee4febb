import type { Activity } from 'botbuilder';
import {
  AuthenticationError,
  type AuthenticateRequestResult,
  BotFrameworkAuthentication,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { PrivacyDeskError } from '../../domain/shared/errors';

/** The part of an Azure core pipeline a connector client sends through (`@azure/core-rest-pipeline`). */
interface Pipeline {
  addPolicy(policy: { name: string; sendRequest(request: { abortSignal?: AbortSignal; timeout: number }, next: (request: never) => Promise<unknown>): Promise<unknown> }): void;
}

const DEADLINE_POLICY = 'privacy-desk-connector-deadline';

/** An incoming post whose Bot Connector token was refused or could not be checked: answered 401, nothing more. */
export class BotAuthenticationError extends PrivacyDeskError {
  override name = 'BotAuthenticationError';
}

/**
 * Bot Framework authentication whose connector clients (replies, updates, member lookups, proactive
 * sends) end all they send, retries included, within `timeoutMs` of being made. The SDK sets no
 * timeout of its own, so a Bot Connector that never answers would hold a turn — and Teams' post
 * waiting on it — until the socket dies. Everything else is the wrapped authentication's.
 */
export class BoundedBotFrameworkAuthentication extends BotFrameworkAuthentication {
  constructor(
    private readonly inner: BotFrameworkAuthentication,
    private readonly timeoutMs: number,
  ) {
    super();
  }

  /**
   * Checks the Bot Connector's token. Whatever goes wrong — a refused token, a token that cannot
   * be verified (the signing keys could not be fetched), or no answer within the timeout — ends
   * in one `BotAuthenticationError`, so the HTTP layer answers 401 without the SDK's text.
   */
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new BotAuthenticationError('AUTH.TIMEOUT', 'token verification did not finish in time')), this.timeoutMs);
    });
    try {
      return this.bounded(await Promise.race([this.inner.authenticateRequest(activity, authHeader), timeout]));
    } catch (error) {
      if (error instanceof BotAuthenticationError) throw error;
      // AuthenticationError: the token itself was refused; anything else: it could not be checked.
      throw error instanceof AuthenticationError
        ? new BotAuthenticationError('AUTH.REJECTED', 'token refused', { cause: error })
        : new BotAuthenticationError('AUTH.UNVERIFIABLE', 'token could not be verified', { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.bounded(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new BoundedConnectorFactory(this.inner.createConnectorFactory(claimsIdentity), this.timeoutMs);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private bounded(result: AuthenticateRequestResult): AuthenticateRequestResult {
    return result.connectorFactory ? { ...result, connectorFactory: new BoundedConnectorFactory(result.connectorFactory, this.timeoutMs) } : result;
  }
}

/** Makes the wrapped factory's clients, each with a deadline on every operation. */
class BoundedConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly timeoutMs: number,
  ) {
    super();
  }

  override async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return withDeadline(await this.inner.create(serviceUrl, audience), this.timeoutMs);
  }
}

/**
 * Gives the client one budget of `timeoutMs` for all it sends: the adapter makes a client per turn
 * and per proactive send, so a turn's replies and lookups together — and each proactive send — end
 * by it (Teams gives up on a bot after about 15 s). The SDK's own factory overwrites any
 * `requestPolicyFactories` passed in its options, so the policy goes into the pipeline the client
 * sends through (the SDK is archived: this inner structure will not move; the connector tests fail
 * loudly if it ever does). Without a phase the policy runs once per operation, before the retry
 * policy, so retries stay within the budget too; an aborted try is not retried.
 */
export function withDeadline(client: ConnectorClient, timeoutMs: number): ConnectorClient {
  const pipeline = (client as unknown as { client?: { pipeline?: Pipeline } }).client?.pipeline;
  if (!pipeline) throw new Error('botframework-connector changed: its ConnectorClient has no pipeline to bound');
  const ends = Date.now() + timeoutMs;
  const budget = AbortSignal.timeout(timeoutMs);
  pipeline.addPolicy({
    name: DEADLINE_POLICY,
    sendRequest: (request, next) => {
      request.abortSignal = request.abortSignal ? AbortSignal.any([request.abortSignal, budget]) : budget;
      request.timeout = Math.max(1, ends - Date.now());
      return next(request as never);
    },
  });
  return client;
}
