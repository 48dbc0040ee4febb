import type { Person } from '../domain/directory/person';
import { DirectoryIndex } from '../domain/directory/directory-index';
import type { AdminPolicy, Grant } from '../domain/grants/grant';
import { type GrantEffect, measureOwnGrantChange } from '../domain/grants/grant-effect';
import { type Effective, PermissionIndex, type Viewer } from '../domain/grants/permission-index';
import { sameViewer, type ViewerScope, viewerKey } from '../domain/grants/scope';
import type { Level } from '../domain/levels';
import type { FieldId } from '../domain/matrix/fields';
import type { PermissionMatrix } from '../domain/matrix/matrix';
import type { DirectoryData } from '../domain/directory/person';
import { type Page, type WhoCanSeeAnswer, whoCanSee } from '../domain/lookup/who-can-see';
import { type WhatCanSeeAnswer, whatCanSee } from '../domain/lookup/what-can-see';
import { type WhyCanSeeAnswer, whyCanSee } from '../domain/lookup/why-can-see';
import { type Result, err, ok } from '../domain/shared/result';
import type { Clock } from '../ports/clock/clock.port';
import type { GrantStore } from '../ports/store/grant-store.port';
import { type Resolution, Resolver, type Target } from './resolution';

/** How Teams (or a local channel) identifies the person asking. */
export interface Identity {
  upn?: string;
  mail?: string;
  aadObjectId?: string;
}

export type SetLevelError =
  | { code: 'SELF' }
  | { code: 'UNKNOWN_GROUP' };

export interface SetLevelOutcome {
  target: Target;
  previous: Level | null;
  level: Level | null;
  /** The viewer's effective level afterwards (for groups: not computed). */
  effective?: Effective;
  /** What the change did in effect: whose level moved, who now sees more despite a block. */
  effect: GrantEffect;
}

/** An own grant to put back: whom, at which level, and an external contact's name. */
export interface RestoredGrant {
  viewer: ViewerScope;
  level: Level;
  name?: string;
}

/** Everything the asker has granted, and what the administrators' tiers give by default. */
export interface MyGrants {
  own: Grant[];
  groupTier: Grant[];
  global: Level;
  externalDefault: Level;
  externalDomains: ReadonlyMap<string, Level>;
}

/** A consistent view of one directory snapshot and the grants in force. */
interface Snapshot {
  directory: DirectoryIndex;
  permissions: PermissionIndex;
  resolver: Resolver;
  loadedAt: Date;
}

/**
 * The use cases behind every question: who can see, what can X see, why, set a level, list my
 * grants. Works on an in-memory snapshot, so no question waits on the directory or the store;
 * writes go to the store first, then into the snapshot.
 */
export class PrivacyDesk {
  private snapshot: Snapshot;

  constructor(
    readonly matrix: PermissionMatrix,
    private readonly store: GrantStore,
    private readonly clock: Clock,
    directory: DirectoryData,
    policy: AdminPolicy,
    userGrants: readonly Grant[],
  ) {
    this.snapshot = build(directory, policy, userGrants, clock.now());
  }

  get directory(): DirectoryIndex {
    return this.snapshot.directory;
  }

  get permissions(): PermissionIndex {
    return this.snapshot.permissions;
  }

  get loadedAt(): Date {
    return this.snapshot.loadedAt;
  }

  /**
   * Replaces the snapshot with a new directory read, keeping the administrators' policy and
   * re-reading the users' grants from the store (another instance may have changed them).
   */
  async reload(directory: DirectoryData): Promise<void> {
    const userGrants = await this.store.listUserGrants();
    this.snapshot = build(directory, this.snapshot.permissions.policy, userGrants, this.clock.now());
  }

  /** The asker's directory entry, by UPN, mail or Entra object id. */
  identify(identity: Identity): number | undefined {
    for (const key of [identity.aadObjectId, identity.upn, identity.mail]) {
      if (!key) continue;
      const index = this.directory.indexOf(key);
      if (index !== undefined) return index;
    }
    return undefined;
  }

  person(index: number): Person {
    return this.directory.person(index);
  }

  /** Finds whom the asker means: a colleague, one of the asker's external contacts, or a group. */
  resolve(askerIndex: number, query: string, options: { groups?: boolean } = {}): Resolution {
    return this.snapshot.resolver.resolve(query, { ...options, asker: askerIndex });
  }

  whoCanSee(askerIndex: number, field: FieldId, page?: Page): WhoCanSeeAnswer {
    return whoCanSee(this.permissions, this.matrix, askerIndex, field, page);
  }

  whatCanSee(askerIndex: number, viewer: Viewer): WhatCanSeeAnswer {
    return whatCanSee(this.permissions, this.matrix, askerIndex, viewer);
  }

  /** What the asker can see of a colleague's data (the question turned round). */
  whatCanISee(askerIndex: number, ownerIndex: number): WhatCanSeeAnswer {
    return whatCanSee(this.permissions, this.matrix, ownerIndex, { kind: 'person', index: askerIndex });
  }

  whyCanSee(askerIndex: number, viewer: Viewer, field?: FieldId): WhyCanSeeAnswer {
    return whyCanSee(this.permissions, this.matrix, askerIndex, viewer, field);
  }

