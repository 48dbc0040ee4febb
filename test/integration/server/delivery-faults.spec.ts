import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/config';
import { type RunningServer, startServer } from '../../../src/server/http-server';
import { type App, createApp } from '../../../src/startup/create-app';
import { ConnectorStandIn, type RecordedCall } from '../../support/connector-stand-in';
import { recordingLogger } from '../../support/recording-logger';

type Json = Record<string, unknown>;

/**
 * What the bot does when the Bot Connector fails or never answers, through the real HTTP server,
 * CloudAdapter and bot: a send that reached nobody is not taken for delivered, its claim is released
 * and the next round sends it once the connector has recovered; no call to the connector holds a
 * turn (or a round) longer than the connector timeout.
 */
describe('deliveries when the Bot Connector fails or hangs', () => {
  const TIMEOUT_MS = 800;
  let dir: string;
  let connector: ConnectorStandIn;
  let app: App;
  let server: RunningServer;
  let logger: ReturnType<typeof recordingLogger>;
  let now: Date;

  const members = {
    '29:alice': { id: '29:alice', name: 'Alice Adams', aadObjectId: 'aad-29:alice', userPrincipalName: 'alice@example.com', email: 'alice@example.com' },
    '29:dana': { id: '29:dana', name: 'Dana DPO', aadObjectId: 'aad-29:dana', userPrincipalName: 'dana.dpo@example.com', email: 'dana.dpo@example.com' },
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-desk-faults-'));
    connector = new ConnectorStandIn(members);
    await connector.start();
    now = new Date('2026-11-02T09:00:00.000Z');
    logger = recordingLogger();
    const config = loadConfig({ DATABASE_FILE: join(dir, 'privacy-desk.sqlite'), PORT: '0', HOST: '127.0.0.1', DPO_USERS: 'dana.dpo@example.com', CONNECTOR_TIMEOUT_MS: String(TIMEOUT_MS) });
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
  const message = (from: string, text: string): Json => ({
    type: 'message',
    text,
    id: `incoming-${++sequence}`,
    timestamp: now.toISOString(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: from, name: from, aadObjectId: `aad-${from}` },
    recipient: { id: '28:privacy-desk', name: 'privacy-desk' },
    conversation: { id: `a:personal-${from}`, conversationType: 'personal', tenantId: 'tenant' },
    channelData: { tenant: { id: 'tenant' } },
    locale: 'en-US',
  });
  const post = async (body: Json): Promise<{ status: number; ms: number }> => {
    const started = Date.now();
    const response = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await response.text();
    return { status: response.status, ms: Date.now() - started };
  };
  const toDana = (call: RecordedCall): boolean => call.path.startsWith('/v3/conversations/a:personal-29:dana/');
  const delivered = (conversation: string): Json[] => connector.activities.filter((a) => a.path.startsWith(`/v3/conversations/${conversation}/`)).map((a) => a.activity);
  const texts = (activities: Json[]): string => JSON.stringify(activities);

  /** Dana has talked to the bot (so it can reach her), Alice asks for a copy of her data. */
  async function fileWithDanaKnown(): Promise<void> {
    expect((await post(message('29:dana', 'hi'))).status).toBe(200);
    await connector.waitForActivities(1);
  }

  it('releases a decision card that reached nobody, and sends it once the connector has recovered, once', async () => {
    await fileWithDanaKnown();
    connector.fault({ kind: 'fail', status: 500 }, toDana);
    expect((await post(message('29:alice', 'I want a copy of my data'))).status).toBe(200);
    await app.requests.settled();
    const [filed] = await app.requests.mine('alice@example.com');
    expect(filed).toMatchObject({ type: 'access', status: 'awaitingDecision' });
    // The card was tried, and failed: not taken for delivered.
    expect(connector.faulted.filter(toDana).length).toBeGreaterThan(0);
    expect(texts(delivered('a:personal-29:dana'))).not.toContain('New privacy request');
    expect(logger.lines.map((l) => l.message)).toEqual(expect.arrayContaining(['could not reach a DPO', 'the case reached no DPO yet; tried again at the next deadline round']));
    await expect(app.claims.heldElsewhere('nobody')).resolves.toBe(0);

    // Still failing at the next round: tried again, still not taken for delivered.
    const failedBefore = connector.faulted.length;
    await app.scheduler.tick();
    expect(connector.faulted.length).toBeGreaterThan(failedBefore);
    expect(texts(delivered('a:personal-29:dana'))).not.toContain('New privacy request');

    connector.recover();
    await app.scheduler.tick();
    const cards = delivered('a:personal-29:dana').filter((a) => JSON.stringify(a).includes('New privacy request'));
    expect(cards).toHaveLength(1);
    expect(JSON.stringify(cards[0])).toContain(filed?.number ?? '?');
    // Sent and confirmed: never again.
    await app.scheduler.tick();
    expect(delivered('a:personal-29:dana').filter((a) => JSON.stringify(a).includes('New privacy request'))).toHaveLength(1);
    // Logs name the case, never the requester.
    expect(JSON.stringify(logger.lines)).not.toMatch(/alice|Alice|copy of my data/);
  });

  it('does not count a deadline reminder that failed as sent: the next round sends it after recovery, once', async () => {
    await fileWithDanaKnown();
    expect((await post(message('29:alice', 'I want a copy of my data'))).status).toBe(200);
    await app.requests.settled();
    const [filed] = await app.requests.mine('alice@example.com');
    expect(filed?.dueDate).toBe('2026-12-02');

    now = new Date('2026-11-25T08:00:00.000Z');
    connector.fault({ kind: 'fail', status: 503 }, toDana);
    await expect(app.scheduler.tick()).resolves.toEqual([]);
    expect(logger.lines.some((l) => l.message === 'deadline reminder reached nobody; retried next round')).toBe(true);
    expect(logger.lines.some((l) => l.message === 'deadline reminder sent')).toBe(false);

    connector.recover();
    await expect(app.scheduler.tick()).resolves.toEqual([{ case: filed?.number, reminder: 'dueIn7Days' }]);
    expect(delivered('a:personal-29:dana').filter((a) => JSON.stringify(a).includes('due in 7 days'))).toHaveLength(1);
    await expect(app.scheduler.tick()).resolves.toEqual([]);
  });

  it('answers Teams within the connector timeout when the connector never answers; the case is kept and announced later', async () => {
    await fileWithDanaKnown();
    // Everything but looking up who asks (Teams answers that from elsewhere) never gets an answer.
    connector.fault({ kind: 'hang' }, (call) => !call.path.includes('/members/'));
    const answered = await post(message('29:alice', 'I want a copy of my data'));
    // Teams gives up on a bot after about 15 s: all the turn sends shares one budget.
    expect(answered.status).toBe(200);
    expect(answered.ms).toBeLessThan(TIMEOUT_MS + 1000);
    expect(connector.faulted.filter((c) => c.path.startsWith('/v3/conversations/a:personal-29:alice/')).length).toBeGreaterThan(0);
    await app.requests.settled();
    const [filed] = await app.requests.mine('alice@example.com');
    expect(filed).toMatchObject({ type: 'access', status: 'awaitingDecision' });
    expect(connector.faulted.some((c) => c.fault === 'hang' && toDana(c))).toBe(true);

    // A round while the connector still hangs ends too (each send is bounded), and sends nothing.
    const started = Date.now();
    await app.scheduler.tick();
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1000);
    expect(texts(delivered('a:personal-29:dana'))).not.toContain('New privacy request');

    connector.recover();
    await app.scheduler.tick();
    expect(delivered('a:personal-29:dana').filter((a) => JSON.stringify(a).includes('New privacy request'))).toHaveLength(1);
  });

  it('keeps updating the other cards when one card cannot be updated, and says so in one log line', async () => {
    await fileWithDanaKnown();
    expect((await post(message('29:alice', 'I want a copy of my data'))).status).toBe(200);
    await app.requests.settled();
    const [filed] = await app.requests.mine('alice@example.com');
    connector.fault({ kind: 'fail', status: 404 }, (call) => call.method === 'PUT' && toDana(call));
    const outcome = await app.requests.act(filed?.id as string, { action: 'approve' }, 'dana.dpo@example.com');
    expect(outcome.kind).toBe('done');
    await app.requests.settled();
    // Alice's copy was updated and she was told; Dana's copy could not be, and that is logged.
    expect(connector.activities.filter((a) => a.method === 'PUT' && a.path.startsWith('/v3/conversations/a:personal-29:alice/'))).toHaveLength(1);
    expect(texts(delivered('a:personal-29:alice'))).toContain('Update on your request');
    expect(logger.lines.filter((l) => l.message === 'could not update a card')).toHaveLength(1);
  });
});
