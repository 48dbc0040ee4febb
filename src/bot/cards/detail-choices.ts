import { CATALOGUE_ITEMS } from '../../domain/catalogue/catalogue.data';
import { FIELDS, FIELD_IDS, type FieldId } from '../../domain/matrix/fields';
import { fold, isCloseTo } from '../../domain/shared/text';
import type { Messages } from '../i18n/messages';
import type { ActionView } from './answer.card';
import { fieldLabel } from './describe';

/** Details offered when a question names none that the bot knows and no word resembles one. */
const COMMON_FIELDS: FieldId[] = ['mobile', 'presence', 'privateAppointments', 'publicAppointments', 'email', 'businessPhone'];
const MAX_CHOICES = 6;

/** The words of a name, folded: "Line 1: see outgoing numbers" → line, see, outgoing, numbers. */
const wordsOf = (text: string): string[] => fold(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);

/** Whether a typed word names part of a detail's name: its start ("pic" of "picture"), or the word with a typo. */
const resembles = (typed: string, name: string): boolean => wordsOf(name).some((word) => (typed.length >= 3 && word.startsWith(typed)) || (typed.length >= 4 && isCloseTo(typed, word)));

/**
 * "Which detail do you mean?" — every detail (matrix row or catalogue item) whose name in either
 * language one of the message's words resembles, so that "profile pic" offers the photo; the
 * common ones when no word does.
 */
export function detailChoices(t: Messages, words: readonly string[]): ActionView[] {
  const typed = words.map(fold).filter((w) => w.length >= 3);
  const matches = (names: string[]): boolean => typed.some((w) => names.some((name) => resembles(w, name)));
  const fields = FIELD_IDS.filter((id) => matches([FIELDS[id].de, FIELDS[id].en, FIELDS[id].topic.de, FIELDS[id].topic.en]));
  const items = CATALOGUE_ITEMS.filter((item) => item.category === 'F' && !item.id.endsWith('.x') && matches([item.de, item.en]) && !fields.some((f) => FIELDS[f].items.includes(item.id)));
  const choices: ActionView[] = [
    ...fields.map((field): ActionView => ({ title: fieldLabel(t, field), data: { verb: 'run', intent: 'whoCanSee', field } })),
    ...items.map((item): ActionView => ({ title: `${item[t.locale]} (${item.id})`, data: { verb: 'run', intent: 'whoCanSee', item: item.id } })),
  ];
  if (choices.length > 0) return choices.slice(0, MAX_CHOICES);
  return COMMON_FIELDS.map((field) => ({ title: fieldLabel(t, field), data: { verb: 'run', intent: 'whoCanSee', field } }));
}
