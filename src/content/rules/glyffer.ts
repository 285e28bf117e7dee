import { warning } from '../../diagnostics/diagnostic.js';
import { REPLACEMENT, missingGlyphs } from '../../render/pdf/coverage.js';
import { stringValues } from '../fields.js';
import type { Rule } from './rule.js';

const named = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')} "${String.fromCodePoint(cp)}"`;

/** Other characters named in one warning; the rest are counted. */
const LISTED = 4;

/**
 * Characters the PDF has no glyph for (Chinese, Japanese, Korean, Thai, rare symbols; see
 * src/render/pdf/coverage.ts for the faces it embeds). The PDF prints them as "�", never in
 * an unembedded font; the DOCX keeps them (Word has its own font fallback). One warning per
 * field, at the first such character, naming the others.
 */
export const glyffer: Rule = {
  id: 'glyffer',
  check(content) {
    return stringValues(content).flatMap(({ pointer, text }) => {
      const missing = missingGlyphs(text);
      const first = missing[0];
      if (!first) return [];
      const others = [...new Set(missing.map((m) => m.codePoint))].filter((cp) => cp !== first.codePoint);
      const listed = others.slice(0, LISTED).map(named).join(', ');
      const rest = others.length > LISTED ? ` og ${others.length - LISTED} flere` : '';
      const more = others.length === 0 ? '' : `; det samme gælder ${others.length === 1 ? 'ét andet tegn' : `${others.length} andre tegn`} i feltet: ${listed}${rest}`;
      return [
        warning(
          this.id,
          `tegnet ${named(first.codePoint)} findes ikke i PDF'ens skrifttyper og vises som "${String.fromCodePoint(REPLACEMENT)}" i PDF'en; i DOCX'en står det uændret${more}`,
          { pointer, offset: first.offset },
        ),
      ];
    });
  },
};
