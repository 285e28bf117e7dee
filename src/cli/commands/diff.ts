import { resolve } from 'node:path';
import type { Delaftale } from '../../content/types.js';
import { validateBytes } from '../../content/validate.js';
import { EXIT, type ExitCode } from '../../diagnostics/exit-codes.js';
import { formatHuman, sortDiagnostics } from '../../diagnostics/format.js';
import { prepare } from '../../generate.js';
import { templateProblem } from '../render-job.js';
import { diffAgreements, reportDocument, reportText, type Report } from '../../revision/report.js';
import { parseMarkdown } from '../../tree/parse.js';
import { readInput, readPlanFor } from '../inputs.js';
import type { CliIo } from '../io.js';
import { LockedError } from '../folder-lock.js';
import { outFolder } from '../out-folder.js';
import { stopOnSignals, StoppedError } from '../stop.js';
import { templateOption } from '../template-option.js';
import { writeMessages, writeOutputs, writeProblem } from '../write-outputs.js';

export interface DiffArgs {
  old: string;
  new: string;
  out?: string;
  /** A secretariat's own template folder (--skabelon), relative to the working directory. */
  skabelon?: string;
}

/**
 * `delaftale diff OLD NEW [--out dir]`: the change report between two versions of an
 * agreement, on the terminal; with --out also as a PDF and the new agreement as a DOCX
 * with Word tracked changes (the redline).
 */
export async function diffCommand(args: DiffArgs, io: CliIo): Promise<ExitCode> {
  const loaded: Delaftale[] = [];
  let failed: ExitCode | undefined;
  const { dir: skabelon, problem } = templateOption(args.skabelon, io.cwd);
  if (problem) {
    io.stderr.write(`${formatHuman([problem])}\n`);
    return EXIT.input;
  }
  for (const file of [args.old, args.new]) {
    const input = { name: file, path: resolve(io.cwd, file) };
    const bytes = await readInput(input);
    if (!(bytes instanceof Uint8Array)) {
      io.stderr.write(`${formatHuman([bytes])}\n`);
      failed ??= EXIT.input;
      continue;
    }
    const { content, diagnostics } = validateBytes(bytes, file, { plan: await readPlanFor(input, bytes), egenSkabelon: skabelon });
    if (!content) {
      io.stderr.write(`${formatHuman(sortDiagnostics(diagnostics.filter((d) => d.severity === 'fejl')))}\n`);
      failed ??= EXIT.indhold;
      continue;
    }
    loaded.push(content);
  }
  if (failed !== undefined) return failed;
  const [a, b] = loaded as [Delaftale, Delaftale];

  let report;
  let text;
  try {
    report = diffAgreements(a, b, skabelon);
    text = reportText(a, b, report, io.stdout.isTTY && !process.env.NO_COLOR ? 'farve' : 'tekst');
    // The agreements' own templates too, so that a fault in them stops before anything is written.
    if (args.out !== undefined) prepare(b, { skabelon });
  } catch (e) {
    const problem = templateProblem(e, args.new);
    if (!problem) throw e;
    io.stderr.write(`${formatHuman([problem])}\n`);
    return EXIT.indhold;
  }
  io.stdout.write(text);
  if (args.out === undefined) return EXIT.ok;

  const epoch = process.env.SOURCE_DATE_EPOCH;
  const doc = reportDocument(a, b, report.words, epoch);
  const { toRedlineDocx } = await import('../../revision/redline.js');
  const newPrepared = prepare(b, { sourceDateEpoch: epoch, skabelon });
  const [pdf, docx] = await Promise.all([
    reportPdf(a, b, report, epoch),
    toRedlineDocx(prepare(a, { sourceDateEpoch: epoch, skabelon }).tree, newPrepared.tree, newPrepared.options, {
      author: doc.redlineAuthor,
      date: doc.options.metadata.date.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    }),
  ]);
  const { path: outDir, name: dir } = outFolder(args.out, io.cwd);
  const unwatch = stopOnSignals(io, dir, () => {});
  try {
    const entries = await writeOutputs(outDir, [
      { kind: 'report-pdf', path: `${doc.fileName}.pdf`, bytes: pdf.bytes },
      { kind: 'redline-docx', path: `${doc.redlineFileName}.docx`, bytes: docx.bytes },
    ], writeMessages(dir, io));
    io.stdout.write('\n');
    for (const e of entries) io.stdout.write(`${dir}/${e.path}  (${e.bytes.toLocaleString('da-DK')} byte)\n`);
  } catch (e) {
    if (e instanceof StoppedError) return e.stop.code;
    io.stderr.write(`delaftale: ${writeProblem(e, outDir, dir)}\n`);
    return e instanceof LockedError ? EXIT.optaget : EXIT.output;
  } finally {
    unwatch();
  }
  return EXIT.ok;
}

/** The change report as a PDF (the same document `diff --out` writes; `delaftale edit` shows it). */
export async function reportPdf(a: Delaftale, b: Delaftale, report: Report, sourceDateEpoch: string | undefined): Promise<{ bytes: Uint8Array }> {
  const { toPdf } = await import('../../render/pdf/to-pdf.js');
  return toPdf(parseMarkdown(reportText(a, b, report, 'markdown')), reportDocument(a, b, report.words, sourceDateEpoch).options);
}
