import * as ACData from 'adaptivecards-templating';
import template from '../../../cards/answer.json';
import type { CardAction } from './card-actions';
import { cardToText } from './card-text';

/**
 * Parsed once: constructing a Template parses every `${…}` expression (ANTLR), which costs more than
 * expanding it. `expand` leaves the template as it was, so one serves every card.
 */
const TEMPLATE = new ACData.Template(template);

export interface ActionView {
  title: string;
  data: CardAction;
}

export interface SectionView {
  heading?: string;
  lines?: string[];
  facts?: { title: string; value: string }[];
  /** A labelled list of names (who can see, grouped by reason). */
  groups?: { label: string; names?: string }[];
  /** Lines with a button each (choices, removable grants). */
  rows?: { text: string; action: ActionView }[];
}

export interface LevelChangeView {
  title: string;
  label: string;
  apply: string;
  current?: string;
  choices: { title: string; value: string }[];
  /** Sent with the chosen `level` merged in. */
  data: CardAction;
}

/** View model of every answer card (`cards/answer.json`). */
export interface AnswerView {
  title: string;
  intro?: string[];
  sections?: SectionView[];
  notes?: string[];
  actions?: ActionView[];
  levelChange?: LevelChangeView;
}

/** An Adaptive Card 1.5 with its plain-text rendering. */
export interface RenderedCard {
  card: Record<string, unknown>;
  text: string;
}

/** Renders an answer from its view model: a pure function, no I/O. */
export function renderAnswer(view: AnswerView): RenderedCard {
  const root = {
    title: view.title,
    intro: view.intro ?? [],
    notes: view.notes ?? [],
    actions: view.actions ?? [],
    levelChange: view.levelChange ? { ...view.levelChange, current: view.levelChange.current ?? '' } : null,
    sections: (view.sections ?? []).map((s) => ({
      heading: s.heading ?? '',
      lines: s.lines ?? [],
      facts: s.facts ?? [],
      groups: (s.groups ?? []).map((g) => ({ label: g.label, names: g.names ?? '' })),
      rows: s.rows ?? [],
    })),
  };
  const card = TEMPLATE.expand({ $root: root }) as Record<string, unknown>;
  const text = cardToText(card).text;
  return { card: { ...card, fallbackText: text }, text };
}
