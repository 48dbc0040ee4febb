import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../../../../src/bot/intents/parser';
import { shipped } from '../../../../src/config/paths';

interface Case {
  text: string;
  lang: 'en' | 'de';
  expect: Record<string, string>;
}

/** Every corpus file (`data/nlu/corpus/*.json`: the base set and one per area of the parser), in name order. */
const CORPUS_DIR = shipped('data', 'nlu', 'corpus');
const cases: Case[] = readdirSync(CORPUS_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .flatMap((file) => JSON.parse(readFileSync(join(CORPUS_DIR, file), 'utf8')) as Case[]);

describe('intent parser corpus', () => {
  it('has at least 150 utterances in English and German', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(cases.filter((c) => c.lang === 'en').length).toBeGreaterThan(50);
    expect(cases.filter((c) => c.lang === 'de').length).toBeGreaterThan(50);
  });

  it.each(cases.map((c) => [c.text, c.expect] as const))('%s', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });
});
