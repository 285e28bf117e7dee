// One cold build of the seed, stage by stage, in one process bundled like the CLI
// (bench/phases.mjs bundles and runs it). Each stage imports what it needs when it
// starts, as the CLI does, so an import's time is where the CLI would spend it.
// Prints one line per stage: milliseconds for the stage, then cumulative since spawn.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const spawned = Number(process.env.BENCH_SPAWNED_AT ?? Date.now());
const ROOT = process.env.BENCH_ROOT ?? process.cwd();
const lines: string[] = [];
let last = spawned;
const row = (label: string, ms: number, at: number) => lines.push(`${label.padEnd(52)} ${ms.toFixed(0).padStart(6)} ms  (at ${(at - spawned).toFixed(0)} ms)`);
/** Layout passes and PDF writes inside a stage (see phases.mjs's plugin), printed below it. */
let passes: Array<[string, number, number]> = [];
(globalThis as { __benchPass?: (label: string, ms: number) => void }).__benchPass = (label, ms) => passes.push([label, ms, Date.now()]);

async function lap<T>(label: string, f: () => T | Promise<T>): Promise<T> {
  passes = [];
  const r = await f();
  const now = Date.now();
  row(label, now - last, now);
  let n = 0;
  for (const [what, ms, at] of passes) row(`  ${what === 'layout pass' ? `layout pass ${(n += 1)}` : what}`, ms, at);
  last = now;
  return r;
}

async function main(): Promise<void> {
  await lap('process start (Node, read and compile the bundle)', () => {});
  const bytes = readFileSync(join(ROOT, 'content/tryghed-og-trivsel.json'));
  const { validateBytes } = await lap('load validation (validators, rules)', () => import('../src/content/validate.js'));
  const { content } = await lap('validate seed (schema + rules)', () => validateBytes(bytes, 'seed'));
  if (!content) throw new Error('the seed did not validate');
  const { prepare } = await lap('load templates (handlebars, remark)', () => import('../src/generate.js'));
  const agreement = await lap('template: agreement (handlebars + markdown tree)', () => prepare(content));
  const portal = await lap('template: activity sheets', () => prepare(content, { template: 'aktivitetsark' }));
  const { toPdf } = await lap('load PDF renderer (react-pdf)', () => import('../src/render/pdf/to-pdf.js'));
  const { loadFonts } = await import('../src/render/pdf/fonts.js');
  await lap('register fonts', () => loadFonts());
  const files: Array<[string, Uint8Array]> = [];
  files.push(['a.pdf', (await lap('agreement PDF (fonts parsed on first use)', () => toPdf(agreement.tree, agreement.options))).bytes]);
  files.push(['p.pdf', (await lap('activity sheets PDF', () => toPdf(portal.tree, portal.options))).bytes]);
  const { toDocx } = await lap('load DOCX renderer', () => import('../src/render/docx/to-docx.js'));
  files.push(['a.docx', (await lap('agreement DOCX', () => toDocx(agreement.tree, agreement.options))).bytes]);
  files.push(['p.docx', (await lap('activity sheets DOCX', () => toDocx(portal.tree, portal.options))).bytes]);
  const { buildOutputs } = await import('../src/outputs.js');
  const xlsx = await lap('activity sheets XLSX (with their template again)', () => buildOutputs(content, { formats: ['xlsx'], documents: ['portal'] }));
  files.push(...xlsx.files.map((f): [string, Uint8Array] => [f.path, f.bytes]));
  const out = mkdtempSync(join(tmpdir(), 'delaftale-phases-'));
  await lap('write the files', () => { for (const [name, b] of files) writeFileSync(join(out, name), b); });
  rmSync(out, { recursive: true, force: true });
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
