import type { Finansiering } from './types.js';

/** Totals are computed from the financing lines, never typed. Everything not from LBF is local co-financing. */
export function budgetTotals(lines: Finansiering[]) {
  const total = lines.reduce((sum, l) => sum + l.beloeb, 0);
  const lbf = lines.filter((l) => l.type === 'landsbyggefonden').reduce((sum, l) => sum + l.beloeb, 0);
  const lokal = total - lbf;
  return { total, lbf, lokal, lokalAndel: total === 0 ? 0 : lokal / total };
}
