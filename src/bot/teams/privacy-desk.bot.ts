import { randomUUID } from 'node:crypto';
import {
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  CardFactory,
  type FileConsentCardResponse,
  MessageFactory,
  TeamsActivityHandler,
  type TurnContext,
  TurnContext as Turns,
} from 'botbuilder';
import type { PrivacyDesk } from '../../app/privacy-desk';
import type { AdminRoster } from '../../app/administrators';
import type { RequestDesk } from '../../app/requests/request-desk';
import type { Clock } from '../../ports/clock/clock.port';
import type { ConversationStore, RequestStore } from '../../ports/store/request-store.port';
import { type IntakeForm, intakeFormSchema } from '../cards/request-form';
import { ADMIN_CHANNEL_KEY, UnchangedConversations, caseButtonsWorkHere, channelIdOf, isShared, rememberConversation, teamKey } from './conversations';
import { type RetentionAction, retentionActionSchema } from '../cards/retention-summary.card';
import { retentionActionHandler } from '../handlers/retention.handlers';
import { type CaseActionReply, handleCaseAction } from '../handlers/case.handlers';
import type { CaseReply } from '../handlers/request.handlers';
import type { Logger } from '../../ports/logger/logger.port';
import type { RenderedCard } from '../cards/answer.card';
import { type CardAction, cardActionSchema, stampOwner } from '../cards/card-actions';
import { helpCard, noticeCard } from '../cards/simple.card';
import { route } from '../handlers/router';
import type { HandlerServices, Newcomers, Turn } from '../handlers/turn';
import { type Locale, localeFrom } from '../i18n/locale';
import { messages, requestTexts } from '../i18n/messages';
import { type IdentityOptions, MemberCache, askerIdentity, fromForeignTenant } from './identity';
import type { ParsedMessage } from '../intents/intent';
import { Reader } from '../intents/reading';

export interface BotOptions {
  desk: PrivacyDesk;
  logger: Logger;
  /** Identify askers from `from.id` outside Teams: only while bot authentication is off. */
  allowLocalIdentity: boolean;
  /** The organisation's Entra tenant: Teams activities from other tenants are refused. */
  homeTenantId?: string | undefined;
  defaultLocale: Locale;
  /** Finds people who joined after the last directory read. */
  newcomers?: Newcomers;
  /** Privacy requests, with where their cards and conversations are kept. */
  requests?: RequestServices;
  /** The communication suite's administrators (ADMIN_USERS, ADMIN_GROUP). */
  admins?: AdminRoster;
  retention?: HandlerServices['retention'];
  /** ADMIN_CHANNEL: the administrators' channel set in the configuration (it wins over one chosen in Teams). */
  adminChannelId?: string;
  /** Longest an upload of a report file to Teams may take. */
  uploadTimeoutMs?: number;
}

export interface RequestServices {
  desk: RequestDesk;
  conversations: ConversationStore;
  cards: RequestStore;
  clock: Clock;
  /** Teams user ids of the DPOs (for `refresh.userIds`). */
  dpoTeamsIds(): Promise<string[]>;
  dpoChannelId?: string;
}

/** Longest message the bot reads; anything longer is cut, not rejected. */
const MAX_TEXT = 500;

/**
 * The Teams bot: reads a message or a card button, works out who asks and what, and answers
 * with an Adaptive Card. Everything past `route` is free of Bot Framework types.
 */
export class PrivacyDeskBot extends TeamsActivityHandler {
  /** Teams members asked for recently: not asked again on every message. */
  private readonly members = new MemberCache();
  private readonly reader = new Reader();
  /** Conversation references as last written: written again only when they change. */
  private conversationWrites: UnchangedConversations | undefined;

  constructor(private readonly options: BotOptions) {
    super();
    this.onMessage(async (context, next) => {
      await this.answer(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      if (fromForeignTenant(context.activity, this.identityOptions)) {
        this.options.logger.warn({ activityId: context.activity.id }, 'installed in another tenant; not remembered');
        await send(context, noticeCard(messages(this.localeOf(context)).appTitle, [messages(this.localeOf(context)).foreignTenant]));
      } else {
        const log = this.options.logger.child({ activityId: context.activity.id, channel: context.activity.channelId });
        await this.rememberAsker(context, await this.whoIs(context, log), log);
        // Added to a team: one short word in the channel (what the bot is for, and how administrators get the summaries there).
        if (context.activity.conversation?.conversationType === 'channel') await send(context, noticeCard(messages(this.localeOf(context)).appTitle, [messages(this.localeOf(context)).teamWelcome]));
        else await this.welcome(context);
      }
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient?.id);
      if (botAdded && context.activity.channelId !== 'msteams') await this.welcome(context);
      if (botAdded && context.activity.channelId === 'msteams') await this.rememberTeam(context);
      await next();
    });
  }

