import { fold, isCloseTo } from '../../domain/shared/text';
import { type Concept, LEXICON, SHORT_TYPO_TARGETS } from './lexicon';

/** A word of a message with what the lexicon made of it. */
export interface Token {
  /** As typed. */
  raw: string;
  /** Offsets in the message, for cutting names out verbatim. */
  start: number;
  end: number;
  /** Folded, possessive `'s` removed. */
  word: string;
  concepts: ReadonlySet<Concept>;
  isAddress: boolean;
}

const TOKEN = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const POSSESSIVE = /['’]s$/;

/** Splits a message into tokens and looks each one up, tolerating typing errors. */
export function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const raw = match[0];
    const start = match.index ?? 0;
    const isAddress = raw.includes('@');
    const word = fold(raw).replace(POSSESSIVE, '');
    tokens.push({
      raw,
      start,
      end: start + raw.length,
      word,
      concepts: isAddress ? new Set() : lookup(word, raw),
      isAddress,
    });
  }
  return tokens;
}

const KEYS = [...LEXICON.keys()];

function lookup(word: string, raw: string): Set<Concept> {
  const exact = LEXICON.get(word);
  if (exact) return new Set(exact);
  const short = SHORT_TYPO_TARGETS.get(word);
  if (short) return new Set(LEXICON.get(short));
  // Capitalised short words are more likely names ("Fank", "Eve") than typing errors.
  const capitalised = raw[0] !== undefined && raw[0] !== raw[0].toLowerCase();
  if (word.length < 3 || (capitalised && word.length < 6) || /^\d+$/.test(word)) return new Set();
  const found = new Set<Concept>();
  for (const key of KEYS) {
    if (isCloseTo(word, key)) for (const concept of LEXICON.get(key) ?? []) found.add(concept);
  }
  return found;
}
