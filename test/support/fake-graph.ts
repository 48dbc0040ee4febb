import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { GraphDirectory, type GraphDirectoryOptions } from '../../src/ports/directory/graph/graph-directory.adapter';
import { BadRequest, type FakeUser, parseFilter, parseSearch, project } from './fake-graph-query';
import { demoGraphSeed, type FakeGraphSeed, type FakeGroup } from './fake-graph-seed';

export { guidOf, groupIdOf, upnOf, userIdOf } from './fake-graph-seed';
export type { FakeUser } from './fake-graph-query';

/** A request as the fake saw it; `path` is relative to the service root (`/users`). */
export interface RecordedRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  headers: Record<string, string | undefined>;
  body?: unknown;
  /** One step of a `$batch`, rather than an HTTP request of its own. */
  inBatch: boolean;
}

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

const VERSION = '/v1.0';
const WRITABLE = new Set(['displayName', 'givenName', 'surname', 'jobTitle', 'companyName', 'department', 'officeLocation', 'streetAddress', 'postalCode', 'city', 'state', 'country', 'businessPhones', 'mobilePhone', 'faxNumber', 'preferredLanguage', 'accountEnabled']);
const encodeToken = (state: object): string => Buffer.from(JSON.stringify(state)).toString('base64url');
const decodeToken = <T>(token: string): T => JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as T;
const graphError = (status: number, code: string, message: string, headers?: Record<string, string>): Answer => ({ status, headers, body: { error: { code, message } } });
const query = (params: Record<string, string>): string => Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');

/**
 * A local stand-in for Microsoft Graph v1.0 that speaks its wire format for what the directory
 * adapter asks: users (paging, $select, $filter, $search), users/delta, one user (GET, PATCH),
 * groups, group members, $batch. It checks the bearer token, can throttle or refuse on request, and
 * records every request. Next links are relative (`/v1.0/users?$skiptoken=…`) unless told otherwise.
 */
export class FakeGraph {
  readonly requests: RecordedRequest[] = [];
  token = 'test-token';
  linkStyle: 'relative' | 'absolute' = 'relative';
  private readonly server: Server;
  private readonly users = new Map<string, FakeUser>();
  private readonly groups: FakeGroup[];
  private version = 0;
  private readonly changedAt = new Map<string, number>();
  private readonly removedAt = new Map<string, number>();
  private oldestDeltaState = 0;
  private readonly failures: Answer[] = [];
  private batchStepFailures = 0;
  private readonly forbidden: { prefix: string; method?: string }[] = [];

