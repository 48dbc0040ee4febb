import { z } from 'zod';
import { CATALOGUE_ITEMS } from '../../domain/catalogue/catalogue.data';
import { ConfigurationError } from '../../domain/shared/errors';

/**
 * Directory attribute (lower case) → catalogue item (seed 4.1.2), so that every attribute the bot
 * shows or exports is named by its item. The first attribute listed for an item is the one written
 * back on an update.
 */
export type AttributeMapping = Readonly<Record<string, string>>;

/** OpenLDAP / LDIF: the inetOrgPerson schema. */
export const INET_ORG_PERSON_ATTRIBUTES: AttributeMapping = {
  displayname: 'F.1',
  givenname: 'F.1.1',
  sn: 'F.1.2',
  mail: 'F.2.1',
  title: 'F.3',
  o: 'F.4',
  ou: 'F.5',
  physicaldeliveryofficename: 'F.6',
  roomnumber: 'F.6',
  street: 'F.9.1',
  postalcode: 'F.9.2',
  l: 'F.9.3',
  st: 'F.9.4',
  c: 'F.9.5',
  telephonenumber: 'F.13.1',
  mobile: 'F.13.3.1',
  pager: 'F.13.3.4',
  homephone: 'F.13.4',
  facsimiletelephonenumber: 'F.13.13',
  jpegphoto: 'F.14',
  labeleduri: 'F.15',
  description: 'F.19',
};

/** Active Directory user attributes. */
export const ACTIVE_DIRECTORY_ATTRIBUTES: AttributeMapping = {
  userprincipalname: 'F.0',
  displayname: 'F.1',
  givenname: 'F.1.1',
  sn: 'F.1.2',
  mail: 'F.2.1',
  title: 'F.3',
  company: 'F.4',
  department: 'F.5',
  physicaldeliveryofficename: 'F.6',
  streetaddress: 'F.9.1',
  postalcode: 'F.9.2',
  l: 'F.9.3',
  st: 'F.9.4',
  co: 'F.9.5',
  telephonenumber: 'F.13.1',
  othertelephone: 'F.13.2',
  mobile: 'F.13.3.1',
  pager: 'F.13.3.4',
  homephone: 'F.13.4',
  otherhomephone: 'F.13.5',
  facsimiletelephonenumber: 'F.13.13',
  otherfacsimiletelephonenumber: 'F.13.14',
  thumbnailphoto: 'F.14',
  wwwhomepage: 'F.15',
  'msrtcsip-primaryuseraddress': 'F.16',
  info: 'F.19',
};

const ITEM_IDS = new Set(CATALOGUE_ITEMS.map((i) => i.id));

/** A mapping file (`LDAP_MAPPING_FILE`): `{"attribute": "F.x", …}`, replacing the profile's. */
export const mappingFileSchema = z.record(
  z.string().min(1),
  z.string().refine((item) => ITEM_IDS.has(item), { message: 'not a catalogue item of seed 4.1.2' }),
);

export function parseMappingFile(input: unknown, source: string): AttributeMapping {
  const parsed = mappingFileSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigurationError('DIRECTORY.MAPPING_INVALID', `${source}: ${issue?.path.join('.') || 'mapping'}`, issue?.message ?? 'invalid');
  }
  return Object.fromEntries(Object.entries(parsed.data).map(([attribute, item]) => [attribute.toLowerCase(), item]));
}

/** Values by catalogue item from values by attribute (names matched case-insensitively). */
export function itemsOf(attributes: ReadonlyMap<string, readonly string[]>, mapping: AttributeMapping): Record<string, string[]> {
  const byItem: Record<string, string[]> = {};
  for (const [name, values] of attributes) {
    const item = mapping[name.toLowerCase()];
    // concat/slice give arrays of exactly their length; a spread into a literal over-allocates (~150 bytes for one value).
    if (item && values.length > 0) byItem[item] = byItem[item]?.concat(values) ?? values.slice();
  }
  return byItem;
}

/** The attribute an item is written to: the first one the mapping lists for it. */
export function attributeFor(item: string, mapping: AttributeMapping): string | undefined {
  return Object.entries(mapping).find(([, mapped]) => mapped === item)?.[0];
}
