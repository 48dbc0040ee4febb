import { randomUUID } from 'node:crypto';
import { type Activity, CardFactory, MessageFactory, TeamsActivityHandler, type TurnContext, TurnContext as Turns } from 'botbuilder';
import type { PrivacyDesk } from '../app/privacy-desk';
import type { Logger } from '../ports/logger/logger.port';
import type { RenderedCard } from './cards/answer.card';
import { type CardAction, cardActionSchema, stampOwner } from './cards/card-actions';
import { helpCard, noticeCard } from './cards/simple.card';
import { route } from './handlers/router';
import type { Newcomers, Turn } from './handlers/turn';
import { type Locale, localeFrom } from './i18n/locale';
import { messages } from './i18n/messages';
import { askerIdentity } from './identity';
import type { ParsedMessage } from './intents/intent';
import { parse } from './intents/parser';

export interface BotOptions {
  desk: PrivacyDesk;
  logger: Logger;
  /** Identify askers from `from.id` outside Teams: only while bot authentication is off. */
  allowLocalIdentity: boolean;
  defaultLocale: Locale;
  /** Finds people who joined after the last directory read. */
  newcomers?: Newcomers;
}

/** Longest message the bot reads; anything longer is cut, not rejected. */
const MAX_TEXT = 500;

/**
 * The Teams bot: reads a message or a card button, works out who asks and what, and answers
 * with an Adaptive Card. Everything past `route` is free of Bot Framework types.
 */
export class PrivacyDeskBot extends TeamsActivityHandler {
  constructor(private readonly options: BotOptions) {
    super();
    this.onMessage(async (context, next) => {
      await this.answer(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcome(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient?.id);
      if (botAdded && context.activity.channelId !== 'msteams') await this.welcome(context);
      await next();
    });
  }

  private async answer(context: TurnContext): Promise<void> {
    const started = Date.now();
    const locale = localeFrom(context.activity.locale, this.options.defaultLocale);
    const log = this.options.logger.child({ activityId: context.activity.id, channel: context.activity.channelId });
    try {
      const understood = this.understand(context.activity);
      if (!understood) {
        await send(context, noticeCard(messages(locale).appTitle, [messages(locale).invalidAction]));
        log.warn({ reason: 'invalid card data' }, 'rejected card action');
        return;
      }
      const turn = await this.turnFor(context, understood, locale, log);
      const askerId = turn.asker === undefined ? undefined : this.options.desk.person(turn.asker).id;
      const owner = understood.action?.verb === 'run' ? understood.action.for : undefined;
      if (owner !== undefined && owner !== askerId) {
        await send(context, noticeCard(messages(locale).appTitle, [messages(locale).buttonNotYours]));
        log.info({ reason: 'button of another asker' }, 'refused card action');
        return;
      }
      const reply = await route(turn, { desk: this.options.desk, ...(this.options.newcomers ? { newcomers: this.options.newcomers } : {}) });
      await send(context, askerId === undefined ? reply : { ...reply, card: stampOwner(reply.card, askerId) });
      log.info({ intent: turn.parsed.intent, identified: turn.asker !== undefined, ms: Date.now() - started }, 'answered');
    } catch (error) {
      const reference = randomUUID().slice(0, 8);
      log.error({ reference, err: error instanceof Error ? { name: error.name, code: (error as { code?: string }).code, stack: error.stack } : String(error) }, 'turn failed');
      await send(context, noticeCard(messages(locale).appTitle, [messages(locale).errorReference(reference)]));
    }
  }

  /** The question of a typed message or a card button; undefined for invalid button data. */
  private understand(activity: Activity): { parsed: ParsedMessage; action?: CardAction } | undefined {
    if (activity.value !== undefined && activity.value !== null) {
      const action = cardActionSchema.safeParse(activity.value);
      if (!action.success) return undefined;
      if (action.data.verb === 'ask') return { parsed: parse(action.data.text) };
      const { verb: _verb, page: _page, level, confirmed: _confirmed, for: _for, ...slots } = action.data;
      const parsed: ParsedMessage = { ...slots };
      if (level && level !== 'remove') parsed.level = level;
      return { parsed, action: action.data };
    }
    const text = (Turns.removeRecipientMention(activity) ?? activity.text ?? '').trim().slice(0, MAX_TEXT);
    return { parsed: parse(text) };
  }

  private async turnFor(context: TurnContext, understood: { parsed: ParsedMessage; action?: CardAction }, locale: Locale, log: Logger): Promise<Turn> {
    const turn: Turn = { parsed: understood.parsed, locale, asker: undefined };
    const action = understood.action;
    if (action?.verb === 'run') {
      if (action.page !== undefined) turn.page = action.page;
      if (action.level === 'remove') turn.removeGrant = true;
      if (action.confirmed) turn.confirmed = true;
    }
    const identity = await askerIdentity(context, this.options.allowLocalIdentity, log);
    if (!identity) {
      turn.unidentified = 'channel';
      return turn;
    }
    const asker =
      this.options.desk.identify(identity) ??
      (await this.options.newcomers?.identifyNewcomer({
        ...(identity.mail ? { mail: identity.mail } : {}),
        ...(identity.upn ? { upn: identity.upn } : {}),
        ...(identity.aadObjectId ? { objectId: identity.aadObjectId } : {}),
      }));
    if (asker === undefined) turn.unidentified = 'directory';
    else turn.asker = asker;
    return turn;
  }

  private async welcome(context: TurnContext): Promise<void> {
    const locale = localeFrom(context.activity.locale, this.options.defaultLocale);
    await send(context, helpCard(messages(locale), 'welcome'));
  }
}

/** Sends a card with its plain-text rendering as the notification summary. */
async function send(context: TurnContext, reply: RenderedCard): Promise<void> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(reply.card));
  activity.summary = reply.text.split('\n')[0] ?? '';
  await context.sendActivity(activity);
}
