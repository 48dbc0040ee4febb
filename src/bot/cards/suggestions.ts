import type { Recognised } from '../intents/recognise';
import type { Messages } from '../i18n/messages';
import { CATALOGUE_ITEMS } from '../../domain/catalogue/catalogue.data';
import type { ActionView } from './answer.card';
import { fieldTopic } from './describe';

/** Most buttons a "did you mean" answer offers. */
const MAX_SUGGESTIONS = 5;

/**
 * "Did you mean …?": questions built from what a message named — a detail, a person the directory
 * knows, a level, a request type, grants — as buttons that ask them, the most likely first (by
 * `likelihood`, the intent model's probability of each question's intent). Empty when nothing was named.
 */
export function suggestionActions(t: Messages, recognised: Recognised, isPerson: (name: string) => boolean, likelihood: (intent: string) => number = () => 0): ActionView[] {
  const people = [...new Set(recognised.names.filter(isPerson))].slice(0, 2);
  const actions: ActionView[] = [];
  for (const field of recognised.fields.slice(0, 2)) {
    actions.push({ title: t.suggestWhoCanSee(fieldTopic(t, field)), data: { verb: 'run', intent: 'whoCanSee', field } });
    for (const person of people) actions.push({ title: t.suggestWhy(person, fieldTopic(t, field)), data: { verb: 'run', intent: 'whyCanSee', field, person } });
  }
  for (const id of recognised.items.slice(0, 2)) {
    const item = CATALOGUE_ITEMS.find((i) => i.id === id);
    if (item) actions.push({ title: t.suggestWhoCanSee(item[t.locale]), data: { verb: 'run', intent: 'whoCanSee', item: id } });
  }
  for (const person of people) {
    for (const level of recognised.levels.slice(0, 1)) actions.push({ title: t.suggestSetLevel(person, level), data: { verb: 'run', intent: 'setLevel', person, level } });
    actions.push({ title: t.suggestWhatCanSee(person), data: { verb: 'run', intent: 'whatCanSee', person } });
    actions.push({ title: t.suggestWhatCanISee(person), data: { verb: 'run', intent: 'whatCanISee', person } });
  }
  for (const level of recognised.levels.slice(0, 2)) actions.push({ title: t.explainAsk(level), data: { verb: 'run', intent: 'explainLevel', level } });
  for (const requestType of recognised.requestTypes.slice(0, 2)) {
    actions.push({ title: t.suggestRequest(t.requestType(requestType)), data: { verb: 'run', intent: 'startRequest', requestType, subject: 'me' } });
  }
  if (recognised.requests) actions.push({ title: t.suggestStatus, data: { verb: 'run', intent: 'requestStatus' } });
  if (recognised.grants) actions.push({ title: t.suggestListGrants, data: { verb: 'run', intent: 'listGrants' } });
  // The most likely meaning first: ranked by how likely the intent model finds each question's intent.
  const ranked = actions.map((action, order) => ({ action, order, p: action.data.verb === 'run' ? likelihood(action.data.intent) : 0 }));
  ranked.sort((a, b) => b.p - a.p || a.order - b.order);
  return ranked.map((r) => r.action).slice(0, MAX_SUGGESTIONS);
}
