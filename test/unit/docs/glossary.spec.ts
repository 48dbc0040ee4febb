import { readFileSync } from 'node:fs';
import { INTENTS } from '../../../src/bot/intents/intent';
import { messages, requestTexts } from '../../../src/bot/i18n/messages';
import { CATALOGUE_ITEMS, CATEGORIES } from '../../../src/domain/catalogue/catalogue.data';
import { LEVELS, TIERS } from '../../../src/domain/levels';
import type { MatrixRow } from '../../../src/domain/matrix/matrix';
import { ARTICLE, IDENTITY_METHODS, RECEIPT_CHANNELS, REQUEST_STATUSES, REQUEST_TYPES, isOpen } from '../../../src/domain/requests/request';
import { RULES, type CommandAction } from '../../../src/domain/requests/workflow';
import { shipped } from '../../../src/config/paths';
import { loadMatrix } from '../../../src/startup/admin-files';

/**
 * docs/glossary.md against the code: every id the code knows is in its table, with the names the
 * bot uses — so a new level, row, status, … cannot be added and forgotten in the glossary.
 */
const glossary = readFileSync(shipped('docs', 'glossary.md'), 'utf8');

/** The body of the section under `heading` (up to the next heading of any level). */
function section(heading: string): string {
  const lines = glossary.split('\n');
  const start = lines.findIndex((line) => /^#+ /.test(line) && line.replace(/^#+ /, '') === heading);
  expect({ heading, found: start >= 0 }).toEqual({ heading, found: true });
  const end = lines.findIndex((line, i) => i > start && /^#+ /.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** The rows of the first table of a section, header and separator left out, as trimmed cells. */
function table(heading: string): string[][] {
  const rows = section(heading)
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.slice(1, -1).split('|').map((cell) => cell.trim()));
  return rows.slice(2);
}

const code = (id: string): string => `\`${id}\``;
const firstColumn = (rows: string[][]): string[] => rows.map((row) => row[0] as string);
const en = messages('en');
const de = messages('de');
const requestsEn = requestTexts('en');
const requestsDe = requestTexts('de');

describe('docs/glossary.md', () => {
  it('lists the permission levels, lowest first, with the names the bot uses', () => {
    expect(table('Permission levels')).toEqual(LEVELS.map((level) => [code(level), de.level(level), en.level(level)]));
  });

  it('lists the tiers, highest first', () => {
    expect(firstColumn(table('Tiers'))).toEqual(TIERS.map(code));
  });

  it.each([
    ['internal', 'Internal users (colleagues)'],
    ['external', 'External contacts in the favourites (federation)'],
  ] as const)('lists every %s matrix row with the bot’s labels, kind, lowest level and catalogue items', async (side, heading) => {
    const matrix = await loadMatrix(shipped('data', 'permission-matrix.json'));
    const row = (r: MatrixRow): string[] => [code(r.id), r.de, r.en, r.kind, r.minLevel ? code(r.minLevel) : '—', r.items.length > 0 ? r.items.join(', ') : '—'];
    expect(table(heading)).toEqual(matrix[side].map(row));
  });

  it('lists the data categories with their names and retention rules as the bot states them', () => {
    const rule = (text: string): string => (text.charAt(0).toLowerCase() + text.slice(1)).replace(/\.$/, '');
    expect(table('Data categories and the catalogue')).toEqual(
      CATEGORIES.map((c) => [code(c.id), c.name.de, c.name.en, rule(en.retentionRule(c.retention)), code(c.retention.kind)]),
    );
  });

  it('counts the catalogue items as the catalogue has them', () => {
    const count = (prefix: string): number => CATALOGUE_ITEMS.filter((item) => item.category === prefix).length;
    const counts = CATEGORIES.map((c) => `${count(c.id)} ${code(c.id)}`);
    const listed = `${counts.slice(0, -1).join(', ')} and ${counts[counts.length - 1]}`;
    expect(section('Data categories and the catalogue').replace(/\s+/g, ' ')).toContain(`There are ${CATALOGUE_ITEMS.length} items: ${listed}.`);
  });

  it('lists the request types with their GDPR articles', () => {
    expect(table('Privacy requests').map((row) => row.slice(0, 2))).toEqual(REQUEST_TYPES.map((type) => [code(type), `Art. ${ARTICLE[type]}`]));
  });

  it('lists every request status with the bot’s names, whether it is open, and the actions that lead to it', () => {
    const rows = table('Request statuses');
    expect(firstColumn(rows).sort()).toEqual(REQUEST_STATUSES.map(code).sort());
    for (const status of REQUEST_STATUSES) {
      const row = rows.find((r) => r[0] === code(status)) as string[];
      expect(row.slice(0, 3)).toEqual([code(status), requestsDe.status(status), requestsEn.status(status)]);
      expect(row[4]).toBe(isOpen(status) ? 'yes' : 'no');
      const leadingThere = (Object.keys(RULES) as CommandAction[]).filter((action) => RULES[action].to === status);
      for (const action of leadingThere) expect({ status, reachedBy: row[3] }).toEqual({ status, reachedBy: expect.stringContaining(code(action)) });
    }
  });

  it('lists the receipt channels and identity checks with the bot’s names', () => {
    expect(table('How a request arrived')).toEqual(RECEIPT_CHANNELS.map((c) => [code(c), requestsDe.channel(c), requestsEn.channel(c)]));
    expect(table('Identity checks')).toEqual(IDENTITY_METHODS.map((m) => [code(m), requestsDe.identityMethod(m), requestsEn.identityMethod(m)]));
  });

  it('lists every intent the parser can report', () => {
    expect(firstColumn(table('What the parser reports'))).toEqual(INTENTS.map(code));
  });
});
