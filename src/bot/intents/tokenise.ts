import { fold, isCloseTo } from '../../domain/shared/text';
import { type Concept, LEXICON, SHORT_TYPO_TARGETS, SWAP_TARGETS } from './lexicon';

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
  /** The concepts come from a word close to the typed one, not the word itself. */
  fuzzy: boolean;
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
    const found = isAddress ? { concepts: new Set<Concept>(), fuzzy: false } : lookup(word, raw);
    tokens.push({ raw, start, end: start + raw.length, word, ...found, isAddress });
  }
  return tokens;
}

const KEYS = [...LEXICON.keys()];

const sortedLetters = (word: string): string => [...word].sort().join('');

function lookup(word: string, raw: string): { concepts: Set<Concept>; fuzzy: boolean } {
  const exact = LEXICON.get(word);
  if (exact) return { concepts: new Set(exact), fuzzy: false };
  const short = SHORT_TYPO_TARGETS.get(word) ?? (word.length === 3 ? SWAP_TARGETS.find((t) => sortedLetters(t) === sortedLetters(word)) : undefined);
  if (short) return { concepts: new Set(LEXICON.get(short)), fuzzy: true };
  // A German compound of two known words ("Durchwahlnummer", "Präsenzstatus", "Handynummern"):
  // both parts' concepts, a linking "s" allowed ("Verfügbarkeitsstatus").
  const compound = compoundOf(word);
  if (compound) return { concepts: compound, fuzzy: false };
  // Capitalised short words are more likely names ("Fank", "Eve") than typing errors.
  const capitalised = raw[0] !== undefined && raw[0] !== raw[0].toLowerCase();
  if (word.length < 4 || (capitalised && word.length < 6) || /^\d+$/.test(word)) return { concepts: new Set(), fuzzy: false };
  const concepts = new Set<Concept>();
  for (const key of KEYS) {
    if (isCloseTo(word, key)) for (const concept of LEXICON.get(key) ?? []) concepts.add(concept);
  }
  return { concepts, fuzzy: concepts.size > 0 };
}

/** The concepts of a word made of two known words, or undefined. */
function compoundOf(word: string): Set<Concept> | undefined {
  if (word.length < 7) return undefined;
  for (let cut = word.length - 3; cut >= 3; cut--) {
    const right = LEXICON.get(word.slice(cut));
    if (!right) continue;
    const head = word.slice(0, cut);
    const left = LEXICON.get(head) ?? (head.endsWith('s') ? LEXICON.get(head.slice(0, -1)) : undefined);
    if (left) return new Set([...left, ...right]);
  }
  return undefined;
}
