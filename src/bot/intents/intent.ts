import type { Level } from '../../domain/levels';
import type { FieldId } from '../../domain/matrix/fields';

/** Everything the bot understands, as a `const` union (slots hold the ids of docs/glossary.md). */
export const INTENTS = [
  'whoCanSee',
  'whatCanSee',
  'whatCanISee',
  'whyCanSee',
  'setLevel',
  'removeGrant',
  'removeAllGrants',
  'listGrants',
  'help',
  'thanks',
  'explainLevel',
  'whoIsDpo',
  'startRequest',
  'requestStatus',
  'retentionSummary',
  'adminChannel',
  'processingRecord',
  'replay',
  'unknown',
] as const;
export type IntentName = (typeof INTENTS)[number];

import { type ReceiptChannel, REQUEST_TYPES, type RequestType } from '../../domain/requests/request';

export { type ReceiptChannel, REQUEST_TYPES, type RequestType };

/** "my manager", "mein Chef"; "my team": the people who report to me, or else my department. */
export const RELATIONS = ['manager', 'team'] as const;
export type Relation = (typeof RELATIONS)[number];

/** What the parser understood; absent slots are left out. */
export interface ParsedMessage {
  intent: IntentName;
  field?: FieldId;
  /** A catalogue item (seed 4.1.2) that is no matrix row, e.g. `F.14` (photo). */
  item?: string;
  /** The other person as written (name, partial name or mail). */
  person?: string;
  /** Instead of a person: somebody the directory relates to the asker (their manager, their team). */
  relation?: Relation;
  level?: Level;
  requestType?: RequestType;
  /** `me` for the asker, otherwise the name as written. */
  subject?: string;
  /** A case named by its number (`DSR-2026-0042`), as the bot writes it. */
  caseNumber?: string;
  /** Replay after a restore: the backup's day, `YYYY-MM-DD`. */
  since?: string;
  /** For a rectification: the correct value as written ("… to 0171 2222222"). */
  newValue?: string;
  /** What a request about somebody else says of them (mail, phone, street, postcode and city), to prefill the form. */
  contact?: { email?: string; phone?: string; street?: string; postcodeCity?: string };
  /** A request passed on for somebody outside (a customer, "Herr Meier", an address): never the asker's own. */
  relayed?: true;
  /** How a passed-on request came ("per Brief", "called"), to prefill the form. */
  via?: ReceiptChannel;
}
