import type { Level } from '../../domain/levels';
import type { Concept } from './lexicon';
import { fieldFrom } from './field-rules';
import type { ParsedMessage, RequestType } from './intent';
import { type Token, tokenise } from './tokenise';

/**
 * Understands a message in English or German, typing errors tolerated. Pure: the same text
 * always gives the same result.
 */
export function parse(text: string): ParsedMessage {
  const tokens = tokenise(text);
  const message = new Message(text, tokens);
  if (tokens.length === 0) return { intent: text.includes('?') ? 'help' : 'unknown' };
  return (
    processingRecord(message) ??
    retentionSummary(message) ??
    requestStatus(message) ??
    startRequest(message) ??
    listGrants(message) ??
    help(message) ??
    whyCanSee(message) ??
    whatCanSee(message) ??
    setLevel(message) ??
    whoCanSee(message) ?? { intent: 'unknown' }
  );
}

class Message {
  constructor(
    readonly text: string,
    readonly tokens: Token[],
  ) {}

  has = (concept: Concept): boolean => this.tokens.some((t) => t.concepts.has(concept));

  indexOf(concept: Concept, from = 0): number {
    return this.tokens.findIndex((t, i) => i >= from && t.concepts.has(concept));
  }

  /** The first run of words the lexicon does not know (a name), from token `from` on. */
  nameAfter(from = 0): string | undefined {
    let start = -1;
    let end = -1;
    for (let i = Math.max(from, 0); i < this.tokens.length; i++) {
      const token = this.tokens[i] as Token;
      const isName = token.isAddress || token.concepts.size === 0;
      if (isName && start < 0) start = i;
      if (isName) end = i;
      if (!isName && start >= 0) break;
    }
    if (start < 0) return undefined;
    // "set group Sales to business", "Gruppe Sales sperren": the name is a group's.
    const group = this.tokens[start - 1]?.concepts.has('GROUP') === true;
    return (group ? 'group:' : '') + this.cut(start, end);
  }

