import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import { loadConfig, type GraphConfig } from '../../../src/config/config';
import { GraphDirectory } from '../../../src/ports/directory/graph/graph-directory.adapter';
import { credentialTokenSource } from '../../../src/ports/directory/graph/graph-token-source';
import { silentLogger } from '../../../src/ports/logger/logger.port';
import { LocalConversation } from '../../../src/bot/teams/local-conversation';
import { createApp } from '../../../src/startup/create-app';
import { FakeAuthority } from '../../support/fake-authority';
import { FakeGraph } from '../../support/fake-graph';
import { makeCertificates } from '../../support/test-certificates';

/**
 * Graph end to end: @azure/identity's client-credentials flow against a local HTTPS authority,
 * the token on every Graph request, and the bot answering from Graph as it does from the LDIF file.
 */
describe('Microsoft Graph with an app-only token', () => {
  const dir = mkdtempSync(join(tmpdir(), 'privacy-desk-graph-e2e-'));
  const certificates = makeCertificates(dir);
  const client = { tenantId: '00000000-0000-0000-0000-0000000000aa', clientId: '00000000-0000-0000-0000-0000000000bb', secret: 'app-secret' };
  let authority: FakeAuthority;
  let graph: FakeGraph;
  let env: Record<string, string>;

  /** Trusts the test CA for the authority's HTTPS: the one thing the test changes in the credential. */
  const trustingClient = (): HttpClient => {
    const inner = createDefaultHttpClient();
    return { sendRequest: (request) => inner.sendRequest(Object.assign(request, { tlsSettings: { ca: certificates.ca.toString('utf8') } })) };
  };

  beforeAll(async () => {
    graph = await FakeGraph.start();
    authority = new FakeAuthority(certificates, client, graph.token);
    await authority.start();
    env = {
      DIRECTORY: 'graph',
      GRAPH_TENANT_ID: client.tenantId,
      GRAPH_CLIENT_ID: client.clientId,
      GRAPH_CLIENT_SECRET: client.secret,
      GRAPH_BASE_URL: graph.baseUrl,
      GRAPH_AUTHORITY_HOST: authority.url,
      DATABASE_FILE: ':memory:',
    };
  });
  afterAll(async () => {
    await authority.stop();
    await graph.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const graphConfig = (overrides: Record<string, string> = {}): GraphConfig => loadConfig({ ...env, ...overrides }).directory as GraphConfig;

  it('gets a token with the client secret and reads the directory with it', async () => {
    const tokens = credentialTokenSource(graphConfig(), { httpClient: trustingClient() });
    await expect(tokens.token()).resolves.toBe(graph.token);
    const data = await new GraphDirectory({ baseUrl: graph.baseUrl, tokens }).read();
    expect(data.people).toHaveLength(30);
    const tokenRequest = authority.requests.find((r) => r.form);
    expect(tokenRequest?.form?.get('scope')).toBe('https://graph.microsoft.com/.default');
  });

  it('fails with a wrong secret without showing it', async () => {
    const tokens = credentialTokenSource(graphConfig({ GRAPH_CLIENT_SECRET: 'wrong-secret' }), { httpClient: trustingClient() });
    const directory = new GraphDirectory({ baseUrl: graph.baseUrl, tokens });
    const failure = directory.read();
    await expect(failure).rejects.toMatchObject({ code: 'DIRECTORY.BIND_FAILED' });
    await expect(failure).rejects.not.toThrow(/wrong-secret/);
  });

  it('answers as the LDIF adapter does on the same organisation, the asker found by their Entra object id', async () => {
    const config = loadConfig(env);
    const tokens = credentialTokenSource(config.directory as GraphConfig, { httpClient: trustingClient() });
    const fromGraph = await createApp(config, silentLogger, { directory: new GraphDirectory({ baseUrl: graph.baseUrl, tokens }) });
    const fromLdif = await createApp(loadConfig({ DATABASE_FILE: ':memory:' }), silentLogger);
    try {
      const question = 'who can see my private appointments';
      const answer = async (app: typeof fromGraph): Promise<string> => (await new LocalConversation(app.desk, { id: 'alice@example.com', locale: 'en' }, silentLogger).say(question))[0]?.text ?? '';
      expect(await answer(fromGraph)).toBe(await answer(fromLdif));
      const alice = fromGraph.desk.person(fromGraph.desk.identify({ mail: 'alice@example.com' }) as number);
      expect(fromGraph.desk.identify({ aadObjectId: alice.aadObjectId as string })).toBe(fromGraph.desk.identify({ mail: 'alice@example.com' }));
    } finally {
      await fromGraph.close();
      await fromLdif.close();
    }
  });
});
