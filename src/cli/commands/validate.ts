import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { EXIT, type ExitCode } from '../../diagnostics/exit-codes.js';
import { formatHuman, formatJson, sortDiagnostics, summary } from '../../diagnostics/format.js';
import { validateBytes } from '../../content/validate.js';
import { expandInputs, readInput } from '../inputs.js';
import type { CliIo } from '../io.js';

export interface ValidateArgs {
  files: string[];
  format: 'tekst' | 'json';
  strict: boolean;
}

export async function validateCommand(args: ValidateArgs, io: CliIo): Promise<ExitCode> {
  const { inputs, problems } = await expandInputs(args.files, io.cwd);
  const diagnostics: Diagnostic[] = [...problems];
  for (const input of inputs) {
    const bytes = await readInput(input);
    if (bytes instanceof Uint8Array) diagnostics.push(...validateBytes(bytes, input.name).diagnostics);
    else diagnostics.push(bytes);
  }
  const report = args.strict ? diagnostics.map((d) => ({ ...d, severity: 'fejl' as const })) : diagnostics;
  const sorted = sortDiagnostics(report);
  if (args.format === 'json') io.stdout.write(`${formatJson(sorted)}\n`);
  else {
    if (sorted.length > 0) io.stdout.write(`${formatHuman(sorted)}\n`);
    io.stderr.write(`${summary(sorted, inputs.length)}\n`);
  }
  if (problems.length > 0 || diagnostics.some((d) => d.rule.startsWith('input/'))) return EXIT.input;
  return sorted.some((d) => d.severity === 'fejl') ? EXIT.indhold : EXIT.ok;
}