  private get identityOptions(): IdentityOptions {
    return { allowLocal: this.options.allowLocalIdentity, homeTenantId: this.options.homeTenantId };
  }

  private localeOf(context: TurnContext): Locale {
    return localeFrom(context.activity.locale, this.options.defaultLocale);
  }

  private async answer(context: TurnContext): Promise<void> {
    const started = Date.now();
    const locale = this.localeOf(context);
    const log = this.options.logger.child({ activityId: context.activity.id, channel: context.activity.channelId });
    if (fromForeignTenant(context.activity, this.identityOptions)) {
      log.warn({ reason: 'foreign tenant' }, 'refused message');
      await send(context, noticeCard(messages(locale).appTitle, [messages(locale).foreignTenant]));
      return;
    }
    try {
      const understood = this.understand(context.activity);
      if (!understood) {
        await send(context, noticeCard(messages(locale).appTitle, [messages(locale).invalidAction]));
        log.warn({ reason: 'invalid card data' }, 'rejected card action');
        return;
      }
      const turn = await this.turnFor(context, understood, locale, log);
      const askerId = turn.asker === undefined ? undefined : this.options.desk.person(turn.asker).id;
      const shared = turn.shared === true;
      await this.rememberAsker(context, askerId, log);
      if (understood.caseAction !== undefined) {
        // A case card's fallback button: in a personal chat, or by a DPO in the DPO channel only.
        if (!this.caseButtonsWorkHere(context.activity, askerId)) {
          await send(context, noticeCard(messages(locale).requestsTitle, [messages(locale).requestsPersonalOnly]));
          log.info({ reason: 'case action in a shared conversation' }, 'refused card action');
          return;
        }
        await this.caseActionByMessage(context, understood.caseAction, askerId, locale, log);
        return;
      }
      if (understood.retentionAction !== undefined) {
        // Without Universal Actions the answer is a message everybody in the conversation reads: cases
        // are shown in a personal chat only.
        if (understood.retentionAction === 'overdue' && shared) {
          await send(context, noticeCard(messages(locale).requestsTitle, [messages(locale).requestsPersonalOnly]));
          log.info({ action: understood.retentionAction, reason: 'cases in a shared conversation' }, 'refused retention action (fallback)');
          return;
        }
        await send(context, await retentionActionHandler({ action: understood.retentionAction, actor: askerId, locale }, this.services()));
        log.info({ action: understood.retentionAction }, 'retention action (fallback)');
        return;
      }
      if (turn.parsed.intent === 'adminChannel' && context.activity.conversation?.conversationType === 'channel') {
        await send(context, await this.chooseAdminChannel(context, askerId, locale, log));
        return;
      }
      const owner = understood.action?.verb === 'run' ? understood.action.for : undefined;
      if (owner !== undefined && owner !== askerId) {
        await send(context, noticeCard(messages(locale).appTitle, [messages(locale).buttonNotYours]));
        log.info({ reason: 'button of another asker' }, 'refused card action');
        return;
      }
      const reply: CaseReply = await route(turn, this.services());
      const sentId = await send(context, askerId === undefined ? reply : { ...reply, card: stampOwner(reply.card, askerId) });
      // Only a personal chat's copy is kept up to date: a case is nobody else's business.
      if (reply.caseId !== undefined && sentId !== undefined && !shared) await this.rememberCard(context, reply.caseId, sentId, askerId, locale);
      log.info({ intent: turn.parsed.intent, identified: turn.asker !== undefined, ms: Date.now() - started }, 'answered');
    } catch (error) {
      const reference = randomUUID().slice(0, 8);
      log.error({ reference, err: error instanceof Error ? { name: error.name, code: (error as { code?: string }).code, stack: error.stack } : String(error) }, 'turn failed');
      await send(context, noticeCard(messages(locale).appTitle, [messages(locale).errorReference(reference)]));
    }
  }

