import { AsyncLocalStorage } from 'node:async_hooks';
import type { Activity } from 'botbuilder';
import { LRUCache } from 'lru-cache';
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

/** What a turn, or a proactive send, may still spend on the Bot Connector. */
interface Budget {
  ends: number;
  signal: AbortSignal;
}

const budgets = new AsyncLocalStorage<Budget>();

/**
 * Runs `work` (a turn, a proactive send) with a connector budget of its own: everything it sends to
 * the Bot Connector — replies, updates, member lookups, retries included — ends within `timeoutMs`
 * of the start. Teams gives up on a bot after about 15 s; a send that cannot finish is cut off.
 */
export function withConnectorBudget<T>(timeoutMs: number, work: () => Promise<T>): Promise<T> {
  return budgets.run({ ends: Date.now() + timeoutMs, signal: AbortSignal.timeout(timeoutMs) }, work);
}

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
  /**
   * Connector clients, one per bot identity, service URL and audience, shared by every turn: the
   * SDK would build a client (and its HTTP pipeline) for each turn, which is most of what a reply
   * costs. Each call still ends within the budget of the turn or send it belongs to.
   */
  private readonly clients = new LRUCache<string, Promise<ConnectorClient>>({ max: 500 });
  /**
   * User token clients, one per bot identity: the SDK makes one for every turn (a whole HTTP pipeline
   * each time, about a twentieth of a reply's cost) although privacy-desk signs nobody in.
   */
  private readonly userTokenClients = new LRUCache<string, Promise<UserTokenClient>>({ max: 50 });

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
    return new BoundedConnectorFactory(this.inner.createConnectorFactory(claimsIdentity), this.timeoutMs, this.clients, identityKey(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const key = identityKey(claimsIdentity);
    const known = this.userTokenClients.get(key);
    if (known) return known;
    const made = this.inner.createUserTokenClient(claimsIdentity);
    this.userTokenClients.set(key, made);
    // A failure is not kept: the next turn tries again.
    made.catch(() => this.userTokenClients.delete(key));
    return made;
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
    return result.connectorFactory ? { ...result, connectorFactory: new BoundedConnectorFactory(result.connectorFactory, this.timeoutMs, this.clients, identityKey(result.claimsIdentity)) } : result;
  }
}

/** Which bot the clients act for: the app id the token was issued to and for (none while authentication is off). */
function identityKey(identity: ClaimsIdentity | undefined): string {
  const claim = (type: string): string => identity?.getClaimValue(type) ?? '';
  return `${claim('aud')}|${claim('appid') || claim('azp')}`;
}

/** Hands out the shared clients of the wrapped factory, each bounded by the budget of whoever sends. */
class BoundedConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly timeoutMs: number,
    private readonly clients: LRUCache<string, Promise<ConnectorClient>>,
    private readonly identity: string,
  ) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = `${this.identity}|${serviceUrl}|${audience ?? ''}`;
    const known = this.clients.get(key);
    if (known) return known;
    const made = this.inner.create(serviceUrl, audience).then((client) => withDeadline(client, this.timeoutMs));
    this.clients.set(key, made);
    // A client that could not be made is not kept: the next turn tries again.
    made.catch(() => this.clients.delete(key));
    return made;
  }
}

/**
 * Bounds everything the client sends: each operation ends by the budget of the turn or proactive
 * send it belongs to ({@link withConnectorBudget}), or — sent outside any — within `timeoutMs` of
 * its own start. The SDK's own factory overwrites any `requestPolicyFactories` passed in its
 * options, so the policy goes into the pipeline the client sends through (the SDK is archived: this
 * inner structure will not move; the connector tests fail loudly if it ever does). Without a phase
 * the policy runs once per operation, before the retry policy, so retries stay within the budget
 * too; an aborted try is not retried.
 */
export function withDeadline(client: ConnectorClient, timeoutMs: number): ConnectorClient {
  const pipeline = (client as unknown as { client?: { pipeline?: Pipeline } }).client?.pipeline;
  if (!pipeline) throw new Error('botframework-connector changed: its ConnectorClient has no pipeline to bound');
  pipeline.addPolicy({
    name: DEADLINE_POLICY,
    sendRequest: (request, next) => {
      const budget = budgets.getStore() ?? { ends: Date.now() + timeoutMs, signal: AbortSignal.timeout(timeoutMs) };
      request.abortSignal = request.abortSignal ? AbortSignal.any([request.abortSignal, budget.signal]) : budget.signal;
      request.timeout = Math.max(1, budget.ends - Date.now());
      return next(request as never);
    },
  });
  return client;
}
