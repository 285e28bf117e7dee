/**
 * Which characters the PDF can print, and what it prints instead of the others.
 *
 * The PDF's text is set in Noto Sans, with fallback faces for what a Danish agreement may
 * quote beyond it: Arabic and Hebrew, arrows, mathematical signs, ①, ✓, emoji. react-pdf picks a face per
 * character from the `fontFamily` list and, when no face in the list has a glyph, draws the
 * character in the unembedded standard font Helvetica: wrong glyphs, and no longer PDF/A.
 * fonts.ts prevents that with this module's answers, and the `glyffer` rule
 * (src/content/rules/glyffer.ts) warns about the same characters before anything is laid
 * out, so the two always agree.
 *
 * Pure and cheap: the faces' coverage is read from their `cmap` tables only (a few
 * kilobytes per file, well under a millisecond), not by loading a font library, so that
 * `validate` stays fast.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface Face {
  family: string;
  fontWeight: 400 | 700;
  fontStyle: 'normal' | 'italic';
  /** The font file, as a path inside its installed package. */
  file: string;
  /** The script a fallback face is for (it serves that script's letters); unset for a symbol face, which serves no letters. */
  script?: string;
}

/** The text face of the PDF. */
export const PRIMARY_FAMILY = 'Noto Sans';

/** Noto Sans's four faces. */
export const PRIMARY_FACES: readonly Face[] = [
  { family: PRIMARY_FAMILY, fontWeight: 400, fontStyle: 'normal', file: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf' },
  { family: PRIMARY_FAMILY, fontWeight: 400, fontStyle: 'italic', file: '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf' },
  { family: PRIMARY_FAMILY, fontWeight: 700, fontStyle: 'normal', file: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf' },
  { family: PRIMARY_FAMILY, fontWeight: 700, fontStyle: 'italic', file: '@expo-google-fonts/noto-sans/700Bold_Italic/NotoSans_700Bold_Italic.ttf' },
];

/**
 * Fallback faces, in the order they are asked (after Noto Sans). One regular face each: a
 * character in bold or italic text that Noto Sans lacks is printed upright and regular.
 * - Noto Sans Arabic, Noto Sans Hebrew: names and words quoted in Arabic (also Persian,
 *   Urdu) and Hebrew. react-pdf orders right-to-left text by the Unicode bidi algorithm and
 *   fontkit joins Arabic letters, so they print as they are written.
 * - Noto Sans Math: all arrows (→ ⇒ ↔), mathematical operators (≤ ≥ ≠ ≈ ∞ ∑), box drawing;
 *   drawn to match Noto Sans.
 * - Noto Sans Symbols: enclosed numbers (① ②), Roman numerals (Ⅱ), technical symbols.
 * - Noto Sans Symbols 2: geometric shapes, ballot boxes and check marks (☐ ☑ ✓ ★ ●), dingbats.
 * - Noto Emoji: emoji, in black and white (😀 👍 📞).
 * Not embedded: Chinese, Japanese and Korean (several megabytes per face) and the other
 * scripts of the world. Their characters print as REPLACEMENT, with a warning.
 */
export const FALLBACK_FACES: readonly Face[] = [
  { family: 'Noto Sans Arabic', fontWeight: 400, fontStyle: 'normal', file: '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf', script: 'Arabic' },
  { family: 'Noto Sans Hebrew', fontWeight: 400, fontStyle: 'normal', file: '@expo-google-fonts/noto-sans-hebrew/400Regular/NotoSansHebrew_400Regular.ttf', script: 'Hebrew' },
  { family: 'Noto Sans Math', fontWeight: 400, fontStyle: 'normal', file: '@expo-google-fonts/noto-sans-math/400Regular/NotoSansMath_400Regular.ttf' },
  { family: 'Noto Sans Symbols', fontWeight: 400, fontStyle: 'normal', file: '@expo-google-fonts/noto-sans-symbols/400Regular/NotoSansSymbols_400Regular.ttf' },
  { family: 'Noto Sans Symbols 2', fontWeight: 400, fontStyle: 'normal', file: '@expo-google-fonts/noto-sans-symbols-2/400Regular/NotoSansSymbols2_400Regular.ttf' },
  { family: 'Noto Emoji', fontWeight: 400, fontStyle: 'normal', file: '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf' },
];

/** react-pdf's `fontFamily` for all text: Noto Sans first, then the fallbacks. */
export const FONT_STACK: readonly string[] = [PRIMARY_FAMILY, ...FALLBACK_FACES.map((face) => face.family)];

/** What the PDF prints for a character no face has: U+FFFD REPLACEMENT CHARACTER (Noto Sans has it). */
export const REPLACEMENT = 0xfffd;
/** What it prints for an invisible character no face has: U+200B ZERO WIDTH SPACE (Noto Sans has it). */
export const INVISIBLE = 0x200b;

const require = createRequire(import.meta.url);

/** The absolute path of a face's font file. */
export const fontFile = (face: Face): string => require.resolve(face.file);

/** A set of Unicode code points: a bitmap (139 KB) for lookups, and the ranges it was made of. */
export class CodePointSet {
  readonly bits = new Uint8Array(0x110000 >> 3);
  /** [first, last] pairs, as added. */
  readonly ranges: Array<[number, number]> = [];
  has(cp: number): boolean {
    return ((this.bits[cp >> 3] ?? 0) & (1 << (cp & 7))) !== 0;
  }
  addRange(first: number, last: number): void {
    if (last < first) return;
    this.ranges.push([first, last]);
    for (let cp = first; cp <= last; cp += 1) this.bits[cp >> 3]! |= 1 << (cp & 7);
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = readSync(fd, buffer, 0, length, position);
  if (read !== length) throw new Error(`font file ended early (wanted ${length} bytes at ${position})`);
  return buffer;
}

/**
 * The code points a TrueType/OpenType font maps to a glyph other than .notdef, read from
 * its `cmap` table: the same subtable fontkit (and so react-pdf) uses, format 12 or 4.
 */
export function readCmap(path: string): CodePointSet {
  const fd = openSync(path, 'r');
  try {
    const header = readAt(fd, 0, 12);
    const tables = header.readUInt16BE(4);
    const directory = readAt(fd, 12, 16 * tables);
    let cmap: Buffer | undefined;
    for (let i = 0; i < tables; i += 1) {
      if (directory.toString('latin1', 16 * i, 16 * i + 4) === 'cmap') {
        cmap = readAt(fd, directory.readUInt32BE(16 * i + 8), directory.readUInt32BE(16 * i + 12));
      }
    }
    if (!cmap) throw new Error(`${path}: no cmap table`);
    return parseCmap(cmap, path);
  } finally {
    closeSync(fd);
  }
}

/** fontkit's order of preference among cmap subtables (platform, encoding). */
const PREFERRED = [[3, 10], [0, 6], [0, 4], [3, 1], [0, 3], [0, 2], [0, 1], [0, 0]] as const;

function parseCmap(cmap: Buffer, path: string): CodePointSet {
  const offsets = new Map<string, number>();
  for (let i = 0; i < cmap.readUInt16BE(2); i += 1) {
    const at = 4 + 8 * i;
    offsets.set(`${cmap.readUInt16BE(at)},${cmap.readUInt16BE(at + 2)}`, cmap.readUInt32BE(at + 4));
  }
  const set = new CodePointSet();
  for (const [platform, encoding] of PREFERRED) {
    const at = offsets.get(`${platform},${encoding}`);
    if (at === undefined) continue;
    const format = cmap.readUInt16BE(at);
    if (format === 12) {
      const groups = cmap.readUInt32BE(at + 12);
      for (let g = 0; g < groups; g += 1) {
        const p = at + 16 + 12 * g;
        const start = cmap.readUInt32BE(p);
        const end = Math.min(cmap.readUInt32BE(p + 4), 0x10ffff);
        // Glyph 0 is .notdef: a character mapped to it has no glyph.
        set.addRange(cmap.readUInt32BE(p + 8) === 0 ? start + 1 : start, end);
      }
      return set;
    }
    if (format === 4) {
      const segments = cmap.readUInt16BE(at + 6) / 2;
      const ends = at + 14;
      const starts = ends + 2 * segments + 2;
      const deltas = starts + 2 * segments;
      const rangeOffsets = deltas + 2 * segments;
      for (let s = 0; s < segments; s += 1) {
        const start = cmap.readUInt16BE(starts + 2 * s);
        const end = cmap.readUInt16BE(ends + 2 * s);
        const delta = cmap.readInt16BE(deltas + 2 * s);
        const rangeOffset = cmap.readUInt16BE(rangeOffsets + 2 * s);
        for (let cp = start; cp <= end && cp !== 0xffff; cp += 1) {
          let glyph: number;
          if (rangeOffset === 0) glyph = (cp + delta) & 0xffff;
          else {
            glyph = cmap.readUInt16BE(rangeOffsets + 2 * s + rangeOffset + 2 * (cp - start));
            if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
          }
          if (glyph !== 0) set.addRange(cp, cp);
        }
      }
      return set;
    }
    throw new Error(`${path}: cmap format ${format} is not supported`);
  }
  throw new Error(`${path}: no Unicode cmap subtable`);
}

/** Control characters and the Unicode Default_Ignorable_Code_Points (ZWJ, variation selectors, …): never drawn. */
const INVISIBLE_CHARACTER = /^[\p{Cc}\p{Default_Ignorable_Code_Point}]$/u;
/** Code points that are not characters at all (lone surrogates, noncharacters): validate rejects them elsewhere. */
const NOT_A_CHARACTER = /^[\p{Cs}\p{Noncharacter_Code_Point}]$/u;
/**
 * Letters and marks of scripts other than those Noto Sans covers. The symbol faces carry a
 * few letters of other scripts (Noto Sans Math has Arabic ones, for Arabic mathematics),
 * which would split a word between two faces and break its shaping: such letters are only
 * taken from the face for their script.
 */
const FOREIGN_LETTER = /^(?=[\p{L}\p{M}])(?![\p{Script=Common}\p{Script=Inherited}\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])/u;

export interface Coverage {
  /** Code points every Noto Sans face has (they differ by three rare characters). */
  primary: CodePointSet;
  /** Per fallback family, the code points it is asked for: its own, less those of Noto Sans and (for a symbol face) foreign letters. */
  fallbacks: ReadonlyMap<string, CodePointSet>;
  /** Code points some fallback face serves. */
  anyFallback: CodePointSet;
}

let primary: CodePointSet | undefined;
let loaded: Coverage | undefined;

/** The code points all four Noto Sans faces have, read once per process. */
function primaryCoverage(): CodePointSet {
  if (primary) return primary;
  const [first, ...others] = PRIMARY_FACES.map((face) => readCmap(fontFile(face)));
  primary = new CodePointSet();
  for (const [from, to] of first!.ranges) {
    for (let cp = from; cp <= to; cp += 1) if (others.every((other) => other.has(cp))) primary.addRange(cp, cp);
  }
  return primary;
}

/** The faces' coverage, read once per process (a few milliseconds). */
export function coverage(): Coverage {
  if (loaded) return loaded;
  const inPrimary = primaryCoverage();
  const fallbacks = new Map<string, CodePointSet>();
  const anyFallback = new CodePointSet();
  for (const face of FALLBACK_FACES) {
    const own = new CodePointSet();
    for (const [first, last] of readCmap(fontFile(face)).ranges) {
      for (let cp = first; cp <= last; cp += 1) {
        if (inPrimary.has(cp) || (!face.script && FOREIGN_LETTER.test(String.fromCodePoint(cp)))) continue;
        own.addRange(cp, cp);
        anyFallback.addRange(cp, cp);
      }
    }
    fallbacks.set(face.family, own);
  }
  loaded = { primary: inPrimary, fallbacks, anyFallback };
  return loaded;
}

/**
 * Whether some face of the PDF prints this code point as itself. The fallback faces are
 * only read for a character Noto Sans lacks, so checking ordinary Danish text reads four
 * cmaps, not ten.
 */
export function printable(cp: number): boolean {
  return primaryCoverage().has(cp) || coverage().anyFallback.has(cp);
}

/**
 * What the PDF prints for a code point none of its faces has: a tab as a space, any other
 * invisible character (control, zero-width, variation selector) as nothing (U+200B), and
 * everything else as U+FFFD, so the reader sees that something is missing. One code point
 * for one, so react-pdf's index of glyphs into the text stays right.
 */
export function substitute(cp: number): number {
  if (cp === 0x09) return 0x20;
  return INVISIBLE_CHARACTER.test(String.fromCodePoint(cp)) ? INVISIBLE : REPLACEMENT;
}

export interface MissingGlyph {
  /** UTF-16 index into the text. */
  offset: number;
  codePoint: number;
}

/**
 * The visible characters of `text` the PDF cannot print and shows as U+FFFD. Invisible
 * characters are left out (nothing is lost when they are not drawn), and so are code points
 * that are not characters (the `tegn` rule rejects those).
 */
export function missingGlyphs(text: string): MissingGlyph[] {
  const out: MissingGlyph[] = [];
  for (let offset = 0; offset < text.length; ) {
    const cp = text.codePointAt(offset)!;
    // Nearly all text is ASCII or Latin-1: no lookup for it.
    if (cp >= 0x250 && !printable(cp)) {
      const char = String.fromCodePoint(cp);
      if (!INVISIBLE_CHARACTER.test(char) && !NOT_A_CHARACTER.test(char)) out.push({ offset, codePoint: cp });
    }
    offset += cp > 0xffff ? 2 : 1;
  }
  return out;
}
