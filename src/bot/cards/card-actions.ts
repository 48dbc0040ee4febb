import { z } from 'zod';
import { FIELD_IDS } from '../../domain/matrix/fields';
import { LEVELS } from '../../domain/levels';
import { INTENTS } from '../intents/intent';

/**
 * What a card button sends back (`activity.value`). Validated on every use: the data only says
 * which question to ask again; the answer is always computed afresh for whoever clicked.
 */
export const cardActionSchema = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('ask'), text: z.string().min(1).max(500) }),
  z.object({
    verb: z.literal('run'),
    intent: z.enum(INTENTS),
    field: z.enum(FIELD_IDS).optional(),
    person: z.string().min(1).max(320).optional(),
    level: z.union([z.enum(LEVELS), z.literal('remove')]).optional(),
    page: z.number().int().min(0).max(100_000).optional(),
  }),
]);

export type CardAction = z.infer<typeof cardActionSchema>;
export type RunAction = Extract<CardAction, { verb: 'run' }>;
