import type { DirectoryData, Person } from '../../domain/directory/person';

/** How a person is looked up live: the keys Teams (and the directory) know them by. */
export interface PersonKey {
  mail?: string;
  upn?: string;
  /** Entra object id (Microsoft Graph). */
  objectId?: string;
}

/** New values per catalogue item (seed 4.1.2); an empty list removes the attribute. */
export type AttributeChanges = Readonly<Record<string, readonly string[]>>;

/** What an update changed, per catalogue item: the values before and after. */
export interface AttributeUpdate {
  personId: string;
  before: Record<string, string[]>;
  after: Record<string, string[]>;
}

/**
 * Where people and groups come from: an LDIF file, LDAP (OpenLDAP, Active Directory) or
 * Microsoft Graph. A read returns one consistent snapshot; callers index it in memory so that no
 * question waits on the directory. Failures are `DirectoryError`s with stable codes.
 */
export interface DirectoryPort {
  /** What this adapter reads from, for logs and `/healthz` (never a secret). */
  readonly description: string;
  /** Reads every person and group the bot may answer about. */
  read(): Promise<DirectoryData>;
  /** Looks one person up live — someone who joined after the last read. */
  findPerson(key: PersonKey): Promise<Person | undefined>;
  /** Searches people by name or mail live, at most `limit` of them. */
  searchPeople(query: string, limit: number): Promise<Person[]>;
  /**
   * Changes one person's attributes (named by catalogue item) and returns the values before and
   * after — for rectification requests (Art. 16 GDPR).
   */
  updatePerson(personId: string, changes: AttributeChanges): Promise<AttributeUpdate>;
  close(): Promise<void>;
}
