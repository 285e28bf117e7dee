import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadJson } from './load.js';
import { place } from './locate.js';
import { RULES } from './rules/index.js';
import { forbiddenCharacters } from './rules/tegn.js';
import { loadRuleContext } from './rule-context.js';
import { validateSchema } from './schema.js';
import type { Delaftale } from './types.js';

export type Validated = { content: Delaftale | undefined; diagnostics: Diagnostic[] };

/**
 * Bytes of one content file → the typed content (when it has no errors) and every
 * problem found, each with file, JSON pointer and line:column. Pure apart from
 * reading the package's own data files.
 */
export function validateBytes(bytes: Uint8Array, file: string): Validated {
  const loaded = loadJson(bytes, file);
  if (!loaded.ok) return { content: undefined, diagnostics: loaded.diagnostics };
  const { value, tree, text } = loaded.loaded;

  // Characters XML cannot hold are reported whatever else is wrong: a NUL is a NUL.
  const schemaProblems = validateSchema(value);
  const diagnostics = [
    ...forbiddenCharacters(value),
    ...(schemaProblems.length > 0 ? schemaProblems : RULES.flatMap((rule) => rule.check(value as Delaftale, loadRuleContext()))),
  ];

  const placed = diagnostics.map((d) => ({ ...d, file, ...place(tree, text, d) }));
  const hasErrors = placed.some((d) => d.severity === 'fejl');
  return { content: hasErrors ? undefined : (value as Delaftale), diagnostics: placed };
}

