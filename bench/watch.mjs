// Shared by bench/run.mjs (row d) and bench/edit-preview.mjs: statistics, and the time a
// running `delaftale watch` takes from saving a change until its new outputs are written.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const stats = (xs) => (xs.length === 0 ? undefined : { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length });

/**
 * `delaftale watch` on a draft copy of `seedJson` in `dir`, changed `runs` times:
 * { ms: stats of save → "byggede … på N ms" line, internal: stats of N, first: first build ms }.
 */
export async function watchRebuild({ bin, seedJson, dir, runs, cwd }) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'aftale.json');
  const content = JSON.parse(readFileSync(seedJson, 'utf8'));
  delete content.revision.godkendt; // a draft, so each change may replace the files
  writeFileSync(file, JSON.stringify(content, null, 2));
  const child = spawn(process.execPath, [bin, 'watch', file, '--out', join(dir, 'out')], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let waiter;
  child.stdout.on('data', (d) => { out += d; waiter?.(); });
  child.stderr.on('data', () => {});
  const nextBuild = (from, ms = 120_000) => new Promise((res, rej) => {
    const t = setTimeout(() => rej(new Error(`watch: no build line within ${ms} ms:\n${out}`)), ms);
    waiter = () => {
      const m = out.slice(from).match(/byggede .* på (\d+) ms\n/);
      if (m) { clearTimeout(t); waiter = undefined; res(Number(m[1])); }
    };
    waiter();
  });
  try {
    const first = await nextBuild(0);
    const latency = [];
    const internal = [];
    for (let i = 0; i < runs; i += 1) {
      const from = out.length;
      content.indsats = `Partnerskabet ${i + 1}`;
      const t0 = process.hrtime.bigint();
      writeFileSync(file, JSON.stringify(content, null, 2));
      const reported = await nextBuild(from);
      latency.push(Number(process.hrtime.bigint() - t0) / 1e6);
      internal.push(reported);
    }
    return { ms: stats(latency), internal: stats(internal), first };
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
  }
}
