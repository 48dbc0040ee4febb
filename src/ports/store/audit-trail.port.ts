import type { AuditEntry, NewAuditEntry } from '../../domain/audit/audit-entry';

export interface AuditQuery {
  /** Only entries whose target starts with this text (exactly, case and all). */
  targetPrefix?: string;
  limit?: number;
}

/**
 * The append-only, hash-chained audit trail that every change of grants and cases writes to, in
 * the same transaction as the change. Read here; appended only by the stores that make changes.
 */
export interface AuditTrail {
  /** Entries in order (by sequence number). */
  entries(query?: AuditQuery): Promise<AuditEntry[]>;
  /**
   * Records something done outside privacy-desk's own stores — a purge in a personal-data source —
   * after it was done: counts and ids, never the records' contents.
   */
  append(entry: NewAuditEntry): Promise<void>;
}
