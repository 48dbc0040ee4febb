import type { Level } from '../../domain/levels';
import type { FieldId } from '../../domain/matrix/fields';
import { fieldFrom, itemFrom } from './field-rules';
import type { RequestType } from './intent';
import type { Concept } from './lexicon';
import { LEVEL_CONCEPTS, REQUEST_CONCEPTS } from './concepts';
import { tokenise } from './tokenise';

/** What a message names, whatever it asks: the pieces a "did you mean" answer is built from. */
export interface Recognised {
  fields: FieldId[];
  items: string[];
  levels: Level[];
  requestTypes: RequestType[];
  /** Words that may be a person's name (the caller checks them against the directory). */
  names: string[];
  grants: boolean;
  requests: boolean;
}

/** Reads the words a message did not make sense of as a whole. Pure. */
export function recognise(text: string): Recognised {
  const tokens = tokenise(text);
  const all = (concept: Concept): boolean => tokens.some((t) => t.concepts.has(concept));
  const fields = new Set<FieldId>();
  const items = new Set<string>();
  const whole = fieldFrom(all);
  if (whole) fields.add(whole);
  for (const token of tokens) {
    const field = fieldFrom((c) => token.concepts.has(c));
    if (field) fields.add(field);
    const item = itemFrom((c) => token.concepts.has(c));
    if (item) items.add(item);
  }
  const levels = LEVEL_CONCEPTS.filter(([concept]) => all(concept)).map(([, level]) => level);
  const requestTypes = [...new Set(REQUEST_CONCEPTS.filter(([concept]) => all(concept)).map(([, type]) => type))];
  const names = tokens.filter((t) => (t.concepts.size === 0 || t.isAddress) && t.word.length >= 3 && !/^\d+$/.test(t.word)).map((t) => t.raw);
  return { fields: [...fields], items: [...items], levels, requestTypes, names, grants: all('GRANTS'), requests: all('REQUEST') || all('WITHDRAW') };
}
