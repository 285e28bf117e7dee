import yargs from 'yargs';
import { EXIT, type ExitCode } from '../diagnostics/exit-codes.js';
import type { CliIo } from './io.js';
import { YARGS_DA } from './yargs-da.js';

/**
 * The whole CLI as a function: arguments in, exit code out, output through io.
 * Commands are imported lazily so `validate` never pays for the PDF renderer.
 */
export async function main(argv: string[], io: CliIo): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  let usageError: string | undefined;
  const parser = yargs(argv)
    .scriptName('delaftale')
    .locale('en')
    .updateStrings(YARGS_DA)
    .usage('$0 <kommando> [filer..]\n\nDelaftaler for boligsociale helhedsplaner: fra indhold (JSON) til aftale som PDF og DOCX.')
    .command(
      'validate [files..]',
      'Tjek indholdet mod skemaet og de faglige regler',
      (y) => y
        .positional('files', { describe: 'Indholdsfiler eller mapper (standard: den indbyggede delaftale)', type: 'string', array: true, default: [] as string[] })
        .option('format', { describe: 'Rapportens format', choices: ['tekst', 'json'] as const, default: 'tekst' as const })
        .option('strict', { describe: 'Behandl advarsler som fejl', type: 'boolean', default: false }),
      async (a) => {
        const { validateCommand } = await import('./commands/validate.js');
        code = await validateCommand({ files: a.files, format: a.format, strict: a.strict }, io);
      },
    )
    .demandCommand(1, 'Angiv en kommando, fx "delaftale validate" eller "delaftale build".')
    .strict()
    .help('help', 'Vis hjælp')
    .alias('help', 'h')
    .version('version', 'Vis versionsnummer')
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, err) => {
      if (err) throw err;
      usageError = message;
    });
  let helpShown = false;
  try {
    await parser.parseAsync(argv, {}, (_err, _argv, output) => {
      if (output) {
        helpShown = true;
        (usageError ? io.stderr : io.stdout).write(`${output}\n`);
      }
    });
  } catch (e) {
    io.stderr.write(`delaftale: intern fejl: ${(e as Error).message}\nDette er en fejl i delaftale; rapportér den gerne med kommandoen, du kørte.\n`);
    if (process.env.DELAFTALE_DEBUG) io.stderr.write(`${(e as Error).stack}\n`);
    return EXIT.intern;
  }
  if (usageError) {
    if (!helpShown) io.stderr.write(`delaftale: ${usageError}\nSe "delaftale --help".\n`);
    return EXIT.brug;
  }
  return code;
}
