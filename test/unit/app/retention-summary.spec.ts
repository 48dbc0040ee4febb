import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { retentionSummary, weekStartOf } from '../../../src/app/retention-summary';
import { type SourceDefinition, isLogDefinition, readSourcesFile } from '../../../src/config/sources-file';
import { shipped } from '../../../src/config/paths';
import { generateDemoSources } from '../../../src/demo/demo-sources';
import type { AuditEntry } from '../../../src/domain/audit/audit-entry';
import type { PrivacyRequest } from '../../../src/domain/requests/request';
import { parseLdifDirectory } from '../../../src/ports/directory/ldif-directory.adapter';
import { LogSource } from '../../../src/ports/sources/log-source.adapter';
import type { PersonalDataSource } from '../../../src/ports/sources/personal-data-source.port';
import { SqlSource } from '../../../src/ports/sources/sql-source.adapter';

describe('the week a summary covers', () => {
  it.each([
    ['2026-12-05T12:00:00Z', '2026-11-29T23:00:00.000Z'], // a Saturday: from Monday 00:00 in Berlin (CET)
    ['2026-11-30T00:30:00+01:00', '2026-11-29T23:00:00.000Z'], // Monday just after midnight
    ['2026-11-29T22:30:00Z', '2026-11-22T23:00:00.000Z'], // Sunday 23:30 in Berlin: still the week before
    ['2026-03-31T12:00:00Z', '2026-03-29T22:00:00.000Z'], // after the change to summer time (CEST)
    ['2026-03-29T12:00:00Z', '2026-03-22T23:00:00.000Z'], // the Sunday of the change: the week began in winter time
  ])('%s falls in the week from %s', (now, start) => {
    expect(weekStartOf(new Date(now), 'Europe/Berlin').toISOString()).toBe(start);
  });
});

