import { error } from '../../diagnostics/diagnostic.js';
import { formatDate, isRealDate } from '../../util/danish-format.js';
import { stringValues } from '../fields.js';
import type { Rule } from './rule.js';

/** Every date is a real calendar date, and the agreement's period runs forwards. */
export const gyldighed: Rule = {
  id: 'gyldighed',
  check(content) {
    const out = stringValues(content)
      .filter(({ pointer, text }) => /\/(dato|fra|til)$/.test(pointer) && /^\d{4}-\d{2}-\d{2}$/.test(text) && !isRealDate(text))
      .map(({ pointer, text }) => error(this.id, `"${text}" er ikke en rigtig dato; forventede ÅÅÅÅ-MM-DD med gyldig måned og dag`, { pointer }));
    const { fra, til } = content.gyldighed;
    if (isRealDate(fra) && isRealDate(til) && fra >= til) {
      out.push(error(this.id, `delaftalen skal gælde fra en dato før den slutter; fra ${formatDate(fra)} til ${formatDate(til)}`, { pointer: '/gyldighed/til' }));
    }
    return out;
  },
};
