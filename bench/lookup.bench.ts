/**
 * Lookup benchmark (`npm run bench:lookup`): builds the directory and permission indexes for a
 * generated organisation and times `whoCanSee` and `whatCanSee`. Prints one JSON object to
 * stdout; progress goes to stderr.
 *
 * Sizes default to the issue's (100,000 people, 5,000 groups four deep, 1,000,000 user-tier
 * grants, 100,000 external contacts). Smaller runs: `--people 10000 --grants 100000 …` or
 * environment variables `LOOKUP_BENCH_PEOPLE=10000 …`. Options: people, groups, grants,
 * externals, domains, capped-domains, group-grants, calls, warmup, seed.
 */
import { readNumericOptions } from './bench-options';
import { DirectoryIndex } from '../src/domain/directory/directory-index';
import { PermissionIndex, type Viewer } from '../src/domain/grants/permission-index';
import { whoCanSee, type WhoCanSeeAnswer } from '../src/domain/lookup/who-can-see';
import { whatCanSee } from '../src/domain/lookup/what-can-see';
import { FIELD_IDS, type FieldId } from '../src/domain/matrix/fields';
import type { PermissionMatrix } from '../src/domain/matrix/matrix';
import { shipped } from '../src/config/paths';
import { loadMatrix } from '../src/startup/admin-files';
import { ISSUE_SIZES, generateOrganisation, mulberry32, type OrganisationSizes } from './generate-organisation';

const TARGETS = { p99Ms: 2, buildMs: 10_000, rssMb: 1024 } as const;
const PAGE = { offset: 0, limit: 20 } as const;
const NAMES_SHOWN = 20;

/**
 * Fields asked about, each equally likely: every row of both tables, so every level threshold
 * (and the rows one side does not govern) gets its share.
 */
const FIELDS_ASKED: readonly FieldId[] = FIELD_IDS;

interface Options extends OrganisationSizes {
  calls: number;
  warmup: number;
  seed: number;
}

const OPTION_KEYS: Record<string, keyof Options> = {
  people: 'people',
  groups: 'groups',
  grants: 'userGrants',
  'user-grants': 'userGrants',
  externals: 'externals',
  domains: 'externalDomains',
  'capped-domains': 'cappedDomains',
  'group-grants': 'groupGrants',
  calls: 'calls',
  warmup: 'warmup',
  seed: 'seed',
};

function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): Options {
  const options: Options = { ...ISSUE_SIZES, calls: 20_000, warmup: 2_000, seed: 20240607 };
  readNumericOptions(options, OPTION_KEYS, argv, env, 'LOOKUP_BENCH');
  if (options.calls < 1) throw new Error('--calls must be at least 1');
  return options;
}

const progress = (message: string): void => {
  process.stderr.write(`[bench:lookup] ${message}\n`);
};

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
const ms4 = (value: number): number => Math.round(value * 10_000) / 10_000;

/** Peak resident set size: sampled between steps and every few hundred calls, plus the kernel's high-water mark. */
class RssMonitor {
  private peak = 0;

  sample(): number {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
    return rss;
  }

  get peakBytes(): number {
    // resourceUsage().maxRSS is in KiB and also sees peaks inside synchronous builds.
    return Math.max(this.peak, process.resourceUsage().maxRSS * 1024);
  }
}

interface Stats {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  calls: number;
}

/** Nearest-rank percentiles of per-call durations in nanoseconds. */
function stats(durationsNs: Float64Array): Stats {
  const sorted = Float64Array.from(durationsNs).sort();
  const rank = (p: number): number => (sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] as number) / 1e6;
  let sum = 0;
  for (const d of sorted) sum += d;
  return {
    p50Ms: ms4(rank(0.5)),
    p99Ms: ms4(rank(0.99)),
    maxMs: ms4((sorted[sorted.length - 1] as number) / 1e6),
    meanMs: ms4(sum / sorted.length / 1e6),
    calls: sorted.length,
  };
}

const collectGarbage = (): void => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
};

/** What a chat answer needs from `whoCanSee`: the counts and the first names of each side. */
interface WhoSummary {
  colleagues: number | 'everyone' | 'not governed';
  colleagueNames: string[];
  externalsReaching: number | 'not governed';
  externalsCapped: number;
  externalNames: string[];
}

