// The delaftale JSON Schema as the form reads it: $refs resolved (the siblings of a $ref,
// e.g. a property's own title and description, win over the definition's), and each
// node classified as the kind of field that edits it. No knowledge of the agreement here:
// that is in hints.ts.

export type Schema = {
  $ref?: string;
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  required?: string[];
  items?: Schema;
  uniqueItems?: boolean;
  minItems?: number;
  maxItems?: number;
  maxLength?: number;
  pattern?: string;
  [key: string]: unknown;
};

/** A resolved schema node and the names of the definitions it came through ("markdown", "dato" …). */
export interface Resolved {
  schema: Schema;
  defs: string[];
}

function lookup(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#')) throw new Error(`Kan ikke slå skemaet ${ref} op`);
  let cur: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const s = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    cur = (cur as Record<string, unknown> | undefined)?.[s];
  }
  if (typeof cur !== 'object' || cur === null) throw new Error(`Skemaet har ikke ${ref}`);
  return cur as Schema;
}

export function resolve(root: Schema, node: Schema | undefined, depth = 0): Resolved {
  if (!node) return { schema: {}, defs: [] };
  if (!node.$ref || depth > 20) return { schema: node, defs: [] };
  const target = resolve(root, lookup(root, node.$ref), depth + 1);
  const { $ref, ...own } = node;
  const name = $ref.split('/').pop() ?? '';
  return { schema: { ...target.schema, ...own }, defs: [name, ...target.defs] };
}

export type Kind =
  | 'markdown'   // CodeMirror editor
  | 'text'       // one line
  | 'textarea'   // plain text that may have line breaks
  | 'number'     // an amount, Danish display
  | 'enum'       // one of a list
  | 'enum-set'   // several of a list (checkboxes)
  | 'object'     // fixed properties
  | 'map'        // id → value (personer, organisationer, fodnoter, perAar)
  | 'array';

export function kindOf(r: Resolved): Kind {
  const s = r.schema;
  if (s.enum) return 'enum';
  if (s.type === 'number' || s.type === 'integer') return 'number';
  if (s.type === 'array') {
    return s.items?.enum || s.items?.$ref?.endsWith('/niveau') ? 'enum-set' : 'array';
  }
  if (s.type === 'object') return s.properties ? 'object' : 'map';
  if (r.defs.includes('markdown')) return 'markdown';
  if (s.type === 'string' && !s.pattern && (s.maxLength ?? 0) > 500) return 'textarea';
  return 'text';
}

/** A new, empty value for a schema: what "Tilføj" puts in a list. */
export function emptyValue(root: Schema, node: Schema | undefined): unknown {
  const r = resolve(root, node);
  const s = r.schema;
  switch (kindOf(r)) {
    case 'enum': return s.enum?.[0];
    case 'number': return 0;
    case 'enum-set':
    case 'array': return [];
    case 'map': return {};
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) out[key] = emptyValue(root, s.properties?.[key]);
      return out;
    }
    default: return '';
  }
}
