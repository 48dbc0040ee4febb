import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PurgeRun } from '../../../src/app/retention';
import { RetentionScheduler } from '../../../src/app/retention-scheduler';
import type { RetentionSummary } from '../../../src/app/retention-summary';
import { cronProblem, cronSchedule } from '../../../src/app/schedule';
import { loadConfig } from '../../../src/config/config';
import type { AdminNotice } from '../../../src/ports/notifier/notifier.port';
import { type Stores, openStores } from '../../../src/ports/store/sql/stores';
import { recordingLogger } from '../../support/recording-logger';

const BERLIN = 'Europe/Berlin';

describe('cron schedules in the organisation’s time zone', () => {
  const mondays = cronSchedule('0 8 * * 1', BERLIN);

  it.each([
    // Winter (CET, UTC+1) and summer (CEST, UTC+2): 08:00 local either way.
    ['2026-12-09T12:00:00Z', '2026-12-07T07:00:00.000Z', '2026-12-14T07:00:00.000Z'],
    ['2026-07-08T12:00:00Z', '2026-07-06T06:00:00.000Z', '2026-07-13T06:00:00.000Z'],
    // Across the change to summer time (Sunday 29 March 2026): the Monday before is CET, the one after CEST.
    ['2026-03-29T12:00:00Z', '2026-03-23T07:00:00.000Z', '2026-03-30T06:00:00.000Z'],
    // Across the change back (Sunday 25 October 2026).
    ['2026-10-25T12:00:00Z', '2026-10-19T06:00:00.000Z', '2026-10-26T07:00:00.000Z'],
    // Exactly at the moment due: that moment counts as the last one; a millisecond before, the week before.
    ['2026-03-30T06:00:00.000Z', '2026-03-30T06:00:00.000Z', '2026-04-06T06:00:00.000Z'],
    ['2026-03-30T05:59:59.999Z', '2026-03-23T07:00:00.000Z', '2026-03-30T06:00:00.000Z'],
  ])('at %s the last Monday 08:00 was %s, the next is %s', (at, previous, next) => {
    expect(mondays.previous(new Date(at)).toISOString()).toBe(previous);
    expect(mondays.next(new Date(at)).toISOString()).toBe(next);
  });

  it('reads the same expression in another zone as that zone’s local time', () => {
    expect(cronSchedule('0 8 * * 1', 'America/New_York').previous(new Date('2026-12-09T12:00:00Z')).toISOString()).toBe('2026-12-07T13:00:00.000Z');
  });

  it('skips a local time that does not exist on the day clocks go forward, as cron does', () => {
    const nightly = cronSchedule('30 2 * * *', BERLIN);
    expect(nightly.previous(new Date('2026-03-29T10:00:00Z')).toISOString()).toBe('2026-03-28T01:30:00.000Z');
    expect(nightly.next(new Date('2026-03-29T10:00:00Z')).toISOString()).toBe('2026-03-30T00:30:00.000Z');
  });

  it('refuses what is no five-field cron expression, saying why', () => {
    expect(cronProblem('0 8 * * 1')).toBeUndefined();
    expect(cronProblem('every monday')).toMatch(/five fields/);
    expect(cronProblem('0 8 * * 1 2026')).toMatch(/five fields/);
    expect(cronProblem('61 8 * * 1')).toMatch(/61/);
    expect(() => cronSchedule('61 8 * * 1', BERLIN)).toThrow(/61/);
  });

  it('is configured by RETENTION_SUMMARY_CRON and RETENTION_PURGE_CRON, either switched off with "off", a bad one refused by name', () => {
    expect(loadConfig({}).schedules).toEqual({ summary: '0 8 * * 1', purge: '30 2 * * *', checkSeconds: 60 });
    expect(loadConfig({ RETENTION_SUMMARY_CRON: 'off', RETENTION_PURGE_CRON: ' 0 3 * * 0 ' }).schedules).toEqual({ purge: '0 3 * * 0', checkSeconds: 60 });
    expect(() => loadConfig({ RETENTION_SUMMARY_CRON: 'mondays at 8' })).toThrow(/RETENTION_SUMMARY_CRON.*expected a cron expression such as "0 8 \* \* 1" or "off"/);
    expect(() => loadConfig({ RETENTION_PURGE_CRON: '99 2 * * *' })).toThrow(/RETENTION_PURGE_CRON/);
  });
});

