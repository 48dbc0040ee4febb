import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../../../../src/bot/intents/parser';
import { shipped } from '../../../../src/config/paths';
import { DirectoryIndex } from '../../../../src/domain/directory/directory-index';
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
    const parsed = parse(message.text, { isName: (word) => directory.isNameWord(word) });
    expect(understood(message, parsed) ? message.expect : parsed).toEqual(message.expect);
  });
});
