import { createHash } from 'node:crypto';
import type { AuditEntry, NewAuditEntry } from '../../domain/audit/audit-entry';

/** Canonical text of an entry: fixed field order, details sorted by key. */
function canonical(seq: number, entry: NewAuditEntry): string {
  const details = Object.keys(entry.details)
    .sort()
    .map((key) => [key, entry.details[key]]);
  return JSON.stringify([seq, entry.at, entry.actor, entry.action, entry.target, details]);
}

/** Hash of an entry chained to its predecessor's hash (SHA-256, hex). */
export function chainHash(prevHash: string, seq: number, entry: NewAuditEntry): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical(seq, entry)).digest('hex');
}

export type ChainVerdict =
  | { ok: true; entries: number }
  | { ok: false; seq: number; problem: 'edited' | 'missing' | 'reordered' };

/**
 * Checks an audit trail end to end: every entry's hash must match its content and its
 * predecessor, and sequence numbers must be gapless — so an edited or deleted entry is found.
 */
export function verifyChain(entries: readonly AuditEntry[]): ChainVerdict {
  let prevHash = '';
  let expectedSeq = entries[0]?.seq ?? 1;
  if (expectedSeq !== 1) return { ok: false, seq: 1, problem: 'missing' };
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) return { ok: false, seq: expectedSeq, problem: entry.seq > expectedSeq ? 'missing' : 'reordered' };
    if (entry.prevHash !== prevHash) return { ok: false, seq: entry.seq, problem: 'missing' };
    if (chainHash(prevHash, entry.seq, entry) !== entry.hash) return { ok: false, seq: entry.seq, problem: 'edited' };
    prevHash = entry.hash;
    expectedSeq++;
  }
  return { ok: true, entries: entries.length };
}
