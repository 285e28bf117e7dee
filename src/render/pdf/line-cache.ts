/**
 * A cache in front of react-pdf's text layout (line breaking, hyphenation, justification)
 * of one Text node.
 *
 * Why: after shaping (shaping-cache.ts), laying out text is the largest part of a render,
 * and react-pdf lays out every paragraph again on every layout pass, although a pass
 * only changes which footnotes sit at the bottom of which page: each paragraph's text and
 * width are the same. The same holds across watch rebuilds (most paragraphs unchanged)
 * and across the agreements of a batch (shared wording). The lines are a pure function of
 * the attributed string (text and every run attribute), the container (width, height,
 * maxLines, exclusions) and the layout options, so they are kept under a key made of
 * exactly those.
 *
 * react-pdf has no hook for this; `patches/@react-pdf+layout+5.2.0.patch` (applied by
 * patch-package on `npm install`) adds `setTextLayoutCache`. Without the patch the
 * import is undefined and nothing is cached (a test checks that it is applied).
 *
 * A paragraph laid out anew goes through `layOutWithoutOverflow` (hyphenation.ts), which lays
 * it out once more when a word is wider than its column, breaking that word at the edge.
 *
 * The lines are shared between uses, so nothing may change them afterwards: react-pdf's
 * layout and renderer only read them and slice the arrays, with one exception: the
 * renderer overwrites the glyph of an inline attachment (an image inside text). Text with
 * an attachment is therefore never cached (delaftale has none).
 */
import * as layout from '@react-pdf/layout';
import { LRUCache } from 'lru-cache';
import { layOutWithoutOverflow, markAddedHyphens } from './hyphenation.js';

interface AttributedString {
  string: string;
  runs: Array<{ attributes?: Record<string, unknown> }>;
}
interface LayoutOptions {
  hyphenationPenalty?: number;
  hyphenationCallback?: unknown;
}
type TextLayoutCache = (attributedString: unknown, container: unknown, options: unknown, run: () => unknown[]) => unknown[];

/**
 * Characters of laid-out text kept (lines hold about 100 bytes per character), least
 * recently used paragraphs dropped first. The seed's agreement and activity sheets hold
 * about 60,000; this keeps a few agreements' worth, so that a long batch stays within its
 * memory budget (bench/).
 */
export const MAX_CHARACTERS = 300_000;

const fontName = (font: unknown): string => {
  const f = font as { postscriptName?: string; fullName?: string } | null;
  return f?.postscriptName ?? f?.fullName ?? String(f);
};

/** Everything that determines the lines, as a string; font objects by their PostScript name. */
function keyOf(attributedString: AttributedString, container: unknown, options: LayoutOptions): string {
  return JSON.stringify([attributedString.string, attributedString.runs, container, options.hyphenationPenalty], (k, v: unknown) =>
    k === 'font' ? (Array.isArray(v) ? v.map(fontName) : fontName(v)) : v,
  );
}

/** Counts since the process started, for tests and bench/. */
export const lineCacheStats = { hits: 0, misses: 0 };

function createCache(): TextLayoutCache {
  const cache = new LRUCache<string, unknown[]>({ maxSize: MAX_CHARACTERS, sizeCalculation: (_lines, key) => Math.max(1, key.length) });
  // Another hyphenation callback (headings keep words whole; each agreement keeps its
  // people's names whole) breaks lines differently: each has its own part of the key.
  const callbacks = new Map<unknown, number>();
  const idOf = (callback: unknown): string => {
    const named = (callback as { cacheKey?: unknown } | undefined)?.cacheKey;
    if (typeof named === 'string') return `n${named}`;
    if (!callbacks.has(callback)) callbacks.set(callback, callbacks.size);
    return `c${callbacks.get(callback)}`;
  };
  return (attributedString, container, options, run) => {
    const text = attributedString as AttributedString;
    const o = options as LayoutOptions;
    // Every paragraph's lines, cached or not, say where a hyphen was added (tagged PDF).
    const layOut = (): unknown[] => {
      const laid = layOutWithoutOverflow(run);
      markAddedHyphens(text.string, laid);
      return laid;
    };
    if (text.runs.some((r) => r.attributes?.attachment !== undefined)) return layOut();
    const key = `${idOf(o.hyphenationCallback)}:${keyOf(text, container, o)}`;
    let lines = cache.get(key);
    if (lines === undefined) {
      lineCacheStats.misses += 1;
      lines = layOut();
      cache.set(key, lines);
    } else lineCacheStats.hits += 1;
    return lines.slice();
  };
}

let installed: boolean | undefined;

/** Puts the cache in front of react-pdf's text layout, once per process; false if the patch is missing. */
export function installLineCache(): boolean {
  if (installed !== undefined) return installed;
  const set = (layout as { setTextLayoutCache?: (cache: TextLayoutCache | null) => void }).setTextLayoutCache;
  installed = typeof set === 'function';
  if (installed) set!(createCache());
  return installed;
}
