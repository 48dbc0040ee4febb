import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/config';
import { shipped } from '../../../src/config/paths';
import { silentLogger } from '../../../src/ports/logger/logger.port';
import { type App, createApp } from '../../../src/startup/create-app';
import { requireService } from '../../support/services';
import { Slapd, slapdAvailable } from '../../support/slapd';

/**
 * Rectification (Art. 16) carried out against a real OpenLDAP server: the DPO starts an approved
 * case, the bot modifies the person's entry, the next read of the directory shows the corrected
 * value; the case keeps before and after, the audit trail only which item changed.
 */
const available = requireService('OpenLDAP slapd', slapdAvailable(), 'install it with: apt-get install -y slapd ldap-utils');
const describeIf = available ? describe : describe.skip;
const slapd = new Slapd({ suffix: 'dc=example,dc=com', ldif: readFileSync(shipped('data', 'demo', 'demo-org.ldif'), 'utf8') });

beforeAll(async () => {
  if (available) await slapd.setUp();
}, 60_000);
afterAll(async () => {
  if (available) await slapd.tearDown();
});

describeIf('rectification on an LDAP directory', () => {
  let dir: string;
  let app: App;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-desk-rectify-'));
    app = await createApp(
      loadConfig({ DATABASE_FILE: join(dir, 'db.sqlite'), DPO_USERS: 'dana.dpo@example.com', DIRECTORY: 'ldap', LDAP_URL: slapd.url, LDAP_BIND_DN: slapd.rootDn, LDAP_BIND_PASSWORD: slapd.rootPassword, LDAP_BASE_DN: 'dc=example,dc=com' }),
      silentLogger,
    );
  });
  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('corrects the entry in the directory; the case keeps before and after, the audit trail only the item', async () => {
    const alice = (await app.directory.read()).people.find((p) => p.mail === 'alice@example.com');
    const before = alice?.attributes['F.13.3.1'] ?? [];
    const { request } = await app.requests.submit(
      { type: 'rectification', subject: { kind: 'employee', id: 'alice@example.com', name: 'Alice Adams' }, requester: 'alice@example.com', channel: 'teams', receivedAt: new Date().toISOString(), rectification: { item: 'Mobile number', newValue: '+49 170 5555555' } },
      'rectify-1',
    );
    await app.requests.settled();
    await app.requests.act(request.id, { action: 'approve' }, 'dana.dpo@example.com');
    await app.requests.act(request.id, { action: 'start', execution: { includeNameOnly: [] } }, 'dana.dpo@example.com');
    await app.requests.settled();
    await app.execution.advance(request.id);
    const job = (await app.execution.jobOf(request.id))?.job;
    expect(job?.steps.map((s) => [s.id, s.by, s.state.status])).toEqual([
      ['rectify:directory', 'bot', 'done'],
      ['notify', 'bot', 'done'],
    ]);
    expect((await app.requests.get(request.id))?.status).toBe('completed');
    // The bot's own snapshot shows it at once (read again after the change) — every lookup answers with it.
    const index = app.desk.identify({ mail: 'alice@example.com' });
    expect(index === undefined ? undefined : app.desk.person(index).attributes['F.13.3.1']).toEqual(['+49 170 5555555']);
    // In the directory itself: the next read has it.
    const after = (await app.directory.read()).people.find((p) => p.mail === 'alice@example.com');
    expect(after?.attributes['F.13.3.1']).toEqual(['+49 170 5555555']);
    expect(await app.execution.rectifications(request.id)).toEqual([{ source: 'directory', item: 'F.13.3.1', before, after: ['+49 170 5555555'], at: expect.any(String) }]);
    expect(await app.requests.rectificationsOf(request.id)).toHaveLength(1);
    const trail = await app.store.auditTrail({ targetPrefix: request.number });
    expect(trail.find((e) => e.action === 'execution.rectified')?.details).toEqual({ step: 'rectify:directory', item: 'F.13.3.1', changed: 1 });
    expect(JSON.stringify(trail)).not.toContain('5555555');
    // Put back for the other suites on this server.
    await app.directory.updatePerson('alice@example.com', { 'F.13.3.1': before });
  });

  it('a case naming no single item fails its step with a clear reason, for the DPO to correct or do by hand', async () => {
    const { request } = await app.requests.submit(
      { type: 'rectification', subject: { kind: 'employee', id: 'alice@example.com', name: 'Alice Adams' }, requester: 'alice@example.com', channel: 'teams', receivedAt: new Date().toISOString(), rectification: { item: 'Business address', newValue: 'Hauptstr. 1' } },
      'rectify-2',
    );
    await app.requests.settled();
    await app.requests.act(request.id, { action: 'approve' }, 'dana.dpo@example.com');
    await app.requests.act(request.id, { action: 'start', execution: { includeNameOnly: [] } }, 'dana.dpo@example.com');
    await app.requests.settled();
    await app.execution.advance(request.id);
    expect((await app.execution.jobOf(request.id))?.job.steps[0]?.state).toMatchObject({ status: 'failed', error: expect.stringMatching(/names no single catalogue item/) });
  });
});
