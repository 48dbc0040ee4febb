import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../../src/config/config';
import { silentLogger } from '../../../src/ports/logger/logger.port';
import { type RunningServer, startServer } from '../../../src/server/http-server';
import { type App, createApp } from '../../../src/startup/create-app';
import { ConnectorStandIn } from '../../support/connector-stand-in';
import { DirectoryError } from '../../../src/ports/directory/directory.errors';

/**
 * End to end through the real HTTP server, CloudAdapter and bot, with a local stand-in for the
 * Bot Connector that records what the bot sends (Teams channel, bot authentication off).
 */
describe('Teams conversation end to end', () => {
  let dir: string;
  let connector: ConnectorStandIn;
  let app: App;
  let server: RunningServer;
  let config: Config;

  const members = {
    '29:alice': { id: '29:alice', name: 'Alice Adams', aadObjectId: 'aad-alice', userPrincipalName: 'alice@example.com', email: 'alice@example.com' },
    '29:stranger': { id: '29:stranger', name: 'Stranger', aadObjectId: 'aad-x', userPrincipalName: 'stranger@elsewhere.example' },
  };

  const start = async (env: Record<string, string> = {}): Promise<void> => {
    config = loadConfig({ DATABASE_FILE: join(dir, 'privacy-desk.sqlite'), PORT: '0', HOST: '127.0.0.1', ...env });
    app = await createApp(config, silentLogger);
    server = await startServer(config, app, silentLogger);
  };
  const stop = async (): Promise<void> => {
    await server.close();
    await app.close();
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-desk-e2e-'));
    connector = new ConnectorStandIn(members);
    await connector.start();
    await start();
  });
  afterEach(async () => {
    await stop();
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  let sequence = 0;
  const activity = (from: string, content: { text?: string; value?: unknown; locale?: string; channel?: boolean; noAadId?: boolean }): Record<string, unknown> => ({
    type: 'message',
    id: `incoming-${++sequence}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: content.noAadId ? { id: from, name: from } : { id: from, name: from, aadObjectId: `aad-${from}` },
    recipient: { id: '28:privacy-desk', name: 'privacy-desk' },
    conversation: content.channel
      ? { id: '19:channel@thread.tacv2', conversationType: 'channel', isGroup: true, tenantId: 'tenant' }
      : { id: `a:personal-${from}`, conversationType: 'personal', tenantId: 'tenant' },
    channelData: { tenant: { id: 'tenant' } },
    locale: content.locale ?? 'en-US',
    ...(content.text !== undefined ? { text: content.text } : {}),
    ...(content.value !== undefined ? { value: content.value } : {}),
    ...(content.channel
      ? { entities: [{ type: 'mention', text: '<at>privacy-desk</at>', mentioned: { id: '28:privacy-desk', name: 'privacy-desk' } }] }
      : {}),
  });

  const post = async (body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  /** Sends a message and returns the text of the card the bot replied with. */
  const ask = async (from: string, content: Parameters<typeof activity>[1]): Promise<{ text: string; card: Record<string, unknown>; path: string }> => {
    const before = connector.activities.length;
    const incoming = activity(from, content);
    const response = await post(incoming);
    expect(response.status).toBe(200);
    await connector.waitForActivities(before + 1);
    const sent = connector.activities[before];
    if (!sent) throw new Error('no reply');
    const attachment = (sent.activity.attachments as { contentType: string; content: Record<string, unknown> }[])[0];
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(sent.path).toBe(`/v3/conversations/${String((incoming.conversation as { id: string }).id)}/activities/${String(incoming.id)}`);
    return { text: JSON.stringify(attachment?.content), card: attachment?.content ?? {}, path: sent.path };
  };

  it('answers "who can see my mobile number" with a card, identifying the asker through Teams', async () => {
    const reply = await ask('29:alice', { text: 'who can see my mobile number' });
    expect(reply.text).toContain('Not governed by permission levels for colleagues');
    expect(reply.text).toContain('F.13.3.1');
    const lookups = connector.calls.filter((c) => c.method === 'GET');
    expect(lookups.map((c) => c.path)).toEqual(['/v3/conversations/a:personal-29:alice/members/29:alice']);
    expect(connector.calls.every((c) => c.authorization === undefined)).toBe(true);
  });

  it('asks Teams for a member once, not on every message, and never takes the entry for another Entra id', async () => {
    await ask('29:alice', { text: 'who can see my mobile number' });
    await ask('29:alice', { text: 'who can see my presence' });
    await ask('29:alice', { text: 'why can frank see my presence' });
    const lookups = () => connector.calls.filter((c) => c.method === 'GET').map((c) => c.path);
    expect(lookups()).toEqual(['/v3/conversations/a:personal-29:alice/members/29:alice']);
    await ask('29:bob', { text: 'who can see my presence' });
    expect(lookups()).toHaveLength(2);
  });

  it('answers in German when the activity’s locale is German, and strips a channel @mention', async () => {
    const reply = await ask('29:alice', { text: '<at>privacy-desk</at> wer kann meine Präsenz sehen?', locale: 'de-DE', channel: true });
    expect(reply.text).toContain('Wer sieht: Präsenz');
    expect(reply.text).toContain('Alle 29 Kolleginnen und Kollegen');
  });

  it('changes a level from a card button, and the change survives a restart', async () => {
    const set = await ask('29:alice', { value: { verb: 'run', intent: 'setLevel', person: 'mallory@example.com', level: 'business' } });
    expect(set.text).toContain('Mallory Miller');
    expect(set.text).toContain('Business');
    await stop();
    await start();
    const list = await ask('29:alice', { text: 'list my grants' });
    expect(list.text).toContain('Mallory Miller — Business');
  });

  it('tells someone Teams knows but the directory does not that it cannot answer, and someone unknown to Teams too', async () => {
    const outsider = await ask('29:stranger', { text: 'who can see my presence' });
    expect(outsider.text).toContain("can't find you in the directory");
    const unknown = await ask('29:ghost', { text: 'who can see my presence', noAadId: true });
    expect(unknown.text).toContain("can't tell who you are");
  });

  it('refuses invalid card data without changing anything', async () => {
    const reply = await ask('29:alice', { value: { verb: 'run', intent: 'setLevel', person: 'bob@example.com', level: 'god-mode' } });
    expect(reply.text).toContain('out of date or invalid');
    const list = await ask('29:alice', { text: 'list my grants' });
    expect(list.text).toContain('Bob Brown — Personal');
  });

  it('welcomes a user who installs the app, in their language', async () => {
    const install = { ...activity('29:alice', { locale: 'de-DE' }), type: 'installationUpdate', action: 'add' };
    const response = await post(install);
    expect(response.status).toBe(200);
    await connector.waitForActivities(1);
    const welcome = JSON.stringify(connector.activities[0]?.activity);
    expect(welcome).toContain('Hallo, ich bin privacy-desk');
    expect(connector.activities).toHaveLength(1);
  });

  it('reports health with the directory’s size and last successful read', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; directory: { people: number; lastSuccess: string } };
    expect(body.status).toBe('ok');
    expect(body.directory.people).toBe(30);
    expect(Date.parse(body.directory.lastSuccess)).not.toBeNaN();
  });

  it('reports the directory as degraded when a refresh fails, and keeps answering from the last good snapshot', async () => {
    const directory = app.directory;
    const read = jest.spyOn(directory, 'read').mockRejectedValue(new DirectoryError('DIRECTORY.UNREACHABLE', 'down'));
    await app.sync.refresh();
    const body = (await (await fetch(`${server.url}/healthz`)).json()) as { status: string; directory: { status: string; lastError?: { code: string } } };
    expect(body.status).toBe('degraded');
    expect(body.directory.lastError?.code).toBe('DIRECTORY.UNREACHABLE');
    const reply = await ask('29:alice', { text: 'who can see my presence' });
    expect(reply.text).toContain('All 29 colleagues');
    read.mockRestore();
  });

  it('rejects an unauthenticated post once a bot app id is configured', async () => {
    await stop();
    await start({ MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001', MICROSOFT_APP_PASSWORD: 'not-used' });
    const response = await post(activity('29:alice', { text: 'help' }));
    expect(response.status).toBe(401);
    expect(connector.activities).toHaveLength(0);
  });
});
