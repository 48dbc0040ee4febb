/** GDPR request types (docs/glossary.md): Art. 15, 16, 17, 18, 21. */
export const REQUEST_TYPES = ['access', 'rectification', 'erasure', 'restriction', 'objection'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/** The GDPR article of each request type. */
export const ARTICLE: Record<RequestType, number> = { access: 15, rectification: 16, erasure: 17, restriction: 18, objection: 21 };

/**
 * Where a case stands. `merged` closes a duplicate that the DPO folded into another case; it is
 * the only state the list does not name (a merged case is neither rejected nor done).
 */
export const REQUEST_STATUSES = [
  'received',
  'awaitingDecision',
  'approved',
  'rejected',
  'moreInfoNeeded',
  'inProgress',
  'completed',
  'withdrawn',
  'merged',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Nothing happens to a case in these states any more. */
export const CLOSED_STATUSES: ReadonlySet<RequestStatus> = new Set(['rejected', 'completed', 'withdrawn', 'merged']);
export const isOpen = (status: RequestStatus): boolean => !CLOSED_STATUSES.has(status);

/** How a request reached the company (the date of receipt starts the clock, Art. 12(3)). */
export const RECEIPT_CHANNELS = ['teams', 'letter', 'email', 'phone', 'inPerson'] as const;
export type ReceiptChannel = (typeof RECEIPT_CHANNELS)[number];

/**
 * How the DPO checked an outside subject's identity, proportionately (Art. 12(6), recital 64):
 * the method is recorded, never a copy of an ID document.
 */
export const IDENTITY_METHODS = ['knownContact', 'replyToKnownAddress', 'callback', 'inPerson', 'other'] as const;
export type IdentityMethod = (typeof IDENTITY_METHODS)[number];

/** The seed's search criteria for finding a person's data (name, address, phone, mail). */
export interface SubjectCriteria {
  lastName?: string;
  firstName?: string;
  street?: string;
  postcodeCity?: string;
  phone?: string;
  email?: string;
}
export const CRITERIA_KEYS = ['lastName', 'firstName', 'street', 'postcodeCity', 'phone', 'email'] as const satisfies readonly (keyof SubjectCriteria)[];

/** Whose data the request is about: an employee known to the directory, or an outside person. */
export type RequestSubject =
  | { kind: 'employee'; id: string; name: string }
  | { kind: 'outside'; criteria: SubjectCriteria };

/** For rectification (Art. 16): which item is wrong and what it should say. */
export interface Rectification {
  item: string;
  newValue?: string;
}

/** What a DPO (or requester) did to a case; the history is a list of these. */
export interface RequestEvent {
  at: string;
  actor: string;
  action: RequestAction;
  from?: RequestStatus;
  to?: RequestStatus;
  reason?: string;
  /** Extra, small facts: months of an extension, the other case of a link or merge, an assignee. */
  detail?: string;
}

export const REQUEST_ACTIONS = [
  'receive',
  'route',
  'approve',
  'reject',
  'askInfo',
  'provideInfo',
  'extend',
  'assign',
  'recordIdentity',
  'correctSubject',
  'link',
  'merge',
  'start',
  'complete',
  'withdraw',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/** How the DPO started carrying a case out: which name-only matches count, and the erasure's and objection's form. */
export interface ExecutionChoice {
  /** Sources whose records found by name or address only are the person's too (the DPO looked). */
  includeNameOnly: string[];
  /** Erasure: pseudonymise where a source can, instead of deleting. */
  pseudonymise?: boolean;
  /** Objection (Art. 21): what the DPO decided it becomes. */
  objectionBecomes?: 'restriction' | 'erasure';
}

/** A data-subject request case. Dates are ISO 8601 instants (UTC); `dueDate` is the local calendar date. */
export interface PrivacyRequest {
  id: string;
  /** Readable number, `DSR-2026-0042`. */
  number: string;
  type: RequestType;
  subject: RequestSubject;
  /** Who filed it in Teams (lower-case mail/UPN): the subject, or whoever relays it. */
  requester: string;
  channel: ReceiptChannel;
  receivedAt: string;
  /** Art. 12(3): the last day to answer, as `YYYY-MM-DD` in the organisation's time zone. */
  dueDate: string;
  status: RequestStatus;
  assignee?: string;
  rectification?: Rectification;
  /** Free text of the requester (what they want, in their words). */
  note?: string;
  identity?: { method: IdentityMethod; by: string; at: string; note?: string };
  extension?: { months: 1 | 2; reason: string; by: string; at: string };
  /** Days the clock stood still while waiting for information from the requester. */
  pausedDays: number;
  /** When the case went to `moreInfoNeeded` (the pause runs from here). */
  pausedSince?: string;
  decision?: { by: string; at: string; status: RequestStatus; reason?: string };
  linked: string[];
  mergedInto?: string;
  /** Set when the DPO starts carrying the case out. */
  execution?: ExecutionChoice;
  /** Bumped by every change; a card carries the version it was drawn from. */
  version: number;
  history: RequestEvent[];
}
