import { warning } from '../../diagnostics/diagnostic.js';
import { portalRecord } from '../../portal/records.js';
import { closest } from '../../util/similar.js';
import type { Rule } from './rule.js';

/**
 * What the driftsstøtte portal will accept, as far as the profile knows: a field
 * longer than its limit, or a value not on the portal's list, is a warning (never
 * truncated: the limits are not public, so the user decides).
 */
export const portal: Rule = {
  id: 'portal',
  check(content, context) {
    const profile = context.portal(content.periode);
    if (!profile) return [];
    // Nothing known to check (no limits, no lists): skip turning every field into text.
    const checkable = profile.felter.some((f) => f.maksTegn !== null || (f.liste !== undefined && f.id !== 'kategori' && Array.isArray(profile.lister[f.liste]?.vaerdier)));
    if (!checkable) return [];
    const lists = (name: string): string[] | null => {
      const list = profile.lister[name]?.vaerdier;
      return list === 'cfbu' ? context.cfbu.bekraeftet : list ?? null;
    };
    return content.aktiviteter.flatMap((_, i) => {
      const record = portalRecord(content, i);
      return profile.felter.flatMap((field) => {
        const value = record[field.id];
        if (!value) return [];
        const out = [];
        if (field.maksTegn !== null && value.text.length > field.maksTegn) {
          out.push(warning(this.id,
            `feltet "${field.navn}" har ${value.text.length} tegn; portalen tager højst ${field.maksTegn}${field.verificeret ? '' : ' (grænsen er ikke bekræftet)'}; forkort teksten`,
            { pointer: value.pointer }));
        }
        const list = field.liste && field.id !== 'kategori' ? lists(field.liste) : null;
        for (const v of list ? value.values ?? [] : []) {
          if (list!.includes(v)) continue;
          const guess = closest(v, list!);
          out.push(warning(this.id, `"${v}" står ikke på portalens liste for "${field.navn}"${guess ? `; mente du "${guess}"?` : ''}`, { pointer: value.pointer }));
        }
        return out;
      });
    });
  },
};
