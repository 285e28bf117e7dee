import { error } from '../../diagnostics/diagnostic.js';
import type { Rule } from './rule.js';

/**
 * The period must have a template to build with: a built-in one (templates/perioder.json) or
 * the secretariat's own (--skabelon). Checked here, not first when building, so that
 * `validate` and `build` agree and the message points at "periode" with its line:column.
 */
export const skabelon: Rule = {
  id: 'skabelon',
  check(content, context) {
    if (context.egenSkabelon !== undefined || context.perioder.perioder[content.periode]?.skabelon) return [];
    const buildable = Object.entries(context.perioder.perioder).filter(([, p]) => p.skabelon).map(([name]) => name);
    const newest = buildable.at(-1) ?? '';
    const list = buildable.length > 1 ? `${buildable.slice(0, -1).join(', ')} og ${newest}` : newest;
    return [error(this.id,
      `der findes ingen indbygget skabelon for LBF-perioden ${content.periode}; der kan dannes aftaler for ${list}. `
      + `Vælg en af dem under "periode", eller lav en egen skabelon: "delaftale skabelon kopier ${newest} MAPPE", ret den til, og byg med "--skabelon MAPPE"`,
      { pointer: '/periode' })];
  },
};
