import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/config';
import { silentLogger } from '../../../src/ports/logger/logger.port';
import { verifyChain } from '../../../src/ports/store/audit-chain';
import { type RunningServer, startServer } from '../../../src/server/http-server';
import { type App, createApp } from '../../../src/startup/create-app';
import { ConnectorStandIn } from '../../support/connector-stand-in';

type Json = Record<string, unknown>;

/**
 * Privacy requests end to end through the real HTTP server, CloudAdapter and bot, with the local
 * Bot Connector stand-in: intake in chat, the decision card to the DPO, approval by
 * `adaptiveCard/action` invoke, the card updated in place (PUT), the requester told.
 */
describe('privacy requests end to end', () => {
  let dir: string;
  let connector: ConnectorStandIn;
  let app: App;
  let server: RunningServer;

  const member = (id: string, mail: string, name: string): [string, Json] => [id, { id, name, aadObjectId: `aad-${id}`, userPrincipalName: mail, email: mail }];
  const members = Object.fromEntries([
    member('29:alice', 'alice@example.com', 'Alice Adams'),
    member('29:bob', 'bob@example.com', 'Bob Brown'),
    member('29:dana', 'dana.dpo@example.com', 'Dana DPO'),
    member('29:sabine', 'sabine.hoffmann@example.com', 'Sabine Hoffmann'),
    // Another tenant's administrators can set a user's mail to anything; the UPN is their own.
    ['29:mallory', { id: '29:mallory', name: 'Mallory', aadObjectId: 'aad-mallory', userPrincipalName: 'mallory@elsewhere.example', email: 'dana.dpo@example.com' }],
  ]);

  const DPO_CHANNEL = '19:dpo-team@thread.tacv2';

  const HOME_TENANT = '5b7a3c2e-4d1f-4e8a-9c6b-2f0e1d3a4b5c';

  /** Starts app and server on the test's database, with extra settings. */
  const launch = async (extra: Record<string, string> = {}): Promise<void> => {
    const config = loadConfig({
      DATABASE_FILE: join(dir, 'privacy-desk.sqlite'),
      PORT: '0',
      HOST: '127.0.0.1',
      DPO_USERS: 'dana.dpo@example.com, sabine.hoffmann@example.com',
      DPO_CHANNEL,
      ...extra,
    });
    app = await createApp(config, silentLogger);
    server = await startServer(config, app, silentLogger);
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-desk-requests-'));
    connector = new ConnectorStandIn(members as never);
    await connector.start();
    await launch();
  });
  afterEach(async () => {
    await server.close();
    await app.close();
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  let sequence = 0;
  const base = (from: string, locale = 'en-US'): Json => ({
    id: `incoming-${++sequence}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: from, name: from, aadObjectId: `aad-${from}` },
    recipient: { id: '28:privacy-desk', name: 'privacy-desk' },
    conversation: { id: `a:personal-${from}`, conversationType: 'personal', tenantId: 'tenant' },
    channelData: { tenant: { id: 'tenant' } },
    locale,
  });
  const message = (from: string, text: string, locale?: string): Json => ({ ...base(from, locale), type: 'message', text });
  const invoke = (from: string, data: Json, verb = String(data.action)): Json => ({
    ...base(from),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: 'card-activity',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  });

  const post = async (body: Json): Promise<{ status: number; body: Json | undefined }> => {
    const response = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Json) : undefined };
  };

  /** Posts a card action and waits for what it set off (other cards redrawn, the requester told). */
  const click = async (body: Json): Promise<{ status: number; body: Json | undefined }> => {
    const answer = await post(body);
    await app.requests.settled();
    return answer;
  };

  /** Sends a message and waits until the bot has sent `expected` more activities. */
  const say = async (from: string, text: string, expected = 1, locale?: string): Promise<void> => {
    const before = connector.activities.length;
    expect((await post(message(from, text, locale))).status).toBe(200);
    await connector.waitForActivities(before + expected);
  };

  const cardIn = (activity: Json): Json => ((activity.attachments as { content: Json }[])[0]?.content ?? {}) as Json;
  const sentTo = (conversation: string): { method: string; path: string; activity: Json; id?: string }[] => connector.activities.filter((a) => a.path.startsWith(`/v3/conversations/${conversation}/`));

  /** Every Action.Execute of a card (also inside show-cards), by the action its data names. */
  const executes = (node: unknown): Json[] => {
    if (Array.isArray(node)) return node.flatMap(executes);
    if (node === null || typeof node !== 'object') return [];
    const element = node as Json;
    const own = element.type === 'Action.Execute' ? [element] : [];
    return [...own, ...Object.entries(element).filter(([key]) => key !== 'fallback' && key !== 'refresh').flatMap(([, value]) => executes(value))];
  };
  const buttonData = (card: Json, action: string): Json => {
    const found = executes(card).find((e) => (e.data as Json).action === action);
    if (!found) throw new Error(`no ${action} button`);
    return found.data as Json;
  };

  it('takes in an employee’s request, routes the decision card to the DPO, and approves it by invoke', async () => {
    await say('29:dana', 'hi');
    // An erasure is asked once more before it is filed: nothing reaches the DPO before "Yes".
    await say('29:alice', 'please delete my data');
    const confirmation = cardIn(connector.activities.at(-1)?.activity ?? {});
    expect(JSON.stringify(confirmation)).toContain('Delete your data?');
    expect(await app.requests.mine('alice@example.com')).toEqual([]);
    const yes = (confirmation.actions as Json[]).find((a) => a.title === 'Yes, file my erasure request');
    const sentBefore = connector.activities.length;
    expect((await post({ ...base('29:alice'), type: 'message', value: yes?.data })).status).toBe(200);
    await connector.waitForActivities(sentBefore + 2);

    const [alice] = await app.requests.mine('alice@example.com');
    expect(alice).toMatchObject({ number: expect.stringMatching(/^DSR-\d{4}-0001$/), type: 'erasure', status: 'awaitingDecision', version: 2 });
    const id = alice?.id as string;

    const acknowledgement = sentTo('a:personal-29:alice').at(-1);
    expect(JSON.stringify(acknowledgement?.activity)).toContain('Request received');
    const toDana = sentTo('a:personal-29:dana').filter((a) => a.method === 'POST').at(-1);
    // A proactive message: botbuilder posts it as a reply to its continuation activity.
    expect(toDana?.path).toMatch(/^\/v3\/conversations\/a:personal-29:dana\/activities(\/[^/]+)?$/);
    const decisionCard = cardIn(toDana?.activity ?? {});
    expect(JSON.stringify(decisionCard)).toContain('New privacy request');
    // Where Alice's data is, from the demo sources: her calls in the journal, her chat messages.
    expect(JSON.stringify(decisionCard)).toMatch(/Where their data is \(the personal-data sources, as of [^)]+\)/);
    expect(JSON.stringify(decisionCard)).toMatch(/journal \(H\): \d+ journal entries \d{4}-\d{2} … \d{4}-\d{2}/);
    expect(JSON.stringify(decisionCard)).toMatch(/chat \(C\): \d+ chat messages/);
    // The requester's own card never shows it.
    expect(JSON.stringify(acknowledgement?.activity)).not.toContain('Where their data is');
    expect(decisionCard.refresh).toMatchObject({ action: { type: 'Action.Execute', verb: 'refresh' }, userIds: ['29:dana'] });
    const approve = buttonData(decisionCard, 'approve');
    expect(approve).toEqual({ verb: 'case', action: 'approve', caseId: id, version: 2 });
    const approveButton = executes(decisionCard).find((e) => (e.data as Json).action === 'approve');
    expect(approveButton?.fallback).toMatchObject({ type: 'Action.Submit', data: approve });

    // A colleague who is no DPO, and the requester, cannot approve: an error, nothing changed.
    for (const who of ['29:bob', '29:alice']) {
      const refused = await click(invoke(who, approve));
      // botbuilder answers the HTTP request with the invoke response's own status code.
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'Forbidden', message: 'Only a data-protection officer can do this.' } });
    }
    expect(await app.requests.get(id)).toMatchObject({ status: 'awaitingDecision', version: 2 });

    const before = connector.activities.length;
    const approved = await click(invoke('29:dana', approve));
    expect(approved.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(approved.body?.value)).toContain('Approved');
    expect(await app.requests.get(id)).toMatchObject({ status: 'approved', version: 3, decision: { by: 'dana.dpo@example.com', status: 'approved' } });

    // Every card about the case is updated in place; the requester is told in her chat.
    const after = connector.activities.slice(before);
    const updates = after.filter((a) => a.method === 'PUT');
    expect(updates.map((u) => u.path).sort()).toEqual([`/v3/conversations/a:personal-29:alice/activities/${acknowledgement?.id ?? '?'}`, `/v3/conversations/a:personal-29:dana/activities/${toDana?.id ?? '?'}`].sort());
    for (const update of updates) expect(JSON.stringify(update.activity)).toContain('Approved');
    const told = after.filter((a) => a.method === 'POST' && a.path.startsWith('/v3/conversations/a:personal-29:alice/activities'));
    expect(told).toHaveLength(1);
    expect(JSON.stringify(told[0]?.activity)).toContain('Update on your request');

    // A second click on the old card (or a double click) decides nothing twice.
    const again = await click(invoke('29:dana', approve));
    expect(again.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(again.body?.value)).toContain('Already decided by Dana DPO');
    const reloaded = await app.requests.get(id);
    expect(reloaded?.version).toBe(3);
    expect(reloaded?.history.filter((e) => e.action === 'approve')).toHaveLength(1);

    const trail = await app.store.auditTrail({ targetPrefix: `request:${alice?.number}` });
    expect(trail.map((e) => e.action)).toEqual(['request.received', 'request.route', 'request.approve']);
    expect(verifyChain(await app.store.auditTrail())).toEqual({ ok: true, entries: expect.any(Number) });
  });

  it('never lets a DPO approve their own request: another DPO must', async () => {
    await say('29:dana', 'hi');
    await say('29:sabine', 'hi');
    await say('29:sabine', 'I want a copy of my data', 2);
    const [own] = await app.requests.mine('sabine.hoffmann@example.com');
    expect(own?.type).toBe('access');
    const toDana = sentTo('a:personal-29:dana').filter((a) => a.method === 'POST').at(-1);
    const approve = buttonData(cardIn(toDana?.activity ?? {}), 'approve');
    // Sabine's own copy of the card shows no decision buttons …
    expect(sentTo('a:personal-29:sabine').every((a) => !JSON.stringify(a.activity).includes('"action":"approve"'))).toBe(true);
    // … and a crafted invoke is refused.
    const refused = await click(invoke('29:sabine', approve));
    expect(refused.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'Forbidden' } });
    expect(await app.requests.get(own?.id as string)).toMatchObject({ status: 'awaitingDecision', version: 2 });
    const approved = await click(invoke('29:dana', approve));
    expect(approved.body).toMatchObject({ statusCode: 200 });
    expect(await app.requests.get(own?.id as string)).toMatchObject({ status: 'approved' });
    // Her approve on the old card is still refused, not answered with the current card.
    const late = await click(invoke('29:sabine', approve));
    expect(late.body).toMatchObject({ statusCode: 400, value: { code: 'Forbidden' } });
  });

  it('creates one case when Teams delivers the same message twice', async () => {
    const activity = message('29:alice', 'I want a copy of my data');
    await post(activity);
    await post(activity);
    expect(await app.requests.mine('alice@example.com')).toHaveLength(1);
  });

  it('refuses invalid card data with a 400, answers a refresh with the viewer’s own card, and shows outsiders nothing', async () => {
    await say('29:dana', 'hi');
    await say('29:alice', 'I want a copy of my data', 2);
    const [alice] = await app.requests.mine('alice@example.com');
    const invalid = await click(invoke('29:dana', { verb: 'case', action: 'approve', caseId: alice?.id as string, version: 'x' }));
    expect(invalid.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest' } });
    const refresh = { verb: 'case', action: 'refresh', caseId: alice?.id as string, version: 2 };
    const forDana = await click({ ...invoke('29:dana', refresh, 'refresh'), value: { action: { type: 'Action.Execute', verb: 'refresh', data: refresh }, trigger: 'automatic' } });
    expect(executes(forDana.body?.value).map((e) => (e.data as Json).action)).toContain('approve');
    const forAlice = await click(invoke('29:alice', refresh, 'refresh'));
    expect(executes(forAlice.body?.value).map((e) => (e.data as Json).action)).toEqual(['withdraw']);
    expect(JSON.stringify(forAlice.body?.value)).toContain('Awaiting decision');
    // Bob is neither DPO nor party: a forwarded card, an old version or a guessed number tell him nothing.
    const forBob = await click(invoke('29:bob', refresh, 'refresh'));
    expect(forBob.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'Forbidden' } });
    expect(JSON.stringify(forBob.body)).not.toContain(alice?.number as string);
    const staleForBob = await click(invoke('29:bob', { verb: 'case', action: 'withdraw', caseId: alice?.id as string, version: 1 }));
    expect(staleForBob.body).toMatchObject({ statusCode: 400, value: { code: 'Forbidden' } });
    const byNumber = await click(invoke('29:dana', { ...refresh, caseId: alice?.number as string }));
    expect(byNumber.body).toMatchObject({ statusCode: 400, value: { code: 'BadRequest' } });
    expect((await app.requests.get(alice?.id as string))?.version).toBe(2);
  });

  it('asks for a reason before rejecting, and tells the requester in German', async () => {
    await say('29:dana', 'hi');
    await say('29:alice', 'Ich möchte eine Kopie meiner Daten', 2, 'de-DE');
    const [alice] = await app.requests.mine('alice@example.com');
    const reject = { verb: 'case', action: 'reject', caseId: alice?.id as string, version: 2 };
    const blank = await click(invoke('29:dana', { ...reject, reason: '  ' }));
    expect(JSON.stringify(blank.body?.value)).toContain('Please give a reason');
    // What was typed comes back with the refusal: two months chosen stay chosen, a merge stays a merge.
    const extendBlank = await click(invoke('29:dana', { verb: 'case', action: 'extend', caseId: alice?.id as string, version: 2, months: '2', reason: '' }));
    const inputs = (node: unknown): Json[] => (Array.isArray(node) ? node.flatMap(inputs) : node && typeof node === 'object' ? [...((node as Json).type === 'Input.ChoiceSet' || (node as Json).type === 'Input.Text' ? [node as Json] : []), ...Object.values(node as Json).flatMap(inputs)] : []);
    expect(inputs(extendBlank.body?.value).find((i) => i.id === 'months')?.value).toBe('2');
    const mergeUnknown = await click(invoke('29:dana', { verb: 'case', action: 'merge', caseId: alice?.id as string, version: 2, other: 'DSR-2026-0999' }, 'link'));
    expect(JSON.stringify(mergeUnknown.body?.value)).toContain('There is no case with that number');
    const relation = inputs(mergeUnknown.body?.value).filter((i) => i.id === 'action' || i.id === 'other');
    expect(relation.map((i) => i.value)).toEqual(['merge', 'DSR-2026-0999']);
    expect((await app.requests.get(alice?.id as string))?.status).toBe('awaitingDecision');
    const before = connector.activities.length;
    await click(invoke('29:dana', { ...reject, reason: 'Daten werden nach Art. 17 Abs. 3 lit. b aufbewahrt' }));
    expect((await app.requests.get(alice?.id as string))?.status).toBe('rejected');
    const told = connector.activities.slice(before).find((a) => a.method === 'POST' && a.path.includes('29:alice'));
    expect(JSON.stringify(told?.activity)).toContain('Aufsichtsbehörde');
  });


  it('posts the decision card in the DPO channel when no DPO has a chat with the bot, and updates it there', async () => {
    await say('29:alice', 'I want a copy of my data', 1);
    const created = connector.calls.find((c) => c.method === 'POST' && c.path === '/v3/conversations');
    const body = created?.body as Json;
    expect(body).toMatchObject({ isGroup: true, channelData: { channel: { id: DPO_CHANNEL } } });
    const card = cardIn(body.activity as Json);
    expect(JSON.stringify(card)).toContain('New privacy request');
    // Nobody has talked to the bot yet, so no client can fetch a personal view: no buttons for anyone.
    expect(executes(card)).toEqual([]);

    const [alice] = await app.requests.mine('alice@example.com');
    const approve = { verb: 'case', action: 'approve', caseId: alice?.id as string, version: 2 };
    const before = connector.activities.length;
    const approved = await click({ ...invoke('29:dana', approve), conversation: { id: `${DPO_CHANNEL};messageid=1`, conversationType: 'channel', isGroup: true, tenantId: 'tenant' } });
    expect(approved.body).toMatchObject({ statusCode: 200 });
    const updates = connector.activities.slice(before).filter((a) => a.method === 'PUT');
    expect(updates.map((u) => u.path)).toContain(`/v3/conversations/${String(created?.responseId)}/activities/activity-${Number(String(created?.responseId).split('-')[1])}`);

    // A redraw set off by an older change (it ran late) still draws the case as it is now.
    const late = connector.activities.length;
    await app.notifier.refreshCards(alice as never);
    const redrawn = connector.activities.slice(late).filter((a) => a.method === 'PUT');
    expect(redrawn.length).toBeGreaterThan(0);
    for (const update of redrawn) expect(JSON.stringify(update.activity)).toContain('Approved');
  });

  it('shows an open request of the same type as a duplicate, and the DPO merges it', async () => {
    await say('29:dana', 'hi');
    await say('29:alice', 'I want a copy of my data', 2);
    // Asked again, Alice is shown her open case: nothing new.
    await say('29:alice', 'send me a copy of all my personal data please', 1);
    expect(JSON.stringify(connector.activities.at(-1)?.activity)).toContain('You already have an open access request');
    expect(await app.requests.mine('alice@example.com')).toHaveLength(1);
    // Bob relays a letter from Alice's private address about the same: a second case, a duplicate.
    const before = connector.activities.length;
    const form = { verb: 'request', token: '3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', type: 'access', self: false, channel: 'letter', receivedOn: app.requests.today(), lastName: 'Adams', email: 'alice@example.com' };
    expect((await post({ ...message('29:bob', ''), value: form })).status).toBe(200);
    await connector.waitForActivities(before + 2);
    const [first] = await app.requests.mine('alice@example.com');
    const [second] = await app.requests.mine('bob@example.com');
    expect(second?.number).not.toBe(first?.number);
    const card = cardIn(sentTo('a:personal-29:dana').at(-1)?.activity ?? {});
    expect(JSON.stringify(card)).toContain('Open requests of the same type for the same person');
    expect(JSON.stringify(card)).toContain(String(first?.number));
    // A change redraws Dana's copy in place, and the redrawn card still lists the possible duplicate.
    const updatesBefore = connector.calls.filter((c) => c.method === 'PUT').length;
    const assign = await click(invoke('29:dana', { ...buttonData(card, 'assign'), assignee: 'dana.dpo@example.com' }, 'assign'));
    expect(assign.body).toMatchObject({ statusCode: 200 });
    const redrawn = connector.calls.filter((c) => c.method === 'PUT').slice(updatesBefore).map((c) => JSON.stringify(c.body));
    expect(redrawn.some((body) => body.includes('Open requests of the same type for the same person') && body.includes(String(first?.number)))).toBe(true);
    const merge = { ...buttonData(card, 'link'), version: 3, action: 'merge', other: String(first?.number) };
    const merged = await click(invoke('29:dana', merge, 'link'));
    expect(merged.body).toMatchObject({ statusCode: 200 });
    expect(await app.requests.get(second?.id as string)).toMatchObject({ status: 'merged', mergedInto: first?.number });
    expect(await app.requests.get(first?.id as string)).toMatchObject({ status: 'awaitingDecision' });
  });

  it('extends the deadline once with a reason and tells the requester the new date', async () => {
    await say('29:dana', 'hi');
    await say('29:alice', 'I want a copy of my data', 2);
    const [alice] = await app.requests.mine('alice@example.com');
    const extend = { verb: 'case', action: 'extend', caseId: alice?.id as string, version: 2, months: '2', reason: 'Many systems to search' };
    const before = connector.activities.length;
    expect((await click(invoke('29:dana', extend))).body).toMatchObject({ statusCode: 200 });
    const extended = await app.requests.get(alice?.id as string);
    expect(extended?.extension).toMatchObject({ months: 2, reason: 'Many systems to search', by: 'dana.dpo@example.com' });
    expect((extended?.dueDate ?? '') > (alice?.dueDate ?? '')).toBe(true);
    const told = connector.activities.slice(before).find((a) => a.method === 'POST' && a.path.includes('29:alice'));
    expect(JSON.stringify(told?.activity)).toContain('The deadline was extended to');
    const again = await click(invoke('29:dana', { ...extend, version: 3 }));
    expect(JSON.stringify(again.body?.value)).toContain('allows one extension');
  });

  it('reaches a DPO who has only installed the app, in their language', async () => {
    const install = { ...base('29:dana', 'de-DE'), type: 'installationUpdate', action: 'add' };
    expect((await post(install)).status).toBe(200);
    await connector.waitForActivities(1);
    await say('29:alice', 'I want a copy of my data', 2);
    const toDana = sentTo('a:personal-29:dana').at(-1);
    expect(JSON.stringify(toDana?.activity)).toContain('Neuer Datenschutzantrag');
    expect(executes(cardIn(toDana?.activity ?? {})).map((e) => (e.data as Json).action)).toEqual(expect.arrayContaining(['approve', 'reject', 'askInfo', 'extend']));
  });

  it('reports open and overdue cases on /healthz, as counts only', async () => {
    await say('29:alice', 'I want a copy of my data', 1);
    await app.scheduler.tick();
    const body = (await (await fetch(`${server.url}/healthz`)).json()) as { requests: { open: number; overdue: number; lastRound: string | null } };
    expect(body.requests).toEqual({ open: 1, overdue: 0, lastRound: expect.any(String) });
    expect(JSON.stringify(body)).not.toContain('alice');
  });

  it('trusts no mail a foreign tenant may have set, and with a home tenant refuses other tenants', async () => {
    // No home tenant: Mallory's mail claims to be Dana's, but only object id and UPN identify.
    await say('29:mallory', 'status of my request');
    expect(JSON.stringify(connector.activities.at(-1)?.activity)).toContain("can't find you in the directory");
    await say('29:alice', 'I want a copy of my data');
    const [alice] = await app.requests.mine('alice@example.com');
    const approve = await click(invoke('29:mallory', { verb: 'case', action: 'approve', caseId: alice?.id as string, version: 2 }));
    expect(approve.body).toMatchObject({ statusCode: 400, value: { code: 'Forbidden' } });

    await server.close();
    await app.close();
    await launch({ TEAMS_TENANT_ID: HOME_TENANT.toUpperCase() });
    const home = (activity: Json): Json => ({ ...activity, conversation: { ...(activity.conversation as Json), tenantId: HOME_TENANT }, channelData: { tenant: { id: HOME_TENANT } } });
    const before = connector.activities.length;
    // A foreign tenant: refused in its language, nothing remembered or created.
    await say('29:bob', 'Ich möchte eine Kopie meiner Daten', 1, 'de-DE');
    expect(JSON.stringify(connector.activities.at(-1)?.activity)).toContain('Organisation, die mich betreibt');
    expect(await app.requests.mine('bob@example.com')).toEqual([]);
    const foreignClick = await click(invoke('29:dana', { verb: 'case', action: 'approve', caseId: alice?.id as string, version: 2 }));
    expect(foreignClick.body).toMatchObject({ statusCode: 400, value: { code: 'Forbidden' } });
    expect((await app.requests.get(alice?.id as string))?.status).toBe('awaitingDecision');
    // An activity that names no tenant at all is no activity of the organisation's either.
    const anonymous = { ...message('29:alice', 'status of my request'), channelData: {}, conversation: { id: 'a:personal-29:alice', conversationType: 'personal' } };
    expect((await post(anonymous)).status).toBe(200);
    await connector.waitForActivities(before + 2);
    expect(JSON.stringify(connector.activities.at(-1)?.activity)).toContain('organisation that runs me');
    // The home tenant: served as usual, the Teams mail now trusted as a key.
    expect((await post(home(message('29:bob', 'I want a copy of my data')))).status).toBe(200);
    await connector.waitForActivities(before + 3);
    expect(JSON.stringify(connector.activities.at(-1)?.activity)).toContain('Request received: DSR-');
    expect(await app.requests.mine('bob@example.com')).toHaveLength(1);
  });

  it('answers case buttons only in a personal chat and, for DPOs, in the DPO channel — every verb and refresh alike', async () => {
    await say('29:dana', 'hi');
    await say('29:alice', 'I want a copy of my data', 2);
    const [alice] = await app.requests.mine('alice@example.com');
    const id = alice?.id as string;
    const groupChat = { id: '19:group-chat@unq.gbl.spaces', conversationType: 'groupChat', isGroup: true, tenantId: 'tenant' };
    const otherChannel = { id: '19:general@thread.tacv2;messageid=7', conversationType: 'channel', isGroup: true, tenantId: 'tenant' };
    const dpoChannel = { id: `${DPO_CHANNEL};messageid=1`, conversationType: 'channel', isGroup: true, tenantId: 'tenant' };
    const inputs: Json = { reason: 'Because', months: 1, assignee: 'dana.dpo@example.com', identityMethod: 'knownContact', other: 'DSR-2026-0099' };
    const verbs = ['approve', 'reject', 'askInfo', 'provideInfo', 'extend', 'assign', 'recordIdentity', 'correctSubject', 'link', 'merge', 'start', 'complete', 'withdraw', 'refresh'];
    const refused = (answer: { body: Json | undefined }): void => {
      expect(answer.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'Forbidden' } });
      expect(JSON.stringify(answer.body)).toContain('only in our personal chat');
      expect(JSON.stringify(answer.body)).not.toContain(alice?.number as string);
    };
    for (const conversation of [groupChat, otherChannel]) {
      for (const who of ['29:dana', '29:alice']) {
        for (const action of verbs) {
          const data = { verb: 'case', action, caseId: id, version: 2, ...inputs };
          refused(await click({ ...invoke(who, data, action), conversation }));
        }
        // The card's automatic refresh shows nothing there either.
        const refresh = { verb: 'case', action: 'refresh', caseId: id, version: 2 };
        refused(await click({ ...invoke(who, refresh, 'refresh'), conversation, value: { action: { type: 'Action.Execute', verb: 'refresh', data: refresh }, trigger: 'automatic' } }));
      }
    }
    // The Action.Submit fallback (older clients) follows the same rule.
    for (const action of verbs) {
      const before = connector.activities.length;
      await post({ ...message('29:dana', ''), conversation: groupChat, value: { verb: 'case', action, caseId: id, version: 2, ...inputs } });
      await connector.waitForActivities(before + 1);
      const answer = JSON.stringify(connector.activities.at(-1)?.activity);
      expect(answer).toContain('only in our personal chat');
      expect(answer).not.toContain(alice?.number as string);
    }
    expect(await app.requests.get(id)).toMatchObject({ status: 'awaitingDecision', version: 2 });
    // In the DPO channel the requester is nobody special; the DPO decides there.
    refused(await click({ ...invoke('29:alice', { verb: 'case', action: 'refresh', caseId: id, version: 2 }, 'refresh'), conversation: dpoChannel }));
    const inDpoChannel = await click({ ...invoke('29:dana', { verb: 'case', action: 'refresh', caseId: id, version: 2 }, 'refresh'), conversation: dpoChannel });
    expect(executes(inDpoChannel.body?.value).map((e) => (e.data as Json).action)).toContain('approve');
    const approved = await click({ ...invoke('29:dana', { verb: 'case', action: 'approve', caseId: id, version: 2 }), conversation: dpoChannel });
    expect(approved.body).toMatchObject({ statusCode: 200 });
    expect(await app.requests.get(id)).toMatchObject({ status: 'approved' });
  });

  it('lets a DPO correct whom a case is about, audited without the person’s details; the requester is told', async () => {
    await say('29:dana', 'hi');
    await say('29:alice', 'I want a copy of my data', 2);
    const [alice] = await app.requests.mine('alice@example.com');
    const id = alice?.id as string;
    const card = cardIn(sentTo('a:personal-29:dana').filter((a) => a.method === 'POST').at(-1)?.activity ?? {});
    const correct = buttonData(card, 'correctSubject');
    // Nothing usable: the form comes back as it was filled in, the case unchanged.
    const incomplete = await click(invoke('29:dana', { ...correct, subjectKind: 'outside', firstName: 'Hans', phone: '12' }));
    expect(JSON.stringify(incomplete.body)).toContain('For an outside person, give at least a last name');
    expect(JSON.stringify(incomplete.body)).toContain('"value":"Hans"');
    const nobody = await click(invoke('29:dana', { ...correct, subjectKind: 'employee', colleague: 'Nobody Atall' }));
    expect(JSON.stringify(nobody.body)).toContain('No single colleague matches');
    expect(await app.requests.get(id)).toMatchObject({ version: 2, subject: { kind: 'employee', id: 'alice@example.com' } });
    // The requester cannot.
    const byAlice = await click(invoke('29:alice', { ...correct, subjectKind: 'outside', lastName: 'Meier' }));
    expect(byAlice.body).toMatchObject({ statusCode: 400, value: { code: 'Forbidden' } });

    const toldBefore = sentTo('a:personal-29:alice').length;
    const corrected = await click(invoke('29:dana', { ...correct, subjectKind: 'outside', firstName: 'Hans', lastName: 'Meier', street: 'Hauptstr. 5', postcodeCity: '80331 München', email: 'hans.meier@web.example' }));
    expect(corrected.body).toMatchObject({ statusCode: 200 });
    expect(JSON.stringify(corrected.body)).toContain('Hans Meier (Hauptstr. 5, 80331 München, hans.meier@web.example)');
    expect(JSON.stringify(corrected.body)).toContain('Whom it is about corrected to an outside person');
    const now = await app.requests.get(id);
    expect(now).toMatchObject({ version: 3, status: 'awaitingDecision', subject: { kind: 'outside', criteria: { lastName: 'Meier', email: 'hans.meier@web.example' } } });
    // An outside person's identity is checked before approval.
    const approve = await click(invoke('29:dana', { verb: 'case', action: 'approve', caseId: id, version: 3 }));
    expect(JSON.stringify(approve.body)).toContain('First record how the person’s identity was checked');
    expect(sentTo('a:personal-29:alice').length).toBeGreaterThan(toldBefore);
    // Back to a colleague, by name.
    const toFrank = await click(invoke('29:dana', { ...correct, version: 3, subjectKind: 'employee', colleague: 'Frank Fischer' }));
    expect(toFrank.body).toMatchObject({ statusCode: 200 });
    expect((await app.requests.get(id))?.subject).toMatchObject({ kind: 'employee', name: 'Frank Fischer' });
    const audit = JSON.stringify((await app.store.auditTrail({ targetPrefix: `request:${alice?.number as string}` })).filter((e) => e.action === 'request.correctSubject'));
    expect(audit).toContain('outside');
    expect(audit).not.toMatch(/Meier|Hauptstr|hans\.meier|Frank/);
  });

  it('takes privacy requests only in a personal chat, never in a channel', async () => {
    const inChannel = (text: string): Json => ({ ...message('29:alice', text), conversation: { id: '19:general@thread.tacv2', conversationType: 'channel', isGroup: true, tenantId: 'tenant' } });
    const before = connector.activities.length;
    expect((await post(inChannel('<at>privacy-desk</at> please delete my data'))).status).toBe(200);
    await connector.waitForActivities(before + 1);
    const answer = JSON.stringify(connector.activities.at(-1)?.activity);
    expect(answer).toContain('only in our personal chat');
    expect(answer).not.toContain('DSR-');
    expect(await app.requests.mine('alice@example.com')).toEqual([]);
  });
});
