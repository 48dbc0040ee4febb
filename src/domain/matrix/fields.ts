/**
 * The (contact) details and actions that seed 4.3.2.7 governs by permission level: the union of
 * the internal-user table and the external (federation) table, with the ids of docs/glossary.md.
 */
export const FIELD_IDS = [
  'displayName',
  'email',
  'presence',
  'chat',
  'publicAppointments',
  'line1OutgoingNumbers',
  'line1IncomingNumbers',
  'line1Forwarding',
  'setPresence',
  'line1Pickup',
  'line2OutgoingNumbers',
  'line2IncomingNumbers',
  'line2Forwarding',
  'privateAppointments',
  'line1SetForwarding',
  'line2SetForwarding',
  'line2Pickup',
  'jobTitle',
  'company',
  'businessPhone',
  'office',
  'businessAddress',
  'website',
  'note',
  'mobile',
  'privatePhone',
  'otherPhone',
] as const;
export type FieldId = (typeof FIELD_IDS)[number];

/** A detail is seen (visible/hidden); an action is done (possible/prevented). */
export type FieldKind = 'detail' | 'action';

export interface FieldDefinition {
  id: FieldId;
  kind: FieldKind;
  de: string;
  en: string;
  /** Catalogue items (seed 4.1.2) that hold this detail, where the seed names them. */
  items: readonly string[];
  /** The detail as a noun, for headings ("Presence" where the row says "See presence"). */
  topic: { de: string; en: string };
}

const f = (id: FieldId, kind: FieldKind, de: string, en: string, items: string[] = [], topic = { de, en }): FieldDefinition => ({
  id,
  kind,
  de,
  en,
  items,
  topic,
});

/** Labels follow the seed's internal table where a row is in both tables (docs/glossary.md). */
export const FIELDS: Readonly<Record<FieldId, FieldDefinition>> = {
  displayName: f('displayName', 'detail', 'Anzeigename', 'Display name', ['F.1']),
  email: f('email', 'detail', 'E-Mail Adresse', 'Email address', ['F.2.1', 'F.2.2', 'F.2.3']),
  presence: f('presence', 'detail', 'Präsenz sehen', 'See presence', ['F.20'], { de: 'Präsenz', en: 'Presence' }),
  chat: f('chat', 'action', 'Chat', 'Chat', ['C.1.4']),
  publicAppointments: f('publicAppointments', 'detail', 'Öffentliche Termine sehen', 'See public appointments', ['F.7', 'F.8.1', 'F.8.2'], { de: 'Öffentliche Termine', en: 'Public appointments' }),
  line1OutgoingNumbers: f('line1OutgoingNumbers', 'detail', 'Nebenstelle 1: Abgehende Rufnummern sehen', 'Line 1: see outgoing numbers', [], { de: 'Nebenstelle 1: Abgehende Rufnummern', en: 'Line 1: outgoing numbers' }),
  line1IncomingNumbers: f('line1IncomingNumbers', 'detail', 'Nebenstelle 1: Ankommende Rufnummern sehen', 'Line 1: see incoming numbers', [], { de: 'Nebenstelle 1: Ankommende Rufnummern', en: 'Line 1: incoming numbers' }),
  line1Forwarding: f('line1Forwarding', 'detail', 'Nebenstelle 1: Umleitungen sehen', 'Line 1: see call forwarding', [], { de: 'Nebenstelle 1: Umleitungen', en: 'Line 1: call forwarding' }),
  setPresence: f('setPresence', 'action', 'Präsenz setzen', 'Set presence', ['F.20']),
  line1Pickup: f('line1Pickup', 'action', 'Nebenstelle 1: Anruf heranholen (Pick-up-Funktion)', 'Line 1: pick up a call'),
  line2OutgoingNumbers: f('line2OutgoingNumbers', 'detail', 'Nebenstelle 2: Abgehende Rufnummern sehen', 'Line 2: see outgoing numbers', [], { de: 'Nebenstelle 2: Abgehende Rufnummern', en: 'Line 2: outgoing numbers' }),
  line2IncomingNumbers: f('line2IncomingNumbers', 'detail', 'Nebenstelle 2: Ankommende Rufnummern sehen', 'Line 2: see incoming numbers', [], { de: 'Nebenstelle 2: Ankommende Rufnummern', en: 'Line 2: incoming numbers' }),
  line2Forwarding: f('line2Forwarding', 'detail', 'Nebenstelle 2: Umleitung sehen', 'Line 2: see call forwarding', [], { de: 'Nebenstelle 2: Umleitung', en: 'Line 2: call forwarding' }),
  privateAppointments: f('privateAppointments', 'detail', 'Private Termine sehen', 'See private appointments', ['F.7', 'F.8.1', 'F.8.2'], { de: 'Private Termine', en: 'Private appointments' }),
  line1SetForwarding: f('line1SetForwarding', 'action', 'Nebenstelle 1: Umleitung setzen', 'Line 1: set call forwarding'),
  line2SetForwarding: f('line2SetForwarding', 'action', 'Nebenstelle 2: Umleitung setzen', 'Line 2: set call forwarding'),
  line2Pickup: f('line2Pickup', 'action', 'Nebenstelle 2: Anruf heranholen (Pick-up-Funktion)', 'Line 2: pick up a call'),
  jobTitle: f('jobTitle', 'detail', 'Stellenbezeichnung', 'Job title', ['F.3']),
  company: f('company', 'detail', 'Name der Firma', 'Company name', ['F.4']),
  businessPhone: f('businessPhone', 'detail', 'Telefon, geschäftlich', 'Business phone', ['F.13.1']),
  office: f('office', 'detail', 'Büro', 'Office', ['F.6']),
  businessAddress: f('businessAddress', 'detail', 'Adresse, geschäftlich', 'Business address', ['F.9.1', 'F.9.2', 'F.9.3', 'F.9.4', 'F.9.5']),
  website: f('website', 'detail', 'SharePoint/Webseite', 'SharePoint / website', ['F.15']),
  note: f('note', 'detail', 'Notiz', 'Note', ['F.12']),
  mobile: f('mobile', 'detail', 'Mobilnummer', 'Mobile number', ['F.13.3.1']),
  privatePhone: f('privatePhone', 'detail', 'Telefon, privat', 'Private phone', ['F.13.4', 'F.13.5', 'F.13.6']),
  otherPhone: f('otherPhone', 'detail', 'Andere Rufnummer', 'Other phone number', ['F.13.2']),
};

export function isFieldId(value: string): value is FieldId {
  return (FIELD_IDS as readonly string[]).includes(value);
}
