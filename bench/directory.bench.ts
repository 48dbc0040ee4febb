/**
 * Directory benchmark (`npm run bench:directory`): generates an LDIF of people and nested groups
 * (the organisation of `bench:lookup`, as inetOrgPerson and groupOfNames entries), loads it into a
 * real OpenLDAP slapd that the benchmark starts itself (own temporary folder, own free port,
 * `slapadd -q` offline), and measures the LDAP adapter:
 *
 * - full sync: `LdapDirectory.read()` of the whole directory, with the peak resident memory of
 *   this process sampled every 50 ms;
 * - `new DirectoryIndex(data)`;
 * - incremental refresh: after changing the mobile number of some people and deleting others
 *   (ldapts `modify`/`del` as the directory's administrator), the next `read()` of the same adapter
 *   — while the first snapshot and its index stay alive, as they keep serving in production. Whether
 *   that read was incremental is the adapter's own word (`lastReadWasIncremental`) where it gives
 *   one, else judged from the traffic; both are reported with the evidence: the bytes this process
 *   received from slapd (counted on the client sockets) and the entries slapd sent per filter (its
 *   `stats` log).
 *
 * Prints one JSON object to stdout; progress goes to stderr. Sizes default to the (100,000
 * people, 5,000 groups four deep). Smaller runs: `--people 10000 --groups 500`, or environment
 * variables `DIRECTORY_BENCH_PEOPLE=10000 …`. Options: people, groups, page-size,
 * compare-page-size (0: no comparison read), changes, deletes, timeout-ms, past-timestamps
 * (1, the default: entries carry two years of create/modify history; 0: slapadd stamps them all
 * with the time of the load, as after a bulk import), seed.
 *
 * Needs Debian's slapd (`apt-get install slapd`); slapd is stopped and the temporary folder
 * removed at the end, also when the benchmark fails or is interrupted.
 */
import { freePort } from './free-port';
import { readNumericOptions } from './bench-options';
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type Socket, connect } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Attribute, Change, Client } from 'ldapts';
import { DirectoryIndex } from '../src/domain/directory/directory-index';
import type { DirectoryData } from '../src/domain/directory/person';
import { LdapDirectory, type LdapDirectoryOptions } from '../src/ports/directory/ldap/ldap-directory.adapter';
import { INET_ORG_PERSON_PROFILE } from '../src/ports/directory/ldap/ldap-profile';
import { mulberry32 } from './generate-organisation';
import { LDIF_SUFFIX, type LdifSummary } from './generate-ldif';

const TARGETS = { fullSyncMs: 60_000, rssMb: 1024 } as const;
/**
 * The faster of 500 and 1,000 on this 2-core machine with the adapter as it stands: within noise of
 * each other, 1,000 ahead in most alternating runs (the run's `fullSync.comparison` reads with the other).
 */
const DEFAULT_PAGE_SIZE = 1000;
const SAMPLE_MS = 50;
const SLAPD = '/usr/sbin/slapd';
const SLAPADD = '/usr/sbin/slapadd';
/** Group levels of the generated organisation (5 → 45 → 450 → 4,500). */
const DEPTH = 4;
/** Without the adapter's own flag, a refresh counts as incremental if it received less than this share of a full read's bytes. */
const INCREMENTAL_SHARE = 0.5;

interface Options {
  people: number;
  groups: number;
  pageSize: number;
  comparePageSize: number;
  changes: number;
  deletes: number;
  timeoutMs: number;
  /** 1: entries carry two years of past timestamps; 0: slapadd stamps them all at load time. */
  pastTimestamps: number;
  seed: number;
}

const OPTION_KEYS: Record<string, keyof Options> = {
  people: 'people',
  groups: 'groups',
  'page-size': 'pageSize',
  'compare-page-size': 'comparePageSize',
  changes: 'changes',
  deletes: 'deletes',
  'timeout-ms': 'timeoutMs',
  'past-timestamps': 'pastTimestamps',
  seed: 'seed',
};

