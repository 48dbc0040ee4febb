import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { fold } from '../shared/text';

/**
 * The person whose records are looked for in the personal-data sources, by the seed's search
 * criteria (name, first name, street, postcode/city, phone, e-mail) and the SIP address.
 */
export interface Subject {
  firstName?: string;
  lastName?: string;
  /** The whole name as written ("Erika Musterfrau"), when it is not given in parts. */
  name?: string;
  phones?: readonly string[];
  emails?: readonly string[];
  sipAddresses?: readonly string[];
  /** Ids a source may know the person by (the directory's id, the UPN). */
  userIds?: readonly string[];
  street?: string;
  postcodeCity?: string;
}

/** What a record matched on: one of the person's identifiers, or only their name. */
export type MatchStrength = 'identifier' | 'name';

/**
 * A phone number in one form (E.164, "+49891234567"), whichever way it was written: `+49 89 1234-567`,
 * `089 1234567` and `0049891234567` are one number (`defaultRegion` reads the national ones).
 * Undefined for something that is no phone number.
 */
export function normalisePhone(raw: string, defaultRegion: CountryCode): string | undefined {
  const trimmed = raw.trim().replace(/^tel:/i, '');
  if (!/\d/.test(trimmed)) return undefined;
  const parsed = parsePhoneNumberFromString(trimmed, defaultRegion);
  return parsed?.isPossible() ? parsed.number : undefined;
}

/**
 * The ways a source may have stored a number, for an indexed lookup (`column IN (…)`): E.164, the
 * international form with 00, and the national form — each as digits only and as commonly written.
 */
export function phoneSpellings(e164: string, defaultRegion: CountryCode): string[] {
  const parsed = parsePhoneNumberFromString(e164, defaultRegion);
  if (!parsed) return [e164];
  const national = parsed.formatNational();
  const international = parsed.formatInternational();
  const digits = (text: string): string => text.replace(/[^\d+]/g, '');
  const spellings = [e164, `00${e164.slice(1)}`, digits(national), national, international, parsed.nationalNumber];
  return [...new Set(spellings)];
}

/** A name folded for comparison: case, accents and umlauts (Müller = Mueller = MÜLLER), spaces. */
export function foldName(name: string): string {
  return fold(name).replace(/[\s'’.-]+/g, ' ').trim();
}

/**
 * The spellings a source may hold a name in, lower-cased, for an indexed lookup on `lower(column)`:
 * as written, with umlauts spelt out (ü → ue) and dropped (ü → u), ß as ss.
 */
export function nameSpellings(name: string): string[] {
  const lower = name.trim().replace(/\s+/g, ' ').toLowerCase();
  const spelt = lower.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
  const dropped = lower.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/ß/g, 'ss');
  // "Mueller" written by someone who meant "Müller".
  const umlauts = lower.replace(/ae/g, 'ä').replace(/oe/g, 'ö').replace(/ue/g, 'ü');
  return [...new Set([lower, spelt, dropped, umlauts])];
}

/** The subject's full names to look for: "first last", and the name as given. */
export function fullNames(subject: Subject): string[] {
  const parts = [subject.firstName, subject.lastName].filter((p): p is string => Boolean(p?.trim()));
  const names = [parts.length === 2 ? parts.join(' ') : undefined, subject.name].filter((n): n is string => Boolean(n?.trim()));
  return [...new Set(names.map((n) => n.trim().replace(/\s+/g, ' ')))];
}

/** The subject's phone numbers in E.164, duplicates and non-numbers left out. */
export function subjectPhones(subject: Subject, defaultRegion: CountryCode): string[] {
  return [...new Set((subject.phones ?? []).flatMap((p) => normalisePhone(p, defaultRegion) ?? []))];
}

/** Whether the subject gives anything to look for (a postcode and city alone would find a whole town: with a street only). */
export function isSearchable(subject: Subject): boolean {
  return fullNames(subject).length > 0 || Boolean(subject.lastName?.trim()) || Boolean(subject.street?.trim()) || [subject.phones, subject.emails, subject.sipAddresses, subject.userIds].some((list) => (list?.length ?? 0) > 0);
}

/**
 * A street or a postcode and city folded for comparison: case, accents and umlauts, "Straße",
 * "Strasse" and "Str." alike, spaces and punctuation ("Leopoldstr. 12" = "LEOPOLDSTRASSE 12").
 */
export function foldAddress(text: string): string {
  return fold(text)
    .replace(/(str)(asse|\.)(?=\s|\d|$)/g, '$1')
    .replace(/[\s,.'’-]+/g, ' ')
    .trim();
}

/**
 * The spellings a source may hold a street or a postcode and city in, lower-cased, for an indexed
 * lookup on `lower(column)`: as written, umlauts spelt out and dropped, and the street suffix as
 * "straße", "strasse", "str." and "str".
 */
export function addressSpellings(text: string): string[] {
  const base = nameSpellings(text);
  const suffixes = ['straße', 'strasse', 'str.', 'str'];
  return [
    ...new Set(
      base.flatMap((spelling) => {
        const match = /(stra(?:ß|ss)e|str\.?)(?=\s|\d|$)/.exec(spelling);
        return match ? suffixes.map((suffix) => spelling.replace(match[0], suffix)) : [spelling];
      }),
    ),
  ];
}
