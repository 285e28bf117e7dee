import { createRequire } from 'node:module';

/**
 * Danish hyphenation for react-pdf's line breaker, built on the TeX patterns shipped
 * by the `hyphen` package (`hyphen/da`). react-pdf calls the callback once per
 * space-separated word and joins the returned parts back together, so the parts must
 * concatenate to the word exactly.
 *
 * How react-pdf (textkit's linebreaker) uses the parts: between two non-empty parts it
 * puts a hyphenation point, and a line broken there ends in an added "-". An empty part
 * ("") becomes a zero-width glue instead: a line may break there, and nothing is added.
 * That is how a token that is not a word (a URL, a path, a 98,000-character paste) breaks
 * at the column edge without a hyphen (see `tokenParts`), and no character is inserted
 * into the text, so a copied URL stays whole.
 */
type HyphenateSync = (text: string, options?: { hyphenChar?: string; minWordLength?: number }) => string;

const SOFT_HYPHEN = '\u00AD';
const MIN_LETTERS_BEFORE = 2;
const MIN_LETTERS_AFTER = 3;

let danish: HyphenateSync | undefined;

function danishHyphenator(): HyphenateSync {
  // The package is CommonJS without type declarations; load it once, on first use. The
  // bundle (CommonJS, scripts/bundle.mjs) has `require`, and carries the patterns inside.
  const load = typeof require === 'function' ? () => require('hyphen/da') : () => createRequire(import.meta.url)('hyphen/da');
  danish ??= (load() as { hyphenateSync: HyphenateSync }).hyphenateSync;
  return danish;
}

/** Words that must never be broken: anything with a digit, e-mail addresses, URLs, paths. */
export function isUnbreakable(word: string): boolean {
  return /\d/.test(word) || word.includes('@') || word.includes('://') || /^\W*www\./i.test(word) || /[\\_]/.test(word) || /\/\W*$|^\W*\//.test(word);
}

const letters = (part: string): number => (part.match(/\p{L}/gu) ?? []).length;
const isVowel = (part: string): boolean => /^[aeiouyæøåéAEIOUYÆØÅÉ]$/.test(part.replace(/[^\p{L}]/gu, ''));

/**
 * The Danish patterns sometimes cut off a single letter ("me-d-ar-bej-der"). Such a
 * fragment is glued to its neighbour: a lone vowel usually begins the next syllable
 * ("Omdøm-me-a-na-ly-se" → "…me-ana…"), a lone consonant ends the previous one
 * ("me-d-ar" → "med-ar"). Then at least two letters stay before the first break and
 * three after the last one.
 */
function tidy(parts: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i] ?? '';
    if (letters(part) === 1 && out.length > 0 && i < parts.length - 1 && isVowel(part)) {
      parts[i + 1] = part + (parts[i + 1] ?? '');
    } else if (letters(part) <= 1 && out.length > 0) {
      out[out.length - 1] += part;
    } else {
      out.push(part);
    }
  }
  while (out.length > 1 && letters(out[0] ?? '') < MIN_LETTERS_BEFORE) out.splice(0, 2, (out[0] ?? '') + (out[1] ?? ''));
  while (out.length > 1 && letters(out[out.length - 1] ?? '') < MIN_LETTERS_AFTER) {
    const last = out.pop() ?? '';
    out[out.length - 1] += last;
  }
  return out;
}

/**
 * Longer than this, a word is a token, not a Danish word (the longest Danish words have
 * about 50 letters, and no column of the PDF holds 100 characters): it gets no Danish
 * hyphenation, whose patterns take time quadratic in the word's length (20,000 letters:
 * 8 s; 98,000: minutes), but breaks between any two characters (`tokenParts`).
 */
export const TOKEN_LENGTH = 100;

/**
 * At most this many break opportunities per token: react-pdf spreads a word's parts into
 * one function call (`push(...parts)`), and a few hundred thousand arguments overflow the
 * stack. Tokens of more than 10,000 characters break every few characters instead.
 */
const MAX_TOKEN_BREAKS = 10_000;

/**
 * A user-perceived character, near enough for where a token may break: a code point with
 * its combining marks, variation selectors, skin-tone modifiers and emoji tags, joined by
 * ZWJ to the next such (👨‍👩‍👧), or a pair of regional indicators (a flag). (Intl.Segmenter
 * does this exactly, but takes seconds on a 98,000-character token.)
 */
const CLUSTER = /[\u{1F1E6}-\u{1F1FF}]{2}|[^](?:[\p{M}\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]|\u200d[^\p{M}])*/gu;

/**
 * A token's parts: its characters (whole clusters, so an emoji sequence or a letter with
 * its accent stays together), each followed by an empty part, a break opportunity without
 * a hyphen.
 */
export function tokenParts(word: string): string[] {
  // Printable ASCII (most URLs) has one character per cluster.
  const clusters = /^[\x20-\x7e]*$/.test(word) ? word.split('') : (word.match(CLUSTER) ?? []);
  const step = Math.ceil(clusters.length / MAX_TOKEN_BREAKS);
  const parts: string[] = [];
  for (let i = 0; i < clusters.length; i += step) {
    if (parts.length > 0) parts.push('');
    parts.push(clusters.slice(i, i + step).join(''));
  }
  return parts;
}

/**
 * react-pdf asks for every word on every layout pass (footnote placement lays the
 * document out several times), so results are remembered. Bounded: words are few.
 */
const memo = new Map<string, string[]>();

/**
 * Text that did not fit its column on the first try (see `layOutWithoutOverflow`): a word
 * containing one of these is broken like a token. Only set while react-pdf lays out that
 * one paragraph again.
 */
const tooWide = new Set<string>();

/** A hyphenation callback; `cacheKey` tells the line cache which words it keeps whole. */
export type Hyphenation = ((word: string) => string[]) & { cacheKey: string };

