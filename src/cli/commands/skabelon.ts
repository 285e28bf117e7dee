import { cp, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadRuleContext } from '../../content/rule-context.js';
import { EXIT, type ExitCode } from '../../diagnostics/exit-codes.js';
import { templateDir } from '../../template/folder.js';
import { fsProblem } from '../fs-problem.js';
import type { CliIo } from '../io.js';

export interface CopyTemplateArgs { periode: string; mappe: string }

/**
 * `delaftale skabelon kopier PERIODE MAPPE`: a copy of a period's built-in template folder, for a
 * secretariat to align headings and fixed sentences with its own signed documents and build
 * with `--skabelon MAPPE`. The folder must not exist: nothing is ever replaced.
 */
export async function copyTemplateCommand(args: CopyTemplateArgs, io: CliIo): Promise<ExitCode> {
  const perioder = loadRuleContext().perioder.perioder;
  const folder = perioder[args.periode]?.skabelon;
  if (!folder) {
    const buildable = Object.keys(perioder).filter((p) => perioder[p]!.skabelon);
    io.stderr.write(`delaftale: der findes ingen indbygget skabelon for "${args.periode}"; vælg en af: ${buildable.join(', ')}.\n`);
    return EXIT.brug;
  }
  const target = resolve(io.cwd, args.mappe);
  try {
    // Not recursive: an existing folder is an error, so no file in it is replaced.
    await mkdir(target);
    await cp(templateDir(folder), target, { recursive: true, errorOnExist: true, force: false });
  } catch (e) {
    const exists = (e as NodeJS.ErrnoException).code === 'EEXIST';
    io.stderr.write(`delaftale: ${args.mappe}: ${exists ? 'findes allerede; vælg en ny mappe (intet blev kopieret)' : fsProblem(e)}\n`);
    return EXIT.output;
  }
  io.stdout.write(`Kopierede skabelonen for ${args.periode} til ${args.mappe}. Ret overskrifter og faste sætninger i ${args.mappe}/tekster.json (rækkefølgen i ${args.mappe}/*.hbs), og byg med "delaftale build FIL --skabelon ${args.mappe}".\n`);
  return EXIT.ok;
}
