import { createRequire } from 'node:module';
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FALLBACK_FACES, INVISIBLE, PRIMARY_FACES, REPLACEMENT, coverage, fontFile, missingGlyphs, printable, readCmap, substitute } from './coverage.js';

interface Fontkit {
  openSync(path: string): { characterSet: number[]; hasGlyphForCodePoint(cp: number): boolean };
}
const fontkit = createRequire(import.meta.url)('fontkit') as Fontkit;

const cp = (char: string): number => char.codePointAt(0)!;

describe('the faces and their cmaps', () => {
  it('reads each face\'s cmap exactly as fontkit (react-pdf) does', () => {
    for (const face of [...PRIMARY_FACES, ...FALLBACK_FACES]) {
      const file = fontFile(face);
      const ours = readCmap(file);
      const font = fontkit.openSync(file);
      const theirs = font.characterSet.filter((c) => font.hasGlyphForCodePoint(c));
      const mine = new Set(ours.ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i)));
      expect(mine.size, face.file).toBe(new Set(theirs).size);
      const differ: string[] = [];
      for (const c of theirs) if (!ours.has(c)) differ.push(c.toString(16));
      // Every code point of the first two planes: nothing claimed that fontkit does not have.
      for (let c = 0; c < 0x20000; c += 1) if (ours.has(c) !== font.hasGlyphForCodePoint(c)) differ.push(c.toString(16));
      expect(differ, face.file).toEqual([]);
    }
  }, 60_000);

  it('keeps the fallback faces small: each file under 1.3 MB', () => {
    for (const face of FALLBACK_FACES) expect(statSync(fontFile(face)).size, face.file).toBeLessThan(1.3e6);
  });

  it('has every printable character below U+0250 in all four Noto Sans faces (missingGlyphs skips them unseen)', () => {
    const { primary } = coverage();
    for (let c = 0x20; c < 0x250; c += 1) if (c < 0x7f || c > 0x9f) expect(primary.has(c), `U+${c.toString(16)}`).toBe(true);
  });
});

describe('what the PDF can print', () => {
  it('prints arrows, mathematical signs, enclosed numbers, check marks, emoji, Arabic and Hebrew from the fallback faces', () => {
    for (const char of ['→', '⇒', '↔', '≤', '≥', '≠', '∞', '①', 'Ⅱ', '✓', '☐', '★', '●', '😀', '👍', '📞', '€', '–', '…', 'م', 'ا', 'پ', 'ש', 'א']) {
      expect(printable(cp(char)), char).toBe(true);
    }
  });

  it('has no glyphs for Chinese, Japanese, Korean or Thai', () => {
    for (const char of ['中', '文', 'こ', '한', 'ส']) expect(printable(cp(char)), char).toBe(false);
  });

  it('takes Arabic letters from Noto Sans Arabic only, never from a symbol face that also has some', () => {
    const math = FALLBACK_FACES.find((face) => face.family === 'Noto Sans Math')!;
    expect(readCmap(fontFile(math)).has(cp('ا'))).toBe(true);
    expect(coverage().fallbacks.get('Noto Sans Math')!.has(cp('ا'))).toBe(false);
    expect(coverage().fallbacks.get('Noto Sans Arabic')!.has(cp('ا'))).toBe(true);
  });

  it('substitutes one code point for one: a tab by a space, invisible characters by U+200B, the rest by U+FFFD', () => {
    expect(substitute(0x09)).toBe(0x20);
    expect(substitute(0x0a)).toBe(INVISIBLE);
    expect(substitute(0xfe0e)).toBe(INVISIBLE);
    expect(substitute(cp('中'))).toBe(REPLACEMENT);
    expect(substitute(cp('𠀀'))).toBe(REPLACEMENT);
  });
});

describe('missingGlyphs', () => {
  it('gives the UTF-16 offset of each visible character the PDF replaces', () => {
    const text = 'Smil 😀 → 中文 og مرحبا שלום こんにちは\u200d\ufe0f\t\n.';
    const missing = missingGlyphs(text);
    expect(missing.map((m) => String.fromCodePoint(m.codePoint)).join('')).toBe('中文こんにちは');
    for (const m of missing) expect(text.codePointAt(m.offset)).toBe(m.codePoint);
    expect(missing[0]!.offset).toBe(text.indexOf('中'));
  });

  it('finds nothing in ordinary Danish text', () => {
    expect(missingGlyphs('Lokal medfinansiering – mindst 25 % af 1.928 kr. “citat” … Æble, øl, å; § 1 • €')).toEqual([]);
  });
});
