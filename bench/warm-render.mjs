// Warm re-render of the seed as `delaftale edit`'s live preview does it: renderAgreement on a
// warm pool of 2 workers, PDF only, agreement + activity sheets, after a small edit.
//
//   node bench/warm-render.mjs [ROOT ...] [--runs N]
//
// ROOT is a checkout with a built dist/ (default: this one). With several roots, their pools
// are started side by side and the runs alternate between them (A, B, A, B, …), so a load
// spike on this shared machine hits both alike. Each run renders the seed with one edit
// applied, then without it: both are re-renders after a change. Prints one markdown row per
// root and edit kind: median, min and max wall ms of renderAgreement. Every edited version
// is new (amount 2028, 2029, …; another word each time), as when typing: no cache of a
// previous version's parse or layout can answer it whole.
// As bin.ts does for the CLI (and worker-pool.ts now for its workers): React's production build.
process.env.NODE_ENV ??= 'production';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 15;
const roots = args.length > 0 ? args.map((a) => resolve(a)) : [HERE];

const seed = JSON.parse(readFileSync(join(HERE, 'content/tryghed-og-trivsel.json'), 'utf8'));
/** Edit kinds: each returns an edited copy of the content. */
// i: the run's number, for a version not seen before.
const letters = (i) => String.fromCharCode(97 + (i % 26), 97 + Math.floor(i / 26));
const EDITS = {
  'amount 1928→2028 (+i)': (c, i) => { c.oekonomi.finansiering[1].beloeb = 2028 + i; },
  'word in problemkompleks, same length': (c, i) => { c.problemkompleks = c.problemkompleks.replace('negativt', `negati${letters(i)}`); },
  'word in problemkompleks, longer (moves a deferred footnote)': (c, i) => { c.problemkompleks = c.problemkompleks.replace('omdømmeanalyse', `omdømmeundersøgelse${letters(i)}`); },
  'unchanged (same bytes again)': () => {},
};
const variant = (edit, i = 0) => {
  const c = structuredClone(seed);
  edit(c, i);
  return new TextEncoder().encode(JSON.stringify(c, null, 2));
};
const original = variant(() => {});

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const setups = [];
for (const root of roots) {
  const { startWorkers, renderAgreement } = await import(join(root, 'dist/cli/worker-pool.js'));
  const pool = startWorkers(2, ['pdf']);
  const render = async (bytes) => {
    const t = performance.now();
    const r = await renderAgreement({
      bytes, name: 'tryghed-og-trivsel.json', strict: false,
      options: { formats: ['pdf'], documents: ['agreement', 'portal'], sourceDateEpoch: '1700000000' },
    }, pool);
    if (r.failed !== undefined) throw new Error(`${root}: ${JSON.stringify(r.diagnostics)}`);
    return { ms: performance.now() - t, files: r.files };
  };
  const first = await render(original);
  // Two more to warm the JIT and the workers' caches.
  await render(variant(EDITS['amount 1928→2028 (+i)'], 99));
  await render(original);
  setups.push({ root, pool, render, cold: first.ms, times: Object.fromEntries(Object.keys(EDITS).map((k) => [k, []])) });
}

// Each run: the edit (timed), then back to the original (not timed; a previous version).
// Byte check across roots: the same content must give the same files everywhere.
const digests = new Map();
for (const [kind, edit] of Object.entries(EDITS)) {
  for (let i = 0; i < RUNS; i += 1) {
    const bytes = variant(edit, i);
    for (const s of setups) {
      const edited = await s.render(bytes);
      s.times[kind].push(edited.ms);
      if (kind !== 'unchanged (same bytes again)') await s.render(original);
      if (i === 0) {
        const sig = edited.files.map((f) => `${f.path}:${Buffer.from(f.bytes).toString('base64').length}:${hash(f.bytes)}`).join(' ');
        const had = digests.get(kind);
        if (had !== undefined && had !== sig) process.stderr.write(`BYTES DIFFER for ${kind} between roots\n`);
        digests.set(kind, sig);
      }
    }
  }
}
function hash(bytes) {
  let h = 0;
  for (const b of bytes) h = (h * 31 + b) | 0;
  return (h >>> 0).toString(16);
}

console.log(`Load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${RUNS} runs per edit kind and root (each: a new edited version, timed, then back to the seed, not timed)\n`);
console.log('| Root | Edit | Warm ms, median (min–max) | n |');
console.log('| --- | --- | ---: | ---: |');
for (const s of setups) {
  console.log(`| ${s.root} | first render in fresh pool | ${s.cold.toFixed(0)} | 1 |`);
  for (const [kind, xs] of Object.entries(s.times)) {
    console.log(`| ${s.root} | ${kind} | ${median(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}) | ${xs.length} |`);
  }
}
await Promise.all(setups.map((s) => s.pool.close()));
