/**
 * Paragraph styles Word must never hyphenate: the title, the headings, column headings,
 * form labels and the names under the signatures (the PDF keeps the same words whole,
 * src/render/pdf/hyphenation.ts keepWhole). The document turns Word's automatic
 * hyphenation on (to-docx.ts), and docx (9.x) has no option for a style's
 * <w:suppressAutoHyphens/>, so it is written into word/styles.xml after packing.
 *
 * CT_PPrBase is a sequence: the element must stand after pStyle … tabs and before
 * kinsoku … outlineLvl, or Word calls the file damaged.
 */
const AFTER_IT = ['kinsoku', 'wordWrap', 'overflowPunct', 'topLinePunct', 'autoSpaceDE', 'autoSpaceDN', 'bidi', 'adjustRightInd', 'snapToGrid', 'spacing', 'ind', 'contextualSpacing', 'mirrorIndents', 'suppressOverlap', 'jc', 'textDirection', 'textAlignment', 'textboxTightWrap', 'outlineLvl', 'divId', 'cnfStyle', 'rPr', 'sectPr', 'pPrChange'];
const LATER = new RegExp(`<w:(?:${AFTER_IT.join('|')})\\b`);

const MARK = '<w:suppressAutoHyphens/>';

/** word/styles.xml with automatic hyphenation suppressed in the paragraph styles `ids`. */
export function suppressHyphenation(xml: string, ids: readonly string[]): string {
  return xml.replace(/<w:style\b[^>]*>[\s\S]*?<\/w:style>/g, (style) => {
    const id = /w:styleId="([^"]*)"/.exec(style)?.[1];
    if (id === undefined || !ids.includes(id) || !/w:type="paragraph"/.test(style) || style.includes(MARK)) return style;
    const pPr = /<w:pPr>([\s\S]*?)<\/w:pPr>|<w:pPr\/>/.exec(style);
    if (!pPr) {
      // No paragraph properties: they come before the style's run properties, or last.
      const at = style.search(/<w:rPr\b|<w:tblPr\b|<w:trPr\b|<w:tcPr\b|<w:tblStylePr\b|<\/w:style>/);
      return `${style.slice(0, at)}<w:pPr>${MARK}</w:pPr>${style.slice(at)}`;
    }
    const inner = pPr[1] ?? '';
    const later = inner.search(LATER);
    const edited = later < 0 ? `${inner}${MARK}` : `${inner.slice(0, later)}${MARK}${inner.slice(later)}`;
    return style.replace(pPr[0], `<w:pPr>${edited}</w:pPr>`);
  });
}
