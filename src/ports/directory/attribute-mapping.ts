/**
 * Directory attribute → catalogue item (seed 4.1.2) for the inetOrgPerson schema (OpenLDAP and
 * LDIF files), so that every attribute the bot shows or exports is named by its item.
 * Attribute names are matched case-insensitively.
 */
export const INET_ORG_PERSON_ATTRIBUTES: Readonly<Record<string, string>> = {
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
