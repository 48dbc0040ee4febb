import { type Context, GraphClientError, type Middleware } from '@microsoft/microsoft-graph-client';

/** Where app-only access tokens come from (a seam: @azure/identity in production, a constant in tests). */
export interface TokenSource {
  token(): Promise<string>;
}

/** How long to wait, in milliseconds (a seam, so that tests record waits instead of waiting). */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Statuses Graph asks to retry after: throttling, unavailable, gateway timeout. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);

/** The longest wait a Retry-After may impose (the Graph SDK's own ceiling). */
const MAX_RETRY_AFTER_SECONDS = 180;

/**
 * A failure below the HTTP layer (token, network, timeout), carried through the Graph client
 * untouched: the client passes a GraphClientError on as it is, but flattens any other error into a
 * GraphError that has lost its cause (`ECONNREFUSED`, `TimeoutError`).
 */
export interface LowerFailure {
  kind: 'token' | 'transport';
  error: unknown;
}

function lowerFailure(kind: LowerFailure['kind'], error: unknown): GraphClientError {
  const wrapped = new GraphClientError(kind === 'token' ? 'no access token' : 'request failed');
  wrapped.customError = { kind, error } satisfies LowerFailure;
  return wrapped;
}

/** The lower failure a GraphClientError carries, if it is one of ours. */
export function lowerFailureOf(error: unknown): LowerFailure | undefined {
  if (!(error instanceof GraphClientError)) return undefined;
  const custom = error.customError as Partial<LowerFailure> | undefined;
  return custom && (custom.kind === 'token' || custom.kind === 'transport') ? (custom as LowerFailure) : undefined;
}

/** Seconds to wait from a Retry-After header: delta-seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null | undefined, attempt: number): number {
  const fallback = Math.min(2 ** attempt, 30);
  if (!header) return fallback;
  const seconds = /^\d+(\.\d+)?$/.test(header.trim()) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
  if (!Number.isFinite(seconds)) return fallback;
  return Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER_SECONDS);
}

abstract class Link implements Middleware {
  protected next?: Middleware;
  setNext(next: Middleware): void {
    this.next = next;
  }
  protected forward(context: Context): Promise<void> {
    if (!this.next) throw new GraphClientError('middleware chain ends early');
    return this.next.execute(context);
  }
  abstract execute(context: Context): Promise<void>;
}

/**
 * Retries 429/503/504 after the server's Retry-After (or a doubling back-off without one), at most
 * `maxRetries` times; the last answer then goes up as it is, to be translated to THROTTLED. Our
 * bodies are JSON strings, so every request can be sent again.
 */
export class RetryMiddleware extends Link {
  constructor(
    private readonly maxRetries: number,
    private readonly sleep: Sleep,
  ) {
    super();
  }

  async execute(context: Context): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      await this.forward(context);
      const response = context.response;
      if (!response || !RETRY_STATUSES.has(response.status) || attempt > this.maxRetries) return;
      const wait = retryAfterSeconds(response.headers.get('Retry-After'), attempt);
      await response.body?.cancel().catch(() => undefined);
      await this.sleep(wait * 1000);
    }
  }
}

/**
 * Adds the app-only bearer token to every request. The Graph client's own authentication handler
 * only does so for https Graph hosts, which would leave a test server or a proxy without one.
 */
export class BearerMiddleware extends Link {
  constructor(private readonly tokens: TokenSource) {
    super();
  }

  async execute(context: Context): Promise<void> {
    let token: string;
    try {
      token = await this.tokens.token();
    } catch (error) {
      throw lowerFailure('token', error);
    }
    const options = context.options ?? {};
    const headers = new Headers(options.headers as ConstructorParameters<typeof Headers>[0]);
    headers.set('Authorization', `Bearer ${token}`);
    context.options = { ...options, headers };
    return this.forward(context);
  }
}

/**
 * Sends the request with `fetch` and a deadline. Replaces the client's HTTPMessageHandler, which
 * has neither a timeout nor a way to keep the network error's cause.
 */
export class FetchMiddleware implements Middleware {
  constructor(
    private readonly fetchImpl: typeof fetch,
    private readonly timeoutMs: number,
  ) {}

  async execute(context: Context): Promise<void> {
    try {
      context.response = await this.fetchImpl(context.request as string | URL | Request, {
        ...(context.options as RequestInit),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw lowerFailure('transport', error);
    }
  }
}