const byNames = new Map<string, Hyphenation>();

/**
 * Danish hyphenation for one agreement, whose people's names are never hyphenated (a
 * double surname may still break after its own hyphen). One callback per set of names,
 * registered by toPdf for its document: what another agreement rendered before in the
 * same process (batch, watch) never changes this one's line breaks, and the line cache
 * keys lines by `cacheKey`.
 */
export function danishHyphenation(fullNames: Iterable<string> = []): Hyphenation {
  const words = [...new Set([...fullNames].flatMap((name) => name.split(/\s+/)).filter(Boolean).map((w) => w.toLowerCase()))].sort();
  const key = words.join(' ');
  let callback = byNames.get(key);
  if (!callback) {
    const names = new Set(words);
    callback = Object.assign((word: string) => {
      if (names.size > 0) {
        const bare = word.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '').toLowerCase();
        if (names.has(bare)) return word.split(/(?<=-)/).flatMap((side, i) => (i === 0 ? [side] : ['', side]));
      }
      return hyphenateDanish(word);
    }, { cacheKey: key });
    if (byNames.size > 100) byNames.clear();
    byNames.set(key, callback);
  }
  return callback;
}

/**
 * Headings and column headings are never hyphenated (a line may still break between
 * words), unless a word is wider than its column: then it is broken like a token, as
 * `layOutWithoutOverflow` asks, rather than cut at the column's edge.
 */
export const keepWhole = (word: string): string[] =>
  tooWide.size > 0 && [...tooWide].some((wide) => word.includes(wide)) ? tokenParts(word) : [word];

/** Split a word into the parts between which a line may break (with a hyphen, or without one after an empty part). */
export function hyphenateDanish(word: string): string[] {
  if (tooWide.size > 0 && [...tooWide].some((wide) => word.includes(wide))) return tokenParts(word);
  let parts = memo.get(word);
  if (!parts) {
    parts = split(word);
    if (memo.size > 50_000) memo.clear();
    memo.set(word, parts);
  }
  return [...parts];
}

/** The parts of a laid-out line that `layOutWithoutOverflow` and `markAddedHyphens` read. */
interface Line {
  string?: string;
  xAdvance?: number;
  box?: { width: number };
  runs?: Array<{ addedHyphen?: boolean }>;
}

/**
 * Marks each line that ends in a hyphen react-pdf added at a hyphenation point (its last
 * run gets `addedHyphen`), so the tagged PDF can give that hyphen a soft hyphen as its
 * /ActualText (tagging.ts): a screen reader reads "kriminalitetsforebyggelse", not
 * "kriminalitets- forebyggelse". The lines are slices of `text`, plus the added "-":
 * a line whose text is not the next slice but is without its last "-" ends in one.
 * A hyphen of the text itself ("Grønholt-" / "Pedersen") is a slice and stays a hyphen.
 */
export function markAddedHyphens(text: string, lines: readonly unknown[]): void {
  let at = 0;
  for (const line of lines as Line[]) {
    const s = line.string ?? '';
    if (text.startsWith(s, at)) {
      at += s.length;
    } else if (s.endsWith('-') && text.startsWith(s.slice(0, -1), at)) {
      const last = line.runs?.[line.runs.length - 1];
      if (last) last.addedHyphen = true;
      at += s.length - 1;
    } else {
      // Not a slice (react-pdf changed the line otherwise): find the line again, mark nothing.
      const found = text.indexOf(s, at);
      if (found >= 0) at = found + s.length;
    }
  }
}

/** Up to this much (in points) a line may be wider than its box: rounding, not overflow. */
const TOLERANCE = 0.01;

/**
 * Lays out a paragraph (`run` calls react-pdf's text engine) so that no line is wider than
 * its column. A word wider than the column would otherwise stand on a line of its own and
 * be cut at the page edge. If a line overflows, the longest word on it is broken like a
 * token, at the column edge without a hyphen, and the paragraph is laid out again (at most
 * twice). Words that fit are never broken this way: a URL that fits on the next line
 * moves there whole, as in Word.
 */
export function layOutWithoutOverflow<L>(run: () => L[]): L[] {
  let lines = run();
  try {
    for (let round = 0; round < 2; round += 1) {
      const before = tooWide.size;
      for (const line of lines as Line[]) {
        if ((line.xAdvance ?? 0) <= (line.box?.width ?? Infinity) + TOLERANCE) continue;
        // A line broken at a hyphenation point ends in the hyphen react-pdf added.
        const words = (line.string ?? '').replace(/-$/, '').split(/\s+/);
        const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
        if (longest) tooWide.add(longest);
      }
      if (tooWide.size === before) break;
      lines = run();
    }
  } finally {
    tooWide.clear();
  }
  return lines;
}

function split(word: string): string[] {
  if (word.length === 0) return [];
  if (word.length > TOKEN_LENGTH) return tokenParts(word);
  if (isUnbreakable(word)) return [word];
  // Soft hyphens written by the author replace the patterns.
  if (word.includes(SOFT_HYPHEN)) return word.split(SOFT_HYPHEN);
  // "Tryghedspartnerskabet/Partnerskabet" (two words joined by a slash, not a path or URL):
  // each side is hyphenated on its own, and the line may also break after the slash.
  // The empty part makes that break hyphen-free (see tokenParts).
  if (word.includes('/')) return word.split(/(?<=\/)/).flatMap((side, i) => (i === 0 ? split(side) : ['', ...split(side)]));
  if (letters(word) < MIN_LETTERS_BEFORE + MIN_LETTERS_AFTER) return [word];
  return tidy(danishHyphenator()(word, { hyphenChar: SOFT_HYPHEN }).split(SOFT_HYPHEN));
}