/** How the administrators' channel answers a post. */
type Channel = 'reach' | 'none' | 'throw';

describe('RetentionScheduler', () => {
  let now: Date;
  const clock = { now: () => now };
  const at = (iso: string): void => {
    now = new Date(iso);
  };
  let dir: string;
  let opened: Stores[];
  let posted: AdminNotice[];
  let channel: Channel;
  let purges: Date[];
  let purgeFails: boolean;
  let purgeSourceFails: boolean;
  let summaries: number;
  let instances = 0;
  const logger = recordingLogger();

  const summary = async (): Promise<RetentionSummary> => (summaries++, {
    at: now,
    weekStart: now,
    weekOf: now.toISOString().slice(0, 10),
    categories: [],
    requests: { opened: 0, completed: 0, open: 0, dueWithin7Days: 0, overdue: 0 },
    needsAction: [],
    history: [],
  });

  /** A scheduler as one process runs it (a restart or a second instance is another call), on one database file. */
  async function instance(jobs: { summary?: boolean; purge?: boolean } = { summary: true }): Promise<RetentionScheduler> {
    const stores = await openStores({ kind: 'sqlite', file: join(dir, 'db.sqlite') });
    opened.push(stores);
    return new RetentionScheduler({
      desk: {
        summary,
        purge: async (): Promise<PurgeRun> => {
          purges.push(now);
          if (purgeFails) throw new Error('database gone');
          return { at: now, dryRun: false, results: [], failed: purgeSourceFails ? [{ source: 'journal', category: 'H', reason: 'locked' }] : [] };
        },
      },
      notifier: {
        hasAdminChannel: async () => channel !== 'none',
        toAdminChannel: async (notice) => {
          if (channel === 'throw') throw new Error('connector down');
          if (channel === 'none') return false;
          posted.push(notice);
          return true;
        },
      },
      claims: stores.claims,
      audit: stores.audit,
      clock,
      logger,
      instance: `instance-${++instances}`,
      ...(jobs.summary ? { summary: cronSchedule('0 8 * * 1', BERLIN) } : {}),
      ...(jobs.purge ? { purge: cronSchedule('30 2 * * *', BERLIN) } : {}),
    });
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-desk-retention-schedule-'));
    opened = [];
    posted = [];
    purges = [];
    channel = 'reach';
    purgeFails = false;
    purgeSourceFails = false;
    summaries = 0;
    logger.lines.length = 0;
  });
  afterEach(async () => {
    for (const stores of opened) await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const lateOf = (notice: AdminNotice | undefined): string | undefined => (notice?.kind === 'retentionSummary' ? notice.late?.due.toISOString() : 'not a summary');

  it('posts the summary once when it falls due — not again on the next round, after a restart, or from another instance', async () => {
    const first = await instance();
    at('2026-11-30T07:00:20Z');
    expect(await first.tick()).toEqual([{ job: 'summary', due: new Date('2026-11-30T07:00:00Z'), late: false }]);
    expect(posted).toHaveLength(1);
    expect(lateOf(posted[0])).toBeUndefined();
    at('2026-11-30T07:01:20Z');
    expect(await first.tick()).toEqual([]);
    expect(await (await instance()).tick()).toEqual([]);
    expect(posted).toHaveLength(1);
    // The next Monday: the next one.
    at('2026-12-07T07:00:05Z');
    expect(await first.tick()).toHaveLength(1);
    expect(posted).toHaveLength(2);
    const trail = await opened[0]?.audit.entries({ targetPrefix: 'channel:admin' });
    expect(trail?.map((e) => [e.action, e.actor, e.details.late])).toEqual([
      ['retention.summary.posted', 'schedule', false],
      ['retention.summary.posted', 'schedule', false],
    ]);
  });

  it('lets one of two instances due at the same moment post, never both', async () => {
    const [a, b] = [await instance(), await instance()];
    at('2026-11-30T07:00:01Z');
    const [ranA, ranB] = await Promise.all([a.tick(), b.tick()]);
    expect(ranA.length + ranB.length).toBe(1);
    expect(posted).toHaveLength(1);
  });

  it('sends a week missed while the bot was down when it is back, marked late; of several missed, only the last', async () => {
    at('2026-11-30T07:00:00Z');
    await (await instance()).tick();
    // Down from Sunday to Wednesday: Monday 7 December was missed.
    at('2026-12-09T10:00:00Z');
    expect(await (await instance()).tick()).toEqual([{ job: 'summary', due: new Date('2026-12-07T07:00:00Z'), late: true }]);
    expect(lateOf(posted[1])).toBe('2026-12-07T07:00:00.000Z');
    // Down for three weeks: one summary, of the week that is.
    at('2027-01-06T09:00:00Z');
    expect(await (await instance()).tick()).toEqual([{ job: 'summary', due: new Date('2027-01-04T07:00:00Z'), late: true }]);
    expect(posted).toHaveLength(3);
  });

  it('tries again every round while the summary reaches nobody (no channel yet, a failed post), warning once', async () => {
    const scheduler = await instance();
    channel = 'none';
    at('2026-11-30T07:00:10Z');
    expect(await scheduler.tick()).toEqual([]);
    at('2026-11-30T07:01:10Z');
    expect(await scheduler.tick()).toEqual([]);
    channel = 'throw';
    at('2026-11-30T07:02:10Z');
    expect(await scheduler.tick()).toEqual([]);
    expect(logger.lines.filter((l) => l.message.includes('reached nobody'))).toHaveLength(1);
    // While there is no channel the summary is not even built (it asks every source); with a failing one it is.
    expect(summaries).toBe(1);
    // An administrator chose the channel at 10:00: the summary goes there, late.
    channel = 'reach';
    at('2026-11-30T09:00:00Z');
    expect(await scheduler.tick()).toEqual([{ job: 'summary', due: new Date('2026-11-30T07:00:00Z'), late: true }]);
    expect(posted).toHaveLength(1);
  });

  it('runs the scheduled purge once per due time, and again next round when it failed', async () => {
    const scheduler = await instance({ purge: true });
    at('2026-12-05T01:30:30Z');
    purgeFails = true;
    expect(await scheduler.tick()).toEqual([]);
    purgeFails = false;
    at('2026-12-05T01:31:30Z');
    expect(await scheduler.tick()).toEqual([{ job: 'purge', due: new Date('2026-12-05T01:30:00Z'), late: false }]);
    expect(await (await instance({ purge: true })).tick()).toEqual([]);
    expect(purges).toHaveLength(2);
    expect(posted).toEqual([]);
  });

  it('leaves a purge missed while the bot was down to the next due time, and reports one that could not purge a source', async () => {
    const scheduler = await instance({ purge: true });
    // Back at 09:00: the 02:30 purge is not made up in the day.
    at('2026-12-05T08:00:00Z');
    expect(await scheduler.tick()).toEqual([]);
    expect(purges).toEqual([]);
    expect(logger.lines.some((l) => l.message.includes('left to the next due time'))).toBe(true);
    // The next night: one source is locked — done for tonight, and the administrators are told.
    purgeSourceFails = true;
    at('2026-12-06T01:30:10Z');
    expect(await scheduler.tick()).toEqual([{ job: 'purge', due: new Date('2026-12-06T01:30:00Z'), late: false }]);
    expect(posted).toEqual([expect.objectContaining({ kind: 'purgeFinished', by: 'schedule' })]);
  });

  it('takes over a purge whose instance died half-way once that instance counts as gone', async () => {
    const dying = await instance({ purge: true });
    at('2026-12-05T01:30:30Z');
    // The claim is taken, the process dies before confirming it (no release: it is gone).
    const stores = opened[0] as Stores;
    await expect(stores.claims.claim({ subject: 'retention', mark: 'purge', round: '2026-12-05T01:30:00.000Z' }, now, 'instance-dead')).resolves.toBe(true);
    const survivor = await instance({ purge: true });
    expect(await survivor.tick()).toEqual([]);
    // A minute and more without a heartbeat: the claim is free.
    at('2026-12-05T01:32:00Z');
    expect(await survivor.tick()).toEqual([{ job: 'purge', due: new Date('2026-12-05T01:30:00Z'), late: false }]);
    expect(await dying.tick()).toEqual([]);
    expect(purges).toHaveLength(1);
  });

  it('says when each job is next due (for /healthz)', async () => {
    const scheduler = await instance({ summary: true, purge: true });
    at('2026-12-05T12:00:00Z');
    expect(scheduler.nextRuns()).toEqual({ summary: '2026-12-07T07:00:00.000Z', purge: '2026-12-06T01:30:00.000Z' });
  });
});
