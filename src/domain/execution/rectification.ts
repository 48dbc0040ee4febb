import { CATALOGUE_ITEMS } from '../catalogue/catalogue.data';
import { FIELDS, FIELD_IDS } from '../matrix/fields';
import { fold } from '../shared/text';

/**
 * The catalogue item (seed 4.1.2) a rectification names, however the intake wrote it: the item's id
 * ("F.13.3.1"), a label ending in one ("Foto (F.14)"), the detail's name in either language
 * ("Mobile number", "Mobilnummer"), or the item's own label. Undefined when it names none, or a
 * detail held in several items (an address: which line?) without saying which.
 */
export function rectificationItem(item: string): string | undefined {
  const text = item.trim();
  const id = /^[FHTCL](\.\d+)+$/.test(text) ? text : /\(([FHTCL](?:\.\d+)+)\)\s*$/.exec(text)?.[1];
  if (id) return CATALOGUE_ITEMS.some((i) => i.id === id) ? id : undefined;
  const wanted = fold(text);
  const field = FIELD_IDS.find((f) => [FIELDS[f].topic.en, FIELDS[f].topic.de, FIELDS[f].en, FIELDS[f].de].some((name) => fold(name) === wanted));
  if (field) return FIELDS[field].items.length === 1 ? FIELDS[field].items[0] : undefined;
  return CATALOGUE_ITEMS.find((i) => fold(i.en) === wanted || fold(i.de) === wanted)?.id;
}
