import type { Person } from '../../domain/directory/person';
import { fold } from '../../domain/shared/text';
import type { PersonKey } from './directory.port';

/** Whether a person carries one of the key's values (case-insensitive). */
export function matchesKey(person: Person, key: PersonKey): boolean {
  const wanted = [key.mail, key.upn, key.objectId].filter((v): v is string => Boolean(v)).map((v) => v.toLowerCase());
  const has = [person.id, person.mail, person.upn, person.aadObjectId].filter((v): v is string => Boolean(v)).map((v) => v.toLowerCase());
  return wanted.some((w) => has.includes(w));
}

/** People whose name or mail contains the query (folded), for adapters that search in memory. */
export function searchByName(people: readonly Person[], query: string, limit: number): Person[] {
  const needle = fold(query.trim());
  if (needle === '') return [];
  return people.filter((p) => [p.displayName, p.mail ?? '', p.upn ?? ''].some((v) => fold(v).includes(needle))).slice(0, limit);
}
