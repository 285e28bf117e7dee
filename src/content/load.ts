import { ParseErrorCode, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { forbiddenMessage, PER_FIELD } from './characters.js';
import { locate } from './locate.js';

/**
 * Bytes of a content file to a JSON value plus its syntax tree (for positions).
 * Rejects what a person might hand us by mistake, each with a Danish message that
 * says where and what was expected: an empty or huge file, bytes that are not UTF-8,
 * invalid JSON, absurd nesting and duplicate keys. A UTF-8 BOM is accepted, since
 * Windows editors write one.
 */
export const MAX_BYTES = 5 * 1024 * 1024;
export const MAX_DEPTH = 64;

export interface Loaded {
  file: string;
  text: string;
  value: unknown;
  tree: Node;
}

export type LoadResult = { ok: true; loaded: Loaded } | { ok: false; diagnostics: Diagnostic[] };

export function loadJson(bytes: Uint8Array, file: string): LoadResult {
  const fail = (rule: string, message: string, where: Partial<Diagnostic> = {}): LoadResult =>
    ({ ok: false, diagnostics: [error(rule, message, { file, ...where })] });

  if (bytes.length === 0) return fail('fil/tom', 'filen er tom; forventede en delaftale som JSON-objekt');
  if (bytes.length > MAX_BYTES) {
    // Inputs are read only to the limit plus one byte (cli/inputs.ts): the size beyond is unknown.
    return fail('fil/for-stor', `filen fylder mere end ${mb(MAX_BYTES)} MB; en delaftale fylder højst ${mb(MAX_BYTES)} MB`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, at));
    const { line, column } = locate(before, before.length);
    return fail('fil/ikke-utf8', `byte ${at} er ikke gyldig UTF-8; gem filen som UTF-8 (ikke fx Windows-1252)`, { line, column });
  }
  if (text.trim() === '') return fail('fil/tom', 'filen indeholder kun mellemrum; forventede en delaftale som JSON-objekt');

  const depth = maxDepth(text);
  if (depth.depth > MAX_DEPTH) {
    const { line, column } = locate(text, depth.offset);
    return fail('json/dybde', `JSON er indlejret ${MAX_DEPTH}+ niveauer dybt; en delaftale har højst nogle få niveauer`, { line, column });
  }

  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !tree) {
    return {
      ok: false,
      // A parser that recovers reports follow-on errors at the same place; one per line is what helps.
      diagnostics: errors.filter((e, i) => i === 0 || locate(text, e.offset).line !== locate(text, errors[i - 1]!.offset).line).slice(0, 20).flatMap((e) => {
        if (e.error === ParseErrorCode.InvalidCharacter) {
          const controls = rawControls(text, e, file);
          if (controls.length > 0) return controls;
        }
        const { line, column } = locate(text, e.offset);
        return [error(`json/${printParseErrorCode(e.error)}`, SYNTAX[printParseErrorCode(e.error)] ?? 'ugyldig JSON', { file, line, column })];
      }),
    };
  }
  const duplicates = duplicateKeys(tree, text, file);
  if (duplicates.length > 0) return { ok: false, diagnostics: duplicates };
  return { ok: true, loaded: { file, text, value: JSON.parse(text), tree } };
}

const SYNTAX: Record<string, string> = {
  InvalidSymbol: 'ugyldigt tegn; forventede en JSON-værdi (tekst i "anførselstegn", tal, true, false, null, { } eller [ ])',
  InvalidNumberFormat: 'ugyldigt tal; skriv tal uden tusindtalsseparator og med punktum som decimaltegn, fx 1928 eller 38.3',
  PropertyNameExpected: 'forventede et feltnavn i "anførselstegn" (eller er der et komma for meget før?)',
  ValueExpected: 'forventede en værdi efter kolon eller komma',
  ColonExpected: 'forventede kolon (:) efter feltnavnet',
  CommaExpected: 'forventede komma mellem to felter eller elementer',
  CloseBraceExpected: 'forventede } for at afslutte objektet',
  CloseBracketExpected: 'forventede ] for at afslutte listen',
  EndOfFileExpected: 'forventede filens slutning; der står noget efter den afsluttende }',
  InvalidCommentToken: 'kommentarer er ikke tilladt i JSON',
  UnexpectedEndOfComment: 'kommentarer er ikke tilladt i JSON',
  UnexpectedEndOfString: 'teksten mangler det afsluttende anførselstegn (")',
  UnexpectedEndOfNumber: 'tallet er ufuldstændigt',
  InvalidUnicode: 'ugyldig \\u-escape; forventede fire hex-cifre',
  InvalidEscapeCharacter: 'ugyldig escape-sekvens efter \\; brug fx \\" \\\\ \\n',
  InvalidCharacter: 'ugyldigt tegn i tekst; linjeskift og tabulatorer skal skrives som \\n og \\t',
};

/**
 * A control character typed raw inside a JSON string (the parser flags the whole string):
 * each one at its own line:column. A tab only needs writing as \t; any other is a forbidden
 * character (rule "tegn", as when it is written \u000b), e.g. Word's manual line break U+000B.
 */
function rawControls(text: string, e: ParseError, file: string): Diagnostic[] {
  const token = text.slice(e.offset, e.offset + e.length);
  return [...token.matchAll(/[\0-\x1F]/g)].slice(0, PER_FIELD).map((m) => {
    const { line, column } = locate(text, e.offset + m.index);
    return /[\t\n\r]/.test(m[0])
      ? error('json/InvalidCharacter', SYNTAX.InvalidCharacter!, { file, line, column })
      : error('tegn', forbiddenMessage(m[0]), { file, line, column });
  });
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toLocaleString('da-DK', { maximumFractionDigits: 1 });
}

/** Deepest bracket nesting outside strings, found before parsing so a recursive parser never sees it. */
function maxDepth(text: string): { depth: number; offset: number } {
  let depth = 0;
  let max = 0;
  let offset = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) {
        max = depth;
        offset = i;
        if (max > MAX_DEPTH) break;
      }
    } else if (c === 125 || c === 93) depth--;
  }
  return { depth: max, offset };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // Binary search for the shortest failing prefix; a prefix may also fail by ending mid-character,
  // so step back to the start of that character.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid + 1), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

function duplicateKeys(node: Node, text: string, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const walk = (n: Node, path: string): void => {
    if (n.type === 'object') {
      const seen = new Set<string>();
      for (const prop of n.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (!key || !value) continue;
        const name = String(key.value);
        const pointer = `${path}/${escapePointer(name)}`;
        if (seen.has(name)) {
          const { line, column } = locate(text, key.offset);
          out.push(error('json/dobbelt-felt', `feltet "${name}" står to gange i samme objekt; det sidste ville stille overskrive det første`, { file, pointer, line, column }));
        }
        seen.add(name);
        walk(value, pointer);
      }
    } else if (n.type === 'array') {
      (n.children ?? []).forEach((c, i) => walk(c, `${path}/${i}`));
    }
  };
  walk(node, '');
  return out;
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
