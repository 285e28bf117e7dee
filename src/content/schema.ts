import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatThousands } from '../util/danish-format.js';
import { closest } from '../util/similar.js';
import { escapePointer } from './load.js';
import { decimalsOf, jsonAmount, suggestAmount, toKroner } from './budget.js';
import { loadValidators } from './validators.js';

/**
 * Schema validation with every problem at once, each as a Danish diagnostic with a JSON pointer.
 * The validators come from validators.ts: compiled by ajv here, standalone code in the bundle.
 */
type SchemaNode = { title?: string; description?: string; properties?: Record<string, unknown>; type?: string; propertyNames?: { $ref?: string } };

let compiled: { delaftale: ValidateFunction; plan: ValidateFunction } | undefined;
function validator(kind: 'delaftale' | 'plan') {
  compiled ??= loadValidators();
  return compiled[kind];
}

export function validateSchema(value: unknown, kind: 'delaftale' | 'plan' = 'delaftale'): Diagnostic[] {
  const validate = validator(kind);
  if (validate(value)) return [];
  const errors = (validate.errors ?? []).filter(relevant);
  return errors.map(toDiagnostic);
}

/** A bad key is reported once as `propertyNames`, not again as the pattern inside it (ajv marks those with propertyName). */
function relevant(e: ErrorObject): boolean {
  return e.propertyName === undefined;
}

function toDiagnostic(e: ErrorObject): Diagnostic {
  const schema = (e.parentSchema ?? {}) as SchemaNode;
  const label = schema.title ? ` (${schema.title})` : '';
  const p = e.params as Record<string, unknown>;
  const where = { pointer: e.instancePath };
  switch (e.keyword) {
    case 'required': {
      const name = String(p.missingProperty);
      const fieldTitle = (schema.properties?.[name] as SchemaNode | undefined)?.title;
      return error('schema/required', `mangler det påkrævede felt "${name}"${fieldTitle ? ` (${fieldTitle})` : ''}`, where);
    }
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      const known = Object.keys(schema.properties ?? {});
      const guess = closest(name, known);
      const hint = guess ? `; mente du "${guess}"?` : known.length ? `; tilladte felter: ${known.join(', ')}` : '';
      return error('schema/ukendt-felt', `ukendt felt "${name}"${hint}`, { pointer: `${e.instancePath}/${escapePointer(name)}` });
    }
    case 'type': {
      const expected = TYPE_NAMES[String(p.type)] ?? String(p.type);
      // JSON.parse reads 1e400 as Infinity, which no type accepts.
      if (typeof e.data === 'number') return error('schema/for-stor', `forventede ${expected}${label}, fandt et tal, der er for stort til at regne med`, where);
      const hint = p.type === 'number' && typeof e.data === 'string' ? amountHint(e.data, 'maksDecimaler' in schema) : '';
      return error('schema/type', `forventede ${expected}${label}, fandt ${describe(e.data)}${hint}`, where);
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      const guess = typeof e.data === 'string' ? closest(e.data, (p.allowedValues as unknown[]).map(String)) : undefined;
      return error('schema/enum', `ugyldig værdi ${describe(e.data)}${label}; forventede en af ${allowed}${guess ? ` (mente du "${guess}"?)` : ''}`, where);
    }
    case 'pattern':
      return error('schema/format', `${describe(e.data)} har ikke det forventede format${label}: ${schema.description ?? String(p.pattern)}`, where);
    case 'minLength':
      return error('schema/tom', `må ikke være tom${label}`, where);
    case 'maxLength':
      return error('schema/for-lang', `er for lang${label}: ${count([...String(e.data)].length)} tegn; højst ${count(p.limit)}`, where);
    case 'maxItems':
    case 'maxProperties': {
      const n = Array.isArray(e.data) ? e.data.length : Object.keys(e.data as object).length;
      return error('schema/for-mange', `for mange${label}: ${count(n)}; en delaftale kan have højst ${count(p.limit)}`, where);
    }
    case 'exclusiveMaximum':
      return error('schema/for-stor', `skal være under ${count(p.limit)}${label}, fandt ${describe(e.data)}`, where);
    case 'minItems':
      return error('schema/for-faa', `skal have mindst ${String(p.limit)} element${p.limit === 1 ? '' : 'er'}${label}`, where);
    case 'maksDecimaler': {
      const x = e.data as number;
      return error('schema/decimaler', `${describe(x)} har ${decimalsOf(x)} decimaler${label}; beløb er i 1.000 kr. med højst ${['ingen', 'én', 'to', 'tre'][e.schema as number] ?? String(e.schema)} decimaler${e.schema === 3 ? ' (hele kroner)' : ''}, fx ${jsonAmount(toKroner(x))}`, where);
    }
    case 'minimum':
      return error('schema/minimum', `skal være mindst ${String(p.limit)}${label}, fandt ${describe(e.data)}`, where);
    case 'uniqueItems':
      return error('schema/dubletter', `samme værdi står to gange${label} (element ${String(p.j)} og ${String(p.i)})`, where);
    case 'propertyNames': {
      // The key itself is what is wrong, so point at it; say what kind of key was expected.
      const name = String(p.propertyName);
      const at = { pointer: `${e.instancePath}/${escapePointer(name)}` };
      return KEY_KINDS.get(schema.propertyNames?.$ref ?? '')?.(name, label, at)
        ?? error('schema/noegle', `ugyldigt feltnavn "${name}"${label}`, at);
    }
    default:
      return error(`schema/${e.keyword}`, `${e.message ?? 'ugyldig værdi'}${label}`, where);
  }
}

/** What a bad key should have been, by the schema its names must match (a Map: "constructor" is not a kind). */
const KEY_KINDS = new Map<string, (name: string, label: string, where: Partial<Diagnostic>) => Diagnostic>([
  ['#/$defs/id', (name, _, where) => error('schema/id', `ugyldigt id "${name}"; brug små bogstaver, tal og bindestreg, fx "mikkel-warming"`, where)],
  ['#/$defs/aar', (name, label, where) => error('schema/aarstal', `ugyldigt årstal "${name}"${label}; forventede et årstal, fx 2019`, where)],
]);

/** 1000000000 → "1.000.000.000" */
function count(n: unknown): string {
  return formatThousands(Number(n));
}

const TYPE_NAMES: Record<string, string> = {
  string: 'en tekst',
  number: 'et tal',
  integer: 'et heltal',
  object: 'et objekt { … }',
  array: 'en liste [ … ]',
  boolean: 'true eller false',
};

function describe(value: unknown): string {
  if (typeof value === 'string') return `teksten "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number') return `tallet ${value}`;
  if (Array.isArray(value)) return 'en liste';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'et objekt';
  return String(value);
}

/**
 * The advice for an amount typed as text: the number to write instead when the text reads
 * as one ("310,5" → 310.5, "1.928 kr" → 1928), never an example that invites 3105.
 */
function amountHint(text: string, amount: boolean): string {
  const unit = amount ? ' i 1.000 kr.' : '';
  const s = suggestAmount(text);
  if (!s) return `; skriv beløbet${unit} som et tal uden anførselstegn, enhed og tusindtalspunktum, med punktum som decimaltegn, fx 1928 for 1.928.000 kr. eller 310.5 for 310.500 kr.`;
  return `; skriv ${s.value}${s.rounded ? ' (afrundet til hele kroner)' : ''}: et tal${unit} uden anførselstegn, enhed og tusindtalspunktum, med punktum som decimaltegn`;
}
