import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { error } from '../../diagnostics/diagnostic.js';
import { EXIT, type ExitCode } from '../../diagnostics/exit-codes.js';
import { formatHuman, sortDiagnostics } from '../../diagnostics/format.js';
import type { Format } from '../../formats.js';
import { ApprovedVersionError, describeConflicts } from '../../revision/guard.js';
import type { OutputOptions } from '../../outputs.js';
import { expandInputs, readInput, readPlanFor, type Input } from '../inputs.js';
import type { Source } from '../../content/validate.js';
import type { CliIo } from '../io.js';
import { templateOption } from '../template-option.js';
import { fsProblem } from '../fs-problem.js';
import { renderAgreement, startWorkers, type WorkerPool } from '../worker-pool.js';
import { LockedError } from '../folder-lock.js';
import { outFolder, OutFolderError } from '../out-folder.js';
import { onStopRequest } from '../stop.js';
import { SwapError } from '../swap.js';
import type { ManifestEntry } from '../manifest.js';
import { writeMessages, writeOutputs, writeProblem, type WriteOptions } from '../write-outputs.js';

export interface WatchArgs {
  /** One content file; none means the embedded default agreement. */
  file?: string;
  out: string;
  format: Format[];
  strict: boolean;
  /** Replace the files of an approved version even when the content changed (as `build --force`). */
  force?: boolean;
  /** A secretariat's own template folder (--skabelon), relative to the working directory. */
  skabelon?: string;
}

/** Quiet period after the last file event before building (editors write in bursts). */
const DEBOUNCE_MS = 75;

/** The result of one build attempt. */
export type BuildOnce =
  | { ok: true; entries: ManifestEntry[]; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[]; exit: ExitCode; message?: string };

/**
 * One build of one content file's bytes: the same rendering as `build` for one agreement
 * (renderAgreement), then all outputs written atomically (writeOutputs). On any problem nothing is written, so
 * the previous outputs stay. The workers live as long as `watch`, so their renderers and
 * caches stay warm between builds. `delaftale edit` builds with it too.
 */
export async function buildOnce(
  bytes: Uint8Array,
  input: Input,
  plan: Source | Diagnostic | undefined,
  outDir: string,
  pool: WorkerPool,
  o: {
    formats: readonly Format[]; documents: OutputOptions['documents']; strict: boolean; force?: boolean; outName: string; skabelon?: string;
    messages: Pick<WriteOptions, 'shown' | 'onWait' | 'onRecovered'>;
    /** The last line of a refusal over an approved version: how to go on from the command at hand. */
    hint?: string;
  },
): Promise<BuildOnce> {
  const result = await renderAgreement({
    bytes, name: input.name, strict: o.strict, plan,
    options: { formats: o.formats, documents: o.documents, sourceDateEpoch: process.env.SOURCE_DATE_EPOCH, skabelon: o.skabelon },
  }, pool);
  if (result.failed !== undefined) return { ok: false, diagnostics: result.diagnostics, exit: result.failed };
  try {
    const entries = await writeOutputs(outDir, result.files, { force: o.force, ...o.messages });
    return { ok: true, entries, diagnostics: result.diagnostics };
  } catch (e) {
    if (!(e instanceof ApprovedVersionError)) throw e;
    return { ok: false, diagnostics: result.diagnostics, exit: EXIT.godkendt, message: describeConflicts(e.conflicts, o.outName, o.hint ?? 'Eller start watch med --force.') };
  }
}

