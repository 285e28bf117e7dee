import { error } from '../../diagnostics/diagnostic.js';
import { formatThousands } from '../../util/danish-format.js';
import { stringValues } from '../fields.js';
import { LIMITS } from '../limits.js';
import type { Rule } from './rule.js';

/**
 * The agreement's text in all (every string, names included, in characters): the limit the
 * schema cannot state, since it sums over fields (the others are schema maximums; see
 * ../limits.ts). The error stands at the character where the total passes the limit.
 */
export const graenser: Rule = {
  id: 'graenser',
  check(content) {
    let total = 0;
    let passed: { pointer: string; offset: number } | undefined;
    for (const { pointer, text } of stringValues(content)) {
      const chars = [...text];
      if (!passed && total + chars.length > LIMITS.tekstIAlt) {
        passed = { pointer, offset: chars.slice(0, LIMITS.tekstIAlt - total).join('').length };
      }
      total += chars.length;
    }
    return passed ? [error(this.id,
      `aftalens tekst fylder ${formatThousands(total)} tegn i alt; en delaftale kan have højst ${formatThousands(LIMITS.tekstIAlt)}, så den kan dannes inden for arbejdstrådens hukommelse, og her passeres grænsen; forkort teksten, fx ved at henvise til et bilag`,
      passed)] : [];
  },
};
