import { readFileSync } from 'node:fs';
import { LEVELS } from '../../../src/domain/levels';
import type { MatrixRow } from '../../../src/domain/matrix/matrix';
import { loadMatrix } from '../../../src/startup/admin-files';
import { shipped } from '../../../src/config/paths';
import { SEED_FILE, requireSharedFile } from '../../support/shared-files';

/**
 * Every cell of the shipped matrix against the seed's two tables (seed 4.3.2.7), read from the
 * seed text itself (in the shared folder; the project does not ship it). Row labels are the German
 * wording of the seed's tables (docs/glossary.md lists the ids).
 */
const seedAvailable = requireSharedFile('The seed (the product’s GDPR guide)', SEED_FILE);
const describeWithSeed = seedAvailable ? describe : describe.skip;

const INTERNAL_LABELS: Record<string, string> = {
  displayName: 'Anzeigename',
  email: 'E-Mail Adresse',
  presence: 'Präsenz sehen',
  chat: 'Chat',
  publicAppointments: 'Öffentliche Termine sehen',
  line1OutgoingNumbers: 'Nebenstelle 1: Abgehende Rufnummern sehen',
  line1IncomingNumbers: 'Nebenstelle 1: Ankommende Rufnummern sehen',
  line1Forwarding: 'Nebenstelle 1: Umleitungen sehen',
  setPresence: 'Präsenz setzen',
  line1Pickup: 'Nebenstelle 1: Anruf heranholen (Pick-up-Funktion)',
  line2OutgoingNumbers: 'Nebenstelle 2: Abgehende Rufnummern sehen',
  line2IncomingNumbers: 'Nebenstelle 2: Ankommende Rufnummern sehen',
  line2Forwarding: 'Nebenstelle 2: Umleitung sehen',
  privateAppointments: 'Private Termine sehen',
  line1SetForwarding: 'Nebenstelle 1: Umleitung setzen',
  line2SetForwarding: 'Nebenstelle 2: Umleitung setzen',
  line2Pickup: 'Nebenstelle 2: Anruf heranholen (Pick-up-Funktion)',
};

const EXTERNAL_LABELS: Record<string, string> = {
  displayName: 'Anzeigename',
  email: 'E-Mail Adresse',
  presence: 'Präsenz',
  chat: 'Chat',
  jobTitle: 'Stellenbezeichnung',
  company: 'Name der Firma',
  publicAppointments: 'Öffentliche Termine sehen',
  businessPhone: 'Telefon, geschäftlich',
  office: 'Büro',
  businessAddress: 'Adresse, geschäftlich',
  website: 'SharePoint/Webseite',
  note: 'Notiz',
  mobile: 'Mobilnummer',
  privateAppointments: 'Private Termine sehen',
  privatePhone: 'Telefon, privat',
  otherPhone: 'Andere Rufnummer',
};

const squash = (text: string): string => text.replace(/\s+/g, '');

/** The seed's rows of one table: label and five cell words, in seed order. */
function seedTable(text: string, startMarker: string, endMarker: string): { label: string; cells: string[] }[] {
  const start = text.indexOf(startMarker);
  const end = text.indexOf(endMarker, start + startMarker.length);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  const body = squash(text.slice(start + startMarker.length, end)).replace(squash('Berechtigungsstufe /(Kontakt-)Detail und AktionenGesperrt ÖffentlichGeschäftlichTeammitgliedPersönlich'), '');
  const rows = [...body.matchAll(/(.+?)((?:sichtbar|verborgen|möglich|unterbunden){5})/g)];
  return rows.map((m) => ({ label: m[1] as string, cells: (m[2] as string).match(/sichtbar|verborgen|möglich|unterbunden/g) as string[] }));
}

const allowedInSeed = (word: string): boolean => word === 'sichtbar' || word === 'möglich';

describeWithSeed('permission matrix against seed 4.3.2.7', () => {
  const seed = seedAvailable ? readFileSync(SEED_FILE, 'utf8') : '';

  const check = (rows: readonly MatrixRow[], table: { label: string; cells: string[] }[], labels: Record<string, string>): void => {
    expect(rows.map((r) => r.id)).toEqual(Object.keys(labels));
    expect(table).toHaveLength(rows.length);
    rows.forEach((row, i) => {
      const seedRow = table[i] as { label: string; cells: string[] };
      expect(squash(labels[row.id] as string)).toBe(seedRow.label);
      LEVELS.forEach((level, l) => {
        const cell = row.cells[level];
        const allowed = cell === 'visible' || cell === 'possible';
        expect({ row: row.id, level, allowed }).toEqual({ row: row.id, level, allowed: allowedInSeed(seedRow.cells[l] as string) });
      });
    });
  };

  it('internal users: every cell as in the seed (17 rows × 5 levels)', async () => {
    const matrix = await loadMatrix(shipped('data', 'permission-matrix.json'));
    const table = seedTable(seed, 'für interne Kontakte/Benutzer', 'Übersicht kontrollierbarer (Kontakt-)Details und Aktionen für externe');
    check(matrix.internal, table, INTERNAL_LABELS);
  });

  it('external contacts in the favourites: every cell as in the seed (16 rows × 5 levels)', async () => {
    const matrix = await loadMatrix(shipped('data', 'permission-matrix.json'));
    const table = seedTable(seed, 'für externe Kontakte in den Favoriten (Federation)', '5 Nachweis geeigneter');
    check(matrix.external, table, EXTERNAL_LABELS);
  });
});

describe('permission matrix', () => {
  it('derives each row’s lowest level from its cells', async () => {
    const matrix = await loadMatrix(shipped('data', 'permission-matrix.json'));
    const byId = (side: readonly MatrixRow[], id: string) => side.find((r) => r.id === id)?.minLevel;
    expect(byId(matrix.internal, 'presence')).toBe('public');
    expect(byId(matrix.internal, 'setPresence')).toBe('team');
    expect(byId(matrix.internal, 'privateAppointments')).toBe('personal');
    expect(byId(matrix.external, 'mobile')).toBe('team');
    expect(byId(matrix.external, 'displayName')).toBe('blocked');
    expect(matrix.row('internal', 'mobile')).toBeUndefined();
    expect(matrix.row('external', 'line1Pickup')).toBeUndefined();
  });
});
