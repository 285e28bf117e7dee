import yargs from 'yargs';
import { EXIT, type ExitCode } from '../diagnostics/exit-codes.js';
import type { CliIo } from './io.js';
import { FORMATS } from '../formats.js';
import { YARGS_DA } from './yargs-da.js';

/**
 * The whole CLI as a function: arguments in, exit code out, output through io.
 * Commands are imported lazily so `validate` never pays for the PDF renderer.
 */
/** Options several commands share, defined once. */
const OPTION = {
  files: { describe: 'Indholdsfiler eller mapper (standard: den indbyggede delaftale)', type: 'string' as const, array: true as const, default: [] as string[] },
  out: { alias: 'o', describe: 'Mappe til de dannede filer', type: 'string' as const, default: 'output' },
  format: { alias: 'f', describe: 'Formater, der dannes', choices: FORMATS, array: true as const, default: [...FORMATS] },
  strict: { describe: 'Behandl advarsler som fejl', type: 'boolean' as const, default: false },
  skabelon: { describe: 'Egen skabelonmappe i stedet for periodens indbyggede (lav den med "delaftale skabelon kopier")', type: 'string' as const },
  force: { describe: 'Erstat også filerne for en godkendt version, selv om indholdet er ændret', type: 'boolean' as const, default: false },
};

