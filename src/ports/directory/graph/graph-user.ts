import type { Person } from '../../../domain/directory/person';
import { DirectoryError } from '../directory.errors';
import type { AttributeChanges } from '../directory.port';

/**
 * Microsoft Graph user property → catalogue item (seed 4.1.2), so that every property the bot
 * shows or exports is named by its item. Each item has one property, which an update writes back.
 */
export const GRAPH_USER_ATTRIBUTES = {
  userPrincipalName: 'F.0',
  displayName: 'F.1',
  givenName: 'F.1.1',
  surname: 'F.1.2',
  mail: 'F.2.1',
  jobTitle: 'F.3',
  companyName: 'F.4',
  department: 'F.5',
  officeLocation: 'F.6',
  streetAddress: 'F.9.1',
  postalCode: 'F.9.2',
  city: 'F.9.3',
  state: 'F.9.4',
  country: 'F.9.5',
  businessPhones: 'F.13.1',
  mobilePhone: 'F.13.3.1',
  faxNumber: 'F.13.13',
} as const satisfies Record<string, string>;

export type GraphUserProperty = keyof typeof GRAPH_USER_ATTRIBUTES;

/** Multi-valued user properties (string collections); every other mapped property is one string. */
const COLLECTIONS: ReadonlySet<GraphUserProperty> = new Set(['businessPhones']);

/** The properties every user request selects (`$select`). */
export const USER_SELECT: readonly string[] = [
  'id',
  'displayName',
  'givenName',
  'surname',
  'mail',
  'userPrincipalName',
  'jobTitle',
  'department',
  'companyName',
  'officeLocation',
  'businessPhones',
  'mobilePhone',
  'faxNumber',
  'streetAddress',
  'postalCode',
  'city',
  'state',
  'country',
  'preferredLanguage',
  'accountEnabled',
];

/** A user as Graph sends it: the selected properties, each possibly null or missing. */
export interface GraphUser {
  id: string;
  accountEnabled?: boolean | null;
  preferredLanguage?: string | null;
  [property: string]: unknown;
}

/** Values by catalogue item of a Graph user; empty strings, nulls and empty lists are left out. */
export function itemsOfUser(user: GraphUser): Record<string, string[]> {
  const byItem: Record<string, string[]> = {};
  for (const [property, item] of Object.entries(GRAPH_USER_ATTRIBUTES)) {
    const raw = user[property];
    const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string' && v !== '');
    if (values.length > 0) byItem[item] = values;
  }
  return byItem;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * The person a Graph user is, or undefined for a disabled account or one without mail and UPN.
 * Identity is the lower-case mail, else the UPN, as for the other adapters, so that grants name
 * people the same way whichever directory serves them.
 */
export function personOfUser(user: GraphUser): Person | undefined {
  if (user.accountEnabled === false) return undefined;
  const mail = text(user['mail']);
  const upn = text(user['userPrincipalName']);
  const key = mail ?? upn;
  if (!key) return undefined;
  const person: Person = {
    id: key.toLowerCase(),
    ref: user.id,
    aadObjectId: user.id,
    displayName: text(user['displayName']) ?? key,
    attributes: itemsOfUser(user),
  };
  if (mail) person.mail = mail;
  if (upn) person.upn = upn;
  const givenName = text(user['givenName']);
  const surname = text(user['surname']);
  if (givenName) person.givenName = givenName;
  if (surname) person.surname = surname;
  // Graph keeps an ISO 639-1 / 3166 tag (`de-DE`); the bot speaks by language (`de`).
  const language = text(user.preferredLanguage)?.split(/[-_]/)[0]?.toLowerCase();
  if (language) person.preferredLanguage = language;
  // `$expand=manager($select=id)` on a listing; `/users/delta` reports it as `manager@delta` (see graph-users.ts).
  const manager = text((user.manager as { id?: unknown } | null | undefined)?.id);
  if (manager) person.managerRef = manager;
  return person;
}

/** The property an item is written to. */
export function propertyFor(item: string): GraphUserProperty | undefined {
  return (Object.keys(GRAPH_USER_ATTRIBUTES) as GraphUserProperty[]).find((property) => GRAPH_USER_ATTRIBUTES[property] === item);
}

/**
 * The PATCH body for changes by catalogue item: a collection takes the list (empty clears it),
 * a single-valued property its one value or null to clear it.
 */
export function patchOf(changes: AttributeChanges): Record<string, string | string[] | null> {
  const body: Record<string, string | string[] | null> = {};
  for (const [item, values] of Object.entries(changes)) {
    const property = propertyFor(item);
    if (!property) throw new DirectoryError('DIRECTORY.INVALID_CHANGE', `no Microsoft Graph user property is mapped to catalogue item ${item}`);
    if (COLLECTIONS.has(property)) {
      body[property] = [...values];
    } else if (values.length > 1) {
      throw new DirectoryError('DIRECTORY.INVALID_CHANGE', `catalogue item ${item} (${property}) takes one value in Microsoft Graph, got ${values.length}`);
    } else {
      body[property] = values[0] ?? null;
    }
  }
  return body;
}
