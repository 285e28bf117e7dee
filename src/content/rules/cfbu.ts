import { warning } from '../../diagnostics/diagnostic.js';
import { closest } from '../../util/similar.js';
import type { Rule } from './rule.js';

/** A CFBU category should be a known one; the list is incomplete, so only a warning. */
export const cfbu: Rule = {
  id: 'cfbu',
  check(content, context) {
    const known = context.cfbu.bekraeftet;
    return content.aktiviteter.flatMap((a, i) => {
      if (a.cfbu === undefined || known.includes(a.cfbu)) return [];
      const guess = closest(a.cfbu, known);
      return [warning(this.id,
        `CFBU-kategorien "${a.cfbu}" kendes ikke fra templates/cfbu.json${guess ? `; mente du "${guess}"?` : '; tjek navnet mod CFBU\'s inspirationskatalog'}`,
        { pointer: `/aktiviteter/${i}/cfbu` })];
    });
  },
};
