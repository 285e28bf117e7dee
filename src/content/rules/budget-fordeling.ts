import { error } from '../../diagnostics/diagnostic.js';
import { formatThousands } from '../../util/danish-format.js';
import type { Rule } from './rule.js';

/** A line split per year must add up to the line's amount. */
export const budgetFordeling: Rule = {
  id: 'budget-fordeling',
  check(content) {
    return content.oekonomi.finansiering.flatMap((line, i) => {
      if (!line.perAar) return [];
      const sum = Object.values(line.perAar).reduce((a, b) => a + b, 0);
      return sum === line.beloeb ? [] : [error(this.id,
        `fordelingen på år giver ${formatThousands(sum)}, men beløbet for "${line.kilde}" er ${formatThousands(line.beloeb)} (1.000 kr.); de skal være ens`,
        { pointer: `/oekonomi/finansiering/${i}/perAar` })];
    });
  },
};
