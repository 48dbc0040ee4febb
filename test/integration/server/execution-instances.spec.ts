import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DatabaseTarget } from '../../../src/ports/store/database-target';
import { type Stores, openStores } from '../../../src/ports/store/sql/stores';
import { ConnectorStandIn } from '../../support/connector-stand-in';
import { TestPostgres, postgresAvailable } from '../../support/databases';
import { ServeInstance } from '../../support/instances';
import { requireService } from '../../support/services';
import { cardInvoke, personalActivity, postActivity } from '../../support/teams-activities';
import { until } from '../../support/until';

type Json = Record<string, unknown>;

/**
 * Two live `privacy-desk serve` processes on one PostgreSQL database carry the same cases out, as
 * two machines behind a load balancer would: the DPO's clicks land on either, and both look for
 * work every second. Every step of every job runs exactly once (one claim, first attempt,
 * confirmed), each case starts and completes once in the audit trail, and every person hears once.
 */
const available = requireService('PostgreSQL at 127.0.0.1:5432', postgresAvailable(), 'start PostgreSQL with trust authentication for the user postgres (or set POSTGRES_TEST_URL)');
const describeIf = available ? describe : describe.skip;

const member = (id: string, mail: string, name: string): [string, Json] => [id, { id, name, aadObjectId: `aad-${id}`, userPrincipalName: mail, email: mail }];

