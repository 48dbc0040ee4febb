import { AndFilter, EqualityFilter, type Filter, NotFilter, OrFilter, ExtensibleFilter } from 'ldapts';
import { ACTIVE_DIRECTORY_ATTRIBUTES, type AttributeMapping, INET_ORG_PERSON_ATTRIBUTES } from '../attribute-mapping';

/** LDAP_MATCHING_RULE_IN_CHAIN: Active Directory follows nested membership server-side. */
export const IN_CHAIN = '1.2.840.113556.1.4.1941';
/** LDAP_MATCHING_RULE_BIT_AND, for userAccountControl flags. */
const BIT_AND = '1.2.840.113556.1.4.803';

/** How one kind of directory stores people and groups. */
export interface LdapProfile {
  name: 'inetOrgPerson' | 'activeDirectory';
  users: Filter;
  groups: Filter;
  /** Attributes that identify a person, in order: the first present one is the person's id. */
  idAttributes: readonly string[];
  /** Attributes matched when Teams or a user names a person by address. */
  addressAttributes: readonly string[];
  /** Attributes searched for a name. */
  nameAttributes: readonly string[];
  upnAttribute?: string;
  /** Member attributes of a group (direct members), or 'in-chain' to ask the server per group. */
  membership: { kind: 'member-attributes'; attributes: readonly string[] } | { kind: 'in-chain' };
  mapping: AttributeMapping;
  binaryAttributes: readonly string[];
}

const eq = (attribute: string, value: string): Filter => new EqualityFilter({ attribute, value });

export const INET_ORG_PERSON_PROFILE: LdapProfile = {
  name: 'inetOrgPerson',
  users: eq('objectClass', 'inetOrgPerson'),
  groups: new OrFilter({ filters: [eq('objectClass', 'groupOfNames'), eq('objectClass', 'groupOfUniqueNames')] }),
  idAttributes: ['mail'],
  addressAttributes: ['mail', 'uid'],
  nameAttributes: ['cn', 'displayName', 'mail'],
  membership: { kind: 'member-attributes', attributes: ['member', 'uniqueMember'] },
  mapping: INET_ORG_PERSON_ATTRIBUTES,
  binaryAttributes: ['jpegPhoto'],
};

export const ACTIVE_DIRECTORY_PROFILE: LdapProfile = {
  name: 'activeDirectory',
  // Enabled user accounts of people (not computers, not disabled: userAccountControl bit 2).
  users: new AndFilter({
    filters: [
      eq('objectCategory', 'person'),
      eq('objectClass', 'user'),
      new NotFilter({ filter: new ExtensibleFilter({ matchType: 'userAccountControl', rule: BIT_AND, value: '2' }) }),
    ],
  }),
  // Built-in groups (Domain Users, Administrators, …) are critical system objects; their members are
  // partly implicit (primaryGroupID), so a grant on them would silently match nobody.
  groups: new AndFilter({ filters: [eq('objectClass', 'group'), new NotFilter({ filter: eq('isCriticalSystemObject', 'TRUE') })] }),
  idAttributes: ['mail', 'userPrincipalName'],
  addressAttributes: ['mail', 'userPrincipalName', 'proxyAddresses'],
  nameAttributes: ['cn', 'displayName', 'mail', 'userPrincipalName'],
  upnAttribute: 'userPrincipalName',
  membership: { kind: 'in-chain' },
  mapping: ACTIVE_DIRECTORY_ATTRIBUTES,
  binaryAttributes: ['thumbnailPhoto', 'jpegPhoto', 'objectGUID'],
};

/** The filter for everyone in a group, nested groups included, as Active Directory resolves it. */
export function inChainMembersOf(profile: LdapProfile, groupDn: string): Filter {
  return new AndFilter({ filters: [profile.users, new ExtensibleFilter({ matchType: 'memberOf', rule: IN_CHAIN, value: groupDn })] });
}
