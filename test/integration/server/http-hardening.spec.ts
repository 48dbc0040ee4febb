import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadConfig } from '../../../src/config/config';
import { type RunningServer, startServer } from '../../../src/server/http-server';
import { MAX_ACTIVITY_BYTES } from '../../../src/bot/teams/messages-endpoint';
import { type App, createApp } from '../../../src/startup/create-app';
import { ConnectorStandIn } from '../../support/connector-stand-in';
import { type RecordingLogger, recordingLogger } from '../../support/recording-logger';

const APP_ID = '00000000-0000-0000-0000-000000000001';

/** An RS256 token as the Bot Connector's would look, signed with a key nobody trusts. */
function forgedToken(options: { alg?: 'RS256' | 'none' } = {}): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: options.alg ?? 'RS256', typ: 'JWT', kid: 'forged-key' });
  const payload = encode({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: 'http://127.0.0.1/', nbf: now - 60, exp: now + 3600 });
  if (options.alg === 'none') return `${header}.${payload}.`;
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), privateKey).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

/** A raw HTTP post (fetch cannot send a lying content-length or keep a body streaming). */
function rawPost(url: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/api/messages`, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    // The server may answer and close before the whole body is sent: that is the point.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    // A server that waits for the rest of a body it should have refused unread must fail the test, not hang it.
    req.setTimeout(4000, () => req.destroy(new Error('no answer within 4 s')));
    req.end(body);
  });
}

/**
 * The HTTP edge with bot authentication on and off, through the real server: only JSON is read,
 * bounded, after the checks that cost nothing; every authentication failure is a plain 401 and a
 * malformed activity a plain 400, nothing internal sent back, one JSON log line each.
 */
describe('POST /api/messages at the edge', () => {
  let dir: string;
  let uploads: string;
  let previousTmp: string | undefined;
  let connector: ConnectorStandIn;
  let app: App;
  let server: RunningServer;
  let logger: RecordingLogger;
  const consoleCalls: unknown[][] = [];
  let spies: jest.SpyInstance[] = [];

  const start = async (env: Record<string, string>): Promise<void> => {
    const config = loadConfig({ DATABASE_FILE: join(dir, 'privacy-desk.sqlite'), PORT: '0', HOST: '127.0.0.1', CONNECTOR_TIMEOUT_MS: '2000', ...env });
    app = await createApp(config, logger);
    server = await startServer(config, app, logger);
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-desk-edge-'));
    // Whatever a body parser would spool to disk lands here, where the test can see it.
    uploads = mkdtempSync(join(tmpdir(), 'privacy-desk-uploads-'));
    previousTmp = process.env.TMPDIR;
    process.env.TMPDIR = uploads;
    connector = new ConnectorStandIn({});
    await connector.start();
    logger = recordingLogger();
    consoleCalls.length = 0;
    spies = (['error', 'warn', 'log', 'info'] as const).map((method) => jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleCalls.push(args)));
  });
  afterEach(async () => {
    for (const spy of spies) spy.mockRestore();
    await server.close();
    await app.close();
    await connector.stop();
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
    rmSync(dir, { recursive: true, force: true });
    rmSync(uploads, { recursive: true, force: true });
  });

  const activity = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    type: 'message',
    id: 'incoming-1',
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: '29:alice', aadObjectId: 'aad-alice' },
    recipient: { id: '28:privacy-desk' },
    conversation: { id: 'a:personal-alice', conversationType: 'personal', tenantId: 'tenant' },
    text: 'help',
    ...extra,
  });
  const postJson = (body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const refusals = (): object[] => logger.lines.filter((l) => l.message === 'refused post').map((l) => l.fields);

  describe('with bot authentication on', () => {
    beforeEach(() => start({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'not-used' }));

    it('refuses a 5 MB multipart upload with 415 before reading it, and nothing is written to disk', async () => {
      const boundary = 'x-boundary';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.bin"\r\ncontent-type: application/octet-stream\r\n\r\n`),
        Buffer.alloc(5 * 1024 * 1024, 0x61),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const response = await rawPost(server.url, { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(body.length) }, body);
      expect(response.status).toBe(415);
      expect(JSON.parse(response.body)).toEqual({ error: 'UnsupportedMediaType', message: 'Send the activity as application/json (UTF-8).' });
      expect(response.headers.connection).toBe('close');
      expect(readdirSync(uploads)).toEqual([]);
      expect(refusals()).toEqual([{ status: 415, reason: 'content type' }]);
    });

    it('refuses other content types, other charsets and compressed bodies with 415', async () => {
      const attempts: Record<string, string>[] = [
        { 'content-type': 'text/plain' },
        { 'content-type': 'application/x-www-form-urlencoded' },
        { 'content-type': 'application/json; charset=latin1' },
        { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      ];
      for (const headers of attempts) {
        const body = headers['content-encoding'] ? gzipSync(JSON.stringify(activity())) : Buffer.from(JSON.stringify(activity()));
        const response = await rawPost(server.url, { ...headers, 'content-length': String(body.length), authorization: `Bearer ${forgedToken()}` }, body);
        expect(response.status).toBe(415);
      }
      expect(readdirSync(uploads)).toEqual([]);
      expect(connector.calls).toEqual([]);
    });

    it('keeps the size limit: a declared length over it is refused unread, a longer body than declared too', async () => {
      const declared = await rawPost(server.url, { 'content-type': 'application/json', 'content-length': String(MAX_ACTIVITY_BYTES + 1), authorization: 'Bearer x' }, Buffer.from('{}'));
      expect(declared.status).toBe(413);
      const big = Buffer.from(JSON.stringify(activity({ text: 'a'.repeat(MAX_ACTIVITY_BYTES) })));
      const chunked = await rawPost(server.url, { 'content-type': 'application/json', 'transfer-encoding': 'chunked', authorization: `Bearer ${forgedToken()}` }, big);
      expect(chunked.status).toBe(413);
      expect(JSON.parse(chunked.body)).toEqual({ error: 'PayloadTooLarge', message: `The activity is larger than ${MAX_ACTIVITY_BYTES} bytes.` });
    });

    it('answers every authentication failure with 401 and a fixed body, and says nothing of why', async () => {
      const attempts: Record<string, string>[] = [
        {},
        { authorization: 'Basic YWxpY2U6c2VjcmV0' },
        { authorization: 'Bearer not-a-jwt' },
        { authorization: `Bearer ${forgedToken({ alg: 'none' })}` },
        { authorization: `Bearer ${forgedToken()}` },
      ];
      for (const headers of attempts) {
        const response = await postJson(activity(), headers);
        expect(response.status).toBe(401);
        await expect(response.text()).resolves.toBe('{"error":"Unauthorized"}');
      }
      expect(connector.calls).toEqual([]);
    });

    it('logs each refused post as one JSON line with a reason code, and prints nothing else', async () => {
      const writes: string[] = [];
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => writes.push(String(chunk)) > 0);
      try {
        await postJson(activity(), { authorization: `Bearer ${forgedToken()}` });
        await postJson(activity(), { authorization: 'Bearer not-a-jwt' });
        await postJson(activity());
      } finally {
        stderr.mockRestore();
      }
      expect(writes).toEqual([]);
      expect(consoleCalls).toEqual([]);
      const lines = refusals() as { status: number; reason: string }[];
      expect(lines.map((l) => l.status)).toEqual([401, 401, 401]);
      expect(lines[2]?.reason).toBe('AUTH.MISSING');
      for (const line of lines.slice(0, 2)) expect(['AUTH.REJECTED', 'AUTH.UNVERIFIABLE', 'AUTH.TIMEOUT']).toContain(line.reason);
      // One line each: nothing multi-line, no token, no SDK text.
      // The test's own random folder name (privacy-desk-edge-XXXXXX) may spell "jwt" by chance: left out.
      const logged = JSON.stringify(logger.lines).split(dir).join('');
      expect(logged).not.toMatch(/signature|jwt|botframework\.com|eyJ|\\n/i);
    });
  });

  describe('with bot authentication off (local)', () => {
    beforeEach(() => start({}));

    it('answers a malformed activity with 400 and a fixed body: no type, no service URL, not JSON, not an object', async () => {
      const { type: _type, ...withoutType } = activity();
      const { serviceUrl: _url, ...withoutUrl } = activity();
      for (const body of [withoutType, withoutUrl, activity({ type: '' }), activity({ type: 42 }), [activity()], 'hello', null]) {
        const response = await postJson(body);
        expect(response.status).toBe(400);
        await expect(response.json()).resolves.toEqual({ error: 'BadRequest', message: 'The body is not a valid activity.' });
      }
      const broken = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": "message",' });
      expect(broken.status).toBe(400);
      await expect(broken.json()).resolves.toEqual({ error: 'BadRequest', message: 'The body is not a valid activity.' });
      expect(consoleCalls).toEqual([]);
      expect(connector.calls).toEqual([]);
    });

    it('still answers a well-formed activity (JSON with or without a charset)', async () => {
      const response = await postJson(activity(), { 'content-type': 'application/json; charset=utf-8' });
      expect(response.status).toBe(200);
      await connector.waitForActivities(1);
      expect(JSON.stringify(connector.activities[0]?.activity)).toContain('privacy-desk');
    });
  });
});
