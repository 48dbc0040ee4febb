import { GraphError } from '@microsoft/microsoft-graph-client';
import type { GraphConfig } from '../../../config/config';
import type { DirectoryData, Person } from '../../../domain/directory/person';
import { DirectoryError } from '../directory.errors';
import type { AttributeChanges, AttributeUpdate, DirectoryPort, PersonKey } from '../directory.port';
import { type GraphOperation, translateGraphError } from './graph-errors';
import { readGroups } from './graph-groups';
import { GraphHttp, type Page } from './graph-http';
import { realSleep, type Sleep, type TokenSource } from './graph-middleware';
import { isAddressLike, isObjectId, odataString, queryString, searchTerm, segment, withoutControls } from './graph-odata';
import { credentialTokenSource } from './graph-token-source';
import { type GraphUser, itemsOfUser, patchOf, personOfUser, USER_SELECT } from './graph-user';
import { UserSync } from './graph-users';

export type { TokenSource } from './graph-middleware';

export interface GraphDirectoryOptions {
  /** Service root including the version: `https://graph.microsoft.com/v1.0` (GRAPH_BASE_URL). */
  baseUrl: string;
  tokens: TokenSource;
  /** Items per page of users, groups and members (Graph allows up to 999). */
  pageSize?: number;
  /** How a Retry-After is waited out; tests pass one that records the wait. */
  sleep?: Sleep;
  /** Retries of a throttled (429) or unavailable (503/504) request before giving up. */
  maxRetries?: number;
  fetch?: typeof fetch;
  /** Deadline of one HTTP request, body included. */
  timeoutMs?: number;
  /** `$batch` requests in flight at once while reading group members. */
  concurrency?: number;
  /** Keep users current through `/users/delta` (default) rather than listing them on every read. */
  incremental?: boolean;
}

/** The application permissions each operation needs (README: directory permissions). */
const USERS: Pick<GraphOperation, 'permission'> = { permission: 'User.Read.All' };
const GROUPS: Pick<GraphOperation, 'permission'> = { permission: 'GroupMember.Read.All' };
const WRITE: Pick<GraphOperation, 'permission'> = { permission: 'User.ReadWrite.All' };

const SELECT = USER_SELECT.join(',');

/**
 * People and groups from Microsoft Entra ID through Microsoft Graph, app-only. Users are kept
 * current through `/users/delta`; groups and their direct members are read again on every read —
 * a tenant has far fewer groups than users, `$batch` fetches twenty groups' members per request,
 * and `/groups/delta` reports member changes per group without the nesting the index resolves, so
 * bookkeeping memberships incrementally would buy little for much code.
 */
export class GraphDirectory implements DirectoryPort {
  /** Whether the last successful read fetched only the users that changed (for tests and /healthz). */
  lastReadWasIncremental = false;
  private readonly http: GraphHttp;
  private readonly users: UserSync;
  private readonly pageSize: number;
  private readonly maxRetries: number;
  private readonly sleep: Sleep;
  private readonly concurrency: number;
  private reading: Promise<DirectoryData> | undefined;

  constructor(options: GraphDirectoryOptions) {
    this.pageSize = Math.min(Math.max(options.pageSize ?? 999, 1), 999);
    this.maxRetries = options.maxRetries ?? 5;
    this.sleep = options.sleep ?? realSleep;
    this.concurrency = options.concurrency ?? 4;
    this.http = new GraphHttp({
      baseUrl: options.baseUrl,
      tokens: options.tokens,
      maxRetries: this.maxRetries,
      sleep: this.sleep,
      timeoutMs: options.timeoutMs ?? 30_000,
      fetch: options.fetch ?? fetch,
    });
    this.users = new UserSync(this.http, this.pageSize, options.incremental ?? true);
  }

  get description(): string {
    return `graph:${this.server}`;
  }

  /** The service root without any credentials a URL might carry, for descriptions and messages. */
  private get server(): string {
    return `${this.http.root.origin}${this.http.root.pathname}`;
  }

