import { z } from 'zod';
import { FIELD_IDS } from '../../domain/matrix/fields';
import { LEVELS } from '../../domain/levels';
import { parseViewerScope } from '../../domain/grants/scope';
import { INTENTS, REQUEST_TYPES } from '../intents/intent';

/** The most own grants one Undo button puts back (a card's data stays small). */
export const MAX_RESTORE = 200;

const restoredGrantSchema = z.object({
  viewer: z.string().min(1).max(330).refine((v) => parseViewerScope(v).ok, 'not a grant scope'),
  level: z.enum(LEVELS),
  name: z.string().min(1).max(200).optional(),
});

/**
 * What a card button sends back (`activity.value`). Validated on every use: the data only says
 * which question to ask again; the answer is always computed afresh for whoever clicked.
 */
export const cardActionSchema = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('ask'), text: z.string().min(1).max(500), for: z.string().min(1).max(320).optional() }),
  z.object({
    verb: z.literal('run'),
    intent: z.enum(INTENTS),
    field: z.enum(FIELD_IDS).optional(),
    /** A catalogue item that is no matrix row (`F.14`). */
    item: z.string().regex(/^[FHTCL](\.\d+)+$/).max(16).optional(),
    person: z.string().min(1).max(320).optional(),
    level: z.union([z.enum(LEVELS), z.literal('remove')]).optional(),
    page: z.number().int().min(0).max(100_000).optional(),
    confirmed: z.literal(true).optional(),
    /** The asker said no to a question the bot asked before changing anything. */
    cancelled: z.literal(true).optional(),
    /** Own grants to put back (the undo of removing them all), each as its scope (`user:…`, `group:…`, `external:…`). */
    restore: z.array(restoredGrantSchema).min(1).max(MAX_RESTORE).optional(),
    /** A request about the asker, confirmed on the card that asked (an erasure). */
    requestType: z.enum(REQUEST_TYPES).optional(),
    subject: z.literal('me').optional(),
    /** Replay after a restore: the backup's day. */
    since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    /** Keys the confirmed request, so that a second press files nothing new. */
    token: z.string().uuid().optional(),
    /** The asker's message the confirmation answers: kept with the case, in their words. */
    words: z.string().min(1).max(500).optional(),
    for: z.string().min(1).max(320).optional(),
  }),
]);

export type CardAction = z.infer<typeof cardActionSchema>;

/**
 * Marks every button of a card as belonging to the person it answers, so that somebody else who
 * clicks it in a shared conversation is not served (or changed) as if they were that person.
 */
export function stampOwner(card: Record<string, unknown>, ownerId: string): Record<string, unknown> {
  // Copies only what changes (the buttons and what contains them); everything else is shared with
  // the card given, which is never changed.
  const visit = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const inner = visit(value[i]);
        if (inner !== value[i]) (copy ??= value.slice())[i] = inner;
      }
      return copy ?? value;
    }
    const object = value as Record<string, unknown>;
    let copy: Record<string, unknown> | undefined;
    for (const key in object) {
      const inner = visit(object[key]);
      if (inner !== object[key]) (copy ??= { ...object })[key] = inner;
    }
    const result = copy ?? object;
    const data = result.data as Record<string, unknown> | undefined;
    if (typeof result.type === 'string' && result.type.startsWith('Action.') && data?.verb === 'run') return { ...result, data: { ...data, for: ownerId } };
    return result;
  };
  return visit(card) as Record<string, unknown>;
}
export type RunAction = Extract<CardAction, { verb: 'run' }>;
