import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { main } from '../../../src/cli/main';
import { csvField, recordRow, toTable } from '../../../src/cli/requests.command';
import type { PrivacyRequest } from '../../../src/domain/requests/request';
import { type NewRequest, type RequestCommand, applyCommand, openRequest } from '../../../src/domain/requests/workflow';
import { openStores } from '../../../src/ports/store/sql/stores';

/** The `privacy-desk` command, run in-process; output captured. */
async function run(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await main(['node', 'privacy-desk', ...args]);
    return { out: out.join(''), err: err.join(''), code: Number(process.exitCode ?? 0) };
  } finally {
    process.exitCode = before;
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

const timeZone = 'Europe/Berlin';
const dpo = { id: 'dana.dpo@example.com', isDpo: true };
const system = { id: 'system', isDpo: false, system: true };
const HYPERLINK = '=HYPERLINK("http://evil.example","click")';
const QUOTED_REASON = 'no, the "legitimate grounds"\nprevail';

/**
 * A database with four cases — one long overdue, two rejected (one with a formula for a reason,
 * one with a comma, quotes and a line break), one far in the future — and one grant change.
 */
async function seed(file: string): Promise<PrivacyRequest[]> {
  const db = await openStores({ kind: 'sqlite', file });
  const store = db.requests;
  const grants = db.grants;
  const cases: PrivacyRequest[] = [];
  const act = async (request: PrivacyRequest, command: RequestCommand, at: string, actor: { id: string; isDpo: boolean; system?: boolean } = dpo) => {
    const result = applyCommand(request, command, actor, { now: new Date(at), timeZone });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(await store.saveRequest(result.value, request.version, { actor: actor.id, action: `request.${command.action}`, details: {} })).toBe(true);
    return result.value;
  };
  const open = async (key: string, input: NewRequest) => {
    const now = new Date(input.receivedAt);
    const { request } = await store.createRequest(key, now.getUTCFullYear(), (ids) => openRequest(input, ids, { now, timeZone }), {
      actor: input.requester,
      action: 'request.created',
      details: {},
    });
    return request;
  };

  cases.push(await open('k1', { type: 'access', subject: { kind: 'employee', id: 'alice@example.com', name: 'Alice' }, requester: 'alice@example.com', channel: 'teams', receivedAt: '2020-01-10T09:00:00.000Z' }));
  let outside = await open('k2', {
    type: 'erasure',
    subject: { kind: 'outside', criteria: { lastName: '=HYPERLINK("x")', email: 'x@outside.example' } },
    requester: 'bob@example.com',
    channel: 'letter',
    receivedAt: '2026-02-02T09:00:00.000Z',
  });
  outside = await act(outside, { action: 'route' }, '2026-02-02T09:01:00.000Z', system);
  cases.push(await act(outside, { action: 'reject', reason: HYPERLINK }, '2026-02-10T11:00:00.000Z'));
  let objection = await open('k3', { type: 'objection', subject: { kind: 'employee', id: 'carol@example.com', name: 'Carol' }, requester: 'carol@example.com', channel: 'email', receivedAt: '2026-03-03T09:00:00.000Z' });
  objection = await act(objection, { action: 'route' }, '2026-03-03T09:01:00.000Z', system);
  cases.push(await act(objection, { action: 'reject', reason: QUOTED_REASON }, '2026-03-20T15:30:00.000Z'));
  const future = await open('k4', { type: 'rectification', subject: { kind: 'employee', id: 'erik@example.com', name: 'Erik' }, requester: 'erik@example.com', channel: 'teams', receivedAt: '2099-05-05T09:00:00.000Z' });
  cases.push(await act(future, { action: 'assign', assignee: '@privacy-team' }, '2099-05-05T10:00:00.000Z'));
  await grants.setUserGrant({ owner: 'alice@example.com', viewer: { kind: 'user', id: 'bob@example.com' }, level: 'team', actor: 'alice@example.com', at: new Date('2099-05-06T08:00:00.000Z') });
  await db.close();
  return cases;
}

/** Changes the database behind the application's back, as an attacker with file access could. */
function tamper(file: string, sql: string): void {
  const db = new Database(file);
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  db.exec(sql);
  db.close();
}

describe('privacy-desk audit verify and requests', () => {
  let dir: string;
  let file: string;
  let cases: PrivacyRequest[];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-desk-audit-'));
    file = join(dir, 'privacy-desk.sqlite');
    cases = await seed(file);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('audit verify', () => {
    it('says the trail is intact, with its length and last entry, and exits 0', async () => {
      const { out, code } = await run('audit', 'verify', '--database', file);
      expect(out).toBe('audit trail intact: 10 entries, last 2099-05-06T08:00:00.000Z\n');
      expect(code).toBe(0);
    });

    it('--json prints the verdict and the last entry’s hash', async () => {
      const { out, code } = await run('audit', 'verify', '--json', '--database', file);
      expect(JSON.parse(out)).toEqual({ ok: true, entries: 10, last: { seq: 10, at: '2099-05-06T08:00:00.000Z', hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
      expect(code).toBe(0);
    });

    it('finds an edited entry and exits 1', async () => {
      tamper(file, `UPDATE audit_log SET details = '{"version":3,"status":"completed"}' WHERE seq = 6`);
      const { out, code } = await run('audit', 'verify', '--database', file);
      expect(out).toBe('audit trail BROKEN at entry 6: edited\n');
      expect(code).toBe(1);
      const json = await run('audit', 'verify', '--database', file, '--json');
      expect(JSON.parse(json.out)).toEqual({ ok: false, seq: 6, problem: 'edited' });
      expect(json.code).toBe(1);
    });

    it('finds a deleted entry in the middle and exits 1', async () => {
      tamper(file, 'DELETE FROM audit_log WHERE seq = 4');
      const { out, code } = await run('audit', 'verify', '--database', file);
      expect(out).toBe('audit trail BROKEN at entry 4: missing\n');
      expect(code).toBe(1);
    });

    it('calls an entry that cannot even be read broken', async () => {
      tamper(file, "UPDATE audit_log SET details = 'not json' WHERE seq = 2");
      const { out, code } = await run('audit', 'verify', '--database', file);
      expect(out).toMatch(/^audit trail BROKEN: an entry cannot be read/);
      expect(code).toBe(1);
    });

    it('says there is no database, exits 2 and creates none', async () => {
      const missing = join(dir, 'nowhere', 'missing.sqlite');
      const { out, err, code } = await run('audit', 'verify', '--database', missing);
      expect(out).toBe('');
      expect(err).toContain(`no database at ${missing}`);
      expect(code).toBe(2);
      expect(existsSync(missing)).toBe(false);
      expect(existsSync(join(dir, 'nowhere'))).toBe(false);
    });

    it('exits 2 for a file that is no privacy-desk database', async () => {
      const other = join(dir, 'other.txt');
      writeFileSync(other, 'just text, no SQLite');
      const text = await run('audit', 'verify', '--database', other);
      expect(text.err).toContain(`cannot read ${other}`);
      expect(text.code).toBe(2);
      const empty = join(dir, 'empty.sqlite');
      writeFileSync(empty, '');
      const blank = await run('audit', 'verify', '--database', empty);
      expect(blank.err).toContain('has no audit_log table');
      expect(blank.code).toBe(2);
    });

    it('does not change the database it verifies', async () => {
      const before = new Database(file, { readonly: true });
      const count = (before.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
      before.close();
      await run('audit', 'verify', '--database', file);
      const after = new Database(file, { readonly: true });
      expect(after.prepare('SELECT COUNT(*) AS n FROM audit_log').get()).toEqual({ n: count });
      after.close();
    });
  });

  describe('requests', () => {
    const HEADER = 'number,type,article,status,channel,receivedAt,dueDate,extendedMonths,decidedBy,decidedAt,decision,reason,assignee,requester,subject,closedAt,overdue,identityMethod,mergedInto,linked';

    it('--csv prints the record: header, one CRLF line per case, quoted and formula-safe', async () => {
      const { out, code } = await run('requests', '--csv', '--database', file);
      expect(code).toBe(0);
      expect(out.startsWith(`${HEADER}\r\n`)).toBe(true);
      expect(out.endsWith('\r\n')).toBe(true);
      const lines = out.split('\r\n');
      expect(lines).toHaveLength(6); // header, four cases (one spanning a quoted line break), and ''
      expect(lines[1]).toBe('DSR-2020-0001,access,15,received,teams,2020-01-10T09:00:00.000Z,2020-02-10,0,,,,,,alice@example.com,alice@example.com,,true,,,');
      expect(lines[2]).toBe(
        `DSR-2026-0001,erasure,17,rejected,letter,2026-02-02T09:00:00.000Z,2026-03-02,0,dana.dpo@example.com,2026-02-10T11:00:00.000Z,rejected,"'=HYPERLINK(""http://evil.example"",""click"")",,bob@example.com,outside,2026-02-10T11:00:00.000Z,false,,,`,
      );
      expect(`${lines[3]}\r\n${lines[4]}`).toBe(
        'DSR-2026-0002,objection,21,rejected,email,2026-03-03T09:00:00.000Z,2026-04-03,0,dana.dpo@example.com,2026-03-20T15:30:00.000Z,rejected,"no, the ""legitimate grounds""\nprevail",,carol@example.com,carol@example.com,2026-03-20T15:30:00.000Z,false,,,\r\nDSR-2099-0001,rectification,16,received,teams,2099-05-05T09:00:00.000Z,2099-06-05,0,,,,,\'@privacy-team,erik@example.com,erik@example.com,,false,,,',
      );
      // An outside person's search criteria stay out of the record.
      expect(out).not.toContain('HYPERLINK(""x"")');
      expect(out).not.toContain('outside.example');
    });

    it('--csv --open leaves out closed cases', async () => {
      const { out } = await run('requests', '--csv', '--open', '--database', file);
      expect(out.split('\r\n').map((line) => line.split(',')[0])).toEqual(['number', 'DSR-2020-0001', 'DSR-2099-0001', '']);
    });

    it('--json prints the stored cases', async () => {
      const { out, code } = await run('requests', '--json', '--database', file);
      expect(code).toBe(0);
      expect(JSON.parse(out)).toEqual(cases);
    });

    it('prints an aligned table by default, overdue cases marked', async () => {
      const { out, code } = await run('requests', '--database', file);
      expect(code).toBe(0);
      const lines = out.trimEnd().split('\n');
      expect(lines).toHaveLength(5);
      expect(lines[0]).toMatch(/^number\s+type\s+status\s+received\s+due\s+overdue\s+requester\s+subject\s+assignee$/);
      expect(lines[1]).toMatch(/^DSR-2020-0001\s+access \(Art\. 15\)\s+received\s+2020-01-10\s+2020-02-10\s+OVERDUE\s+alice@example\.com\s+alice@example\.com$/);
      expect(lines[4]).toContain('@privacy-team');
      const statusColumn = lines.map((line) => line.indexOf(line.split(/\s{2,}/)[2] ?? '?'));
      expect(new Set(statusColumn).size).toBe(1);
    });

    it('says there is no database and exits 2', async () => {
      const missing = join(dir, 'missing.sqlite');
      const { err, code } = await run('requests', '--csv', '--database', missing);
      expect(err).toContain(`no database at ${missing}`);
      expect(code).toBe(2);
      expect(existsSync(missing)).toBe(false);
    });

    it('reports a corrupt case instead of exporting part of the record', async () => {
      const db = new Database(file);
      db.prepare("UPDATE requests SET data = json_set(data, '$.status', 'lost') WHERE number = 'DSR-2026-0002'").run();
      db.close();
      const { out, err, code } = await run('requests', '--csv', '--database', file);
      expect(out).toBe('');
      expect(err).toContain('a row of requests is not valid');
      expect(code).toBe(1);
    });
  });
});

describe('CSV fields', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['=1+1', "'=1+1"],
    ['+49 30 1234', "'+49 30 1234"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', `"'\rCR"`],
    ['=A1,"x"', `"'=A1,""x"""`],
    ['a=b', 'a=b'],
  ])('%j → %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });
});

describe('the requests table', () => {
  it('prints no control characters from a case (line breaks, terminal escapes)', () => {
    const request = openRequest(
      { type: 'access', subject: { kind: 'employee', id: 'x@example.com', name: 'X' }, requester: 'x@example.com', channel: 'teams', receivedAt: '2026-01-01T09:00:00.000Z' },
      { id: 'id-1', number: 'DSR-2026-0001' },
      { now: new Date('2026-01-01T09:00:00.000Z'), timeZone },
    );
    const table = toTable([recordRow({ ...request, assignee: 'evil\u001b[2J\nline' }, '2026-01-02')]);
    expect(table).toContain('evil [2J line');
    expect(table.trimEnd().split('\n')).toHaveLength(2);
  });
});
