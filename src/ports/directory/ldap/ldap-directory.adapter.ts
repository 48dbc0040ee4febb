import { AndFilter, Attribute, Change, Client, type Entry, EqualityFilter, type Filter, FilterParser, GreaterThanEqualsFilter, OrFilter, SubstringFilter } from 'ldapts';
import type { ConnectionOptions } from 'node:tls';
import type { DirectoryData, Group, Person } from '../../../domain/directory/person';
import { ConfigurationError } from '../../../domain/shared/errors';
import { type AttributeMapping, attributeFor, itemsOf } from '../attribute-mapping';
import { DirectoryError } from '../directory.errors';
import type { AttributeChanges, AttributeUpdate, DirectoryPort, PersonKey } from '../directory.port';
import { normaliseDn } from '../dn';
import { translateLdapError } from './ldap-errors';
import { inChainMembersOf, type LdapProfile } from './ldap-profile';

export interface LdapDirectoryOptions {
  url: string;
  baseDn: string;
  bind?: { dn: string; password: string };
  profile: LdapProfile;
  /** Replaces the profile's attribute → catalogue item mapping. */
  mapping?: AttributeMapping;
  /** Replace the profile's filters (administrators' `LDAP_USER_FILTER`, `LDAP_GROUP_FILTER`). */
  userFilter?: string;
  groupFilter?: string;
  /** PEM of the CA that signed the server's certificate (ldaps:// and StartTLS). */
  ca?: Buffer;
  startTls: boolean;
  timeoutMs: number;
  pageSize: number;
  /** Searches of Active Directory's in-chain membership run this many at a time. */
  concurrency?: number;
}

type Values = string[];

/**
 * People and groups from LDAP through ldapts: OpenLDAP (inetOrgPerson, groupOfNames /
 * groupOfUniqueNames) or Active Directory (nested groups through LDAP_MATCHING_RULE_IN_CHAIN).
 * Every operation opens its own connection, so a restarted server is simply reached again; every
 * filter is built from ldapts filter objects, so no value is ever spliced into filter text.
 */
export class LdapDirectory implements DirectoryPort {
  /** Whether the last `read()` fetched only what changed since the one before. */
  lastReadWasIncremental = false;
  private cache?: { people: Map<string, Person>; stamp: string };
  private readonly users: Filter;
  private readonly groups: Filter;
  private readonly mapping: AttributeMapping;

  constructor(private readonly options: LdapDirectoryOptions) {
    this.users = parseFilter(options.userFilter, 'LDAP_USER_FILTER') ?? options.profile.users;
    this.groups = parseFilter(options.groupFilter, 'LDAP_GROUP_FILTER') ?? options.profile.groups;
    this.mapping = options.mapping ?? options.profile.mapping;
  }

  get description(): string {
    return `ldap:${this.options.url}/${this.options.baseDn} (${this.options.profile.name})`;
  }

