import type { Messages, RequestTexts } from '../i18n/messages';

/** One input field of a request card (`cards/request.json`). */
export interface InputView {
  kind: 'text' | 'date' | 'choice' | 'multi';
  id: string;
  label: string;
  value?: string;
  multiline?: boolean;
  required?: boolean;
  error?: string;
  max?: string;
  choices?: { title: string; value: string }[];
}

/** A button: `Action.Execute` (with an `Action.Submit` fallback) or a plain `Action.Submit`. */
export interface ButtonView {
  title: string;
  execute: boolean;
  verb?: string;
  data: Record<string, unknown>;
}

/** A button that opens inputs first (reason, months, assignee) and then runs `verb`. */
export interface FormView {
  title: string;
  verb: string;
  confirm: string;
  data: Record<string, unknown>;
  inputs: InputView[];
  /** In the card's overflow menu (Adaptive Cards 1.5 `mode: secondary`): seldom needed, beyond Teams' six buttons. */
  secondary?: boolean;
}

/** View model of every request card. */
export interface RequestCardView {
  title: string;
  notices?: string[];
  warnings?: string[];
  intro?: string[];
  facts?: { title: string; value: string }[];
  sections?: { heading: string; lines: string[] }[];
  inputs?: InputView[];
  notes?: string[];
  buttons?: ButtonView[];
  /** Buttons that open an address (a download link). */
  links?: { title: string; url: string }[];
  forms?: FormView[];
  refresh?: { verb: string; title: string; data: Record<string, unknown>; userIds: string[] };
}

/** The texts a request card needs, with the organisation's time zone for dates. */
export interface RequestTextContext {
  t: Messages;
  rt: RequestTexts;
  timeZone: string;
  /** Display name for a person id (mail/UPN); the id itself when unknown. */
  nameOf(id: string): string;
}

const intlLocale = (ctx: RequestTextContext): string => (ctx.t.locale === 'de' ? 'de-DE' : 'en-GB');

/** A calendar date `YYYY-MM-DD`, written the reader's way (26 Dec 2026 / 26.12.2026). */
export function showDate(ctx: RequestTextContext, date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(intlLocale(ctx), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
}

/** An instant in the organisation's time zone, to the minute. */
export function showInstant(ctx: RequestTextContext, iso: string): string {
  return new Intl.DateTimeFormat(intlLocale(ctx), { dateStyle: 'medium', timeStyle: 'short', timeZone: ctx.timeZone }).format(new Date(iso));
}
