import { error, warning } from '../../diagnostics/diagnostic.js';
import { footnoteReferences, markdownFields } from '../fields.js';
import type { Rule } from './rule.js';

/** Every footnote reference has a text, and every footnote text is referenced. */
export const fodnoter: Rule = {
  id: 'fodnoter',
  check(content) {
    const defined = new Set(Object.keys(content.fodnoter ?? {}));
    const used = new Set<string>();
    const out = markdownFields(content).flatMap(({ pointer, text }) =>
      footnoteReferences(text).flatMap((id) => {
        used.add(id);
        return defined.has(id) ? [] : [error(this.id, `henvisning til fodnoten [^${id}], som ikke findes under "fodnoter"`, { pointer })];
      }));
    for (const id of defined) {
      if (!used.has(id)) out.push(warning(this.id, `fodnoten "${id}" bruges ikke; henvis til den med [^${id}] eller slet den`, { pointer: `/fodnoter/${id}` }));
    }
    return out;
  },
};
