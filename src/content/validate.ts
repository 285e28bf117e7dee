import type { Node } from 'jsonc-parser';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadPortalProfile } from '../portal/profile.js';
import { loadJson } from './load.js';
import { place } from './locate.js';
import { planChecks, withPlan, type Plan } from './plan.js';
import { loadRuleContext } from './rule-context.js';
import { RULES } from './rules/index.js';
import type { RuleContext } from './rules/rule.js';
import { forbiddenCharacters } from './rules/tegn.js';
import { validateSchema } from './schema.js';
import type { Delaftale } from './types.js';

export type Validated = { content: Delaftale | undefined; diagnostics: Diagnostic[] };

/** A file's bytes and its name as shown to the user. */
export interface Source { bytes: Uint8Array; file: string }

export interface ValidateOptions {
  /** A secretariat's own template folder (--skabelon): any period can be built, and its portal profile applies. */
  egenSkabelon?: string;
  /** The plan file the delaftale names (read by the caller), or why it could not be read. */
  plan?: Source | Diagnostic;
}

/**
 * Bytes of one content file → the typed content (when it has no errors) and every
 * problem found, each with file, JSON pointer and line:column. A delaftale that names a
 * plan is checked with the plan's shared values filled in (content/plan.ts); a problem in
 * a value from the plan points into the plan file. Pure apart from reading the package's
 * own data files.
 */
export function validateBytes(bytes: Uint8Array, file: string, options: ValidateOptions = {}): Validated {
  const loaded = loadJson(bytes, file);
  if (!loaded.ok) return { content: undefined, diagnostics: loaded.diagnostics };
  const here = { file, tree: loaded.loaded.tree, text: loaded.loaded.text };
  let value = loaded.loaded.value;
  let at = (d: Diagnostic): Diagnostic => ({ ...d, ...locatedIn(here, d) });
  const conflicts: Diagnostic[] = [];

  const planName = (value as { plan?: unknown } | null)?.plan;
  if (typeof planName === 'string' && typeof value === 'object' && !Array.isArray(value)) {
    const plan = options.plan === undefined || 'severity' in options.plan ? undefined : validatePlan(options.plan);
    if (!plan?.plan || !plan.source) {
      const why = options.plan && 'severity' in options.plan ? `: ${options.plan.message}` : ' (se fejlene i den)';
      const unread = error('plan', `planfilen "${planName}" kan ikke bruges${why}`, { pointer: '/plan' });
      return { content: undefined, diagnostics: [at(unread), ...(plan?.diagnostics ?? [])] };
    }
    const { source } = plan;
    const merged = withPlan(value as Record<string, unknown>, plan.plan);
    value = merged.value;
    conflicts.push(...merged.conflicts);
    at = (d) => {
      const pointer = d.pointer === undefined ? undefined : merged.inPlan(d.pointer);
      return pointer === undefined ? { ...d, ...locatedIn(here, d) } : { ...d, pointer, ...locatedIn(source, { ...d, pointer }) };
    };
  }

  // Characters XML cannot hold are reported whatever else is wrong: a NUL is a NUL.
  const schemaProblems = validateSchema(value);
  const context = ruleContext(options);
  const diagnostics = [
    ...forbiddenCharacters(value),
    ...conflicts,
    ...(schemaProblems.length > 0 ? schemaProblems : RULES.flatMap((rule) => rule.check(value as Delaftale, context))),
  ];

  const placed = diagnostics.map(at);
  const hasErrors = placed.some((d) => d.severity === 'fejl');
  return { content: hasErrors ? undefined : (value as Delaftale), diagnostics: placed };
}

interface Located { file: string; tree: Node; text: string }

function locatedIn(where: Located, d: Diagnostic): Partial<Diagnostic> {
  return { file: where.file, ...place(where.tree, where.text, d) };
}

/** A plan file on its own: its schema (schema/plan.schema.json) and its references. */
export function validatePlan({ bytes, file }: Source): { plan?: Plan; diagnostics: Diagnostic[]; source?: Located } {
  const loaded = loadJson(bytes, file);
  if (!loaded.ok) return { diagnostics: loaded.diagnostics };
  const source = { file, tree: loaded.loaded.tree, text: loaded.loaded.text };
  const { value } = loaded.loaded;
  const schemaProblems = validateSchema(value, 'plan');
  const found = [...forbiddenCharacters(value), ...(schemaProblems.length > 0 ? schemaProblems : planChecks(value as Plan))];
  const diagnostics = found.map((d) => ({ ...d, ...locatedIn(source, d) }));
  return { plan: diagnostics.some((d) => d.severity === 'fejl') ? undefined : (value as Plan), diagnostics, source };
}

function ruleContext({ egenSkabelon }: ValidateOptions): RuleContext {
  const context = loadRuleContext();
  if (egenSkabelon === undefined) return context;
  return { ...context, egenSkabelon, portal: () => loadPortalProfile(egenSkabelon) };
}