describe('the retention summary', () => {
  const now = new Date('2026-12-05T10:00:00Z');
  const weekStart = weekStartOf(now, 'Europe/Berlin');
  let dir: string;
  let sources: PersonalDataSource[];
  let definitions: ReturnType<typeof readSourcesFile>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-desk-summary-'));
    const file = generateDemoSources(join(dir, 'demo'), parseLdifDirectory(readFileSync(shipped('data', 'demo', 'demo-org.ldif'))), now);
    definitions = readSourcesFile(file, {});
  });
  beforeEach(() => {
    sources = definitions.map((d) => (isLogDefinition(d) ? new LogSource({ ...d, limitBytes: 10_000 }, 'DE', () => now) : SqlSource.open(d, 'DE')));
  });
  afterEach(async () => {
    await Promise.all(sources.map((s) => s.close()));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const count = (file: string, query: string): number => {
    const db = new Database(join(dir, 'demo', file), { readonly: true });
    try {
      return (db.prepare(query).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  const purged = (target: string, at: string, deleted: number): AuditEntry => ({ seq: 0, at, actor: 'system', action: 'retention.purge', target, details: { deleted }, prevHash: '', hash: '' });
  const request = (status: PrivacyRequest['status'], receivedAt: string, dueDate: string, closedAt?: string): PrivacyRequest =>
    ({ status, receivedAt, dueDate, history: [{ at: receivedAt }, ...(closedAt ? [{ at: closedAt }] : [])] }) as unknown as PrivacyRequest;

  it('gives each category its policy and state, the week\'s requests, and what needs doing', async () => {
    const summary = await retentionSummary({
      now,
      weekStart,
      timeZone: 'Europe/Berlin',
      sources,
      policy: { journalDays: 365, chatDays: 30 },
      audit: [purged('source:journal', '2026-12-01T02:00:00Z', 120), purged('source:journal', '2026-11-28T02:00:00Z', 999), purged('source:chat', '2026-12-02T02:00:00Z', 7)],
      requests: [
        request('awaitingDecision', '2026-12-01T09:00:00Z', '2027-01-01'),
        request('approved', '2026-11-10T09:00:00Z', '2026-12-10'),
        request('inProgress', '2026-10-20T09:00:00Z', '2026-11-20'),
        request('completed', '2026-11-02T09:00:00Z', '2026-12-02', '2026-12-03T15:00:00Z'),
        request('completed', '2026-10-02T09:00:00Z', '2026-11-02', '2026-10-30T15:00:00Z'),
      ],
    });
    expect(summary.weekOf).toBe('2026-11-30');
    expect(summary.categories.map((c) => [c.category, c.policy])).toEqual([
      ['F', { kind: 'untilUserDeleted' }],
      ['H', { kind: 'days', days: 365 }],
      ['T', { kind: 'notPossible' }],
      ['C', { kind: 'days', days: 30 }],
      ['L', { kind: 'sizeLimited' }],
    ]);
    const journal = summary.categories.find((c) => c.category === 'H')?.sources[0];
    expect(journal).toMatchObject({
      source: 'journal',
      count: count('journal.sqlite', 'SELECT count(*) AS n FROM journal'),
      pastDue: count('journal.sqlite', "SELECT count(*) AS n FROM journal WHERE started_at < '2025-12-05T10:00:00.000Z'"),
      purgedThisWeek: 120,
      writable: true,
    });
    expect(summary.categories.find((c) => c.category === 'C')?.sources[0]).toMatchObject({ pastDue: count('chat.sqlite', "SELECT count(*) AS n FROM chat_messages WHERE sent_at < '2026-11-05T10:00:00.000Z'"), purgedThisWeek: 7 });
    const logs = summary.categories.find((c) => c.category === 'L')?.sources[0];
    expect(logs).toMatchObject({ source: 'logs', count: 4, limitBytes: 10_000 });
    expect(summary.requests).toEqual({ opened: 1, completed: 1, open: 3, dueWithin7Days: 1, overdue: 1 });
    expect(summary.needsAction.map((a) => a.kind)).toEqual(['purgeDue', 'tasksStandingRisk', 'purgeDue', 'logsOverLimit', 'overdueRequests']);
    expect(summary.needsAction[1]).toEqual({ kind: 'tasksStandingRisk', count: count('tasks.sqlite', 'SELECT count(*) AS n FROM tasks'), oldest: expect.any(Date) });
  });

  it('names whom to ask where a source may not be written, and a source that could not be asked', async () => {
    const readOnly = SqlSource.open({ ...(definitions[0] as SourceDefinition), writable: false, owner: 'telephony@example.com' }, 'DE');
    const broken = SqlSource.open({ ...(definitions[1] as SourceDefinition), table: 'no_such_table' }, 'DE');
    try {
      const summary = await retentionSummary({ now, weekStart, timeZone: 'Europe/Berlin', sources: [readOnly, broken], policy: { journalDays: 365, chatDays: 30 }, audit: [], requests: [] });
      expect(summary.needsAction).toEqual([
        { kind: 'askOwner', source: 'journal', category: 'H', count: expect.any(Number), owner: 'telephony@example.com' },
        { kind: 'sourceFailed', source: 'chat', reason: expect.stringContaining('no_such_table') },
      ]);
      expect(summary.requests).toEqual({ opened: 0, completed: 0, open: 0, dueWithin7Days: 0, overdue: 0 });
    } finally {
      await readOnly.close();
      await broken.close();
    }
  });

  it('reports the favourites of users who no longer exist as orphans, with whom to ask', async () => {
    const directory = parseLdifDirectory(readFileSync(shipped('data', 'demo', 'demo-org.ldif')));
    const known = new Set(directory.people.flatMap((p) => [p.id, p.mail ?? ''].map((k) => k.toLowerCase())));
    const summary = await retentionSummary({ now, weekStart, timeZone: 'Europe/Berlin', sources, policy: { journalDays: 365, chatDays: 30 }, audit: [], requests: [], isUser: (user) => known.has(user) });
    const favourites = summary.categories.find((c) => c.category === 'F')?.sources.find((s) => s.source === 'favourites');
    const orphans = count('favourites.sqlite', "SELECT count(*) AS n FROM favourites WHERE user_sip IN ('sip:tom.departed@example.com', 'sip:lena.left@example.com')");
    expect(orphans).toBeGreaterThan(0);
    expect(favourites).toMatchObject({ orphans, orphanUsers: 2, owner: 'uc-admins@example.com' });
    expect(summary.needsAction).toContainEqual({ kind: 'orphans', source: 'favourites', count: orphans, users: 2, owner: 'uc-admins@example.com' });
    // Without the directory at hand nobody is called an orphan.
    const unknown = await retentionSummary({ now, weekStart, timeZone: 'Europe/Berlin', sources, policy: { journalDays: 365, chatDays: 30 }, audit: [], requests: [] });
    expect(unknown.needsAction.map((a) => a.kind)).not.toContain('orphans');
  });
});