  /** The question of a typed message or a card button; undefined for invalid button data. */
  private understand(activity: Activity): Understood | undefined {
    if (activity.value !== undefined && activity.value !== null) {
      const verb = (activity.value as { verb?: unknown }).verb;
      // The Action.Submit fallback of a case button (clients without Universal Actions).
      if (verb === 'case' || verb === 'job') return { parsed: { intent: 'requestStatus' }, caseAction: activity.value };
      if (verb === 'retention') {
        const retention = retentionActionSchema.safeParse(activity.value);
        return retention.success ? { parsed: { intent: 'retentionSummary' }, retentionAction: retention.data.action } : undefined;
      }
      if (verb === 'request') {
        const form = intakeFormSchema.safeParse(activity.value);
        return form.success ? { parsed: { intent: 'startRequest', requestType: form.data.type }, form: form.data } : undefined;
      }
      const action = cardActionSchema.safeParse(activity.value);
      if (!action.success) return undefined;
      if (action.data.verb === 'ask') return { parsed: this.parse(action.data.text) };
      const { verb: _verb, page: _page, level, confirmed: _confirmed, cancelled: _cancelled, restore: _restore, for: _for, token: _token, words, ...slots } = action.data;
      const parsed: ParsedMessage = { ...slots };
      if (level && level !== 'remove') parsed.level = level;
      return { parsed, action: action.data, ...(words ? { text: words } : {}) };
    }
    const text = (Turns.removeRecipientMention(activity) ?? activity.text ?? '').trim().slice(0, MAX_TEXT);
    return { parsed: this.parse(text), text };
  }

  /** Parses with the directory at hand: of the words it does not know, the names are the people's. */
  private parse(text: string): ParsedMessage {
    return this.reader.read(text, this.options.desk.directory);
  }

  private async turnFor(context: TurnContext, understood: Understood, locale: Locale, log: Logger): Promise<Turn> {
    const turn: Turn = { parsed: understood.parsed, locale, asker: undefined, sourceKey: `activity:${context.activity.conversation?.id ?? ''}:${context.activity.id ?? ''}` };
    if (isShared(context.activity)) turn.shared = true;
    if (understood.form) turn.form = understood.form;
    if (understood.text) turn.text = understood.text;
    const action = understood.action;
    if (action?.verb === 'run') {
      if (action.page !== undefined) turn.page = action.page;
      if (action.level === 'remove') turn.removeGrant = true;
      if (action.confirmed) turn.confirmed = true;
      if (action.cancelled) turn.cancelled = true;
      if (action.restore) turn.restore = action.restore;
      if (action.token) turn.confirmToken = action.token;
    }
    const who = await this.identifyAsker(context, log);
    if (who.asker === undefined) turn.unidentified = who.identified ? 'directory' : 'channel';
    else turn.asker = who.asker;
    return turn;
  }

  /** The asker's directory index (people who joined since the last directory read included). */
  private async identifyAsker(context: TurnContext, log: Logger): Promise<{ identified: boolean; asker?: number }> {
    const identity = await askerIdentity(context, this.identityOptions, log, this.members);
    if (!identity) return { identified: false };
    const asker =
      this.options.desk.identify(identity) ??
      (await this.options.newcomers?.identifyNewcomer({
        ...(identity.mail ? { mail: identity.mail } : {}),
        ...(identity.upn ? { upn: identity.upn } : {}),
        ...(identity.aadObjectId ? { objectId: identity.aadObjectId } : {}),
      }));
    return asker === undefined ? { identified: true } : { identified: true, asker };
  }

  /** The asker as a directory person id (lower-case mail/UPN); undefined when unknown. */
  private async whoIs(context: TurnContext, log: Logger): Promise<string | undefined> {
    const { asker } = await this.identifyAsker(context, log);
    return asker === undefined ? undefined : this.options.desk.person(asker).id;
  }

