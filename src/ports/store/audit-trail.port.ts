import type { AuditEntry } from '../../domain/audit/audit-entry';

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
}