  async read(): Promise<DirectoryData> {
    return this.withClient(async (client) => {
      const byDn = await this.readPeople(client);
      const people = [...byDn.values()];
      const personByDn = new Map([...byDn].map(([dn, person]) => [dn, person.id]));
      const membership = this.options.profile.membership;
      const groupEntries = await this.search(client, this.groups, ['cn', ...(membership.kind === 'member-attributes' ? membership.attributes : [])]);
      const groupDns = new Set(groupEntries.map((e) => normaliseDn(e.dn)));
      const groups: Group[] =
        membership.kind === 'in-chain'
          ? await this.inChainGroups(client, groupEntries, personByDn)
          : groupEntries.map((entry) => {
              const members = membership.attributes.flatMap((a) => values(entry, a)).map((m) => normaliseDn(m.replace(/#'[01]+'B$/, '')));
              return {
                id: normaliseDn(entry.dn),
                name: first(entry, 'cn') ?? entry.dn,
                memberPeople: members.flatMap((m) => personByDn.get(m) ?? []),
                memberGroups: members.filter((m) => groupDns.has(m)),
              };
            });
      return { people, groups };
    });
  }

  /**
   * People by normalised DN. After a first full read, a refresh reads incrementally: the DNs of all
   * people (no attributes) to see who left, and whole entries only for those whose
   * `modifyTimestamp` is at or after the newest one seen. A DN neither cached nor changed (an entry
   * restored with an old timestamp) makes it a full read again.
   */
  private async readPeople(client: Client): Promise<Map<string, Person>> {
    const cache = this.cache;
    this.lastReadWasIncremental = false;
    if (cache) {
      const listed = (await this.search(client, this.users, ['1.1'])).map((e) => normaliseDn(e.dn));
      const changedFilter = new AndFilter({ filters: [this.users, new GreaterThanEqualsFilter({ attribute: 'modifyTimestamp', value: cache.stamp })] });
      const changed = new Map((await this.search(client, changedFilter, this.personAttributes())).map((e) => [normaliseDn(e.dn), e]));
      if (listed.every((dn) => changed.has(dn) || cache.people.has(dn))) {
        const people = new Map<string, Person>();
        let stamp = cache.stamp;
        for (const dn of listed) {
          const entry = changed.get(dn);
          const person = entry ? this.personFrom(entry) : cache.people.get(dn);
          if (person) people.set(dn, person);
          const modified = entry ? first(entry, 'modifyTimestamp') : undefined;
          if (modified && modified > stamp) stamp = modified;
        }
        this.cache = { people, stamp };
        this.lastReadWasIncremental = true;
        return people;
      }
    }
    const people = new Map<string, Person>();
    let stamp = '';
    for await (const page of this.pages(client, this.users, this.personAttributes())) {
      for (const entry of page) {
        const person = this.personFrom(entry);
        if (person) people.set(normaliseDn(entry.dn), person);
        const modified = first(entry, 'modifyTimestamp');
        if (modified && modified > stamp) stamp = modified;
      }
    }
    this.cache = stamp ? { people, stamp } : undefined;
    return people;
  }

  async findPerson(key: PersonKey): Promise<Person | undefined> {
    const wanted = [key.mail, key.upn].map((v) => clean(v ?? '')).filter(Boolean);
    if (wanted.length === 0) return undefined;
    const byAddress = new OrFilter({
      filters: this.options.profile.addressAttributes.flatMap((attribute) =>
        wanted.map((value) => new EqualityFilter({ attribute, value: attribute === 'proxyAddresses' ? `smtp:${value}` : value })),
      ),
    });
    return this.withClient(async (client) => {
      const [entry] = await this.search(client, new AndFilter({ filters: [this.users, byAddress] }), this.personAttributes(), 1);
      return entry ? this.personFrom(entry) : undefined;
    });
  }

  async searchPeople(query: string, limit: number): Promise<Person[]> {
    const text = clean(query);
    if (text === '') return [];
    const byName = new OrFilter({ filters: this.options.profile.nameAttributes.map((attribute) => new SubstringFilter({ attribute, any: [text] })) });
    return this.withClient(async (client) => {
      const entries = await this.search(client, new AndFilter({ filters: [this.users, byName] }), this.personAttributes(), limit);
      return entries.flatMap((entry) => this.personFrom(entry) ?? []).slice(0, limit);
    });
  }

  async updatePerson(personId: string, changes: AttributeChanges): Promise<AttributeUpdate> {
    const modifications = Object.entries(changes).map(([item, newValues]) => {
      const attribute = attributeFor(item, this.mapping);
      if (!attribute) throw new DirectoryError('DIRECTORY.INVALID_CHANGE', `no directory attribute is mapped to catalogue item ${item}`);
      return new Change({ operation: 'replace', modification: new Attribute({ type: attribute, values: [...newValues] }) });
    });
    return this.withClient(async (client) => {
      const entry = await this.entryOf(client, personId);
      if (!entry) throw new DirectoryError('DIRECTORY.NOT_FOUND', `${this.description}: no person ${personId}`);
      const before = this.itemsOfEntry(entry, Object.keys(changes));
      if (modifications.length > 0) await client.modify(entry.dn, modifications);
      const updated = await this.entryOf(client, personId);
      const after = updated ? this.itemsOfEntry(updated, Object.keys(changes)) : {};
      return { personId, before, after };
    });
  }

  async close(): Promise<void> {
    // Connections are opened per operation and closed after it.
  }

  private async entryOf(client: Client, personId: string): Promise<Entry | undefined> {
    const byId = new OrFilter({ filters: this.options.profile.idAttributes.map((attribute) => new EqualityFilter({ attribute, value: personId })) });
    const [entry] = await this.search(client, new AndFilter({ filters: [this.users, byId] }), this.personAttributes(), 1);
    return entry;
  }

  private itemsOfEntry(entry: Entry, items: readonly string[]): Record<string, string[]> {
    const all = itemsOf(attributesOf(entry), this.mapping);
    return Object.fromEntries(items.map((item) => [item, all[item] ?? []]));
  }

  /** Active Directory: the server resolves each group's members through nested groups. */
  private async inChainGroups(client: Client, groupEntries: Entry[], personByDn: Map<string, string>): Promise<Group[]> {
    const groups: Group[] = [];
    const queue = [...groupEntries];
    const worker = async (): Promise<void> => {
      for (let entry = queue.shift(); entry; entry = queue.shift()) {
        const members = await this.search(client, inChainMembersOf(this.options.profile, entry.dn), ['1.1']);
        groups.push({
          id: normaliseDn(entry.dn),
          name: first(entry, 'cn') ?? entry.dn,
          memberPeople: members.flatMap((m) => personByDn.get(normaliseDn(m.dn)) ?? []),
          memberGroups: [],
        });
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency ?? 4 }, worker));
    return groups.sort((a, b) => a.id.localeCompare(b.id));
  }

  private personAttributes(): string[] {
    const profile = this.options.profile;
    return [
      ...new Set([...Object.keys(this.mapping), ...profile.idAttributes, ...profile.nameAttributes, ...(profile.upnAttribute ? [profile.upnAttribute] : []), 'cn', 'preferredLanguage', 'manager', 'modifyTimestamp']),
    ];
  }

  private personFrom(entry: Entry): Person | undefined {
    const profile = this.options.profile;
    // Every attribute converted once, found by lower-case name (not a scan of the entry's keys per lookup).
    const attributes = attributesOf(entry);
    const get = (attribute: string): string | undefined => attributes.get(attribute.toLowerCase())?.[0];
    const idValue = profile.idAttributes.map(get).find(Boolean);
    if (!idValue) return undefined;
    const mail = get('mail');
    const upn = profile.upnAttribute ? get(profile.upnAttribute) : undefined;
    const person: Person = {
      id: idValue.toLowerCase(),
      ref: entry.dn,
      displayName: get('displayName') ?? get('cn') ?? idValue,
      attributes: itemsOf(attributes, this.mapping),
    };
    if (mail) person.mail = mail;
    if (upn) person.upn = upn;
    const givenName = get('givenName');
    const surname = get('sn');
    const language = get('preferredLanguage');
    if (givenName) person.givenName = givenName;
    if (surname) person.surname = surname;
    if (language) person.preferredLanguage = language;
    // The manager's DN (`manager`, in OpenLDAP and Active Directory alike), resolved by the directory index.
    const manager = get('manager');
    if (manager) person.managerRef = manager;
    return person;
  }

  private async search(client: Client, filter: Filter, attributes: string[], sizeLimit = 0): Promise<Entry[]> {
    const { searchEntries } = await client.search(this.options.baseDn, {
      scope: 'sub',
      filter,
      attributes,
      sizeLimit,
      paged: sizeLimit > 0 && sizeLimit <= this.options.pageSize ? false : { pageSize: this.options.pageSize },
      explicitBufferAttributes: [...this.options.profile.binaryAttributes],
    });
    // References to other servers (Active Directory's DomainDnsZones, …) are not followed.
    return searchEntries;
  }

  /** One page at a time: nothing of a page stays reachable once the caller has converted it. */
  private async *pages(client: Client, filter: Filter, attributes: string[]): AsyncGenerator<Entry[]> {
    for await (const page of client.searchPaginated(this.options.baseDn, {
      scope: 'sub',
      filter,
      attributes,
      paged: { pageSize: this.options.pageSize },
      explicitBufferAttributes: [...this.options.profile.binaryAttributes],
    })) {
      yield page.searchEntries;
    }
  }

  private async withClient<T>(operation: (client: Client) => Promise<T>): Promise<T> {
    const { url, ca, timeoutMs } = this.options;
    const tlsOptions: ConnectionOptions = ca ? { ca: [ca] } : {};
    // TLS options belong to the Client only for ldaps://; with them set, StartTLS on ldap:// fails.
    const secure = url.startsWith('ldaps:');
    const client = new Client({ url, timeout: timeoutMs, connectTimeout: timeoutMs, strictDN: false, ...(secure ? { tlsOptions } : {}) });
    try {
      if (this.options.startTls) await client.startTLS(tlsOptions);
      if (this.options.bind) await client.bind(this.options.bind.dn, this.options.bind.password);
      return await operation(client);
    } catch (error) {
      throw translateLdapError(error, url);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }
}

/**
 * Control characters never belong in a name or address; OpenLDAP would match a NUL as an empty
 * substring — everyone — so they are dropped before a value reaches a filter object.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const clean = (value: string): string => value.replace(/[\u0000-\u001f\u007f]/g, '').trim();

function parseFilter(text: string | undefined, variable: string): Filter | undefined {
  if (text === undefined) return undefined;
  try {
    return FilterParser.parseString(text);
  } catch (error) {
    throw new ConfigurationError('CONFIG.INVALID', variable, 'not a valid LDAP filter (RFC 4515)', { cause: error });
  }
}

function values(entry: Entry, attribute: string): Values {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  if (!key || key === 'dn') return [];
  return toValues(entry[key]);
}

function toValues(raw: Entry[string] | undefined): Values {
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map((v) => (Buffer.isBuffer(v) ? v.toString('base64') : String(v)));
}

function first(entry: Entry, attribute: string): string | undefined {
  return values(entry, attribute)[0];
}

function attributesOf(entry: Entry): Map<string, Values> {
  const attributes = new Map<string, Values>();
  for (const key of Object.keys(entry)) if (key !== 'dn') attributes.set(key.toLowerCase(), toValues(entry[key]));
  return attributes;
}
