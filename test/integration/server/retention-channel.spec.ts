import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { chartSchemas, chartsIn, withoutCharts } from '../../support/card-charts';
import { compileCardSchema } from '../../support/card-schema';
import { CARD_SCHEMA_FILE } from '../../support/shared-files';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/config';
import { openRequest } from '../../../src/domain/requests/workflow';
import { type RunningServer, startServer } from '../../../src/server/http-server';
import { type App, createApp } from '../../../src/startup/create-app';
import { ConnectorStandIn, type RecordedCall } from '../../support/connector-stand-in';
import { cardToText } from '../../../src/bot/cards/card-text';
import { recordingLogger } from '../../support/recording-logger';

type Json = Record<string, unknown>;

const TEAM = '19:team-general@thread.tacv2';
const ADMINS = '19:admins@thread.tacv2';

/**
 * The weekly retention summary in the administrators' channel, end to end through the real HTTP
 * server, CloudAdapter and bot, against the Bot Connector stand-in — which also fails and hangs:
 * the bot is added to a team, an administrator chooses the channel, the schedule posts once (and
 * again after the connector failed), the card's buttons purge (administrators) and list overdue
 * cases (DPOs).
 */
describe('the retention summary in the administrators’ channel', () => {
  let dir: string;
  let connector: ConnectorStandIn;
  let app: App;
  let server: RunningServer;
  let now: Date;
  const logger = recordingLogger();

  const members = {
    '29:ayse': { id: '29:ayse', name: 'Ayşe Yılmaz', aadObjectId: 'aad-ayse', userPrincipalName: 'ayse.yilmaz@example.com', email: 'ayse.yilmaz@example.com' },
    '29:dana': { id: '29:dana', name: 'Dana DPO', aadObjectId: 'aad-dana', userPrincipalName: 'dana.dpo@example.com', email: 'dana.dpo@example.com' },
    '29:alice': { id: '29:alice', name: 'Alice Adams', aadObjectId: 'aad-alice', userPrincipalName: 'alice@example.com', email: 'alice@example.com' },
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-desk-retention-channel-'));
    connector = new ConnectorStandIn(members);
    await connector.start();
    // Monday 7 December 2026, 08:00:30 in Berlin.
    now = new Date('2026-12-07T07:00:30Z');
    const config = loadConfig({ DATABASE_FILE: join(dir, 'privacy-desk.sqlite'), PORT: '0', HOST: '127.0.0.1', CONNECTOR_TIMEOUT_MS: '500' });
    app = await createApp(config, logger, { clock: { now: () => now } });
    server = await startServer(config, app, logger);
  });
  afterEach(async () => {
    await server.close();
    await app.close();
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  let sequence = 0;
  const base = (from: string, conversation: Json, channelData: Json = {}): Json => ({
    id: `incoming-${++sequence}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: from, name: from, aadObjectId: `aad-${from}` },
    recipient: { id: '28:privacy-desk', name: 'privacy-desk' },
    conversation: { tenantId: 'tenant', ...conversation },
    channelData: { tenant: { id: 'tenant' }, ...channelData },
    locale: 'en-US',
  });
  const inChannel = (from: string, channel: string, text: string, locale = 'en-US'): Json => ({
    ...base(from, { id: `${channel};messageid=${sequence + 1000}`, conversationType: 'channel', isGroup: true }, { channel: { id: channel }, team: { id: TEAM } }),
    type: 'message',
    locale,
    text: `<at>privacy-desk</at> ${text}`,
    entities: [{ type: 'mention', text: '<at>privacy-desk</at>', mentioned: { id: '28:privacy-desk', name: 'privacy-desk' } }],
  });
  const personal = (from: string, extra: Json): Json => ({ ...base(from, { id: `a:personal-${from}`, conversationType: 'personal' }), type: 'message', ...extra });
  const invoke = (from: string, action: string, conversation: Json = { id: `${ADMINS};messageid=1`, conversationType: 'channel', isGroup: true }): Json => ({
    ...base(from, conversation, { channel: { id: ADMINS } }),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: 'summary-post',
    value: { action: { type: 'Action.Execute', verb: 'retention', data: { verb: 'retention', action } }, trigger: 'manual' },
  });
  const post = async (body: Json): Promise<{ status: number; body: Json | undefined }> => {
    const response = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Json) : undefined };
  };
  /** Sends a message and returns the text of the card the bot answered with. */
  const say = async (body: Json): Promise<string> => {
    const before = connector.activities.length;
    expect((await post(body)).status).toBe(200);
    await connector.waitForActivities(before + 1);
    return textOf(connector.activities[before]?.activity ?? {});
  };
  const textOf = (activity: Json): string => cardToText(((activity.attachments as { content: Json }[] | undefined)?.[0]?.content ?? {}) as Json).text;
  /** New threads the bot started in a channel (`POST /v3/conversations`), answered by the stand-in. */
  const channelPosts = (channel: string): RecordedCall[] =>
    connector.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations' && c.fault === undefined && (c.body as { channelData?: { channel?: { id?: string } } }).channelData?.channel?.id === channel);
  const postedCard = (call: RecordedCall | undefined): Json => ((call?.body as { activity?: { attachments?: { content: Json }[] } }).activity?.attachments?.[0]?.content ?? {}) as Json;

  /** The bot is added to the team; Ayşe (an administrator) chooses the admins' channel. */
  async function chooseChannel(): Promise<void> {
    const added = { ...base('29:ayse', { id: TEAM, conversationType: 'channel', isGroup: true }, { team: { id: TEAM, name: 'IT' }, eventType: 'teamMemberAdded' }), type: 'conversationUpdate', membersAdded: [{ id: '28:privacy-desk' }] };
    expect((await post(added)).status).toBe(200);
    expect(await say(inChannel('29:ayse', ADMINS, 'post retention summaries here'))).toMatch(/From now on I post the retention summary in this channel \(0 8 \* \* 1, Europe\/Berlin\)\.\nThe next one: Mon,? 14 Dec 2026,? 08:00/);
  }

  it('keeps where it was added to a team, and welcomes the team with how administrators get the summaries', async () => {
    const added = { ...base('29:ayse', { id: TEAM, conversationType: 'channel', isGroup: true }, { team: { id: TEAM, name: 'IT' }, eventType: 'teamMemberAdded' }), type: 'conversationUpdate', membersAdded: [{ id: '28:privacy-desk' }] };
    expect((await post(added)).status).toBe(200);
    const stored = await app.requestStore.conversation(`team:${TEAM}`);
    expect(JSON.parse(stored?.reference ?? '{}')).toMatchObject({ serviceUrl: connector.url, conversation: { id: TEAM } });
    const installed = { ...base('29:ayse', { id: TEAM, conversationType: 'channel', isGroup: true }, { team: { id: TEAM } }), type: 'installationUpdate', action: 'add' };
    const before = connector.activities.length;
    expect((await post(installed)).status).toBe(200);
    await connector.waitForActivities(before + 1);
    expect(textOf(connector.activities[before]?.activity ?? {})).toContain('Administrators: say "@privacy-desk post retention summaries here"');
  });

  it('lets only an administrator choose the channel, and only in a channel; in German too', async () => {
    expect(await say(inChannel('29:alice', ADMINS, 'post retention summaries here'))).toContain('Only the communication suite’s administrators may choose where the retention summaries go.');
    expect(await say(personal('29:ayse', { text: 'post retention summaries here' }))).toContain('Say this in the Teams channel where the summaries should go');
    expect(await app.requestStore.conversation('channel:admin')).toBeUndefined();
    expect(await say(inChannel('29:ayse', ADMINS, 'Löschberichte hier posten', 'de-DE'))).toContain('Ab jetzt poste ich den Löschbericht in diesem Kanal');
    expect(JSON.parse((await app.requestStore.conversation('channel:admin'))?.reference ?? '{}')).toMatchObject({ conversation: { id: ADMINS } });
  });

  it('posts the summary to the chosen channel once when it falls due: a card with charts of the last 8 weeks, valid without them', async () => {
    await chooseChannel();
    // The nightly purge was due at 02:30, before the bot started: left to the next night, not run in the day.
    expect(await app.retentionScheduler.tick()).toEqual([{ job: 'summary', due: new Date('2026-12-07T07:00:00Z'), late: false }]);
    expect(await app.retentionScheduler.tick()).toEqual([]);
    const posts = channelPosts(ADMINS);
    expect(posts).toHaveLength(1);
    const card = postedCard(posts[0]);
    const text = cardToText(card).text;
    expect(text).toContain('Retention summary — week of 2026-12-07');
    expect(text).toContain('Records purged per week (journal and chat)');
    const charts = chartsIn(card);
    expect(charts.map((c) => c.type)).toEqual(['Chart.VerticalBar', 'Chart.VerticalBar.Grouped']);
    for (const chart of charts) expect(chartSchemas[String(chart.type)]?.safeParse(chart).success).toBe(true);
    if (existsSync(CARD_SCHEMA_FILE)) {
      const validate = compileCardSchema();
      expect(validate(withoutCharts(card)) ? [] : validate.errors).toEqual([]);
    } else if (process.env.CI === 'true') throw new Error(`${CARD_SCHEMA_FILE} is missing`);
    expect(logger.lines.filter((l) => l.message === 'retention summary posted')).toHaveLength(1);
  });

  it('tries again after the connector failed or hung, and posts once it answers — then late', async () => {
    await chooseChannel();
    connector.fault({ kind: 'fail', status: 503 }, (c) => c.path === '/v3/conversations');
    expect(await app.retentionScheduler.tick()).toEqual([]);
    connector.fault({ kind: 'hang' }, (c) => c.path === '/v3/conversations');
    expect(await app.retentionScheduler.tick()).toEqual([]);
    expect(connector.faulted.map((c) => c.fault)).toEqual([503, 'hang']);
    expect(channelPosts(ADMINS)).toHaveLength(0);
    connector.recover();
    now = new Date('2026-12-07T09:00:00Z');
    expect(await app.retentionScheduler.tick()).toEqual([{ job: 'summary', due: new Date('2026-12-07T07:00:00Z'), late: true }]);
    expect(cardToText(postedCard(channelPosts(ADMINS)[0])).text).toContain('Sent late: this summary was due 7 Dec 2026, 08:00');
  });

  it('runs the purge from the card for an administrator only, after a confirmation, and posts what it deleted', async () => {
    await chooseChannel();
    const refused = await post(invoke('29:alice', 'purge'));
    expect(cardToText((refused.body?.value ?? {}) as Json).text).toContain('for administrators and data-protection officers');
    const dpo = await post(invoke('29:dana', 'purge'));
    expect(cardToText((dpo.body?.value ?? {}) as Json).text).toContain('Only the communication suite’s administrators may run the purge.');
    const asked = await post(invoke('29:ayse', 'purge'));
    expect(asked.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const question = cardToText((asked.body?.value ?? {}) as Json).text;
    expect(question).toMatch(/This deletes \d+ journal and chat records past their period/);
    const started = await post(invoke('29:ayse', 'confirmPurge'));
    expect(cardToText((started.body?.value ?? {}) as Json).text).toContain('Purge started by Ayşe Yılmaz');
    await app.retention.settled();
    const finished = cardToText(postedCard(channelPosts(ADMINS).at(-1))).text;
    expect(finished).toContain('Purge finished');
    expect(finished).toMatch(/journal: \d+ deleted/);
    const summary = await app.retention.summary();
    expect(summary.needsAction.filter((a) => a.kind === 'purgeDue')).toEqual([]);
    expect(summary.history.at(-1)?.purged).toBeGreaterThan(0);
  });

  it('shows a DPO the overdue cases by number, type and due date, and answers the Action.Submit fallback too', async () => {
    const received = new Date('2026-10-01T09:00:00Z');
    await app.requestStore.createRequest(
      'letter:overdue',
      2026,
      (ids) => openRequest({ type: 'erasure', subject: { kind: 'employee', id: 'bob@example.com', name: 'Bob Brown' }, requester: 'bob@example.com', channel: 'letter', receivedAt: received.toISOString() }, ids, { now: received, timeZone: 'Europe/Berlin' }),
      { actor: 'dana.dpo@example.com', action: 'request.received', details: {} },
    );
    const shown = await post(invoke('29:dana', 'overdue'));
    const text = cardToText((shown.body?.value ?? {}) as Json).text;
    expect(text).toMatch(/DSR-2026-\d+ · erasure request \(Art\. 17 GDPR\) · due 2026-11-01 \(36 days overdue\)/);
    expect(text).not.toContain('Bob');
    const admin = await post(invoke('29:ayse', 'overdue'));
    expect(cardToText((admin.body?.value ?? {}) as Json).text).toContain('Only data-protection officers see the cases.');
    // A client without Universal Actions sends the fallback's data as a message: in a personal chat
    // answered there; in the channel, where everybody reads the answer, no cases are shown.
    expect(await say(personal('29:ayse', { value: { verb: 'retention', action: 'summary' } }))).toContain('Retention summary — week of 2026-12-07');
    const inTheChannel = { ...inChannel('29:dana', ADMINS, ''), text: undefined, entities: undefined, value: { verb: 'retention', action: 'overdue' } };
    const refused = await say(inTheChannel);
    expect(refused).toContain('only in our personal chat');
    expect(refused).not.toContain('DSR-');
  });
});
