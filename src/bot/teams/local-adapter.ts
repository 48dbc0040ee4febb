import { randomUUID } from 'node:crypto';
import {
  type Activity,
  ActivityTypes,
  BotAdapter,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder';
import type { PrivacyDeskBot } from './privacy-desk.bot';

/** A conversation with the bot outside Teams: the CLI and tests talk to the same bot code through it. */
export class LocalAdapter extends BotAdapter {
  private sent: Partial<Activity>[] = [];

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    return activities.map((activity) => {
      const id = randomUUID();
      this.sent.push({ ...activity, id });
      return { id };
    });
  }

  async updateActivity(_context: TurnContext, activity: Partial<Activity>): Promise<void> {
    this.sent.push({ ...activity, type: ActivityTypes.MessageUpdate });
  }

  async deleteActivity(): Promise<void> {
    // Nothing to delete in a local conversation.
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  /** Runs one incoming activity through the bot and returns what the bot sent. */
  async process(activity: Partial<Activity>, bot: PrivacyDeskBot): Promise<Partial<Activity>[]> {
    this.sent = [];
    await this.runMiddleware(new TurnContext(this, activity), (context) => bot.run(context));
    return this.sent;
  }
}

export interface LocalUser {
  /** Mail or UPN of the person talking to the bot. */
  id: string;
  locale: string;
}

/** Builds activities as a local channel would send them. */
export function localActivity(user: LocalUser, content: { text: string } | { value: unknown }): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    id: randomUUID(),
    timestamp: new Date(),
    channelId: 'cli',
    serviceUrl: 'local://privacy-desk',
    locale: user.locale,
    from: { id: user.id, name: user.id },
    recipient: { id: 'privacy-desk', name: 'privacy-desk' },
    conversation: { id: `local:${user.id}`, isGroup: false, name: 'local', conversationType: 'personal' },
    ...content,
  };
}
