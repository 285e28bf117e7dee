import { describe, expect, it } from 'vitest';
import { suppressHyphenation } from './no-hyphenation.js';

const style = (id: string, inner: string, type = 'paragraph') => `<w:style w:type="${type}" w:styleId="${id}"><w:name w:val="${id}"/>${inner}</w:style>`;

describe('suppressHyphenation', () => {
  it('puts <w:suppressAutoHyphens/> where CT_PPrBase wants it: after tabs, before spacing and jc', () => {
    const xml = style('H', '<w:pPr><w:keepNext/><w:tabs><w:tab w:val="left" w:pos="1"/></w:tabs><w:spacing w:after="80"/><w:jc w:val="left"/></w:pPr><w:rPr><w:b/></w:rPr>');
    expect(suppressHyphenation(xml, ['H'])).toBe(style('H', '<w:pPr><w:keepNext/><w:tabs><w:tab w:val="left" w:pos="1"/></w:tabs><w:suppressAutoHyphens/><w:spacing w:after="80"/><w:jc w:val="left"/></w:pPr><w:rPr><w:b/></w:rPr>'));
  });

  it('adds paragraph properties before the run properties when a style has none, and is idempotent', () => {
    const once = suppressHyphenation(style('N', '<w:basedOn w:val="U"/><w:rPr><w:b/></w:rPr>'), ['N']);
    expect(once).toBe(style('N', '<w:basedOn w:val="U"/><w:pPr><w:suppressAutoHyphens/></w:pPr><w:rPr><w:b/></w:rPr>'));
    expect(suppressHyphenation(once, ['N'])).toBe(once);
  });

  it('leaves other styles and character styles alone', () => {
    const xml = style('Body', '<w:pPr><w:spacing w:after="80"/></w:pPr>') + style('H', '<w:rPr><w:b/></w:rPr>', 'character');
    expect(suppressHyphenation(xml, ['H'])).toBe(xml);
  });
});
