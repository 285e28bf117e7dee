import { warning } from '../../diagnostics/diagnostic.js';
import type { Rule } from './rule.js';

/** The fields LBF's aktivitetsskema (and the driftsstøtte portal) asks for should not be empty. */
const FIELDS = [
  ['indhold', 'Indhold og praksis'],
  ['formaal', 'Formål og mål'],
  ['succeskriterier', 'Succeskriterier og datakilde'],
  ['ansvar', 'Ansvars- og rollefordeling'],
] as const;

export const aktivitetsskema: Rule = {
  id: 'aktivitetsskema',
  check(content) {
    return content.aktiviteter.flatMap((a, i) =>
      FIELDS.filter(([key]) => {
        const v = a[key];
        return typeof v === 'string' ? v.trim() === '' : v.length === 0;
      }).map(([key, label]) => warning(this.id,
        `aktivitetsskemaet for "${a.navn}" har et tomt felt "${label}"; det skal også udfyldes i driftsstøtteportalen`,
        { pointer: `/aktiviteter/${i}/${key}` })));
  },
};