  /**
   * The DPO accepted the report as a file (Teams file consent, personal chat only): the ZIP is put to
   * the upload URL Teams gave, then shown as a file in the chat. Only a DPO who may decide the case
   * gets it, only in a personal chat; an upload that fails or hangs is said, and the link still works.
   */
  protected override async handleTeamsFileConsentAccept(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
    const locale = this.localeOf(context);
    const x = requestTexts(locale).execution;
    const log = this.options.logger.child({ activityId: context.activity.id, channel: context.activity.channelId });
    const requests = this.options.requests;
    const caseId = typeof (response.context as { caseId?: unknown } | undefined)?.caseId === 'string' ? String((response.context as { caseId: string }).caseId) : undefined;
    const upload = response.uploadInfo;
    if (!requests || !caseId || !upload?.uploadUrl || fromForeignTenant(context.activity, this.identityOptions) || context.activity.conversation?.conversationType !== 'personal') {
      log.warn({ reason: 'not a DPO’s personal chat, or no upload address' }, 'refused report file');
      await send(context, noticeCard(x.fileTitle, [x.fileRefused]));
      return;
    }
    const actor = await this.whoIs(context, log);
    const report = actor ? await requests.desk.reportFor(caseId, actor) : undefined;
    if (!actor || !report) {
      log.warn({ reason: 'not a DPO of the case, or the report is gone' }, 'refused report file');
      await send(context, noticeCard(x.fileTitle, [x.fileRefused]));
      return;
    }
    try {
      const size = report.content.length;
      const put = await fetch(upload.uploadUrl, {
        method: 'PUT',
        headers: { 'content-length': String(size), 'content-range': `bytes 0-${size - 1}/${size}` },
        body: report.content,
        signal: AbortSignal.timeout(this.options.uploadTimeoutMs ?? 30_000),
      });
      if (!put.ok) throw new Error(`upload answered ${put.status}`);
    } catch (error) {
      log.warn({ case: report.request.number, err: error instanceof Error ? error.name : 'unknown' }, 'report file upload failed');
      await send(context, noticeCard(x.fileTitle, [x.fileFailed]));
      return;
    }
    await requests.desk.reportDelivered(caseId, actor, 'file');
    log.info({ case: report.request.number, bytes: report.content.length }, 'report sent as a file');
    await context.sendActivity({
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.teams.card.file.info', contentUrl: upload.contentUrl ?? '', name: upload.name ?? `${report.request.number}.zip`, content: { uniqueId: upload.uniqueId, fileType: upload.fileType ?? 'zip' } }],
    });
  }

  /** The DPO declined the file: the link in the card before still works. */
  protected override async handleTeamsFileConsentDecline(context: TurnContext): Promise<void> {
    const x = requestTexts(this.localeOf(context)).execution;
    await send(context, noticeCard(x.fileTitle, [x.fileDeclined]));
  }

