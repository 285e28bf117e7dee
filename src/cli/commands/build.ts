import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { EXIT, type ExitCode } from '../../diagnostics/exit-codes.js';
import { formatHuman, sortDiagnostics, uniqueDiagnostics } from '../../diagnostics/format.js';
import type { Format } from '../../formats.js';
import type { OutputOptions } from '../../outputs.js';
import { ApprovedVersionError, describeConflicts } from '../../revision/guard.js';
import { expandInputs, isPlanFile, readInput, readPlanFor, type Input } from '../inputs.js';
import { renderAgreement, type WorkerPool } from '../worker-pool.js';
import type { CliIo } from '../io.js';
import type { RenderJob, RenderResult } from '../render-job.js';
import { LockedError } from '../folder-lock.js';
import { inspectOutFolder, outFolder, OutFolderError, type OutFolder } from '../out-folder.js';
import { stopOnSignals, StoppedError } from '../stop.js';
import { templateOption } from '../template-option.js';
import { writeMessages, writeOutputs, writeProblem } from '../write-outputs.js';

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
  /** A secretariat's own template folder (--skabelon), relative to the working directory. */
  skabelon?: string;
}

/**
 * One agreement: validate, render every output in memory, and only then write them
 * all (see writeOutputs); any error means nothing is written.
 * Several agreements (a folder, or several files): rendered on worker threads, one
 * per core, with a progress line per agreement on a terminal; one bad agreement is
 * reported and the others are still written; the exit code says that some failed.
 */
export async function buildCommand(args: BuildArgs, io: CliIo): Promise<ExitCode> {
  // --out on disk, and as the messages name it.
  const out = outFolder(args.out, io.cwd);
  // A wrong --out (a file, /proc) is told at once, not after the rendering.
  try {
    await inspectOutFolder(out.path, out.name);
  } catch (e) {
    if (!(e instanceof OutFolderError)) throw e;
    io.stderr.write(`delaftale: ${e.message}.\nIntet blev skrevet.\n`);
    return EXIT.output;
  }
  const { inputs, problems } = await expandInputs(args.files, io.cwd);
  const diagnostics: Diagnostic[] = [...problems];
  let failed: ExitCode | undefined = problems.length > 0 ? EXIT.input : undefined;

  // Several agreements render on worker threads. They start now and load the renderers
  // while this thread reads and validates (validation and the render code are imported
  // only after this, for the same reason). A single agreement renders in this thread: two
  // workers each load react-pdf, yoga and fontkit cold, which cost more than rendering the
  // two documents one after the other (seed, 5 interleaved runs on 2 cores: median 7,11 s
  // with workers, 5,68 s without; peak memory 429 MB → 262 MB; the same bytes).
  const batch = inputs.length > 1;
  const threads = batch ? inputs.length : 0;
  const pool = threads > 1
    ? (await import('../worker-pool.js')).startWorkers(threads, args.format, { batch: true })
    : undefined;
  // A signal or a vanished parent stops the workers before anything is renamed (stop.ts).
  const unwatch = stopOnSignals(io, out.name, () => pool?.close());
  try {
    return await buildWith(pool, batch, inputs, diagnostics, failed, args, out, io);
  } finally {
    unwatch();
    await pool?.close();
  }
}

