import { error } from '../../diagnostics/diagnostic.js';
import { stringValues } from '../fields.js';
import type { Rule } from './rule.js';

/** Text left from drafting must not reach a signed agreement. */
const PLACEHOLDER = /\bTODO\b|\bFIXME\b|\bX{2,}\b|\[\s*indsæt[^\]]*\]|<\s*indsæt[^>]*>|\?\?\?/i;

export const pladsholdere: Rule = {
  id: 'pladsholdere',
  check(content) {
    return stringValues(content).flatMap(({ pointer, text }) => {
      const m = PLACEHOLDER.exec(text);
      return m ? [error(this.id, `pladsholderen "${m[0]}" står stadig i teksten; erstat den med det endelige indhold`, { pointer })] : [];
    });
  },
};
