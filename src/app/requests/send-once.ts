import type { Clock } from '../../ports/clock/clock.port';
import type { ClaimStore } from '../../ports/store/claim-store.port';

/** How a send claimed once went: sent now, already claimed (sent, or being sent elsewhere), or reached nobody. */
export type OnceOutcome = { kind: 'sent'; reached: number; late: boolean } | { kind: 'held' } | { kind: 'nobody' };

/**
 * Sends something at most once per case, mark and round, across restarts and instances: claims it
 * in the store for the instance `holder`, runs `send` (which says how many it reached), confirms the claim when somebody was
 * reached and releases it otherwise, so that the next round tries again. `late` says the claim had
 * been taken over while sending (its lease ran out). `send` may throw: that counts as reaching nobody.
 */
export async function sendOnce(
  claims: Pick<ClaimStore, 'claim' | 'confirm' | 'release'>,
  clock: Clock,
  claim: { subject: string; mark: string; round: string; holder: string },
  send: () => Promise<number>,
): Promise<OnceOutcome> {
  const claimedAt = clock.now();
  const key = { subject: claim.subject, mark: claim.mark, round: claim.round };
  if (!(await claims.claim(key, claimedAt, claim.holder))) return { kind: 'held' };
  let reached = 0;
  try {
    reached = await send();
  } finally {
    if (reached === 0) await claims.release(key, claimedAt, claim.holder);
  }
  if (reached === 0) return { kind: 'nobody' };
  const confirmed = await claims.confirm(key, claimedAt, clock.now(), claim.holder);
  return { kind: 'sent', reached, late: !confirmed };
}
