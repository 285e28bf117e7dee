import { error } from '../../diagnostics/diagnostic.js';
import { closest } from '../../util/similar.js';
import type { Rule } from './rule.js';

/** Parties, contacts and organisations are ids; each must name an entry that exists. */
export const henvisninger: Rule = {
  id: 'henvisninger',
  check(content) {
    const personer = Object.keys(content.personer);
    const organisationer = Object.keys(content.organisationer);
    const missing = (id: string, known: string[], kind: string, where: string, pointer: string) => {
      if (known.includes(id)) return [];
      const guess = closest(id, known);
      return [error(this.id, `${kind} "${id}" findes ikke under "${where}"${guess ? `; mente du "${guess}"?` : ''}`, { pointer })];
    };
    return [
      ...content.parter.flatMap((id, i) => missing(id, personer, 'personen', 'personer', `/parter/${i}`)),
      ...Object.entries(content.personer).flatMap(([id, p]) =>
        p.organisation === undefined ? [] : missing(p.organisation, organisationer, 'organisationen', 'organisationer', `/personer/${id}/organisation`)),
      ...content.aktiviteter.flatMap((a, i) => a.ansvar.flatMap((r, j) =>
        r.kontakt === undefined ? [] : missing(r.kontakt, personer, 'kontaktpersonen', 'personer', `/aktiviteter/${i}/ansvar/${j}/kontakt`))),
    ];
  },
};