function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): Options {
  const options: Options = {
    people: 100_000,
    groups: 5_000,
    pageSize: DEFAULT_PAGE_SIZE,
    comparePageSize: -1,
    changes: 100,
    deletes: 10,
    timeoutMs: 120_000,
    pastTimestamps: 1,
    seed: 20240607,
  };
  readNumericOptions(options, OPTION_KEYS, argv, env, 'DIRECTORY_BENCH');
  if (options.people < 2 + options.changes + options.deletes) throw new Error('--people must exceed --changes + --deletes + 1');
  if (options.groups < DEPTH) throw new Error(`--groups must be at least ${DEPTH} (four levels)`);
  if (options.pageSize < 1) throw new Error('--page-size must be at least 1');
  // By default the other of the two page sizes the note compares.
  if (options.comparePageSize < 0) options.comparePageSize = options.pageSize === 500 ? 1000 : 500;
  return options;
}

const progress = (message: string): void => {
  process.stderr.write(`[bench:directory] ${message}\n`);
};

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
const ms = (nanoseconds: bigint): number => Math.round(Number(nanoseconds) / 1e5) / 10;
const collectGarbage = (): void => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
};

/** Times an asynchronous step in milliseconds (0.1 ms). */
async function timed<T>(step: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const started = process.hrtime.bigint();
  const value = await step();
  return { value, ms: ms(process.hrtime.bigint() - started) };
}

/**
 * Resident memory of this process, sampled every 50 ms, with the peak per phase. Synchronous
 * stretches longer than a sample (an index build) are covered by the kernel's high-water mark,
 * read at each phase end.
 */
class RssSampler {
  private readonly timer: NodeJS.Timeout;
  private current = 'start';
  private readonly peaks = new Map<string, number>();
  samples = 0;

  constructor() {
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    this.timer.unref();
  }

  sample(): number {
    const rss = process.memoryUsage.rss();
    this.samples++;
    if (rss > (this.peaks.get(this.current) ?? 0)) this.peaks.set(this.current, rss);
    return rss;
  }

  /** Ends the current phase (one last sample) and starts the next. */
  phase(name: string): void {
    this.sample();
    this.current = name;
    this.sample();
  }

  peakMb(phase: string): number {
    return mb(this.peaks.get(phase) ?? 0);
  }

  peakOverMb(phases: readonly string[]): number {
    return Math.max(...phases.map((p) => this.peakMb(p)));
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }
}

/** Bytes this process received on TCP client sockets (ldapts' connections to slapd among them). */
class Traffic {
  private readonly open = new Set<Socket>();
  private closed = 0;

  constructor() {
    subscribe('net.client.socket', (message) => {
      const socket = (message as { socket: Socket }).socket;
      this.open.add(socket);
      socket.once('close', () => {
        this.closed += socket.bytesRead;
        this.open.delete(socket);
      });
    });
  }

  get bytesRead(): number {
    let total = this.closed;
    for (const socket of this.open) total += socket.bytesRead;
    return total;
  }
}

interface QueryTraffic {
  filter: string;
  /** `dn only` (1.1), or how many attributes were asked for. */
  attributes: string;
  /** Search operations: one per page. */
  searches: number;
  entries: number;
}

/** What slapd sent, per filter and attribute list, in a window of time. */
interface ServerTraffic {
  searches: number;
  entriesSent: number;
  /** Entries sent with attributes (not `1.1`, DN only). */
  entriesWithAttributes: number;
  queries: QueryTraffic[];
}

/**
 * What slapd's `stats` log (one line per operation, not per entry) says it did: search operations
 * and the entries each sent, grouped by filter and attribute list.
 */
class SlapdStats {
  private readonly pending = new Map<string, { filter: string; attributes: string }>();
  private window = new Map<string, QueryTraffic>();
  private lastLineAt = 0;

  read(line: string): void {
    this.lastLineAt = Date.now();
    const op = / (conn=\d+ op=\d+) /.exec(line)?.[1];
    if (!op) return;
    const search = / SRCH base=.* filter="(.*)"\s*$/.exec(line);
    if (search) {
      this.pending.set(op, { filter: search[1] as string, attributes: 'all' });
      return;
    }
    const attributes = / SRCH attr=(.*)$/.exec(line);
    const query = this.pending.get(op);
    if (attributes && query) {
      const list = (attributes[1] as string).trim().split(/\s+/);
      query.attributes = list.length === 1 && list[0] === '1.1' ? 'dn only' : `${list.length} attributes`;
      return;
    }
    const result = / SEARCH RESULT .*nentries=(\d+)/.exec(line);
    if (result && query) {
      this.pending.delete(op);
      const key = `${query.filter}\u0000${query.attributes}`;
      const traffic = this.window.get(key) ?? { ...query, searches: 0, entries: 0 };
      traffic.searches++;
      traffic.entries += Number(result[1]);
      this.window.set(key, traffic);
    }
  }

