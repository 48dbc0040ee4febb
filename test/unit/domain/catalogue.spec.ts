import { readFileSync } from 'node:fs';
import { CATALOGUE_ITEMS, CATEGORIES } from '../../../src/domain/catalogue/catalogue.data';
import { FIELDS } from '../../../src/domain/matrix/fields';
import { SEED_FILE, requireSharedFile } from '../../support/shared-files';

/** The catalogue (seed 4.1.2–4.1.4) against the seed text (in the shared folder; the project does not ship it). */
const seedAvailable = requireSharedFile('The seed (the product’s GDPR guide)', SEED_FILE);
const describeWithSeed = seedAvailable ? describe : describe.skip;

/** Item lines of seed 4.1.2: number, label and bracketed field. */
function seedItems(): { id: string; field: string | undefined }[] {
  const seed = readFileSync(SEED_FILE, 'utf8');
  const section = seed.slice(seed.indexOf('4.1.2 Kategorien'), seed.indexOf('4.1.3 Regelfristen'));
  return [...section.matchAll(/^([FHTCL]\.\d+(?:\.\d+)*)(?![.\d]*\.x)\s*([^[\n]*?)\s*(?:\[([^\]]+)\])?\s*$/gm)].map((m) => ({
    id: m[1] as string,
    field: m[3],
  }));
}

describeWithSeed('catalogue of personal data against seed 4.1.2', () => {
  it('has every item of the seed, 79 in all, in seed order', () => {
    expect(CATALOGUE_ITEMS).toHaveLength(79);
    expect(CATALOGUE_ITEMS.map((i) => i.id)).toEqual(seedItems().map((i) => i.id));
  });

  it('keeps the technical field names verbatim', () => {
    expect(CATALOGUE_ITEMS.map((i) => [i.id, i.field])).toEqual(seedItems().map((i) => [i.id, i.field]));
  });
});

describe('catalogue of personal data (seed 4.1.2)', () => {
  it('counts 54 F, 12 H, 5 T, 4 C and 4 L items', () => {
    const count = (c: string) => CATALOGUE_ITEMS.filter((i) => i.category === c).length;
    expect(['F', 'H', 'T', 'C', 'L'].map(count)).toEqual([54, 12, 5, 4, 4]);
  });

  it('names the mobile number F.13.3.1 with its field', () => {
    expect(CATALOGUE_ITEMS.find((i) => i.id === 'F.13.3.1')).toMatchObject({ field: 'mobile', de: 'Mobilnummer', en: 'Mobile number' });
  });

  it('names the pager F.13.3.4 as a detail of its own, not as a mobile number', () => {
    const pager = CATALOGUE_ITEMS.find((i) => i.id === 'F.13.3.4');
    expect(pager).toMatchObject({ field: 'pager', de: 'Pager', en: 'Pager' });
    expect(pager?.group).toBeUndefined();
  });

  it('labels every item in German and English', () => {
    for (const item of CATALOGUE_ITEMS) {
      expect(item.de.trim()).not.toBe('');
      expect(item.en.trim()).not.toBe('');
    }
  });

  it('states the retention rule of each category (seed 4.1.3)', () => {
    expect(CATEGORIES.map((c) => [c.id, c.retention])).toEqual([
      ['F', { kind: 'untilUserDeleted' }],
      ['H', { kind: 'configurable', minDays: 1 }],
      ['T', { kind: 'notPossible' }],
      ['C', { kind: 'configurable', minDays: 1 }],
      ['L', { kind: 'sizeLimited' }],
    ]);
  });

  it('names only existing catalogue items for the matrix rows', () => {
    const ids = new Set(CATALOGUE_ITEMS.map((i) => i.id));
    for (const field of Object.values(FIELDS)) for (const item of field.items) expect(ids).toContain(item);
  });
});
