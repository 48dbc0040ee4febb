import { DirectorySync } from '../../../src/app/directory-sync';
import type { DirectoryData } from '../../../src/domain/directory/person';
import { PrivacyDesk } from '../../../src/app/privacy-desk';
import { compileMatrix } from '../../../src/domain/matrix/matrix';
import { DirectoryError } from '../../../src/ports/directory/directory.errors';
import type { DirectoryPort } from '../../../src/ports/directory/directory.port';
import { silentLogger } from '../../../src/ports/logger/logger.port';
import { searchByName, matchesKey } from '../../../src/ports/directory/person-lookup';
import { openStores } from '../../../src/ports/store/sql/stores';
import matrixFile from '../../../data/permission-matrix.json';
import { directory, person, policy } from '../../support/org-builder';

/** A directory whose content and failures the test controls. */
class ScriptedDirectory implements DirectoryPort {
  readonly description = 'scripted';
  reads = 0;
  failWith?: DirectoryError;
  constructor(public data: DirectoryData) {}
  async read(): Promise<DirectoryData> {
    this.reads++;
    await new Promise((r) => setImmediate(r));
    if (this.failWith) throw this.failWith;
    return this.data;
  }
  async findPerson(key: { mail?: string }) {
    return this.data.people.find((p) => matchesKey(p, key));
  }
  async searchPeople(query: string, limit: number) {
    return searchByName(this.data.people, query, limit);
  }
  async updatePerson(): Promise<never> {
    throw new DirectoryError('DIRECTORY.READ_ONLY', 'read-only');
  }
  async close(): Promise<void> {}
}

describe('DirectorySync', () => {
  let now = new Date('2026-11-26T10:00:00Z');
  const clock = { now: () => now };
  const ann = person('ann@example.com', 'Ann');
  const ben = person('ben@example.com', 'Ben');

  const setUp = async () => {
    const source = new ScriptedDirectory(directory([ann]));
    const store = (await openStores({ kind: 'sqlite', file: ':memory:' })).grants;
    const desk = new PrivacyDesk(compileMatrix(matrixFile), store, clock, source.data, policy({ global: 'public' }), []);
    const sync = new DirectorySync(source, desk, clock, silentLogger, { intervalMs: 60_000, newcomerRefreshMs: 60_000, newcomerWaitMs: 1_000 });
    return { source, store, desk, sync };
  };

  it('replaces the snapshot on a successful refresh', async () => {
    const { source, desk, sync, store } = await setUp();
    source.data = directory([ann, ben]);
    now = new Date('2026-11-26T10:15:00Z');
    await expect(sync.refresh()).resolves.toBe(true);
    expect(desk.directory.size).toBe(2);
    expect(sync.health()).toEqual({ status: 'ok', source: 'scripted', people: 2, groups: 0, lastSuccess: '2026-11-26T10:15:00.000Z' });
    await store.close();
  });

  it('keeps serving the last good snapshot when a refresh fails, reports degraded, and recovers', async () => {
    const { source, desk, sync, store } = await setUp();
    const lastGood = sync.health().lastSuccess;
    source.failWith = new DirectoryError('DIRECTORY.UNREACHABLE', 'down');
    now = new Date('2026-11-26T10:30:00Z');
    await expect(sync.refresh()).resolves.toBe(false);
    expect(desk.directory.size).toBe(1);
    expect(sync.health()).toMatchObject({ status: 'degraded', lastSuccess: lastGood, lastError: { code: 'DIRECTORY.UNREACHABLE', at: '2026-11-26T10:30:00.000Z' } });
    source.failWith = undefined;
    await sync.refresh();
    expect(sync.health().status).toBe('ok');
    await store.close();
  });

  it('runs one read at a time however often it is asked', async () => {
    const { source, sync, store } = await setUp();
    await Promise.all([sync.refresh(), sync.refresh(), sync.refresh()]);
    expect(source.reads).toBe(1);
    await store.close();
  });

  it('brings in a newcomer the directory knows, and refreshes for newcomers at most once a minute', async () => {
    const { source, desk, sync, store } = await setUp();
    source.data = directory([ann, ben]);
    const index = await sync.identifyNewcomer({ mail: 'ben@example.com' });
    expect(index).toBe(desk.directory.indexOf('ben@example.com'));
    expect(source.reads).toBe(1);
    await expect(sync.identifyNewcomer({ mail: 'nobody@example.com' })).resolves.toBeUndefined();
    source.data = directory([ann, ben, person('cy@example.com', 'Cy')]);
    await expect(sync.identifyNewcomer({ mail: 'cy@example.com' })).resolves.toBeUndefined();
    expect(source.reads).toBe(1);
    now = new Date(now.getTime() + 61_000);
    await expect(sync.identifyNewcomer({ mail: 'cy@example.com' })).resolves.toBeDefined();
    await store.close();
  });

  it('refreshes on its interval through the timers it is given, and stops', async () => {
    const { source, sync, store } = await setUp();
    let tick: (() => void) | undefined;
    const timers = { setInterval: (callback: () => void) => ((tick = callback), { unref: () => undefined }), clearInterval: () => (tick = undefined) };
    const timed = new DirectorySync(source, (sync as unknown as { desk: PrivacyDesk }).desk, clock, silentLogger, { intervalMs: 1_000, timers });
    timed.start();
    tick?.();
    await timed.refresh();
    expect(source.reads).toBe(1);
    timed.stop();
    expect(tick).toBeUndefined();
    await store.close();
  });
});
