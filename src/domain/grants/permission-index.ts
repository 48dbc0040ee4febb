import { type Level, type Tier, levelRank } from '../levels';
import type { DirectoryIndex } from '../directory/directory-index';
import { type AdminPolicy, type Grant, tierOf } from './grant';
import { domainOf } from './scope';

/** Someone who may look at an owner's data: a colleague (by directory index) or an external contact. */
export type Viewer = { kind: 'person'; index: number } | { kind: 'external'; address: string };

/** Why a viewer has a level: the global setting, the external default, or a grant. */
export type Reason =
  | { kind: 'global'; level: Level }
  | { kind: 'externalDefault'; level: Level }
  | { kind: 'grant'; tier: Tier; level: Level; grant: Grant };

/** A viewer's effective level toward an owner, with every reason that applies (highest first). */
export interface Effective {
  level: Level;
  reasons: Reason[];
  /** For external contacts whose federated domain caps the level (a maximum). */
  cap?: { domain: string; level: Level; uncapped: Level };
}

interface CompiledGrant {
  grant: Grant;
  tier: Tier;
  rank: number;
  viewer:
    | { kind: 'all' }
    | { kind: 'groups'; groups: readonly number[] }
    | { kind: 'person'; index: number }
    | { kind: 'external'; address: string };
}

export interface ExternalContact {
  address: string;
  name?: string;
}

const TIER_ORDER: Record<Tier, number> = { global: 0, group: 1, user: 2 };

/** Highest level first; at equal level the higher tier first (global, group, user). */
export const byStrength = (a: { rank: number; tier: Tier }, b: { rank: number; tier: Tier }): number =>
  b.rank - a.rank || TIER_ORDER[a.tier] - TIER_ORDER[b.tier];

/**
 * Grant resolution (seed 4.3.2.7): the effective level of a viewer toward an owner is the highest
 * level among every grant that matches both, groups matched transitively. The system is additive:
 * no grant ever lowers what another gives. Built once per directory snapshot and grants state;
 * user-tier grants can be replaced per owner as users change them.
 */
export class PermissionIndex {
  readonly globalRank: number;
  readonly externalDefaultRank: number;
  private readonly domainCaps: ReadonlyMap<string, Level>;
  private readonly byAllOwners: CompiledGrant[] = [];
  private readonly byOwnerGroup = new Map<number, CompiledGrant[]>();
  private readonly byOwnerUserTier = new Map<string, CompiledGrant[]>();
  /** Scratch arrays for `collect`, reused between calls (single-threaded, synchronous). */
  private readonly stamp: Uint32Array;
  private generation = 0;

  constructor(
    readonly directory: DirectoryIndex,
    readonly policy: AdminPolicy,
    userGrants: readonly Grant[],
  ) {
    this.globalRank = levelRank(policy.global);
    this.externalDefaultRank = levelRank(policy.externalDefault);
    this.domainCaps = policy.externalDomains;
    this.stamp = new Uint32Array(directory.size);
    // A grants-file entry whose owner is a user is that user's own grant: it reaches the index
    // through the store (imported into the users' grants), not as an administrators' grant.
    for (const grant of policy.grants) if (grant.owner.kind !== 'user') this.addAdminGrant(grant);
    const byOwner = new Map<string, Grant[]>();
    for (const grant of userGrants) {
      if (grant.owner.kind !== 'user') continue;
      const list = byOwner.get(grant.owner.id) ?? [];
      list.push(grant);
      byOwner.set(grant.owner.id, list);
    }
    for (const [owner, grants] of byOwner) this.replaceUserGrants(owner, grants);
  }

  /** Replaces a user's own grants (the user tier). */
  replaceUserGrants(ownerId: string, grants: readonly Grant[]): void {
    const compiled = grants.map((g) => this.compile(g)).sort(byStrength);
    if (compiled.length === 0) this.byOwnerUserTier.delete(ownerId);
    else this.byOwnerUserTier.set(ownerId, compiled);
  }

  /** Every grant whose owner scope covers this person, strongest first. */
  grantsConcerning(ownerIndex: number): CompiledGrant[] {
    const ownerId = this.directory.person(ownerIndex).id;
    const result: CompiledGrant[] = [...this.byAllOwners];
    for (const g of this.directory.groupsOf(ownerIndex)) result.push(...(this.byOwnerGroup.get(g) ?? []));
    result.push(...(this.byOwnerUserTier.get(ownerId) ?? []));
    return result.sort(byStrength);
  }

  /** A user's own grants (the user tier). */
  botGrantsOf(ownerId: string): readonly Grant[] {
    return (this.byOwnerUserTier.get(ownerId) ?? []).map((c) => c.grant);
  }

  /** Effective level of `viewer` toward the data of the person at `ownerIndex`. */
  effective(ownerIndex: number, viewer: Viewer): Effective {
    const reasons: Reason[] = [];
    for (const compiled of this.grantsConcerning(ownerIndex)) {
      if (this.matches(compiled, viewer)) {
        reasons.push({ kind: 'grant', tier: compiled.tier, level: compiled.grant.level, grant: compiled.grant });
      }
    }
    if (viewer.kind === 'person') {
      reasons.push({ kind: 'global', level: this.policy.global });
    } else {
      reasons.push({ kind: 'externalDefault', level: this.policy.externalDefault });
    }
    reasons.sort((a, b) => levelRank(b.level) - levelRank(a.level) || reasonOrder(a) - reasonOrder(b));
    const uncapped = (reasons[0] as Reason).level;
    if (viewer.kind === 'external') {
      const cap = this.capOf(viewer.address);
      if (cap && levelRank(cap.level) < levelRank(uncapped)) {
        return { level: cap.level, reasons, cap: { ...cap, uncapped } };
      }
    }
    return { level: uncapped, reasons };
  }

