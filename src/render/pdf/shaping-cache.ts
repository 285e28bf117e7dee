/**
 * A cache in front of fontkit's text shaping (`font.layout`).
 *
 * Why: a CPU profile of one agreement render puts about a third of the time in fontkit's
 * OpenType shaping (GSUB/GPOS lookups), and react-pdf shapes every run again on every
 * layout pass: once per footnote-placement pass, once per watch rebuild, once per
 * agreement in a batch, although the words are mostly the same. Shaping is a pure
 * function of (font, string, features, script, language, direction), so the result is
 * kept and handed out again.
 *
 * What is handed out: a new GlyphRun object with its own `glyphs` array and its own
 * position objects (callers may change either in place: pdfkit's own text layout scales
 * positions, react-pdf's renderer replaces attachment glyphs), sharing only the glyph
 * objects, which fontkit itself caches per font.
 */

import { LRUCache } from 'lru-cache';

interface GlyphRunLike {
  glyphs: unknown[];
  positions?: object[];
}

interface ShapingFont {
  postscriptName?: string;
  layout: (string: unknown, ...rest: unknown[]) => GlyphRunLike;
}

const CACHED = Symbol('delaftale.shapingCache');

/**
 * Glyphs kept, all faces together (about 100 bytes each), least recently used strings
 * dropped first. The seed's two documents shape about 60,000; this keeps a few agreements'
 * worth, so a long batch stays within its memory budget (bench/).
 */
export const MAX_GLYPHS = 300_000;

const cache = new LRUCache<string, GlyphRunLike>({ maxSize: MAX_GLYPHS, sizeCalculation: (run) => Math.max(1, run.glyphs.length) });
let fonts = 0;

function cloneRun<T extends GlyphRunLike>(run: T): T {
  const copy = Object.create(Object.getPrototypeOf(run) as object) as T;
  Object.assign(copy, run);
  copy.glyphs = run.glyphs.slice();
  if (run.positions) copy.positions = run.positions.map((p) => Object.assign(Object.create(Object.getPrototypeOf(p) as object) as object, p));
  return copy;
}

/** Wraps `font.layout` (once per font object) with the cache. */
export function cacheShaping(font: ShapingFont): void {
  const target = font as ShapingFont & { [CACHED]?: true };
  if (target[CACHED]) return;
  const shape = font.layout.bind(font);
  // Each wrapped font object its own key space (two objects may share a PostScript name).
  const prefix = `${(fonts += 1)}\u0000`;
  target.layout = (string: unknown, ...rest: unknown[]): GlyphRunLike => {
    // Glyph arrays (fontkit's other input form) are rare and not cached.
    if (typeof string !== 'string') return shape(string, ...rest);
    const key = `${prefix}${string}\u0000${JSON.stringify(rest)}`;
    let run = cache.get(key);
    if (run === undefined) {
      run = shape(string, ...rest);
      cache.set(key, run);
    }
    return cloneRun(run);
  };
  target[CACHED] = true;
}
