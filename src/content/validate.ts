import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadJson } from './load.js';
import { place } from './locate.js';
import { RULES } from './rules/index.js';
import { forbiddenCharacters } from './rules/tegn.js';
import { loadPortalProfile } from '../portal/profile.js';
import { loadRuleContext } from './rule-context.js';
import type { RuleContext } from './rules/rule.js';
import { validateSchema } from './schema.js';
import type { Delaftale } from './types.js';

export type Validated = { content: Delaftale | undefined; diagnostics: Diagnostic[] };

/**
 * Bytes of one content file → the typed content (when it has no errors) and every
 * problem found, each with file, JSON pointer and line:column. Pure apart from
 * reading the package's own data files.
 */
export interface ValidateOptions {
  /** A secretariat's own template folder (--skabelon): any period can be built, and its portal profile applies. */
  egenSkabelon?: string;
}

export function validateBytes(bytes: Uint8Array, file: string, options: ValidateOptions = {}): Validated {
  const loaded = loadJson(bytes, file);
  if (!loaded.ok) return { content: undefined, diagnostics: loaded.diagnostics };
  const { value, tree, text } = loaded.loaded;

  // Characters XML cannot hold are reported whatever else is wrong: a NUL is a NUL.
  const schemaProblems = validateSchema(value);
  const diagnostics = [
    ...forbiddenCharacters(value),
    ...(schemaProblems.length > 0 ? schemaProblems : RULES.flatMap((rule) => rule.check(value as Delaftale, ruleContext(options)))),
  ];

  const placed = diagnostics.map((d) => ({ ...d, file, ...place(tree, text, d) }));
  const hasErrors = placed.some((d) => d.severity === 'fejl');
  return { content: hasErrors ? undefined : (value as Delaftale), diagnostics: placed };
}

function ruleContext({ egenSkabelon }: ValidateOptions): RuleContext {
  const context = loadRuleContext();
  if (egenSkabelon === undefined) return context;
  return { ...context, egenSkabelon, portal: () => loadPortalProfile(egenSkabelon) };
}