  /** Starts a window. */
  begin(): void {
    this.window = new Map();
  }

  /** Ends the window once slapd's log has caught up (every search answered, 100 ms of quiet). */
  async end(): Promise<ServerTraffic> {
    const deadline = Date.now() + 5_000;
    while ((this.pending.size > 0 || Date.now() - this.lastLineAt < 100) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const queries = [...this.window.values()];
    this.window = new Map();
    return {
      searches: queries.reduce((sum, q) => sum + q.searches, 0),
      entriesSent: queries.reduce((sum, q) => sum + q.entries, 0),
      entriesWithAttributes: queries.reduce((sum, q) => sum + (q.attributes === 'dn only' ? 0 : q.entries), 0),
      queries,
    };
  }
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`slapd exited with code ${child.exitCode} before listening`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`slapd does not listen on port ${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Child processes still running (the LDIF generator, slapadd), killed if the benchmark is interrupted. */
const running = new Set<ChildProcess>();

function run(file: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      running.delete(child);
      if (error) reject(new Error(`${file} ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
    running.add(child);
  });
}

/**
 * A throw-away OpenLDAP server, as test/support/slapd.ts starts one for the integration tests
 * (dist/ must not depend on test/): own folder and config, back-mdb with room for the data, no
 * size limit, equality indexes for the adapter's filters, a read-only account for the bot, the
 * administrator for the changes. The syncprov overlay keeps entryCSN/contextCSN, as a directory
 * that serves incremental readers would.
 */
class BenchSlapd {
  readonly dir = mkdtempSync(join(tmpdir(), 'privacy-desk-bench-slapd-'));
  readonly rootDn = `cn=admin,${LDIF_SUFFIX}`;
  readonly rootPassword = 'bench-admin-secret';
  readonly readerDn = `cn=reader,${LDIF_SUFFIX}`;
  readonly readerPassword = 'bench-reader-secret';
  readonly stats = new SlapdStats();
  port = 0;
  private child?: ChildProcess;

  get url(): string {
    return `ldap://127.0.0.1:${this.port}`;
  }

  get ldifFile(): string {
    return join(this.dir, 'organisation.ldif');
  }

  private get config(): string {
    return join(this.dir, 'slapd.conf');
  }

  writeConfig(): void {
    mkdirSync(join(this.dir, 'db'));
    writeFileSync(
      this.config,
      [
        'include /etc/ldap/schema/core.schema',
        'include /etc/ldap/schema/cosine.schema',
        'include /etc/ldap/schema/inetorgperson.schema',
        `pidfile ${join(this.dir, 'slapd.pid')}`,
        `argsfile ${join(this.dir, 'slapd.args')}`,
        'modulepath /usr/lib/ldap',
        'moduleload back_mdb',
        'moduleload syncprov',
        'sizelimit unlimited',
        'database mdb',
        'maxsize 8589934592',
        `suffix "${LDIF_SUFFIX}"`,
        `rootdn "${this.rootDn}"`,
        `rootpw ${this.rootPassword}`,
        `directory ${join(this.dir, 'db')}`,
        'index objectClass eq',
        'index mail eq',
        'index entryCSN,entryUUID eq',
        'overlay syncprov',
        'access to attrs=userPassword by self write by anonymous auth by * none',
        `access to * by dn.exact="${this.readerDn}" read by * none`,
        '',
      ].join('\n'),
    );
  }

  /** The bot's read-only account, appended to the generated LDIF. */
  appendReader(): void {
    appendFileSync(
      this.ldifFile,
      `dn: ${this.readerDn}\nobjectClass: person\nobjectClass: simpleSecurityObject\ncn: reader\nsn: reader\nuserPassword: ${this.readerPassword}\n\n`,
    );
  }

  /** Loads the LDIF offline (`slapadd -q`: no consistency checks, as for a bulk load). */
  async load(): Promise<void> {
    await run(SLAPADD, ['-q', '-f', this.config, '-l', this.ldifFile]);
  }

