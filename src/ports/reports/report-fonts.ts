import { readFileSync } from 'node:fs';
import { create as createFont, type Font, type GlyphRun } from 'fontkit';

/** The fonts the PDFs embed (umlauts, ß, typographic quotes): DejaVu, from its npm package. */
export const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
export const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/**
 * Text made only of these characters needs no shaping in DejaVu Sans (regular or bold): no
 * substitution and no kerning applies between any two of them, so each glyph stands at its own
 * advance width (`report-fonts.spec.ts` compares with the shaper). Numbers, dates, times and keys —
 * most of the words in a report that are new to the layout — are made of them.
 */
export const PLAIN = /^[0-9 .,:;+\-/()@_#%&*=]*$/;

/**
 * A glyph run without shaping: fontkit shapes every new word through the font's substitution and
 * positioning tables (a tenth of a millisecond and more each); text in `PLAIN` comes out the same
 * from the character map and the advance widths alone.
 */
export function plainRun(font: Font, text: string): GlyphRun {
  const glyphs = font.glyphsForString(text);
  const positions = glyphs.map((glyph) => ({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 }));
  return {
    glyphs,
    positions,
    script: 'latn',
    language: 'dflt',
    direction: 'ltr',
    features: {},
    // pdfkit scales the positions in place and then reads the width: summed when asked, as fontkit does.
    get advanceWidth() {
      let width = 0;
      for (const position of positions) width += position.xAdvance;
      return width;
    },
    advanceHeight: 0,
    get bbox() {
      return font.layout(text).bbox;
    },
  };
}

/**
 * The fonts, read and parsed once per thread: pdfkit would read and parse each file again for every
 * document, and decode the font's tables again on its first lines — about a tenth of a second per
 * font and document.
 */
let parsed: { regular: Font; bold: Font } | undefined;
function parsedFonts(): { regular: Font; bold: Font } {
  parsed ??= { regular: createFont(readFileSync(FONT_REGULAR)) as Font, bold: createFont(readFileSync(FONT_BOLD)) as Font };
  return parsed;
}

/**
 * The font as one document uses it: the parsed font's decoded tables shared, everything else its
 * own — its glyphs above all: fontkit keeps a glyph with the characters it was first made for, and a
 * document's subset, written at its end, makes glyphs for no characters; shared, they would leave the
 * next document's text without its letters for whoever copies or reads it aloud. Its layout takes
 * the plain road for text in `PLAIN` (without explicit features) and shapes the rest.
 */
function forOneDocument(font: Font): Font {
  const own = Object.create(font) as Font & { _glyphs: Record<number, unknown> };
  own._glyphs = {};
  const shape = font.layout;
  own.layout = (text, features, ...rest) => (features === undefined && rest.length === 0 && PLAIN.test(text) ? plainRun(own, text) : shape.call(own, text, features, ...rest));
  return own;
}

/** The regular and bold fonts for one new document. */
export function reportFonts(): { regular: Font; bold: Font } {
  const { regular, bold } = parsedFonts();
  return { regular: forOneDocument(regular), bold: forOneDocument(bold) };
}
