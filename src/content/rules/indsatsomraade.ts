import { error } from '../../diagnostics/diagnostic.js';
import { closest } from '../../util/similar.js';
import type { Rule } from './rule.js';

/** The indsatsområde must be one of the chosen LBF period's (templates/perioder.json). */
export const indsatsomraade: Rule = {
  id: 'indsatsomraade',
  check(content, context) {
    const allowed = context.perioder.perioder[content.periode]?.indsatsomraader ?? [];
    if (allowed.includes(content.indsatsomraade)) return [];
    const guess = closest(content.indsatsomraade, allowed);
    return [error(this.id,
      `"${content.indsatsomraade}" er ikke et indsatsområde i perioden ${content.periode}${guess ? `; mente du "${guess}"?` : '.'} Forventede en af: ${allowed.join(', ')}`,
      { pointer: '/indsatsomraade' })];
  },
};
