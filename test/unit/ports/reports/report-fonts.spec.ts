import { readFileSync } from 'node:fs';
import { type Font, create } from 'fontkit';
import { FONT_BOLD, FONT_REGULAR, PLAIN, plainRun } from '../../../../src/ports/reports/report-fonts';

/**
 * The report's PDFs set text made only of digits and common punctuation without shaping it: that
 * must come out exactly as fontkit's shaper would set it (the same glyphs at the same advances) in
 * both fonts — for every pair of those characters (kerning is by pairs) and for longer runs.
 */
describe('plain runs in the report fonts', () => {
  const characters = '0123456789 .,:;+-/()@_#%&*=';
  const shaped = (font: Font, text: string): string[] => {
    const run = font.layout(text);
    return run.glyphs.map((g, i) => `${g.id}:${run.positions[i]?.xAdvance}:${run.positions[i]?.xOffset}:${run.positions[i]?.yOffset}:${run.positions[i]?.yAdvance}`);
  };
  const plain = (font: Font, text: string): string[] => {
    const run = plainRun(font, text);
    return run.glyphs.map((g, i) => `${g.id}:${run.positions[i]?.xAdvance}:${run.positions[i]?.xOffset}:${run.positions[i]?.yOffset}:${run.positions[i]?.yAdvance}`);
  };

  it.each([
    ['regular', FONT_REGULAR],
    ['bold', FONT_BOLD],
  ])('match the shaper in DejaVu Sans %s', (_name, file) => {
    const font = create(readFileSync(file)) as Font;
    expect(PLAIN.test(characters)).toBe(true);
    for (const a of characters) for (const b of characters) expect(plain(font, a + b)).toEqual(shaped(font, a + b));
    // Longer runs, as numbers, times and keys are written — and random ones.
    let seed = 7;
    const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const samples = ['+49 89 1234567-110', '30.11.2026, 09:15', '1000000', '(0)89/1234-5', '12:00:00.000', '100%', '#42', 'a=b'.replace(/[ab]/g, '1')];
    for (let i = 0; i < 500; i++) samples.push(Array.from({ length: 1 + Math.floor(next() * 24) }, () => characters[Math.floor(next() * characters.length)]).join(''));
    for (const text of samples) {
      expect(PLAIN.test(text)).toBe(true);
      expect(plain(font, text)).toEqual(shaped(font, text));
      expect(plainRun(font, text).advanceWidth).toBe(font.layout(text).advanceWidth);
    }
  });

  it('leaves letters to the shaper (kerning and ligatures apply there)', () => {
    for (const text of ['Te', 'AV', 'T.', 'fi', 'Straße', '2026-06-01T00:00']) expect(PLAIN.test(text)).toBe(false);
  });
});