  /** One read at a time: a refresh asked for while one runs gets that one's result. */
  read(): Promise<DirectoryData> {
    this.reading ??= this.readOnce().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  async findPerson(key: PersonKey): Promise<Person | undefined> {
    return this.run(USERS, async () => {
      if (key.objectId && isObjectId(key.objectId)) {
        const user = await this.http.get<GraphUser>(`/users/${segment(key.objectId)}${queryString({ $select: SELECT })}`).catch(notFoundAsUndefined);
        const person = user && personOfUser(user);
        if (person) return person;
      }
      const values = [...new Set([key.mail, key.upn].filter((v): v is string => v !== undefined && isAddressLike(v)))];
      if (values.length === 0) return undefined;
      const filter = values.flatMap((v) => [`mail eq ${odataString(v)}`, `userPrincipalName eq ${odataString(v)}`]).join(' or ');
      const page = await this.http.get<Page<GraphUser>>(`/users${queryString({ $filter: filter, $select: SELECT, $top: 5 })}`);
      return (page.value ?? []).map(personOfUser).find((p): p is Person => p !== undefined);
    });
  }

  async searchPeople(query: string, limit: number): Promise<Person[]> {
    const text = withoutControls(query).trim();
    if (text === '' || limit < 1) return [];
    return this.run(USERS, async () => {
      const search = `${searchTerm('displayName', text)} OR ${searchTerm('mail', text)}`;
      // $search on directory objects is an advanced query: Graph requires ConsistencyLevel.
      const page = await this.http.get<Page<GraphUser>>(`/users${queryString({ $search: search, $select: SELECT, $top: Math.min(limit, 999) })}`, {
        ConsistencyLevel: 'eventual',
      });
      return (page.value ?? []).flatMap((user) => personOfUser(user) ?? []).slice(0, limit);
    });
  }

  async updatePerson(personId: string, changes: AttributeChanges): Promise<AttributeUpdate> {
    const body = patchOf(changes);
    const items = Object.keys(changes);
    const person = await this.findPerson(isObjectId(personId) ? { objectId: personId } : { mail: personId, upn: personId });
    if (!person?.ref) throw new DirectoryError('DIRECTORY.NOT_FOUND', `${this.description}: no person ${personId}`);
    const path = `/users/${segment(person.ref)}`;
    return this.run(WRITE, async () => {
      const values = async (): Promise<Record<string, string[]>> => {
        const all = itemsOfUser(await this.http.get<GraphUser>(`${path}${queryString({ $select: SELECT })}`));
        return Object.fromEntries(items.map((item) => [item, all[item] ?? []]));
      };
      const before = await values();
      if (items.length > 0) await this.http.patch(path, body);
      // Graph is eventually consistent: a read right after a write may, rarely, still be the old one.
      return { personId, before, after: await values() };
    });
  }

  async close(): Promise<void> {
    // Nothing held open: fetch keeps its own connection pool.
  }

  private async readOnce(): Promise<DirectoryData> {
    const { users, incremental } = await this.run(USERS, () => this.users.read());
    const people: Person[] = [];
    const personOfUserId = new Map<string, string>();
    for (const user of users) {
      const person = personOfUser(user);
      if (!person) continue;
      people.push(person);
      personOfUserId.set(user.id, person.id);
    }
    const options = { pageSize: this.pageSize, maxRetries: this.maxRetries, sleep: this.sleep, concurrency: this.concurrency };
    const groups = await this.run(GROUPS, () => readGroups(this.http, personOfUserId, options));
    this.lastReadWasIncremental = incremental;
    return { people, groups };
  }

  private async run<T>(operation: Pick<GraphOperation, 'permission'>, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw translateGraphError(error, { server: this.server, ...operation });
    }
  }
}

function notFoundAsUndefined(error: unknown): undefined {
  if (error instanceof GraphError && error.statusCode === 404) return undefined;
  throw error;
}

/** The Graph directory the configuration describes, with app-only tokens from @azure/identity. */
export function graphDirectoryFromConfig(config: GraphConfig): GraphDirectory {
  return new GraphDirectory({ baseUrl: config.baseUrl, tokens: credentialTokenSource(config) });
}
