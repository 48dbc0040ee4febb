/**
 * Catalogue of the personal data processed by ProCall, transcribed from the seed document
 * (seed/000_2dd9cb07f132d5b3.txt), sections 4.1.1–4.1.4 and 5.4. Pure data, no logic.
 */

/** Category prefixes of seed 4.1.2. */
export type CategoryId = 'F' | 'H' | 'T' | 'C' | 'L';

/** How long a category is kept (seed 4.1.3). */
export type RetentionRule =
  | { kind: 'untilUserDeleted' }
  | { kind: 'configurable'; minDays: number }
  | { kind: 'notPossible' }
  | { kind: 'sizeLimited' };

export interface Localised { de: string; en: string }

export interface CatalogueItem {
  /** Seed numbering, verbatim: "F.13.3.1". */
  id: string;
  category: CategoryId;
  /** German label as in the seed (typos and abbreviations fixed only where obviously broken by extraction, e.g. missing space; F.13.3.4 is "Pager", see there). */
  de: string;
  /** English label. */
  en: string;
  /** Technical field name from the seed's square brackets, verbatim (case kept: "Sn", "L", "St", "C", "homephone"); absent when the seed gives none. */
  field?: string;
  /** Heading group for sub-numbered items, e.g. F.9.1 → { de: 'Anschrift, geschäftlich', en: 'Business address' }; absent otherwise. */
  group?: Localised;
}

export interface Category {
  id: CategoryId;
  /** Names as in docs/glossary.md: F → Favoriten/Federation, favourites / federation contacts. */
  name: Localised;
  /** The product function the category serves (seed 4.1.1 lists the functions). */
  purpose: Localised;
  /** Seed 4.1.3. */
  retention: RetentionRule;
  /** The seed's wording, and an English translation. */
  retentionText: Localised;
  /** Where the data can be looked up (seed 4.1.4, which lists no origin for L). */
  origin: Localised;
}

export interface ProcessingBasis {
  /** Seed 4.1.1: processing on behalf (Art. 28 GDPR). */
  legalBasis: Localised;
  /** Seed 5.4: the ways personal data can enter the product, one entry each. */
  dataSources: Localised[];
}

/* Seed 4.1.4 wording shared by the categories that it lists (F, H, T, C). */
const ORIGIN_DE =
  'Die Herkunft der personenbezogenen Daten kann in der Übersicht der Kontaktdetails eingesehen werden (Datenquelle); abrufbar sind die Daten im Bereich';
const ORIGIN_EN =
  'The origin of the personal data can be seen in the contact details overview (data source); the data can be looked up in the area';

/**
 * The five data categories of seed 4.1.2, in seed order F, H, T, C, L.
 * Purposes follow the product functions listed in seed 4.1.1, retention follows seed 4.1.3,
 * origin follows seed 4.1.4 (which lists F, H, T and C only, not L).
 */