function summarise(permissions: PermissionIndex, answer: WhoCanSeeAnswer): WhoSummary {
  const summary: WhoSummary = { colleagues: 'not governed', colleagueNames: [], externalsReaching: 'not governed', externalsCapped: 0, externalNames: [] };
  const colleagues = answer.colleagues;
  if (colleagues.governed) {
    summary.colleagues = colleagues.everyone ? 'everyone' : colleagues.total;
    for (const group of colleagues.groups) {
      for (const p of group.people) {
        if (summary.colleagueNames.length < NAMES_SHOWN) summary.colleagueNames.push(permissions.directory.person(p).displayName);
      }
    }
  }
  const externals = answer.externals;
  if (externals.governed) {
    summary.externalsReaching = externals.reaching.length;
    summary.externalsCapped = externals.capped.length;
    for (const entry of externals.reaching.slice(0, NAMES_SHOWN)) summary.externalNames.push(entry.contact.name ?? entry.contact.address);
  }
  return summary;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const rss = new RssMonitor();
  const matrix: PermissionMatrix = await loadMatrix(shipped('data', 'permission-matrix.json'));

  progress(`generating: ${options.people} people, ${options.groups} groups, ${options.userGrants} user grants, ${options.externals} externals (seed ${options.seed})`);
  let started = process.hrtime.bigint();
  const org = generateOrganisation(options, options.seed);
  const generateMs = Number(process.hrtime.bigint() - started) / 1e6;
  collectGarbage();
  const rssAfterGenerate = rss.sample();
  progress(`generated in ${generateMs.toFixed(0)} ms; rss ${mb(rssAfterGenerate)} MB`);

  progress('building directory index');
  started = process.hrtime.bigint();
  const directory = new DirectoryIndex(org.directory);
  const directoryMs = Number(process.hrtime.bigint() - started) / 1e6;
  rss.sample();
  progress(`directory index in ${directoryMs.toFixed(0)} ms; building permission index`);
  started = process.hrtime.bigint();
  const permissions = new PermissionIndex(directory, org.policy, org.userGrants);
  const permissionsMs = Number(process.hrtime.bigint() - started) / 1e6;
  const rssAfterBuild = rss.sample();
  const heapAfterBuild = process.memoryUsage().heapUsed;
  collectGarbage();
  const heapLiveAfterBuild = process.memoryUsage().heapUsed;
  progress(`permission index in ${permissionsMs.toFixed(0)} ms; rss ${mb(rssAfterBuild)} MB, heap ${mb(heapAfterBuild)} MB (${mb(heapLiveAfterBuild)} MB live)`);

  // --- queries, drawn before timing ------------------------------------------------------------
  const rng = mulberry32(options.seed ^ 0x5eed);
  const int = (n: number): number => Math.floor(rng() * n);
  const size = directory.size;
  const total = options.warmup + options.calls;
  const whoOwners = Int32Array.from({ length: total }, () => int(size));
  const whoFields = Array.from({ length: total }, () => FIELDS_ASKED[int(FIELDS_ASKED.length)] as FieldId);
  const whatOwners = Int32Array.from({ length: total }, () => int(size));
  const viewerKinds = { grantee: 0, person: 0, external: 0 };
  const whatViewers: Viewer[] = Array.from(whatOwners, (owner): Viewer => {
    const r = rng();
    if (r < 0.3) {
      // A viewer the owner named in a grant, so that grants actually match.
      const grants = permissions.botGrantsOf(directory.person(owner).id);
      const grant = grants[int(grants.length)];
      if (grant) {
        const viewer = grant.viewer;
        if (viewer.kind === 'external') {
          viewerKinds.grantee++;
          return { kind: 'external', address: viewer.address };
        }
        if (viewer.kind === 'user') {
          const index = directory.indexOf(viewer.id);
          if (index !== undefined) {
            viewerKinds.grantee++;
            return { kind: 'person', index };
          }
        }
        if (viewer.kind === 'group') {
          const [group] = directory.groupIndexesNamed(viewer.name);
          const members = group === undefined ? undefined : directory.membersOf(group);
          if (members && members.length > 0) {
            viewerKinds.grantee++;
            return { kind: 'person', index: members[int(members.length)] as number };
          }
        }
      }
    }
    if (r < 0.85 || org.externals.length === 0) {
      viewerKinds.person++;
      return { kind: 'person', index: int(size) };
    }
    viewerKinds.external++;
    return { kind: 'external', address: (org.externals[int(org.externals.length)] as { address: string }).address };
  });

  // --- whoCanSee -------------------------------------------------------------------------------
  let sink = 0;
  const whoDurations = new Float64Array(options.calls);
  const whoByField = new Map<FieldId, number[]>();
  const sampleAnswers: ({ owner: string; field: FieldId } & WhoSummary)[] = [];
  progress(`whoCanSee: ${options.warmup} warm-up + ${options.calls} timed calls`);
  for (let i = 0; i < options.warmup; i++) {
    sink += summarise(permissions, whoCanSee(permissions, matrix, whoOwners[i] as number, whoFields[i] as FieldId, PAGE)).colleagueNames.length;
  }
  collectGarbage();
  for (let i = 0; i < options.calls; i++) {
    const owner = whoOwners[options.warmup + i] as number;
    const field = whoFields[options.warmup + i] as FieldId;
    const t0 = process.hrtime.bigint();
    const summary = summarise(permissions, whoCanSee(permissions, matrix, owner, field, PAGE));
    const t1 = process.hrtime.bigint();
    whoDurations[i] = Number(t1 - t0);
    const perField = whoByField.get(field);
    if (perField) perField.push(whoDurations[i] as number);
    else whoByField.set(field, [whoDurations[i] as number]);
    sink += summary.colleagueNames.length + summary.externalNames.length;
    if (i < 3) sampleAnswers.push({ owner: directory.person(owner).displayName, field, ...summary });
    if ((i & 511) === 0) rss.sample();
  }
  rss.sample();

  // --- whatCanSee ------------------------------------------------------------------------------
  const whatDurations = new Float64Array(options.calls);
  progress(`whatCanSee: ${options.warmup} warm-up + ${options.calls} timed calls`);
  for (let i = 0; i < options.warmup; i++) {
    sink += whatCanSee(permissions, matrix, whatOwners[i] as number, whatViewers[i] as Viewer).rows.length;
  }
  collectGarbage();
  let allowedRows = 0;
  for (let i = 0; i < options.calls; i++) {
    const owner = whatOwners[options.warmup + i] as number;
    const viewer = whatViewers[options.warmup + i] as Viewer;
    const t0 = process.hrtime.bigint();
    const answer = whatCanSee(permissions, matrix, owner, viewer);
    const t1 = process.hrtime.bigint();
    whatDurations[i] = Number(t1 - t0);
    for (const row of answer.rows) if (row.allowed) allowedRows++;
    if ((i & 511) === 0) rss.sample();
  }
  rss.sample();

  const who = stats(whoDurations);
  const slowestFields = [...whoByField]
    .map(([field, durations]) => ({ field, ...stats(Float64Array.from(durations)) }))
    .sort((a, b) => b.p99Ms - a.p99Ms)
    .slice(0, 5);
  const what = stats(whatDurations);
  const totalMs = directoryMs + permissionsMs;
  const peakRssMb = mb(rss.peakBytes);
  const result = {
    benchmark: 'lookup',
    sizes: {
      people: org.counts.people,
      groups: org.counts.groups,
      groupLevels: org.counts.groupLevels,
      userGrants: org.counts.userGrants,
      userGrantViewers: org.counts.userGrantViewers,
      externalContacts: org.counts.externals,
      externalDomains: org.counts.externalDomains,
      cappedDomains: org.counts.cappedDomains,
      groupGrants: org.counts.groupGrants,
      seed: options.seed,
    },
    build: { directoryMs: ms4(directoryMs), permissionsMs: ms4(permissionsMs), totalMs: ms4(totalMs), generateMs: ms4(generateMs) },
    memory: {
      peakRssMb,
      heapUsedMb: mb(heapAfterBuild),
      heapLiveAfterBuildMb: mb(heapLiveAfterBuild),
      rssAfterGenerateMb: mb(rssAfterGenerate),
      rssAfterBuildMb: mb(rssAfterBuild),
    },
    whoCanSee: { ...who, fields: FIELDS_ASKED.length, slowestFields, samples: sampleAnswers },
    whatCanSee: { ...what, viewers: viewerKinds, allowedRows },
    targets: TARGETS,
    pass: {
      whoCanSeeP99: who.p99Ms < TARGETS.p99Ms,
      whatCanSeeP99: what.p99Ms < TARGETS.p99Ms,
      build: totalMs < TARGETS.buildMs,
      rss: peakRssMb < TARGETS.rssMb,
    },
    environment: { node: process.version, checksum: sink },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:lookup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
