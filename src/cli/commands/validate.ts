import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { EXIT, type ExitCode } from '../../diagnostics/exit-codes.js';
import { formatHuman, formatJson, sortDiagnostics, summary, uniqueDiagnostics } from '../../diagnostics/format.js';
import { validateBytes, validatePlan } from '../../content/validate.js';
import { expandInputs, isPlanFile, readInput, readPlanFor } from '../inputs.js';
import type { CliIo } from '../io.js';
import { templateOption } from '../template-option.js';

export interface ValidateArgs {
  files: string[];
  format: 'tekst' | 'json';
  strict: boolean;
  /** A secretariat's own template folder (--skabelon), relative to the working directory. */
  skabelon?: string;
}

export async function validateCommand(args: ValidateArgs, io: CliIo): Promise<ExitCode> {
  const { inputs, problems } = await expandInputs(args.files, io.cwd);
  const diagnostics: Diagnostic[] = [...problems];
  const { dir: egenSkabelon, problem } = templateOption(args.skabelon, io.cwd);
  if (problem) {
    io.stderr.write(`${formatHuman([problem])}\n`);
    return EXIT.input;
  }
  for (const input of inputs) {
    const bytes = await readInput(input);
    if (!(bytes instanceof Uint8Array)) diagnostics.push(bytes);
    else if (isPlanFile(bytes)) diagnostics.push(...validatePlan({ bytes, file: input.name }).diagnostics);
    else diagnostics.push(...validateBytes(bytes, input.name, { plan: await readPlanFor(input, bytes), egenSkabelon }).diagnostics);
  }
  // A plan's problems are found with each of its delaftaler; each is reported once.
  const unique = uniqueDiagnostics(diagnostics);
  const report = args.strict ? unique.map((d) => ({ ...d, severity: 'fejl' as const })) : unique;
  const sorted = sortDiagnostics(report);
  if (args.format === 'json') io.stdout.write(`${formatJson(sorted)}\n`);
  else {
    if (sorted.length > 0) io.stdout.write(`${formatHuman(sorted)}\n`);
    io.stderr.write(`${summary(sorted, inputs.length)}\n`);
  }
  if (problems.length > 0 || diagnostics.some((d) => d.rule.startsWith('input/'))) return EXIT.input;
  return sorted.some((d) => d.severity === 'fejl') ? EXIT.indhold : EXIT.ok;
}
