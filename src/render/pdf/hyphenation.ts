import { createRequire } from 'node:module';

/**
 * Danish hyphenation for react-pdf's line breaker, built on the TeX patterns shipped
 * by the `hyphen` package (`hyphen/da`). react-pdf calls the callback once per
 * space-separated word and joins the returned parts back together, so the parts must
 * concatenate to the word exactly.
 */
type HyphenateSync = (text: string, options?: { hyphenChar?: string; minWordLength?: number }) => string;

const SOFT_HYPHEN = '\u00AD';
const MIN_LETTERS_BEFORE = 2;
const MIN_LETTERS_AFTER = 3;

let danish: HyphenateSync | undefined;

function danishHyphenator(): HyphenateSync {
  // The package is CommonJS without type declarations; load it once, on first use.
  danish ??= (createRequire(import.meta.url)('hyphen/da') as { hyphenateSync: HyphenateSync }).hyphenateSync;
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
 * react-pdf asks for every word on every layout pass (footnote placement lays the
 * document out several times), so results are remembered. Bounded: words are few.
 */
const memo = new Map<string, string[]>();

/** Split a word into the parts between which a line may break with a hyphen. */
export function hyphenateDanish(word: string): string[] {
  let parts = memo.get(word);
  if (!parts) {
    parts = split(word);
    if (memo.size > 50_000) memo.clear();
    memo.set(word, parts);
  }
  return [...parts];
}

function split(word: string): string[] {
  if (word.length === 0) return [];
  if (isUnbreakable(word)) return [word];
  // Soft hyphens written by the author replace the patterns.
  if (word.includes(SOFT_HYPHEN)) return word.split(SOFT_HYPHEN);
  // "Tryghedspartnerskabet/Partnerskabet" (two words joined by a slash, not a path or URL):
  // each side is hyphenated on its own, and the line may also break after the slash.
  if (word.includes('/')) return word.split(/(?<=\/)/).flatMap((side) => split(side));
  if (letters(word) < MIN_LETTERS_BEFORE + MIN_LETTERS_AFTER) return [word];
  return tidy(danishHyphenator()(word, { hyphenChar: SOFT_HYPHEN }).split(SOFT_HYPHEN));
}