  async start(): Promise<void> {
    this.port = await freePort();
    // `-d stats`: foreground, one log line per operation (not per entry) on stderr.
    const child = spawn(SLAPD, ['-f', this.config, '-h', `ldap://127.0.0.1:${this.port}/`, '-d', 'stats'], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    if (child.stderr) createInterface({ input: child.stderr }).on('line', (line) => this.stats.read(line));
    await waitForPort(this.port, child);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => (clearTimeout(force), resolve()));
      child.kill('SIGTERM');
    });
  }

  /** Synchronous last resort (process exit): kill slapd and any helper still running, remove the folder. */
  destroy(): void {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    this.child = undefined;
    for (const helper of running) helper.kill('SIGKILL');
    if (existsSync(this.dir)) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Runs the LDIF generator in a child process, so that its memory never counts as this process's. */
async function generateLdif(file: string, options: Options): Promise<LdifSummary> {
  const script = join(__dirname, 'generate-ldif.js');
  if (!existsSync(script)) throw new Error(`${script} is missing: run the compiled benchmark (npm run bench:directory)`);
  const stdout = await run(process.execPath, [
    script,
    ...['--out', file, '--people', String(options.people), '--groups', String(options.groups)],
    ...['--seed', String(options.seed), '--past-timestamps', String(options.pastTimestamps)],
  ]);
  return JSON.parse(stdout) as LdifSummary;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const loadAtStart = loadavg().map((l) => Math.round(l * 100) / 100);
  if (!existsSync(SLAPD) || !existsSync(SLAPADD)) throw new Error('needs OpenLDAP: apt-get install -y slapd');
  const traffic = new Traffic();
  const slapd = new BenchSlapd();
  const cleanUp = (): void => slapd.destroy();
  process.once('exit', cleanUp);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      progress(`${signal}: stopping slapd, removing ${slapd.dir}`);
      // Stop slapd and wait for it (so that it is reaped), then remove the folder.
      void slapd.stop().finally(() => {
        cleanUp();
        process.exit(code);
      });
    });
  }

  try {
    // --- LDIF and slapd ---------------------------------------------------------------------------
    progress(`generating LDIF: ${options.people} people, ${options.groups} groups (seed ${options.seed}) in ${slapd.dir}`);
    const ldif = await timed(() => generateLdif(slapd.ldifFile, options));
    slapd.appendReader();
    progress(`LDIF: ${mb(ldif.value.bytes)} MB, ${ldif.value.memberValues} member values, ${ldif.value.base64Values} base64 values in ${ldif.ms} ms; slapadd -q`);
    slapd.writeConfig();
    const slapadd = await timed(() => slapd.load());
    progress(`slapadd in ${slapadd.ms} ms; starting slapd`);
    await slapd.start();
    progress(`slapd on ${slapd.url}`);

    const adapterOptions = (pageSize: number): LdapDirectoryOptions => ({
      url: slapd.url,
      baseDn: LDIF_SUFFIX,
      bind: { dn: slapd.readerDn, password: slapd.readerPassword },
      profile: INET_ORG_PERSON_PROFILE,
      startTls: false,
      timeoutMs: options.timeoutMs,
      pageSize,
    });
    const measured = await measure(slapd, traffic, options, adapterOptions);

    // --- the other page size, for the record: a new adapter, the snapshots above unreachable ---------
    let comparison: { pageSize: number; ms: number; people: number; groups: number; peakRssMb: number } | undefined;
    if (options.comparePageSize > 0) {
      collectGarbage();
      const rss = new RssSampler();
      rss.phase('comparison');
      progress(`comparison: a full read() with page size ${options.comparePageSize} (new adapter)`);
      const other = await timed(() => new LdapDirectory(adapterOptions(options.comparePageSize)).read());
      rss.stop();
      comparison = { pageSize: options.comparePageSize, ms: other.ms, people: other.value.people.length, groups: other.value.groups.length, peakRssMb: rss.peakMb('comparison') };
      progress(`comparison read in ${other.ms} ms`);
    }

    const { fullSync, incrementalRefresh, memory } = measured;
    const result = {
      benchmark: 'directory',
      sizes: { people: ldif.value.people, groups: ldif.value.groups, depth: DEPTH, groupLevels: ldif.value.groupLevels, memberValues: ldif.value.memberValues },
      ldifBytes: ldif.value.bytes,
      ldifGenerateMs: ldif.ms,
      slapaddMs: slapadd.ms,
      fullSync: { ...fullSync, ...(comparison ? { comparison } : {}) },
      indexBuildMs: measured.indexBuildMs,
      incrementalRefresh,
      memory: { ...memory, ldifGeneratorRssMb: ldif.value.peakRssMb },
      targets: TARGETS,
      pass: {
        fullSync: fullSync.ms < TARGETS.fullSyncMs,
        rss: Math.max(memory.peakRssMb, memory.maxRssMb) < TARGETS.rssMb,
        refreshVerified: incrementalRefresh.verified,
      },
      environment: {
        node: process.version,
        slapd: slapdVersion(),
        cpus: cpus().length,
        // Other work on the machine skews the timings: the load at the start and at the end.
        loadAverage: { atStart: loadAtStart, atEnd: loadavg().map((l) => Math.round(l * 100) / 100) },
        seed: options.seed,
        pastTimestamps: options.pastTimestamps === 1,
      },
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await slapd.stop();
    slapd.destroy();
    process.removeListener('exit', cleanUp);
  }
}

