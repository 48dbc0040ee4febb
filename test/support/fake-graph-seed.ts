import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { shipped } from '../../src/config/paths';
import type { Person } from '../../src/domain/directory/person';
import { parseLdifDirectory } from '../../src/ports/directory/ldif-directory.adapter';
import type { FakeUser } from './fake-graph-query';
import { normaliseDn } from '../../src/domain/directory/dn';

export interface FakeMember {
  type: 'user' | 'group' | 'orgContact';
  id: string;
}

export interface FakeGroup {
  id: string;
  displayName: string;
  members: FakeMember[];
}

export interface FakeGraphSeed {
  users: FakeUser[];
  groups: FakeGroup[];
}

/** A stable made-up object id (a name-based GUID), so that tests can name objects by it. */
export function guidOf(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const userIdOf = (personId: string): string => guidOf(`user:${personId}`);
export const groupIdOf = (ldifGroupId: string): string => guidOf(`group:${ldifGroupId}`);

/** UPNs differ from mail addresses, as in many tenants; Liam's carries an apostrophe. */
export function upnOf(personId: string): string {
  const local = personId.split('@')[0] ?? personId;
  return `${local === 'liam.obrien' ? "liam.o'brien" : local}@example.onmicrosoft.com`;
}

/** Catalogue item → Graph user property, written out here independently of the adapter's table. */
const PROPERTY_OF_ITEM: Record<string, string> = {
  'F.3': 'jobTitle',
  'F.4': 'companyName',
  'F.5': 'department',
  'F.6': 'officeLocation',
  'F.9.1': 'streetAddress',
  'F.9.2': 'postalCode',
  'F.9.3': 'city',
  'F.9.4': 'state',
  'F.9.5': 'country',
  'F.13.3.1': 'mobilePhone',
  'F.13.13': 'faxNumber',
};

function userOf(person: Person): FakeUser {
  const user: FakeUser = {
    id: userIdOf(person.id),
    accountEnabled: true,
    displayName: person.displayName,
    givenName: person.givenName ?? null,
    surname: person.surname ?? null,
    mail: person.mail ?? null,
    userPrincipalName: upnOf(person.id),
    businessPhones: [...(person.attributes['F.13.1'] ?? [])],
    preferredLanguage: person.preferredLanguage === 'de' ? 'de-DE' : person.preferredLanguage === 'en' ? 'en-US' : null,
  };
  for (const [item, property] of Object.entries(PROPERTY_OF_ITEM)) user[property] = person.attributes[item]?.[0] ?? null;
  return user;
}

/**
 * The demo organisation (data/demo/demo-org.ldif) as a Microsoft Graph tenant: the same people and
 * groups (group displayName = LDIF cn), so that the grants file gives the same answers from either.
 * Added on top, as Graph has them: a disabled account and a mail contact among group members,
 * both of which a read must leave out.
 */
export function demoGraphSeed(): FakeGraphSeed {
  const ldif = parseLdifDirectory(readFileSync(shipped('data', 'demo', 'demo-org.ldif'), 'utf8'));
  const disabled: FakeUser = {
    ...userOf({ id: 'dieter.disabled@example.com', mail: 'dieter.disabled@example.com', displayName: 'Dieter Disabled', attributes: {} }),
    accountEnabled: false,
  };
  // Managers as Graph keeps them: the manager's object id.
  const idByDn = new Map(ldif.people.map((person) => [normaliseDn(person.ref ?? ''), person.id]));
  const users = [
    ...ldif.people.map((person) => {
      const manager = person.managerRef ? idByDn.get(normaliseDn(person.managerRef)) : undefined;
      return { ...userOf(person), ...(manager ? { managerId: userIdOf(manager) } : {}) };
    }),
    disabled,
  ];
  const groups = ldif.groups.map<FakeGroup>((group) => ({
    id: groupIdOf(group.id),
    displayName: group.name,
    members: [
      ...group.memberPeople.map((id) => ({ type: 'user' as const, id: userIdOf(id) })),
      ...group.memberGroups.map((id) => ({ type: 'group' as const, id: groupIdOf(id) })),
    ],
  }));
  const sales = groups.find((g) => g.displayName === 'Sales');
  sales?.members.push({ type: 'user', id: disabled.id }, { type: 'orgContact', id: guidOf('contact:kai.kreativ@agentur.example') });
  return { users, groups };
}
