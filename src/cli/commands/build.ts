import { resolve } from 'node:path';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { error } from '../../diagnostics/diagnostic.js';
import { EXIT, type ExitCode } from '../../diagnostics/exit-codes.js';
import { formatHuman, sortDiagnostics } from '../../diagnostics/format.js';
import { validateBytes } from '../../content/validate.js';
import type { Format } from '../../formats.js';
import { NoTemplateError } from '../../generate.js';
import { buildOutputs, type OutputFile, type OutputOptions } from '../../outputs.js';
import { expandInputs, readInput } from '../inputs.js';
import type { CliIo } from '../io.js';
import { ApprovedVersionError } from '../../revision/guard.js';
import { writeOutputs, type WritableFile } from '../write-outputs.js';

export interface BuildArgs {
  files: string[];
  out: string;
  format: Format[];
  strict: boolean;
  documents: OutputOptions['documents'];
  /** `portal --activity`: a name or a 1-based number. */
  activity?: string;
  /** Replace the files of an approved version even when the content changed. */
  force?: boolean;
}

/**
 * Validate, render every requested output in memory, and only then write them all
 * (see writeOutputs). Any error in any input means nothing is written.
 */
export async function buildCommand(args: BuildArgs, io: CliIo): Promise<ExitCode> {
  const { inputs, problems } = await expandInputs(args.files, io.cwd);
  const diagnostics: Diagnostic[] = [...problems];
  const files: WritableFile[] = [];
  let failed: ExitCode | undefined = problems.length > 0 ? EXIT.input : undefined;

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
    let only: number[] | undefined;
    if (args.activity !== undefined) {
      const index = findActivity(content.aktiviteter.map((a) => a.navn), args.activity);
      if (index === undefined) {
        diagnostics.push(error('aktivitet', `ingen aktivitet hedder eller har nummer "${args.activity}"; der er ${content.aktiviteter.length}: ${content.aktiviteter.map((a, i) => `${i + 1}. ${a.navn}`).join(', ')}`, { file: input.name, pointer: '/aktiviteter' }));
        failed ??= EXIT.brug;
        continue;
      }
      only = [index];
    }
    try {
      const out = await buildOutputs(content, { formats: args.format, documents: args.documents, only, sourceDateEpoch: process.env.SOURCE_DATE_EPOCH });
      diagnostics.push(...out.warnings.map((w) => ({ ...w, file: input.name })));
      const revision = { version: content.revision.version, approved: content.revision.godkendt !== undefined };
      files.push(...out.files.map((f: OutputFile) => ({ ...f, ...revision })));
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
    const entries = await writeOutputs(outDir, files, { force: args.force });
    for (const e of entries) io.stdout.write(`${args.out.replace(/\/$/, '')}/${e.path}  (${e.bytes.toLocaleString('da-DK')} byte)\n`);
  } catch (e) {
    if (e instanceof ApprovedVersionError) {
      const dir = args.out.replace(/\/$/, '');
      for (const c of e.conflicts) {
        io.stderr.write(`delaftale: ${dir}/${c.path} er dannet af version ${c.version}, som er godkendt, og indholdet er ændret siden; filen erstattes ikke.\n`);
      }
      io.stderr.write('Start en ny udkastversion: hæv revision.version i indholdet og fjern revision.godkendt (indtil bestyrelsen har godkendt den). Eller kør igen med --force for alligevel at erstatte den godkendte versions filer.\nIntet blev skrevet; tidligere filer er uændrede.\n');
      return EXIT.godkendt;
    }
    io.stderr.write(`delaftale: kunne ikke skrive til ${args.out}: ${(e as Error).message}\nIntet blev skrevet; tidligere filer er uændrede.\n`);
    return EXIT.output;
  }
  return EXIT.ok;
}

/** "3" → the third activity; otherwise a name, exact or case-insensitive. */
export function findActivity(names: string[], wanted: string): number | undefined {
  if (/^\d+$/.test(wanted)) {
    const n = Number(wanted);
    return n >= 1 && n <= names.length ? n - 1 : undefined;
  }
  const exact = names.indexOf(wanted);
  if (exact >= 0) return exact;
  const loose = names.findIndex((n) => n.toLowerCase() === wanted.trim().toLowerCase());
  return loose >= 0 ? loose : undefined;
}
