/**
 * The PDF's font: DejaVu Sans, embedded from the `dejavu-fonts-ttf` package (nothing fetched at run time). It covers
 * Latin with every Welsh diacritic (ŵ ŷ â), Greek, Cyrillic, Hebrew, Arabic, many symbols and the common emoji in
 * black and white. A character it has no glyph for would print as nothing or as a box of the wrong width (what made
 * text after an emoji overprint with Helvetica), so each such character is replaced by one clear substitute first.
 */
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);
/** `face` is the file name's suffix after DejaVuSans: "-Bold" is DejaVuSans-Bold.ttf. */
const file = (face: string): string => require.resolve(`dejavu-fonts-ttf/ttf/DejaVuSans${face}.ttf`);

export const pdfFontFiles = {
  normal: file(''),
  bold: file('-Bold'),
  italics: file('-Oblique'),
  bolditalics: file('-BoldOblique'),
};

/** U+FFFD REPLACEMENT CHARACTER: the font has it, and readers know it as "a character that could not be shown". */
export const substituteCharacter = '\uFFFD';

// Text may be set in any of the four faces: a character stays only if every face can draw it.
const faces = Object.values(pdfFontFiles).map((path) => fontkit.openSync(path));
const drawable = (codePoint: number): boolean => faces.every((face) => face.hasGlyphForCodePoint(codePoint));

// Joiners and variation selectors shape an emoji sequence; alone they draw nothing, so they never decide coverage.
const shaping = /^[\u200C\u200D\uFE00-\uFE0F]$/u;
const layout = /^[\n\t ]$/;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * `value` with every grapheme the font cannot draw replaced by one substitute character (a family emoji made of
 * several people joined by joiners becomes one substitute, not five).
 */
export function withDrawableGlyphs(value: string): string {
  let out = '';
  for (const { segment } of graphemes.segment(value)) {
    if (layout.test(segment)) {
      out += segment;
      continue;
    }
    const points = [...segment].filter((ch) => !shaping.test(ch));
    const ok = points.length > 0 && points.every((ch) => drawable(ch.codePointAt(0)!));
    // A drawable base keeps its shaping marks out: the font cannot render the sequences they would ask for anyway.
    out += ok ? points.join('') : substituteCharacter;
  }
  return out;
}