  private constructor(seed: FakeGraphSeed) {
    for (const user of seed.users) this.users.set(user.id, { ...user });
    this.groups = seed.groups.map((g) => ({ ...g, members: [...g.members] }));
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(seed: FakeGraphSeed = demoGraphSeed()): Promise<FakeGraph> {
    const fake = new FakeGraph(seed);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  /** The service root to configure the adapter with (`GRAPH_BASE_URL`). */
  get baseUrl(): string {
    return `${this.origin}${VERSION}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `count` HTTP requests are answered with `status` (429 or 503) and `Retry-After` (none: null). */
  failNext(count: number, status: 429 | 503 = 429, retryAfter: string | null = '1'): void {
    const code = status === 429 ? 'TooManyRequests' : 'ServiceUnavailable';
    for (let i = 0; i < count; i += 1) this.failures.push(graphError(status, code, 'Please retry later.', retryAfter === null ? {} : { 'Retry-After': retryAfter }));
  }

  /** The next `count` steps inside `$batch` requests are answered 429 with `Retry-After: 1`. */
  throttleBatchSteps(count: number): void {
    this.batchStepFailures += count;
  }

  /** Requests to paths under `prefix` (with `method`, or any) are refused (403), as for an app without the permission. */
  forbid(prefix: string, method?: string): void {
    this.forbidden.push({ prefix, method });
  }

  /** Delta links issued so far are expired (Graph: after seven days). */
  expireDeltaLinks(): void {
    this.oldestDeltaState = this.version + 1;
  }

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  user(id: string): FakeUser | undefined {
    return this.users.get(id);
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, { ...user });
    this.touch(user.id);
  }

  updateUser(id: string, changes: Record<string, unknown>): void {
    const user = this.users.get(id);
    if (!user) throw new Error(`no user ${id}`);
    Object.assign(user, changes);
    this.touch(id);
  }

  removeUser(id: string): void {
    this.users.delete(id);
    this.version += 1;
    this.removedAt.set(id, this.version);
    for (const group of this.groups) group.members = group.members.filter((m) => m.id !== id);
  }

  addGroup(group: FakeGroup): void {
    this.groups.push(group);
  }

  private touch(id: string): void {
    this.version += 1;
    this.changedAt.set(id, this.version);
    this.removedAt.delete(id);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
    const path = url.pathname.startsWith(`${VERSION}/`) ? url.pathname.slice(VERSION.length) : url.pathname;
    const body = text === '' ? undefined : (JSON.parse(text) as unknown);
    this.requests.push({ method: req.method ?? 'GET', path, params: Object.fromEntries(url.searchParams), headers, body, inBatch: false });
    const answer = url.pathname.startsWith(`${VERSION}/`)
      ? this.answer(req.method ?? 'GET', path, url.searchParams, headers, body, false)
      : graphError(400, 'BadRequest', 'Invalid version.');
    if (res.destroyed) return;
    res.writeHead(answer.status, { ...(answer.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...answer.headers });
    res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  }

  private answer(method: string, path: string, params: URLSearchParams, headers: Record<string, string | undefined>, body: unknown, inBatch: boolean): Answer {
    if (!inBatch) {
      if (headers['authorization'] !== `Bearer ${this.token}`) return graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
      const failure = this.failures.shift();
      if (failure) return failure;
    } else if (this.batchStepFailures > 0) {
      this.batchStepFailures -= 1;
      return graphError(429, 'TooManyRequests', 'Please retry later.', { 'Retry-After': '1' });
    }
    if (this.forbidden.some((f) => path.startsWith(f.prefix) && (f.method ?? method) === method)) return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    try {
      return this.route(method, path, params, headers, body);
    } catch (error) {
      if (error instanceof BadRequest) return graphError(400, error.graphCode, error.message);
      throw error;
    }
  }

  private route(method: string, path: string, params: URLSearchParams, headers: Record<string, string | undefined>, body: unknown): Answer {
    const [, collection, id, sub, ...rest] = path.split('/').map(decodeURIComponent);
    const route = `${method} /${collection ?? ''}${id === undefined ? '' : id === 'delta' ? '/delta' : '/{id}'}${sub === undefined ? '' : `/${sub}`}`;
    if (rest.length > 0) return graphError(400, 'BadRequest', `Resource not found for the segment '${rest[0]}'.`);
    switch (route) {
      case 'POST /$batch':
        return this.batch(body, headers);
      case 'GET /users':
        return this.listUsers(path, params, headers);
      case 'GET /users/delta':
        return this.delta(params, headers);
      case 'GET /users/{id}':
      case 'PATCH /users/{id}':
        return this.oneUser(method, id ?? '', params, body);
      case 'GET /groups':
        return this.page(path, params, this.groups.map((g) => ({ id: g.id, displayName: g.displayName })));
      case 'GET /groups/{id}/members': {
        const group = this.groups.find((g) => g.id === id);
        if (!group) return graphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist.`);
        return this.page(path, params, group.members.map((m) => ({ '@odata.type': `#microsoft.graph.${m.type}`, id: m.id })));
      }
      default:
        return graphError(400, 'BadRequest', `Unsupported request: ${route}`);
    }
  }

  private listUsers(path: string, params: URLSearchParams, headers: Record<string, string | undefined>): Answer {
    let users = [...this.users.values()];
    const filter = params.get('$filter');
    const search = params.get('$search');
    if (filter !== null) users = users.filter(parseFilter(filter));
    if (search !== null) {
      if (headers['consistencylevel'] !== 'eventual') {
        throw new BadRequest('Request_UnsupportedQuery', "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
      }
      users = users.filter(parseSearch(search));
    }
    const expandManager = /^manager(\(|$)/.test(params.get('$expand') ?? '');
    return this.page(path, params, users.map((u) => project(u, params.get('$select'), { expandManager })));
  }

  private oneUser(method: string, key: string, params: URLSearchParams, body: unknown): Answer {
    const user = this.users.get(key) ?? [...this.users.values()].find((u) => String(u['userPrincipalName']).toLowerCase() === key.toLowerCase());
    if (!user) return graphError(404, 'Request_ResourceNotFound', `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`);
    if (method === 'GET') return { status: 200, body: project(user, params.get('$select')) };
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return graphError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
    for (const [property, value] of Object.entries(body)) {
      const ok = property === 'businessPhones' ? Array.isArray(value) && value.length <= 1 && value.every((v) => typeof v === 'string') : value === null || typeof value === 'string' || (property === 'accountEnabled' && typeof value === 'boolean');
      if (!WRITABLE.has(property) || !ok) return graphError(400, 'Request_BadRequest', `Invalid value for property '${property}'.`);
    }
    this.updateUser(user.id, body as Record<string, unknown>);
    return { status: 204 };
  }

  private delta(params: URLSearchParams, headers: Record<string, string | undefined>): Answer {
    const pageSize = Number(/odata\.maxpagesize=(\d+)/.exec(headers['prefer'] ?? '')?.[1] ?? 100);
    type State = { since: number; asOf: number; offset: number; select: string | null };
    let state: State;
    const skip = params.get('$skiptoken');
    const delta = params.get('$deltatoken');
    if (skip !== null) state = decodeToken<State>(skip);
    else if (delta !== null) {
      const token = decodeToken<{ since: number; select: string | null }>(delta);
      if (token.since < this.oldestDeltaState) return graphError(400, 'syncStateNotFound', 'The sync state generation is not found. The delta token is expired and data must be synchronized again.');
      state = { since: token.since, asOf: this.version, offset: 0, select: token.select };
    } else state = { since: -1, asOf: this.version, offset: 0, select: params.get('$select') };
    const changed = [...this.users.values()].filter((u) => state.since < 0 || (this.changedAt.get(u.id) ?? 0) > state.since);
    const removed = state.since < 0 ? [] : [...this.removedAt].filter(([, at]) => at > state.since).map(([id]) => ({ id, '@removed': { reason: 'changed' } }));
    const all = [...changed.map((u) => project(u, state.select, { delta: true })), ...removed];
    const value = all.slice(state.offset, state.offset + pageSize);
    if (state.offset + pageSize < all.length) {
      return { status: 200, body: { value, '@odata.nextLink': this.link(`/users/delta?$skiptoken=${encodeToken({ ...state, offset: state.offset + pageSize })}`) } };
    }
    return { status: 200, body: { value, '@odata.deltaLink': this.link(`/users/delta?$deltatoken=${encodeToken({ since: state.asOf, select: state.select })}`) } };
  }

  private page(path: string, params: URLSearchParams, items: unknown[]): Answer {
    const top = Number(params.get('$top') ?? 100);
    if (!Number.isInteger(top) || top < 1 || top > 999) throw new BadRequest('Request_BadRequest', `Invalid page size specified: '${params.get('$top')}'. Must be between 1 and 999 inclusive.`);
    const token = params.get('$skiptoken');
    const offset = token === null ? 0 : decodeToken<{ offset: number }>(token).offset;
    const body: Record<string, unknown> = { value: items.slice(offset, offset + top) };
    if (offset + top < items.length) {
      const next = { ...Object.fromEntries(params), $skiptoken: encodeToken({ offset: offset + top }) };
      body['@odata.nextLink'] = this.link(`${path}?${query(next)}`);
    }
    return { status: 200, body };
  }

  private batch(body: unknown, headers: Record<string, string | undefined>): Answer {
    const requests = (body as { requests?: unknown } | undefined)?.requests;
    if (!Array.isArray(requests) || requests.length === 0) return graphError(400, 'BadRequest', 'Invalid batch payload format.');
    if (requests.length > 20) return graphError(400, 'BadRequest', 'Number of batch request steps exceeds the maximum of 20.');
    const responses = (requests as { id: string; method: string; url: string; body?: unknown }[]).map((step) => {
      const url = new URL(step.url.startsWith('/') ? step.url : `/${step.url}`, 'http://fake');
      this.requests.push({ method: step.method, path: url.pathname, params: Object.fromEntries(url.searchParams), headers, body: step.body, inBatch: true });
      const answer = this.answer(step.method, url.pathname, url.searchParams, headers, step.body, true);
      return { id: step.id, status: answer.status, headers: answer.headers ?? {}, body: answer.body };
    });
    return { status: 200, body: { responses } };
  }

  private link(pathAndQuery: string): string {
    return `${this.linkStyle === 'absolute' ? this.origin : ''}${VERSION}${pathAndQuery}`;
  }
}

/** An adapter on `graph`, page size 7 (several pages everywhere), waits recorded rather than waited. */
export function openGraphDirectory(graph: FakeGraph, overrides: Partial<GraphDirectoryOptions> = {}): { directory: GraphDirectory; waits: number[] } {
  const waits: number[] = [];
  const directory = new GraphDirectory({
    baseUrl: graph.baseUrl,
    tokens: { token: async () => graph.token },
    pageSize: 7,
    maxRetries: 2,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...overrides,
  });
  return { directory, waits };
}
