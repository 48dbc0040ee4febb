import type { RetentionSummary } from '../../app/retention-summary';
import type { AdminRoster } from '../../app/administrators';

/** What the bot may ask of retention (the app's RetentionDesk). */
export interface RetentionServices {
  summary(): Promise<RetentionSummary>;
  readonly timeZone: string;
  /** Starts the purge in the background for an administrator; its result goes to the administrators' channel. */
  purgeNow(by: string): 'started' | 'running';
  /** When the weekly summary is next posted; undefined while it is switched off. */
  nextSummary(): Date | undefined;
  readonly summaryCron: string | undefined;
}
import type { PrivacyDesk } from '../../app/privacy-desk';
import type { Level } from '../../domain/levels';
import type { ParsedMessage } from '../intents/intent';
import type { Locale } from '../i18n/locale';
import { type Messages, messages } from '../i18n/messages';
import type { RenderedCard } from '../cards/answer.card';
import type { DescribeContext } from '../cards/describe';
import type { RequestDesk } from '../../app/requests/request-desk';
import type { IntakeForm } from '../cards/request-form';
import type { RequestTextContext } from '../cards/request-view';
import { requestTexts } from '../i18n/messages';

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
  /** The asker said no to the change the bot asked about: nothing is changed. */
  cancelled?: boolean;
  /** Own grants a button asks to put back (undoing "remove all my grants"), as scopes still to be parsed. */
  restore?: { viewer: string; level: Level; name?: string | undefined }[];
  /** Names the incoming message, so that a redelivered one creates nothing twice. */
  sourceKey?: string;
  /** The message as typed (bounded), or the words a confirmation button carries: kept with a request. */
  text?: string;
  /** A confirmation button's own key (a random id): pressed twice, it files one request. */
  confirmToken?: string;
  /** A submitted intake form. */
  form?: IntakeForm;
  /** Asked in a group chat or a channel, where others read the answer. */
  shared?: boolean;
}

/** Finds people who joined after the last directory read (a live lookup, then a refresh). */
export interface Newcomers {
  identifyNewcomer(key: { mail?: string; upn?: string; objectId?: string }): Promise<number | undefined>;
  searchNewcomers(query: string): Promise<boolean>;
}

export interface HandlerServices {
  desk: PrivacyDesk;
  newcomers?: Newcomers;
  /** Privacy requests; absent where requests are not offered (a bare CLI). */
  requests?: RequestDesk;
  /** The communication suite's administrators (ADMIN_USERS, ADMIN_GROUP). */
  admins?: AdminRoster;
  /** The retention summary and purge, for administrators and DPOs; absent where no sources are read. */
  retention?: RetentionServices;
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

/** Display name of a person id (mail/UPN) from the directory; the id itself when unknown. */
export function nameOf(desk: PrivacyDesk, id: string): string {
  const index = desk.identify({ mail: id, upn: id });
  return index === undefined ? id : desk.person(index).displayName;
}

export const requestContext = (locale: Turn['locale'], desk: PrivacyDesk, requests: RequestDesk): RequestTextContext => ({
  t: messages(locale),
  rt: requestTexts(locale),
  timeZone: requests.timeZone,
  nameOf: (id) => nameOf(desk, id),
});
