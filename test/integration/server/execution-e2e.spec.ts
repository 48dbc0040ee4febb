import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import AdmZip from 'adm-zip';
import { loadConfig } from '../../../src/config/config';
import { silentLogger } from '../../../src/ports/logger/logger.port';
import { verifyChain } from '../../../src/ports/store/audit-chain';
import { type RunningServer, startServer } from '../../../src/server/http-server';
import { type App, createApp } from '../../../src/startup/create-app';
import { ConnectorStandIn } from '../../support/connector-stand-in';
import { cardInvoke, personalActivity, postActivity } from '../../support/teams-activities';
import { runCli } from '../../support/cli';
import { isComplete } from '../../../src/domain/execution/job';

type Json = Record<string, unknown>;

/**
 * Approved cases carried out end to end, through the real HTTP server, CloudAdapter and bot, on the
 * demo organisation's real SQLite sources and log files, with the Bot Connector stand-in (which
 * fails and hangs where a test says): Start on the DPO's card → the job runs → the report's link
 * reaches the DPO's personal chat → the link downloads the ZIP once; an erasure deletes, asks the
 * people for what the bot cannot do, checks that nothing is left, and completes the case.
 */
describe('carrying out approved requests end to end', () => {
  jest.setTimeout(30_000);
  let dir: string;
  let connector: ConnectorStandIn;
  let app: App;
  let server: RunningServer;

  const member = (id: string, mail: string, name: string): [string, Json] => [id, { id, name, aadObjectId: `aad-${id}`, userPrincipalName: mail, email: mail }];
  const members = Object.fromEntries([member('29:alice', 'alice@example.com', 'Alice Adams'), member('29:dana', 'dana.dpo@example.com', 'Dana DPO')]);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-desk-execution-'));
    connector = new ConnectorStandIn(members as never);
    await connector.start();
    const config = loadConfig({ DATABASE_FILE: join(dir, 'privacy-desk.sqlite'), PORT: '0', HOST: '127.0.0.1', DPO_USERS: 'dana.dpo@example.com', CONNECTOR_TIMEOUT_MS: '1000' });
    app = await createApp(config, silentLogger);
    server = await startServer(config, app, silentLogger);
  });
  afterEach(async () => {
    await server.close();
    await app.close();
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const base = (from: string): Json => personalActivity(connector.url, from);
  const invoke = (from: string, data: Json): Json => cardInvoke(connector.url, from, data);
  const post = (body: Json): Promise<{ status: number; body: Json | undefined }> => postActivity(server.url, body);
  const click = async (body: Json): Promise<{ status: number; body: Json | undefined }> => {
    const answer = await post(body);
    await app.requests.settled();
    return answer;
  };
  const say = async (from: string, text: string): Promise<void> => {
    const before = connector.activities.length;
    expect((await post({ ...base(from), type: 'message', text })).status).toBe(200);
    await connector.waitForActivities(before + 1);
  };
  const sentTo = (conversation: string): { method: string; path: string; activity: Json }[] => connector.activities.filter((a) => a.path.startsWith(`/v3/conversations/${conversation}/`));
  const cardIn = (activity: Json): Json => ((activity.attachments as { content: Json }[] | undefined)?.[0]?.content ?? {}) as Json;

  /** Files a request of `type` about Alice as she would, and has Dana approve it. */
  const approvedCase = async (type: 'access' | 'erasure'): Promise<string> => {
    await say('29:dana', 'hi');
    await say('29:alice', 'hi');
    const intake = await app.requests.submit({ type, subject: { kind: 'employee', id: 'alice@example.com', name: 'Alice Adams' }, requester: 'alice@example.com', channel: 'teams', receivedAt: new Date().toISOString() }, `test-${type}`);
    await app.requests.settled();
    const approved = await click(invoke('29:dana', { verb: 'case', action: 'approve', caseId: intake.request.id, version: intake.request.version }));
    expect(approved.body).toMatchObject({ statusCode: 200 });
    return intake.request.id;
  };

  /** Waits until the case's job is finished, or stands still at a step (a task, a failure). */
  const settle = async (id: string): Promise<void> => {
    await app.execution.advance(id);
    await app.requests.settled();
  };

  it('an access request: Start → exports, the report, a single-use link in the DPO’s personal chat; completed; the requester told', async () => {
    const id = await approvedCase('access');
    const start = await click(invoke('29:dana', { verb: 'case', action: 'start', caseId: id, version: 3 }));
    expect(start.body).toMatchObject({ statusCode: 200 });
    await settle(id);
    const stored = await app.execution.jobOf(id);
    expect(stored && isComplete(stored.job)).toBe(true);
    expect(stored?.job.steps.map((s) => `${s.id}:${s.state.status}`)).toEqual([
      'export:directory:done',
      'export:journal:done',
      'export:chat:done',
      'export:tasks:done',
      'export:logs:done',
      'export:favourites:done',
      'report:done',
      'deliver:done',
      'notify:done',
    ]);
    expect(await app.requests.get(id)).toMatchObject({ status: 'completed' });

    // The link, in Dana's personal chat only.
    const toDana = sentTo('a:personal-29:dana').map((a) => cardIn(a.activity));
    const linkCard = toDana.find((c) => JSON.stringify(c).includes('Access report ready'));
    const open = (linkCard?.actions as Json[] | undefined)?.find((a) => a.type === 'Action.OpenUrl');
    const url = String(open?.url);
    expect(url).toMatch(/^http:\/\/localhost:\d+\/reports\/[\w-]+\.[\w-]+$/);
    const local = url.replace(/^http:\/\/localhost:\d+/, server.url);
    const download = await fetch(local);
    expect([download.status, download.status === 200 ? '' : await download.text()]).toEqual([200, '']);
    expect(download.headers.get('content-type')).toBe('application/zip');
    expect(download.headers.get('cache-control')).toBe('no-store');
    const zip = new AdmZip(Buffer.from(await download.arrayBuffer()));
    const number = (await app.requests.get(id))?.number as string;
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual([`${number}-de.html`, `${number}-de.pdf`, `${number}-en.html`, `${number}-en.pdf`, `${number}.json`]);
    const report = JSON.parse(zip.readAsText(`${number}.json`)) as { processed: boolean; categories: { id: string; records: unknown[] }[] };
    expect(report.processed).toBe(true);
    expect(report.categories.map((c) => c.id)).toEqual(expect.arrayContaining(['F', 'H', 'C']));
    // Once only; a forged or cut link gets nothing.
    expect((await fetch(local)).status).toBe(410);
    expect((await fetch(`${local.slice(0, -3)}abc`)).status).toBe(404);
    expect((await fetch(`${server.url}/reports/nonsense`)).status).toBe(404);

    // Alice is told it was done (and that the DPO sends her the report).
    expect(sentTo('a:personal-29:alice').some((a) => JSON.stringify(a.activity).includes('Your access report has been written'))).toBe(true);
    // The audit trail: every step's trace, intact, and no personal data in it.
    const trail = await app.store.auditTrail({ targetPrefix: number });
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['execution.started', 'execution.completed', 'execution.report.downloaded']));
    expect(JSON.stringify(trail)).not.toMatch(/alice@example\.com.*Adams|\+49/);
    expect(verifyChain(await app.store.auditTrail()).ok).toBe(true);

    // The command line writes the same report, whole or one format of it.
    const out = join(dir, 'out');
    const pdfs = await runCli('report', number, '--format', 'pdf', '--out', out, '--database', join(dir, 'privacy-desk.sqlite'));
    expect(pdfs.code).toBe(0);
    expect(pdfs.out.trim().split('\n')).toEqual([join(out, `${number}-de.pdf`), join(out, `${number}-en.pdf`)]);
    expect(readFileSync(join(out, `${number}-de.pdf`)).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await runCli('report', number, '--out', out, '--database', join(dir, 'privacy-desk.sqlite'))).out.trim()).toBe(join(out, `${number}.zip`));
    expect((await runCli('report', 'DSR-1999-0001', '--database', join(dir, 'privacy-desk.sqlite'))).code).toBe(1);
    expect((await runCli('report', number, '--format', 'docx', '--database', join(dir, 'privacy-desk.sqlite'))).code).toBe(2);
  });

  it('the report as a Teams file: the consent card reaches the DPO, accepting uploads the ZIP to the URL Teams gives; anyone else, a failing or hanging upload get nothing but a message', async () => {
    // Where Teams would let the bot put the file: records what arrives; fails or hangs on demand.
    const uploads: { path: string; headers: Record<string, string | string[] | undefined>; body: Buffer }[] = [];
    let mode: 'ok' | 'fail' | 'hang' = 'ok';
    const uploadServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        uploads.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
        if (mode === 'hang') return;
        // Restify, loaded in this process, changes what writeHead returns: two calls.
        res.statusCode = mode === 'ok' ? 201 : 500;
        res.end();
      });
    });
    await new Promise<void>((resolve) => uploadServer.listen(0, '127.0.0.1', resolve));
    const uploadBase = `http://127.0.0.1:${(uploadServer.address() as AddressInfo).port}`;
    try {
      const id = await approvedCase('access');
      await click(invoke('29:dana', { verb: 'case', action: 'start', caseId: id, version: 3 }));
      await settle(id);
      const consent = sentTo('a:personal-29:dana')
        .flatMap((a) => (a.activity.attachments as Json[] | undefined) ?? [])
        .find((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent');
      const number = (await app.requests.get(id))?.number as string;
      expect(consent).toMatchObject({ name: `${number}.zip`, content: { acceptContext: { caseId: id }, declineContext: { caseId: id } } });
      const size = (consent?.content as { sizeInBytes: number }).sizeInBytes;
      expect(size).toBeGreaterThan(1000);
      const fileInvoke = (from: string, action: 'accept' | 'decline', upload: string, conversationType = 'personal'): Json => ({
        ...base(from),
        conversation: { id: `a:personal-${from}`, conversationType, tenantId: 'tenant' },
        type: 'invoke',
        name: 'fileConsent/invoke',
        value: { type: 'fileUpload', action, context: { caseId: id }, uploadInfo: { name: `${number}.zip`, uploadUrl: `${uploadBase}${upload}`, contentUrl: `https://contoso.sharepoint.com/${number}.zip`, uniqueId: 'file-1', fileType: 'zip' } },
      });
      // Alice (not a DPO) presenting the consent's context gets nothing uploaded.
      expect((await post(fileInvoke('29:alice', 'accept', '/alice'))).status).toBe(200);
      expect(uploads).toEqual([]);
      expect(JSON.stringify(sentTo('a:personal-29:alice').at(-1)?.activity)).toContain('only for a data-protection officer');
      // Never outside a personal chat, even for Dana.
      await post(fileInvoke('29:dana', 'accept', '/channel', 'channel'));
      expect(uploads).toEqual([]);
      // Dana accepts: the ZIP is put to the address Teams gave, then shown as a file in her chat.
      expect((await post(fileInvoke('29:dana', 'accept', '/upload/1'))).status).toBe(200);
      expect(uploads).toHaveLength(1);
      expect(uploads[0]?.path).toBe('/upload/1');
      expect(uploads[0]?.headers['content-range']).toBe(`bytes 0-${size - 1}/${size}`);
      expect(uploads[0]?.body.length).toBe(size);
      expect(new AdmZip(uploads[0]?.body).getEntries().map((e) => e.entryName)).toContain(`${number}-de.pdf`);
      expect(sentTo('a:personal-29:dana').at(-1)?.activity.attachments).toEqual([expect.objectContaining({ contentType: 'application/vnd.microsoft.teams.card.file.info', contentUrl: `https://contoso.sharepoint.com/${number}.zip`, name: `${number}.zip` })]);
      expect((await app.store.auditTrail({ targetPrefix: number })).map((e) => e.action)).toContain('execution.report.delivered');
      // A failing and a hanging upload: said in the chat, nothing else.
      mode = 'fail';
      await post(fileInvoke('29:dana', 'accept', '/upload/2'));
      expect(JSON.stringify(sentTo('a:personal-29:dana').at(-1)?.activity)).toContain('could not be uploaded');
      mode = 'hang';
      await post(fileInvoke('29:dana', 'accept', '/upload/3'));
      expect(JSON.stringify(sentTo('a:personal-29:dana').at(-1)?.activity)).toContain('could not be uploaded');
      // Declined: the link still works.
      await post(fileInvoke('29:dana', 'decline', '/upload/4'));
      expect(JSON.stringify(sentTo('a:personal-29:dana').at(-1)?.activity)).toContain('No file sent');
      expect(uploads.map((u) => u.path)).toEqual(['/upload/1', '/upload/2', '/upload/3']);

      // Alice's own request: Dana releases the report to her; then (and only then) Alice may take the file.
      const card = await click(invoke('29:dana', { verb: 'case', action: 'refresh', caseId: id, version: 4 }));
      const actions = JSON.stringify(card.body);
      expect(actions).toContain('"action":"newLink"');
      expect(actions).toContain('"action":"release"');
      expect(actions).toContain('"action":"recordSent"');
      expect((await click(invoke('29:alice', { verb: 'job', action: 'release', caseId: id, stepId: 'deliver' }))).body).toMatchObject({ statusCode: 400, value: { code: 'Forbidden' } });
      const released = await click(invoke('29:dana', { verb: 'job', action: 'release', caseId: id, stepId: 'deliver' }));
      expect(JSON.stringify(released.body)).toContain('Released to the employee in Teams by Dana DPO');
      expect(JSON.stringify(released.body)).not.toContain('"action":"release"');
      const toAlice = sentTo('a:personal-29:alice').map((a) => a.activity);
      expect(JSON.stringify(toAlice)).toContain(`Your access report: ${number}`);
      expect(JSON.stringify(toAlice)).toContain('application/vnd.microsoft.teams.card.file.consent');
      mode = 'ok';
      await post(fileInvoke('29:alice', 'accept', '/alice/1'));
      expect(uploads.map((u) => u.path)).toContain('/alice/1');
      // How it was sent, recorded by Dana: on the card and in the audit trail.
      const recorded = await click(invoke('29:dana', { verb: 'job', action: 'recordSent', caseId: id, stepId: 'deliver', how: 'teamsFile' }));
      expect(JSON.stringify(recorded.body)).toContain('Sent: as a file in Teams (recorded by Dana DPO');
      const newLink = await click(invoke('29:dana', { verb: 'job', action: 'newLink', caseId: id, stepId: 'deliver' }));
      expect(newLink.body).toMatchObject({ statusCode: 200 });
      expect(sentTo('a:personal-29:dana').filter((a) => JSON.stringify(a.activity).includes('Access report ready'))).toHaveLength(2);
      expect((await app.store.auditTrail({ targetPrefix: number })).map((e) => e.action)).toEqual(expect.arrayContaining(['execution.report.released', 'execution.report.sent', 'execution.report.link']));
    } finally {
      uploadServer.closeAllConnections();
      await new Promise<void>((resolve) => uploadServer.close(() => resolve()));
    }
  });

  it('a report link that reached nobody fails the step, with Retry on the DPO’s card; Retry delivers it', async () => {
    const id = await approvedCase('access');
    // Every send to Dana's chat fails from now on.
    connector.fault({ kind: 'fail', status: 403 }, (call) => call.path.includes('29:dana'));
    await click(invoke('29:dana', { verb: 'case', action: 'start', caseId: id, version: 3 }));
    await settle(id);
    const failed = (await app.execution.jobOf(id))?.job.steps.find((s) => s.id === 'deliver');
    expect(failed?.state).toMatchObject({ status: 'failed', error: 'no DPO could be reached in a personal chat' });
    expect(await app.requests.get(id)).toMatchObject({ status: 'inProgress' });
    connector.recover();
    const card = await click(invoke('29:dana', { verb: 'case', action: 'refresh', caseId: id, version: 4 }));
    expect(JSON.stringify(card.body)).toContain('Hand the report to the DPO: failed');
    expect(JSON.stringify(card.body)).toContain('"action":"retry"');
    const retried = await click(invoke('29:dana', { verb: 'job', action: 'retry', caseId: id, stepId: 'deliver' }));
    expect(retried.body).toMatchObject({ statusCode: 200 });
    await settle(id);
    expect(await app.requests.get(id)).toMatchObject({ status: 'completed' });
    expect(sentTo('a:personal-29:dana').some((a) => JSON.stringify(a.activity).includes('Access report ready'))).toBe(true);
    // Alice cannot retry anything.
    const refused = await click(invoke('29:alice', { verb: 'job', action: 'retry', caseId: id, stepId: 'deliver' }));
    expect(refused.body).toMatchObject({ statusCode: 400, value: { code: 'Forbidden' } });
  });

  it('an erasure: deletes journal and chat, hands the directory and favourites to a person, confirms nothing is left, completes', async () => {
    const id = await approvedCase('erasure');
    await click(invoke('29:dana', { verb: 'case', action: 'start', caseId: id, version: 3 }));
    await settle(id);
    let job = (await app.execution.jobOf(id))?.job;
    // Whom the job looks for: everything the directory knows of Alice (mail, SIP address, numbers, name).
    const subject = job?.subject ?? {};
    expect(subject).toMatchObject({ emails: expect.arrayContaining(['alice@example.com']) });
    const journal = app.sources.find((s) => s.id === 'journal');
    const before = (await journal?.find(subject)) ?? [];
    expect(before.reduce((n, f) => n + f.count, 0)).toBeGreaterThan(0);
    expect(job?.steps.map((s) => `${s.id}:${s.state.status}`)).toEqual([
      'erase:directory:waiting',
      'erase:journal:pending',
      'erase:chat:pending',
      'explain:tasks:pending',
      'explain:logs:pending',
      // Nobody keeps Alice among their favourites: nobody is asked to remove her there.
      'erase:favourites:done',
      'confirmGone:pending',
      'notify:pending',
    ]);
    // The task reached Dana (the directory has no owner): exactly what to do, Done and Not possible.
    const task = sentTo('a:personal-29:dana').map((a) => JSON.stringify(a.activity)).find((a) => a.includes('Task for'));
    expect(task).toContain('Delete this person');
    expect(task).toContain('"action":"taskDone"');
    expect(task).toContain('"action":"taskNotPossible"');
    // Alice cannot answer it; Dana can, once: the directory entry is for the admin console, which she cannot reach today.
    expect((await click(invoke('29:alice', { verb: 'job', action: 'taskDone', caseId: id, stepId: 'erase:directory' }))).body).toMatchObject({ statusCode: 400 });
    const notPossible = await click(invoke('29:dana', { verb: 'job', action: 'taskNotPossible', caseId: id, stepId: 'erase:directory', reason: 'The admin console is being migrated; deleting the user next week.' }));
    expect(notPossible.body).toMatchObject({ statusCode: 200 });
    // A second answer changes nothing.
    const again = await click(invoke('29:dana', { verb: 'job', action: 'taskDone', caseId: id, stepId: 'erase:directory' }));
    expect(JSON.stringify(again.body)).toContain('That step has moved on meanwhile');
    await settle(id);
    job = (await app.execution.jobOf(id))?.job;
    const erased = job?.steps.find((s) => s.id === 'erase:journal')?.state;
    expect(erased?.status).toBe('done');
    expect(erased?.status === 'done' && (erased.counts?.deleted ?? 0) > 0).toBe(true);
    expect(job?.steps.find((s) => s.id === 'erase:directory')?.state).toMatchObject({ status: 'notPossible', by: 'dana.dpo@example.com' });
    await settle(id);
    job = (await app.execution.jobOf(id))?.job;
    expect(job?.steps.find((s) => s.id === 'confirmGone')?.state).toMatchObject({ status: 'done', counts: { remaining: 0 } });
    expect(await app.requests.get(id)).toMatchObject({ status: 'completed' });
    // Left: only her calls with the customer under a legal hold (demo: Hans Meier), counted as kept.
    const kept = erased?.status === 'done' ? (erased.counts?.kept ?? 0) : -1;
    expect(kept).toBeGreaterThan(0);
    const after = (await journal?.find(subject)) ?? [];
    expect(after.filter((f) => f.match === 'identifier').reduce((n, f) => n + f.count, 0)).toBe(kept);
    const outcome = sentTo('a:personal-29:alice').map((a) => JSON.stringify(a.activity)).find((a) => a.includes('has been carried out'));
    expect(outcome).toContain('Erase — journal (H): done');
    expect(outcome).toContain('tasks cannot be deleted');
    writeFileSync(join(dir, 'done'), '');
  });
});
