import * as ACData from 'adaptivecards-templating';
import template from '../../../cards/request.json';
import type { RenderedCard } from './answer.card';
import type { RequestCardView } from './request-view';
import { cardToText } from './card-text';

/**
 * Parsed once: constructing a Template parses every `${…}` expression (ANTLR), which costs more than
 * expanding it. `expand` leaves the template as it was, so one serves every card.
 */
const TEMPLATE = new ACData.Template(template);

/** Renders a request card from its view model: a pure function, no I/O. */
export function renderRequestCard(view: RequestCardView): RenderedCard {
  const input = (i: NonNullable<RequestCardView['inputs']>[number]): Record<string, unknown> => ({
    kind: i.kind,
    id: i.id,
    label: i.label,
    value: i.value ?? '',
    multiline: i.multiline ?? false,
    required: i.required ?? false,
    error: i.error ?? '',
    max: i.max ?? '9999-12-31',
    choices: i.choices ?? [],
  });
  const root = {
    title: view.title,
    notices: view.notices ?? [],
    warnings: view.warnings ?? [],
    intro: view.intro ?? [],
    facts: view.facts ?? [],
    sections: view.sections ?? [],
    inputs: (view.inputs ?? []).map(input),
    notes: view.notes ?? [],
    buttons: (view.buttons ?? []).map((b) => ({ ...b, verb: b.verb ?? '' })),
    links: view.links ?? [],
    forms: (view.forms ?? []).map((f) => ({ ...f, mode: f.secondary ? 'secondary' : 'primary', inputs: f.inputs.map(input) })),
    refresh: view.refresh ?? null,
  };
  const card = TEMPLATE.expand({ $root: root }) as Record<string, unknown>;
  // `$when` on the root's `refresh` leaves it null: a card without refresh has no such key.
  if (card.refresh === null || card.refresh === undefined) delete card.refresh;
  const text = cardToText(card).text;
  return { card: { ...card, fallbackText: text }, text };
}
