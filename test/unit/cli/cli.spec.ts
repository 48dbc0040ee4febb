import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';

/** The `privacy-desk` command, run in-process; output captured. */
async function run(...args: string[]): Promise<{ out: string; err: string; code: number | undefined }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await main(['node', 'privacy-desk', ...args]);
    return { out: out.join(''), err: err.join(''), code: process.exitCode };
  } finally {
    process.exitCode = before;
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe('privacy-desk CLI', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-desk-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('parse --json prints the slots with glossary ids, absent slots left out', async () => {
    const { out } = await run('parse', '--json', 'set Bob to team member');
    expect(JSON.parse(out)).toEqual({ intent: 'setLevel', person: 'Bob', level: 'team' });
  });

  it('matrix --json prints levels and both tables with each row’s lowest level', async () => {
    const { out } = await run('matrix', '--json');
    const matrix = JSON.parse(out);
    expect(matrix.levels).toEqual(['blocked', 'public', 'business', 'team', 'personal']);
    expect(matrix.internal).toHaveLength(17);
    expect(matrix.internal[2]).toEqual({ id: 'presence', de: 'Präsenz sehen', en: 'See presence', kind: 'detail', minLevel: 'public' });
    expect(matrix.external.find((r: { id: string }) => r.id === 'chat')).toEqual({ id: 'chat', de: 'Chat', en: 'Chat', kind: 'action', minLevel: 'public' });
  });

  it('ask prints the answer as text, through the same bot code as Teams', async () => {
    const { out } = await run('ask', '--as', 'alice@example.com', '--database', join(dir, 'db.sqlite'), 'why can Frank see my presence');
    expect(out).toContain('Frank Fischer has the level Business toward you.');
    expect(out).toContain('[1] Change level');
  });

  it('ask --json prints the Bot Framework activities the bot sent, cards included', async () => {
    const { out } = await run('ask', '--as', 'alice@example.com', '--locale', 'de', '--json', '--database', join(dir, 'db.sqlite'), 'Hilfe');
    const activities = JSON.parse(out);
    expect(activities).toHaveLength(1);
    expect(activities[0]).toMatchObject({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5' } }] });
    expect(JSON.stringify(activities[0])).toContain('Was ich kann');
  });

  it('ask answers from other directory and grants files, without touching the configured database', async () => {
    const ldif = join(dir, 'org.ldif');
    writeFileSync(
      ldif,
      ['dn: uid=a,dc=x', 'objectClass: inetOrgPerson', 'cn: Ann', 'sn: A', 'mail: ann@x.example', '', 'dn: uid=b,dc=x', 'objectClass: inetOrgPerson', 'cn: Ben', 'sn: B', 'mail: ben@x.example', ''].join('\n'),
    );
    const grants = join(dir, 'grants.json');
    writeFileSync(grants, JSON.stringify({ global: 'blocked', externalDefault: 'blocked', grants: [{ owner: 'user:ann@x.example', viewer: 'user:ben@x.example', level: 'team' }] }));
    const { out } = await run('ask', '--as', 'ann@x.example', '--directory', ldif, '--grants', grants, 'who can set my presence');
    expect(out).toContain('Team member: your own grant — 1');
    expect(out).toContain('Ben');
  });

  it('warns that a deployed bot’s database records what is done in the name given with --as', async () => {
    const database = join(dir, 'db.sqlite');
    const saved = { ...process.env };
    try {
      Object.assign(process.env, { MICROSOFT_APP_ID: '00000000-0000-4000-8000-000000000001', DATABASE_FILE: database });
      const deployed = await run('ask', '--as', 'alice@example.com', 'help');
      expect(deployed.err).toContain(`warning: acting as alice@example.com on the bot's own database (${database})`);
      // Another database, or a bot without authentication (local use): no warning.
      const elsewhere = await run('ask', '--as', 'alice@example.com', '--database', join(dir, 'other.sqlite'), 'help');
      expect(elsewhere.err).toBe('');
      delete process.env.MICROSOFT_APP_ID;
      expect((await run('ask', '--as', 'alice@example.com', 'help')).err).toBe('');
    } finally {
      process.env = saved;
    }
  });

  it('stops with exit code 2 and names the bad entry of a grants file', async () => {
    const grants = join(dir, 'bad.json');
    writeFileSync(grants, JSON.stringify({ global: 'public', externalDefault: 'blocked', grants: [{ owner: 'all', viewer: 'group:', level: 'team' }] }));
    const { err, code } = await run('ask', '--as', 'alice@example.com', '--grants', grants, 'help');
    expect(code).toBe(2);
    expect(err).toContain(`${grants}: grants[0].viewer`);
  });
});

describe('privacy-desk chat', () => {
  it('answers line by line, presses numbered buttons and asks for a show-card’s input', async () => {
    const { Readable, PassThrough } = await import('node:stream');
    const { runChat } = await import('../../../src/cli/conversation.command');
    const { LocalConversation } = await import('../../../src/bot/teams/local-conversation');
    const { demoApp } = await import('../../support/demo-app');
    const { silentLogger } = await import('../../../src/ports/logger/logger.port');
    const app = await demoApp();
    try {
      const conversation = new LocalConversation(app.desk, { id: 'zoe.mueller-luedenscheidt@example.com', locale: 'en' }, silentLogger);
      const output = new PassThrough();
      const chunks: string[] = [];
      output.on('data', (c) => chunks.push(String(c)));
      await runChat(conversation, 'en', Readable.from(['what can chris see of me\n', '2\n', '2\n', '4\n', 'quit\n', 'never read\n']), output);
      const text = chunks.join('');
      expect(text).toContain('What I can do');
      expect(text).toContain('What Chris Clark can see of you');
      expect(text).toContain('(4) Team member');
      // Stored, but Project Ember already makes Chris a team member of Zoë: nothing changes in effect.
      expect(text).toContain('Stored: your own grant for Chris Clark is now Team member.');
      expect(text).toContain('Nothing changes in effect: Chris Clark keeps Team member toward you.');
      expect(text).not.toContain('never read');
      const own = app.desk.listGrants(app.desk.identify({ mail: 'zoe.mueller-luedenscheidt@example.com' }) as number).own;
      expect(own).toContainEqual(expect.objectContaining({ viewer: { kind: 'user', id: 'chris.clark@example.com' }, level: 'team' }));
    } finally {
      await app.close();
    }
  });

  it('fills in a form in the terminal: Enter keeps what a field holds, a typed line replaces it', async () => {
    const { Readable, PassThrough } = await import('node:stream');
    const { runChat } = await import('../../../src/cli/conversation.command');
    const { LocalConversation, localRequestServices } = await import('../../../src/bot/teams/local-conversation');
    const { demoApp } = await import('../../support/demo-app');
    const { silentLogger } = await import('../../../src/ports/logger/logger.port');
    const app = await demoApp();
    try {
      const conversation = new LocalConversation(app.desk, { id: 'alice@example.com', locale: 'en' }, silentLogger, localRequestServices(app));
      const output = new PassThrough();
      const chunks: string[] = [];
      output.on('data', (c) => chunks.push(String(c)));
      // type, last name, first name, street, postcode/city, phone, e-mail, received by, received on, item, new value, note
      const fields = ['', '', '', 'Musterstraße 1', '12345 Musterstadt', '', '', '', '', '', '', 'Letter of today'];
      await runChat(conversation, 'en', Readable.from(['start access request for Erika Musterfrau\n', '1\n', ...fields.map((f) => `${f}\n`), 'quit\n']), output);
      const text = chunks.join('');
      expect(text).toContain('Last name [Musterfrau]: ');
      expect(text).toContain('Request received: DSR-');
      const [request] = await app.requests.mine('alice@example.com');
      expect(request).toMatchObject({ type: 'access', channel: 'letter', note: 'Letter of today', subject: { kind: 'outside', criteria: { firstName: 'Erika', lastName: 'Musterfrau', street: 'Musterstraße 1', postcodeCity: '12345 Musterstadt' } } });
    } finally {
      await app.close();
    }
  });
});
