/**
 * Message understanding benchmark (`npm run bench:nlu`): parses every message of the parser corpus
 * and the held-out set, many times over, and prints one JSON object with the latency per message
 * (p50, p99, max in microseconds) and the throughput, and the share of the held-out messages understood
 * (overall, per intent, per language). Target: p99 under 1 ms.
 *
 * Options (or NLU_BENCH_ROUNDS / NLU_BENCH_WARMUP): rounds (default 50), warmup (default 5).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readNumericOptions } from './bench-options';
import { parse } from '../src/bot/intents/parser';
import { type LabelledMessage, accuracyOf } from '../src/bot/intents/understanding';
import { shipped } from '../src/config/paths';
import { DirectoryIndex } from '../src/domain/directory/directory-index';
import { readingWith } from '../src/bot/intents/reading';
import { parseLdifDirectory } from '../src/ports/directory/ldif-directory.adapter';

const TARGETS = { p99Us: 1000 } as const;

function messages(): string[] {
  const folders = [shipped('data', 'nlu', 'corpus'), shipped('data', 'nlu', 'everyday'), shipped('test', 'unit', 'bot', 'intents', 'held-out')];
  const texts: string[] = [];
  for (const folder of folders) {
    let files: string[] = [];
    try {
      files = readdirSync(folder).filter((f) => f.endsWith('.json'));
    } catch {
      continue;
    }
    for (const file of files) {
      const content = JSON.parse(readFileSync(join(folder, file), 'utf8')) as unknown;
      if (Array.isArray(content)) texts.push(...(content as { text: string }[]).map((c) => c.text));
    }
  }
  return texts;
}

/** Understood / total of the held-out set, overall and per intent and language. */
function heldOut(): Record<string, unknown> {
  const messages = JSON.parse(readFileSync(shipped('test', 'unit', 'bot', 'intents', 'held-out', 'held-out.json'), 'utf8')) as LabelledMessage[];
  // As the bot reads them: with the (demo) directory's names at hand.
  const directory = new DirectoryIndex(parseLdifDirectory(readFileSync(shipped('data', 'demo', 'demo-org.ldif'))));
  const accuracy = accuracyOf(messages, readingWith(directory));
  const share = (entry: { messages: number; understood: number }): string => `${entry.understood}/${entry.messages}`;
  return {
    rate: Number(accuracy.rate.toFixed(3)),
    byLanguage: Object.fromEntries(Object.entries(accuracy.byLanguage).map(([key, entry]) => [key, share(entry)])),
    byIntent: Object.fromEntries(Object.entries(accuracy.byIntent).map(([key, entry]) => [key, share(entry)])),
  };
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function main(): void {
  const options = readNumericOptions({ rounds: 50, warmup: 5 }, { rounds: 'rounds', warmup: 'warmup' }, process.argv.slice(2), process.env, 'NLU_BENCH');
  const texts = messages();
  if (texts.length === 0) throw new Error('no messages found: run from the repository (test/unit/bot/intents)');
  for (let r = 0; r < options.warmup; r++) for (const text of texts) parse(text);
  const times = new Float64Array(texts.length * options.rounds);
  let n = 0;
  const started = process.hrtime.bigint();
  for (let r = 0; r < options.rounds; r++) {
    for (const text of texts) {
      const t0 = process.hrtime.bigint();
      parse(text);
      times[n++] = Number(process.hrtime.bigint() - t0) / 1000;
    }
  }
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  times.sort();
  const p99 = percentile(times, 99);
  const result = {
    bench: 'nlu',
    messages: texts.length,
    parses: n,
    p50Us: Number(percentile(times, 50).toFixed(1)),
    p99Us: Number(p99.toFixed(1)),
    maxUs: Number((times[times.length - 1] ?? 0).toFixed(1)),
    perSecond: Math.round(n / (totalMs / 1000)),
    heldOut: heldOut(),
    targets: TARGETS,
    met: { p99: p99 < TARGETS.p99Us },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
