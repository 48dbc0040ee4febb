import type { PrivacyRequest } from '../../domain/requests/request';
import type { Reminder } from '../../domain/requests/deadlines';

/**
 * What is sent at most once per case and round: a deadline reminder or the overdue redraw (per due
 * date), or the decision card's announcement to the DPOs (per decision round, `round-N`).
 */
export type DeadlineMark = Reminder | 'overdue' | 'announced';

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
