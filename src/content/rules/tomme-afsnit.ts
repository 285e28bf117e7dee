import { warning } from '../../diagnostics/diagnostic.js';
import { printed } from '../characters.js';
import { escapePointer } from '../load.js';
import type { Delaftale } from '../types.js';
import type { Rule } from './rule.js';

/**
 * The agreement's own sections should not be empty. The schema accepts "" and "   " in a
 * Markdown field (a section may be short), so an empty or blank one (spaces, line breaks or
 * invisible characters only) is a warning, as an empty field in an aktivitetsskema is.
 */
const FIELDS: [pointer: string, label: string, get: (d: Delaftale) => string | undefined, optional?: true][] = [
  ['/problemkompleks', 'Problemkompleks for indsatsområdet', (d) => d.problemkompleks],
  ['/formaal', 'Formål og mål', (d) => d.formaal],
  ['/aktiviteterIndledning', 'Indledning til aktiviteterne', (d) => d.aktiviteterIndledning],
  ['/medarbejderressourcer/note', 'Medarbejderressourcer, note', (d) => d.medarbejderressourcer.note, true],
  ['/kommunalIndsats', 'Sammenhæng med den kommunale indsats', (d) => d.kommunalIndsats],
  ['/konflikthaandtering', 'Konflikthåndtering og underretning', (d) => d.konflikthaandtering],
  ['/revisionAfAftalen', 'Revision af delaftalen', (d) => d.revisionAfAftalen],
];

export const tommeAfsnit: Rule = {
  id: 'tomme-afsnit',
  check(content) {
    return FIELDS.flatMap(([pointer, label, get, optional]) => {
      const text = get(content);
      if (text === undefined || printed(text) !== '') return [];
      const todo = optional ? 'udfyld det, eller slet feltet' : 'udfyld det, ellers står afsnittet tomt i aftalen';
      return [warning(this.id, `delaftalen har et tomt felt "${label}"; ${todo}`, { pointer })];
    }).concat(
      // A blank footnote prints a number with nothing after it.
      Object.entries(content.fodnoter ?? {}).filter(([, text]) => printed(text) === '').map(([id]) =>
        warning(this.id, `fodnoten "${id}" er tom; skriv dens tekst, eller fjern den og henvisningerne til den`, { pointer: `/fodnoter/${escapePointer(id)}` })),
    );
  },
};
