import type { Level, Tier } from '../levels';
import type { OwnerScope, ViewerScope } from './scope';

/**
 * Where a grant lives: the administrators' grants file (global and group tiers), or the users'
 * own grants (user tier) — set through the bot, or imported from a grants-file entry whose owner
 * is that user.
 */
export type GrantSource = 'file' | 'user';

/** One permission grant: `viewer` has `level` toward the data of `owner`. */
export interface Grant {
  owner: OwnerScope;
  viewer: ViewerScope;
  level: Level;
  source: GrantSource;
  /** Display name of an external viewer, as the grants file gives it. */
  name?: string;
}

/**
 * Tier of a grant (seed 4.3.2.7): a user's own grant is the user tier, `all`→`all` is the
 * global (system-wide) tier, anything else an administrator grants is the group tier.
 */
export function tierOf(grant: Pick<Grant, 'owner' | 'viewer'>): Tier {
  if (grant.owner.kind === 'user') return 'user';
  if (grant.owner.kind === 'all' && grant.viewer.kind === 'all') return 'global';
  return 'group';
}

/** The administrators' settings from the grants file (seed 4.3.2.7: global and group tiers). */
export interface AdminPolicy {
  /** Level every colleague has toward every colleague. */
  global: Level;
  /** Level of an external contact without a grant. */
  externalDefault: Level;
  /** Highest level any contact of a federated domain can reach, whatever a user grants. */
  externalDomains: ReadonlyMap<string, Level>;
  /** Every grant of the file, with `source: 'file'`. */
  grants: readonly Grant[];
}
