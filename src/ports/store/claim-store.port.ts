/** How long an unconfirmed claim holds: far longer than any send takes, short enough not to lose one. */
export const CLAIM_LEASE_MS = 10 * 60_000;

/** How often a running instance says it is alive ({@link ClaimStore.beat}). */
export const HEARTBEAT_MS = 15_000;

/**
 * After how long without a heartbeat an instance counts as gone, and its unconfirmed claims may be
 * taken over before their lease runs out. Four heartbeats: a busy instance is not mistaken for a
 * dead one, and every send it makes ends (by the connector's timeout, at most 30 s) long before.
 */
export const INSTANCE_GONE_MS = 4 * HEARTBEAT_MS;

/** What is claimed: something to send about `subject` (a case's id, a channel…), of a kind (`mark`), once per `round`. */
export interface ClaimKey {
  subject: string;
  mark: string;
  round: string;
}

/**
 * "Send at most once", across restarts and instances: a claim per subject, mark and round, held in
 * the name of one running instance, confirmed once sent or released when the send reached nobody.
 */
export interface ClaimStore {
  /**
   * Claims the key for the instance `holder`; true for the first claim only. Claiming also counts
   * as the holder's heartbeat. A claim neither confirmed nor released may be claimed again once its
   * holder is gone — retired, or without a heartbeat for {@link INSTANCE_GONE_MS} (it crashed while
   * sending) — and in any case after {@link CLAIM_LEASE_MS}.
   */
  claim(key: ClaimKey, at: Date, holder: string): Promise<boolean>;
  /** Marks the claim `holder` made at `claimedAt` as sent: never claimed again. False when it is no longer held (taken over). */
  confirm(key: ClaimKey, claimedAt: Date, sentAt: Date, holder: string): Promise<boolean>;
  /** Gives up the claim `holder` made at `claimedAt` (and only that one: a claim taken over stays). */
  release(key: ClaimKey, claimedAt: Date, holder: string): Promise<void>;
  /** Whether the key's claim was confirmed as sent (by whichever instance). */
  sent(key: ClaimKey): Promise<boolean>;
  /** Records that the instance is alive at `at` (see {@link INSTANCE_GONE_MS}). */
  beat(instance: string, at: Date): Promise<void>;
  /** The instance stops: its unconfirmed claims may be taken over at once. */
  retire(instance: string): Promise<void>;
  /** How many claims other instances hold unconfirmed (being sent now, or left by one that crashed). */
  heldElsewhere(instance: string): Promise<number>;
}
