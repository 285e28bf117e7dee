// One cold build of the seed, stage by stage in one process, to show where the time goes.
// Prints one line per stage: milliseconds for the stage, then cumulative since start.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => join(ROOT, 'dist', p);
const t0 = performance.now();
let last = t0;
const lap = async (label, f) => {
  const r = await f();
  const now = performance.now();
  process.stdout.write(`${label.padEnd(48)} ${(now - last).toFixed(0).padStart(6)} ms  (at ${(now - t0).toFixed(0)} ms)\n`);
  last = now;
  return r;
};

const { validateBytes } = await lap('import validation (ajv, schema, rules)', () => import(dist('content/validate.js')));
const { prepare } = await lap('import generate (handlebars, remark)', () => import(dist('generate.js')));
const bytes = readFileSync(join(ROOT, 'content/tryghed-og-trivsel.json'));
const { content } = await lap('validate seed (schema compile + rules)', () => validateBytes(bytes, 'seed'));
await lap('validate seed again (warm)', () => validateBytes(bytes, 'seed'));
const agreement = await lap('prepare agreement (template + markdown tree)', () => prepare(content));
const portal = await lap('prepare portal sheets', () => prepare(content, { template: 'aktivitetsark' }));
await lap('import @react-pdf/renderer', () => import('@react-pdf/renderer'));
const { toPdf } = await lap('import delaftale PDF renderer', () => import(dist('render/pdf/to-pdf.js')));
const { loadFonts } = await import(dist('render/pdf/fonts.js'));
await lap('register and parse fonts', () => loadFonts());
await lap('agreement PDF, 1st (font parsing, all layout passes)', () => toPdf(agreement.tree, agreement.options));
await lap('agreement PDF, 2nd (warm, all layout passes)', () => toPdf(agreement.tree, agreement.options));
await lap('portal PDF (warm)', () => toPdf(portal.tree, portal.options));
const { toDocx } = await lap('import docx renderer', () => import(dist('render/docx/to-docx.js')));
await lap('agreement DOCX', () => toDocx(agreement.tree, agreement.options));
await lap('portal DOCX', () => toDocx(portal.tree, portal.options));
