import { CLAIM_LEASE_MS, type ClaimKey, type ClaimStore, HEARTBEAT_MS, INSTANCE_GONE_MS } from '../../src/ports/store/claim-store.port';

/** Instances (processes) sharing the store. */
const [A, B, C] = ['instance-a', 'instance-b', 'instance-c'];
/** Two cases, and the due date their reminders are for. */
const [CASE, OTHER, DUE] = ['case-a', 'case-b', '2026-04-01'];
const key = (subject: string, mark: string, round: string): ClaimKey => ({ subject, mark, round });

/**
 * The behaviour every ClaimStore adapter must have ("send at most once", across restarts and
 * instances). `open` gives a fresh, empty store and how to let it go.
 */
export function claimStoreContract(name: string, open: () => Promise<{ claims: ClaimStore; close(): Promise<void> }>): void {
  describe(`ClaimStore contract: ${name}`, () => {
    let claims: ClaimStore;
    let close: () => Promise<void>;

    beforeEach(async () => {
      ({ claims, close } = await open());
    });
    afterEach(async () => {
      await close();
    });

    it('claims a reminder once per case and due date; a released one can be claimed again', async () => {
      const at = new Date('2026-03-25T07:00:00.000Z');
      await expect(claims.claim(key(CASE, 'dueIn7Days', DUE), at, A)).resolves.toBe(true);
      await expect(claims.claim(key(CASE, 'dueIn7Days', DUE), at, A)).resolves.toBe(false);
      // Another reminder, the same one for a later (extended) due date, or for another case, is a different claim.
      await expect(claims.claim(key(CASE, 'dueIn1Day', DUE), at, A)).resolves.toBe(true);
      await expect(claims.claim(key(CASE, 'dueToday', DUE), at, A)).resolves.toBe(true);
      await expect(claims.claim(key(CASE, 'dueIn7Days', '2026-05-02'), at, A)).resolves.toBe(true);
      await expect(claims.claim(key(OTHER, 'dueIn7Days', DUE), at, A)).resolves.toBe(true);
      await claims.release(key(CASE, 'dueIn7Days', DUE), at, A);
      // Releasing one claim leaves the others standing.
      await expect(claims.claim(key(CASE, 'dueIn7Days', '2026-05-02'), at, A)).resolves.toBe(false);
      await expect(claims.claim(key(OTHER, 'dueIn7Days', DUE), at, A)).resolves.toBe(false);
      await expect(claims.claim(key(CASE, 'dueIn7Days', DUE), at, A)).resolves.toBe(true);
      await expect(claims.claim(key(CASE, 'dueIn7Days', DUE), at, A)).resolves.toBe(false);
    });

    it('claims the announcement of a case once per decision round', async () => {
      const at = new Date('2026-03-02T09:00:01.000Z');
      await expect(claims.claim(key(CASE, 'announced', 'round-1'), at, A)).resolves.toBe(true);
      await expect(claims.claim(key(CASE, 'announced', 'round-1'), at, A)).resolves.toBe(false);
      await expect(claims.claim(key(CASE, 'announced', 'round-2'), at, A)).resolves.toBe(true);
      await claims.release(key(CASE, 'announced', 'round-2'), at, A);
      await expect(claims.claim(key(CASE, 'announced', 'round-2'), at, A)).resolves.toBe(true);
    });

    it('lets a claim that was neither confirmed nor released be taken over once its lease has run out', async () => {
      const at = new Date('2026-03-25T07:00:00.000Z');
      const later = (ms: number): Date => new Date(at.getTime() + ms);
      await expect(claims.claim(key(CASE, 'dueIn7Days', DUE), at, A)).resolves.toBe(true);
      // The claimer is still sending (and says so): nobody else may, however often it asks.
      for (let ms = HEARTBEAT_MS; ms < CLAIM_LEASE_MS; ms += HEARTBEAT_MS) {
        await claims.beat(A, later(ms));
        await expect(claims.claim(key(CASE, 'dueIn7Days', DUE), later(ms), B)).resolves.toBe(false);
      }
      // Stuck for the whole lease: the next round takes the claim over, once.
      await expect(claims.claim(key(CASE, 'dueIn7Days', DUE), later(CLAIM_LEASE_MS), B)).resolves.toBe(true);
      await expect(claims.claim(key(CASE, 'dueIn7Days', DUE), later(CLAIM_LEASE_MS + 1000), B)).resolves.toBe(false);
      await expect(claims.claim(key(CASE, 'dueIn7Days', DUE), later(CLAIM_LEASE_MS + 1000), A)).resolves.toBe(false);
      // The first claimer, slow but alive, can neither release nor confirm the claim it lost …
      await claims.release(key(CASE, 'dueIn7Days', DUE), at, A);
      await expect(claims.confirm(key(CASE, 'dueIn7Days', DUE), at, later(CLAIM_LEASE_MS + 1500), A)).resolves.toBe(false);
      await expect(claims.claim(key(CASE, 'dueIn7Days', DUE), later(CLAIM_LEASE_MS + 1600), A)).resolves.toBe(false);
      // … nor can anybody but its holder release or confirm the claim taken over …
      await claims.release(key(CASE, 'dueIn7Days', DUE), later(CLAIM_LEASE_MS), A);
      await expect(claims.confirm(key(CASE, 'dueIn7Days', DUE), later(CLAIM_LEASE_MS), later(CLAIM_LEASE_MS + 1700), A)).resolves.toBe(false);
      // … who confirms it: sent, and never again, however late.
      await expect(claims.confirm(key(CASE, 'dueIn7Days', DUE), later(CLAIM_LEASE_MS), later(CLAIM_LEASE_MS + 2000), B)).resolves.toBe(true);
      await claims.release(key(CASE, 'dueIn7Days', DUE), later(CLAIM_LEASE_MS), B);
      await expect(claims.claim(key(CASE, 'dueIn7Days', DUE), later(100 * CLAIM_LEASE_MS), A)).resolves.toBe(false);
      await expect(claims.claim(key(CASE, 'dueIn1Day', DUE), later(100 * CLAIM_LEASE_MS), A)).resolves.toBe(true);
    });

    it('lets the claim of an instance that stopped beating be taken over after INSTANCE_GONE_MS, long before its lease', async () => {
      const at = new Date('2026-03-25T07:00:00.000Z');
      const later = (ms: number): Date => new Date(at.getTime() + ms);
      await expect(claims.claim(key(CASE, 'announced', 'round-1'), at, A)).resolves.toBe(true);
      // Silent, but not yet for long enough: it may still be sending.
      await expect(claims.claim(key(CASE, 'announced', 'round-1'), later(INSTANCE_GONE_MS - 1), B)).resolves.toBe(false);
      await claims.beat(A, later(HEARTBEAT_MS));
      await expect(claims.claim(key(CASE, 'announced', 'round-1'), later(INSTANCE_GONE_MS + 1), B)).resolves.toBe(false);
      // A heartbeat that arrives late (out of order) does not set its clock back.
      await claims.beat(A, at);
      await expect(claims.claim(key(CASE, 'announced', 'round-1'), later(HEARTBEAT_MS + INSTANCE_GONE_MS - 1), B)).resolves.toBe(false);
      // It crashed: no heartbeat for INSTANCE_GONE_MS. Another instance takes over, once.
      await expect(claims.claim(key(CASE, 'announced', 'round-1'), later(HEARTBEAT_MS + INSTANCE_GONE_MS), B)).resolves.toBe(true);
      await expect(claims.claim(key(CASE, 'announced', 'round-1'), later(HEARTBEAT_MS + INSTANCE_GONE_MS), C)).resolves.toBe(false);
      // The one that took it over is alive (claiming counts as a heartbeat): nobody takes it from it.
      await expect(claims.claim(key(CASE, 'announced', 'round-1'), later(HEARTBEAT_MS + INSTANCE_GONE_MS + INSTANCE_GONE_MS - 1), C)).resolves.toBe(false);
      await expect(claims.confirm(key(CASE, 'announced', 'round-1'), at, later(2 * INSTANCE_GONE_MS), A)).resolves.toBe(false);
      await expect(claims.confirm(key(CASE, 'announced', 'round-1'), later(HEARTBEAT_MS + INSTANCE_GONE_MS), later(2 * INSTANCE_GONE_MS), B)).resolves.toBe(true);
      await expect(claims.claim(key(CASE, 'announced', 'round-1'), later(100 * CLAIM_LEASE_MS), C)).resolves.toBe(false);
    });

    it('lets the claims of a retired instance be taken over at once, and never a sent one', async () => {
      const at = new Date('2026-03-25T07:00:00.000Z');
      await expect(claims.claim(key(CASE, 'dueIn7Days', DUE), at, A)).resolves.toBe(true);
      await expect(claims.claim(key(CASE, 'dueIn1Day', DUE), at, A)).resolves.toBe(true);
      await expect(claims.confirm(key(CASE, 'dueIn1Day', DUE), at, at, A)).resolves.toBe(true);
      await claims.retire(A);
      await expect(claims.claim(key(CASE, 'dueIn7Days', DUE), at, B)).resolves.toBe(true);
      await expect(claims.claim(key(CASE, 'dueIn1Day', DUE), at, B)).resolves.toBe(false);
      // Retiring somebody unknown, or twice, changes nothing.
      await claims.retire(A);
      await claims.retire('nobody');
      await expect(claims.claim(key(CASE, 'dueIn7Days', DUE), at, C)).resolves.toBe(false);
    });

    it('marks a case overdue once per due date, like a reminder, and apart from the reminders', async () => {
      const at = new Date('2026-04-03T07:00:00.000Z');
      await expect(claims.claim(key(CASE, 'dueToday', DUE), at, A)).resolves.toBe(true);
      await expect(claims.claim(key(CASE, 'overdue', DUE), at, A)).resolves.toBe(true);
      await expect(claims.claim(key(CASE, 'overdue', DUE), at, A)).resolves.toBe(false);
      await claims.release(key(CASE, 'overdue', DUE), at, A);
      await expect(claims.claim(key(CASE, 'dueToday', DUE), at, A)).resolves.toBe(false);
      await expect(claims.claim(key(CASE, 'overdue', DUE), at, A)).resolves.toBe(true);
      await expect(claims.claim(key(CASE, 'overdue', '2026-05-04'), at, A)).resolves.toBe(true);
      // Releasing what was never claimed changes nothing.
      await claims.release(key(CASE, 'dueIn1Day', DUE), at, A);
      await expect(claims.claim(key(CASE, 'overdue', DUE), at, A)).resolves.toBe(false);
    });

    it('claims anything, not only cases: a weekly summary per channel and week', async () => {
      const at = new Date('2026-03-02T07:00:00.000Z');
      await expect(claims.claim(key('channel:19:admins', 'weeklySummary', '2026-W10'), at, A)).resolves.toBe(true);
      await expect(claims.claim(key('channel:19:admins', 'weeklySummary', '2026-W10'), at, B)).resolves.toBe(false);
      await expect(claims.confirm(key('channel:19:admins', 'weeklySummary', '2026-W10'), at, at, A)).resolves.toBe(true);
      await expect(claims.claim(key('channel:19:admins', 'weeklySummary', '2026-W11'), at, B)).resolves.toBe(true);
    });

    it('tells whether a claim was confirmed as sent, by whichever instance — not while it is only held', async () => {
      const at = new Date('2026-03-25T07:00:00.000Z');
      const task = key(CASE, 'task:erase:directory', 'sent-1');
      await expect(claims.sent(task)).resolves.toBe(false);
      await expect(claims.claim(task, at, A)).resolves.toBe(true);
      await expect(claims.sent(task)).resolves.toBe(false);
      await expect(claims.confirm(task, at, new Date(at.getTime() + 1000), A)).resolves.toBe(true);
      await expect(claims.sent(task)).resolves.toBe(true);
      // Another round, or the same mark of another case, is another claim.
      await expect(claims.sent(key(CASE, 'task:erase:directory', 'sent-2'))).resolves.toBe(false);
      await expect(claims.sent(key(OTHER, 'task:erase:directory', 'sent-1'))).resolves.toBe(false);
    });

    it('counts the claims other instances hold unconfirmed', async () => {
      const at = new Date('2026-03-02T07:00:00.000Z');
      await expect(claims.heldElsewhere(A)).resolves.toBe(0);
      await claims.claim(key(CASE, 'dueToday', DUE), at, A);
      await claims.claim(key(CASE, 'dueIn1Day', DUE), at, B);
      await claims.claim(key(OTHER, 'dueToday', DUE), at, B);
      await expect(claims.heldElsewhere(A)).resolves.toBe(2);
      await expect(claims.heldElsewhere(B)).resolves.toBe(1);
      await claims.confirm(key(CASE, 'dueIn1Day', DUE), at, at, B);
      await expect(claims.heldElsewhere(A)).resolves.toBe(1);
    });
  });
}
