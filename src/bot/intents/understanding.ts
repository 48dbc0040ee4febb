import type { ParsedMessage } from './intent';
import { type ParseOptions, parse } from './parser';

/** One labelled message: what a person typed, and what they meant. */
export interface LabelledMessage {
  text: string;
  lang: 'en' | 'de';
  expect: Partial<ParsedMessage> & { intent: ParsedMessage['intent'] };
}

/**
 * The slots that decide what the bot answers; the extras a form is filled with (contact details,
 * how a request came, a correct value) are compared by the corpus tests, not here.
 */
const DECIDING_SLOTS = ['field', 'item', 'person', 'relation', 'level', 'requestType', 'subject', 'caseNumber'] as const;

const same = (slot: (typeof DECIDING_SLOTS)[number], a: unknown, b: unknown): boolean =>
  slot === 'person' || slot === 'subject' ? String(a ?? '').toLowerCase() === String(b ?? '').toLowerCase() : a === b;

/** Whether the parser understood a message as meant: the intent and every deciding slot. */
export function understood(message: LabelledMessage, parsed: ParsedMessage = parse(message.text)): boolean {
  return parsed.intent === message.expect.intent && DECIDING_SLOTS.every((slot) => same(slot, parsed[slot], message.expect[slot]));
}

export interface Accuracy {
  messages: number;
  understood: number;
  rate: number;
  byIntent: Record<string, { messages: number; understood: number }>;
  byLanguage: Record<string, { messages: number; understood: number }>;
}

/** How many messages of a set the parser understood as meant, overall, per intent and per language. */
export function accuracyOf(messages: readonly LabelledMessage[], options: ParseOptions = {}): Accuracy {
  const byIntent: Accuracy['byIntent'] = {};
  const byLanguage: Accuracy['byLanguage'] = {};
  let count = 0;
  for (const message of messages) {
    const ok = understood(message, parse(message.text, options));
    if (ok) count++;
    for (const [table, key] of [[byIntent, message.expect.intent], [byLanguage, message.lang]] as const) {
      const entry = (table[key] ??= { messages: 0, understood: 0 });
      entry.messages++;
      if (ok) entry.understood++;
    }
  }
  return { messages: messages.length, understood: count, rate: messages.length === 0 ? 0 : count / messages.length, byIntent, byLanguage };
}
