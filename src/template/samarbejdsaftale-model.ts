import { budgetTotals } from '../content/budget.js';
import type { Plan } from '../content/plan.js';
import type { Delaftale } from '../content/types.js';
import { formatAmount, formatDate } from '../util/danish-format.js';
import { escapeMarkdown as md } from './escape.js';
import { partyView } from './view-model.js';

/**
 * The plan and its delaftaler → what samarbejdsaftale.hbs sees: the area, the parties (the
 * municipality, the housing organisations, the board), the dates, and each chosen
 * indsatsområde with its delaftale's budget (in the period's order of areas). Plain values
 * escaped; amounts with the decimals of the most precise budget.
 */
export function samarbejdsaftaleModel(plan: Plan, delaftaler: Delaftale[], areaOrder: string[]) {
  const organisation = (id: string) => md(plan.organisationer[id]!.navn);
  const rank = (d: Delaftale) => areaOrder.indexOf(d.indsatsomraade);
  const areas = [...delaftaler].sort((a, b) => rank(a) - rank(b)).map((d) => ({ navn: d.indsatsomraade, totals: budgetTotals(d.oekonomi.finansiering) }));
  const decimals = Math.max(0, ...areas.map((a) => a.totals.decimals));
  const amount = (kroner: number) => formatAmount(kroner, decimals);
  const sum = (pick: (a: (typeof areas)[number]) => number) => areas.reduce((s, a) => s + pick(a), 0);
  const { gyldighed } = plan.samarbejdsaftale;
  return {
    navn: md(plan.navn),
    boligomraader: plan.boligomraader.map(md),
    kommune: organisation(plan.kommune),
    boligorganisationer: plan.boligorganisationer.map(organisation),
    parter: plan.bestyrelse.map((id) => partyView(plan, plan.personer[id]!)),
    dato: formatDate(plan.samarbejdsaftale.dato),
    gyldighed: gyldighed ? { fra: formatDate(gyldighed.fra), til: formatDate(gyldighed.til) } : null,
    indsatsomraader: areas.map((a) => ({ navn: md(a.navn), total: amount(a.totals.total), lokal: amount(a.totals.lokal) })),
    total: amount(sum((a) => a.totals.total)),
    lokal: amount(sum((a) => a.totals.lokal)),
  };
}