/**
 * Full sync, index build, changes and refresh with one adapter. Returns numbers only, so that
 * nothing of the snapshots stays reachable once it returns.
 */
async function measure(slapd: BenchSlapd, traffic: Traffic, options: Options, adapterOptions: (pageSize: number) => LdapDirectoryOptions) {
  const directory = new LdapDirectory(adapterOptions(options.pageSize));

  // --- full sync ------------------------------------------------------------------------------
  collectGarbage();
  const rss = new RssSampler();
  const rssBeforeSync = rss.sample();
  rss.phase('fullSync');
  let bytesBefore = traffic.bytesRead;
  slapd.stats.begin();
  progress(`full sync: read() with page size ${options.pageSize}`);
  const full = await timed(() => directory.read());
  rss.phase('afterFullSync');
  const fullBytes = traffic.bytesRead - bytesBefore;
  const fullServer = await slapd.stats.end();
  const data: DirectoryData = full.value;
  const heapAfterSync = process.memoryUsage().heapUsed;
  collectGarbage();
  const heapLiveAfterSync = process.memoryUsage().heapUsed;
  progress(
    `full sync in ${full.ms} ms: ${data.people.length} people, ${data.groups.length} groups; ${mb(fullBytes)} MB received, ${fullServer.entriesSent} entries in ${fullServer.searches} searches; ` +
      `peak rss ${rss.peakMb('fullSync')} MB, heap ${mb(heapAfterSync)} MB (${mb(heapLiveAfterSync)} MB live)`,
  );
  if (data.people.length !== options.people || data.groups.length !== options.groups) {
    throw new Error(`full sync read ${data.people.length} people and ${data.groups.length} groups, expected ${options.people} and ${options.groups}`);
  }

  // --- index ----------------------------------------------------------------------------------
  rss.phase('indexBuild');
  const build = await timed(() => new DirectoryIndex(data));
  rss.phase('afterIndexBuild');
  const index = build.value;
  const membersOfRoot = index.membersOf(0).length;
  progress(`DirectoryIndex in ${build.ms} ms (first root group: ${membersOfRoot} people transitively); peak rss ${rss.peakMb('indexBuild')} MB`);

  // --- changes --------------------------------------------------------------------------------
  const rng = mulberry32(options.seed ^ 0xd1ec7042);
  const picked = new Set<number>();
  while (picked.size < options.changes + options.deletes) picked.add(Math.floor(rng() * data.people.length));
  const order = [...picked];
  const changed = order.slice(0, options.changes).map((i) => ({ person: data.people[i] as DirectoryData['people'][number], mobile: `+49 160 ${String(10000000 + Math.floor(rng() * 90000000))}` }));
  const deleted = order.slice(options.changes).map((i) => data.people[i] as DirectoryData['people'][number]);
  progress(`changing ${changed.length} mobile numbers and deleting ${deleted.length} people as ${slapd.rootDn}`);
  const admin = new Client({ url: slapd.url, timeout: options.timeoutMs, strictDN: false });
  const writes = await timed(async () => {
    await admin.bind(slapd.rootDn, slapd.rootPassword);
    try {
      for (const { person, mobile } of changed) {
        await admin.modify(person.ref as string, new Change({ operation: 'replace', modification: new Attribute({ type: 'mobile', values: [mobile] }) }));
      }
      for (const person of deleted) await admin.del(person.ref as string);
    } finally {
      await admin.unbind().catch(() => undefined);
    }
  });

  // --- refresh, the first snapshot and its index still serving -------------------------------------
  rss.phase('refresh');
  bytesBefore = traffic.bytesRead;
  slapd.stats.begin();
  progress(`writes in ${writes.ms} ms; refresh: read() again`);
  const refresh = await timed(() => directory.read());
  rss.phase('afterRefresh');
  const refreshBytes = traffic.bytesRead - bytesBefore;
  const refreshServer = await slapd.stats.end();
  // The adapter's own word where it gives one (`lastReadWasIncremental`), else the traffic's.
  const flag = (directory as { lastReadWasIncremental?: unknown }).lastReadWasIncremental;
  const adapterSaysIncremental = typeof flag === 'boolean' ? flag : null;
  const incremental = adapterSaysIncremental ?? refreshBytes < fullBytes * INCREMENTAL_SHARE;
  const after = refresh.value;
  const byId = new Map(after.people.map((p) => [p.id, p]));
  const changesSeen = changed.filter(({ person, mobile }) => byId.get(person.id)?.attributes['F.13.3.1']?.[0] === mobile).length;
  const deletionsSeen = deleted.filter((person) => !byId.has(person.id)).length;
  const verified = changesSeen === changed.length && deletionsSeen === deleted.length && after.people.length === data.people.length - deleted.length && after.groups.length === data.groups.length;
  byId.clear();
  progress(
    `refresh in ${refresh.ms} ms (${incremental ? 'incremental' : 'a full read'}, adapter flag ${adapterSaysIncremental}) while the first snapshot of ${index.size} people served: ` +
      `${after.people.length} people, ${after.groups.length} groups; ${mb(refreshBytes)} MB received, ` +
      `${refreshServer.entriesSent} entries (${refreshServer.entriesWithAttributes} with attributes) in ${refreshServer.searches} searches; ${changesSeen}/${changed.length} changes and ${deletionsSeen}/${deleted.length} deletions seen; peak rss ${rss.peakMb('refresh')} MB`,
  );
  const peakRssMb = rss.peakOverMb(['fullSync', 'afterFullSync', 'indexBuild', 'afterIndexBuild', 'refresh', 'afterRefresh']);
  const maxRssMb = mb(process.resourceUsage().maxRSS * 1024);
  rss.stop();
  return {
    fullSync: { ms: full.ms, people: data.people.length, groups: data.groups.length, pageSize: options.pageSize, bytesReceived: fullBytes, server: fullServer },
    indexBuildMs: build.ms,
    incrementalRefresh: {
      ms: refresh.ms,
      changed: changed.length,
      deleted: deleted.length,
      incremental,
      adapterSaysIncremental,
      bytesReceived: refreshBytes,
      bytesShareOfFullSync: Math.round((refreshBytes / fullBytes) * 1000) / 1000,
      server: refreshServer,
      writesMs: writes.ms,
      people: after.people.length,
      groups: after.groups.length,
      changesSeen,
      deletionsSeen,
      verified,
    },
    memory: {
      peakRssMb,
      maxRssMb,
      rssBeforeSyncMb: mb(rssBeforeSync),
      peakRssFullSyncMb: rss.peakOverMb(['fullSync', 'afterFullSync']),
      peakRssIndexBuildMb: rss.peakOverMb(['indexBuild', 'afterIndexBuild']),
      peakRssRefreshMb: rss.peakOverMb(['refresh', 'afterRefresh']),
      heapAfterSyncMb: mb(heapAfterSync),
      heapLiveAfterSyncMb: mb(heapLiveAfterSync),
      sampleMs: SAMPLE_MS,
      samples: rss.samples,
    },
  };
}

function slapdVersion(): string {
  try {
    const banner = spawnSync(SLAPD, ['-VV'], { encoding: 'utf8' }).stderr;
    return /slapd [^ ]+/.exec(banner)?.[0] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:directory failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
