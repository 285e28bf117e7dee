import { resolve } from 'node:path';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { error } from '../../diagnostics/diagnostic.js';
import { EXIT, type ExitCode } from '../../diagnostics/exit-codes.js';
import { formatHuman, sortDiagnostics } from '../../diagnostics/format.js';
import { validateBytes } from '../../content/validate.js';
import { NoTemplateError, prepare } from '../../generate.js';
import { expandInputs, readInput } from '../inputs.js';
import type { Format } from '../formats.js';
import type { CliIo } from '../io.js';
import { writeOutputs, type OutputFile } from '../write-outputs.js';


export interface BuildArgs {
  files: string[];
  out: string;
  format: Format[];
  strict: boolean;
}

/**
 * Validate, render every requested format in memory, and only then write them all
 * (see writeOutputs). Any error in any input means nothing is written.
 */
export async function buildCommand(args: BuildArgs, io: CliIo): Promise<ExitCode> {
  const { inputs, problems } = await expandInputs(args.files, io.cwd);
  const diagnostics: Diagnostic[] = [...problems];
  const files: OutputFile[] = [];
  const formats = new Set(args.format);
  let failed = problems.length > 0 ? EXIT.input : undefined as ExitCode | undefined;

  for (const input of inputs) {
    const bytes = await readInput(input);
    if (!(bytes instanceof Uint8Array)) {
      diagnostics.push(bytes);
      failed = EXIT.input;
      continue;
    }
    const { content, diagnostics: found } = validateBytes(bytes, input.name);
    diagnostics.push(...found);
    if (!content || (args.strict && found.length > 0)) {
      failed ??= EXIT.indhold;
      continue;
    }
    try {
      const prepared = prepare(content, 'delaftale', process.env.SOURCE_DATE_EPOCH);
      if (formats.has('pdf')) {
        const { toPdf } = await import('../../render/pdf/to-pdf.js');
        const r = await toPdf(prepared.tree, prepared.options);
        diagnostics.push(...r.warnings.map((w) => ({ ...w, file: input.name })));
        files.push({ kind: 'agreement-pdf', path: `${prepared.fileName}.pdf`, bytes: r.bytes });
      }
      if (formats.has('docx')) {
        const { toDocx } = await import('../../render/docx/to-docx.js');
        const r = await toDocx(prepared.tree, prepared.options);
        diagnostics.push(...r.warnings.map((w) => ({ ...w, file: input.name })));
        files.push({ kind: 'agreement-docx', path: `${prepared.fileName}.docx`, bytes: r.bytes });
      }
    } catch (e) {
      if (!(e instanceof NoTemplateError)) throw e;
      diagnostics.push(error('skabelon', e.message, { file: input.name, pointer: '/periode' }));
      failed ??= EXIT.indhold;
    }
  }

  const sorted = sortDiagnostics(diagnostics);
  if (sorted.length > 0) io.stderr.write(`${formatHuman(sorted)}\n`);
  if (failed !== undefined) {
    io.stderr.write('Intet blev skrevet; tidligere filer er uændrede.\n');
    return failed;
  }
  const outDir = resolve(io.cwd, args.out);
  try {
    const entries = await writeOutputs(outDir, files);
    for (const e of entries) io.stdout.write(`${args.out.replace(/\/$/, '')}/${e.path}  (${e.bytes.toLocaleString('da-DK')} byte)\n`);
  } catch (e) {
    io.stderr.write(`delaftale: kunne ikke skrive til ${args.out}: ${(e as Error).message}\nIntet blev skrevet; tidligere filer er uændrede.\n`);
    return EXIT.output;
  }
  return EXIT.ok;
}
