import type { Subject } from './subject';

/** A person whose records are kept whatever their age (litigation, an authority's order), matched as a search matches. */
export interface LegalHold {
  id: string;
  reason?: string;
  /** The last day the hold applies (`YYYY-MM-DD`, organisation's time zone); none: until it is lifted. */
  until?: string;
  subject: Subject;
}

/** The holds in force on `today` (`YYYY-MM-DD`): those without an end, and those ending today or later. */
export const holdsInForce = (holds: readonly LegalHold[], today: string): LegalHold[] => holds.filter((h) => h.until === undefined || h.until >= today);