export const CATEGORIES: readonly Category[] = [
  {
    id: 'F',
    name: { de: 'Favoriten/Federation', en: 'Favourites / federation contacts' },
    purpose: {
      de: 'Produktfunktion „Favoriten/Federation“ (F.x): Kontakte mit ihren Kontaktdetails, ihrer Präsenz und ihren Terminen bereitstellen.',
      en: 'Product function "Favourites/Federation" (F.x): provides contacts with their contact details, presence and appointments.',
    },
    retention: { kind: 'untilUserDeleted' },
    retentionText: {
      de: 'Ist dem Benutzer der Kontakte zugeordnet, d.h. bis zur Löschung des Benutzers im System',
      en: 'Assigned to the user of the contacts, i.e. kept until the user is deleted from the system',
    },
    origin: {
      de: `${ORIGIN_DE} F.x: Favoriten/Federation.`,
      en: `${ORIGIN_EN} F.x: favourites / federation.`,
    },
  },
  {
    id: 'H',
    name: { de: 'Journal/Anruf', en: 'Call journal' },
    purpose: {
      de: 'Produktfunktion „Journal/Anruf“ (H.x): Telefongespräche im Journal protokollieren.',
      en: 'Product function "Journal/Call" (H.x): records phone calls in the call journal.',
    },
    retention: { kind: 'configurable', minDays: 1 },
    retentionText: {
      de: 'Einstellbar ab 1 Tag',
      en: 'Configurable, from 1 day',
    },
    origin: {
      de: `${ORIGIN_DE} H.x: Journal/Anruf.`,
      en: `${ORIGIN_EN} H.x: call journal.`,
    },
  },
  {
    id: 'T',
    name: { de: 'Aufgaben/Tasks', en: 'Tasks' },
    purpose: {
      de: 'Produktfunktion „Aufgaben/Tasks“ (T.x): Aufgaben zu einem Kontakt anlegen, zuständigen Personen zuweisen und erledigen.',
      en: 'Product function "Tasks" (T.x): creates tasks concerning a contact, assigns them to responsible persons and completes them.',
    },
    retention: { kind: 'notPossible' },
    retentionText: {
      de: 'Nicht möglich',
      en: 'Not possible',
    },
    origin: {
      de: `${ORIGIN_DE} T.x: Aufgaben/Tasks.`,
      en: `${ORIGIN_EN} T.x: tasks.`,
    },
  },
  {
    id: 'C',
    name: { de: 'Chat', en: 'Chat' },
    purpose: {
      de: 'Produktfunktion „Chat“ (C.x): Chat-Nachrichten zwischen Teilnehmern austauschen.',
      en: 'Product function "Chat" (C.x): exchanges chat messages between participants.',
    },
    retention: { kind: 'configurable', minDays: 1 },
    retentionText: {
      de: 'Einstellbar ab 1 Tag',
      en: 'Configurable, from 1 day',
    },
    origin: {
      de: `${ORIGIN_DE} C.x: Chat.`,
      en: `${ORIGIN_EN} C.x: chat.`,
    },
  },
  {
    id: 'L',
    name: { de: 'Logging/Tracing', en: 'Logs and traces' },
    purpose: {
      de: 'Produktfunktion „Logs/Tracing“ (L.x): Abläufe des Produkts protokollieren (Logging) und nachverfolgen (Tracing).',
      en: 'Product function "Logs/Tracing" (L.x): logs and traces the operation of the product.',
    },
    retention: { kind: 'sizeLimited' },
    retentionText: {
      de: 'Minimierung der Datenmenge durch Einstellung der Datenmenge (Größe)',
      en: 'The amount of data is minimised by a setting that limits the amount of data (size)',
    },
    origin: {
      de: 'Das Dokument (4.1.4) führt Logging/Tracing nicht als Bereich auf, in dem Daten abgerufen werden können, und nennt keine Herkunft; laut 4.1.2 enthalten die Logs Felder aus F.x, H.x, T.x und C.x.',
      en: 'The document (4.1.4) does not list logging/tracing as an area where the data can be looked up and names no origin for it; according to 4.1.2 the logs contain fields from F.x, H.x, T.x and C.x.',
    },
  },
];

const BUSINESS_ADDRESS: Localised = { de: 'Anschrift, geschäftlich', en: 'Business address' };
const PRIVATE_ADDRESS: Localised = { de: 'Anschrift, privat', en: 'Home address' };
const OTHER_ADDRESS: Localised = { de: 'Anschrift, weitere', en: 'Other address' };
const APPOINTMENTS: Localised = { de: 'Termine', en: 'Appointments' };
const SIP_ADDRESS: Localised = { de: 'SIP-Adresse (technisch)', en: 'SIP address (technical)' };

/**
 * Every item of seed 4.1.2 (79 items: 54 F, 12 H, 5 T, 4 C, 4 L), in seed order.
 * Pure headings ("F.9.x", "C.1.x", ...) are not items; they appear as `group` of their children.
 */
