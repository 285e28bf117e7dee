import { error, warning } from '../../diagnostics/diagnostic.js';
import { DRAFT_PLACEHOLDER } from '../draft.js';
import { stringValues } from '../fields.js';
import type { Rule } from './rule.js';

/** Text left from drafting must not reach a signed agreement. */
const PLACEHOLDER = /\bTODO\b|\bFIXME\b|\bX{2,}\b|\[\s*indsæt[^\]]*\]|<\s*indsæt[^>]*>|\?\?\?/i;

/**
 * A draft's own placeholders («udfyld: …», from `delaftale init`) are warnings: a draft is
 * validated and built while it is written, and they show in the document until replaced.
 * Anything else that looks like a placeholder is an error.
 */
export const pladsholdere: Rule = {
  id: 'pladsholdere',
  check(content) {
    return stringValues(content).flatMap(({ pointer, text }) => {
      const m = PLACEHOLDER.exec(text);
      if (m) return [error(this.id, `pladsholderen "${m[0]}" står stadig i teksten; erstat den med det endelige indhold`, { pointer })];
      const d = DRAFT_PLACEHOLDER.exec(text);
      return d ? [warning(this.id, `udkastets pladsholder "${d[0]}" står stadig i teksten; udfyld den, før aftalen godkendes`, { pointer, offset: d.index })] : [];
    });
  },
};
