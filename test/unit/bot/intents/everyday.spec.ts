import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../../../../src/bot/intents/parser';
import { shipped } from '../../../../src/config/paths';
import { DirectoryIndex } from '../../../../src/domain/directory/directory-index';
import { readingWith } from '../../../../src/bot/intents/reading';
import { parseLdifDirectory } from '../../../../src/ports/directory/ldif-directory.adapter';
import { type LabelledMessage, understood } from '../../../../src/bot/intents/understanding';

/**
 * Everyday messages as employees type them (`data/nlu/everyday/*.json`), each with what it means: the
 * parser must understand every one — the intent and every slot that decides the answer.
 */
const DIR = shipped('data', 'nlu', 'everyday');
const messages: LabelledMessage[] = readdirSync(DIR)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .flatMap((file) => JSON.parse(readFileSync(join(DIR, file), 'utf8')) as LabelledMessage[]);

/** As the bot reads them: with the demo directory's names at hand. */
const directory = new DirectoryIndex(parseLdifDirectory(readFileSync(shipped('data', 'demo', 'demo-org.ldif'))));

describe('everyday messages', () => {
  it.each(messages.map((m) => [m.text, m] as const))('%s', (_text, message) => {
    const parsed = parse(message.text, readingWith(directory));
    expect(understood(message, parsed) ? message.expect : parsed).toEqual(message.expect);
  });
});

/** A typing error in one longer word of a message that names nobody by it: two letters swapped, or one dropped. */
function withTypo(message: LabelledMessage, random: () => number): string | undefined {
  const kept = Object.values(message.expect).join(' ').toLowerCase();
  const words = message.text.split(' ');
  const candidates = words.flatMap((word, i) => (/^\p{L}{5,}$/u.test(word) && !kept.includes(word.toLowerCase()) ? [i] : []));
  if (candidates.length === 0) return undefined;
  const i = candidates[Math.floor(random() * candidates.length)] as number;
  const word = words[i] as string;
  const at = 1 + Math.floor(random() * (word.length - 3));
  words[i] = random() < 0.5 ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2) : word.slice(0, at) + word.slice(at + 1);
  return words.join(' ');
}

describe('everyday messages with a typing error', () => {
  it('are still understood nine times in ten', () => {
    let seed = 5;
    const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const typed = messages.flatMap((message) => {
      const text = withTypo(message, random);
      return text ? [{ ...message, text }] : [];
    });
    const ok = typed.filter((message) => understood(message, parse(message.text, readingWith(directory)))).length;
    expect(typed.length).toBeGreaterThan(500);
    expect(ok / typed.length).toBeGreaterThanOrEqual(0.9);
  });
});
