import { type Activity, CardFactory, type CloudAdapter, type ConversationReference, MessageFactory, type TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { PrivacyDesk } from '../../app/privacy-desk';
import { PrivacyDeskError } from '../../domain/shared/errors';
import type { RequestDesk } from '../../app/requests/request-desk';
import type { PrivacyRequest } from '../../domain/requests/request';
import type { Logger } from '../../ports/logger/logger.port';
import type { AdminNotice, CaseNotice, Notifier } from '../../ports/notifier/notifier.port';
import type { CardMessage, ConversationStore, RequestStore } from '../../ports/store/request-store.port';
import type { RenderedCard } from '../cards/answer.card';
import { showDate } from '../cards/request-view';
import { withConnectorBudget } from './bounded-connector';
import { ADMIN_CHANNEL_KEY, DPO_CHANNEL_KEY, SERVICE_KEY, personKey, readReference } from './conversations';
import { purgeFinishedCard, retentionSummaryCard } from '../cards/retention-summary.card';
import { SCHEDULE } from '../../app/retention-scheduler';
import { messages } from '../i18n/messages';
import { type Presentation, presentCase } from '../cards/case-presenter';
import { nameOf, requestContext } from '../handlers/turn';
import { type Locale, localeFrom } from '../i18n/locale';
import { outcomeCard, reportReadyCard, stepLabel, taskCard } from '../cards/execution.card';

export interface TeamsNotifierOptions {
  adapter: CloudAdapter;
  /** The bot's app id ('' while authentication is off, local use only). */
  appId: string;
  conversations: ConversationStore;
  cards: RequestStore;
  desk: PrivacyDesk;
  /** The DPO channel's Teams id (`19:…@thread.tacv2`), when configured. */
  dpoChannelId?: string;
  /** The administrators' channel (ADMIN_CHANNEL); else the one an administrator chose in Teams. */
  adminChannelId?: string;
  /** The organisation's time zone: dates on the retention summary. */
  timeZone: string;
  defaultLocale: Locale;
  logger: Logger;
  /**
   * Longest a proactive send may take, token included (the Bot Connector calls themselves are
   * bounded by the adapter's connector options): a send that takes longer counts as failed.
   */
  sendTimeoutMs: number;
  /** What one proactive send may spend on the Bot Connector calls themselves (CONNECTOR_TIMEOUT_MS). */
  connectorBudgetMs: number;
}

/** How a stored card message is redrawn: its conversation, who sees it there, in which language. */
interface CardTarget {
  reference: Partial<ConversationReference>;
  viewer?: string;
  locale: Locale;
}

/**
 * Sends case cards through Teams: to a person's personal chat (captured on install or first
 * message), to the DPO channel, and redraws every card about a case after a change. Only this
 * file and the bot know Bot Framework types; the app sees the `Notifier` port.
 */
export class TeamsNotifier implements Notifier {
  private requestDesk: RequestDesk | undefined;

  constructor(private readonly options: TeamsNotifierOptions) {}

  /** The request desk draws the cards' buttons; it is made after the notifier, so it is set here. */
  attach(requests: RequestDesk): void {
    this.requestDesk = requests;
  }

  private get requests(): RequestDesk {
    if (!this.requestDesk) throw new Error('TeamsNotifier used before attach()');
    return this.requestDesk;
  }

  async toPerson(personId: string, notice: CaseNotice): Promise<boolean> {
    const stored = await this.options.conversations.conversation(personKey(personId));
    const reference = stored ? readReference(stored.reference) : undefined;
    if (!reference) return false;
    const target: CardTarget = { reference, viewer: personId, locale: localeFrom(reference.locale, this.options.defaultLocale) };
    const card = await this.render(notice, target);
    let activityId: string | undefined;
    await this.proactive(reference, async (context) => {
      activityId = (await context.sendActivity(asActivity(card)))?.id;
      // The report as a file too (Teams asks the DPO first; personal chat only): see PrivacyDeskBot's file consent.
      if (notice.kind === 'reportReady' && notice.file !== 'letters') await context.sendActivity(fileConsentActivity(notice.request, notice.bytes, target.locale));
    });
    // Case cards are redrawn on every change; a task, a report link or an outcome stays as sent.
    if (activityId && REDRAWN.has(notice.kind)) await this.remember(notice.request, personId === notice.request.requester ? 'requester' : 'dpo', reference.conversation?.id ?? '', activityId, target);
    return true;
  }

  async toDpoChannel(notice: CaseNotice): Promise<boolean> {
    const channelId = this.options.dpoChannelId;
    if (!channelId) return false;
    const reference = await this.channelReference(channelId, DPO_CHANNEL_KEY);
    if (!reference) {
      this.options.logger.warn({}, 'DPO channel configured, but no Teams service URL is known yet (the bot has not been used)');
      return false;
    }
    const target: CardTarget = { reference, locale: this.options.defaultLocale };
    const created = await this.postToChannel(channelId, reference, await this.render(notice, target));
    if (created) {
      await this.remember(notice.request, 'channel', created.id, created.activityId, { ...target, reference: { ...reference, conversation: { ...reference.conversation, id: created.id } as ConversationReference['conversation'] } });
    }
    return true;
  }

  /**
   * Posts in the administrators' channel: ADMIN_CHANNEL, else the channel where an administrator said
   * "post retention summaries here". False while there is none (or no service URL is known yet).
   */
  async toAdminChannel(notice: AdminNotice): Promise<boolean> {
    const stored = await this.options.conversations.conversation(ADMIN_CHANNEL_KEY);
    const chosen = stored ? readReference(stored.reference) : undefined;
    const channelId = this.options.adminChannelId ?? chosen?.conversation.id;
    if (!channelId) return false;
    const reference = chosen && chosen.conversation.id === channelId ? chosen : await this.channelReference(channelId, ADMIN_CHANNEL_KEY);
    if (!reference) {
      this.options.logger.warn({}, "administrators' channel configured, but no Teams service URL is known yet (the bot has not been used)");
      return false;
    }
    const t = messages(this.options.defaultLocale);
    const card =
      notice.kind === 'retentionSummary'
        ? retentionSummaryCard(t, notice.summary, this.options.timeZone, { buttons: true, ...(notice.late ? { late: notice.late.due } : {}) })
        : purgeFinishedCard(t, notice.run, notice.by === SCHEDULE ? undefined : nameOf(this.options.desk, notice.by));
    await this.postToChannel(channelId, reference, card);
    return true;
  }

  async hasAdminChannel(): Promise<boolean> {
    if (this.options.adminChannelId !== undefined) return true;
    return (await this.options.conversations.conversation(ADMIN_CHANNEL_KEY)) !== undefined;
  }

  /** Starts a new thread in a Teams channel; returns the thread's conversation id and the post's activity id. */
  private async postToChannel(channelId: string, reference: Partial<ConversationReference>, card: RenderedCard): Promise<{ id: string; activityId: string } | undefined> {
    let created: { id?: string; activityId?: string } | undefined;
    await this.proactive(reference, async (context) => {
      const connector = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
      created = await connector.conversations.createConversation({
        isGroup: true,
        channelData: { channel: { id: channelId }, ...(reference.conversation?.tenantId ? { tenant: { id: reference.conversation.tenantId } } : {}) },
        activity: asActivity(card) as Activity,
        bot: reference.bot ?? { id: this.options.appId, name: 'privacy-desk' },
        members: [],
      });
    });
    return created?.id && created.activityId ? { id: created.id, activityId: created.activityId } : undefined;
  }

  async refreshCards(changed: PrivacyRequest): Promise<void> {
    // Drawn from the store, not from the change that set this off: when two changes come close
    // together, the later redraw must not be overtaken by the earlier one's older case.
    const stored = await this.requests.get(changed.id);
    const request = stored && stored.version > changed.version ? stored : changed;
    const messages = await this.options.cards.cardMessages(request.id);
    const dpoIds = await this.dpoTeamsIds();
    for (const message of messages) {
      const target = readTarget(message);
      if (!target) continue;
      // Somebody who may no longer see the case (a DPO taken off the roster) keeps the old card.
      if (target.viewer !== undefined && !this.requests.maySee(request, target.viewer)) continue;
      const ctx = requestContext(target.locale, this.options.desk, this.requests);
      // Drawn as everywhere else: a DPO's redrawn card keeps its list of possible duplicates.
      const card = await presentCase(ctx, this.requests, request, target.viewer, { refreshFor: dpoIds });
      try {
        await this.proactive(target.reference, async (context: TurnContext) => {
          await context.updateActivity({ ...asActivity(card), id: message.activityId });
        });
      } catch (error) {
        // One card that cannot be updated (deleted, bot removed) must not stop the others.
        this.options.logger.warn({ case: request.number, audience: message.audience, err: error instanceof Error ? error.name : 'unknown' }, 'could not update a card');
      }
    }
  }

  /** Teams user ids of the DPOs who have talked to the bot: their clients fetch their own card view. */
  async dpoTeamsIds(): Promise<string[]> {
    const roster = this.requests.roster;
    const ids: string[] = [];
    for (const dpo of [...roster.dpos, ...(roster.deputy ? [roster.deputy] : [])]) {
      const stored = await this.options.conversations.conversation(personKey(dpo));
      if (stored?.teamsUserId && !ids.includes(stored.teamsUserId)) ids.push(stored.teamsUserId);
    }
    return ids;
  }

  /**
   * Runs `send` in a conversation the bot is not answering in, and fails when it fails. The adapter
   * hands an error inside `continueConversationAsync` to its `onTurnError`, which only logs it: a
   * send that reached nobody would pass for delivered, and be neither released nor retried. A send
   * that takes longer than `sendTimeoutMs` fails too (its HTTP calls are aborted by then).
   */
  private async proactive(reference: Partial<ConversationReference>, send: (context: TurnContext) => Promise<void>): Promise<void> {
    let failure: { error: unknown } | undefined;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ProactiveTimeoutError()), this.options.sendTimeoutMs);
    });
    try {
      await Promise.race([
        // Its own connector budget: a send is not cut short by the turn that set it off, nor the other way round.
        withConnectorBudget(this.options.connectorBudgetMs, () =>
          this.options.adapter.continueConversationAsync(this.options.appId, reference, async (context) => {
            try {
              await send(context);
            } catch (error) {
              failure = { error };
            }
          }),
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
    if (failure) throw failure.error;
  }

  /** How to reach a channel: as last seen there (`key`), else by the tenant's service URL. */
  private async channelReference(channelId: string, key: string): Promise<Partial<ConversationReference> | undefined> {
    const channel = await this.options.conversations.conversation(key);
    const known = channel ? readReference(channel.reference) : undefined;
    if (known && known.conversation.id === channelId) return known;
    const service = await this.options.conversations.conversation(SERVICE_KEY);
    const any = service ? readReference(service.reference) : undefined;
    if (!any) return undefined;
    return { ...any, conversation: { id: channelId, isGroup: true, conversationType: 'channel', name: '', ...(any.conversation?.tenantId ? { tenantId: any.conversation.tenantId } : {}) } };
  }

  private async remember(request: PrivacyRequest, audience: CardMessage['audience'], conversationId: string, activityId: string, target: CardTarget): Promise<void> {
    await this.options.cards.recordCardMessage({ requestId: request.id, audience, conversationId, activityId, reference: JSON.stringify(target) });
  }

  private async render(notice: CaseNotice, target: CardTarget): Promise<RenderedCard> {
    const requests = this.requests;
    const ctx = requestContext(target.locale, this.options.desk, requests);
    const request = notice.request;
    const refreshFor = await this.dpoTeamsIds();
    const present = (presentation: Presentation): Promise<RenderedCard> => presentCase(ctx, requests, request, target.viewer, { refreshFor, ...presentation });
    switch (notice.kind) {
      case 'decision':
        return present({ title: ctx.rt.decisionTitle(request.number), intro: [ctx.rt.decisionIntro], duplicates: notice.duplicates });
      case 'reminder': {
        const title = notice.reminder === 'dueToday' ? ctx.rt.escalationTitle(request.number) : ctx.rt.reminderTitle(request.number, notice.reminder);
        return present({ title });
      }
      case 'changed': {
        const event = notice.event;
        const intro = [ctx.rt.changedLine(ctx.rt.status(request.status))];
        if (event.action === 'extend' && event.reason) intro.push(ctx.rt.extendedLine(showDate(ctx, request.dueDate), event.reason));
        if (event.action === 'askInfo' && event.reason) intro.push(ctx.rt.infoNeededLine(event.reason));
        if (event.action === 'reject' && event.reason) intro.push(ctx.rt.rejectedLine(event.reason));
        return present({ title: ctx.rt.changedTitle(request.number), intro });
      }
      case 'stepFailed':
        return present({ title: ctx.rt.caseTitle(request.number, ctx.t.requestType(request.type)), intro: [ctx.rt.execution.failedIntro(stepLabel(ctx, notice.step))] });
      case 'task':
        return taskCard(ctx, request, notice.step, notice.subject, { reminder: notice.reminder });
      case 'reportReady':
        return reportReadyCard(ctx, request, notice.url, notice.expiresAt, notice.bytes, notice.forRequester === true, notice.file === 'letters');
      case 'outcome':
        return outcomeCard(ctx, request, notice.job);
    }
  }
}

/**
 * A Teams file consent card offering the case's report ZIP: the DPO accepts (Teams then brings an
 * upload URL) or declines. The contexts name the case only; who accepts is checked again then.
 */
export function fileConsentActivity(request: PrivacyRequest, bytes: number, locale: Locale): Partial<Activity> {
  const description = locale === 'de' ? `Auskunft ${request.number} (PDF, HTML, JSON)` : `Access report ${request.number} (PDF, HTML, JSON)`;
  const context = { caseId: request.id };
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.teams.card.file.consent', name: `${request.number}.zip`, content: { description, sizeInBytes: bytes, acceptContext: context, declineContext: context } }],
  };
}

/** Notices drawn as the case card, and so redrawn when the case changes. */
const REDRAWN: ReadonlySet<CaseNotice['kind']> = new Set(['decision', 'changed', 'reminder', 'stepFailed']);

/** A proactive send that did not finish in time. */
export class ProactiveTimeoutError extends PrivacyDeskError {
  override name = 'ProactiveTimeoutError';
  constructor() {
    super('NOTIFIER.TIMEOUT', 'proactive send timed out');
  }
}

function readTarget(message: CardMessage): CardTarget | undefined {
  try {
    const parsed = JSON.parse(message.reference) as { reference?: unknown; viewer?: unknown; locale?: unknown };
    const reference = readReference(JSON.stringify(parsed.reference ?? null));
    if (!reference) return undefined;
    return { reference, ...(typeof parsed.viewer === 'string' ? { viewer: parsed.viewer } : {}), locale: parsed.locale === 'de' ? 'de' : 'en' };
  } catch {
    return undefined;
  }
}

/** A card as a message activity, with its plain text as the notification summary. */
export function asActivity(card: RenderedCard): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card.card));
  activity.summary = card.text.split('\n')[0] ?? '';
  return activity;
}
