import { warning } from '../../diagnostics/diagnostic.js';
import { longestFileNames, NoTemplateError } from '../../generate.js';
import { MAX_FILE_NAME } from '../../util/file-names.js';
import type { Rule } from './rule.js';

/**
 * A file name longer than 120 characters is shortened by the build (src/util/file-names.ts):
 * the indsats' part is cut and given a short code. Said beforehand, at the field that makes
 * it long, with what to do about it.
 */
export const filnavn: Rule = {
  id: 'filnavn',
  check(content, context) {
    let names: { name: string; shortened: boolean }[];
    try {
      names = longestFileNames(content, context.egenSkabelon);
    } catch (e) {
      if (e instanceof NoTemplateError) return []; // the period's own rule reports it
      throw e;
    }
    const shortened = names.find((n) => n.shortened);
    if (!shortened) return [];
    const field = content.kortnavn !== undefined ? 'kortnavn' : 'indsats';
    const todo = content.kortnavn !== undefined
      ? 'gør kortnavnet kortere'
      : 'giv indsatsen et kortnavn (højst 40 tegn), så filnavnet kan læses';
    return [warning(this.id, `filnavnene bliver for lange (højst ${MAX_FILE_NAME} tegn), så delen fra "${field}" afkortes og får en kort kode, fx "${shortened.name}"; ${todo}`, { pointer: `/${field}` })];
  },
};
