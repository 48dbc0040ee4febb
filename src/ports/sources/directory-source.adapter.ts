import type { CountryCode } from 'libphonenumber-js';
import { type Person, phonesOf, sipAddressesOf } from '../../domain/directory/person';
import { type MatchStrength, type Subject, foldAddress, foldName, fullNames, normalisePhone, subjectPhones } from '../../domain/sources/subject';
import type { ExportedRecord, PersonalDataSource, SourceFinding, SourceOperation, SourceStatistics } from './personal-data-source.port';
import type { AttributeChanges, AttributeUpdate } from '../directory/directory.port';

/** The addresses a directory entry may hold: business (F.9), private (F.10), other (F.11) — street, postcode, city. */
const ADDRESS_GROUPS = ['F.9', 'F.10', 'F.11'] as const;

/** Whether one of the person's addresses is on the street (folded), and in the postcode and city where given. */
function livesAt(person: Person, street: string, place: string | undefined): boolean {
  return ADDRESS_GROUPS.some((group) => {
    const on = (person.attributes[`${group}.1`] ?? []).some((s) => foldAddress(s) === street);
    if (!on || place === undefined) return on;
    const postcode = person.attributes[`${group}.2`]?.[0] ?? '';
    const city = person.attributes[`${group}.3`]?.[0] ?? '';
    const written = foldAddress(`${postcode} ${city}`);
    // "80802 München", or just the postcode, or just the city.
    return written === place || foldAddress(postcode) === place || foldAddress(city) === place;
  });
}

/**
 * The directory as a personal-data source (category F): the entries of the directory snapshot the
 * bot already holds (LDIF, LDAP/AD or Graph), matched by mail, UPN, SIP address or any of their phone
 * numbers — and, counted apart, by the whole name. Written only to rectify (LDAP/AD or Graph, where
 * the bot's account may); an LDIF file is read only.
 */
export class DirectorySource implements PersonalDataSource {
  readonly id = 'directory';
  readonly category = 'F' as const;
  readonly capabilities: ReadonlySet<SourceOperation>;

  constructor(
    private readonly people: () => readonly Person[],
    private readonly region: CountryCode,
    /** Writes an entry (LDAP modify, Graph PATCH): where the directory may be written, rectification is done here. */
    private readonly update?: (personId: string, changes: AttributeChanges) => Promise<AttributeUpdate>,
  ) {
    this.capabilities = new Set<SourceOperation>(['find', 'export', ...(update ? (['rectify'] as const) : [])]);
  }

  /**
   * Corrects the person's entry in the directory itself; the next directory read brings it to the
   * snapshot, and every lookup shows it from then on (seed 4.2). The entry is the person the case
   * names, else the one entry their identifiers find.
   */
  async rectify(subject: Subject, change: { item: string; value: string; personId?: string }): Promise<{ changed: number; before: string[]; after: string[] }> {
    if (!this.update) throw new Error('the directory may not be written here');
    const entries = change.personId ? [change.personId] : this.matches(subject).filter((m) => m.match === 'identifier').map((m) => m.person.id);
    if (entries.length !== 1) throw new Error(entries.length === 0 ? 'nobody in the directory matches the person' : 'several directory entries match the person');
    const update = await this.update(entries[0] as string, { [change.item]: [change.value] });
    return { changed: 1, before: update.before[change.item] ?? [], after: update.after[change.item] ?? [] };
  }

  async find(subject: Subject): Promise<SourceFinding[]> {
    const counts: Record<MatchStrength, number> = { identifier: 0, name: 0 };
    for (const { match } of this.matches(subject)) counts[match]++;
    return (['identifier', 'name'] as const).filter((m) => counts[m] > 0).map((match) => ({ source: this.id, category: 'F', match, count: counts[match] }));
  }

  async export(subject: Subject): Promise<ExportedRecord[]> {
    return this.matches(subject).map(({ person, match }) => ({
      source: this.id,
      category: 'F',
      key: person.id,
      match,
      items: {
        'F.1': person.displayName,
        ...(person.givenName ? { 'F.1.1': person.givenName } : {}),
        ...(person.surname ? { 'F.1.2': person.surname } : {}),
        ...(person.upn ? { 'F.0': person.upn } : {}),
        ...Object.fromEntries(Object.entries(person.attributes).map(([item, values]) => [item, values.join('; ')])),
      },
    }));
  }

  async statistics(): Promise<SourceStatistics> {
    return { source: this.id, category: 'F', count: this.people().length };
  }

  async close(): Promise<void> {
    // The snapshot belongs to the bot.
  }

  private matches(subject: Subject): { person: Person; match: MatchStrength }[] {
    const phones = new Set(subjectPhones(subject, this.region));
    const addresses = new Set([...(subject.emails ?? []), ...(subject.sipAddresses ?? []), ...(subject.userIds ?? [])].map((a) => a.trim().toLowerCase().replace(/^sip:/, '')));
    const names = new Set(fullNames(subject).map(foldName));
    const street = subject.street?.trim() ? foldAddress(subject.street) : undefined;
    const place = subject.postcodeCity?.trim() ? foldAddress(subject.postcodeCity) : undefined;
    if (phones.size === 0 && addresses.size === 0 && names.size === 0 && street === undefined) return [];
    const found: { person: Person; match: MatchStrength }[] = [];
    for (const person of this.people()) {
      const own = [person.id, person.mail, person.upn, ...sipAddressesOf(person)].filter((a): a is string => Boolean(a)).map((a) => a.toLowerCase().replace(/^sip:/, ''));
      const numbers = phonesOf(person);
      const byIdentifier = own.some((a) => addresses.has(a)) || numbers.some((n) => phones.has(normalisePhone(n, this.region) ?? ''));
      const byName =
        !byIdentifier && ([person.displayName, [person.givenName, person.surname].filter(Boolean).join(' ')].some((n) => n && names.has(foldName(n))) || (street !== undefined && livesAt(person, street, place)));
      if (byIdentifier || byName) found.push({ person, match: byIdentifier ? 'identifier' : 'name' });
    }
    return found;
  }
}