export async function main(argv: string[], io: CliIo): Promise<ExitCode> {
  // Handlers only record the command; it runs after parsing, so a usage error found
  // late by yargs' strict checks can never leave a half-run command behind.
  let command: (() => Promise<ExitCode>) | undefined;
  let usageError: string | undefined;
  const parser = yargs(argv)
    .scriptName('delaftale')
    .locale('en')
    .updateStrings(YARGS_DA as Record<string, string>)
    .usage('$0 <kommando> [filer..]\n\nDelaftaler for boligsociale helhedsplaner: fra indhold (JSON) til aftale som PDF og DOCX.')
    .command(
      'validate [files..]',
      'Tjek indholdet mod skemaet og de faglige regler',
      (y) => y
        .positional('files', OPTION.files)
        .option('format', { describe: 'Rapportens format', choices: ['tekst', 'json'] as const, default: 'tekst' as const })
        .option('strict', OPTION.strict)
        .option('skabelon', OPTION.skabelon),
      (a) => {
        command = async () => (await import('./commands/validate.js')).validateCommand({ files: a.files, format: a.format, strict: a.strict, skabelon: a.skabelon }, io);
      },
    )
    .command(
      'build [files..]',
      'Dan aftalen og aktivitetsskemaerne (PDF, DOCX, regneark) og manifest.json i en mappe',
      (y) => y
        .positional('files', OPTION.files)
        .option('out', OPTION.out)
        .option('format', OPTION.format)
        .option('strict', OPTION.strict)
        .option('force', OPTION.force)
        .option('skabelon', OPTION.skabelon),
      (a) => {
        command = async () => (await import('./commands/build.js')).buildCommand({ files: a.files, out: a.out, format: a.format, strict: a.strict, documents: ['agreement', 'portal'], force: a.force, skabelon: a.skabelon }, io);
      },
    )
    .command(
      'portal [files..]',
      'Dan aktivitetsskemaerne til driftsstøtteportalen: ark som PDF og DOCX samt et regneark',
      (y) => y
        .positional('files', OPTION.files)
        .option('activity', { alias: 'a', describe: 'Kun én aktivitet: navn eller nummer (1, 2, …)', type: 'string' })
        .option('out', OPTION.out)
        .option('format', OPTION.format)
        .option('strict', OPTION.strict)
        .option('force', OPTION.force)
        .option('skabelon', OPTION.skabelon),
      (a) => {
        command = async () => (await import('./commands/build.js')).buildCommand({ files: a.files, out: a.out, format: a.format, strict: a.strict, documents: ['portal'], activity: a.activity, force: a.force, skabelon: a.skabelon }, io);
      },
    )
    .command(
      'diff <old> <new>',
      'Vis ændringerne mellem to versioner af en delaftale; med --out også som PDF og som Word-dokument med registrerede ændringer',
      (y) => y
        .positional('old', { describe: 'Den tidligere version (indholdsfil)', type: 'string', demandOption: true })
        .positional('new', { describe: 'Den nye version (indholdsfil)', type: 'string', demandOption: true })
        .option('out', { alias: 'o', describe: 'Mappe til rapporten (PDF) og den nye aftale med registrerede ændringer (DOCX)', type: 'string' })
        .option('skabelon', OPTION.skabelon),
      (a) => {
        command = async () => (await import('./commands/diff.js')).diffCommand({ old: a.old, new: a.new, out: a.out, skabelon: a.skabelon }, io);
      },
    )
    .command(
      'watch [file]',
      'Dan filerne igen, hver gang indholdsfilen gemmes (stop med Ctrl-C)',
      (y) => y
        .positional('file', { describe: 'Indholdsfilen (standard: den indbyggede delaftale)', type: 'string' })
        .option('out', OPTION.out)
        .option('format', OPTION.format)
        .option('strict', OPTION.strict)
        .option('force', OPTION.force)
        .option('skabelon', OPTION.skabelon),
      (a) => {
        command = async () => (await import('./commands/watch.js')).watchCommand({ file: a.file, out: a.out, format: a.format, strict: a.strict, force: a.force, skabelon: a.skabelon }, io);
      },
    )
    .command(
      'edit [file]',
      'Ret delaftalen i en formular i browseren med forhåndsvisning af PDF\'erne (stop med Ctrl-C)',
      (y) => y
        .positional('file', { describe: 'Indholdsfilen (uden fil: spørger, hvor en kopi af den indbyggede delaftale skal gemmes)', type: 'string' })
        .option('port', { describe: 'Porten på 127.0.0.1 (standard: en ledig port)', type: 'number', default: 0 })
        .option('open', { describe: 'Åbn browseren (--no-open: kun skriv adressen)', type: 'boolean', default: true })
        .option('out', OPTION.out)
        .option('skabelon', OPTION.skabelon),
      (a) => {
        command = async () => (await import('./commands/edit.js')).editCommand({ file: a.file, port: a.port, open: a.open, out: a.out, skabelon: a.skabelon }, io);
      },
    )
    .command(
      'skabelon <handling> <periode> <mappe>',
      'Kopiér en indbygget skabelon til en mappe, så sekretariatet kan rette dens ord ("delaftale skabelon kopier 2019-2026 MAPPE")',
      (y) => y
        .positional('handling', { describe: 'Hvad der skal gøres', choices: ['kopier'] as const, demandOption: true })
        .positional('periode', { describe: 'Perioden, hvis skabelon kopieres, fx 2019-2026', type: 'string', demandOption: true })
        .positional('mappe', { describe: 'Den nye mappe (må ikke findes i forvejen)', type: 'string', demandOption: true }),
      (a) => {
        command = async () => (await import('./commands/skabelon.js')).copyTemplateCommand({ periode: a.periode, mappe: a.mappe }, io);
      },
    )
    .command(
      'init <file>',
      'Lav et udkast til en ny delaftale med alle felter og synlige pladsholdere («udfyld: …»)',
      (y) => y
        .positional('file', { describe: 'Den nye indholdsfil (må ikke findes i forvejen)', type: 'string', demandOption: true })
        .option('periode', { describe: 'LBF-perioden, fx 2019-2026 (med --plan: planens)', type: 'string' })
        .option('indsatsomraade', { describe: 'Indsatsområdet, fx Beskæftigelse', type: 'string' })
        .option('plan', { describe: 'Planfilen, som delaftalen deler parter og navne med', type: 'string' }),
      (a) => {
        command = async () => (await import('./commands/init.js')).initCommand({ file: a.file, periode: a.periode, indsatsomraade: a.indsatsomraade, plan: a.plan }, io);
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
    if (usageError) {
      if (!helpShown) io.stderr.write(`delaftale: ${usageError}\nSe "delaftale --help".\n`);
      return EXIT.brug;
    }
    return command ? await command() : EXIT.ok;
  } catch (e) {
    io.stderr.write(`delaftale: intern fejl: ${(e as Error).message}\nDette er en fejl i delaftale; rapportér den gerne med kommandoen, du kørte.\n`);
    if (process.env.DELAFTALE_DEBUG) io.stderr.write(`${(e as Error).stack}\n`);
    return EXIT.intern;
  }
}
