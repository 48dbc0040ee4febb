import { type Activity, type ConversationReference, TurnContext } from 'botbuilder';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { ConversationStore, StoredConversation } from '../../ports/store/request-store.port';

/** Keys of stored conversations: a person's personal chat, the DPO channel, the last service URL. */
export const personKey = (id: string): string => `person:${id.toLowerCase()}`;
export const DPO_CHANNEL_KEY = 'channel:dpo';
/** The channel an administrator chose for the retention summaries ("post retention summaries here"). */
export const ADMIN_CHANNEL_KEY = 'channel:admin';
/** Where the bot was added to a team (kept from `teamMemberAdded`). */
export const teamKey = (teamId: string): string => `team:${teamId}`;
export const SERVICE_KEY = 'service';

const referenceSchema = z
  .object({
    serviceUrl: z.string().url(),
    channelId: z.string().min(1),
    conversation: z.object({ id: z.string().min(1) }).passthrough(),
    locale: z.string().optional(),
  })
  .passthrough();

/** A stored reference read back: validated, so a bad row cannot send a message somewhere odd. */
export function readReference(json: string): ConversationReference | undefined {
  try {
    const parsed = referenceSchema.safeParse(JSON.parse(json));
    return parsed.success ? (parsed.data as unknown as ConversationReference) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Remembers where the bot can write to people later: the personal chat of an identified person
 * (with their Teams user id, for `refresh.userIds`), the DPO channel when the bot is used there,
 * and the service URL of the tenant.
 */
export async function rememberConversation(store: Pick<ConversationStore, 'saveConversation'>, activity: Activity, personId: string | undefined, dpoChannelId: string | undefined, at: Date): Promise<void> {
  if (activity.channelId !== 'msteams' && activity.channelId !== 'emulator' && activity.channelId !== 'test') return;
  const reference = { ...TurnContext.getConversationReference(activity), ...(activity.locale ? { locale: activity.locale } : {}) };
  delete (reference as { activityId?: string }).activityId;
  // Where the tenant's Bot Connector is, for posts into channels nobody has written from yet: the
  // same for everybody (no asker, no locale), so it is written again only when it moves.
  const { user: _user, locale: _locale, ...service } = reference as ConversationReference & { locale?: string };
  const tenantId = reference.conversation?.tenantId;
  await store.saveConversation({ key: SERVICE_KEY, reference: JSON.stringify({ ...service, conversation: { id: 'service', ...(tenantId ? { tenantId } : {}) } }) }, at);
  const type = activity.conversation?.conversationType;
  if (personId !== undefined && (type === 'personal' || type === undefined) && activity.from?.id) {
    await store.saveConversation({ key: personKey(personId), teamsUserId: activity.from.id, reference: JSON.stringify(reference) }, at);
  }
  if (isDpoChannel(activity, dpoChannelId)) {
    await store.saveConversation({ key: DPO_CHANNEL_KEY, reference: JSON.stringify({ ...reference, conversation: { ...reference.conversation, id: dpoChannelId } }) }, at);
  }
}

/**
 * Writes a conversation reference only when it differs from the one this process wrote last for
 * the same key (within `ttlMs`): the same person asking again changes nothing, so no write.
 */
export class UnchangedConversations implements Pick<ConversationStore, 'saveConversation'> {
  private readonly written: LRUCache<string, string>;

  constructor(
    private readonly store: Pick<ConversationStore, 'saveConversation'>,
    options: { ttlMs?: number; max?: number } = {},
  ) {
    this.written = new LRUCache<string, string>({ max: options.max ?? 20_000, ttl: options.ttlMs ?? 60 * 60_000 });
  }

  async saveConversation(conversation: StoredConversation, at: Date): Promise<void> {
    const value = `${conversation.teamsUserId ?? ''}\u0000${conversation.reference}`;
    if (this.written.get(conversation.key) === value) return;
    await this.store.saveConversation(conversation, at);
    this.written.set(conversation.key, value);
  }
}

/** The Teams channel an activity comes from (without the thread: `19:…@thread.tacv2`). */
export const channelIdOf = (activity: Partial<Activity>): string | undefined =>
  (activity.channelData as { channel?: { id?: string } } | undefined)?.channel?.id ?? activity.conversation?.id?.split(';')[0];

/** Whether the activity comes from the configured DPO channel (any of its threads). */
export function isDpoChannel(activity: Partial<Activity>, dpoChannelId: string | undefined): boolean {
  if (dpoChannelId === undefined || activity.conversation?.conversationType !== 'channel') return false;
  return channelIdOf(activity) === dpoChannelId;
}

/** A group chat or a channel: more people read the answer than the asker. */
export const isShared = (activity: Partial<Activity>): boolean =>
  activity.conversation?.conversationType === 'channel' || activity.conversation?.conversationType === 'groupChat' || activity.conversation?.isGroup === true;

/**
 * Where a case button may act or show a case: a personal chat, and for a DPO the DPO channel.
 * Anywhere else (a group chat, another channel, a forwarded card) a case is nobody's business —
 * the same rule for every verb, refresh included, on every path (Action.Execute and its fallback).
 */
export const caseButtonsWorkHere = (activity: Partial<Activity>, dpoChannelId: string | undefined, actorIsDpo: boolean): boolean =>
  !isShared(activity) || (actorIsDpo && isDpoChannel(activity, dpoChannelId));
