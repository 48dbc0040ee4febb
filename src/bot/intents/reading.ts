import { LRUCache } from 'lru-cache';
import type { DirectoryIndex } from '../../domain/directory/directory-index';
import type { ParsedMessage } from './intent';
import { type ParseOptions, parse } from './parser';

/** How the bot reads messages with a directory at hand: its people's and groups' names. */
export function readingWith(directory: DirectoryIndex): ParseOptions {
  return {
    isName: (word) => directory.isNameWord(word),
    // A group's name that is nobody's: "Sales soll mich nicht mehr sehen".
    isGroup: (name) => directory.groupIndexesNamed(name).length > 0 && directory.searchPeople(name, 1).kind !== 'unique',
  };
}

/** Messages longer than this are read afresh every time (a pasted letter is rarely sent twice). */
const CACHED_LENGTH = 200;

/**
 * Reads messages with the directory's names, remembering the most recent readings: the parser is
 * pure, so the same text read with the same directory means the same — and employees ask the same
 * few questions ("wer sieht meine Handynummer"), and buttons send the same words, again and again.
 * A reloaded directory (a new index) starts afresh. Each caller gets its own copy of a reading.
 */
export class Reader {
  private readonly readings = new LRUCache<string, ParsedMessage>({ max: 5_000 });
  private directory: DirectoryIndex | undefined;
  private options: ParseOptions = {};

  read(text: string, directory: DirectoryIndex): ParsedMessage {
    if (directory !== this.directory) {
      this.readings.clear();
      this.directory = directory;
      this.options = readingWith(directory);
    }
    if (text.length > CACHED_LENGTH) return parse(text, this.options);
    const known = this.readings.get(text);
    if (known) return copyOf(known);
    const parsed = parse(text, this.options);
    this.readings.set(text, copyOf(parsed));
    return parsed;
  }
}

const copyOf = (parsed: ParsedMessage): ParsedMessage => (parsed.contact ? { ...parsed, contact: { ...parsed.contact } } : { ...parsed });