  /**
   * A card button in Teams (`adaptiveCard/action`): refresh or a decision on a case. The answer
   * is the card for the clicker; everyone else's copy is updated by the request desk.
   */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const locale = localeFrom(context.activity.locale, this.options.defaultLocale);
    const log = this.options.logger.child({ activityId: context.activity.id, channel: context.activity.channelId });
    if (fromForeignTenant(context.activity, this.identityOptions)) {
      log.warn({ reason: 'foreign tenant' }, 'refused card action');
      return errorResponse('Forbidden', messages(locale).foreignTenant);
    }
    if ((invokeValue.action?.data as { verb?: unknown } | undefined)?.verb === 'retention') return this.retentionInvoke(context, invokeValue.action?.data, locale, log);
    const requests = this.options.requests;
    if (!requests) return errorResponse('NotSupported', messages(locale).invalidAction);
    try {
      const actor = await this.whoIs(context, log);
      await this.rememberAsker(context, actor, log);
      const trigger = (context.activity.value as { trigger?: unknown } | undefined)?.trigger === 'automatic' ? 'automatic' : 'manual';
      if (!this.caseButtonsWorkHere(context.activity, actor)) {
        log.info({ reason: 'case action in a shared conversation', trigger }, 'refused card action');
        return errorResponse('Forbidden', messages(locale).requestsPersonalOnly);
      }
      const reply = await handleCaseAction({ data: invokeValue.action?.data, actor, locale, dpoTeamsIds: await requests.dpoTeamsIds() }, this.options.desk, requests.desk);
      // The action as parsed, never the client's raw text (logs carry ids, not what somebody typed).
      log.info({ action: reply.action ?? 'invalid', trigger, outcome: reply.kind === 'error' ? reply.code : reply.changed ? 'changed' : 'card' }, 'card action');
      if (reply.kind === 'error') return errorResponse(reply.code, reply.message);
      return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: reply.card.card };
    } catch (error) {
      const reference = randomUUID().slice(0, 8);
      log.error({ reference, err: error instanceof Error ? { name: error.name, stack: error.stack } : String(error) }, 'card action failed');
      return { statusCode: 500, type: 'application/vnd.microsoft.error', value: { code: 'InternalError', message: messages(locale).errorReference(reference) } as never };
    }
  }

  private caseButtonsWorkHere(activity: Activity, actor: string | undefined): boolean {
    const requests = this.options.requests;
    return caseButtonsWorkHere(activity, requests?.dpoChannelId, actor !== undefined && requests?.desk.isDpo(actor) === true);
  }

  /** The Action.Submit fallback of a case button: the same action, answered with a message. */
  private async caseActionByMessage(context: TurnContext, data: unknown, actor: string | undefined, locale: Locale, log: Logger): Promise<void> {
    const requests = this.options.requests;
    if (!requests) {
      await send(context, noticeCard(messages(locale).appTitle, [messages(locale).invalidAction]));
      return;
    }
    const reply: CaseActionReply = await handleCaseAction({ data, actor, locale, dpoTeamsIds: await requests.dpoTeamsIds() }, this.options.desk, requests.desk);
    log.info({ outcome: reply.kind === 'error' ? reply.code : reply.changed ? 'changed' : 'card' }, 'card action (fallback)');
    if (reply.kind === 'error') {
      await send(context, noticeCard(messages(locale).requestsTitle, [reply.message]));
      return;
    }
    const sentId = await send(context, reply.card);
    // The answer is a card of the case too: kept up to date like every other.
    if (sentId !== undefined) await this.rememberCard(context, reply.caseId, sentId, actor, locale);
  }

  /** Keeps the conversation for proactive cards; failures are logged, never spoil the answer. */
  private async rememberAsker(context: TurnContext, personId: string | undefined, log: Logger): Promise<void> {
    const requests = this.options.requests;
    if (!requests) return;
    try {
      this.conversationWrites ??= new UnchangedConversations(requests.conversations);
      await rememberConversation(this.conversationWrites, context.activity, personId, requests.dpoChannelId, requests.clock.now());
    } catch (error) {
      log.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'could not store the conversation reference');
    }
  }

  /**
   * Records a card of a case the bot sent, so that it is updated when the case changes: drawn for
   * the person who asked in a personal chat, for nobody in particular in a channel.
   */
  private async rememberCard(context: TurnContext, caseId: string, activityId: string, clicker: string | undefined, locale: Locale): Promise<void> {
    const requests = this.options.requests;
    // A terminal conversation (the CLI) has nothing Teams could update later.
    if (!requests || context.activity.channelId === 'cli') return;
    const shared = isShared(context.activity);
    const viewer = shared ? undefined : clicker;
    const audience = shared ? 'channel' : viewer !== undefined && requests.desk.isDpo(viewer) ? 'dpo' : 'requester';
    const reference = { ...Turns.getConversationReference(context.activity), ...(context.activity.locale ? { locale: context.activity.locale } : {}) };
    await requests.cards.recordCardMessage({
      requestId: caseId,
      audience,
      conversationId: context.activity.conversation?.id ?? '',
      activityId,
      reference: JSON.stringify({ reference, ...(viewer ? { viewer } : {}), locale }),
    });
  }

  /** What the handlers may use. */
  private services(): HandlerServices {
    return {
      desk: this.options.desk,
      ...(this.options.newcomers ? { newcomers: this.options.newcomers } : {}),
      ...(this.options.requests ? { requests: this.options.requests.desk } : {}),
      ...(this.options.admins ? { admins: this.options.admins } : {}),
      ...(this.options.retention ? { retention: this.options.retention } : {}),
    };
  }

  /**
   * A retention card's button (`Action.Execute`): the card returned is for the presser only — the
   * confirmation of a purge, the overdue cases — while everyone else in the channel keeps the summary.
   */
  private async retentionInvoke(context: TurnContext, data: unknown, locale: Locale, log: Logger): Promise<AdaptiveCardInvokeResponse> {
    const action = retentionActionSchema.safeParse(data);
    if (!action.success) return errorResponse('BadRequest', messages(locale).invalidAction);
    try {
      const actor = await this.whoIs(context, log);
      await this.rememberAsker(context, actor, log);
      const card = await retentionActionHandler({ action: action.data.action, actor, locale }, this.services());
      log.info({ action: action.data.action }, 'retention action');
      return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card.card };
    } catch (error) {
      const reference = randomUUID().slice(0, 8);
      log.error({ reference, err: error instanceof Error ? { name: error.name, stack: error.stack } : String(error) }, 'retention action failed');
      return { statusCode: 500, type: 'application/vnd.microsoft.error', value: { code: 'InternalError', message: messages(locale).errorReference(reference) } as never };
    }
  }

  /**
   * "post retention summaries here", said in a channel: an administrator's choice of the channel
   * for the weekly summary, kept as the channel's conversation reference (new threads go there).
   */
  private async chooseAdminChannel(context: TurnContext, actor: string | undefined, locale: Locale, log: Logger): Promise<RenderedCard> {
    const t = messages(locale);
    const requests = this.options.requests;
    if (actor === undefined || this.options.admins?.includes(actor) !== true) return noticeCard(t.adminChannelTitle, [t.adminChannelAdminsOnly]);
    const retention = this.options.retention;
    const cron = retention?.summaryCron;
    if (!requests || !retention || cron === undefined) return noticeCard(t.adminChannelTitle, [t.adminChannelNoSchedule]);
    const channelId = channelIdOf(context.activity);
    if (channelId === undefined) return noticeCard(t.adminChannelTitle, [t.adminChannelOnlyInChannel]);
    const reference = { ...Turns.getConversationReference(context.activity), ...(context.activity.locale ? { locale: context.activity.locale } : {}) };
    delete (reference as { activityId?: string }).activityId;
    await requests.conversations.saveConversation({ key: ADMIN_CHANNEL_KEY, reference: JSON.stringify({ ...reference, conversation: { ...reference.conversation, id: channelId } }) }, requests.clock.now());
    log.info({ by: 'administrator' }, "administrators' channel chosen");
    const lines = [t.adminChannelSet(cron, retention.timeZone)];
    const next = retention.nextSummary();
    if (next) lines.push(t.adminChannelSetNext(next.toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB', { timeZone: retention.timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })));
    if (this.options.adminChannelId !== undefined && this.options.adminChannelId !== channelId) lines.push(t.adminChannelOverridden);
    return noticeCard(t.adminChannelTitle, lines);
  }

  /** The bot was added to a team: keep where the team is, for posts into its channels later. */
  private async rememberTeam(context: TurnContext): Promise<void> {
    const requests = this.options.requests;
    const team = (context.activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
    if (!requests || typeof team !== 'string' || team === '') return;
    const log = this.options.logger.child({ activityId: context.activity.id, channel: context.activity.channelId });
    // A team of another tenant must not become where this organisation's channels are reached.
    if (fromForeignTenant(context.activity, this.identityOptions)) {
      log.warn({}, 'added to a team of another tenant; not remembered');
      return;
    }
    try {
      await rememberConversation(requests.conversations, context.activity, undefined, requests.dpoChannelId, requests.clock.now());
      const reference = Turns.getConversationReference(context.activity);
      delete (reference as { activityId?: string }).activityId;
      await requests.conversations.saveConversation({ key: teamKey(team), reference: JSON.stringify(reference) }, requests.clock.now());
      log.info({}, 'added to a team');
    } catch (error) {
      log.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'could not store the team reference');
    }
  }

  private async welcome(context: TurnContext): Promise<void> {
    const locale = localeFrom(context.activity.locale, this.options.defaultLocale);
    await send(context, helpCard(messages(locale), 'welcome'));
  }
}

/** What an incoming message or button means. */
interface Understood {
  parsed: ParsedMessage;
  action?: CardAction;
  /** A case button's data (validated by the case handler). */
  caseAction?: unknown;
  /** A retention card's button (the Action.Submit fallback). */
  retentionAction?: RetentionAction;
  form?: IntakeForm;
  /** The message as typed, or the words a confirmation carries. */
  text?: string;
}


/** Sends a card with its plain-text rendering as the notification summary; returns the sent activity's id. */
async function send(context: TurnContext, reply: RenderedCard): Promise<string | undefined> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(reply.card));
  activity.summary = reply.text.split('\n')[0] ?? '';
  return (await context.sendActivity(activity))?.id;
}

/** An invoke error: 400 with a safe, localised message (never an exception's text). */
function errorResponse(code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code, message } as never };
}
