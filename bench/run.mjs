#!/usr/bin/env node
// `npm run bench`: delaftale against reference tools, side by side on this machine.
// Plain Node ESM over dist/ (built first when missing): the CLI as shipped, the esbuild
// bundle (dist/bundle/delaftale.cjs), and in row a0 also tsc's unbundled ES modules
// (dist/cli/bin.js), in turn with LibreOffice and pandoc. Writes bench/RESULTS.md.
// See bench/README.md for what each row means. Environment:
//   BENCH_RUNS=5        runs per row (median, min, max)
//   BENCH_BATCH_RUNS=1  runs of the 50-agreement batch (each takes minutes)
//   BENCH_SCALING_RUNS=3 runs per size in the scaling row (the 16× build is the slowest)
//   BENCH_BATCH=50      agreements in the batch
//   BENCH_SEED_TXT=…    the seed agreement's text (default ../shared/seeds/000_….txt)
//   BENCH_ONLY_COLD=1   rows a, a0, b, c only, printed and not written to RESULTS.md (a quick ratio)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stats, watchRebuild } from './watch.mjs';
import { chromiumPath, editPreview } from './edit-preview.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = join(ROOT, 'bench');
const BIN = join(ROOT, 'dist/bundle/delaftale.cjs');
/** The same program as tsc's ES modules, unbundled: the cold build before the bundle. */
const TSC_BIN = join(ROOT, 'dist/cli/bin.js');
const SEED_JSON = join(ROOT, 'content/tryghed-og-trivsel.json');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const BATCH_RUNS = Math.max(1, Number(process.env.BENCH_BATCH_RUNS ?? 1));
const SCALING_RUNS = Math.max(1, Number(process.env.BENCH_SCALING_RUNS ?? 3));
const BATCH = Math.max(1, Number(process.env.BENCH_BATCH ?? 50));
const EDIT_RUNS = Math.max(1, Number(process.env.BENCH_EDIT_RUNS ?? 15));
const SEED_NAME = 'seeds/000_3c0444a1d17f3534.txt';
const SEED_TXT = process.env.BENCH_SEED_TXT
  ?? [join(ROOT, '..', 'shared', SEED_NAME), join('/work/shared', SEED_NAME)].find((p) => existsSync(p));
const TMP = mkdtempSync(join(tmpdir(), 'delaftale-bench-'));
const started = Date.now();
const log = (s) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}\n`);

// ---------- tools ----------
const which = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim() || undefined;
const notes = [];

function ensureTools() {
  const missing = [];
  if (!which('soffice')) missing.push('libreoffice-writer-nogui');
  if (!which('pandoc')) missing.push('pandoc');
  if (!existsSync('/usr/bin/time')) missing.push('time');
  if (missing.length === 0) return;
  if (process.getuid?.() === 0 && which('apt-get')) {
    log(`installerer ${missing.join(' ')} med apt-get`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    let r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'ignore', env });
    if (r.status !== 0) {
      spawnSync('apt-get', ['update'], { stdio: 'ignore', env });
      r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'ignore', env });
    }
    if (r.status !== 0) notes.push(`apt-get install ${missing.join(' ')} failed (exit ${r.status}).`);
  } else {
    notes.push(`Not root: could not install ${missing.join(', ')}; their rows are skipped.`);
  }
}

function ensureDist() {
  if (existsSync(BIN) && existsSync(TSC_BIN)) return;
  log('dist/ mangler; bygger med npm run build (tsc og bundlen)');
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

// ---------- measuring ----------
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const RSS_PRELOAD = join(BENCH, 'maxrss.mjs');

/**
 * Runs a command to completion: wall time (ms) and peak RSS (MB). Peak memory comes
 * from GNU time (%M, the child's and its descendants' maximum resident set); without
 * it, Node children report their own process.resourceUsage().maxRSS through a preload.
 */
function measure(cmd, args, { cwd = ROOT, env = {}, node = false } = {}) {
  return new Promise((resolvePromise, reject) => {
    const memFile = join(TMP, `mem-${process.hrtime.bigint()}`);
    let argv = [cmd, ...args];
    let childEnv = { ...process.env, ...env };
    // Also CPU seconds (user + system): on a shared machine they move less with the load than wall time.
    if (TIME) argv = [TIME, '-f', '%M %U %S', '-o', memFile, ...argv];
    else if (node) {
      argv = [cmd, '--import', RSS_PRELOAD, ...args];
      childEnv = { ...childEnv, BENCH_RSS_FILE: memFile };
    }
    const t0 = process.hrtime.bigint();
    const child = spawn(argv[0], argv.slice(1), { cwd, env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      let mb;
      let cpu;
      if (existsSync(memFile)) {
        const [kb, user, system] = readFileSync(memFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
        if (Number.isFinite(kb)) mb = kb / 1024;
        if (Number.isFinite(user) && Number.isFinite(system)) cpu = (user + system) * 1000;
      }
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} → exit ${code}\n${stderr.slice(-2000)}`));
      else resolvePromise({ ms, mb, cpu });
    });
  });
}