/** "10:41:07", local time. */
function clock(d = new Date()): string {
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/**
 * `delaftale watch [fil] [--out mappe]`: builds at start and again whenever the file's
 * content changes (saving without changes does nothing). Invalid content shows the
 * problems and keeps the previous outputs. Runs until Ctrl-C, then exits 0.
 */
export async function watchCommand(args: WatchArgs, io: CliIo): Promise<ExitCode> {
  const { inputs, problems } = await expandInputs(args.file === undefined ? [] : [args.file], io.cwd);
  if (problems.length > 0) {
    io.stderr.write(`${formatHuman(problems)}\n`);
    return EXIT.input;
  }
  const input: Input = inputs[0]!;
  if (args.file !== undefined && (await stat(resolve(io.cwd, args.file))).isDirectory()) {
    io.stderr.write('delaftale: watch holder øje med én indholdsfil, ikke en mappe.\nSe "delaftale --help".\n');
    return EXIT.brug;
  }
  const { path: outDir, name: outName } = outFolder(args.out, io.cwd);
  const { dir: skabelon, problem } = templateOption(args.skabelon, io.cwd);
  if (problem) {
    io.stderr.write(`${formatHuman([problem])}\n`);
    return EXIT.input;
  }
  const options = { formats: args.format, documents: ['agreement', 'portal'] as const, strict: args.strict, force: args.force, outName, skabelon, messages: writeMessages(outName, io) };

  // Started once the folder is watched; `attempt` runs only after that.
  let pool: WorkerPool;
  let lastHash: string | undefined;
  /** The delaftale's plan file, when it lies in the watched folder (a plan elsewhere is read, not watched). */
  let planName: string | undefined;
  let lastReport: string | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const report = (diagnostics: Diagnostic[]): void => {
    const text = diagnostics.length > 0 ? formatHuman(sortDiagnostics(diagnostics)) : '';
    // Warnings are repeated only when they change; errors are always shown.
    if (text !== '' && (text !== lastReport || diagnostics.some((d) => d.severity === 'fejl'))) io.stderr.write(`${text}\n`);
    lastReport = text;
  };

  const attempt = async (): Promise<void> => {
    const bytes = await readInput(input);
    if (!(bytes instanceof Uint8Array)) {
      // Some editors delete and recreate the file; the next event brings it back.
      io.stderr.write(`${clock()} ${formatHuman([bytes])}; venter på, at filen kommer igen.\n`);
      lastHash = undefined;
      return;
    }
    // The plan is read with every attempt and is part of what is built: saving either file rebuilds.
    const plan = await readPlanFor(input, bytes);
    planName = plan && 'bytes' in plan && dirname(resolve(io.cwd, plan.file)) === dirname(input.path) ? basename(plan.file) : undefined;
    const hash = createHash('sha256').update(bytes).update('\0').update(plan === undefined ? '' : 'bytes' in plan ? plan.bytes : plan.message).digest('hex');
    if (hash === lastHash) return;
    lastHash = hash;
    const started = performance.now();
    let result: BuildOnce;
    try {
      result = await buildOnce(bytes, input, plan, outDir, pool, options);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === undefined && !(e instanceof OutFolderError) && !(e instanceof LockedError) && !(e instanceof SwapError)) throw e;
      io.stderr.write(`${clock()} delaftale: ${writeProblem(e, outDir, outName)}\n`);
      lastHash = undefined;
      return;
    }
    report(result.diagnostics);
    if (!result.ok) {
      if (result.message !== undefined) io.stderr.write(`${clock()} ${result.message}\nIntet blev skrevet. Beholder de tidligere filer.\n`);
      else io.stderr.write(`${clock()} ${input.name} har fejl; intet blev skrevet. Beholder de tidligere filer.\n`);
      return;
    }
    const ms = Math.round(performance.now() - started);
    io.stdout.write(`${clock()} byggede ${result.entries.map((e) => e.path).join(', ')} på ${ms} ms\n`);
  };

  /** Builds run one at a time; changes during a build cause exactly one more build. */
  const trigger = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await attempt();
        } catch (e) {
          io.stderr.write(`delaftale: intern fejl: ${(e as Error).message}\nBeholder de tidligere filer.\n`);
          if (process.env.DELAFTALE_DEBUG) io.stderr.write(`${(e as Error).stack}\n`);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
  };

  io.stdout.write(`Holder øje med ${input.name}; filerne skrives i ${outName}/. Stop med Ctrl-C.\n`);

  // Watch the folder, not the file: editors save by writing a new file and renaming it
  // over the old one, which ends a watch on the old file.
  const target = basename(input.path);
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher;
  try {
    watcher = watch(dirname(input.path), (_event, changed) => {
      if (changed !== null && changed.toString() !== target && changed.toString() !== planName) return;
      clearTimeout(timer);
      timer = setTimeout(trigger, DEBOUNCE_MS);
    });
    watcher.on('error', (e) => io.stderr.write(`${clock()} delaftale: holder ikke længere øje med ${input.name}: ${fsProblem(e)}\n`));
  } catch (e) {
    io.stderr.write(`delaftale: kan ikke holde øje med ${dirname(input.name) || '.'}: ${fsProblem(e)}\n`);
    return EXIT.input;
  }
  pool = startWorkers(options.documents.length, args.format);

  trigger();

  // Ctrl-C, SIGTERM, SIGHUP, or the parent (npx, a terminal) gone: stop watching.
  await new Promise<void>((done) => {
    const off = onStopRequest(() => {
      off();
      done();
    });
  });
  stopped = true;
  clearTimeout(timer);
  watcher.close();
  // A build in progress finishes (its writes are all-or-nothing anyway).
  await running;
  await pool.close();
  io.stdout.write('Stoppet.\n');
  return EXIT.ok;
}
