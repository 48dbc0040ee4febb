import type { Activity } from 'botbuilder';
import type { PrivacyDesk } from '../../app/privacy-desk';
import type { Logger } from '../../ports/logger/logger.port';
import { cardToText, type TextAction } from '../cards/card-text';
import type { Locale } from '../i18n/locale';
import type { AdminRoster } from '../../app/administrators';
import { LocalAdapter, localActivity } from './local-adapter';
import { type BotOptions, PrivacyDeskBot, type RequestServices } from './privacy-desk.bot';
import type { RequestDesk } from '../../app/requests/request-desk';
import type { Clock } from '../../ports/clock/clock.port';
import type { ConversationStore, RequestStore } from '../../ports/store/request-store.port';

/** One reply of the bot, as activity and as text with numbered buttons. */
export interface LocalReply {
  activity: Partial<Activity>;
  text: string;
  actions: TextAction[];
}

/**
 * A conversation with the real bot code outside Teams (the CLI's `ask` and `chat`), as the
 * person `as`. Local use only: the asker is who the caller says.
 */
export class LocalConversation {
  private readonly adapter = new LocalAdapter();
  private readonly bot: PrivacyDeskBot;

  constructor(
    desk: PrivacyDesk,
    private readonly user: { id: string; locale: Locale },
    logger: Logger,
    private readonly requests?: RequestServices,
    admins: AdminRoster = [],
    retention?: BotOptions['retention'],
  ) {
    this.bot = new PrivacyDeskBot({ desk, logger, allowLocalIdentity: true, defaultLocale: user.locale, admins, ...(requests ? { requests } : {}), ...(retention ? { retention } : {}) });
  }

  say(text: string): Promise<LocalReply[]> {
    return this.send({ text });
  }

  /** Presses a card button: sends its data (with any inputs merged in) back to the bot. */
  click(data: unknown): Promise<LocalReply[]> {
    return this.send({ value: data });
  }

  private async send(content: { text: string } | { value: unknown }): Promise<LocalReply[]> {
    const sent = await this.adapter.process(localActivity(this.user, content), this.bot);
    // Whatever the change set off (other cards redrawn, the requester told) has happened too.
    await this.requests?.desk.settled();
    return sent.map((activity) => {
      const card = activity.attachments?.[0]?.content as Record<string, unknown> | undefined;
      const rendered = card ? cardToText(card) : { text: activity.text ?? '', actions: [] };
      return { activity, ...rendered };
    });
  }
}

/** Request services for a local conversation: no Teams ids, so cards carry no refresh. */
export const localRequestServices = (parts: { requests: RequestDesk; requestStore: RequestStore & ConversationStore; clock: Clock }): RequestServices => ({
  desk: parts.requests,
  conversations: parts.requestStore,
  cards: parts.requestStore,
  clock: parts.clock,
  dpoTeamsIds: async () => [],
});
