import type { Level } from '../../domain/levels';
import type { Concept } from './lexicon';
import { fieldFrom, itemFrom } from './field-rules';
import type { ParsedMessage, ReceiptChannel, RequestType } from './intent';
import { type Token, tokenise } from './tokenise';
import { LEVEL_CONCEPTS, REQUEST_CONCEPTS } from './concepts';
import { fold } from '../../domain/shared/text';

/**
 * Understands a message in English or German, typing errors tolerated. Pure: the same text
 * always gives the same result.
 */
export function parse(text: string, options: ParseOptions = {}): ParsedMessage {
  // "wer sieht meine Präsenz und kann ich das für Frank ändern": two questions, the first one is answered.
  const second = SECOND_QUESTION.exec(text);
  if (second && second.index > 0) {
    const first = parseOne(text.slice(0, second.index), options);
    if (first.intent !== 'unknown') return first;
  }
  return parseOne(text, options);
}

/** " und wie …", " and what …", "; was …": where a second question starts. */
const SECOND_QUESTION = /\s+(?:und|and|&)\s+(?=(?:was|wie|wer|wo|wann|warum|wieso|kann|darf|what|how|who|where|when|why|can)\b)/i;

function parseOne(text: string, options: ParseOptions): ParsedMessage {
  const tokens = tokenise(text);
  const message = new Message(text, tokens, options.isName, options.isGroup);
  if (tokens.length === 0) return { intent: text.includes('?') ? 'help' : 'unknown' };
  return (
    thanks(message) ??
    whoIsDpo(message) ??
    explainLevel(message) ??
    processingRecord(message) ??
    replay(message) ??
    adminChannel(message) ??
    retentionSummary(message) ??
    requestStatus(message) ??
    removeGrant(message) ??
    startRequest(message) ??
    listGrants(message) ??
    help(message) ??
    whyCanSee(message) ??
    whatCanISee(message) ??
    whatCanSee(message) ??
    yesNoQuestion(message) ??
    setLevel(message) ??
    whoCanSee(message) ?? { intent: 'unknown' }
  );
}

export interface ParseOptions {
  /**
   * Whether a word is (part of) somebody's name in the directory. With it, of several unknown words
   * the names are taken ("why on earth can Mallory see …" → Mallory), and a name does not run on
   * into a word that is none ("Bob Zugriff"). Without it, the first run of unknown words is the name.
   */
  isName?: (word: string) => boolean;
  /** Whether a name is a group's, not a person's: "Sales soll mich nicht mehr sehen" names the group. */
  isGroup?: (name: string) => boolean;
}

/** Words that end a group's name: "set group Sales DACH **to** business", "Gruppe X **sperren**". */
const GROUP_NAME_ENDS: Concept[] = ['TO', 'SET', 'BLOCK', 'SEE', 'CAN', 'OF', 'ME', 'FOR', 'MODAL', 'DO', 'FILLER', 'L_BLOCKED', 'L_PUBLIC', 'L_BUSINESS', 'L_TEAM', 'L_PERSONAL'];

class Message {
  readonly tokens: Token[];

  constructor(
    readonly text: string,
    tokens: Token[],
    private readonly isName?: (word: string) => boolean,
    private readonly isGroup?: (name: string) => boolean,
  ) {
    // A word taken for a keyword only by its likeness ("Priya" ~ "prima") is the name the directory knows.
    this.tokens = markRelations(isName ? tokens.map((t) => (t.fuzzy && t.word.length >= 4 && isName(t.word) ? { ...t, concepts: new Set<Concept>(), fuzzy: false } : t)) : tokens);
  }

  /** The other person as written, or somebody the directory relates to the asker ("my manager", "mein Team"). */
  whom(from = 0): Pick<ParsedMessage, 'person' | 'relation'> {
    const relationAt = this.tokens.findIndex((t) => t.concepts.has('REL_MANAGER') || t.concepts.has('REL_TEAM'));
    // "gib Priya Teammitglied, sie ist meine neue Teamleiterin": the colleague named first, the relation said of her.
    const named = relationAt >= 0 ? this.knownNameSpan(from) : undefined;
    if (named && named[1] < relationAt) return { person: this.cut(named[0], named[1]) };
    if (this.has('REL_MANAGER')) return { relation: 'manager' };
    if (this.has('REL_TEAM')) return { relation: 'team' };
    const person = this.nameAfter(from);
    if (person && !person.startsWith('group:') && this.isGroup?.(person)) return { person: `group:${person}` };
    return person ? { person } : {};
  }

  /** Somebody named earlier whom a pronoun stands for: a name the directory knows, or a relation. */
  namedBefore(): Pick<ParsedMessage, 'person' | 'relation'> {
    if (this.has('REL_MANAGER')) return { relation: 'manager' };
    if (this.has('REL_TEAM')) return { relation: 'team' };
    const named = this.knownNameSpan(0);
    return named ? { person: this.cut(...this.wholeGroupName(named, 0)) } : {};
  }

  /** A "me"/"my" that is the asker's, not the "my" of "my manager". */
  hasOwnMe(): boolean {
    return this.tokens.some((t, i) => t.concepts.has('ME') && !this.tokens[i + 1]?.concepts.has('REL_MANAGER') && !this.tokens[i + 1]?.concepts.has('REL_TEAM'));
  }

  has = (concept: Concept): boolean => this.tokens.some((t) => t.concepts.has(concept));

  /** A word that is the concept itself, not one taken for it by its likeness ("Meier" ~ "meiner"). */
  hasExactly = (concept: Concept): boolean => this.tokens.some((t) => !t.fuzzy && t.concepts.has(concept));

  indexOf(concept: Concept, from = 0): number {
    return this.tokens.findIndex((t, i) => i >= from && t.concepts.has(concept));
  }

  /**
   * The first run of words the lexicon does not know (a name), from token `from` on. Failing
   * that, a word taken for a keyword only by its likeness ("Dana" ~ "data") is the name.
   */
  nameAfter(from = 0): string | undefined {
    // "set group Sales DACH to business", "Gruppe Works Council sperren": a group's name starts
    // after the word "group" and runs on to the next word that structures the sentence.
    const group = this.indexOf('GROUP', from);
    // "the works council group": the name comes before the word.
    if (group > 0 && (group + 1 >= this.tokens.length || this.endsGroupName(this.tokens[group + 1] as Token))) {
      let start = group;
      const structure = (t: Token): boolean => !t.fuzzy && (t.concepts.has('FILLER') || GROUP_NAME_ENDS.some((c) => t.concepts.has(c)));
      while (start - 1 >= from && !structure(this.tokens[start - 1] as Token)) start--;
      if (start < group) return `group:${this.cut(start, group - 1)}`;
    }
    if (group >= 0 && group + 1 < this.tokens.length) {
      const start = group + 1;
      let end = start;
      while (end + 1 < this.tokens.length && !this.endsGroupName(this.tokens[end + 1] as Token)) end++;
      return `group:${this.cut(start, end)}`;
    }
    const named = this.knownNameSpan(from);
    if (named) return this.cut(...this.wholeGroupName(named, from));
    // Failing unknown words, a word taken for a keyword only by its likeness may be the name ("Dana" ~
    // "data") — unless the directory is at hand and said it is no name.
    const span = this.span(from, (t) => t.isAddress || t.concepts.size === 0) ?? (this.isName ? undefined : this.span(from, (t) => t.fuzzy));
    return span ? this.cut(span[0], span[1]) : undefined;
  }