export const CATALOGUE_ITEMS: readonly CatalogueItem[] = [
  // F.x Favoriten/Federation
  { id: 'F.0', category: 'F', de: 'User Principal Name (UPN)', en: 'User Principal Name (UPN)' },
  { id: 'F.1', category: 'F', de: 'Anzeigename', en: 'Display name', field: 'displayName' },
  { id: 'F.1.1', category: 'F', de: 'Vorname', en: 'First name', field: 'givenName' },
  { id: 'F.1.2', category: 'F', de: 'Nachname', en: 'Last name', field: 'Sn' },
  { id: 'F.2.1', category: 'F', de: 'E-Mail Adresse 1', en: 'Email address 1', field: 'mail' },
  { id: 'F.2.2', category: 'F', de: 'E-Mail Adresse 2', en: 'Email address 2', field: 'mail2' },
  { id: 'F.2.3', category: 'F', de: 'E-Mail Adresse 3', en: 'Email address 3', field: 'mail3' },
  { id: 'F.3', category: 'F', de: 'Stellenbezeichnung/Position', en: 'Job title / position', field: 'Title' },
  { id: 'F.4', category: 'F', de: 'Name der Firma', en: 'Company name', field: 'company' },
  { id: 'F.5', category: 'F', de: 'Abteilung', en: 'Department', field: 'department' },
  { id: 'F.6', category: 'F', de: 'Büro-/Raumnummer', en: 'Office / room number', field: 'physicalDeliveryOfficeName' },
  { id: 'F.7', category: 'F', de: 'Öffentliche/Private Termine', en: 'Public/private appointments' },
  { id: 'F.8.1', category: 'F', de: 'Betreff', en: 'Subject', group: APPOINTMENTS },
  { id: 'F.8.2', category: 'F', de: 'Uhrzeit', en: 'Time', group: APPOINTMENTS },
  { id: 'F.9.1', category: 'F', de: 'Straße', en: 'Street', field: 'streetAddress', group: BUSINESS_ADDRESS },
  { id: 'F.9.2', category: 'F', de: 'PLZ', en: 'Postcode', field: 'postalCode', group: BUSINESS_ADDRESS },
  { id: 'F.9.3', category: 'F', de: 'Stadt', en: 'City', field: 'L', group: BUSINESS_ADDRESS },
  { id: 'F.9.4', category: 'F', de: 'Bundesland', en: 'State / province', field: 'St', group: BUSINESS_ADDRESS },
  { id: 'F.9.5', category: 'F', de: 'Land/Staat', en: 'Country', field: 'C', group: BUSINESS_ADDRESS },
  { id: 'F.10.1', category: 'F', de: 'Straße', en: 'Street', field: 'privateAddressStreet', group: PRIVATE_ADDRESS },
  { id: 'F.10.2', category: 'F', de: 'PLZ', en: 'Postcode', field: 'privateAddressPostalCode', group: PRIVATE_ADDRESS },
  { id: 'F.10.3', category: 'F', de: 'Stadt', en: 'City', field: 'privateAddressCity', group: PRIVATE_ADDRESS },
  { id: 'F.10.4', category: 'F', de: 'Bundesland', en: 'State / province', field: 'privateAddressState', group: PRIVATE_ADDRESS },
  { id: 'F.10.5', category: 'F', de: 'Land/Staat', en: 'Country', field: 'privateAddressCountry', group: PRIVATE_ADDRESS },
  { id: 'F.11.1', category: 'F', de: 'Straße', en: 'Street', field: 'otherAddressStreet', group: OTHER_ADDRESS },
  { id: 'F.11.2', category: 'F', de: 'PLZ', en: 'Postcode', field: 'otherAddressPostalCode', group: OTHER_ADDRESS },
  { id: 'F.11.3', category: 'F', de: 'Stadt', en: 'City', field: 'otherAddressCity', group: OTHER_ADDRESS },
  { id: 'F.11.4', category: 'F', de: 'Bundesland', en: 'State / province', field: 'otherAddressState', group: OTHER_ADDRESS },
  { id: 'F.11.5', category: 'F', de: 'Land/Staat', en: 'Country', field: 'otherAddressCountry', group: OTHER_ADDRESS },
  { id: 'F.12', category: 'F', de: 'Notiz', en: 'Note' },
  { id: 'F.13.1', category: 'F', de: 'Telefon, geschäftlich', en: 'Business phone', field: 'telephoneNumber' },
  { id: 'F.13.2', category: 'F', de: 'Andere Rufnummer', en: 'Other phone number', field: 'otherTelephone' },
  { id: 'F.13.3.1', category: 'F', de: 'Mobilnummer', en: 'Mobile number', field: 'mobile' },
  { id: 'F.13.3.2', category: 'F', de: 'Mobilnummer, Auto', en: 'Mobile number, car', field: 'telephoneCar' },
  { id: 'F.13.3.3', category: 'F', de: 'Mobilnummer, Funk', en: 'Mobile number, radio', field: 'telephoneRadio' },
  // The seed lists the pager among the mobile numbers ("Mobilnummer, Pager"), but it is a detail of
  // its own (its own attribute, `pager`): named so, it is not mistaken for the mobile number.
  { id: 'F.13.3.4', category: 'F', de: 'Pager', en: 'Pager', field: 'pager' },
  { id: 'F.13.4', category: 'F', de: 'Telefon, privat 1', en: 'Home phone 1', field: 'homephone' },
  { id: 'F.13.5', category: 'F', de: 'Telefon, privat 2', en: 'Home phone 2', field: 'otherHomePhone' },
  { id: 'F.13.6', category: 'F', de: 'Telefon, privat (Hauptrufnummer)', en: 'Home phone (primary number)', field: 'telephonePrimary' },
  { id: 'F.13.7', category: 'F', de: 'Telefonnummer, Unternehmen/Firma', en: 'Phone number, company main number', field: 'telephoneNumberCompanyMain' },
  { id: 'F.13.8', category: 'F', de: 'Telefonnummer, Vertretung', en: 'Phone number, assistant / deputy', field: 'telephoneAssistant' },
  { id: 'F.13.9', category: 'F', de: 'Telefonnummer, andere', en: 'Phone number, other' },
  { id: 'F.13.10', category: 'F', de: 'Telefonnummer, Rückruf', en: 'Phone number, callback', field: 'telephoneCallback' },
  { id: 'F.13.11', category: 'F', de: 'Telefonnummer, ISDN', en: 'Phone number, ISDN', field: 'telephoneISDN' },
  { id: 'F.13.12', category: 'F', de: 'Telefonnummer, Fernschreiber (Telex)', en: 'Phone number, teleprinter (telex)', field: 'telephoneTTYTDD' },
  { id: 'F.13.13', category: 'F', de: 'Fax-Rufnummer, geschäftlich', en: 'Fax number, business', field: 'facsimileTelephoneNumber' },
  { id: 'F.13.14', category: 'F', de: 'Fax-Rufnummer, andere', en: 'Fax number, other', field: 'otherFacsimileTelephoneNumber' },
  { id: 'F.14', category: 'F', de: 'Foto', en: 'Photo', field: 'jpegPhoto' },
  { id: 'F.15', category: 'F', de: 'Webseiten URL', en: 'Website URL', field: 'url' },
  { id: 'F.16', category: 'F', de: 'SIP-Adresse (technisch)', en: 'SIP address (technical)', field: 'sipAddress' },
  { id: 'F.17', category: 'F', de: 'Kundennummer', en: 'Customer number', field: 'customerid' },
  { id: 'F.18', category: 'F', de: 'URL zum Kontakt z.B. in einem CRM-System', en: 'URL of the contact, e.g. in a CRM system', field: 'directWebLink' },
  { id: 'F.19', category: 'F', de: 'Kommentar', en: 'Comment', field: 'info' },
  { id: 'F.20', category: 'F', de: 'Präsenz', en: 'Presence' },

  // H.x Journal/Anruf
  // Seed quirk kept verbatim: H.1 (display name) carries [PhoneNumber], H.2 (phone number) carries [LineNumber].
  { id: 'H.1', category: 'H', de: 'Anzeigename des Anrufers', en: "Caller's display name", field: 'PhoneNumber' },
  { id: 'H.2', category: 'H', de: 'Telefonnummer des Anrufers', en: "Caller's phone number", field: 'LineNumber' },
  { id: 'H.3', category: 'H', de: 'Anzeigename des Angerufenen (Gesprochen mit)', en: 'Display name of the called party (spoken with)' },
  { id: 'H.4', category: 'H', de: 'Projektname', en: 'Project name' },
  { id: 'H.5', category: 'H', de: 'Telefonnummer des Angerufenen (MSN)', en: 'Called number (MSN)' },
  { id: 'H.6', category: 'H', de: 'Datum und Uhrzeit', en: 'Date and time' },
  { id: 'H.7', category: 'H', de: 'Dauer des Telefongespräches', en: 'Call duration' },
  { id: 'H.8', category: 'H', de: 'Nebenstelle des Angerufenen (Leitung)', en: "Called party's extension (line)" },
  { id: 'H.9', category: 'H', de: 'Name der Leitung des Angerufenen (Leitungsname)', en: "Name of the called party's line (line name)" },
  { id: 'H.10', category: 'H', de: 'Anzeigename des ursprünglichen Gesprächspartners bei einer Weiterleitung (Weitergeleitet von)', en: 'Display name of the original party when forwarded (forwarded from)' },
  { id: 'H.11', category: 'H', de: 'Name des Unternehmens/Firma', en: 'Company name' },
  { id: 'H.12', category: 'H', de: 'Postanschrift des Anrufers (Straße, Hausnummer, PLZ, Ort, Land usw.)', en: "Caller's postal address (street, number, postcode, city, country, …)" },

  // T.x Aufgaben/Tasks
  { id: 'T.1', category: 'T', de: 'Telefonnummer des Kontakts', en: "Contact's phone number", field: 'CallPhoneNumber' },
  { id: 'T.2', category: 'T', de: 'Eigentümer/Zuständige Person', en: 'Owner / person responsible', field: 'Owners' },
  { id: 'T.3', category: 'T', de: 'Ersteller', en: 'Creator', field: 'Creator' },
  { id: 'T.4', category: 'T', de: 'Von welcher Person erledigt', en: 'Completed by', field: 'CompletedFrom' },
  { id: 'T.5', category: 'T', de: 'Name des Kontakts', en: "Contact's name", field: 'DatabaseContact' },

  // C.x Chat
  { id: 'C.1.1', category: 'C', de: 'Teilnehmer', en: 'Participant', group: SIP_ADDRESS },
  { id: 'C.1.2', category: 'C', de: 'Sender', en: 'Sender', group: SIP_ADDRESS },
  { id: 'C.1.3', category: 'C', de: 'Empfänger', en: 'Recipient', group: SIP_ADDRESS },
  // Numbered C.1.4 but a chat message is not a SIP address, so it gets no group.
  { id: 'C.1.4', category: 'C', de: 'Chat-Nachricht', en: 'Chat message' },

  // L.x Logging/Tracing
  { id: 'L.1', category: 'L', de: 'Felder aus F.x', en: 'Fields from F.x (favourites / federation)' },
  { id: 'L.2', category: 'L', de: 'Felder aus H.x', en: 'Fields from H.x (call journal)' },
  { id: 'L.3', category: 'L', de: 'Felder aus T.x', en: 'Fields from T.x (tasks)' },
  { id: 'L.4', category: 'L', de: 'Felder aus C.x', en: 'Fields from C.x (chat)' },
];