describeIf('two instances on one PostgreSQL database carry the same jobs out', () => {
  jest.setTimeout(180_000);
  const postgres = new TestPostgres();
  let target: DatabaseTarget & { kind: 'postgres' };
  let stores: Stores;
  let connector: ConnectorStandIn;
  let cwd: string;
  let a: ServeInstance;
  let b: ServeInstance;

  beforeAll(async () => {
    await postgres.setUp();
    target = await postgres.freshPostgres();
    stores = await openStores(target);
    connector = new ConnectorStandIn(
      Object.fromEntries([
        member('29:alice', 'alice@example.com', 'Alice Adams'),
        member('29:bob', 'bob@example.com', 'Bob Brown'),
        member('29:frank', 'frank@example.com', 'Frank Fischer'),
        member('29:dana', 'dana.dpo@example.com', 'Dana DPO'),
      ]) as never,
    );
    await connector.start();
    // Their own working folder: the demo sources (which the erasure changes) are made in its `data` folder.
    cwd = mkdtempSync(join(tmpdir(), 'privacy-desk-instances-'));
    const env = { DATABASE_URL: target.url, PORT: '0', HOST: '127.0.0.1', DPO_USERS: 'dana.dpo@example.com', EXECUTION_CHECK_SECONDS: '1', LOG_LEVEL: 'warn' };
    a = new ServeInstance('instance A', env, cwd);
    b = new ServeInstance('instance B', env, cwd);
    // One after the other: the first makes the demo sources, the second finds them.
    await a.start();
    await b.start();
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await stores?.close();
    await connector?.stop();
    await postgres.tearDown();
    if (cwd) rmSync(cwd, { recursive: true, force: true });
  }, 60_000);

  const post = async (instance: ServeInstance, body: Json): Promise<Json | undefined> => {
    const answer = await postActivity(instance.url, body);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const say = (instance: ServeInstance, from: string, text: string): Promise<Json | undefined> => post(instance, personalActivity(connector.url, from, { type: 'message', text }));
  const click = (instance: ServeInstance, from: string, data: Json): Promise<Json | undefined> => post(instance, cardInvoke(connector.url, from, data));
  const sentTo = (conversation: string): string[] => connector.activities.filter((x) => x.path.startsWith(`/v3/conversations/${conversation}/`) && x.method === 'POST').map((x) => JSON.stringify(x.activity));
  const caseOf = (requester: string) => until(async () => (await stores.requests.listRequests()).find((r) => r.requester === requester));
  const versionOf = async (id: string): Promise<number> => (await stores.requests.getRequest(id))?.version ?? 0;

  it('runs every step once, whichever instance the DPO clicks on and whichever looks first', async () => {
    await say(a, '29:dana', 'hi');
    // Two access requests and an erasure, taken in on either instance.
    await say(a, '29:alice', 'I want a copy of my data');
    await say(b, '29:frank', 'I want a copy of my data');
    await say(b, '29:bob', 'please delete my data');
    // An erasure is asked once more: Yes, on the other instance.
    const confirmation = connector.activities.filter((x) => x.path.startsWith('/v3/conversations/a:personal-29:bob/')).at(-1)?.activity as { attachments?: { content: { actions?: { title: string; data: Json }[] } }[] } | undefined;
    const yes = confirmation?.attachments?.[0]?.content.actions?.find((x) => x.title === 'Yes, file my erasure request');
    expect(yes).toBeDefined();
    await post(a, personalActivity(connector.url, '29:bob', { type: 'message', value: yes?.data }));
    const cases = { alice: await caseOf('alice@example.com'), frank: await caseOf('frank@example.com'), bob: await caseOf('bob@example.com') };
    expect(cases.bob.type).toBe('erasure');

    // Approved on one instance, started on the other — alternating, so that each instance starts a job.
    const order: [keyof typeof cases, ServeInstance, ServeInstance][] = [
      ['alice', a, b],
      ['frank', b, a],
      ['bob', a, b],
    ];
    for (const [who, approveOn, startOn] of order) {
      const id = cases[who].id;
      await until(async () => ((await stores.requests.getRequest(id))?.status === 'awaitingDecision' ? true : undefined));
      await click(approveOn, '29:dana', { verb: 'case', action: 'approve', caseId: id, version: await versionOf(id) });
      await click(startOn, '29:dana', { verb: 'case', action: 'start', caseId: id, version: await versionOf(id) });
    }

    // The erasure waits for Dana's tasks (the directory, the favourites where Bob is kept): each
    // answered on the instance other than the one that answered the last.
    let answerOn = a;
    const done = await until(async () => {
      const stored = await stores.jobs.job(cases.bob.id);
      const waiting = stored?.job.steps.find((s) => s.state.status === 'waiting');
      if (waiting) {
        await click(answerOn, '29:dana', { verb: 'job', action: 'taskDone', caseId: cases.bob.id, stepId: waiting.id });
        answerOn = answerOn === a ? b : a;
        return undefined;
      }
      const all = await Promise.all(Object.values(cases).map((c) => stores.requests.getRequest(c.id)));
      return all.every((r) => r?.status === 'completed') ? true : undefined;
    }, 120_000);
    expect(done).toBe(true);

    for (const c of Object.values(cases)) {
      const stored = await stores.jobs.job(c.id);
      expect(stored?.job.steps.every((s) => s.state.status === 'done')).toBe(true);
      // Started and completed once each, whoever got there.
      const trail = await stores.grants.auditTrail({ targetPrefix: c.number });
      expect(trail.filter((e) => e.action === 'execution.started')).toHaveLength(1);
      expect(trail.filter((e) => e.action === 'execution.completed')).toHaveLength(1);
    }

    // Every bot step was claimed once, at its first attempt, and confirmed: never run twice.
    const client = new Client({ connectionString: target.url });
    await client.connect();
    try {
      const claims = (await client.query<{ subject: string; mark: string; round: string; holder: string | null; sent_at: string | null }>("SELECT subject, mark, round, holder, sent_at FROM claims WHERE mark LIKE 'step:%'")).rows;
      const instances = (await client.query<{ id: string }>('SELECT id FROM instances')).rows.map((r) => r.id);
      for (const c of Object.values(cases)) {
        const botSteps = (await stores.jobs.job(c.id))?.job.steps.filter((s) => s.by === 'bot') ?? [];
        const ofCase = claims.filter((r) => r.subject === c.id);
        expect(ofCase.map((r) => `${r.mark}#${r.round}`).sort()).toEqual(botSteps.map((s) => `step:${s.id}#1`).sort());
        for (const row of ofCase) {
          expect(row.round).toBe('1');
          expect(row.sent_at).not.toBeNull();
          expect(instances).toContain(row.holder);
        }
      }
      // Which instance ran which step is the race itself (the one clicked on starts at once; the other
      // looks every second): either may win any step, never both.
      expect(claims.length).toBeGreaterThan(0);
    } finally {
      await client.end();
    }

    // Each requester heard the outcome once; Dana got each access report once, and each task once.
    for (const who of ['alice', 'frank', 'bob']) expect(sentTo(`a:personal-29:${who}`).filter((x) => x.includes('has been carried out'))).toHaveLength(1);
    const toDana = sentTo('a:personal-29:dana');
    for (const c of [cases.alice, cases.frank]) expect(toDana.filter((x) => x.includes('Access report ready') && x.includes(c.number))).toHaveLength(1);
    expect(toDana.filter((x) => x.includes('Task for') && x.includes('"stepId":"erase:directory"'))).toHaveLength(1);
    for (const c of [cases.alice, cases.frank]) expect(await stores.jobs.file(c.id, 'report.zip')).toBeInstanceOf(Buffer);
  });
});
