#!/usr/bin/env node
// `delaftale edit`: the time from the last keystroke of an amount change to the new preview
// drawn in the page (debounce, /api/preview, the render on the server, fetch, pdf.js drawing
// the pages in view), in Debian's Chromium driven by playwright-core, on a draft copy of the
// seed. Beside it, in the same run, the `watch` rebuild time (bench/watch.mjs, as row d of
// bench/run.mjs). Prints one markdown table. Needs dist/ and dist/web (npm run build &&
// npm run build-web). Environment: BENCH_EDIT_RUNS=15, BENCH_WATCH_RUNS=5, CHROMIUM=path.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyEdits, modify } from 'jsonc-parser';
import { chromium } from 'playwright-core';
import { stats, watchRebuild } from './watch.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The CLI as shipped (package.json "bin"): the esbuild bundle.
const BIN = join(ROOT, 'dist/bundle/delaftale.cjs');
const SEED_JSON = join(ROOT, 'content/tryghed-og-trivsel.json');
const AMOUNT = '[data-pointer="/oekonomi/finansiering/1/beloeb"]';
const log = (s) => process.stderr.write(`[edit-bench] ${s}\n`);

export const chromiumPath = () => process.env.CHROMIUM
  ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => spawnSync(p, ['--version'], { stdio: 'ignore' }).status === 0);

/**
 * `runs` amount changes typed in the form, each timed from the last key's input event to the
 * new preview drawn. Returns the latencies, the server's render times (`ms` of /api/preview)
 * and the page's share, and the time to the first preview.
 */
export async function editPreview({ runs = 15, bin = BIN, chromium: executablePath = chromiumPath() } = {}) {
  if (!existsSync(bin) || !existsSync(join(ROOT, 'dist/web/assets.json'))) {
    throw new Error('dist/ eller dist/web mangler: kør npm run build');
  }
  if (!executablePath) throw new Error('Chromium findes ikke (apt-get install chromium), eller sæt CHROMIUM=sti');
  const TMP = mkdtempSync(join(tmpdir(), 'delaftale-edit-bench-'));
  const seed = readFileSync(SEED_JSON, 'utf8');
  const file = join(TMP, 'aftale.json');
  writeFileSync(file, applyEdits(seed, modify(seed, ['revision', 'godkendt'], undefined, {})));

  const server = spawn(process.execPath, [bin, 'edit', file, '--no-open', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stderr.on('data', () => {});
  const url = await new Promise((res, rej) => {
    let out = '';
    server.stdout.on('data', (d) => { out += d; if (out.includes('\n')) res(out.split('\n')[0].trim()); });
    server.on('exit', (code) => rej(new Error(`edit exited ${code}`)));
  });

  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  const latency = [];
  const serverMs = [];
  const clientMs = [];
  let firstMs;
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('response', async (r) => {
      if (!r.url().endsWith('/api/preview')) return;
      try { const b = await r.json(); if (b.version != null && typeof b.ms === 'number') serverMs.push(b.ms); } catch { /* superseded or closed */ }
    });
    const t0 = Date.now();
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById('panel-aftale')?.dataset.version, null, { timeout: 120_000 });
    firstMs = Date.now() - t0;
    log(`første forhåndsvisning efter ${firstMs} ms`);
    // In the page: the time of the last input event, and of the next preview drawn after it.
    await page.evaluate(() => {
      const b = { lastInput: 0, drawn: 0, client: 0 };
      window.__bench = b;
      document.addEventListener('input', () => { b.lastInput = performance.now(); b.drawn = 0; }, true);
      document.addEventListener('delaftale:forhaandsvisning', (e) => { if (e.detail.name === 'aftale' && b.lastInput) { b.drawn = performance.now(); b.client = e.detail.ms; } });
    });
    const amount = page.locator(AMOUNT);
    for (let i = -2; i < runs; i += 1) { // two warm-up changes
      await amount.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type(String(2000 + (i + 3) * 7), { delay: 60 }); // a person typing; the last key is the one timed
      await page.waitForFunction(() => window.__bench.drawn > window.__bench.lastInput, null, { timeout: 60_000 });
      const [ms, client] = await page.evaluate(() => [window.__bench.drawn - window.__bench.lastInput, window.__bench.client]);
      if (i >= 0) { latency.push(ms); clientMs.push(client); }
      log(`${i < 0 ? 'opvarmning' : `kørsel ${i + 1}`}: ${ms.toFixed(0)} ms (siden: ${client.toFixed(0)} ms)`);
      await page.waitForTimeout(400); // let the pages out of view finish drawing
    }
  } finally {
    await browser.close();
    server.kill('SIGINT');
    await new Promise((r) => (server.exitCode !== null ? r() : server.on('exit', r)));
    if (!process.env.BENCH_KEEP) rmSync(TMP, { recursive: true, force: true });
  }
  return { latency: stats(latency), render: stats(serverMs.slice(-runs)), client: stats(clientMs), firstMs };
}

// Run alone: the edit row beside a watch row measured in the same run.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const RUNS = Math.max(1, Number(process.env.BENCH_EDIT_RUNS ?? 15));
  const WATCH_RUNS = Math.max(1, Number(process.env.BENCH_WATCH_RUNS ?? 5));
  const edit = await editPreview({ runs: RUNS });
  log(`watch ×${WATCH_RUNS}`);
  const dir = mkdtempSync(join(tmpdir(), 'delaftale-edit-bench-watch-'));
  const watch = await watchRebuild({ bin: BIN, seedJson: SEED_JSON, dir, runs: WATCH_RUNS, cwd: ROOT });
  rmSync(dir, { recursive: true, force: true });
  const f0 = (x) => (x === undefined ? '–' : Math.round(x).toLocaleString('da-DK'));
  const cell = (s) => (s ? `${f0(s.median)} (${f0(s.min)}–${f0(s.max)})` : '–');
  console.log(`Belastning (load average) ved slut: ${loadavg().map((x) => x.toFixed(1)).join(' ')} på ${cpus().length} kerner\n`);
  console.log('| Måling | ms, median (min–max) | Note |');
  console.log('| --- | ---: | --- |');
  console.log(`| edit: sidste tastetryk → ny forhåndsvisning tegnet (Chromium, seed, n=${edit.latency.n}) | ${cell(edit.latency)} | inkl. 150 ms pause; serverens rendering ${cell(edit.render)} ms; sidens del (hent PDF, pdf.js tegner siderne i syne) ${cell(edit.client)} ms; første visning ${f0(edit.firstMs)} ms; mål ≤ 500 ms: ${edit.latency.median <= 500 ? 'nået' : 'ikke nået'} |`);
  console.log(`| watch: gem → nye filer skrevet (samme kørsel, n=${watch.ms.n}) | ${cell(watch.ms)} | build i watch ${cell(watch.internal)} ms |`);
}