  /**
   * The strongest reason each colleague has toward the owner: the strongest grant that matches
   * them, or the global level where no grant gives more. One pass over the owner's grants for all.
   */
  strongestReasons(ownerIndex: number, people: readonly number[]): Reason[] {
    const grants = this.grantsConcerning(ownerIndex).filter((g) => g.viewer.kind !== 'external' && g.rank > this.globalRank);
    const global: Reason = { kind: 'global', level: this.policy.global };
    return people.map((index) => {
      const first = grants.find((g) => this.matches(g, { kind: 'person', index }));
      return first ? { kind: 'grant', tier: first.tier, level: first.grant.level, grant: first.grant } : global;
    });
  }

  /** The cap of an external address's federated domain, if the grants file sets one. */
  capOf(address: string): { domain: string; level: Level } | undefined {
    const domain = domainOf(address);
    const level = this.domainCaps.get(domain);
    return level === undefined ? undefined : { domain, level };
  }

  get domainCapList(): ReadonlyMap<string, Level> {
    return this.domainCaps;
  }

  /**
   * Visits the colleagues who reach `minRank` toward the owner through a grant (not the global
   * level), each once, under the strongest grant that gets them there. Grants are visited
   * strongest first; within a grant, people in alphabetical order. Returns `everyone` when a
   * grant to `all` reaches the level.
   */
  collectColleagues(
    ownerIndex: number,
    minRank: number,
    visit: (personIndex: number, grant: CompiledGrant) => void,
  ): { everyone: CompiledGrant[] } {
    const grants = this.grantsConcerning(ownerIndex).filter((g) => g.rank >= minRank && g.viewer.kind !== 'external');
    const everyone = grants.filter((g) => g.viewer.kind === 'all');
    if (everyone.length > 0) return { everyone };
    const gen = this.nextGeneration();
    const stamp = this.stamp;
    stamp[ownerIndex] = gen;
    for (const compiled of grants) {
      const viewer = compiled.viewer;
      if (viewer.kind === 'person') {
        if (viewer.index >= 0 && stamp[viewer.index] !== gen) {
          stamp[viewer.index] = gen;
          visit(viewer.index, compiled);
        }
      } else if (viewer.kind === 'groups') {
        for (const g of viewer.groups) {
          const members = this.directory.membersOf(g);
          for (let i = 0; i < members.length; i++) {
            const p = members[i] as number;
            if (stamp[p] !== gen) {
              stamp[p] = gen;
              visit(p, compiled);
            }
          }
        }
      }
    }
    return { everyone: [] };
  }

  /**
   * The owner's external contacts: those named in a grant that concerns the owner's data, with the
   * name a grant gives them. Other users' contacts stay private to them.
   */
  externalContactsOf(ownerIndex: number): ExternalContact[] {
    const contacts = new Map<string, ExternalContact>();
    for (const compiled of this.grantsConcerning(ownerIndex)) {
      if (compiled.viewer.kind !== 'external') continue;
      const known = contacts.get(compiled.viewer.address);
      if (!known || (!known.name && compiled.grant.name)) {
        const contact: ExternalContact = { address: compiled.viewer.address };
        if (compiled.grant.name) contact.name = compiled.grant.name;
        contacts.set(contact.address, contact);
      }
    }
    return [...contacts.values()].sort((a, b) => a.address.localeCompare(b.address));
  }

  /** The owner's external contacts with their effective level. */
  namedExternals(ownerIndex: number): { contact: ExternalContact; effective: Effective }[] {
    return this.externalContactsOf(ownerIndex).map((contact) => ({
      contact,
      effective: this.effective(ownerIndex, { kind: 'external', address: contact.address }),
    }));
  }

  private nextGeneration(): number {
    this.generation = this.generation >= 0xfffffffe ? 1 : this.generation + 1;
    if (this.generation === 1) this.stamp.fill(0);
    return this.generation;
  }

  private matches(compiled: CompiledGrant, viewer: Viewer): boolean {
    const scope = compiled.viewer;
    if (viewer.kind === 'external') return scope.kind === 'external' && scope.address === viewer.address;
    switch (scope.kind) {
      case 'all':
        return true;
      case 'groups':
        return scope.groups.some((g) => this.directory.isMember(viewer.index, g));
      case 'person':
        return scope.index === viewer.index;
      case 'external':
        return false;
    }
  }

  private addAdminGrant(grant: Grant): void {
    const compiled = this.compile(grant);
    const owner = grant.owner;
    switch (owner.kind) {
      case 'all':
        this.byAllOwners.push(compiled);
        break;
      case 'group':
        for (const g of this.directory.groupIndexesNamed(owner.name)) push(this.byOwnerGroup, g, compiled);
        break;
      case 'user':
        break;
    }
  }

  private compile(grant: Grant): CompiledGrant {
    return { grant, tier: tierOf(grant), rank: levelRank(grant.level), viewer: this.compileViewer(grant.viewer) };
  }

  private compileViewer(viewer: Grant['viewer']): CompiledGrant['viewer'] {
    switch (viewer.kind) {
      case 'all':
        return { kind: 'all' };
      case 'group':
        return { kind: 'groups', groups: this.directory.groupIndexesNamed(viewer.name) };
      case 'user':
        return { kind: 'person', index: this.directory.indexOf(viewer.id) ?? -1 };
      case 'external':
        return { kind: 'external', address: viewer.address };
    }
  }
}

export type { CompiledGrant };

function push<K>(map: Map<K, CompiledGrant[]>, key: K, value: CompiledGrant): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function reasonOrder(reason: Reason): number {
  switch (reason.kind) {
    case 'global':
      return 0;
    case 'externalDefault':
      return 0;
    case 'grant':
      return TIER_ORDER[reason.tier];
  }
}

