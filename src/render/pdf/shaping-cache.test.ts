import { describe, expect, it } from 'vitest';
import { Font } from '@react-pdf/renderer';
import { FONT_FAMILY, loadFonts } from './fonts.js';

interface Run { glyphs: Array<{ id: number }>; positions: Array<{ xAdvance: number }>; advanceWidth: number }
type Shaper = { layout: (s: string, ...rest: unknown[]) => Run };

describe('shaping cache', () => {
  it('gives the same glyphs and advances as fontkit itself, in a fresh array each time', async () => {
    await loadFonts();
    const font = (Font.getFont({ fontFamily: FONT_FAMILY, fontWeight: 400, fontStyle: 'normal' }) as unknown as { data: Shaper }).data;
    const uncached = (s: string): Run => (Object.getPrototypeOf(font) as Shaper).layout.call(font, s, undefined, undefined, undefined, 'ltr');
    const text = 'Trygheds­vandring i Urbanplanen – 1.928 kr. “æøå ÆØÅ”';
    const first = font.layout(text, undefined, undefined, undefined, 'ltr');
    const second = font.layout(text, undefined, undefined, undefined, 'ltr');
    const reference = uncached(text);
    for (const run of [first, second]) {
      expect(run.glyphs.map((g) => g.id)).toEqual(reference.glyphs.map((g) => g.id));
      expect(run.positions.map((p) => p.xAdvance)).toEqual(reference.positions.map((p) => p.xAdvance));
      expect(run.advanceWidth).toBe(reference.advanceWidth);
    }
    // Callers may change a run's glyph array in place: they must not share one.
    expect(second.glyphs).not.toBe(first.glyphs);
    second.glyphs[0] = { id: -1 };
    expect(font.layout(text, undefined, undefined, undefined, 'ltr').glyphs[0]?.id).toBe(reference.glyphs[0]?.id);
    // The features are part of the key: the same string shaped without ligatures is its own entry.
    const shapeFfi = (features: unknown) => font.layout('offisiel', features, undefined, undefined, 'ltr').glyphs.map((g) => g.id);
    const withLigatures = shapeFfi(undefined);
    const without = shapeFfi({ liga: false });
    const proto = Object.getPrototypeOf(font) as Shaper;
    expect(without).toEqual(proto.layout.call(font, 'offisiel', { liga: false }, undefined, undefined, 'ltr').glyphs.map((g) => g.id));
    expect(withLigatures).toEqual(proto.layout.call(font, 'offisiel', undefined, undefined, undefined, 'ltr').glyphs.map((g) => g.id));
  });
});
