/**
 * One entry of the append-only audit trail. Entries carry ids and levels, no more personal data
 * than needed to prove who did what when (Art. 5(2) accountability).
 */
export interface AuditEntry {
  seq: number;
  /** ISO 8601, UTC. */
  at: string;
  /** Who acted: a user id (mail/UPN), `grants-file`, `system`. */
  actor: string;
  /** What happened, e.g. `grant.set`, `grant.file.added`. */
  action: string;
  /** What it happened to, e.g. `user:alice@example.com→user:bob@example.com`. */
  target: string;
  details: Readonly<Record<string, string | number | boolean | null>>;
  /** Hash of the previous entry ('' for the first); chains entries so edits are detectable. */
  prevHash: string;
  hash: string;
}

export type NewAuditEntry = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>;
