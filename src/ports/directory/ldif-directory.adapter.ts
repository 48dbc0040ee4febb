import { readFile, stat } from 'node:fs/promises';
import * as ldif from 'ldif';
import type { DirectoryData, Group, Person } from '../../domain/directory/person';
import { ConfigurationError } from '../../domain/shared/errors';
import type { DirectoryPort } from './directory.port';
import { INET_ORG_PERSON_ATTRIBUTES, itemsOf } from './attribute-mapping';
import { normaliseDn } from './dn';
import { DirectoryError } from './directory.errors';
import { asciiLdif } from './ldif-text';
import type { AttributeChanges, AttributeUpdate, PersonKey } from './directory.port';
import { matchesKey, searchByName } from './person-lookup';

type Attributes = Map<string, string[]>;

/**
 * Reads people and groups from a standard LDIF file (RFC 2849): `inetOrgPerson` entries are people
 * (identity = `mail`, case-insensitive), `groupOfNames` / `groupOfUniqueNames` entries are groups
 * whose members may be groups. Values may be base64 or, as OpenLDAP's tools accept, UTF-8 as it is.
 */
export class LdifDirectory implements DirectoryPort {
  /** The last parse, reused while the file is unchanged (live lookups would otherwise re-parse it). */
  private parsed?: { modified: number; size: number; data: DirectoryData };

  constructor(private readonly file: string) {}

  get description(): string {
    return `ldif:${this.file}`;
  }

  async read(): Promise<DirectoryData> {
    const { mtimeMs, size } = await stat(this.file);
    if (this.parsed?.modified === mtimeMs && this.parsed.size === size) return this.parsed.data;
    // Bytes, not text: a line folded inside a multibyte character is joined before it is decoded.
    const data = parseLdifDirectory(await readFile(this.file), this.file);
    this.parsed = { modified: mtimeMs, size, data };
    return data;
  }

  async findPerson(key: PersonKey): Promise<Person | undefined> {
    return (await this.read()).people.find((person) => matchesKey(person, key));
  }

  async searchPeople(query: string, limit: number): Promise<Person[]> {
    return searchByName((await this.read()).people, query, limit);
  }

  /** An LDIF file is a read-only export: changes belong in the directory it came from. */
  async updatePerson(_personId: string, _changes: AttributeChanges): Promise<AttributeUpdate> {
    throw new DirectoryError('DIRECTORY.READ_ONLY', `${this.description} is read-only; change the entry in the directory the file was exported from`);
  }

  async close(): Promise<void> {
    // Nothing held open.
  }
}

/** Parses LDIF (text, or the file's bytes) into people and groups. Exposed for tests and tools. */
export function parseLdifDirectory(content: string | Uint8Array, source = 'LDIF'): DirectoryData {
  let parsed: { entries: { dn: string; toObject(options: object): { attributes: Record<string, unknown> } }[] };
  const ascii = asciiLdif(content, source);
  try {
    parsed = ldif.parse(ascii.text) as typeof parsed;
  } catch (error) {
    const where = error as { location?: { start?: { line?: number } } };
    const line = where.location?.start?.line;
    throw new ConfigurationError('DIRECTORY.LDIF_SYNTAX', line ? `${source}:${ascii.sourceLine(line)}` : source, 'not valid LDIF', { cause: error });
  }
  const entries = (parsed.entries ?? []).map((entry) => ({ dn: normaliseDn(entry.dn), attributes: attributesOf(entry) }));
  const people: Person[] = [];
  const personByDn = new Map<string, string>();
  const groupDns = new Set<string>();
  for (const { dn, attributes } of entries) {
    const classes = (attributes.get('objectclass') ?? []).map((c) => c.toLowerCase());
    if (classes.includes('groupofnames') || classes.includes('groupofuniquenames')) groupDns.add(dn);
    else if (classes.includes('inetorgperson')) {
      const person = personFrom(dn, attributes);
      if (person) {
        people.push(person);
        personByDn.set(dn, person.id);
      }
    }
  }
  const groups: Group[] = [];
  for (const { dn, attributes } of entries) {
    if (!groupDns.has(dn)) continue;
    const members = [...(attributes.get('member') ?? []), ...(attributes.get('uniquemember') ?? [])].map((m) =>
      normaliseDn(m.replace(/#'[01]+'B$/, '')),
    );
    groups.push({
      id: dn,
      name: first(attributes, 'cn') ?? dn,
      memberPeople: members.flatMap((m) => {
        const id = personByDn.get(m);
        return id ? [id] : [];
      }),
      memberGroups: members.filter((m) => groupDns.has(m)),
    });
  }
  return { people, groups };
}

function attributesOf(entry: { toObject(options: object): { attributes: Record<string, unknown> } }): Attributes {
  const result: Attributes = new Map();
  const raw = entry.toObject({ decode: true }).attributes;
  for (const [name, value] of Object.entries(raw)) {
    const values = (Array.isArray(value) ? value : [value]).map((v) => (Buffer.isBuffer(v) ? v.toString('base64') : String(v)));
    result.set(name.toLowerCase(), [...(result.get(name.toLowerCase()) ?? []), ...values]);
  }
  return result;
}

function first(attributes: Attributes, name: string): string | undefined {
  return attributes.get(name)?.[0];
}

function personFrom(dn: string, attributes: Attributes): Person | undefined {
  const mail = first(attributes, 'mail');
  if (!mail) return undefined;
  const byItem = itemsOf(attributes, INET_ORG_PERSON_ATTRIBUTES);
  const givenName = first(attributes, 'givenname');
  const surname = first(attributes, 'sn');
  const person: Person = {
    id: mail.toLowerCase(),
    ref: dn,
    mail,
    displayName: first(attributes, 'displayname') ?? first(attributes, 'cn') ?? mail,
    attributes: byItem,
  };
  if (givenName) person.givenName = givenName;
  if (surname) person.surname = surname;
  const language = first(attributes, 'preferredlanguage');
  if (language) person.preferredLanguage = language;
  // The manager's DN (inetOrgPerson `manager`), resolved to a person by the directory index.
  const manager = first(attributes, 'manager');
  if (manager) person.managerRef = manager;
  return person;
}
