/** A colleague as the directory describes them. */
export interface Person {
  /** Stable key: lower-case mail address, or the UPN where there is no mail. */
  id: string;
  /** Where the directory keeps the entry: an LDAP DN or a Graph object id. */
  ref?: string;
  displayName: string;
  mail?: string;
  upn?: string;
  aadObjectId?: string;
  givenName?: string;
  surname?: string;
  /** Preferred language from the directory (`de`, `en`, …) where known. */
  preferredLanguage?: string;
  /** Where the directory keeps this person's manager, as that entry's `ref` (an LDAP DN, a Graph object id). */
  managerRef?: string;
  /** Directory attributes by catalogue item (seed 4.1.2): `{"F.13.3.1": ["+49 …"]}`. */
  attributes: Readonly<Record<string, readonly string[]>>;
}

/** A directory group; members may be people or other groups (nested, possibly in a cycle). */
export interface Group {
  /** Stable key: the DN or object id. */
  id: string;
  /** The name grants use: `cn` for LDAP, `displayName` for Graph. */
  name: string;
  /** Person ids of direct members. */
  memberPeople: readonly string[];
  /** Group ids of direct member groups. */
  memberGroups: readonly string[];
}

/** One consistent read of a directory. */
export interface DirectoryData {
  people: readonly Person[];
  groups: readonly Group[];
}

/** Every phone number the directory holds for the person (catalogue items F.13.x), as written there. */
export const phonesOf = (person: Person): string[] => Object.entries(person.attributes).flatMap(([item, values]) => (item.startsWith('F.13.') ? values : []));

/** The person's SIP addresses (F.16), as written there. */
export const sipAddressesOf = (person: Person): readonly string[] => person.attributes['F.16'] ?? [];
