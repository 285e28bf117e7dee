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
 * What is handed out: a new GlyphRun object with its own `glyphs` array (react-pdf's
 * renderer replaces entries of that array in place) sharing the glyph objects (fontkit
 * caches those per font anyway) and the position objects (textkit maps them to new
 * objects before anything changes them).
 */

import { LRUCache } from 'lru-cache';

interface GlyphRunLike {
  glyphs: unknown[];
}

interface ShapingFont {
  layout: (string: unknown, ...rest: unknown[]) => GlyphRunLike;
}

const CACHED = Symbol('delaftale.shapingCache');

/**
 * Glyphs kept per font (about 100 bytes each), least recently used strings dropped first.
 * The seed's two documents shape about 60,000; this keeps a few agreements' worth, so a
 * long batch stays within its memory budget (bench/).
 */
export const MAX_GLYPHS = 250_000;

function cloneRun<T extends GlyphRunLike>(run: T): T {
  const copy = Object.create(Object.getPrototypeOf(run) as object) as T;
  Object.assign(copy, run);
  copy.glyphs = run.glyphs.slice();
  return copy;
}

/** Wraps `font.layout` (once per font object) with the cache. */
export function cacheShaping(font: ShapingFont): void {
  const target = font as ShapingFont & { [CACHED]?: true };
  if (target[CACHED]) return;
  const shape = font.layout.bind(font);
  const cache = new LRUCache<string, GlyphRunLike>({ maxSize: MAX_GLYPHS, sizeCalculation: (run) => Math.max(1, run.glyphs.length) });
  target.layout = (string: unknown, ...rest: unknown[]): GlyphRunLike => {
    // Glyph arrays (fontkit's other input form) are rare and not cached.
    if (typeof string !== 'string') return shape(string, ...rest);
    const key = `${string}\u0000${JSON.stringify(rest)}`;
    let run = cache.get(key);
    if (run === undefined) {
      run = shape(string, ...rest);
      cache.set(key, run);
    }
    return cloneRun(run);
  };
  target[CACHED] = true;
}