  /**
   * Someone's name in the possessive, if any: "Frank's presence", "chris' mobile", "Franks Präsenz",
   * "franks präsenz" — and "die Präsenz von Frank", "the presence of Frank": a detail of theirs.
   */
  possessor(): string | undefined {
    for (let i = 0; i < this.tokens.length; i++) {
      const token = this.tokens[i] as Token;
      if (token.concepts.size > 0 && !token.isAddress && !token.fuzzy) continue;
      const next = this.tokens[i + 1];
      const beforeDetail = next !== undefined && isDetailWord(next);
      if (/['’]s$/.test(token.raw) || (beforeDetail && /^['’]/.test(this.text.slice(token.end)))) return this.cut(i, i);
      // "Chris seine Nummer", "Mia ihr Kalender": the colloquial German possessive.
      const pronoun = this.tokens[i + 1];
      if (pronoun && ['seine', 'seinen', 'sein', 'ihre', 'ihren', 'ihr'].includes(pronoun.word) && this.tokens[i + 2] !== undefined && isDetailWord(this.tokens[i + 2] as Token)) return this.cut(i, i);
      // German genitive, capitalised or not: "Franks Präsenz", "bobs handynummer" (never "Chris Handy").
      if (beforeDetail && /[^s]s$/.test(token.raw) && token.raw.length > 3) return this.cut(i, i).replace(/s$/, '');
    }
    // "die Präsenz von Frank", "the presence of Frank", "Handynummer von Bob Brown".
    for (let i = 1; i + 1 < this.tokens.length; i++) {
      const of = this.tokens[i] as Token;
      if (of.fuzzy || !of.concepts.has('OF') || !isDetailWord(this.tokens[i - 1] as Token)) continue;
      // "von der Mia", "of the Sales group": small words before the name.
      let at = i + 1;
      while (at < this.tokens.length && (this.tokens[at] as Token).concepts.size === 1 && (this.tokens[at] as Token).concepts.has('FILLER')) at++;
      const next = this.tokens[at];
      if (!next || next.concepts.has('ME') || (next.concepts.size > 0 && !next.isAddress && !next.fuzzy)) continue;
      return this.nameAfter(at);
    }
    return undefined;
  }

  /** Whether the directory knows the word as (part of) somebody's name. */
  knowsName(token: Token): boolean {
    return this.isName?.(token.word) ?? false;
  }

  /** Whether any word is unknown to the lexicon (a name, somewhere). */
  get hasName(): boolean {
    return this.tokens.some((t) => t.isAddress || (t.concepts.size === 0 && this.mayBeName(t)));
  }

  /**
   * An unknown word may be somebody's name. With the directory at hand, a longer lowercase word it
   * does not know is more likely a word the lexicon lacks ("zurück aus der elternzeit") than a name;
   * a short one may still be a nickname or a contact's ("revoke eve", "kai blocken").
   */
  private mayBeName(token: Token): boolean {
    return this.isName === undefined || this.isName(token.word) || /^\p{Lu}/u.test(token.raw) || (token.word.length <= 4 && !/^\d+$/.test(token.word));
  }

  /** With the directory's names at hand: the first run of words from `from` that are names (a mail address counts). */
  private knownNameSpan(from: number): [number, number] | undefined {
    const isName = this.isName;
    if (!isName) return undefined;
    const known = (t: Token): boolean => t.isAddress || ((t.concepts.size === 0 || t.fuzzy) && isName(t.raw.replace(/['’]s?$/, '')));
    return this.span(from, known);
  }

  /** "der Works Council": a group's name whose other words are also keywords ("works"), taken whole. */
  private wholeGroupName([start, end]: [number, number], from: number): [number, number] {
    const isGroup = this.isGroup;
    const isName = this.isName;
    if (!isGroup || !isName) return [start, end];
    const word = (i: number): Token | undefined => (i >= from ? this.tokens[i] : undefined);
    while (word(start - 1) !== undefined && isName((word(start - 1) as Token).word) && isGroup(this.cut(start - 1, end))) start--;
    while (word(end + 1) !== undefined && isName((word(end + 1) as Token).word) && isGroup(this.cut(start, end + 1))) end++;
    return [start, end];
  }

  private endsGroupName(token: Token): boolean {
    return !token.fuzzy && GROUP_NAME_ENDS.some((c) => token.concepts.has(c));
  }

  private span(from: number, isName: (t: Token) => boolean): [number, number] | undefined {
    let start = -1;
    let end = -1;
    for (let i = Math.max(from, 0); i < this.tokens.length; i++) {
      const token = this.tokens[i] as Token;
      if (isName(token)) {
        if (start < 0) start = i;
        end = i;
      } else if (start >= 0) break;
    }
    return start < 0 ? undefined : [start, end];
  }

  private cut(start: number, end: number): string {
    const first = this.tokens[start] as Token;
    const last = this.tokens[end] as Token;
    const next = this.tokens[end + 1];
    const name = this.text.slice(first.start, last.end);
    if (/['’]s$/.test(name)) return name.slice(0, -2);
    // German genitive before a noun: "Bobs Stufe", "Franks Präsenz", "Bobs Freigabe" → "Bob".
    // German nouns are capitalised; "Chris pick up" is no genitive.
    const noun = next !== undefined && /^\p{Lu}/u.test(next.raw) && (next.concepts.has('LEVEL') || next.concepts.has('GRANTS') || fieldFrom((c) => next.concepts.has(c)) !== undefined);
    if (noun && start === end && /[^s]s$/.test(name) && name.length > 3) return name.slice(0, -1);
    return name;
  }
}

/** A word that names a detail ("Präsenz", "mobile", "Termine") or a catalogue item ("Foto"). */
const DETAIL_CONCEPTS: readonly Concept[] = ['CALLS', 'CALLED', 'PICKUP', 'FORWARD', 'PHONE', 'NUMBER', 'MOBILE', 'APPOINTMENT', 'PRESENCE', 'STATUS', 'EMAIL', 'ADDRESS', 'OFFICE', 'NOTE', 'PHOTO', 'CHAT'];
const isDetailWord = (token: Token): boolean =>
  fieldFrom((c) => token.concepts.has(c)) !== undefined || itemFrom((c) => token.concepts.has(c)) !== undefined || DETAIL_CONCEPTS.some((c) => token.concepts.has(c));

/**
 * Words that name somebody by their relation to the asker: "manager", "Chef", "Vorgesetzte" always
 * (the directory knows who that is); "team" only after "my"/"mein"/"our" — elsewhere it is a level.
 */
function markRelations(tokens: Token[]): Token[] {
  return tokens.map((token, i) => {
    if (token.fuzzy && !(token.concepts.has('MANAGER') && token.word.length >= 7)) return token;
    if (token.concepts.has('MANAGER')) return { ...token, concepts: new Set<Concept>(['REL_MANAGER']) };
    const before = tokens[i - 1];
    const mine = before !== undefined && (before.concepts.has('ME') || ['our', 'unser', 'unserem', 'unserem', 'unseres'].includes(before.word));
    // "Jan ist in meinem Team": where somebody is, not who is asked about.
    const located = ['in', 'im', 'aus', 'on', 'from', 'zu', 'of', 'joined', 'beigetreten'].includes(tokens[i - 2]?.word ?? '');
    if (token.concepts.has('L_TEAM') && mine && !located && token.word.startsWith('team') && !token.word.includes('mitglied')) return { ...token, concepts: new Set<Concept>(['REL_TEAM']) };
    return token;
  });
}

type Rule = (m: Message) => ParsedMessage | undefined;

/** "danke!", "thx", "super, danke", "ok cool": nothing but thanks and small words. */
const thanks: Rule = (m) => {
  if (!m.has('THANKS')) return undefined;
  const small = (t: Token): boolean => ['THANKS', 'FILLER', 'GREETING', 'YOU', 'ME', 'I', 'ALL', 'HELP', 'FOR', 'DO'].some((c) => t.concepts.has(c as Concept)) || (t.concepts.size === 0 && t.word.length <= 4);
  return m.tokens.length <= 6 && m.tokens.every(small) ? { intent: 'thanks' } : undefined;
};

/** "Who is our DPO?", "an wen wende ich mich beim Datenschutz": the data-protection officers, not a request to them. */
const whoIsDpo: Rule = (m) => {
  const asked = m.has('WHO') || m.has('CONTACT') || m.has('WHAT') || m.has('HOW') || m.tokens.every((t) => t.concepts.has('DPO') || t.concepts.has('FILLER') || t.concepts.has('DO'));
  const dpo = m.has('DPO') || m.has('PROTECTION') || /\b(gdpr|dsgvo)/i.test(m.text);
  // "who handles data protection requests" asks for the DPO too; "delete my data" does not.
  const handledBy = m.has('WHO') && m.has('CONTACT');
  if (!dpo || !asked || REQUEST_CONCEPTS.some(([concept]) => m.has(concept)) || (m.has('REQUEST') && !handledBy) || (m.has('DATA') && !m.has('PROTECTION'))) return undefined;
  return m.has('DPO') || m.has('CONTACT') || (m.has('WHO') && m.has('PROTECTION')) || /officer|beauftragt/i.test(m.text) ? { intent: 'whoIsDpo' } : undefined;
};

/** "what does business level mean", "was heißt eigentlich Teammitglied", "welche Stufen gibt es". */
const explainLevel: Rule = (m) => {
  const levels = [...new Set(LEVEL_CONCEPTS.filter(([concept]) => m.has(concept)).map(([, level]) => level))];
  const asks =
    m.has('MEAN') ||
    m.has('DIFFERENCE') ||
    m.has('HAPPEN') ||
    (m.has('LEVELS') && (m.has('WHAT') || m.has('SHOW') || m.has('WHICH'))) ||
    // "what is the business level", "was ist Geschäftlich für eine Stufe"
    (m.has('WHAT') && m.has('LEVEL') && !m.tokens.some((t) => t.concepts.has('SET') && !t.concepts.has('LEVEL')) && !m.has('ME')) ||
    // "what can someone with Team member see", "was sieht jemand mit Stufe Öffentlich"
    (m.has('ANYONE') && (m.has('SEE') || m.has('CAN')) && !m.has('ME')) ||
    // "what can someone on personal see of me": one level, what it shows of the asker.
    (m.has('ANYONE') && m.has('WHAT') && m.has('SEE') && levels.length === 1 && fieldFrom(m.has) === undefined) ||
    // "teammitglied = ?", "persönlich?": a level and a question mark, nothing else.
    (levels.length === 1 && m.tokens.length === 1 && m.text.includes('?')) ||
    // "what is team member", "was ist persönlich": a short question naming a level.
    (m.has('WHAT') && m.has('DO') && m.tokens.length <= 5 && !m.has('ME') && !m.has('SET')) ||
    // "what does blocking someone actually do"
    /\bwhat\s+does\b.*\bdo\b/i.test(m.text);
  // "was bedeutet es, wenn jemand bei mir alles sehen darf": the level that shows everything.
  if (asks && levels.length === 0 && m.has('ALL') && m.has('ANYONE') && (m.has('SEE') || m.has('CAN')) && !m.hasName) return { intent: 'explainLevel', level: 'personal' };
  // "welche Stufen habe ich vergeben": the asker's grants, not what the levels mean.
  if (!asks || (levels.length === 0 && !m.has('LEVEL')) || m.hasName || (m.has('GIVEN') && m.has('I'))) return undefined;
  return levels.length === 1 && !m.has('DIFFERENCE') ? { intent: 'explainLevel', level: levels[0] as Level } : { intent: 'explainLevel' };
};

const processingRecord: Rule = (m) =>
  m.has('RECORD_STRONG') ||
  (m.has('RECORD') && m.has('PROCESSING')) ||
  (m.has('ARTICLE') && m.has('THIRTY')) ||
  // "what data do you process": the company's processing in general, not the asker's own data.
  (m.has('WHAT') && m.has('DATA') && m.has('PROCESSING') && m.has('YOU') && !m.has('ME') && !m.has('I'))
    ? { intent: 'processingRecord' }
    : undefined;

/** Applying again what a restored backup undid: "replay since 2026-12-01", "seit dem 1.12. erneut anwenden". */
const REPLAY = /\b(?:replay|re-?apply|apply\s+again|redo|wiederholen|erneut\s+(?:anwenden|ausfuhren)|nachziehen|nacharbeiten)\b/;
const RESTORE = /\b(?:backup|restored?|restoring|since|seit|sicherung|ruecksicherung|rucksicherung|wiederhergestellt|wiederherstellung|zuruckgespielt)\b/;

/** A day as written: 2026-12-01, 1.12.2026, 01.12. (this year), as `YYYY-MM-DD`. */
export function dayIn(text: string, today: Date = new Date()): string | undefined {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  const german = /\b(\d{1,2})\.(\d{1,2})\.(\d{4})?/.exec(text);
  const [y, m, d] = iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : german ? [Number(german[3] ?? today.getUTCFullYear()), Number(german[2]), Number(german[1])] : [0, 0, 0];
  if (!y || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCDate() === d ? date.toISOString().slice(0, 10) : undefined;
}

const replay: Rule = (m) => {
  const text = fold(m.text);
  if (!REPLAY.test(text) || !RESTORE.test(text)) return undefined;
  const since = dayIn(m.text);
  return { intent: 'replay', ...(since ? { since } : {}) };
};

/** The weekly report named: "retention summaries", "Löschberichte", "the weekly summary", "Wochenbericht". */
const WEEKLY_REPORT = /\b(?:summar(?:y|ies)|reports?|wochenberichte?|berichte?)\b/i;
/** Where it should go: this channel. */
const THIS_CHANNEL = /\b(?:here|this\s+channel|hier(?:her|hin)?|(?:in\s+)?(?:diesen|diesem)\s+kanal)\b/i;
/** Posting, sending, using (not showing: "show the summary here" is a question now). */
const POST_TO = /\b(?:post|posts|posting|send|sende|senden|sendet|schick\w*|put|deliver|use|poste|posten|postet|veroffentlich\w*|verwende\w*|nutze\w*)\b/i;

/** "post retention summaries here", "Löschberichte hier posten": an administrator choosing the channel of the weekly summary. */
const adminChannel: Rule = (m) =>
  (m.has('RETENTION') || WEEKLY_REPORT.test(m.text)) && THIS_CHANNEL.test(m.text) && POST_TO.test(fold(m.text)) ? { intent: 'adminChannel' } : undefined;

/** "how long do you keep my data", "when is my data deleted automatically" — not a request to delete it. */
const retentionSummary: Rule = (m) =>
  m.has('RETENTION') || (m.has('HOW') && m.has('LONG')) || (m.has('WHEN') && m.has('R_ERASURE') && !m.has('REQUEST') && !m.has('I'))
    ? { intent: 'retentionSummary' }
    : undefined;

/** A case number as written: `DSR-2026-0042`, `dsr 2026 42`, `DSR–2026–0042` (dashes as word processors make them). */
const CASE_NUMBER = /\bDSR[\s\-\u2010-\u2015]?(\d{4})[\s\-\u2010-\u2015](\d{1,6})\b/i;

/**
 * "What is the status of my request", "open requests", "offene Anträge", "show my requests" — or a
 * case by its number ("show DSR-2026-0042"). A request named by its type is a new one, not a list;
 * a question about who sees what, or about grants, is not about requests at all.
 */
const requestStatus: Rule = (m) => {
  const typed = REQUEST_CONCEPTS.some(([concept]) => m.has(concept));
  const number = CASE_NUMBER.exec(m.text);
  if (number && !typed) return { intent: 'requestStatus', caseNumber: `DSR-${number[1] as string}-${String(Number(number[2])).padStart(4, '0')}` };
  // "withdraw my request", "Antrag zurückziehen", "cancel my erasure request", "withdraw".
  if (m.has('WITHDRAW') && (m.has('REQUEST') || m.tokens.every((t) => ['WITHDRAW', 'ME', 'I', 'FILLER'].some((c) => t.concepts.has(c as Concept))))) return { intent: 'requestStatus' };
  // A DPO's worklist in their words: "what's on my plate", "was liegt an", "my queue".
  if (m.has('WORKLIST') || /\b(liegt|steht)\s+(\w+\s+)?an\b/i.test(m.text)) return { intent: 'requestStatus' };
  // "was ist noch offen", "what's pending": open cases, no detail named.
  if (m.has('PENDING') && (m.has('WHAT') || m.has('SHOW')) && !m.hasName && fieldFrom(m.has) === undefined && !m.has('GRANTS')) return { intent: 'requestStatus' };
  // "ich will das doch nicht mehr": taking back what was asked — the asker's cases, to withdraw one.
  if (/\b(will|möchte|moechte|want)\b.*\b(nicht\s+mehr|no\s+longer|anymore)\b/i.test(m.text) && !m.has('SEE') && fieldFrom(m.has) === undefined && !(m.has('DATA') && (m.has('PROCESSING') || m.has('YOU') || m.has('STORED') || m.hasExactly('R_ERASURE')))) return { intent: 'requestStatus' };
  // "wurden meine Daten gelöscht?", "have you deleted my data?": how a request went, not a new one.
  if (/^\s*(wurden|wurde|were|was|have|has|habt|hat|sind|ist)\b/i.test(m.text) && m.tokens.some((t) => t.word === 'deleted' || t.word === 'geloscht') && m.text.trim().endsWith('?')) return { intent: 'requestStatus' };
  // "status?", "any news": nothing else said.
  if ((m.has('STATUS') || m.has('NEWS')) && m.tokens.length <= 3 && m.tokens.every((t) => t.concepts.has('STATUS') || t.concepts.has('NEWS') || t.concepts.has('FILLER'))) return { intent: 'requestStatus' };
  if (!m.has('REQUEST')) return undefined;
  if (m.has('STATUS') || m.has('NEWS')) return { intent: 'requestStatus' };
  // "was ist mit meiner Löschanfrage", "how is my request": a question about one's own request, not a new one.
  if (m.has('ME') && (m.has('WHAT') || m.has('HOW') || m.text.includes('?')) && !m.has('REQUEST_VERB') && !m.has('DATA') && !m.has('R_COPY') && !m.has('STORED')) return { intent: 'requestStatus' };
  if (typed || m.has('WHO') || m.has('GRANTS') || fieldFrom(m.has) !== undefined) return undefined;
  if (m.has('PENDING') || m.has('SHOW') || /\bopen\s+(req\w*|cases?|anfragen|antr\w*)\b/i.test(m.text)) return { intent: 'requestStatus' };
  // "my requests", "alle Anträge", "requests?": nothing but the word and small words.
  if (m.tokens.every((t) => ['REQUEST', 'ME', 'I', 'FILLER', 'DO', 'WHICH'].some((c) => t.concepts.has(c as Concept)))) return { intent: 'requestStatus' };
  return undefined;
};

/**
 * A request asked for without a request word: "forget me", "what data do you have about me",
 * "dass meine Daten gelöscht werden". Only about the asker (or somebody named after "about"), never
 * a question about the right itself ("what is the right to be forgotten") or a negation.
 */
function phrasedRequest(m: Message): ParsedMessage | undefined {
  // "stop processing my data" objects for good (Art. 21); "… until further notice", "bitte meine Daten sperren" restricts (Art. 18).
  const objecting = restricting(m) && m.has('STOP') && m.has('PROCESSING') && !FOR_NOW.test(m.text);
  const type = ERASURE_PHRASE.test(m.text) ? 'erasure' : ACCESS_PHRASE.test(m.text) || storedAboutMe(m) ? 'access' : objecting ? 'objection' : restricting(m) ? 'restriction' : undefined;
  if (!type || (/\b(what|was)\s+(is|ist)\b/i.test(m.text) && !aboutMe(m)) || /\b(don'?t|do\s+not|nicht|kein)\b/i.test(m.text)) return undefined;
  const relayed = relayedRequest(m);
  if (relayed) return { intent: 'startRequest', requestType: type, ...relayed };
  const aboutAt = m.indexOf('OF');
  const named = aboutAt >= 0 && !m.tokens[aboutAt + 1]?.concepts.has('ME') ? m.nameAfter(aboutAt + 1) : undefined;
  if (named) return { intent: 'startRequest', requestType: type, subject: named };
  if (aboutSelf(m)) return { intent: 'startRequest', requestType: type, subject: 'me' };
  // "Right to be forgotten" on its own: a request, whose is asked on the form. "What data do you process": a question.
  return type === 'erasure' ? { intent: 'startRequest', requestType: type } : undefined;
}

const EMAIL = /[^\s@<>()"',;]+@[^\s@<>()"',;]+\.[a-z]{2,}/i;
const PHONE = /(?:\+|\b0)[\d][\d\s/()-]{5,}\d/;
/** "… to 0171 2222222", "… auf Hauptstraße 5 ändern", "… in erika@neu.example". */
const CORRECT_VALUE = /\b(?:to|into|auf)\s+(.+?)\s*(?:(?:ändern|aendern|korrigieren|berichtigen|setzen)\s*)?[.!]?\s*$/i;
/** A correct value is a value: a number, an address, a name — not "… to fix it". */
const LOOKS_LIKE_VALUE = /\d|@|\b\p{Lu}/u;

/** For a while only: what restricts processing rather than objecting to it. */
const FOR_NOW = /\b(for\s+now|until|untill|till|while|vorl(ä|ae|a)ufig|temporarily|for\s+the\s+time\s+being|vorerst|erstmal|erst\s+mal|vor(ü|ue)bergehend|bis|solange|w(ä|ae)hrend)\b/i;

/** Ways of asking that name no request word: "forget me", "what data do you have about me". */
const ERASURE_PHRASE = /\b(forget\s+me|vergiss\s+mich|vergesst\s+mich|(want|wish|like)\s+to\s+be\s+forgotten|vergessen\s+werden|right\s+to\s+be\s+forgotten|recht\s+auf\s+vergessen(werden)?|gel(ö|oe|o)scht\s+werden)\b/i;
const ACCESS_PHRASE = /\b((what|which|all(\s+the)?)\s+(personal\s+)?data\s+(do\s+|does\s+)?(you|the\s+company|it|we)\s+(have|has|hold|holds|store|stores|keep|keeps|process|processes)|what\s+do\s+you\s+know\s+about|welche\s+daten\s+([a-zäöüß]+\s+){0,3}?(habt|hast|haben|speichert|speichern|verarbeitet|verarbeiten)|was\s+(wisst|wissen|wei(ß|ss)t)\s+(ihr|sie|du)|(will|möchte|moechte|mochte|hätte\s+gerne?)\s+meine\s+daten\s+(haben|sehen|einsehen)|\bi\s+want\s+(to\s+see\s+)?my\s+data)\b/i;

/**
 * "unblock Mallory", "remove my grant for Bob", "Bobs Freigabe entfernen", "reset Frank" — and,
 * naming nobody, "remove all my grants", "alle meine Freigaben entfernen": every own grant.
 */
const removeGrant: Rule = (m) => {
  // "undo what I set for Frank", "Bob wieder normal", "remove the block on Mallory", "revoke Eve".
  // "remove his data" is about data; "remove him" about the person.
  const third = m.tokens.some((t) => t.concepts.has('THIRD') && !OBJECT_PRONOUNS.has(t.word));
  const aboutData = m.has('DATA') || m.has('REQUEST') || m.has('OUTSIDER') || third || fieldFrom(m.has) !== undefined || itemFrom(m.has) !== undefined;
  // "withdraw access for Mallory", "Zugriff für Kai entziehen": the access given, taken back.
  const access = m.tokens.some((t) => ACCESS_WORDS.has(t.word)) && (m.has('WITHDRAW') || m.has('REMOVE') || m.has('UNDO')) && m.hasName && (!m.has('DATA') || m.tokens.some((t) => m.knowsName(t)));
  // "revoke everything I've shared": what the asker gave.
  const given = m.has('REMOVE') && m.has('GIVEN') && m.has('I') && !m.has('DATA');
  // A typo that reads as both "Freigabe" and "freigeben" is the grant, not the verb.
  const unblock = m.tokens.some((t) => t.concepts.has('UNBLOCK') && !(t.fuzzy && t.concepts.has('GRANTS')));
  // "stop blocking Kai", "Mallory nicht mehr blocken".
  const unblocking = m.has('BLOCK') && (m.has('STOP') || /\bnicht\s+mehr\b|\bno\s+longer\b/i.test(m.text));
  const taken = unblock || unblocking || access || given || (m.has('WITHDRAW') && m.has('GRANTS')) || ((m.has('REMOVE') || m.has('UNDO')) && (m.has('GRANTS') || m.has('BLOCK'))) || ((m.has('UNDO') || m.tokens.some((t) => t.concepts.has('REMOVE') && (!t.fuzzy || t.word.length >= 6))) && m.hasName && !aboutData);
  if (!taken || m.has('WHO')) return undefined;
  if (m.has('ALL') && (m.has('GRANTS') || given || (m.tokens.length <= 4 && !m.has('DATA'))) && !m.hasName) return { intent: 'removeAllGrants' };
  const forAt = m.indexOf('FOR');
  const named = forAt >= 0 ? m.whom(forAt + 1) : {};
  return { intent: 'removeGrant', ...(named.person || named.relation ? named : m.whom(0)) };
};


/** "him", "ihn": the person, not their data. */
const OBJECT_PRONOUNS: ReadonlySet<string> = new Set(['him', 'ihn', 'ihm']);
/** "access", "Zugriff": what a grant gives. */
const ACCESS_WORDS: ReadonlySet<string> = new Set(['access', 'zugriff', 'zugang']);

/** Words that erase data, never a grant ("remove" may be either). */
const ERASE_WORDS: ReadonlySet<string> = new Set(['loschen', 'losche', 'loscht', 'delete', 'erase', 'wipe']);

/** "does Helga get", "was bekommt Bob": what reaches somebody else. */
const GETS: ReadonlySet<string> = new Set(['get', 'gets', 'bekommt', 'kriegt', 'erhalt']);

const startRequest: Rule = (m) => {
  // "Right" reads like "rights" (grants): the right to be forgotten is asked for before that test.
  if (/\b(right\s+to\s+be\s+forgotten|recht\s+auf\s+vergessen)/i.test(m.text) && !m.has('WHO')) return phrasedRequest(m);
  if (m.has('WHO') || m.has('WHY') || m.has('GRANTS')) return undefined;
  // "ich widerrufe meine Einwilligung", "I withdraw my consent": an objection to the processing.
  if (m.has('CONSENT') && (m.has('WITHDRAW') || m.has('REMOVE') || m.has('UNDO')) && !m.has('REQUEST')) return { intent: 'startRequest', requestType: 'objection', ...(aboutSelf(m) ? { subject: 'me' } : {}) };
  // "what does Sabine get to see of me": a question about a person, not a request.
  if ((m.has('SEE') || (m.has('CAN') && m.has('I'))) && m.hasName && !m.has('REQUEST') && !m.has('OUTSIDER')) return undefined;
  // "what info does Helga get about me": what a colleague gets to see, not a copy for the asker.
  if (m.hasName && !m.hasExactly('I') && !m.has('REQUEST') && !m.has('REQUEST_VERB') && !m.has('OUTSIDER') && !m.has('THIRD') && m.tokens.some((t) => GETS.has(t.word))) return undefined;
  // "Do not delete my data", "ich möchte nicht, dass …": no new request — the asker's cases, to withdraw one.
  const negated = m.has('NEGATION') || /\b(don'?t|doesn'?t|won'?t)\b/i.test(m.text);
  // "a client emailed asking us to delete everything about her": somebody outside asking is a request too.
  const outsider = m.tokens.some((t, i) => !t.fuzzy && t.concepts.has('OUTSIDER') && !m.tokens[i + 1]?.concepts.has('NUMBER'));
  // "I object to my call history being stored": what is kept is data.
  const context = m.has('DATA') || m.has('REQUEST') || m.has('REQUEST_VERB') || m.has('PROCESSING') || m.has('STORED') || outsider || aboutMe(m);
  const field = fieldFrom(m.has);
  const item = field ? undefined : itemFrom(m.has);
  let found: { at: number; type: RequestType } | undefined;
  for (const [concept, type] of REQUEST_CONCEPTS) {
    // German request nouns ("Auskunft", "Berichtigung", "Widerspruch") need no other cue, and
    // "correct my mobile number" names what is wrong.
    // … and "meine alten Anruflisten löschen lassen" names what is to be erased.
    const names = field !== undefined || item !== undefined;
    // "mein Eintrag stimmt nicht mehr, bitte korrigieren": the asker's own entry.
    const mine = m.hasExactly('ME') && !m.hasName;
    const cue = context || (concept === 'R_RECTIFY' && (names || mine)) || (concept === 'R_ERASURE' && names && m.tokens.some((t) => ERASE_WORDS.has(t.word)));
    const at = m.tokens.findIndex((t) => t.concepts.has(concept) && (cue || t.concepts.has('R_STRONG')));
    if (at >= 0 && (!found || at < found.at)) found = { at, type };
  }
  // "I don't want you to have my data", "ich will nicht, dass ihr meine Daten habt": an erasure.
  if (!found && negated && m.has('YOU') && m.has('DO') && m.has('DATA') && m.has('ME') && !m.has('PROCESSING')) return { intent: 'startRequest', requestType: 'erasure', subject: 'me' };
  // "I don't want my data stored any more", "ich will nicht mehr, dass meine Daten gespeichert werden".
  if (!found && negated && m.has('STORED') && m.has('DATA') && m.has('ME') && !m.has('PROCESSING') && !m.has('WITHDRAW') && !m.has('REQUEST')) return { intent: 'startRequest', requestType: 'erasure', subject: 'me' };
  // "got a letter from Mr Brown asking for his data": somebody outside asking for their data is asking for a copy.
  if (!found && !negated && m.has('OUTSIDER') && m.has('THIRD') && m.has('DATA')) found = { at: 0, type: 'access' };
  // "don't use my data for marketing", "ich möchte nicht, dass meine Daten weiter verarbeitet werden": an objection.
  // "ich will nicht, dass meine Anrufe protokolliert werden": calls are data too.
  if (!found && negated && m.has('PROCESSING') && (m.has('DATA') || m.has('CALLS')) && !m.has('R_ERASURE')) found = { at: 0, type: FOR_NOW.test(m.text) ? 'restriction' : 'objection' };
  // "I got a new mobile number, please change it": a new value is a correction.
  if (!found && field && m.has('NEW') && (m.has('SET') || m.has('R_RECTIFY'))) found = { at: 0, type: 'rectification' };
  // "my data is not correct, please freeze its processing until it is checked": restricted meanwhile (Art. 18(1)(a)).
  if (found?.type === 'rectification' && m.has('R_RESTRICT') && FOR_NOW.test(m.text)) found = { at: found.at, type: 'restriction' };
  else if (!found) return negated ? (ERASURE_PHRASE.test(m.text) || ACCESS_PHRASE.test(m.text) ? { intent: 'requestStatus' } : undefined) : phrasedRequest(m);
  if (found.type === 'objection' && negated && !m.has('WITHDRAW') && !m.has('REQUEST')) {
    // "für Becker einen Widerspruch einreichen, er will nicht …", "on behalf of Mr Weber, he doesn't want …".
    // A "for" before the objection names whose it is; one after it names a purpose ("for marketing").
    const objectionAt = m.indexOf('R_OBJECT');
    const by = m.indexOf('BEHALF') >= 0 ? m.indexOf('BEHALF') : objectionAt > m.indexOf('FOR') && m.indexOf('FOR') <= 1 ? m.indexOf('FOR') : -1;
    const named = by >= 0 && !m.tokens[by + 1]?.concepts.has('ME') ? m.nameAfter(by + 1) : undefined;
    return { intent: 'startRequest', requestType: FOR_NOW.test(m.text) ? 'restriction' : 'objection', ...(named ? { subject: named } : aboutSelf(m) ? { subject: 'me' } : {}) };
  }
  // Not wanted: a "not" before what is asked ("don't delete my data"), not one elsewhere ("delete my data,
  // I'm not here after next week") — and a correction says what is not right ("mit ö, nicht oe").
  const at = found.at;
  const notBefore = m.tokens.some((t, i) => t.concepts.has('NEGATION') && i < at) || /\b(don'?t|doesn'?t|won'?t)\b/i.test(m.text.slice(0, m.tokens[at]?.start ?? 0));
  if ((notBefore && found.type !== 'rectification') || m.has('WITHDRAW')) return { intent: 'requestStatus' };
  const result: ParsedMessage = { intent: 'startRequest', requestType: found.type };
  if (found.type === 'rectification') {
    // What the message already says is not asked again: the correct value.
    const value = CORRECT_VALUE.exec(m.text)?.[1]?.trim();
    if (value && LOOKS_LIKE_VALUE.test(value)) result.newValue = value;
    if (field) result.field = field;
    if (item) result.item = item;
  }
  // Somebody else's request passed on ("ein Kunde hat per Brief Auskunft verlangt: Hans Meier, …"):
  // never the asker's own, and the form gets what the message says.
  const relayed = found.type === 'rectification' ? undefined : relayedRequest(m);
  if (relayed) return { ...result, ...relayed };
  const email = EMAIL.exec(m.text)?.[0];
  const phone = PHONE.exec(m.text)?.[0]?.trim();
  if (found.type !== 'rectification' && (email || phone)) result.contact = { ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
  // "for Erika Musterfrau", "on behalf of Frank", "im Namen von Herrn Müller".
  const behalfAt = m.indexOf('BEHALF');
  const forAt = behalfAt >= 0 ? behalfAt : m.indexOf('FOR');
  const forMe = forAt >= 0 && m.tokens[forAt + 1]?.concepts.has('ME');
  const named = forAt >= 0 && !forMe ? m.nameAfter(forAt + 1) : undefined;
  const possessor = named ? undefined : m.possessor();
  // A name ends where the contact details start: "Erika Musterfrau, Tel. 030 1234567".
  if (named) result.subject = named.split(/[,(;]|\s(?:tel|phone|mail|e-mail)\b|\d/i)[0]?.trim() || named;
  // "delete Frank's data": Frank's.
  else if (possessor) result.subject = possessor.replace(/['’]s$/, '');
  else {
    const subject = namedSubject(m) ?? (aboutSelf(m) ? 'me' : undefined);
    // "I want my data": the asker's own. "His data", "a customer wants …": whose is left open.
    if (subject) result.subject = subject;
  }
  return result;
};

/** Whom a request names by other means than "for …" or a possessive, each tried in turn. */
function namedSubject(m: Message): string | undefined {
  return (
    // "Mr Schulz wants his data corrected": the person a title names.
    titled(m) ??
    // "Lisa Berger, eine Lieferantin, sagt …", "Sarah Kim from a partner company objects …".
    appositionName(m) ??
    // "Auskunftsersuchen von Max Mustermann", "a request from Jan de Vries": whose request.
    requestFrom(m) ??
    // "Anna Schmidt will Auskunft": a colleague the directory knows, wanting it.
    leadingName(m) ??
    // "customer jane doe says …": the person a role names.
    (m.hasExactly('OUTSIDER') ? outsiderName(m) : undefined)
  );
}

/** The roles a name is set off by: "Mark Ellis, a customer", "our contact at the supplier, Tom Becker". */
const ROLE = String.raw`(?:customer|client|supplier|vendor|applicant|caller|contact|partner|employee|kunde|kundin|lieferant(?:in)?|mitarbeiter(?:in)?|bewerber(?:in)?|anrufer(?:in)?|ansprechpartner(?:in)?|dienstleister|mieter(?:in)?|patient(?:in)?)`;
const TWO_WORDS = String.raw`(\p{L}[\p{L}'’-]*\s+\p{L}[\p{L}'’-]*)`;
const APPOSITIONS: readonly RegExp[] = [
  // "Mark Ellis, a customer, …", "petra lang, ehemalige mitarbeiterin, …", "dieter hahn, ein externer anrufer, …".
  new RegExp(String.raw`(?:^|\bfrom\s+|\bvon\s+)${TWO_WORDS},\s+(?:(?:a|an|our|ein|eine|einer|unser|unsere|ehemalige[rn]?|former|externe[rn]?)\s+)+(?:[\p{L}-]+\s+)?${ROLE}\b`, 'iu'),
  // "our contact at the supplier, Tom Becker, asked …".
  new RegExp(String.raw`\b${ROLE}\b[^,.;:]{0,40},\s+${TWO_WORDS},`, 'iu'),
  // "Sarah Kim from a partner company objects …".
  new RegExp(String.raw`^${TWO_WORDS}\s+(?:from|von|vom)\s+(?:(?:a|an|the|der|die|einer|einem|our|unserem)\s+)?(?:[\p{L}-]+\s+)?(?:company|firm|firma|partner\w*|supplier|lieferanten?|kunden?|gmbh|ag)\b`, 'iu'),
];

/** A name set off by a role: the first of its words unknown to the lexicon (or a directory name), none of them the asker. */
function appositionName(m: Message): string | undefined {
  for (const pattern of APPOSITIONS) {
    const match = pattern.exec(m.text);
    const name = match?.[1];
    if (!match || !name) continue;
    const start = m.text.indexOf(name, match.index);
    const words = m.tokens.filter((t) => t.start >= start && t.end <= start + name.length);
    const first = words[0];
    // "ein Kunde, Herr Schulz, …": a title is left to the title's own reading.
    if (first && !TITLES.has(first.word) && (first.concepts.size === 0 || first.fuzzy || m.knowsName(first) || /^\p{Lu}/u.test(first.raw)) && !words.some((t) => t.concepts.has('ME') || t.concepts.has('I') || t.concepts.has('YOU'))) return name;
  }
  return undefined;
}

/** "Auskunftsersuchen von Max Mustermann", "erasure request from Jan": the name after the request's "from". */
function requestFrom(m: Message): string | undefined {
  const at = m.tokens.findIndex((t, i) => i > 0 && t.concepts.has('OF') && !t.fuzzy && (REQUEST_WORD(m.tokens[i - 1] as Token) || LETTERS.has((m.tokens[i - 1] as Token).word)));
  const next = m.tokens[at + 1];
  return at >= 0 && next && (next.concepts.size === 0 || m.knowsName(next)) ? m.nameAfter(at + 1) : undefined;
}
const REQUEST_WORD = (t: Token): boolean => t.concepts.has('REQUEST') || t.concepts.has('R_STRONG');
/** "a letter from eve@partner.example", "eine Mail von Herrn Roth". */
const LETTERS: ReadonlySet<string> = new Set(['letter', 'brief', 'mail', 'email', 'e-mail', 'message', 'nachricht', 'schreiben', 'call', 'anruf']);

/** "Anna Schmidt will Auskunft, kam per Brief": a name the directory knows, first, then what they want. */
function leadingName(m: Message): string | undefined {
  let end = -1;
  while (end + 1 < m.tokens.length && m.knowsName(m.tokens[end + 1] as Token)) end++;
  // "… will Auskunft", "… hat mich gebeten", "… asked me to": within the next few words.
  const wants = m.tokens.slice(end + 1, end + 4).some((t) => WANTS.has(t.word));
  return end >= 0 && wants ? m.text.slice((m.tokens[0] as Token).start, (m.tokens[end] as Token).end) : undefined;
}
const WANTS: ReadonlySet<string> = new Set(['will', 'mochte', 'wants', 'verlangt', 'fordert', 'bittet', 'asks', 'asked', 'requests', 'wunscht', 'wishes', 'beantragt', 'gebeten']);

/** The name after "Mr", "Frau", "Herrn" …, when a message names somebody so. */
function titled(m: Message): string | undefined {
  const at = m.tokens.findIndex((t) => !t.fuzzy && TITLES.has(t.word));
  return at >= 0 ? (capitalisedAfterTitle(m, at) ?? m.nameAfter(at + 1)) : undefined;
}

/** "Frau Dr. Lange", "Herr Lang": after a title (and "Dr."/"Prof."), a capitalised word is a name even where it is also a word. */
function capitalisedAfterTitle(m: Message, at: number): string | undefined {
  let i = at + 1;
  while (m.tokens[i] !== undefined && ACADEMIC.has((m.tokens[i] as Token).word)) i++;
  const first = m.tokens[i];
  if (!first || !/^\p{Lu}/u.test(first.raw) || first.isAddress || first.concepts.size === 0) return undefined;
  let end = i;
  while (end + 1 < m.tokens.length && isNameWord(m.tokens[end + 1] as Token) && /^\p{Lu}/u.test((m.tokens[end + 1] as Token).raw)) end++;
  return m.text.slice(first.start, (m.tokens[end] as Token).end);
}
const ACADEMIC: ReadonlySet<string> = new Set(['dr', 'prof']);
const TITLES: ReadonlySet<string> = new Set(['mr', 'mrs', 'ms', 'herr', 'herrn', 'frau']);

/** "about me", "über mich", "on me", "von mir": the asker is the object of what is asked. */
const aboutMe = (m: Message): boolean =>
  m.tokens.some((t, i) => {
    const next = m.tokens[i + 1];
    // "über mich", "about me" — or a request's verb with the asker as its object: "löscht mich", "forget me".
    if ((t.concepts.has('OF') || t.concepts.has('ON')) && !t.fuzzy) return next?.concepts.has('ME') === true;
    return REQUEST_CONCEPTS.some(([concept]) => t.concepts.has(concept)) && (next?.word === 'me' || next?.word === 'mich');
  });

/** "was habt ihr über mich gespeichert", "what do you have on me": what is kept about the asker. */
const storedAboutMe = (m: Message): boolean =>
  (m.has('STORED') && (m.has('THIRD') || m.has('DATA')) && m.has('OUTSIDER')) ||
  (!m.has('WHO') &&
    !m.hasName && ((m.has('STORED') && (aboutMe(m) || m.has('ME'))) || (m.has('YOU') && m.has('DO') && aboutMe(m))));

/** "stop using my data for now", "bitte meine Daten sperren": restriction, with no person named. */
const restricting = (m: Message): boolean => (m.has('STOP') || m.has('BLOCK')) && (m.has('DATA') || m.has('PROCESSING')) && m.has('ME') && !m.hasName;

/** "my data", "ich möchte …": the asker's own — said with the words themselves, not a name that looks like them. */
const aboutSelf = (m: Message): boolean => (m.hasExactly('ME') || m.hasExactly('I')) && !m.tokens.some((t) => t.concepts.has('THIRD') && !(OBJECT_PRONOUNS.has(t.word) && m.hasExactly('ME')));

/** A street with its number: "Hauptstr. 5", "Am Markt 3a", "5 High Street". */
const STREET = /(?:\b[\p{L}][\p{L}.-]*(?:stra(?:ß|ss)e|str\.|weg|platz|allee|gasse|ring|damm|ufer)\s+\d+[a-z]?(?![\p{L}\d]))|(?:\b\d+[a-z]?\s+(?:[\p{L}]+\s+){0,2}(?:street|st\.|road|rd\.|lane|avenue|ave\.|way|close|drive|square)(?=[\s,.;]|$))/iu;
/** A postcode and city: "80331 München", "London SW1A 1AA". */
const POSTCODE_CITY = /\b\d{5}\s+\p{L}[\p{L}-]*(?:\s(?:am|an|im|in|ob|bei)\s\p{L}[\p{L}-]*|\s\(\p{L}+\))?|\b\p{L}[\p{L}-]+\s+[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b/u;

/** How a passed-on request came, from the words that say so. */
const VIA: [RegExp, ReceiptChannel][] = [
  [/\b(brief\w*|schreiben|schriftlich|letter|wrote|written|post)\b/i, 'letter'],
  [/\b(e-?mail\w*|mail(?:t|te|ed)?)\b/i, 'email'],
  [/\b(angerufen|anruf|anrufer\w*|caller|telefonisch|telefoniert|am\s+telefon|called|rang|phoned|phone\s+call|by\s+phone|on\s+the\s+phone)\b/i, 'phone'],
  [/\b(persönlich|persoenlich|vor\s+ort|am\s+empfang|in\s+person|came\s+in|at\s+the\s+(?:desk|reception))\b/i, 'inPerson'],
];

/**
 * A request an employee passes on for somebody else: a customer, "Herr"/"Frau" someone, "on behalf
 * of", a postal address. What the message says of that person (name, street, postcode and city,
 * mail, phone) and how the request came go to the intake form; undefined when nothing says so.
 */
function relayedRequest(m: Message): Pick<ParsedMessage, 'subject' | 'contact' | 'via' | 'relayed'> | undefined {
  const street = STREET.exec(m.text)?.[0]?.trim();
  const postcodeCity = POSTCODE_CITY.exec(m.text)?.[0]?.trim();
  const behalf = m.has('BEHALF') || /\bim\s+(namen|auftrag)\b/i.test(m.text);
  if (!m.hasExactly('OUTSIDER') && !behalf && !street && !postcodeCity) return undefined;
  const email = EMAIL.exec(m.text)?.[0];
  const phone = PHONE.exec(m.text.replace(POSTCODE_CITY, ' ').replace(STREET, ' '))?.[0]?.trim();
  const contact = { ...(email ? { email } : {}), ...(phone ? { phone } : {}), ...(street ? { street } : {}), ...(postcodeCity ? { postcodeCity } : {}) };
  const via = VIA.find(([pattern]) => pattern.test(m.text.replace(EMAIL, ' ')))?.[1];
  const name = outsiderName(m);
  return { relayed: true, ...(name ? { subject: name } : {}), ...(Object.keys(contact).length > 0 ? { contact } : {}), ...(via ? { via } : {}) };
}

/** A word that may be part of a name: unknown, or a short one the lexicon knows only by its likeness ("Hans" ~ "has"). */
const isNameWord = (token: Token): boolean => !token.isAddress && (token.concepts.size === 0 || (token.fuzzy && token.word.length <= 5));

/** The outside person's name: right after "Kunde"/"Herr"/"for"/"im Namen von", or the first name after a colon. */
function outsiderName(m: Message): string | undefined {
  const clean = (name: string | undefined): string | undefined => name?.split(/[,(;:]|\s(?:tel|phone|mail|e-mail)\b|\d/i)[0]?.trim() || undefined;
  // "her name is Mia König", "a customer named Paul Meyer", "Kunde namens Hans Meier", "sie heißt …".
  const called = /\b(?:name\s+is|named|namens|hei(?:ß|ss)t)\s+(?:(?:herr|herrn|frau|mr|mrs|ms|dr)\.?\s+)?([\p{L}][\p{L}'’.-]*(?:\s+[\p{L}][\p{L}'’.-]*)?)/iu.exec(m.text)?.[1];
  if (called) return clean(called);
  const apposed = appositionName(m);
  if (apposed) return apposed;
  for (let i = 0; i < m.tokens.length; i++) {
    const token = m.tokens[i] as Token;
    const next = m.tokens[i + 1];
    const previous = m.tokens[i - 1]?.word;
    const introduces = token.concepts.has('OUTSIDER') || token.concepts.has('BEHALF') || token.concepts.has('FOR') || (token.concepts.has('OF') && (previous === 'namen' || previous === 'behalf'));
    if (introduces && TITLES.has(token.word)) {
      const capitalised = capitalisedAfterTitle(m, i);
      if (capitalised) return capitalised;
    }
    if (!introduces || next === undefined || next.isAddress || (next.concepts.size > 0 && !next.fuzzy)) continue;
    // The words right after it that the lexicon does not know, or knows only by likeness ("Hans" ~ "has").
    let end = i + 1;
    while (end + 1 < m.tokens.length && isNameWord(m.tokens[end + 1] as Token)) end++;
    const name = clean(m.text.slice(next.start, (m.tokens[end] as Token).end));
    if (name) return name;
  }
  // "…: Hans Meier, Hauptstr. 5, …": what follows the colon up to the first comma, number or address.
  const afterColon = /:\s*(?:(?:herr|herrn|frau|mr|mrs|ms|dr)\.?\s+)?([\p{L}][\p{L}'’.-]*(?:\s+[\p{L}][\p{L}'’.-]*){0,3})\s*(?:[,;(]|\d|$)/iu.exec(m.text)?.[1];
  return afterColon && !EMAIL.test(afterColon) ? afterColon.trim() : undefined;
}

/** Words that ask for a list of things: "übersicht", "overview". */
const OVERVIEW: ReadonlySet<string> = new Set(['ubersicht', 'overview', 'liste', 'list']);

const listGrants: Rule = (m) => {
  // "was ich für Priya eingestellt hab, bitte löschen": that grant removed, not the list.
  if ((m.has('REMOVE') || m.has('UNDO')) && m.hasName) return undefined;
  // "who did I give access to", "wem hab ich was erlaubt": the asker's own grants too.
  // … and "what did I set up": what the asker set, naming nobody.
  const setUp = m.has('WHAT') && m.has('SET') && !m.hasName && LEVEL_CONCEPTS.every(([concept]) => !m.has(concept));
  const blockedWhom = m.has('WHO') && (m.has('L_BLOCKED') || m.has('BLOCK')) && !m.hasName && fieldFrom(m.has) === undefined;
  // "which colleagues did I give access": whom, by another word.
  const whichGiven = m.has('WHICH') && m.has('EVERYONE') && m.has('SET');
  const gave = !m.has('PROCESSING') && (m.has('GIVEN') || (m.has('WHO') && m.has('SET')) || setUp || blockedWhom || whichGiven) && m.has('I');
  // "show my blocked people": whom the asker blocked.
  const shownBlocked = m.has('SHOW') && m.has('L_BLOCKED') && m.has('ME') && !m.hasName && fieldFrom(m.has) === undefined;
  // "hab ich jemanden gesperrt?", "did I block anyone?"; "who have I let see more", "welche Kollegen dürfen bei mir mehr sehen".
  const blockedAnyone = m.has('ANYONE') && (m.has('L_BLOCKED') || m.has('BLOCK') || m.has('SET')) && m.has('I') && !m.hasName && fieldFrom(m.has) === undefined;
  const seeMore = (m.has('WHO') || m.has('WHICH')) && m.has('SEE') && /\b(mehr|more)\b/i.test(m.text) && !m.hasName && fieldFrom(m.has) === undefined;
  // "my levels", "meine Berechtigungsstufen": the levels the asker gave.
  const myLevels = m.has('LEVELS') && m.has('ME') && !m.hasName && !m.has('MEAN') && !m.has('WHAT') && m.tokens.length <= 3;
  // "wer hat bei mir welche Stufe", "who's got what access to me", "which people have a level on me": the levels held toward the asker.
  const levelsHeld =
    (m.has('WHO') || m.has('ANYONE') || (m.has('WHICH') && m.has('EVERYONE'))) &&
    (m.has('LEVEL') || (m.has('WHAT') && m.has('R_ACCESS'))) &&
    m.has('ME') &&
    !m.hasName &&
    !m.has('MEAN') &&
    fieldFrom(m.has) === undefined &&
    itemFrom(m.has) === undefined &&
    LEVEL_CONCEPTS.every(([concept]) => !m.has(concept));
  // "übersicht freigaben bitte": an overview is a list.
  const overview = m.tokens.some((t) => OVERVIEW.has(t.word));
  const asksForList = (m.has('GRANTS') && (m.has('ME') || m.has('I') || m.has('SHOW') || overview) && !(m.has('SET') && m.hasName && LEVEL_CONCEPTS.some(([concept]) => m.has(concept)))) || gave || myLevels || shownBlocked || blockedAnyone || seeMore || levelsHeld;
  if (!asksForList || (m.has('WHO') && fieldFrom(m.has) !== undefined) || m.has('WHY')) return undefined;
  // "Welche Rechte hat Bob bei mir?" is about one person: what can Bob see of me.
  if (m.has('GRANTS') && !m.has('GIVEN') && !m.has('SET') && !m.has('REMOVE') && !m.has('UNDO') && m.hasName) {
    const person = m.nameAfter(0);
    if (person) return { intent: 'whatCanSee', person };
  }
  return { intent: 'listGrants' };
};

const help: Rule = (m) => {
  const onlyGreeting = m.tokens.length <= 3 && m.has('GREETING') && m.tokens.every((t) => t.concepts.has('GREETING') || t.concepts.has('FILLER') || t.concepts.has('BOT'));
  if (onlyGreeting) return { intent: 'help' };
  // "help me delete my data", "Hilfe, wer sieht meine Nummer": the question, not the help card.
  if (m.has('HELP') && fieldFrom(m.has) === undefined && !REQUEST_CONCEPTS.some(([concept]) => m.has(concept))) return { intent: 'help' };
  if (m.has('WHAT') && m.has('YOU') && m.has('CAN')) return { intent: 'help' };
  if (m.has('HOW') && m.has('WORK')) return { intent: 'help' };
  // "what are you", "wer bist du".
  if (m.has('YOU') && m.tokens.every((t) => ['WHAT', 'WHO', 'DO', 'YOU', 'FILLER', 'BOT', 'GREETING'].some((c) => t.concepts.has(c as Concept)))) return { intent: 'help' };
  // "what is this bot", "was ist das hier für ein Bot".
  if (m.has('WHAT') && m.has('BOT') && !m.hasName) return { intent: 'help' };
  return undefined;
};

const withField = (m: Message, result: ParsedMessage): ParsedMessage => {
  const field = fieldFrom(m.has);
  if (field) result.field = field;
  return result;
};

/** … or, naming no matrix row, the catalogue item it names ("why can Priya see my photo"). */
const withDetail = (m: Message, result: ParsedMessage): ParsedMessage => {
  withField(m, result);
  const item = result.field ? undefined : itemFrom(m.has);
  if (item) result.item = item;
  return result;
};

const whyCanSee: Rule = (m) => {
  // "what level does Bob have", "welche Stufe hat Frank bei mir": where Bob's level comes from.
  const setVerb = m.tokens.some((t) => t.concepts.has('SET') && !t.concepts.has('LEVEL'));
  const levelOf = m.has('LEVEL') && (m.has('WHAT') || m.has('WHICH')) && !setVerb && LEVEL_CONCEPTS.every(([concept]) => !m.has(concept));
  if (levelOf && m.indexOf('WHY') < 0) {
    const whom = m.whom(0);
    if (whom.person || whom.relation) return { intent: 'whyCanSee', ...whom };
  }
  const why = m.indexOf('WHY');
  const howCome = m.has('HOW') ? m.indexOf('COME') : -1;
  const at = why >= 0 ? why : howCome;
  if (at < 0) return undefined;
  // "why can Frank see …", or the question put last: "Bob sees my status, why?".
  const after = m.whom(at + 1);
  const result = withDetail(m, { intent: 'whyCanSee', ...(after.person || after.relation ? after : m.whom(0)) });
  // "warum bin ich immer gelb": nobody and no detail of the asker's named — not a question for the bot.
  return result.person || result.relation || result.field || result.item || m.has('SEE') ? result : undefined;
};

/**
 * Where the question that asks `what` starts: after a colon or dash before it ("bin neu hier: was …"),
 * past small words and a "show me" ("zeig mir mal was …").
 */
function questionStart(m: Message, what: number): number {
  let start = 0;
  if (what > 0) {
    const before = m.text.slice(0, (m.tokens[what] as Token).start);
    const cut = Math.max(before.lastIndexOf(':'), before.lastIndexOf(' – '), before.lastIndexOf(' - '));
    if (cut >= 0) start = m.tokens.findIndex((t) => t.start > cut);
  }
  const idle = (t: Token, i: number): boolean =>
    (t.concepts.size === 1 && t.concepts.has('FILLER')) || t.concepts.has('GREETING') || (t.concepts.has('SHOW') && !t.concepts.has('R_COPY')) || (t.concepts.has('ME') && m.tokens[i - 1]?.concepts.has('SHOW') === true);
  while (start < what && idle(m.tokens[start] as Token, start)) start++;
  return Math.max(0, start);
}

/** "what can I see of Bob", "Was sehe ich von Bob?": the asker looks at someone else's data. */
const whatCanISee: Rule = (m) => {
  // "which details of Wei can I see": "which" asks what, too.
  const what = m.indexOf('WHAT') >= 0 ? m.indexOf('WHAT') : m.indexOf('WHICH');
  // Counted from where the question starts ("zeig mir was ich bei Sophie sehen kann").
  const lead = what >= 0 ? what - questionStart(m, what) : -1;
  const i = m.indexOf('I');
  // "how much of Eve can I see": of somebody, seen by me.
  const of = m.indexOf('OF');
  if (what < 0 && i >= 0 && of >= 0 && m.has('HOW') && (m.has('SEE') || m.has('CAN')) && !m.has('ME')) {
    const whom = m.whom(of + 1);
    if (whom.person || whom.relation) return { intent: 'whatCanISee', ...whom };
  }
  // "welche Daten von Helga sind für mich sichtbar": of somebody, seen by me.
  if (what >= 0 && lead <= 1 && of > what && m.has('SEE') && /\b(f(ü|ue)r|for)\s+(mich|me)\b/i.test(m.text)) {
    const whom = m.whom(of + 1);
    if (whom.person || whom.relation) return { intent: 'whatCanISee', ...whom };
  }
  // "what information of Bob can I access": the person named before "I" too, after "of".
  if (what >= 0 && lead <= 1 && i >= 0 && of >= 0 && of < i && m.has('CAN') && !m.hasOwnMe()) {
    const whom = m.whom(of + 1);
    if (whom.person || whom.relation) return { intent: 'whatCanISee', ...whom };
  }
  if (what < 0 || lead > 1 || i < 0 || i > what + 3 || !(m.has('SEE') || m.has('CAN'))) return undefined;
  const whom = m.whom(i + 1);
  return whom.person || whom.relation ? { intent: 'whatCanISee', ...whom } : undefined;
};

const whatCanSee: Rule = (m) => {
  // "what have I set for Bob": his level toward the asker, and what it shows.
  if (m.has('WHAT') && m.has('I') && m.has('SET') && m.has('FOR')) {
    const whom = m.whom(m.indexOf('FOR') + 1);
    if (whom.person || whom.relation) return { intent: 'whatCanSee', ...whom };
  }
  // "how much can Bob see of me", "wieviel sieht Bob von mir": what, by another word.
  // "show me everything Bob can see about me": everything, shown.
  const everything = m.has('SHOW') && m.has('ME') && m.has('SEE') ? m.indexOf('ALL') : -1;
  const what = m.indexOf('WHAT') >= 0 ? m.indexOf('WHAT') : /^\s*(how\s+much|wie\s*viel)\b/i.test(m.text) ? 0 : m.has('ME') && m.has('SEE') && m.indexOf('WHICH') >= 0 ? m.indexOf('WHICH') : everything;
  // Counted from the first word that says something ("mich würde interessieren, was …", "zeig mir mal was …",
  // "bin neu hier: was …" say nothing yet).
  const start = questionStart(m, what);
  // "what info does Helga get about me": what reaches her.
  const gets = m.hasName && m.tokens.some((t) => GETS.has(t.word));
  // "Sabine, was sieht die von mir": the name put first, asked about with a pronoun.
  const namedFirst = what >= 1 && what - start <= 2 && m.tokens[start]?.concepts.size === 0 && !m.has('NEGATION') && (m.has('CAN') || m.has('SEE'));
  if (what < 0 || (what - start > 1 && !namedFirst) || !(m.has('CAN') || m.has('SEE') || gets)) return undefined;
  const whom = m.whom(what + 1);
  if (whom.person || whom.relation) return { intent: 'whatCanSee', ...whom };
  // "neue Kollegin Mia König im Team – was kann die von mir sehen?": the pronoun is the colleague named before.
  const pronoun = [1, 2].some((k) => PRONOUNS.has(m.tokens[what + k]?.word ?? ''));
  const first = namedFirst && m.has('ME') ? m.whom(0) : pronoun && m.has('ME') ? m.namedBefore() : {};
  return first.person || first.relation ? { intent: 'whatCanSee', ...first } : undefined;
};

/** "die", "she", "er": somebody named earlier in the message. */
const PRONOUNS: ReadonlySet<string> = new Set(['die', 'der', 'sie', 'er', 'she', 'he', 'they']);

/** "can Bob see my private appointments?", "Sieht Mallory meinen Status?": why, about one person. */
const yesNoQuestion: Rule = (m) => {
  // "can anybody see Chris's status": a question about somebody else's detail, not about Chris.
  const owner = m.possessor();
  if (owner && (m.has('EVERYONE') || m.has('ANYONE'))) return withField(m, { intent: 'whoCanSee', person: owner });
  // "hey, can Frank …", "kurze Frage: sieht Chris …": the question starts after a greeting, a colon or a dash.
  const colon = Math.max(m.text.indexOf(':'), m.text.lastIndexOf(' – '), m.text.lastIndexOf(' - '));
  const start = m.tokens.findIndex((t) => (colon < 0 || t.start > colon) && !t.concepts.has('GREETING') && !(t.concepts.size === 1 && t.concepts.has('FILLER')));
  const first = m.tokens[start];
  if (!first) return undefined;
  const verbFirst = first.concepts.has('CAN') || first.concepts.has('DO') || first.concepts.has('SEE');
  // "… Danke dir", "thank you": thanks, not a question to the bot.
  const toYou = m.tokens.some((t, i) => t.concepts.has('YOU') && !m.tokens[i - 1]?.concepts.has('THANKS'));
  if (!verbFirst || toYou || m.has('WHO')) return undefined;
  const field = fieldFrom(m.has);
  if (!field && !((m.has('ME') || (m.has('I') && m.has('TO'))) && m.has('SEE'))) return undefined;
  // "kann jeder sehen, wer mich anruft? find ich unangenehm": everyone, and no colleague the directory knows.
  if (field && (m.has('EVERYONE') || m.has('ANYONE')) && !m.tokens.some((t) => m.knowsName(t) || t.isAddress) && !m.has('REL_MANAGER') && !m.has('REL_TEAM')) return { intent: 'whoCanSee', field };
  // "Mallory wusste von meinem Arzttermin – kann die meine privaten Termine sehen?": the pronoun is Mallory.
  const named = m.whom(start + 1);
  const whom = !named.person && !named.relation && PRONOUNS.has(m.tokens[start + 1]?.word ?? '') && !m.has('EVERYONE') ? m.namedBefore() : named;
  if (whom.person || whom.relation) {
    // "Am I visible to Chris?": what Chris sees of the asker.
    if (!field && m.has('I') && m.has('TO')) return { intent: 'whatCanSee', ...whom };
    return withField(m, { intent: 'whyCanSee', ...whom });
  }
  // "is my status public", "ist mein Kalender öffentlich": who sees it, in general.
  if (field && m.has('ME') && m.has('L_PUBLIC')) return { intent: 'whoCanSee', field };
  // "Sehen meine Kollegen, wann ich online bin?", "can externals see my mobile?": who, in general.
  return m.has('EVERYONE') && field ? { intent: 'whoCanSee', field } : undefined;
};


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
  // "Bob darf alles sehen", "let Bob see everything", "Mallory should see nothing".
  // "mein Chef soll …": the "mein" of a relation is no "me".
  // "Kai soll alles von mir sehen": a "mir" after the name is the asker's data, not a question about the asker.
  const nameAt = m.tokens.findIndex((t) => t.concepts.size === 0);
  const meAsked = m.tokens.some((t, i) => t.concepts.has('ME') && (nameAt < 0 || i < nameAt) && !m.tokens[i + 1]?.concepts.has('REL_MANAGER') && !m.tokens[i + 1]?.concepts.has('REL_TEAM'));
  // "Frank soll nur das sehen, was öffentlich ist": a "was" after the seeing is no question.
  const asksWhat = m.has('WHAT') && m.indexOf('WHAT') < m.indexOf('SEE');
  const mayNow = (m.has('MODAL') || m.has('CAN')) && m.has('SEE') && !asksWhat && !meAsked && fieldFrom(m.has) === undefined;
  if (!level && mayNow && m.has('NOTHING')) level = 'blocked';
  // "I don't want Mallory to see anything", "ich will nicht, dass Frank was von mir sieht".
  const notWanted = /\b(don'?t|do\s+not|nicht|not|shouldn'?t)\b/i.test(m.text) && (/\b(want|will|möchte|moechte)\b/i.test(m.text) || m.has('MODAL')) && m.has('SEE') && fieldFrom(m.has) === undefined && !m.has('DATA');
  if (!level && notWanted) level = 'blocked';
  if (!level && mayNow && m.has('ALL')) level = 'personal';
  // "Bob darf ab sofort alles": may do everything.
  const mayAll = (m.has('MODAL') || m.has('CAN')) && m.has('ALL') && !m.has('WHAT') && !m.has('ME') && !m.has('DATA') && fieldFrom(m.has) === undefined;
  if (!level && mayAll) level = 'personal';
  // "Eve nur noch öffentlich", "kai blocken": a name and a level, and no question.
  const bare = level !== undefined && m.tokens.length <= 6 && !m.has('WHAT') && !m.has('WHY') && !m.has('MEAN') && !m.text.includes('?');
  if (!level || !(m.has('SET') || m.has('BLOCK') || m.has('TO') || mayNow || mayAll || bare || notWanted)) return undefined;
  const whom = m.whom(0);
  return whom.person || whom.relation ? { intent: 'setLevel', ...whom, level } : undefined;
};

const whoCanSee: Rule = (m) => {
  const field = fieldFrom(m.has);
  const item = field ? undefined : itemFrom(m.has);
  const about = field ?? item;
  // "kann man meine alten Anruflisten löschen lassen?", "don't use my status data for stats": a request about the detail, not who sees it.
  if ((m.has('R_ERASURE') || (m.has('PROCESSING') && m.has('DATA'))) && !m.has('SEE') && !m.has('WHO')) return undefined;
  // "meine Handynummer ist falsch, bitte korrigieren": a correction, not a question about who sees it.
  if (m.has('R_RECTIFY') && !m.has('SEE') && !m.has('WHO')) return undefined;
  // "wer hat heute Geburtstag": who, but about nothing the bot knows.
  if (m.has('WHO') && about === undefined && !m.has('SEE') && !m.has('CAN')) return undefined;
  // "wer hat mich gestern angerufen": who called — the journal itself, which the bot does not show.
  if (m.has('WHO') && m.has('CALLED') && !m.has('SEE') && !m.has('CAN') && !m.has('INCOMING') && !m.has('OUTGOING') && !m.has('GIVEN')) return undefined;
  // "handy sichtbar?", "status visible?": a detail and whether it is seen, nothing else.
  const bare = about !== undefined && m.has('SEE') && !m.hasName && m.tokens.length <= 4;
  // "can you book me a meeting room" names a detail but asks nothing about who sees it.
  const canSee = m.has('SEE') || (m.has('CAN') && (m.has('EVERYONE') || m.has('ANYONE') || !m.has('YOU')));
  if (!m.has('WHO') && !bare && !(about && m.has('ME') && canSee)) return undefined;
  const result: ParsedMessage = { intent: 'whoCanSee' };
  if (field) result.field = field;
  if (item) result.item = item;
  // "who can see Frank's presence": about someone else's data — "my boss's calendar" too.
  const person = m.possessor();
  const relation = m.tokens.find((t) => (t.concepts.has('REL_MANAGER') || t.concepts.has('REL_TEAM')) && /['’]s$/.test(t.raw));
  if (relation) result.relation = relation.concepts.has('REL_MANAGER') ? 'manager' : 'team';
  else if (person) result.person = person;
  return result;
};
