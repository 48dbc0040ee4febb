import type { AuditEntry } from '../../domain/audit/audit-entry';
import type { AdminPolicy, Grant } from '../../domain/grants/grant';
import type { Level } from '../../domain/levels';
import type { ViewerScope } from '../../domain/grants/scope';

/** What an import of the grants file changed; an unchanged file changes nothing. */
export interface ImportSummary {
  added: number;
  removed: number;
  changed: number;
  settingsChanged: boolean;
}

export interface UserGrantChange {
  /** The user whose data the grant is about (lower-case mail/UPN). */
  owner: string;
  viewer: ViewerScope;
  /** The new level; null removes the user's own grant. */
  level: Level | null;
  /** Display name of an external viewer, if known. */
  name?: string;
  /** Who made the change (normally the owner). */
  actor: string;
  at: Date;
}

/**
 * Persistent grants: the administrators' file (imported idempotently) and users' own grants,
 * with an append-only, hash-chained audit trail. SQLite by default, PostgreSQL for several
 * instances.
 */
export interface GrantStore {
  importAdminPolicy(policy: AdminPolicy, actor: string, at: Date): Promise<ImportSummary>;
  /** The last imported administrators' policy; undefined before the first import. */
  loadAdminPolicy(): Promise<AdminPolicy | undefined>;
  /** Every grant users gave through the bot. */
  listUserGrants(): Promise<Grant[]>;
  /** Sets or removes a user's own grant, audited; returns the level it had before. */
  setUserGrant(change: UserGrantChange): Promise<{ previous: Level | null }>;
  /**
   * Sets or removes several own grants in one transaction (all or none), each audited as
   * `setUserGrant` audits it; returns the level each had before, in order.
   */
  setUserGrants(changes: readonly UserGrantChange[]): Promise<{ previous: Level | null }[]>;
  /** Audit entries in order, optionally only those about one target prefix. */
  auditTrail(options?: { targetPrefix?: string; limit?: number }): Promise<AuditEntry[]>;
  close(): Promise<void>;
}
