/**
 * The answer path under load (`npm run bench:http`): privacy-desk and a minimal echo bot on the same
 * botbuilder + restify (bench/echo-bot.ts), both answering through a local stand-in for the Bot
 * Connector — and the echo bot once more answering with one of privacy-desk's cards, to show what the
 * payload alone costs — loaded in turns with autocannon — 50 concurrent conversations asking lookup questions,
 * each conversation a person of the demo organisation in a personal chat. Once on the embedded SQLite
 * database and once on PostgreSQL (skipped, and said so, when it cannot be reached). Prints one JSON
 * object: each bot's requests per second and latency (p50, p99 in ms), and privacy-desk's share of the
 * echo bot's throughput. Targets on a 2-core machine: at least 0.8× the echo bot, p99 under 50 ms.
 *
 * Options (or HTTP_BENCH_*): --connections (50), --seconds (5 per run), --warmup (2 seconds), --turns
 * (3: each contestant runs this often, in turns; the median run counts).
 * BENCH_POSTGRES_URL: the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres); a
 * database of its own is created there and dropped afterwards.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '../src/bot/intents/parser';
import { readingWith } from '../src/bot/intents/reading';
import { route } from '../src/bot/handlers/router';
import { loadConfig } from '../src/config/config';
import { shipped } from '../src/config/paths';
import { silentLogger } from '../src/ports/logger/logger.port';
import { parseLdifDirectory } from '../src/ports/directory/ldif-directory.adapter';
import { startServer } from '../src/server/http-server';
import { createApp } from '../src/startup/create-app';
import type { TeamsMember } from '../test/support/connector-stand-in';
import { readNumericOptions } from './bench-options';
import { startEchoBot } from './echo-bot';
import { withPostgres } from './bench-postgres';

const TARGETS = { ratio: 0.8, p99Ms: 50 } as const;
const QUESTIONS = [
  'who can see my mobile number',
  'wer sieht meine präsenz',
  'why can frank see my presence',
  'what can bob see of me',
  'wer kann meine privaten termine sehen',
  'who can see my calendar',
  'was sieht mallory von mir',
  'can my manager see my private calendar',
];

interface Load {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

const options = readNumericOptions({ connections: 50, seconds: 5, warmup: 2, turns: 3 }, { connections: 'connections', seconds: 'seconds', warmup: 'warmup', turns: 'turns' }, process.argv.slice(2), process.env, 'HTTP_BENCH');

/** The run with the median throughput: a 2-core machine is noisy, and one run in turns evens it out. */
function median(runs: Load[]): Load {
  return [...runs].sort((x, y) => x.requestsPerSecond - y.requestsPerSecond)[Math.floor(runs.length / 2)] as Load;
}

/** The demo organisation's people as Teams members: one personal conversation each. */
function people(): { mail: string; member: TeamsMember }[] {
  const data = parseLdifDirectory(readFileSync(shipped('data', 'demo', 'demo-org.ldif')));
  return data.people
    .filter((p) => p.mail)
    .map((p, i) => ({ mail: p.mail as string, member: { id: `29:user-${i}`, name: p.displayName, aadObjectId: `aad-${i}`, userPrincipalName: p.upn ?? (p.mail as string), email: p.mail as string } }));
}

/**
 * Loads `url` for `seconds` from a process of its own (autocannon in the bot's process would take
 * its CPU), and returns what it measured.
 */
async function load(url: string, serviceUrl: string, askers: ReturnType<typeof people>, seconds: number): Promise<Load> {
  const child = fork(join(__dirname, 'http-load.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const result = await ask<Load>(child, { url: `${url}/api/messages`, serviceUrl, connections: options.connections, seconds, askers: askers.map((a) => a.member), questions: QUESTIONS });
  child.kill();
  return result;
}

/** Sends a child process one message and waits for its one answer. */
function ask<T>(child: ChildProcess, message: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    child.once('message', (answer) => resolve(answer as T));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${child.spawnfile} exited with ${code}`)));
    child.send(message as object);
  });
}

/** Echo, then privacy-desk, each after its warm-up, on one database. */
async function round(database: Record<string, string>): Promise<Record<string, unknown>> {
  const askers = people();
  // The Bot Connector stand-in in a process of its own, as the real one is elsewhere.
  const connectorProcess = fork(join(__dirname, 'connector-process.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const connector = await ask<{ url: string }>(connectorProcess, { members: Object.fromEntries(askers.map((a) => [a.member.id, a.member])) });
  const echo = await startEchoBot();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...database });
  const app = await createApp(config, silentLogger);
  const server = await startServer(config, app, silentLogger);
  // The echo bot once more, answering every message with one of privacy-desk's cards: what sending
  // such a card costs on this stack, whatever the bot does before.
  const question = 'who can see my mobile number';
  const asker = app.desk.identify({ mail: askers[0]?.mail ?? 'alice@example.com' });
  const sample = await route({ parsed: parse(question, readingWith(app.desk.directory)), locale: 'en', asker, text: question }, { desk: app.desk, requests: app.requests, admins: app.admins });
  const echoCard = await startEchoBot({ card: sample.card });
  try {
    const contestants = { echo: echo.url, echoWithCard: echoCard.url, privacyDesk: server.url };
    for (const url of Object.values(contestants)) await load(url, connector.url, askers, options.warmup);
    // In turns, several times: whatever else the machine does falls on all three alike.
    const runs: Record<keyof typeof contestants, Load[]> = { echo: [], echoWithCard: [], privacyDesk: [] };
    for (let turn = 0; turn < Math.max(1, options.turns); turn++) {
      for (const [name, url] of Object.entries(contestants) as [keyof typeof contestants, string][]) runs[name].push(await load(url, connector.url, askers, options.seconds));
    }
    const [echoLoad, echoCardLoad, botLoad] = [median(runs.echo), median(runs.echoWithCard), median(runs.privacyDesk)];
    const share = (of: Load): number => Math.round((botLoad.requestsPerSecond / of.requestsPerSecond) * 100) / 100;
    const ratio = share(echoLoad);
    return { echo: echoLoad, echoWithCard: echoCardLoad, privacyDesk: botLoad, ratio, ratioToEchoWithCard: share(echoCardLoad), met: { ratio: ratio >= TARGETS.ratio, p99: botLoad.p99Ms < TARGETS.p99Ms, noErrors: runs.privacyDesk.every((r) => r.errors === 0 && r.non2xx === 0) } };
  } finally {
    await server.close();
    await app.close();
    await echo.close();
    await echoCard.close();
    connectorProcess.kill();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'privacy-desk-bench-'));
  try {
    const sqlite = await round({ DATABASE_FILE: join(dir, 'bench.sqlite') });
    const postgres = await withPostgres('privacy_desk_bench', (url) => round({ DATABASE_URL: url }));
    process.stdout.write(`${JSON.stringify({ bench: 'http', connections: options.connections, seconds: options.seconds, turns: options.turns, sqlite, postgres, targets: TARGETS })}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