  /**
   * Sets (or, with `level` null, removes) the asker's own grant to a colleague, external contact
   * or group: stored and audited first, then applied to the snapshot.
   */
  async setLevel(askerIndex: number, target: Target, level: Level | null): Promise<Result<SetLevelOutcome, SetLevelError>> {
    const owner = this.person(askerIndex);
    if (target.kind === 'person' && target.index === askerIndex) return err({ code: 'SELF' });
    const viewer = this.scopeOf(target);
    if (!viewer) return err({ code: 'UNKNOWN_GROUP' });
    const change = { owner: owner.id, viewer, level, actor: owner.id, at: this.clock.now() };
    const { previous } = await this.store.setUserGrant(target.kind === 'external' && target.name ? { ...change, name: target.name } : change);
    const permissions = this.permissions;
    const current = permissions.botGrantsOf(owner.id);
    const kept = current.filter((g) => !sameViewer(g.viewer, viewer));
    const grant: Grant = { owner: { kind: 'user', id: owner.id }, viewer, level: level ?? 'blocked', source: 'user' };
    if (target.kind === 'external' && target.name) grant.name = target.name;
    // Measured on one snapshot, from the level the store had: the grant as it was, then as it is.
    const was = current.find((g) => sameViewer(g.viewer, viewer)) ?? grant;
    permissions.replaceUserGrants(owner.id, previous === null ? kept : [...kept, { ...was, level: previous }]);
    const measuring = measureOwnGrantChange(permissions, askerIndex, viewer);
    permissions.replaceUserGrants(owner.id, level === null ? kept : [...kept, grant]);
    const outcome: SetLevelOutcome = { target, previous, level, effect: measuring.after() };
    const asViewer = toViewer(target);
    if (asViewer) outcome.effective = this.permissions.effective(askerIndex, asViewer);
    return ok(outcome);
  }

  /**
   * Removes every own grant of the asker (user tier) in one go, each audited as a single removal;
   * the administrators' grants stay. Returns the grants as they were.
   */
  async removeAllGrants(askerIndex: number): Promise<Grant[]> {
    const me = this.person(askerIndex);
    const own = [...this.permissions.botGrantsOf(me.id)].sort(byViewer);
    const at = this.clock.now();
    const results = await this.store.setUserGrants(own.map((g) => ({ owner: me.id, viewer: g.viewer, level: null, actor: me.id, at })));
    const removed = own.flatMap((grant, i) => {
      const previous = results[i]?.previous ?? null;
      return previous === null ? [] : [{ ...grant, level: previous }];
    });
    const left = this.permissions.botGrantsOf(me.id).filter((g) => !own.some((o) => sameViewer(o.viewer, g.viewer)));
    this.permissions.replaceUserGrants(me.id, left);
    return removed;
  }

  /** Puts own grants back as they were (the undo of removing them all), each audited as a single change. */
  async restoreGrants(askerIndex: number, grants: readonly RestoredGrant[]): Promise<number> {
    const me = this.person(askerIndex);
    const mine = grants.filter((g) => !(g.viewer.kind === 'user' && g.viewer.id === me.id));
    const at = this.clock.now();
    const results = await this.store.setUserGrants(mine.map((g) => ({ owner: me.id, viewer: g.viewer, level: g.level, actor: me.id, at, ...(g.name ? { name: g.name } : {}) })));
    const restored: Grant[] = mine.map((g) => ({ owner: { kind: 'user', id: me.id }, viewer: g.viewer, level: g.level, source: 'user', ...(g.name ? { name: g.name } : {}) }));
    const kept = this.permissions.botGrantsOf(me.id).filter((g) => !restored.some((r) => sameViewer(r.viewer, g.viewer)));
    this.permissions.replaceUserGrants(me.id, [...kept, ...restored]);
    return results.filter((r, i) => r.previous !== mine[i]?.level).length;
  }

  listGrants(askerIndex: number): MyGrants {
    const me = this.person(askerIndex);
    const concerning = this.permissions.grantsConcerning(askerIndex).map((c) => c.grant);
    const policy = this.permissions.policy;
    return {
      own: [...this.permissions.botGrantsOf(me.id)].sort(byViewer),
      groupTier: concerning.filter((g) => g.owner.kind !== 'user'),
      global: policy.global,
      externalDefault: policy.externalDefault,
      externalDomains: policy.externalDomains,
    };
  }

  /** The grant scope that names a target as a viewer; undefined for a group the directory lost. */
  scopeOf(target: Target): ViewerScope | undefined {
    switch (target.kind) {
      case 'person':
        return { kind: 'user', id: this.person(target.index).id };
      case 'external':
        return { kind: 'external', address: target.address };
      case 'group': {
        const group = this.directory.groups[target.index];
        return group ? { kind: 'group', name: group.name } : undefined;
      }
    }
  }
}

/** A target as a viewer of the asker's data; groups are no single viewer. */
export function toViewer(target: Target): Viewer | undefined {
  switch (target.kind) {
    case 'person':
      return { kind: 'person', index: target.index };
    case 'external':
      return { kind: 'external', address: target.address };
    case 'group':
      return undefined;
  }
}

function build(data: DirectoryData, policy: AdminPolicy, userGrants: readonly Grant[], loadedAt: Date): Snapshot {
  const directory = new DirectoryIndex(data);
  const permissions = new PermissionIndex(directory, policy, userGrants);
  return { directory, permissions, resolver: new Resolver(directory, permissions), loadedAt };
}

const byViewer = (a: Grant, b: Grant): number => viewerKey(a.viewer).localeCompare(viewerKey(b.viewer));
