import type { PrivacyRequest } from '../../domain/requests/request';
import type { Reminder } from '../../domain/requests/deadlines';

/** A reminder, or `overdue`: the day every card about a case was redrawn to show it overdue. */
/**
 * What is sent at most once per case and round: a deadline reminder or the overdue redraw (per due
 * date), or the decision card's announcement to the DPOs (per decision round, `round-N`).
 */
export type DeadlineMark = Reminder | 'overdue' | 'announced';

/** How long an unconfirmed claim holds: far longer than any send takes, short enough not to lose one. */
export const CLAIM_LEASE_MS = 10 * 60_000;

/** How often a running instance says it is alive ({@link RequestStore.beat}). */
export const HEARTBEAT_MS = 15_000;

/**
 * After how long without a heartbeat an instance counts as gone, and its unconfirmed claims may be
 * taken over before their lease runs out. Four heartbeats: a busy instance is not mistaken for a
 * dead one, and every send it makes ends (by the connector's timeout, at most 30 s) long before.
 */
export const INSTANCE_GONE_MS = 4 * HEARTBEAT_MS;

/** What the audit trail says about a change to a case: ids and states, no more personal data than needed. */
export interface CaseAudit {
  actor: string;
  action: string;
  details: Readonly<Record<string, string | number | boolean | null>>;
}

export interface RequestFilter {
  requester?: string;
  openOnly?: boolean;
}

/** Where a card about a case was posted, so it can be updated for everyone who has it. */
export interface CardMessage {
  requestId: string;
  audience: 'dpo' | 'channel' | 'requester';
  conversationId: string;
  activityId: string;
  /** The channel's own conversation reference, opaque to the store (JSON). */
  reference: string;
}

/**
 * Persistent privacy-request cases with optimistic versions and an audited history. Every
 * change writes its audit entry in the same transaction.
 */
export interface RequestStore {
  /**
   * Creates a case once per `sourceKey` (an incoming activity or form): the same key again
   * returns the case made the first time with `created: false`. `build` gets the id and the
   * readable number (counted per year of receipt).
   */
  createRequest(sourceKey: string, year: number, build: (ids: { id: string; number: string }) => PrivacyRequest, audit: CaseAudit): Promise<{ request: PrivacyRequest; created: boolean }>;
  getRequest(idOrNumber: string): Promise<PrivacyRequest | undefined>;
  /**
   * Saves a changed case (whose version is `expectedVersion + 1`) if the stored one still has
   * `expectedVersion`; false when somebody changed it first (then nothing is written).
   */
  saveRequest(request: PrivacyRequest, expectedVersion: number, audit: CaseAudit): Promise<boolean>;
  /** Cases in the order of their numbers (year, then sequence). */
  listRequests(filter?: RequestFilter): Promise<PrivacyRequest[]>;

  /** Records (or, for the same conversation and activity, replaces) where a card about a case was posted. */
  recordCardMessage(message: CardMessage): Promise<void>;
  /** The case's card messages in the order they were first recorded. */
  cardMessages(requestId: string): Promise<CardMessage[]>;

  /**
   * Claims a mark for a case and round (the due date for reminders, `round-N` for announcements)
   * for the instance `holder`; true for the first claim only, so that nothing is sent twice, across
   * restarts and instances. Claiming also counts as the holder's heartbeat. The claimer confirms it
   * once sent, or releases it when the send reached nobody. A claim neither confirmed nor released
   * may be claimed again once its holder is gone — retired, or without a heartbeat for
   * {@link INSTANCE_GONE_MS} (it crashed while sending) — and in any case after {@link CLAIM_LEASE_MS}.
   */
  claimReminder(requestId: string, reminder: DeadlineMark, round: string, at: Date, holder: string): Promise<boolean>;
  /**
   * Marks the claim `holder` made at `claimedAt` as sent: it is never claimed again. False when that
   * claim is no longer held (taken over): somebody else is sending.
   */
  confirmReminder(requestId: string, reminder: DeadlineMark, round: string, claimedAt: Date, sentAt: Date, holder: string): Promise<boolean>;
  /** Gives up the claim `holder` made at `claimedAt` (and only that one: a claim taken over stays). */
  releaseReminder(requestId: string, reminder: DeadlineMark, round: string, claimedAt: Date, holder: string): Promise<void>;
  /** Records that the instance is alive at `at` (see {@link INSTANCE_GONE_MS}). */
  beat(instance: string, at: Date): Promise<void>;
  /** The instance stops: its unconfirmed claims may be taken over at once. */
  retire(instance: string): Promise<void>;
  /** How many claims other instances hold unconfirmed (being sent now, or left by one that crashed). */
  claimsHeldElsewhere(instance: string): Promise<number>;
}

/** A conversation the bot may write to later (Teams conversation reference, opaque JSON). */
export interface StoredConversation {
  key: string;
  teamsUserId?: string;
  reference: string;
}

/** Conversation references captured on install or first message, for proactive messages. */
export interface ConversationStore {
  saveConversation(conversation: StoredConversation, at: Date): Promise<void>;
  conversation(key: string): Promise<StoredConversation | undefined>;
}
