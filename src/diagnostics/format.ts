import type { Diagnostic } from './diagnostic.js';

/**
 * One line per problem: `fil:linje:kolonne  #/peger  alvor  regel  besked`. Control
 * characters from the content (a key or value with BEL, ESC, a line break) are shown as
 * `\u{1b}`, never sent raw to the terminal, and the line stays one line.
 */
export function formatHuman(diagnostics: Diagnostic[]): string {
  return diagnostics.map((d) => {
    const place = [d.file ?? '', d.line ?? '', d.column ?? ''].filter((x) => x !== '').join(':');
    const pointer = d.pointer !== undefined ? `#${d.pointer}` : '';
    return visible([place, pointer, d.severity, d.rule, d.message].filter((x) => x !== '').join('  '));
  }).join('\n');
}

// eslint-disable-next-line no-control-regex
const visible = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);

export function summary(diagnostics: Diagnostic[], files: number): string {
  const errors = diagnostics.filter((d) => d.severity === 'fejl').length;
  const warnings = diagnostics.length - errors;
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return `${count(errors, 'fejl', 'fejl')}, ${count(warnings, 'advarsel', 'advarsler')} i ${count(files, 'fil', 'filer')}`;
}

/** Each problem once: a plan's problem is found again with each delaftale that shares the plan. */
export function uniqueDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify(d);
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

/** Machine-readable: one JSON document with every diagnostic. */
export function formatJson(diagnostics: Diagnostic[]): string {
  return JSON.stringify({ diagnostics }, null, 2);
}

/** Sorted by file, then position, so output is stable whatever order checks ran in. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) =>
    compare(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** Code-point order: the same on every machine, whatever its locale (å vs aa). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