async function repeat(n, once) {
  const ms = [];
  const mb = [];
  for (let i = 0; i < n; i += 1) {
    const r = await once(i);
    ms.push(r.ms);
    if (r.mb !== undefined) mb.push(r.mb);
  }
  return { ms: stats(ms), mb: stats(mb) };
}

const node = (args, opts = {}) => measure(process.execPath, args, { ...opts, node: true });
const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));

// ---------- rows ----------
const rows = {};

/**
 * a, a0, b, c in turn, run by run: the bundle, tsc's modules, LibreOffice, pandoc. Whatever
 * else the machine is doing then weighs on all four alike, so their ratios hold up better
 * than their absolute times.
 */
async function rowsColdBuildAndReferences() {
  const soffice = which('soffice');
  const pandoc = which('pandoc');
  // Untimed: the agreement DOCX for LibreOffice, and the files of both builds in the page cache.
  for (const [bin, dir] of [[BIN, 'warm-bundle'], [TSC_BIN, 'warm-tsc']]) await node([bin, 'build', SEED_JSON, '--out', join(TMP, dir)]);
  const docx = agreementDocx(join(TMP, 'warm-bundle'));
  if (!soffice || !docx) notes.push(`LibreOffice row skipped: ${!soffice ? 'soffice not installed' : 'no agreement DOCX'}.`);
  if (!pandoc || !SEED_TXT) notes.push(`pandoc row skipped: ${!pandoc ? 'pandoc not installed' : 'seed text not found'}.`);
  const md = join(TMP, 'seed.md');
  if (SEED_TXT) writeFileSync(md, readFileSync(SEED_TXT));
  const runs = { cold: [], tsc: [], soffice: [], pandoc: [] };
  for (let i = 0; i < RUNS; i += 1) {
    log(`a/a0/b/c runde ${i + 1} af ${RUNS}: bundle, tsc-moduler, LibreOffice, pandoc`);
    runs.cold.push(await node([BIN, 'build', SEED_JSON, '--out', join(TMP, `a-${i}`)]));
    runs.tsc.push(await node([TSC_BIN, 'build', SEED_JSON, '--out', join(TMP, `a0-${i}`)]));
    if (soffice && docx) {
      const profile = join(TMP, `b-profile-${i}`); // a fresh profile: cold every run
      runs.soffice.push(await measure(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', join(TMP, `b-${i}`), docx]));
    }
    if (pandoc && SEED_TXT) runs.pandoc.push(await measure(pandoc, [md, '-o', join(TMP, `c-${i}.docx`)]));
  }
  const summary = (rs) => (rs.length === 0 ? undefined : {
    ms: stats(rs.map((r) => r.ms)), mb: stats(rs.map((r) => r.mb).filter((x) => x !== undefined)), cpu: stats(rs.map((r) => r.cpu).filter((x) => x !== undefined)),
  });
  rows.cold = summary(runs.cold);
  rows.tsc = summary(runs.tsc);
  rows.soffice = summary(runs.soffice);
  rows.pandoc = summary(runs.pandoc);
  // Per round too, so that one busy moment does not decide a ratio.
  if (runs.soffice.length) rows.roundRatios = stats(runs.cold.map((r, i) => r.ms / runs.soffice[i].ms));
  rows.speedup = stats(runs.cold.map((r, i) => r.ms / runs.tsc[i].ms));
  if (soffice && docx) {
    const pdf = join(TMP, 'b-0', docx.split('/').pop().replace(/\.docx$/, '.pdf'));
    if (!existsSync(pdf)) notes.push('LibreOffice exited 0 but wrote no PDF; its row is not meaningful.');
  }
  // The same bytes from both builds (same day, same content: SOURCE_DATE_EPOCH is not needed within one run).
  const same = readdirSync(join(TMP, 'a-0')).every((n) => readFileSync(join(TMP, 'a-0', n)).equals(readFileSync(join(TMP, 'a0-0', n))));
  notes.push(`Rows a and a0 wrote ${same ? 'byte-identical' : '**different**'} files (run 1).`);
}

function agreementDocx(dir) {
  const name = readdirSync(dir).find((n) => n.startsWith('delaftale-') && n.endsWith('.docx'));
  return name && join(dir, name);
}

/** d. A running `watch`: time from saving a change until the new outputs are written. */
async function rowWatch() {
  log(`d. watch-genopbygning ×${RUNS}`);
  rows.watch = await watchRebuild({ bin: BIN, seedJson: SEED_JSON, dir: join(TMP, 'd'), runs: RUNS, cwd: ROOT });
}

/** g. `delaftale edit` in Chromium: last keystroke of an amount change → new preview drawn (bench/edit-preview.mjs). */
async function rowEdit() {
  if (!chromiumPath()) {
    notes.push('Row g skipped: chromium not installed (apt-get install chromium).');
    return;
  }
  log(`g. edit: tastetryk → forhåndsvisning ×${EDIT_RUNS}`);
  rows.edit = await editPreview({ runs: EDIT_RUNS, bin: BIN });
}

/** e. One folder of BATCH agreements, built by one `delaftale build FOLDER`. */
async function rowBatch() {
  log(`e. batch af ${BATCH} aftaler ×${BATCH_RUNS}`);
  const folder = join(TMP, 'e-in');
  mkdirSync(folder);
  const seed = readJson(SEED_JSON);
  for (let i = 0; i < BATCH; i += 1) {
    const c = structuredClone(seed);
    c.indsats = `Partnerskabet ${i + 1}`;
    // Each its own version too, so the paths differ even where the file name has no indsats
    // (before 6aa4e32 it was made from indsatsområde and version only).
    c.revision.version = `1.${i + 1}`;
    // Different wording in every agreement, as in a real housing organisation: each
    // paragraph of the problem statement and each longer activity text gets its own
    // words, so no agreement's paragraphs are laid out from another's (the text layout
    // cache only helps within one agreement's footnote passes).
    c.problemkompleks = c.problemkompleks.split('\n\n').map((p) => `Aftale ${i + 1}: ${p}`).join('\n\n');
    for (const a of c.aktiviteter) {
      for (const [k, v] of Object.entries(a)) if (typeof v === 'string' && v.length > 40) a[k] = `Aftale ${i + 1}: ${v}`;
    }
    writeFileSync(join(folder, `aftale-${String(i + 1).padStart(2, '0')}.json`), JSON.stringify(c, null, 2));
  }
  const r = await repeat(BATCH_RUNS, (i) => node([BIN, 'build', folder, '--out', join(TMP, `e-out-${i}`)]));
  const files = readJson(join(TMP, 'e-out-0', 'manifest.json')).files.length;
  rows.batch = { ...r, files, perAgreement: stats([r.ms.median / BATCH]) };
}

/** f. The problem statement 1×, 4×, 16×: copies without footnote references, so every reference stays valid and single. */
async function rowScaling() {
  const seed = readJson(SEED_JSON);
  const plain = seed.problemkompleks.replace(/\[\^[^\]]+\]/g, '');
  rows.scaling = [];
  for (const k of [1, 4, 16]) {
    log(`f. skalering ${k}× problemkompleks ×${SCALING_RUNS}`);
    const c = structuredClone(seed);
    c.problemkompleks = [seed.problemkompleks, ...Array.from({ length: k - 1 }, () => plain)].join('\n\n');
    const file = join(TMP, `f-${k}.json`);
    writeFileSync(file, JSON.stringify(c, null, 2));
    const r = await repeat(SCALING_RUNS, (i) => node([BIN, 'build', file, '--out', join(TMP, `f-${k}-${i}`)]));
    const pdf = readdirSync(join(TMP, `f-${k}-0`)).find((n) => n.startsWith('delaftale-') && n.endsWith('.pdf'));
    const pages = (readFileSync(join(TMP, `f-${k}-0`, pdf), 'latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
    rows.scaling.push({ k, chars: c.problemkompleks.length, pages, ...r });
  }
}

/** Where a cold build's time goes: phases timed in one process, and a CPU profile by package. */
function profile() {
  log('profil: faser og CPU-profil');
  const phases = spawnSync(process.execPath, [join(BENCH, 'phases.mjs')], { cwd: ROOT, encoding: 'utf8' });
  const prof = join(TMP, 'prof');
  // tsc's modules, not the bundle: their file names tell the packages apart.
  spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', prof, TSC_BIN, 'build', SEED_JSON, '--out', join(TMP, 'prof-out')], { cwd: ROOT, stdio: 'ignore' });
  const file = existsSync(prof) ? readdirSync(prof).find((n) => n.endsWith('.cpuprofile')) : undefined;
  return { phases: phases.status === 0 ? phases.stdout : `phases.mjs failed:\n${phases.stderr}`, packages: file ? byPackage(join(prof, file)) : 'no profile' };
}

function byPackage(path) {
  const p = readJson(path);
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const perPackage = new Map();
  let total = 0;
  p.samples.forEach((id, i) => {
    const us = p.timeDeltas[i] ?? 0;
    total += us;
    const url = nodes.get(id).callFrame.url;
    const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    const key = m ? m[1] : url.includes('/dist/') ? `delaftale ${url.replace(/.*\/dist\//, '')}` : url.startsWith('node:') ? 'node (loader, zlib, fs)' : (nodes.get(id).callFrame.functionName || '(other)');
    perPackage.set(key, (perPackage.get(key) ?? 0) + us);
  });
  const top = [...perPackage].sort((a, b) => b[1] - a[1]).slice(0, 14);
  return [`| Package | CPU ms | share |`, `| --- | ---: | ---: |`,
    ...top.map(([k, us]) => `| ${k} | ${(us / 1000).toFixed(0)} | ${((100 * us) / total).toFixed(0)} % |`),
    `| total sampled | ${(total / 1000).toFixed(0)} | |`].join('\n');
}

function loadavg() {
  try { return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '); } catch { return ''; /* not Linux */ }
}
const LOAD_AT_START = loadavg();

// ---------- report ----------
const f0 = (x) => (x === undefined ? '–' : x.toFixed(0));
const f1 = (x) => (x === undefined ? '–' : x.toFixed(1));
const f2 = (x) => (x === undefined ? '–' : x.toFixed(2));
const cell = (s, fmt = f0) => (s ? `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})` : '–');

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = cpuinfo.match(/model name\s*:\s*(.*)/)?.[1] ?? cpus()[0]?.model ?? '?';
  const version = (cmd, args) => (which(cmd) ? spawnSync(cmd, args, { encoding: 'utf8' }).stdout.split('\n')[0].trim() : 'not installed');
  const load = loadavg();
  return [
    `- CPU: ${model}, ${cpus().length} cores; RAM ${(totalmem() / 2 ** 30).toFixed(1)} GiB; load average at the start ${LOAD_AT_START || '?'}, at the end ${load || '?'}`,
    `- Node ${process.version}; ${version('soffice', ['--version'])}; ${version('pandoc', ['--version'])}`,
    `- Peak memory from ${TIME ? 'GNU time (%M)' : 'process.resourceUsage().maxRSS of the Node child (bench/maxrss.mjs)'}`,
  ].join('\n');
}

function report(prof) {
  const r = rows;
  const line = (name, s, note = '') => `| ${name} | ${cell(s.ms)} | ${s.mb ? cell(s.mb) : '–'} | ${note} |`;
  const table = ['| Row | Wall ms, median (min–max) | Peak MB, median (min–max) | Note |', '| --- | ---: | ---: | --- |'];
  const cpuNote = (s) => (s.cpu ? `; CPU ${cell(s.cpu)} ms` : '');
  if (r.cold) table.push(line('a. delaftale build, seed, all outputs (cold process, the bundle)', r.cold, `${RUNS} runs; 5 files + manifest; dist/bundle/delaftale.cjs${cpuNote(r.cold)}`));
  if (r.tsc) table.push(line('a0. the same, tsc\'s unbundled modules (before the bundle)', r.tsc, `dist/cli/bin.js; a/a0 per round ${cell(r.speedup, f2)}${cpuNote(r.tsc)}`));
  if (r.soffice) table.push(line('b. LibreOffice DOCX→PDF, our agreement (cold profile)', r.soffice, `soffice --headless --convert-to pdf${cpuNote(r.soffice)}`));
  if (r.pandoc) table.push(line('c. pandoc seed text Markdown→DOCX', r.pandoc, `${SEED_TXT?.split('/').pop()}`));
  if (r.watch) table.push(`| d. watch: save → new outputs written | ${cell(r.watch.ms)} | – | build inside watch ${cell(r.watch.internal)} ms; first build ${r.watch.first} ms |`);
  if (r.edit) table.push(`| g. edit: last keystroke → new preview drawn (Chromium, seed) | ${cell(r.edit.latency)} | – | ${r.edit.latency.n} runs; 150 ms debounce included; server render ${cell(r.edit.render)} ms; the page's share (fetch, pdf.js draws the pages in view) ${cell(r.edit.client)} ms; first preview ${r.edit.firstMs} ms |`);
  if (r.batch) table.push(line(`e. batch: build FOLDER of ${BATCH}`, r.batch, `${BATCH_RUNS} run(s); ${f0(r.batch.perAgreement.median)} ms per agreement; ${r.batch.files} files`));
  for (const s of r.scaling ?? []) table.push(line(`f. problemkompleks ${s.k}× (${s.chars} chars, agreement ${s.pages} pages)`, s, `${SCALING_RUNS} runs`));

  const goals = ['| Goal | Measured | Ratio / value | Met? |', '| --- | --- | ---: | :---: |'];
  const ok = (b) => (b === undefined ? '–' : b ? 'yes' : '**no**');
  if (r.cold && r.soffice) {
    const ratio = r.cold.ms.median / r.soffice.ms.median;
    goals.push(`| cold build ≤ 0.4 × LibreOffice DOCX→PDF | ${f0(r.cold.ms.median)} ms vs ${f0(r.soffice.ms.median)} ms | ${f2(ratio)} × (per round ${cell(r.roundRatios, f2)}) | ${ok(ratio <= 0.4)} |`);
    if (r.cold.cpu && r.soffice.cpu) goals.push(`| (context) the same in CPU time | ${f0(r.cold.cpu.median)} ms vs ${f0(r.soffice.cpu.median)} ms | ${f2(r.cold.cpu.median / r.soffice.cpu.median)} × | – |`);
    if (r.tsc) goals.push(`| (before) tsc's modules vs LibreOffice | ${f0(r.tsc.ms.median)} ms vs ${f0(r.soffice.ms.median)} ms | ${f2(r.tsc.ms.median / r.soffice.ms.median)} × | – |`);
  }
  if (r.cold && r.pandoc) goals.push(`| (context) cold build vs pandoc MD→DOCX | ${f0(r.cold.ms.median)} ms vs ${f0(r.pandoc.ms.median)} ms | ${f1(r.cold.ms.median / r.pandoc.ms.median)} × | – |`);
  if (r.watch) goals.push(`| watch rebuild ≤ 0.4 s median | ${f0(r.watch.ms.median)} ms | ${f2(r.watch.ms.median / 1000)} s | ${ok(r.watch.ms.median <= 400)} |`);
  if (r.edit) goals.push(`| edit: keystroke → preview ≤ 0.5 s median | ${f0(r.edit.latency.median)} ms (watch in the same run: ${r.watch ? `${f0(r.watch.ms.median)} ms` : '–'}) | ${f2(r.edit.latency.median / 1000)} s | ${ok(r.edit.latency.median <= 500)} |`);
  if (r.batch) {
    goals.push(`| batch ≤ 0.5 s per agreement | ${f0(r.batch.ms.median)} ms / ${BATCH} | ${f2(r.batch.perAgreement.median / 1000)} s | ${ok(r.batch.perAgreement.median <= 500)} |`);
    if (r.batch.mb) goals.push(`| batch peak memory ≤ 500 MB | ${f0(r.batch.mb.median)} MB | ${f0(r.batch.mb.median)} MB | ${ok(r.batch.mb.median <= 500)} |`);
  }
  if (r.scaling?.length === 3) {
    const [a, b, c] = r.scaling.map((s) => s.ms.median);
    const s1 = (b - a) / 3; // ms per extra copy, 1×→4×
    const s2 = (c - b) / 12; // ms per extra copy, 4×→16×
    const linear = a < b && b < c && s2 / s1 <= 1.5;
    goals.push(`| time linear in size | ${f0(a)} → ${f0(b)} → ${f0(c)} ms; ${s1 > 0 ? `+${f0(s1)}` : f0(s1)} ms per copy (1→4×), ${s2 > 0 ? `+${f0(s2)}` : f0(s2)} ms per copy (4→16×) | ${s1 > 0 ? `${f2(s2 / s1)} (1 = linear)` : 'not monotonic'} | ${ok(linear)} |`);
  }
  const previous = existsSync(join(BENCH, 'RESULTS.md')) ? readFileSync(join(BENCH, 'RESULTS.md'), 'utf8') : '';
  const marker = '<!-- findings: written by hand, kept by bench/run.mjs -->';
  const findings = previous.includes(marker) ? previous.slice(previous.indexOf(marker)) : `${marker}\n\n## Findings\n\n(none yet)\n`;
  return `# Benchmark results

Written by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; the whole run took ${((Date.now() - started) / 1000).toFixed(0)} s.

${machine()}
${notes.map((n) => `- Note: ${n}`).join('\n')}

## Medians

${table.join('\n')}

## Goals

${goals.join('\n')}

## Where a cold build's time goes

Phases timed in one process bundled as the CLI is (bench/phases.mjs; cumulative from spawn):

\`\`\`
${prof.phases.trim()}
\`\`\`

CPU profile of one cold \`delaftale build\` of tsc's modules (node --cpu-prof; in the bundle all packages are one file), self time by package:

${prof.packages}

${findings}`;
}

// ---------- main ----------
ensureTools();
ensureDist();
const ONLY_COLD = Boolean(process.env.BENCH_ONLY_COLD);
try {
  await rowsColdBuildAndReferences();
  if (ONLY_COLD) {
    const md = report({ phases: '(not run: BENCH_ONLY_COLD)', packages: '' });
    process.stdout.write(md.slice(0, md.indexOf('## Where')));
  } else {
    await rowWatch();
    await rowEdit();
    await rowScaling();
    await rowBatch();
    const md = report(profile());
    writeFileSync(join(BENCH, 'RESULTS.md'), md);
    process.stdout.write(md.slice(0, md.indexOf('## Where')));
    log('skrev bench/RESULTS.md');
  }
} finally {
  if (!process.env.BENCH_KEEP) rmSync(TMP, { recursive: true, force: true });
  else log(`midlertidige filer: ${TMP}`);
}
