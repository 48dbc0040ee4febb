import * as stopwords from 'stopword';
import { editDistance, fold, isCloseTo, tolerance } from '../../domain/shared/text';
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

/**
 * Phrases that mean one thing only together ("first name", "ob ich da bin", "who calls me"): the
 * first word takes the phrase's concepts, the rest become small words. Offsets stay as typed.
 */
const PHRASES: readonly [RegExp, readonly Concept[]][] = [
  [/\b(first|given)\s+name\b/gi, ['FIRSTNAME']],
  [/\b(last|family)\s+name\b/gi, ['LASTNAME']],
  [/\b(ob|wann|when|that|dass|if)\s+(ich|i'?m|i\s+am)\s+(?:(?:grad|gerade|jetzt|eh|so)\s+)?(im\s+meeting|in\s+a\s+meeting|in\s+(einer|ner|nem|einem)\s+(besprechung|call|meeting)|in\s+a\s+call|on\s+a\s+call|on\s+the\s+phone|away|am\s+platz|at\s+my\s+desk|telefoniere)\b(\s+bin)?|\b(ob|wann)\s+ich\s+(?:(?:grad|gerade|jetzt|eh|so)\s+)?(da|im\s+büro|erreichbar|online)\s+bin\b|\bwhether\s+i'?m\s+(in|around|there|available|online)\b|\bgreen\s+dot\b|\bgrüne[rn]?\s+punkt\b/gi, ['PRESENCE']],
  [/\b(that|who)\s+calls?\s+me\b|\b(wer\s+)?(mich|mir)\s+(so\s+|alles\s+)?an(ruft|rufen)\b/gi, ['INCOMING', 'CALLS']],
  [/\b(who|whom)\s+(i'?ve|i\s+have)\s+been\s+(calling|ringing)\b/gi, ['OUTGOING', 'CALLS']],
  [/\baddress\s+book\b|\badressbuch\b/gi, ['FILLER']],
  [/\bwas\s+alle\s+(sehen|sieht)\b|\bwhat\s+every(one|body)\s+(sees|can\s+see)\b/gi, ['L_PUBLIC']],
  [/\bfull\s+access\b|\bvoll(en)?\s+zugriff\b/gi, ['L_PERSONAL']],
  // "who have I allowed to see": whom the asker gave something.
  [/\b(?:i'?ve|i\s+have|(?<=\b(?:who'?ve|whom?\s+have|whom?\s+did)\s+)i)\s+(allowed|let|permitted)\b/gi, ['I', 'GIVEN']],
  // "some access level", "Zugriffsstufe": a level, not a request for access.
  [/\baccess\s+levels?\b/gi, ['LEVEL']],
  [/\bha(ve|s)\s+access\s+to\b/gi, ['SEE']],
  [/\bthat'?s\s+what\s+i\s+needed\b|\bgenau\s+das\s+(hab|habe)\s+ich\s+gebraucht\b/gi, ['THANKS']],
  [/\b(answer|take|grab)\s+my\s+(phone|calls)\b/gi, ['PICKUP']],
  [/\bcall\s+(log|history|list)\b|\bwho\s+(rang|called|phoned)\s+me\b/gi, ['INCOMING', 'CALLS']],
  [/\b(welche|which)\s+nummern?\s+ich\s+(anrufe|w(ä|ae)hle|call|dial)\b|\bcalls\s+i\s+(made|make)\b/gi, ['OUTGOING', 'CALLS']],
  // "wie ich hier heiße", "wo ich sitze", "wo mein Schreibtisch ist", "the text under my name".
  [/\bwie\s+ich\s+(hier\s+)?hei(ß|ss)e\b/gi, ['DISPLAYNAME']],
  [/\bwo\s+(ich\s+sitze?|mein\s+schreibti\w*)\b|\b(desk\s+location|where\s+i\s+sit|where\s+my\s+desk)\b/gi, ['OFFICE']],
  [/\btext\s+(den\s+ich\s+|i\s+put\s+)?(unter|under)\s+(meinem|my)\s+namen?\b/gi, ['NOTE']],
  [/\bmember\s+of\s+my\s+team\b|\bmitglied\s+(in\s+)?meine[sm]?\s+teams?\b/gi, ['L_TEAM']],
  [/\bwie\s+alle\s+anderen\b|\blike\s+everyone\s+else\b/gi, ['UNDO']],
  [/\bnichts\s+von\s+mir\s+(bleibt|(ü|ue)brig)|\bnothing\s+(of|about)\s+me\s+(remains|stays|is\s+left)\b/gi, ['R_ERASURE', 'R_STRONG']],
  // "bei mir steht noch das alte Büro drin": out of date, to be corrected.
  [/\bsteh(t|en)\s+noch\s+(\w+\s+)?alte[nrs]?\b/gi, ['R_RECTIFY']],
  [/\bauf\s+eis\s+legen\b|\bon\s+hold\b/gi, ['R_RESTRICT']],
  // "I don't want any of my details to stay in the system": erased, not a "not" about a request.
  [/\b(don'?t|do\s+not)\s+want\s+(any\s+of\s+)?my\s+(data|details|info\w*)\s+to\s+(stay|remain|be\s+kept)\b|\b(will|möchte|moechte)\s+nicht,?\s+dass\s+(meine\s+)?(daten|angaben)\s+(\w+\s+)?(bleiben|gespeichert\s+bleiben)\b/gi, ['R_ERASURE', 'R_STRONG', 'DATA']],
  [/\bpersonal\s+(info|information|data|details)\b/gi, ['DATA']],
  [/\blegal\s+basis\b|\brechtsgrundlage\b/gi, ['RECORD', 'RECORD_STRONG']],
  [/\bright\s+(of|to)\s+access\b|\brecht\s+auf\s+auskunft\b/gi, ['R_ACCESS', 'REQUEST', 'R_STRONG']],
  // "who's allowed to IM me": instant messages, not "I'm".
  [/\bIM(?=\s+(me|mich)\b)/g, ['CHAT']],
  // "wen ich angerufen habe", "who I called": calls made, whoever else the message names ("mein Chef").
  [/\b(wen|who|whom)\s+ich(?=\s+(?:[\p{L}\d]+\s+){0,3}(angerufen|anrufe|anrief)\b)|\b(who|whom)\s+i\s+(called|call|rang|phoned|dialled|dialed)\b/giu, ['OUTGOING', 'CALLS']],
  [/\b(wer|who)\s+(hat\s+)?(mich|me)\s+(angerufen|called|rang|phoned)\b|\bwho\s+called\s+me\b/gi, ['INCOMING', 'CALLS']],
  // "mich würde interessieren, …", "I'd like to know …": a polite start, nothing asked yet.
  [/\b(mich|me)\s+(würde|wuerde|wurde|would)\s+interess\w*|\bi'?d\s+like\s+to\s+know\b|\bich\s+(würde|wuerde)\s+gerne?\s+wissen\b/gi, ['FILLER']],
  // "alice wieder auf Standard", "back to default": what was set for her, undone.
  [/\b(wieder\s+|zur(ü|ue)ck\s+)?(auf|den|zum)\s+standard\b|\b(back\s+)?to\s+(the\s+)?default\b/gi, ['UNDO']],
  // "delete the setting for Priya": her grant.
  [/\b(setting|einstellung)(?=\s+(for|f(ü|ue)r)\b)/gi, ['GRANTS']],
  // "wer bekommt meinen Status mit": who notices it, not who gets to set it.
  [/\b(bekommt|bekommen|kriegt|kriegen)\b(?=(?:\s+\p{L}+){0,2}\s+mit\b|[^.?!]*\bmit\s*[?!.]*\s*$)/giu, ['SEE']],
  [/\bon\s+my\s+plate\b/gi, ['WORKLIST']],
  // "seit wann sieht Alice …", "since when can Olivia …", "how is it that Fatima …", "wie kann das sein", "woher": why.
  [/\bseit\s+wann\b|\bsince\s+when\b|\bhow\s+is\s+it\s+that\b|\bhow'?s\s+it\s+that\b|\bwie\s+kann\s+das\s+sein\b|\bhow\s+can\s+that\s+be\b|\bwoher\b/gi, ['WHY']],
  // "the numbers I call": calls made; "von welchen Nummern ich angerufen werde", "calls I get": received.
  [/\b(the\s+)?numbers?\s+(which\s+|that\s+)?i\s+(call|dial|ring)\b|\bdie\s+ich(?=\s+(?:[\p{L}\d]+\s+){0,3}(anrufe|w(ä|ae)hle)\b)/giu, ['OUTGOING', 'CALLS']],
  [/\bich\s+angerufen\s+werde\b|\bi\s+(get|am)\s+called\b|\bcalls\s+i\s+(get|receive)\b/gi, ['INCOMING', 'CALLS']],
  // "Art. 17 for me", "Auskunft nach Art 15": the right by its article.
  [/\b(?:art\.?|artikel|article)\s*15\b/gi, ['R_ACCESS', 'R_STRONG']],
  [/\b(?:art\.?|artikel|article)\s*16\b/gi, ['R_RECTIFY', 'R_STRONG']],
  [/\b(?:art\.?|artikel|article)\s*17\b/gi, ['R_ERASURE', 'R_STRONG']],
  [/\b(?:art\.?|artikel|article)\s*18\b/gi, ['R_RESTRICT', 'R_STRONG']],
  [/\b(?:art\.?|artikel|article)\s*21\b/gi, ['R_OBJECT', 'R_STRONG']],
  // "how is it possible that Ayse sees …", "wie kommt es, dass …": why.
  [/\bhow\s+is\s+(it|this|that)\s+possible\b|\bwie\s+(ist\s+(es|das)\s+m(ö|oe)glich|kommt\s+es)\b/gi, ['WHY']],
  // "I mean the landline", "I was wondering": said in passing, nothing asked of a meaning.
  [/\bi\s+mean\b|\bi\s+was\s+wondering\b|\bi\s+wonder\b/gi, ['FILLER']],
  // "ob ich grün oder rot bin", "nicht stören", "do not disturb": the presence.
  [/\b(gr(ü|ue)n|rot|gelb|green|red|yellow)\s+(oder|or)\s+(gr(ü|ue)n|rot|gelb|green|red|yellow)\b|\bnicht\s+st(ö|oe)ren\b|\bdo\s+not\s+disturb\b|\bdnd\b/gi, ['PRESENCE']],
  // "an mein Telefon gehen", "heran holen": picking up calls.
  [/\b(an|ans)\s+(mein(em)?\s+)?(telefon|handy|apparat)\s+gehen\b|\b(heran|ran)\s+holen\b/gi, ['PICKUP']],
  // "the phone app": where a detail is shown, not the phone number.
  [/\b(phone|telefon)[\s-]?(app|software|client)\b/gi, ['FILLER']],
  // "my team gets the level team member": set.
  [/\b(gets?|bekommt|kriegt)(?=\s+(the\s+|die\s+)?(level|stufe)\b)/gi, ['SET']],
  // "out of date": to be corrected.
  [/\bout\s+of\s+date\b/gi, ['R_RECTIFY']],
  // "take Priya off my list", "get rid of the access I set up": taken back.
  [/\btake(?=\s+(?:\S+\s+){1,3}off\b)/gi, ['REMOVE']],
  // "line 2 outgoing numbers visible to?": to whom.
  [/\bto(?=\s*\?+\s*$)/gi, ['WHO']],
  // "can you reset my password": nothing the bot does.
  [/\b(reset|change|forgot|vergessen|zur(ü|ue)cksetzen|(ä|ae)ndern)\s+(my\s+|mein\s+)?(password|passwort|kennwort)\b|\b(password|passwort|kennwort)\s+(reset|zur(ü|ue)cksetzen|vergessen|(ä|ae)ndern)\b/gi, ['FILLER']],
  [/\bget\s+rid\s+of\b/gi, ['R_ERASURE', 'REMOVE']],
  [/\bfor\s+what\s+reason\b|\baus\s+welchem\s+grund\b/gi, ['WHY']],
  // "stimmt nicht", "is not right": wrong, to be corrected — no negation of a request.
  [/\bstimm(t|en)\s+(nicht|nich|net)\b|\bnicht\s+(mehr\s+)?(richtig|korrekt|aktuell)\b|\bis(n'?t|\s+not)\s+(right|correct)\b/gi, ['R_RECTIFY']],
];

function applyPhrases(text: string, tokens: Token[]): Token[] {
  let result = tokens;
  for (const [pattern, concepts] of PHRASES) {
    // exec in a loop rather than matchAll, which copies the expression on every call.
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      let first = true;
      result = result.map((token) => {
        if (token.start < start || token.end > end) return token;
        const phrase = first ? { ...token, concepts: new Set(concepts), fuzzy: false } : { ...token, concepts: new Set<Concept>(['FILLER']), fuzzy: false };
        first = false;
        return phrase;
      });
      if (!pattern.global) break;
    }
  }
  return result;
}

/** Splits a message into tokens and looks each one up, tolerating typing errors. */
export function tokenise(text: string): Token[] {
  return applyPhrases(text, words(text));
}

/**
 * Everyday words of either language (the `stopword` package's lists, folded): a word the lexicon
 * does not know but that is one of these ("also", "eigentlich", "jetzt") is no name.
 */
const EVERYDAY_WORDS: ReadonlySet<string> = new Set([...stopwords.eng, ...stopwords.deu].map(fold).filter((word) => word.length > 1));

function words(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const raw = match[0];
    const start = match.index ?? 0;
    const isAddress = raw.includes('@');
    // Letters held down in chat ("hilfeee", "dankeee", "pleeease") count once.
    const word = fold(raw).replace(POSSESSIVE, '').replace(/(\p{L})\1{2,}/gu, '$1');
    const found = isAddress ? { concepts: new Set<Concept>(), fuzzy: false } : lookup(word, raw);
    if (!isAddress && found.concepts.size === 0 && EVERYDAY_WORDS.has(word)) found.concepts = new Set<Concept>(['FILLER']);
    tokens.push({ raw, start, end: start + raw.length, word, ...found, isAddress });
  }
  return tokens;
}

/** Every string made by deleting up to `depth` letters of `word` (the word itself included). */
function deletions(word: string, depth: number): Set<string> {
  const found = new Set<string>([word]);
  let frontier = [word];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const shorter = w.slice(0, i) + w.slice(i + 1);
        if (!found.has(shorter)) {
          found.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return found;
}

/**
 * Lexicon words by their deletions (symmetric delete): two words within edit distance k share a
 * string made by deleting at most k letters from each, so a typed word is compared only with the
 * few lexicon words that share one — not with all of them (`npm run bench:nlu`).
 */
const BY_DELETION: ReadonlyMap<string, readonly string[]> = (() => {
  const index = new Map<string, string[]>();
  for (const key of LEXICON.keys()) {
    for (const variant of deletions(key, tolerance(key.length) || 1)) {
      const list = index.get(variant);
      if (list) list.push(key);
      else index.set(variant, [key]);
    }
  }
  return index;
})();

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
  for (const key of bestKeys(word)) for (const concept of LEXICON.get(key) ?? []) concepts.add(concept);
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

/** The lexicon words a typed word is close to (`isCloseTo`), found through the deletion index. */
export function closeKeys(word: string): string[] {
  const candidates = new Set<string>();
  for (const variant of deletions(word, tolerance(word.length))) for (const key of BY_DELETION.get(variant) ?? []) candidates.add(key);
  return [...candidates].filter((key) => isCloseTo(word, key));
}

/**
 * Of the lexicon words a typed word is close to, the ones it most likely meant: the closest, and
 * of those the ones that start with the same letter (typing errors seldom hit the first letter) —
 * so that "wraum" is "warum", not also "Raum".
 */
export function bestKeys(word: string): string[] {
  // A five-letter word is no typo of a four-letter one ("klein" is not "kein") — unless the extra
  // letter only doubles its neighbour ("meinn"). Three-letter ones take a letter more ("whay", "hows").
  const close = closeKeys(word).filter((key) => key.length !== 4 || word.length <= key.length || /(\p{L})\1/u.test(word));
  if (close.length <= 1) return close;
  const distances = close.map((key) => editDistance(word, key, 2));
  const nearest = Math.min(...distances);
  const closest = close.filter((_, i) => distances[i] === nearest);
  const sameStart = closest.filter((key) => key[0] === word[0]);
  return sameStart.length > 0 ? sameStart : closest;
}
