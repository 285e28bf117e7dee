/**
 * pdfkit's `font(src, size)` for a fontkit font object, as @react-pdf/render calls it for
 * every text run it draws, without building a font it then throws away.
 *
 * Why: pdfkit caches fonts by name only for string sources. For a font object it numbers a
 * new id, builds a new EmbeddedFont (a glyph subset, metrics) and only then finds that a
 * font of that PostScript name is registered and equal (comparing the name tables as
 * JSON), and keeps the registered one. In a profile of a warm re-render that was about a
 * twentieth of writing the PDF.
 *
 * What stays the same: every call still counts an id (`_fontCount`, so fonts first used
 * later get the ids they got before) and sets the source, family and size as pdfkit does,
 * and `_font` is the registered font pdfkit would have picked. A font object is only
 * remembered when pdfkit registered its font under its PostScript name (so a repeat call
 * would find and keep exactly that one); any other case goes through pdfkit every time.
 * pdf-passes.test.ts compares the written bytes with react-pdf's own toBuffer.
 */

interface FontState {
  _fontCount: number;
  _fontSource: unknown;
  _fontFamily: unknown;
  _font: { name?: string } | null;
  _fontFamilies: Record<string, unknown>;
  fontSize(size: number): unknown;
  font(src: unknown, family?: unknown, size?: unknown): unknown;
}

export function reuseEmbeddedFonts(document: object): void {
  const doc = document as FontState;
  const pdfkitFont = doc.font.bind(doc);
  const known = new WeakMap<object, NonNullable<FontState['_font']>>();
  doc.font = function font(src, family, size) {
    // @react-pdf/render's call: font(fontObject, fontSize).
    if (typeof src !== 'object' || src === null || typeof family !== 'number' || size !== undefined) return pdfkitFont(src, family, size);
    const registered = known.get(src);
    if (registered === undefined) {
      pdfkitFont(src, family);
      const picked = doc._font;
      if (picked?.name !== undefined && doc._fontFamilies[picked.name] === picked) known.set(src, picked);
      return doc;
    }
    doc._fontCount += 1;
    doc._fontSource = src;
    doc._fontFamily = null;
    doc.fontSize(family);
    doc._font = registered;
    return doc;
  };
}
