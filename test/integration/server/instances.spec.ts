import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { shipped } from '../../../src/config/paths';
import { parseLdifDirectory } from '../../../src/ports/directory/ldif-directory.adapter';
import { openRequest } from '../../../src/domain/requests/workflow';
import { verifyChain } from '../../../src/ports/store/audit-chain';
import type { DatabaseTarget } from '../../../src/ports/store/database-target';
import { type Stores, openStores } from '../../../src/ports/store/sql/stores';
import { runCli } from '../../support/cli';
import { ConnectorStandIn } from '../../support/connector-stand-in';
import { TestPostgres, postgresAvailable } from '../../support/databases';
import { freePort } from '../../support/free-port';
import { ServeInstance } from '../../support/instances';
import { requireService } from '../../support/services';

type Json = Record<string, unknown>;

/**
 * Two `privacy-desk serve` processes on one PostgreSQL database behind the Bot Connector stand-in,
 * as two machines behind a load balancer: what one does, the other sees; nothing happens twice;
 * one killed mid-burst loses nothing it answered.
 */
const available = requireService('PostgreSQL at 127.0.0.1:5432', postgresAvailable(), 'start PostgreSQL with trust authentication for the user postgres (or set POSTGRES_TEST_URL)');
const describeIf = available ? describe : describe.skip;

const member = (id: string, mail: string, name: string): [string, Json] => [id, { id, name, aadObjectId: `aad-${id}`, userPrincipalName: mail, email: mail }];
const NAMED = ['alice@example.com', 'bob@example.com', 'frank@example.com', 'dana.dpo@example.com', 'sabine.hoffmann@example.com'];
/** Everybody else of the demo organisation, each a Teams member of their own (for a burst of distinct requests). */
const OTHERS = parseLdifDirectory(readFileSync(shipped('data', 'demo', 'demo-org.ldif')))
  .people.map((p) => p.mail)
  .filter((mail): mail is string => mail !== undefined && !NAMED.includes(mail));
const MEMBERS = Object.fromEntries([
  member('29:alice', 'alice@example.com', 'Alice Adams'),
  member('29:bob', 'bob@example.com', 'Bob Brown'),
  member('29:frank', 'frank@example.com', 'Frank Fischer'),
  member('29:dana', 'dana.dpo@example.com', 'Dana DPO'),
  member('29:sabine', 'sabine.hoffmann@example.com', 'Sabine Hoffmann'),
  ...OTHERS.map((mail, i) => member(`29:p${i}`, mail, mail)),
]);

