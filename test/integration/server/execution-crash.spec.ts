import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredJob } from '../../../src/ports/store/job-store.port';
import { openStores } from '../../../src/ports/store/sql/stores';
import { ConnectorStandIn } from '../../support/connector-stand-in';
import { ServeInstance } from '../../support/instances';
import { cardInvoke, personalActivity, postActivity } from '../../support/teams-activities';
import { until } from '../../support/until';

type Json = Record<string, unknown>;

/**
 * `kill -9` in the middle of carrying out a case: a `privacy-desk serve` process is killed right
 * after the DPO pressed Start, wherever its job then stands; a new process on the same database takes
 * the job up and finishes it — no step that was done is done again, a step left running runs again
 * as a new attempt, and the case completes with its report.
 */
describe('carrying out a case survives kill -9', () => {
  jest.setTimeout(150_000);
  const member = (id: string, mail: string, name: string): [string, Json] => [id, { id, name, aadObjectId: `aad-${id}`, userPrincipalName: mail, email: mail }];
  let dir: string;
  let connector: ConnectorStandIn;
  const instances: ServeInstance[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-desk-crash-'));
    connector = new ConnectorStandIn(Object.fromEntries([member('29:alice', 'alice@example.com', 'Alice Adams'), member('29:dana', 'dana.dpo@example.com', 'Dana DPO')]) as never);
    await connector.start();
  });
  afterEach(async () => {
    for (const instance of instances.splice(0)) await instance.stop();
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const env = (): Record<string, string> => ({ DATABASE_FILE: join(dir, 'privacy-desk.sqlite'), PORT: '0', HOST: '127.0.0.1', DPO_USERS: 'dana.dpo@example.com', EXECUTION_CHECK_SECONDS: '1', LOG_LEVEL: 'warn' });
  const post = async (url: string, body: Json): Promise<Json | undefined> => {
    const answer = await postActivity(url, body);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const say = (url: string, from: string, text: string): Promise<Json | undefined> => post(url, personalActivity(connector.url, from, { type: 'message', text }));
  const click = (url: string, from: string, data: Json): Promise<Json | undefined> => post(url, cardInvoke(connector.url, from, data));
  const readDb = async <T>(read: (stores: Awaited<ReturnType<typeof openStores>>) => Promise<T>): Promise<T> => {
    const stores = await openStores({ kind: 'sqlite', file: join(dir, 'privacy-desk.sqlite') });
    try {
      return await read(stores);
    } finally {
      await stores.close();
    }
  };

  it.each([
    ['right after Start (before the job was made)', false],
    ['in the middle of the job (some steps done, one perhaps running: run again once the dead instance counts as gone)', true],
  ])('takes the job up after a restart and never repeats a finished step: killed %s', async (_when, midway) => {
    const first = new ServeInstance('first', env());
    instances.push(first);
    const url = await first.start();
    await say(url, '29:dana', 'hi');
    await say(url, '29:alice', 'I want a copy of my data');
    const request = await until(() => readDb(async (s) => (await s.requests.listRequests())[0]));
    await click(url, '29:dana', { verb: 'case', action: 'approve', caseId: request.id, version: 2 });
    await click(url, '29:dana', { verb: 'case', action: 'start', caseId: request.id, version: 3 });
    if (midway) await until(() => readDb(async (s) => ((await s.jobs.job(request.id))?.job.steps.some((step) => step.state.status === 'done') ? true : undefined)), 30_000);
    first.kill();
    const before: StoredJob | undefined = await readDb((s) => s.jobs.job(request.id));

    const second = new ServeInstance('second', env());
    instances.push(second);
    await second.start();
    const completed = await until(() => readDb(async (s) => ((await s.requests.getRequest(request.id))?.status === 'completed' ? s.jobs.job(request.id) : undefined)), 100_000);
    if (midway) expect(before?.job.steps.some((step) => step.state.status === 'done')).toBe(true);
    expect(completed.job.steps.every((step) => step.state.status === 'done')).toBe(true);
    // What was done before the kill stands as it was: not done again.
    for (const step of before?.job.steps ?? []) {
      const after = completed.job.steps.find((s) => s.id === step.id);
      if (step.state.status === 'done') expect(after?.state).toEqual(step.state);
      // Left running: run again, as a further attempt (claimed anew by the live instance).
      if (step.state.status === 'running' && after?.state.status === 'done') expect(before?.job.steps.find((s) => s.id === step.id)?.state).toMatchObject({ attempt: 1 });
    }
    expect(await readDb((s) => s.jobs.file(request.id, 'report.zip'))).toBeInstanceOf(Buffer);
    // The DPO got the report's link (from whichever process got there), the requester the outcome.
    expect(connector.activities.some((a) => JSON.stringify(a.activity).includes('Access report ready'))).toBe(true);
    const trail = await readDb((s) => s.grants.auditTrail({ targetPrefix: request.number }));
    expect(trail.filter((e) => e.action === 'execution.started')).toHaveLength(1);
    expect(trail.filter((e) => e.action === 'execution.completed')).toHaveLength(1);
  });
});