  private cut(start: number, end: number): string {
    const first = this.tokens[start] as Token;
    const last = this.tokens[end] as Token;
    const next = this.tokens[end + 1];
    const name = this.text.slice(first.start, last.end);
    if (/['’]s$/.test(name)) return name.slice(0, -2);
    // German genitive before a level noun: "Bobs Stufe" → "Bob".
    if (next?.concepts.has('LEVEL') && start === end && /[^s]s$/.test(name) && name.length > 3) return name.slice(0, -1);
    return name;
  }
}

type Rule = (m: Message) => ParsedMessage | undefined;

const processingRecord: Rule = (m) =>
  m.has('RECORD_STRONG') || (m.has('RECORD') && m.has('PROCESSING')) || (m.has('ARTICLE') && m.has('THIRTY'))
    ? { intent: 'processingRecord' }
    : undefined;

const retentionSummary: Rule = (m) =>
  m.has('RETENTION') || (m.has('HOW') && m.has('LONG')) ? { intent: 'retentionSummary' } : undefined;

const requestStatus: Rule = (m) =>
  m.has('REQUEST') && (m.has('STATUS') || m.has('NEWS')) ? { intent: 'requestStatus' } : undefined;

const REQUEST_CONCEPTS: [Concept, RequestType][] = [
  ['R_ACCESS', 'access'],
  ['R_COPY', 'access'],
  ['R_ERASURE', 'erasure'],
  ['R_RECTIFY', 'rectification'],
  ['R_RESTRICT', 'restriction'],
  ['R_OBJECT', 'objection'],
];

const startRequest: Rule = (m) => {
  if (m.has('WHO') || m.has('WHY') || m.has('GRANTS')) return undefined;
  const context = m.has('DATA') || m.has('REQUEST') || m.has('REQUEST_VERB') || m.has('PROCESSING');
  let found: { at: number; type: RequestType } | undefined;
  for (const [concept, type] of REQUEST_CONCEPTS) {
    const at = m.tokens.findIndex((t) => t.concepts.has(concept) && (context || isStrongRequestWord(t)));
    if (at >= 0 && (!found || at < found.at)) found = { at, type };
  }
  if (!found) return undefined;
  const result: ParsedMessage = { intent: 'startRequest', requestType: found.type };
  const forAt = m.indexOf('FOR');
  const forMe = forAt >= 0 && m.tokens[forAt + 1]?.concepts.has('ME');
  const named = forAt >= 0 && !forMe ? m.nameAfter(forAt + 1) : undefined;
  if (named) result.subject = named;
  else if (m.has('ME') || m.has('I')) result.subject = 'me';
  return result;
};

/** German request nouns are unambiguous on their own ("Auskunft", "Berichtigung", "Widerspruch"). */
const isStrongRequestWord = (t: Token): boolean =>
  /^(auskunft|datenauskunft|berichtigung|loschung|loschantrag|einschrankung|widerspruch|widersprechen|erasure|rectification|objection)$/.test(
    t.word,
  );

const listGrants: Rule = (m) =>
  (m.has('GRANTS') && (m.has('ME') || m.has('I') || m.has('SHOW'))) || (m.has('GIVEN') && m.has('I'))
    ? { intent: 'listGrants' }
    : undefined;

const help: Rule = (m) => {
  const onlyGreeting = m.tokens.length <= 3 && m.tokens.every((t) => t.concepts.has('GREETING') || t.concepts.has('FILLER'));
  if (m.has('HELP') || onlyGreeting) return { intent: 'help' };
  if (m.has('WHAT') && m.has('YOU') && m.has('CAN')) return { intent: 'help' };
  if (m.has('HOW') && m.has('WORK')) return { intent: 'help' };
  return undefined;
};

const whyCanSee: Rule = (m) => {
  const why = m.indexOf('WHY');
  const howCome = m.has('HOW') ? m.indexOf('COME') : -1;
  const at = why >= 0 ? why : howCome;
  if (at < 0) return undefined;
  const result: ParsedMessage = { intent: 'whyCanSee' };
  const person = m.nameAfter(at + 1);
  if (person) result.person = person;
  const field = fieldFrom(m.has);
  if (field) result.field = field;
  return result;
};

const whatCanSee: Rule = (m) => {
  const what = m.indexOf('WHAT');
  if (what < 0 || what > 1 || !(m.has('CAN') || m.has('SEE') || m.has('DO'))) return undefined;
  const person = m.nameAfter(what + 1);
  return person ? { intent: 'whatCanSee', person } : undefined;
};

const LEVEL_CONCEPTS: [Concept, Level][] = [
  ['L_BLOCKED', 'blocked'],
  ['L_PUBLIC', 'public'],
  ['L_BUSINESS', 'business'],
  ['L_TEAM', 'team'],
  ['L_PERSONAL', 'personal'],
];

const setLevel: Rule = (m) => {
  if (m.has('WHO')) return undefined;
  let level: Level | undefined;
  let levelAt = -1;
  m.tokens.forEach((token, i) => {
    for (const [concept, candidate] of LEVEL_CONCEPTS) {
      if (token.concepts.has(concept) && i >= levelAt) {
        level = candidate;
        levelAt = i;
      }
    }
  });
  if (m.has('BLOCK') && !m.has('SET')) level = 'blocked';
  if (!level || !(m.has('SET') || m.has('BLOCK') || m.has('TO'))) return undefined;
  const person = m.nameAfter(0);
  return person ? { intent: 'setLevel', person, level } : undefined;
};

const whoCanSee: Rule = (m) => {
  const field = fieldFrom(m.has);
  if (!m.has('WHO') && !(field && m.has('ME') && (m.has('SEE') || m.has('CAN')))) return undefined;
  return field ? { intent: 'whoCanSee', field } : { intent: 'whoCanSee' };
};
