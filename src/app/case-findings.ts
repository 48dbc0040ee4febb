import { LRUCache } from 'lru-cache';
import { type Person, phonesOf, sipAddressesOf } from '../domain/directory/person';
import type { PrivacyRequest } from '../domain/requests/request';
import type { Subject } from '../domain/sources/subject';
import type { PersonalDataSource } from '../ports/sources/personal-data-source.port';
import { type SubjectFindings, findSubject } from './subject-finder';


/** What the sources hold about a case's subject, as of when it was looked up. */
export interface CaseFindings extends SubjectFindings {
  at: Date;
}

/**
 * Where a case's subject has data — per source, counts, oldest and newest — for the DPO's case card.
 * An employee is looked for by everything the directory knows of them (mail, UPN, SIP address, every
 * number, the name); an outside person by the request's criteria. Looked up once per case version
 * and kept for a few minutes: a card redrawn for every DPO asks the sources once.
 */
export class CaseFindingsLookup {
  private readonly cache: LRUCache<string, Promise<CaseFindings>>;

  constructor(
    private readonly sources: readonly PersonalDataSource[],
    private readonly personOf: (id: string) => Person | undefined,
    private readonly now: () => Date,
    options: { ttlMs?: number; max?: number } = {},
  ) {
    this.cache = new LRUCache({ max: options.max ?? 500, ttl: options.ttlMs ?? 5 * 60_000 });
  }

  /** Undefined where there is nothing to look for (no source, or a subject without name, number or address). */
  async of(request: PrivacyRequest): Promise<CaseFindings | undefined> {
    if (this.sources.length === 0) return undefined;
    const subject = subjectOf(request, this.personOf);
    if (subject === undefined) return undefined;
    const key = `${request.id}@${request.version}`;
    let found = this.cache.get(key);
    if (!found) {
      const at = this.now();
      found = findSubject(this.sources, subject).then((findings) => ({ ...findings, at }));
      // A lookup that failed as a whole is not kept: the next card asks again.
      found.catch(() => this.cache.delete(key));
      this.cache.set(key, found);
    }
    return found;
  }
}

/** The person a case is about, as the sources can be searched for them. */
export function subjectOf(request: PrivacyRequest, personOf: (id: string) => Person | undefined): Subject | undefined {
  const about = request.subject;
  if (about.kind === 'outside') {
    const c = about.criteria;
    const subject: Subject = {
      ...(c.firstName ? { firstName: c.firstName } : {}),
      ...(c.lastName ? { lastName: c.lastName } : {}),
      ...(c.street ? { street: c.street } : {}),
      ...(c.postcodeCity ? { postcodeCity: c.postcodeCity } : {}),
      ...(c.phone ? { phones: [c.phone] } : {}),
      ...(c.email ? { emails: [c.email] } : {}),
    };
    return Object.keys(subject).length > 0 ? subject : undefined;
  }
  const person = personOf(about.id);
  if (!person) return { name: about.name, userIds: [about.id], emails: [about.id] };
  const phones = phonesOf(person);
  const addresses = [person.mail, person.upn].filter((a): a is string => Boolean(a));
  return {
    name: person.displayName,
    ...(person.givenName && person.surname ? { firstName: person.givenName, lastName: person.surname } : {}),
    ...(phones.length > 0 ? { phones } : {}),
    ...(addresses.length > 0 ? { emails: addresses } : {}),
    sipAddresses: sipAddressesOf(person).length > 0 ? sipAddressesOf(person) : addresses,
    userIds: [person.id, ...(person.upn ? [person.upn] : [])],
  };
}