/**
 * Legal basis (seed 4.1.1) and the ways personal data can enter the product (seed 5.4).
 * The seed says the basic installation contains no personal data; the external sources
 * are given there as examples ("z. B."), so the list is not exhaustive.
 */
export const PROCESSING_BASIS: ProcessingBasis = {
  legalBasis: {
    de: 'Auftragsverarbeitungsvertrag nach Art. 28 DSGVO',
    en: 'Data processing agreement under Art. 28 GDPR',
  },
  dataSources: [
    {
      de: 'Manuelle Eingabe von Kontakten in der UCServer Verwaltung',
      en: 'Manual entry of contacts in the UCServer administration',
    },
    {
      de: 'Manuelle Eingabe von Kontakten in den ProCall Clients (Desktop/Smartphone)',
      en: 'Manual entry of contacts in the ProCall clients (desktop/smartphone)',
    },
    {
      de: 'Anbindung von LDAP-Verzeichnisdiensten (z.B. Telefonbuch-Verzeichnisdienste, CRM-/ERP-Systeme) an UCServer und ProCall Client',
      en: 'Connection of LDAP directory services (e.g. phone book directory services, CRM/ERP systems) to UCServer and the ProCall client',
    },
    {
      de: 'Anbindung von Outlook-Kontakten an UCServer und ProCall Client',
      en: 'Connection of Outlook contacts to UCServer and the ProCall client',
    },
    {
      de: 'Handy-Kontakte/-Telefonjournal, synchronisiert über Bluetooth mit dem ProCall Desktop-Client',
      en: 'Mobile phone contacts / call journal, synchronised via Bluetooth with the ProCall desktop client',
    },
    {
      de: 'Anbindung von Microsoft Active Directory an UCServer und ProCall Client',
      en: 'Connection of Microsoft Active Directory to UCServer and the ProCall client',
    },
  ],
};
