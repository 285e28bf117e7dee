import { error } from '../../diagnostics/diagnostic.js';
import { formatAmount, formatPercent, formatShare } from '../../util/danish-format.js';
import { budgetTotals, shareAtLeast } from '../budget.js';
import type { Rule } from './rule.js';

/** LBF requires local co-financing of at least 25 % of the budget (all periods); compared exactly, in kroner. */
export const medfinansiering: Rule = {
  id: 'medfinansiering',
  check(content, context) {
    const { total, lokal, decimals } = budgetTotals(content.oekonomi.finansiering);
    const minimum = context.perioder.minimumLokalMedfinansiering;
    if (total === 0) return [error(this.id, 'budgettet er 0; forventede mindst én finansieringslinje med et beløb', { pointer: '/oekonomi/finansiering' })];
    if (shareAtLeast(lokal, total, minimum)) return [];
    // Just below the minimum rounds to it with one decimal ("25,0 %"); then show as many as it takes.
    const value = (text: string) => Number(text.replace(/[^\d,]/g, '').replace(',', '.'));
    let share = formatShare(lokal, total);
    for (let d = 2; d <= 8 && value(share) >= minimum * 100; d += 1) share = formatShare(lokal, total, d);
    return [error(this.id,
      `lokal medfinansiering er ${formatAmount(lokal, decimals)} af ${formatAmount(total, decimals)} (1.000 kr.) = ${share}; Landsbyggefonden kræver mindst ${formatPercent(minimum)}`,
      { pointer: '/oekonomi/finansiering' })];
  },
};
