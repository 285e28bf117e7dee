import { error } from '../../diagnostics/diagnostic.js';
import { formatDate, isRealDate } from '../../util/danish-format.js';
import { readPackageJson } from '../../util/package-path.js';
import type { Rule } from './rule.js';

type SchemaTitles = { properties: Record<string, { title?: string }> };
let titles: SchemaTitles['properties'] | undefined;
/** A field's Danish title from the schema, so the message names it as the editor does. */
function title(field: string): string {
  titles ??= readPackageJson<SchemaTitles>('schema/delaftale.schema.json').properties;
  const t = titles[field]?.title;
  return t ? ` (${t})` : '';
}

/**
 * What the chosen LBF period asks of an agreement beyond the schema (templates/perioder.json):
 * the fields its template needs (2019-26: primary target group and indicators), and dates
 * inside the span an agreement of the period can run in. Each indicator's baseline must be
 * measured before the agreement ends: a baseline after the end cannot be what it is measured from.
 */
export const periode: Rule = {
  id: 'periode',
  check(content, context) {
    const p = context.perioder.perioder[content.periode];
    if (!p) return [];
    const out = p.kraevedeFelter
      .filter((field) => (content as unknown as Record<string, unknown>)[field] === undefined)
      .map((field) => error(this.id, `perioden ${content.periode} kræver feltet "${field}"${title(field)}, som periodens skabelon viser`, { pointer: '/periode' }));

    const { fra, til } = content.gyldighed;
    const span = `${formatDate(p.gyldighed.fra)}–${formatDate(p.gyldighed.til)}`;
    if (isRealDate(fra) && fra < p.gyldighed.fra) {
      out.push(error(this.id, `delaftalen gælder fra ${formatDate(fra)}, før en aftale i perioden ${content.periode} kan gælde (${span})`, { pointer: '/gyldighed/fra' }));
    }
    if (isRealDate(til) && til > p.gyldighed.til) {
      out.push(error(this.id, `delaftalen gælder til ${formatDate(til)}, efter en aftale i perioden ${content.periode} kan gælde (${span})`, { pointer: '/gyldighed/til' }));
    }
    (content.indikatorer ?? []).forEach((ind, i) => {
      const dato = ind.baseline.dato;
      if (isRealDate(dato) && isRealDate(til) && dato > til) {
        out.push(error(this.id, `udgangspunktet for "${ind.indikator}" er opgjort ${formatDate(dato)}, efter at delaftalen udløber (${formatDate(til)}); et udgangspunkt måles før eller ved aftalens start`, { pointer: `/indikatorer/${i}/baseline/dato` }));
      }
    });
    return out;
  },
};
