import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { basename, dirname, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { EXIT, type ExitCode } from '../../diagnostics/exit-codes.js';
import { formatHuman } from '../../diagnostics/format.js';
import { fsProblem } from '../fs-problem.js';
import { writeNew } from '../fs-steps.js';
import { DEFAULT_CONTENT, expandInputs, readInput } from '../inputs.js';
import type { CliIo } from '../io.js';
import { outFolder } from '../out-folder.js';
import { onStopRequest } from '../stop.js';
import { templateOption } from '../template-option.js';
import { packagePath } from '../../util/package-path.js';
import { SCHEMA_FILE } from '../../content/schema-files.js';
import { applyValue } from '../../edit/text-edits.js';

export interface EditArgs {
  /** The content file; none means a copy of the embedded default, saved where the user says. */
  file?: string;
  port: number;
  open: boolean;
  out: string;
  skabelon?: string;
}

/**
 * `delaftale edit [FIL] [--port N] [--no-open] [--out mappe]`: the form with a live
 * preview, served on 127.0.0.1 (src/edit/). The first line on stdout is the address with
 * the session's token; then it runs until Ctrl-C, and exits 0.
 */
export async function editCommand(args: EditArgs, io: CliIo): Promise<ExitCode> {
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    io.stderr.write('delaftale: --port skal være et helt tal fra 1 til 65535 (eller 0 for en ledig port).\nSe "delaftale --help".\n');
    return EXIT.brug;
  }
  let file = args.file;
  if (file === undefined) {
    const copy = await copyDefault(io);
    if (typeof copy === 'number') return copy;
    file = copy;
  }
  const { inputs, problems } = await expandInputs([file], io.cwd);
  if (problems.length > 0) {
    io.stderr.write(`${formatHuman(problems)}\n`);
    return EXIT.input;
  }
  if ((await stat(inputs[0]!.path)).isDirectory()) {
    io.stderr.write('delaftale: edit redigerer én indholdsfil, ikke en mappe.\nSe "delaftale --help".\n');
    return EXIT.brug;
  }
  const { dir: skabelon, problem } = templateOption(args.skabelon, io.cwd);
  if (problem) {
    io.stderr.write(`${formatHuman([problem])}\n`);
    return EXIT.input;
  }

  // Two workers, one per document, as `watch` has them: the preview renders both PDFs at once. Started
  // first, so they load the renderer while this thread reads and validates the file.
  const { startWorkers } = await import('../worker-pool.js');
  const pool = startWorkers(2, ['pdf']);
  const { Session } = await import('../../edit/session.js');
  const session = await Session.open(inputs[0]!, { skabelon });
  if (!(session instanceof Session)) {
    await pool.close();
    io.stderr.write(`${formatHuman([session])}\n`);
    return EXIT.input;
  }
  const { startEditServer } = await import('../../edit/server.js');
  let server;
  try {
    server = await startEditServer({ session, pool, port: args.port, out: outFolder(args.out, io.cwd), skabelon, io });
  } catch (e) {
    await pool.close();
    const code = (e as NodeJS.ErrnoException).code;
    io.stderr.write(code === 'EADDRINUSE'
      ? `delaftale: port ${args.port} er optaget; vælg en anden med --port, eller udelad --port, så vælges en ledig.\n`
      : `delaftale: serveren kunne ikke starte: ${code === undefined ? (e as Error).message : fsProblem(e)}.\n`);
    return EXIT.brug;
  }

  io.stdout.write(`${server.url}\n`);
  io.stdout.write(`Redigerer ${session.input.name}; åbn adressen ovenfor i en browser (kun på denne maskine). Stop med Ctrl-C.\n`);
  if (args.open) openBrowser(server.url);

  // Ctrl-C, SIGTERM, SIGHUP, or the parent gone: stop serving. A build writing to --out finishes (its write is all-or-nothing).
  await new Promise<void>((done) => {
    const off = onStopRequest(() => {
      off();
      done();
    });
  });
  await server.close();
  await pool.close();
  io.stdout.write('Stoppet.\n');
  return EXIT.ok;
}

/**
 * Without a file: asks on the terminal where to save a copy of the embedded agreement
 * (never editing the package's own file), and writes it there, never replacing a file.
 */
async function copyDefault(io: CliIo): Promise<string | ExitCode> {
  const suggestion = basename(DEFAULT_CONTENT);
  if (!io.stdin?.isTTY) {
    io.stderr.write(`delaftale: angiv filen, der skal redigeres, fx "delaftale edit min-aftale.json" (i en terminal spørger edit selv, hvor en kopi af den indbyggede delaftale skal gemmes).\n`);
    return EXIT.brug;
  }
  // The question and its answer go to stderr: stdout's first line is the address, for scripts.
  const rl = createInterface({ input: io.stdin, output: io.stderr as NodeJS.WritableStream });
  let answer: string;
  // On a terminal in raw mode, Ctrl-C reaches readline, not the process: it cancels the question.
  const cancel = new AbortController();
  rl.on('SIGINT', () => cancel.abort());
  try {
    answer = (await rl.question(`Hvor skal kopien af den indbyggede delaftale gemmes? [${suggestion}]: `, { signal: cancel.signal })).trim() || suggestion;
  } catch (e) {
    if (!cancel.signal.aborted) throw e;
    io.stderr.write('\nStoppet; intet blev skrevet.\n');
    return EXIT.afbrudt;
  } finally {
    rl.close();
  }
  const bytes = await readInput({ name: DEFAULT_CONTENT, path: packagePath(DEFAULT_CONTENT) });
  if (!(bytes instanceof Uint8Array)) {
    io.stderr.write(`${formatHuman([bytes])}\n`);
    return EXIT.input;
  }
  // The copy's "$schema" points at the package's schema from where the copy lies, so an editor still finds it.
  const target = resolve(io.cwd, answer);
  const text = new TextDecoder().decode(bytes);
  const value = JSON.parse(text) as Record<string, unknown>;
  const schema = relative(dirname(target), packagePath(SCHEMA_FILE)).split('\\').join('/');
  try {
    await writeNew(target, new TextEncoder().encode(applyValue(text, value, { ...value, $schema: schema })));
  } catch (e) {
    const exists = (e as NodeJS.ErrnoException).code === 'EEXIST';
    io.stderr.write(`delaftale: ${answer}: ${exists ? `filen findes allerede; åbn den med "delaftale edit ${answer}", eller vælg et andet navn` : fsProblem(e)}\n`);
    return EXIT.output;
  }
  io.stderr.write(`Skrev ${answer}: en kopi af den indbyggede delaftale.\n`);
  return answer;
}

/** The system's own way to open an address; a failure only means the user opens it by hand. */
function openBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    spawn(cmd, args, { detached: true, stdio: 'ignore' }).on('error', () => {}).unref();
  } catch {
    // The address is on stdout.
  }
}