describeIf('several instances on one PostgreSQL database', () => {
  const postgres = new TestPostgres();
  let connector: ConnectorStandIn;
  let target: DatabaseTarget & { kind: 'postgres' };
  let stores: Stores;
  let a: ServeInstance;
  let b: ServeInstance;

  beforeAll(async () => {
    await postgres.setUp();
    target = await postgres.freshPostgres();
    // Migrated once before both start (they would also each try, and one would wait for the other).
    stores = await openStores(target);
    connector = new ConnectorStandIn(MEMBERS as never);
    await connector.start();
    const env = async (): Promise<Record<string, string>> => ({
      DATABASE_URL: target.url,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      DPO_USERS: 'dana.dpo@example.com, sabine.hoffmann@example.com',
      REMINDER_CHECK_SECONDS: '10',
      // The weekly summary (last Monday's is due: a fresh database has never posted it) every second;
      // no purge (the demo sources of a PostgreSQL instance live in the checkout's data folder).
      ADMIN_CHANNEL: '19:admins@thread.tacv2',
      RETENTION_CHECK_SECONDS: '1',
      RETENTION_PURGE_CRON: 'off',
      LOG_LEVEL: 'warn',
    });
    a = new ServeInstance('instance A', await env());
    b = new ServeInstance('instance B', await env());
    await Promise.all([a.start(), b.start()]);
    // The DPOs have talked to the bot (on either instance): both can be reached in a personal chat.
    await say(a, '29:dana', 'hi');
    await say(b, '29:sabine', 'hi');
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await stores?.close();
    await connector?.stop();
    await postgres.tearDown();
  }, 60_000);

  let sequence = 0;
  const base = (from: string): Json => ({
    id: `incoming-${++sequence}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: from, name: from, aadObjectId: `aad-${from}` },
    recipient: { id: '28:privacy-desk', name: 'privacy-desk' },
    conversation: { id: `a:personal-${from}`, conversationType: 'personal', tenantId: 'tenant' },
    channelData: { tenant: { id: 'tenant' } },
    locale: 'en-US',
  });
  const message = (from: string, text: string): Json => ({ ...base(from), type: 'message', text });
  const invoke = (from: string, data: Json): Json => ({
    ...base(from),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: 'card-activity',
    value: { action: { type: 'Action.Execute', verb: String(data.action), data }, trigger: 'manual' },
  });
  const post = async (instance: ServeInstance, body: Json): Promise<{ status: number; body: Json | undefined }> => {
    const response = await fetch(`${instance.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Json) : undefined };
  };
  async function say(instance: ServeInstance, from: string, text: string): Promise<void> {
    const before = connector.activities.length;
    expect((await post(instance, message(from, text))).status).toBe(200);
    await connector.waitForActivities(before + 1, 15_000);
  }
  /** Resolves once `check` holds, looking every 100 ms for at most `ms`. */
  const eventually = async (check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> => {
    const until = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > until) throw new Error('not within time');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const cardIn = (activity: Json): Json => ((activity.attachments as { content: Json }[] | undefined)?.[0]?.content ?? {}) as Json;
  const sentTo = (conversation: string) => connector.activities.filter((x) => x.path.startsWith(`/v3/conversations/${conversation}/`));
  const approveData = (card: Json): Json => {
    const found = JSON.stringify(card).match(/\{"verb":"case","action":"approve","caseId":"[^"]+","version":\d+\}/);
    if (!found) throw new Error('no approve button');
    return JSON.parse(found[0]) as Json;
  };
  /** The decision card about case `number` the DPO was sent, once it is there. */
  const decisionCardFor = async (conversation: string, number: string): Promise<{ id: string; card: Json }> => {
    let found: { id?: string; activity: Json } | undefined;
    await eventually(() => {
      found = sentTo(conversation).find((x) => x.method === 'POST' && JSON.stringify(x.activity).includes(`New privacy request`) && JSON.stringify(x.activity).includes(number));
      return found !== undefined;
    });
    return { id: found?.id as string, card: cardIn(found?.activity ?? {}) };
  };
  const casesOf = async (requester: string) => (await stores.requests.listRequests()).filter((c) => c.requester === requester);

  it('takes the same Teams activity, delivered to both instances at once, in as one case', async () => {
    const activity = message('29:bob', 'I want a copy of my data');
    const answers = await Promise.all([post(a, activity), post(b, activity)]);
    expect(answers.map((x) => x.status)).toEqual([200, 200]);
    const cases = await casesOf('bob@example.com');
    expect(cases).toHaveLength(1);
    const trail = await stores.audit.entries({ targetPrefix: `request:${cases[0]?.number ?? '?'}` });
    expect(trail.filter((e) => e.action === 'request.received')).toHaveLength(1);
  });

  it('updates in place, from one instance, the card another instance posted', async () => {
    await say(a, '29:frank', 'I want a copy of my data');
    const [filed] = await casesOf('frank@example.com');
    const number = filed?.number as string;
    const posted = await decisionCardFor('a:personal-29:dana', number);
    const before = connector.activities.length;
    const approved = await post(b, invoke('29:dana', approveData(posted.card)));
    expect(JSON.stringify(approved.body)).toContain('Approved');
    await eventually(() => connector.activities.slice(before).some((x) => x.method === 'PUT' && x.path === `/v3/conversations/a:personal-29:dana/activities/${posted.id}`));
    const put = connector.activities.slice(before).find((x) => x.method === 'PUT' && x.path.endsWith(`/${posted.id}`));
    expect(JSON.stringify(put?.activity)).toContain('Approved');
  });

  it('lets two DPOs approving one case at the same moment on different instances make one decision', async () => {
    await say(a, '29:alice', 'I want a copy of my data');
    const [filed] = await casesOf('alice@example.com');
    const number = filed?.number as string;
    const data = approveData((await decisionCardFor('a:personal-29:dana', number)).card);
    const [dana, sabine] = await Promise.all([post(a, invoke('29:dana', data)), post(b, invoke('29:sabine', data))]);
    const texts = [JSON.stringify(dana.body), JSON.stringify(sabine.body)];
    expect(texts.filter((t) => t.includes('Already decided by'))).toHaveLength(1);
    const decided = await stores.requests.getRequest(number);
    expect(decided).toMatchObject({ status: 'approved', version: 3 });
    expect(decided?.history.filter((e) => e.action === 'approve')).toHaveLength(1);
    const trail = await stores.audit.entries({ targetPrefix: `request:${number}` });
    expect(trail.filter((e) => e.action === 'request.approve')).toHaveLength(1);
  });

  it('sends a reminder that falls due while both run once', async () => {
    // A case received 25 days ago, unseen until now: its deadline is a few days off.
    const receivedAt = new Date(Date.now() - 25 * 86_400_000);
    const { request } = await stores.requests.createRequest(
      'letter:reminder-test',
      receivedAt.getUTCFullYear(),
      (ids) => openRequest({ type: 'erasure', subject: { kind: 'employee', id: 'bob@example.com', name: 'Bob Brown' }, requester: 'bob@example.com', channel: 'letter', receivedAt: receivedAt.toISOString() }, ids, { now: receivedAt, timeZone: 'Europe/Berlin' }),
      { actor: 'dana.dpo@example.com', action: 'request.received', details: {} },
    );
    const reminders = () => sentTo('a:personal-29:dana').filter((x) => x.method === 'POST' && JSON.stringify(x.activity).includes(`Reminder: ${request.number}`));
    await eventually(() => reminders().length > 0, 30_000);
    // Both instances have run at least two more rounds since.
    await new Promise((resolve) => setTimeout(resolve, 21_000));
    expect(reminders()).toHaveLength(1);
    const claims = await sql<{ n: string }>`SELECT COUNT(*) AS n FROM claims WHERE subject = ${request.id} AND mark = 'dueIn7Days'`.execute(stores.database.db);
    expect(Number(claims.rows[0]?.n)).toBe(1);
  }, 60_000);

  it('posts the weekly retention summary once, though both instances find it due every second', async () => {
    const posts = () => connector.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations' && c.fault === undefined && JSON.stringify(c.body).includes('"19:admins@thread.tacv2"'));
    await eventually(() => posts().length > 0, 20_000);
    // Both have run several more rounds since.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(posts()).toHaveLength(1);
    expect(JSON.stringify(posts()[0]?.body)).toContain('Retention summary');
    const claims = await sql<{ n: string }>`SELECT COUNT(*) AS n FROM claims WHERE subject = 'retention' AND mark = 'summary'`.execute(stores.database.db);
    expect(Number(claims.rows[0]?.n)).toBe(1);
    const trail = await stores.audit.entries({ targetPrefix: 'channel:admin' });
    expect(trail.filter((e) => e.action === 'retention.summary.posted')).toHaveLength(1);
  }, 40_000);

  it('loses no request it answered when one instance is killed mid-burst, keeps the chain intact, and the other keeps answering', async () => {
    const before = (await stores.requests.listRequests()).length;
    const answered: string[] = [];
    let answeredByB = 0;
    // Everybody else asks for a copy of their data, half on each instance; A is killed halfway.
    const burst = OTHERS.map((_mail, i) => {
      const activity = message(`29:p${i}`, 'I want a copy of my data');
      const instance = i % 2 === 0 ? a : b;
      return (async () => {
        await new Promise((resolve) => setTimeout(resolve, i * 15));
        if (i === Math.floor(OTHERS.length / 2)) a.kill();
        try {
          const answer = await post(instance, activity);
          if (answer.status === 200) answered.push(`activity:${String((activity.conversation as Json).id)}:${String(activity.id)}`);
          if (answer.status === 200 && instance === b) answeredByB++;
        } catch {
          // The killed instance answers nothing more: those requests were not taken in, and say so.
        }
      })();
    });
    await Promise.all(burst);
    expect(OTHERS.length).toBeGreaterThanOrEqual(20);
    // Every request sent to the instance that lived was answered.
    expect(answeredByB).toBe(Math.floor(OTHERS.length / 2));
    const stored = await stores.requests.listRequests();
    expect(stored.length).toBeGreaterThanOrEqual(before + answered.length);
    // Every request answered with 200 is there (the source key names the activity).
    const keys = await sql<{ source_key: string }>`SELECT source_key FROM requests`.execute(stores.database.db);
    const known = new Set(keys.rows.map((r) => r.source_key));
    expect(answered.filter((key) => !known.has(key))).toEqual([]);
    await expect(runCli('audit', 'verify', '--database', target.url)).resolves.toMatchObject({ code: 0, out: expect.stringContaining('audit trail intact') });
    expect(verifyChain(await stores.audit.entries())).toMatchObject({ ok: true });
    // The other instance keeps answering.
    await say(b, '29:bob', 'who can see my mobile number');
  }, 60_000);
});
