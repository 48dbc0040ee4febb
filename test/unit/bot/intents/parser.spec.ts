import corpus from './parser-corpus.json';
import { parse } from '../../../../src/bot/intents/parser';

interface Case {
  text: string;
  lang: 'en' | 'de';
  expect: Record<string, string>;
}

describe('intent parser corpus', () => {
  const cases = corpus as unknown as Case[];

  it('has at least 150 utterances in English and German', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(cases.filter((c) => c.lang === 'en').length).toBeGreaterThan(50);
    expect(cases.filter((c) => c.lang === 'de').length).toBeGreaterThan(50);
  });

  it.each(cases.map((c) => [c.text, c.expect] as const))('%s', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });
});
