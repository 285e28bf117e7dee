import Handlebars from 'handlebars';
import { locate } from '../content/locate.js';

/**
 * A fault in a template (.hbs): which file, where, and a Danish message. Built-in templates have
 * none, but a secretariat's own (--skabelon) can: a block left open, a misspelt field, a helper
 * or partial that does not exist.
 */
export class TemplateError extends Error {
  constructor(readonly file: string, message: string, readonly line?: number, readonly column?: number) {
    super(message);
  }
}

// Handlebars' parser (jison) throws a parse error's position away; keep it on the error.
// The same error is thrown with the same message, so nothing else changes.
const parser = (Handlebars as unknown as { Parser: unknown }).Parser as { parseError(message: string, hash: unknown): never };
parser.parseError = (message: string, hash: unknown): never => {
  throw Object.assign(new Error(message), { hash });
};

interface HandlebarsFault extends Error {
  lineNumber?: number;
  column?: number;
  hash?: { loc?: { last_line: number; last_column: number } };
}

/** Any error from compiling or running the template in `file` (whose text is `source`) as a TemplateError. */
export function toTemplateError(e: unknown, file: string, source: string): TemplateError {
  if (e instanceof TemplateError) return e;
  const fault = e as HandlebarsFault;
  const message = fault.message ?? String(e);
  const loc = fault.hash?.loc;
  if (loc) {
    const unclosed = /got 'EOF'/.test(message);
    return new TemplateError(file, unclosed
      ? 'skabelonen slutter, før en blok er lukket; luk hver {{#if}}, {{#each}}, {{#unless}} og {{#with}} med {{/if}} osv.'
      : 'syntaksfejl i skabelonen; tjek at hvert {{ lukkes med }}, og at blokke lukkes i omvendt rækkefølge af den, de åbnes i', loc.last_line, loc.last_column + 1);
  }
  const at = fault.lineNumber !== undefined ? { line: fault.lineNumber, column: (fault.column ?? 0) + 1 } : undefined;
  const field = /^"([^"]+)" not defined in/.exec(message);
  if (field) return new TemplateError(file, `feltet "${field[1]}" findes ikke i indholdet, skabelonen får (eller er en ukendt hjælper); skabeloner kan kun læse indholdets felter og bruge if, unless, each, with og lookup`, at?.line, at?.column);
  const mismatch = /^(\S+) doesn't match (\S+)/.exec(message);
  if (mismatch) return new TemplateError(file, `{{/${mismatch[2]}}} lukker ikke {{#${mismatch[1]}}}; blokke lukkes i omvendt rækkefølge af den, de åbnes i`, at?.line, at?.column);
  const partial = /^The partial (\S+) could not be found/.exec(message);
  if (partial) {
    const where = new RegExp(`\\{\\{~?>\\s*${partial[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).exec(source);
    const pos = where ? locate(source, where.index) : undefined;
    return new TemplateError(file, `delskabelonen "${partial[1]}" findes ikke; læg den i partials/ som ${partial[1]}.hbs`, pos?.line, pos?.column);
  }
  const helper = /^Missing helper: "?([^"]+)"?/.exec(message);
  if (helper) return new TemplateError(file, `hjælperen "${helper[1]}" findes ikke; skabeloner kan kun bruge if, unless, each, with og lookup`, at?.line, at?.column);
  return new TemplateError(file, `fejl i skabelonen: ${message}`, at?.line, at?.column);
}
