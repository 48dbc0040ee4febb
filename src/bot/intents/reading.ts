import type { DirectoryIndex } from '../../domain/directory/directory-index';
import type { ParseOptions } from './parser';

/** How the bot reads messages with a directory at hand: its people's and groups' names. */
export function readingWith(directory: DirectoryIndex): ParseOptions {
  return {
    isName: (word) => directory.isNameWord(word),
    // A group's name that is nobody's: "Sales soll mich nicht mehr sehen".
    isGroup: (name) => directory.groupIndexesNamed(name).length > 0 && directory.searchPeople(name, 1).kind !== 'unique',
  };
}
