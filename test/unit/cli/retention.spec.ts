import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStores } from '../../../src/ports/store/sql/stores';
import { verifyChain } from '../../../src/ports/store/audit-chain';
import { runCli } from '../../support/cli';

/** `privacy-desk retention purge` on the demo sources: journal and chat past their period, audited. */
describe('privacy-desk retention purge', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-desk-retention-'));
    process.env.DATABASE_FILE = join(dir, 'privacy-desk.sqlite');
  });
  afterEach(() => {
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts on a dry run, then deletes what is past its period, and audits each source with counts only', async () => {
    process.env.RETENTION_JOURNAL_DAYS = '365';
    process.env.RETENTION_CHAT_DAYS = '30';
    const dry = await runCli('retention', 'purge', '--dry-run', '--json');
    expect(dry.code).toBe(0);
    const counted = JSON.parse(dry.out) as { dryRun: boolean; results: { source: string; category: string; deleted: number; due: number; kept: number; days: number }[] };
    expect(counted.dryRun).toBe(true);
    // Journal and chat only: tasks cannot be deleted (seed 4.1.3), logs are bounded by size.
    expect(counted.results.map((r) => [r.source, r.category, r.days, r.deleted])).toEqual([
      ['journal', 'H', 365, 0],
      ['chat', 'C', 30, 0],
    ]);
    const [journalDue, chatDue] = counted.results.map((r) => r.due);
    // The demo's legal hold keeps a customer's old calls (HOLD-2026-01, Hans Meier).
    const journalHeld = counted.results[0]?.kept ?? 0;
    expect(journalHeld).toBeGreaterThan(10);
    expect(journalDue).toBeGreaterThan(1_000);
    expect(chatDue).toBeGreaterThan(1_000);

    const run = await runCli('retention', 'purge', '--batch-size', '500');
    expect(run.code).toBe(0);
    expect(run.out).toContain(`  journal (H, kept 365 days, before `);
    expect(run.out).toContain(`: ${journalDue} deleted; ${journalHeld} restricted or on legal hold kept\n`);
    expect(run.out).toContain(`: ${chatDue} deleted\n`);
    const again = JSON.parse((await runCli('retention', 'purge', '--dry-run', '--json')).out) as { results: { due: number }[] };
    expect(again.results.map((r) => r.due)).toEqual([0, 0]);

    const stores = await openStores({ kind: 'sqlite', file: join(dir, 'privacy-desk.sqlite') });
    try {
      const entries = await stores.audit.entries();
      expect(entries.map((e) => [e.action, e.target])).toEqual([
        ['retention.purge.dryRun', 'source:journal'],
        ['retention.purge.dryRun', 'source:chat'],
        ['retention.purge', 'source:journal'],
        ['retention.purge', 'source:chat'],
        ['retention.purge.dryRun', 'source:journal'],
        ['retention.purge.dryRun', 'source:chat'],
      ]);
      expect(entries[2]?.details).toMatchObject({ category: 'H', days: 365, deleted: journalDue, due: 0, kept: journalHeld, holds: 1, writable: true });
      // Counts only: nobody's name or number in the audit trail, the held person's included.
      expect(JSON.stringify(entries)).not.toMatch(/Meier|555010002/);
      expect(verifyChain(entries)).toEqual({ ok: true, entries: 6 });
    } finally {
      await stores.close();
    }
  });

  it('summarises each category, the week\'s requests and what needs doing, and shows a purge of this week', async () => {
    process.env.RETENTION_CHAT_DAYS = '30';
    const before = await runCli('retention', 'summary');
    expect(before.code).toBe(0);
    expect(before.out).toMatch(/^Retention summary, week of \d{4}-\d{2}-\d{2} /);
    expect(before.out).toMatch(/^ {2}H Call journal — kept 365 days$/m);
    expect(before.out).toMatch(/^ {4}journal: \d+ records, oldest \d{4}-\d{2}-\d{2}; \d+ past their period; 0 purged this week; \d+ restricted or on legal hold kept$/m);
    expect(before.out).toMatch(/^ {2}T Tasks — cannot be deleted \(a standing risk\)$/m);
    expect(before.out).toMatch(/^ {4}logs: 4 files, \d+ KB of 64\.0 MB$/m);
    expect(before.out).toContain('Privacy requests: 0 opened this week, 0 completed, 0 open, 0 due within 7 days, 0 overdue');
    expect(before.out).toMatch(/^ {2}- chat: \d+ records past their period — run privacy-desk retention purge$/m);
    // Favourites live as long as their user: two who left the company still have theirs.
    expect(before.out).toMatch(/^ {4}favourites: \d+ records, oldest \d{4}-\d{2}-\d{2}; \d+ of users who no longer exist$/m);
    expect(before.out).toMatch(/^ {2}- favourites: \d+ contacts of 2 users who no longer exist — delete them in the communication suite's administration \(ask uc-admins@example\.com\)$/m);
    await runCli('retention', 'purge');
    const after = JSON.parse((await runCli('retention', 'summary', '--json')).out) as { categories: { category: string; sources: { pastDue?: number; purgedThisWeek?: number }[] }[]; needsAction: { kind: string }[] };
    const chat = after.categories.find((c) => c.category === 'C')?.sources[0];
    expect(chat?.pastDue).toBe(0);
    expect(chat?.purgedThisWeek).toBeGreaterThan(0);
    expect(after.needsAction.map((a) => a.kind)).toEqual(['orphans', 'tasksStandingRisk']);
    // The last 8 weeks as the card charts them: this week's purge counted in its last row.
    const table = (await runCli('retention', 'summary')).out;
    expect(table).toMatch(/^The last 8 weeks \(week of: records purged; requests opened, completed\):$/m);
    expect(table.match(/^ {2}\d{4}-\d{2}-\d{2}: \d+; \d+, \d+$/gm)).toHaveLength(8);
    expect(table.trim().split('\n').at(-1)).toMatch(/^ {2}\d{4}-\d{2}-\d{2}: [1-9]\d*; 0, 0$/);
  });

  it('gives an administrator who asks in the terminal the same summary as in Teams, and an employee the rules', async () => {
    const admin = await runCli('ask', '--as', 'ayse.yilmaz@example.com', 'show the retention summary');
    expect(admin.out).toContain('Retention summary — week of');
    expect(admin.out).toMatch(/^ {2}directory: \d+ records$/m);
    expect(admin.out).toContain('Records purged per week (journal and chat)');
    const employee = await runCli('ask', '--as', 'alice@example.com', 'show the retention summary');
    expect(employee.out).toContain('How long data is kept');
    expect(employee.out).not.toContain('Retention summary');
  });

  it.each([['0'], ['-3'], ['1.5'], ['a week']])('refuses RETENTION_CHAT_DAYS=%s, naming the setting', async (value) => {
    process.env.RETENTION_CHAT_DAYS = value;
    const { code, err } = await runCli('retention', 'purge', '--dry-run');
    expect(code).toBe(2);
    expect(err).toMatch(/RETENTION_CHAT_DAYS: expected a whole number of days/);
  });
});
