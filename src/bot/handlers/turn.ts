import type { PrivacyDesk } from '../../app/privacy-desk';
import type { ParsedMessage } from '../intents/intent';
import type { Locale } from '../i18n/locale';
import { type Messages, messages } from '../i18n/messages';
import type { RenderedCard } from '../cards/answer.card';
import type { DescribeContext } from '../cards/describe';

/** One question, understood, with who asked it. No Bot Framework types past this point. */
export interface Turn {
  parsed: ParsedMessage;
  locale: Locale;
  /** Directory index of the asker; undefined when they could not be identified. */
  asker: number | undefined;
  /** Why the asker is unknown: not identifiable on this channel, or not in the directory. */
  unidentified?: 'channel' | 'directory';
  /** "Show all" page, when a button asked for one. */
  page?: number;
  /** A button asked to remove the asker's own grant. */
  removeGrant?: boolean;
  /** The asker confirmed a change the bot asked about (a new external contact). */
  confirmed?: boolean;
}

/** Finds people who joined after the last directory read (a live lookup, then a refresh). */
export interface Newcomers {
  identifyNewcomer(key: { mail?: string; upn?: string; objectId?: string }): Promise<number | undefined>;
  searchNewcomers(query: string): Promise<boolean>;
}

export interface HandlerServices {
  desk: PrivacyDesk;
  newcomers?: Newcomers;
}

/** The newcomer lookup as an option, where the services have one. */
export const newcomersOf = (services: HandlerServices): { newcomers?: Newcomers } => (services.newcomers ? { newcomers: services.newcomers } : {});

export type Handler = (turn: Turn, services: HandlerServices) => Promise<RenderedCard>;

export const textsFor = (turn: Turn): Messages => messages(turn.locale);

export const describeContext = (turn: Turn, services: HandlerServices, asker: number): DescribeContext => ({
  t: textsFor(turn),
  desk: services.desk,
  asker,
});
