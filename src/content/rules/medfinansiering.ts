import { error } from '../../diagnostics/diagnostic.js';
import { formatPercent, formatThousands } from '../../util/danish-format.js';
import { budgetTotals } from '../budget.js';
import type { Rule } from './rule.js';

/** LBF requires local co-financing of at least 25 % of the budget (all periods). */
export const medfinansiering: Rule = {
  id: 'medfinansiering',
  check(content, context) {
    const { total, lokal, lokalAndel } = budgetTotals(content.oekonomi.finansiering);
    const minimum = context.perioder.minimumLokalMedfinansiering;
    if (total === 0) return [error(this.id, 'budgettet er 0; forventede mindst én finansieringslinje med et beløb', { pointer: '/oekonomi/finansiering' })];
    if (lokalAndel >= minimum) return [];
    return [error(this.id,
      `lokal medfinansiering er ${formatThousands(lokal)} af ${formatThousands(total)} (1.000 kr.) = ${formatPercent(lokalAndel)}; Landsbyggefonden kræver mindst ${formatPercent(minimum)}`,
      { pointer: '/oekonomi/finansiering' })];
  },
};
