import { error, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatAmount, formatDate } from '../../util/danish-format.js';
import { budgetDecimals, sumKroner, toKroner } from '../budget.js';
import { escapePointer } from '../load.js';
import type { Rule } from './rule.js';

/**
 * A line split per year must add up exactly to the line's amount (in kroner, never as
 * floats: 642.9 × 3 is 1928.7), and its years must lie inside the validity period.
 */
export const budgetFordeling: Rule = {
  id: 'budget-fordeling',
  check(content) {
    const lines = content.oekonomi.finansiering;
    const decimals = budgetDecimals(lines);
    const amount = (kroner: number) => formatAmount(kroner, decimals);
    const { fra, til } = content.gyldighed;
    const [first, last] = [Number(fra.slice(0, 4)), Number(til.slice(0, 4))];
    return lines.flatMap((line, i) => {
      if (!line.perAar) return [];
      const out: Diagnostic[] = [];
      const at = `/oekonomi/finansiering/${i}/perAar`;
      for (const year of Object.keys(line.perAar).sort()) {
        const y = Number(year);
        if (first <= last && (y < first || y > last)) {
          out.push(error(this.id,
            `året ${year} for "${line.kilde}" ligger uden for aftalens gyldighedsperiode (${formatDate(fra)} til ${formatDate(til)}); fordel beløbet på ${first === last ? `året ${first}` : `årene ${first}–${last}`}`,
            { pointer: `${at}/${escapePointer(year)}` }));
        }
      }
      const sum = sumKroner(Object.values(line.perAar));
      const beloeb = toKroner(line.beloeb);
      if (sum !== beloeb) {
        const terms = Object.keys(line.perAar).sort().map((y) => `${y}: ${amount(toKroner(line.perAar![y]!))}`).join(' + ');
        const difference = `${amount(Math.abs(sum - beloeb))} ${sum < beloeb ? 'for lidt' : 'for meget'}`;
        out.push(error(this.id,
          `fordelingen på år giver ${amount(sum)} (${terms}), men beløbet for "${line.kilde}" er ${amount(beloeb)} (1.000 kr.); forskellen er ${difference}, og de skal være ens`,
          { pointer: at }));
      }
      return out;
    });
  },
};
