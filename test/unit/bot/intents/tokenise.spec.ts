import fc from 'fast-check';
import { LEXICON } from '../../../../src/bot/intents/lexicon';
import { closeKeys } from '../../../../src/bot/intents/tokenise';
import { isCloseTo } from '../../../../src/domain/shared/text';

const KEYS = [...LEXICON.keys()];
const bruteForce = (word: string): string[] => KEYS.filter((key) => isCloseTo(word, key)).sort();

/** A lexicon word with up to two typing errors: a letter dropped, doubled, swapped or replaced. */
const typo = fc
  .tuple(fc.constantFrom(...KEYS), fc.array(fc.tuple(fc.constantFrom('drop', 'double', 'swap', 'replace'), fc.nat(), fc.constantFrom(...'aeiounrstlm')), { maxLength: 2 }))
  .map(([key, edits]) =>
    edits.reduce((word, [kind, at, letter]) => {
      const i = word.length === 0 ? 0 : at % word.length;
      if (kind === 'drop') return word.slice(0, i) + word.slice(i + 1);
      if (kind === 'double') return word.slice(0, i) + (word[i] ?? '') + word.slice(i);
      if (kind === 'swap') return word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2);
      return word.slice(0, i) + letter + word.slice(i + 1);
    }, key),
  );

describe('typo-tolerant lookup', () => {
  it('finds through its deletion index exactly the lexicon words the edit distance accepts', () => {
    fc.assert(
      fc.property(fc.oneof(typo, fc.string({ minLength: 1, maxLength: 12 })), (word) => {
        expect(closeKeys(word).sort()).toEqual(bruteForce(word));
      }),
      { numRuns: 1000 },
    );
  });
});
