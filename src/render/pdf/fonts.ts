import { Font } from '@react-pdf/renderer';
import { FALLBACK_FACES, FONT_STACK, PRIMARY_FACES, PRIMARY_FAMILY, coverage, fontFile, substitute, type Face } from './coverage.js';
import { danishHyphenation } from './hyphenation.js';
import { cacheShaping } from './shaping-cache.js';

/** The text face of the PDF. Never a standard-14 font: PDF/A needs every font embedded. */
export const FONT_FAMILY = PRIMARY_FAMILY;

/** The `fontFamily` of all text in the PDF: Noto Sans, then the fallback faces (coverage.ts). */
export { FONT_STACK };

/** The parts of a fontkit font object this module reads or replaces. */
interface FontObject {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  lineGap: number;
  hasGlyphForCodePoint(cp: number): boolean;
  layout(text: unknown, ...rest: unknown[]): { glyphs: unknown[]; positions?: object[] };
}

/** Vertical metrics in em. */
type Metrics = Pick<FontObject, 'ascent' | 'descent' | 'lineGap'>;

/**
 * Makes a loaded face answer react-pdf's font choice from coverage.ts, so that no character
 * ever reaches react-pdf's last resort, the unembedded Helvetica.
 *
 * react-pdf (textkit's fontSubstitution) gives each character the first face in the
 * `fontFamily` list whose `hasGlyphForCodePoint` says yes, and Helvetica when none does.
 * - A fallback face says yes only to the characters coverage.ts gives it.
 * - A Noto Sans face says yes to everything no fallback face takes, and prints what it has
 *   no glyph for as coverage.ts's substitute (U+FFFD, or nothing for an invisible
 *   character). That is the one place every character drawn in the PDF passes, whatever
 *   element it stands in.
 * Fallback faces also take Noto Sans's vertical metrics: a line's baseline is set by its
 * tallest face, and Noto Sans Symbols is half again as tall as Noto Sans.
 */
function guard(font: FontObject, face: Face, metrics: Metrics): void {
  const { primary, fallbacks, anyFallback } = coverage();
  if (face.family === PRIMARY_FAMILY) {
    font.hasGlyphForCodePoint = (cp) => primary.has(cp) || !anyFallback.has(cp);
    const layout = font.layout.bind(font);
    font.layout = (text, ...rest) => {
      if (typeof text !== 'string') return layout(text, ...rest);
      let printed = '';
      let from = 0;
      for (let i = 0; i < text.length; ) {
        const cp = text.codePointAt(i)!;
        const size = cp > 0xffff ? 2 : 1;
        if (!primary.has(cp)) {
          printed += text.slice(from, i) + String.fromCodePoint(substitute(cp));
          from = i + size;
        }
        i += size;
      }
      return layout(from === 0 ? text : printed + text.slice(from), ...rest);
    };
    return;
  }
  const own = fallbacks.get(face.family)!;
  font.hasGlyphForCodePoint = (cp) => own.has(cp);
  Object.defineProperties(font, {
    ascent: { value: metrics.ascent * font.unitsPerEm },
    descent: { value: metrics.descent * font.unitsPerEm },
    lineGap: { value: metrics.lineGap * font.unitsPerEm },
  });
}

/** A source in react-pdf's font store: the parsed font once loaded. */
interface FontSource {
  data: FontObject | null;
  loadResultPromise: Promise<void> | null;
}

const descriptorOf = (face: Face) => ({ fontFamily: face.family, fontWeight: face.fontWeight, fontStyle: face.fontStyle });
const sourceOf = (face: Face): FontSource => Font.getFont(descriptorOf(face)) as unknown as FontSource;

let loaded: Promise<void> | undefined;

/**
 * Registers the faces (coverage.ts) and the Danish hyphenation callback with react-pdf's
 * global font store, parses the faces once per process, guards them (see `guard`) and puts
 * the shaping cache in front of each (see shaping-cache.ts). Renders await this before
 * layout. Lazy: the first render pays for it, module load does not.
 */
export function loadFonts(): Promise<void> {
  loaded ??= (async () => {
    Font.register({ family: PRIMARY_FAMILY, fonts: PRIMARY_FACES.map((face) => ({ src: fontFile(face), fontWeight: face.fontWeight, fontStyle: face.fontStyle })) });
    // A fallback face serves italic text too (react-pdf finds no face for a style a family
    // lacks): registered for both styles, parsed once, the italic source given the same font.
    const italic = (face: Face): Face => ({ ...face, fontStyle: 'italic' });
    for (const face of FALLBACK_FACES) {
      Font.register({ family: face.family, fonts: [face, italic(face)].map((f) => ({ src: fontFile(f), fontWeight: f.fontWeight, fontStyle: f.fontStyle })) });
    }
    // Replaces react-pdf's built-in (English) hyphenation.
    Font.registerHyphenationCallback(danishHyphenation());
    const faces = [...PRIMARY_FACES, ...FALLBACK_FACES];
    const objects = await Promise.all(
      faces.map(async (face) => {
        await Font.load(descriptorOf(face));
        return sourceOf(face).data!;
      }),
    );
    const regular = objects[0]!;
    const em = regular.unitsPerEm;
    const metrics: Metrics = { ascent: regular.ascent / em, descent: regular.descent / em, lineGap: regular.lineGap / em };
    faces.forEach((face, i) => {
      const font = objects[i]!;
      guard(font, face, metrics);
      cacheShaping(font as unknown as Parameters<typeof cacheShaping>[0]);
      if (face.family !== PRIMARY_FAMILY) Object.assign(sourceOf(italic(face)), { data: font, loadResultPromise: Promise.resolve() });
    });
  })();
  return loaded;
}
