import { error, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { closest } from '../../util/similar.js';
import type { Rule } from './rule.js';

/**
 * An id that names no entry under `where`: an error at the id, with the closest known id as a
 * guess. Shared by the delaftale's references and a plan file's (content/plan.ts).
 */
export function missingReference(id: string, known: string[], kind: string, where: string, pointer: string): Diagnostic[] {
  if (known.includes(id)) return [];
  const guess = closest(id, known);
  return [error('henvisninger', `${kind} "${id}" findes ikke under "${where}"${guess ? `; mente du "${guess}"?` : ''}`, { pointer })];
}

/** The organisations the people name exist (in a delaftale and in a plan file alike). */
export function personOrganisations(personer: Record<string, { organisation?: string }>, organisationer: Record<string, unknown>): Diagnostic[] {
  const known = Object.keys(organisationer);
  return Object.entries(personer).flatMap(([id, p]) =>
    p.organisation === undefined ? [] : missingReference(p.organisation, known, 'organisationen', 'organisationer', `/personer/${id}/organisation`));
}

/** Parties, contacts and organisations are ids; each must name an entry that exists. */
export const henvisninger: Rule = {
  id: 'henvisninger',
  check(content) {
    const personer = Object.keys(content.personer);
    return [
      ...content.parter.flatMap((id, i) => missingReference(id, personer, 'personen', 'personer', `/parter/${i}`)),
      ...personOrganisations(content.personer, content.organisationer),
      ...content.aktiviteter.flatMap((a, i) => a.ansvar.flatMap((r, j) =>
        r.kontakt === undefined ? [] : missingReference(r.kontakt, personer, 'kontaktpersonen', 'personer', `/aktiviteter/${i}/ansvar/${j}/kontakt`))),
    ];
  },
};