async function buildWith(
  pool: WorkerPool | undefined,
  batch: boolean,
  inputs: Input[],
  diagnostics: Diagnostic[],
  failedBefore: ExitCode | undefined,
  args: BuildArgs,
  out: OutFolder,
  io: CliIo,
): Promise<ExitCode> {
  let failed = failedBefore;

  const jobs: RenderJob[] = [];
  const plans: { input: Input; bytes: Uint8Array }[] = [];
  const { dir: skabelon, problem } = templateOption(args.skabelon, io.cwd);
  if (problem) {
    io.stderr.write(`${formatHuman([problem])}\n`);
    return EXIT.input;
  }
  for (const input of inputs) {
    const bytes = await readInput(input);
    // A plan file is no delaftale: its delaftaler read it (a folder holds both), and it gives the samarbejdsaftale.
    if (bytes instanceof Uint8Array && isPlanFile(bytes)) {
      if (args.documents.includes('agreement')) plans.push({ input, bytes });
      continue;
    }
    if (bytes instanceof Uint8Array) {
      jobs.push({
        bytes, name: input.name, strict: args.strict, activity: args.activity, plan: await readPlanFor(input, bytes),
        options: { formats: args.format, documents: args.documents, sourceDateEpoch: process.env.SOURCE_DATE_EPOCH, skabelon },
      });
    } else {
      diagnostics.push(bytes);
      failed = EXIT.input;
    }
  }

  let results: RenderResult[];
  if (batch && pool) {
    let finished = 0;
    results = await pool.run(jobs, (r) => {
      finished += 1;
      if (!io.stderr.isTTY) return;
      const status = r.failed === undefined ? `${r.files.length} filer` : 'FEJL';
      io.stderr.write(`[${finished}/${jobs.length}] ${r.name}: ${status} (${(r.milliseconds / 1000).toLocaleString('da-DK', { maximumFractionDigits: 1 })} s)\n`);
    });
  } else if (jobs.length === 1) {
    // One agreement, in this thread (see above).
    results = [await renderAgreement(jobs[0]!, pool)];
  } else {
    results = []; // no readable input; its problem is already in diagnostics
  }
  const { samarbejdsaftaleJob } = await import('../samarbejdsaftale-job.js');
  for (const plan of plans) {
    results.push(await samarbejdsaftaleJob(plan, jobs, { formats: args.format, skabelon, sourceDateEpoch: process.env.SOURCE_DATE_EPOCH }));
  }
  for (const r of results) {
    diagnostics.push(...r.diagnostics);
    if (r.failed !== undefined) failed ??= r.failed;
  }
  const sorted = sortDiagnostics(uniqueDiagnostics(diagnostics));
  if (sorted.length > 0) io.stderr.write(`${formatHuman(sorted)}\n`);

  // Two agreements that would write the same file name: neither is written (the later would silently replace the earlier).
  const owner = new Map<string, string>();
  for (const r of results) {
    for (const f of r.files) {
      const first = owner.get(f.path);
      if (first !== undefined && first !== r.name) {
        io.stderr.write(`${r.name}  fejl  filnavn  giver samme filnavn som ${first}: ${f.path}; giv aftalerne forskellig indsats eller forskelligt indsatsområde, eller byg dem til hver sin mappe\n`);
        r.failed = EXIT.indhold;
        failed ??= EXIT.indhold;
      } else owner.set(f.path, r.name);
    }
  }
  const good = results.filter((r) => r.failed === undefined);
  if (failed !== undefined && (!batch || good.length === 0)) {
    io.stderr.write('Intet blev skrevet; tidligere filer er uændrede.\n');
    return failed;
  }

  try {
    const entries = await writeOutputs(out.path, good.flatMap((r) => r.files), { force: args.force, ...writeMessages(out.name, io) });
    for (const e of entries) io.stdout.write(`${out.name}/${e.path}  (${e.bytes.toLocaleString('da-DK')} byte)\n`);
  } catch (e) {
    if (e instanceof StoppedError) return e.stop.code;
    if (e instanceof ApprovedVersionError) {
      io.stderr.write(`${describeConflicts(e.conflicts, out.name, 'Eller kør igen med --force for alligevel at erstatte den godkendte versions filer.')}\nIntet blev skrevet; tidligere filer er uændrede.\n`);
      return EXIT.godkendt;
    }
    io.stderr.write(`delaftale: ${writeProblem(e, out.path, out.name)}\n`);
    return e instanceof LockedError ? EXIT.optaget : EXIT.output;
  }
  if (failed !== undefined) {
    io.stderr.write(`${good.length} af ${results.length} aftaler blev dannet; ${results.length - good.length} fejlede og er ikke skrevet.\n`);
    return failed;
  }
  return EXIT.ok;
}
