import { GraphError } from '@microsoft/microsoft-graph-client';
import type { GraphHttp } from './graph-http';
import { queryString } from './graph-odata';
import { type GraphUser, USER_SELECT } from './graph-user';

/** A user as `/users/delta` reports it: changed properties, or `@removed` when deleted. */
type DeltaUser = GraphUser & { '@removed'?: { reason?: string }; 'manager@delta'?: { id: string; '@removed'?: { reason?: string } }[] };

/** Every user of the tenant (disabled accounts included) and whether only changes were fetched. */
export interface UserRead {
  users: GraphUser[];
  incremental: boolean;
}

/**
 * The users part of the snapshot, kept current through `/users/delta`: the first read walks every
 * delta page to the delta link; each later read asks that link for what changed since and applies
 * it (`@removed` drops the user), so that a refresh does not download every user again. With
 * `incremental: false` every read lists `/users` instead.
 */
export class UserSync {
  private users = new Map<string, GraphUser>();
  private deltaLink: string | undefined;

  constructor(
    private readonly http: GraphHttp,
    private readonly pageSize: number,
    private readonly incremental: boolean,
  ) {}

  async read(): Promise<UserRead> {
    if (!this.incremental) {
      const { items } = await this.http.all<GraphUser>(`/users${queryString({ $select: USER_SELECT.join(','), $expand: 'manager($select=id)', $top: this.pageSize })}`);
      return { users: items, incremental: false };
    }
    if (this.deltaLink !== undefined) {
      try {
        return { users: await this.follow(this.deltaLink, new Map(this.users)), incremental: true };
      } catch (error) {
        if (!expiredDeltaToken(error)) throw error;
        // The delta link outlived its lifetime (seven days for directory objects): start again.
      }
    }
    // Delta tracks the manager when it is selected, and reports it as `manager@delta`.
    return { users: await this.follow(`/users/delta${queryString({ $select: [...USER_SELECT, 'manager'].join(',') })}`, new Map()), incremental: false };
  }

  /** Walks delta pages from `link`, applies them to `base`, and keeps the result only when complete. */
  private async follow(link: string, base: Map<string, GraphUser>): Promise<GraphUser[]> {
    // Delta has no $top: the page size is a preference, sent with every page.
    const { items, deltaLink } = await this.http.all<DeltaUser>(link, { Prefer: `odata.maxpagesize=${this.pageSize}` });
    for (const item of items) {
      if (item['@removed']) {
        base.delete(item.id);
        continue;
      }
      // A user may come more than once, and with `return=minimal` only with what changed: merge.
      const properties: Record<string, unknown> = Object.fromEntries(Object.entries(item).filter(([key]) => !key.startsWith('@') && key !== 'manager@delta'));
      // The manager as `manager@delta`: the current one, or only a removed one (none any more).
      const managers = item['manager@delta'];
      if (Array.isArray(managers)) properties.manager = managers.find((m: { '@removed'?: unknown }) => m['@removed'] === undefined) ?? null;
      base.set(item.id, { ...base.get(item.id), ...properties, id: item.id });
    }
    this.users = base;
    this.deltaLink = deltaLink;
    return [...base.values()];
  }
}

/** Graph answers an expired delta token with 400 `syncStateNotFound` (directory) or 410 Gone. */
function expiredDeltaToken(error: unknown): boolean {
  if (!(error instanceof GraphError)) return false;
  return error.statusCode === 410 || (error.statusCode === 400 && /syncStateNotFound|resyncRequired|ExpiredPageToken/i.test(error.code ?? ''));
}
