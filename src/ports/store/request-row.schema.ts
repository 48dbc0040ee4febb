import { z } from 'zod';
import { IDENTITY_METHODS, RECEIPT_CHANNELS, REQUEST_ACTIONS, REQUEST_STATUSES, REQUEST_TYPES, type PrivacyRequest } from '../../domain/requests/request';

const text = z.string().max(2000);
const criteria = z
  .object({ lastName: text, firstName: text, street: text, postcodeCity: text, phone: text, email: text })
  .partial()
  .strict();

const event = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.enum(REQUEST_ACTIONS),
  from: z.enum(REQUEST_STATUSES).optional(),
  to: z.enum(REQUEST_STATUSES).optional(),
  reason: z.string().optional(),
  detail: z.string().optional(),
});

/** A case as stored (the `data` column): checked on every read, so a bad row fails loudly. */
export const privacyRequestSchema: z.ZodType<PrivacyRequest> = z.object({
  id: z.string().min(1),
  number: z.string().regex(/^DSR-\d{4}-\d{4,}$/),
  type: z.enum(REQUEST_TYPES),
  subject: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('employee'), id: z.string().min(1), name: z.string() }),
    z.object({ kind: z.literal('outside'), criteria }),
  ]),
  requester: z.string().min(1),
  channel: z.enum(RECEIPT_CHANNELS),
  receivedAt: z.string(),
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  status: z.enum(REQUEST_STATUSES),
  assignee: z.string().optional(),
  rectification: z.object({ item: z.string(), newValue: z.string().optional() }).optional(),
  note: z.string().optional(),
  identity: z.object({ method: z.enum(IDENTITY_METHODS), by: z.string(), at: z.string(), note: z.string().optional() }).optional(),
  extension: z.object({ months: z.union([z.literal(1), z.literal(2)]), reason: z.string(), by: z.string(), at: z.string() }).optional(),
  pausedDays: z.number().int().min(0),
  pausedSince: z.string().optional(),
  decision: z.object({ by: z.string(), at: z.string(), status: z.enum(REQUEST_STATUSES), reason: z.string().optional() }).optional(),
  linked: z.array(z.string()),
  mergedInto: z.string().optional(),
  execution: z.object({ includeNameOnly: z.array(z.string()), pseudonymise: z.boolean().optional(), objectionBecomes: z.enum(['restriction', 'erasure']).optional() }).optional(),
  version: z.number().int().min(1),
  history: z.array(event),
}) as z.ZodType<PrivacyRequest>;
