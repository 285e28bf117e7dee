// One cold build of the seed, stage by stage in one process, to show where the time goes:
// bench/phases-entry.ts bundled as the CLI is (scripts/bundle.mjs), run in a fresh Node
// process. Each layout pass and the PDF writing are timed by wrapping layOut and
// writeLaidOut (src/render/pdf/pdf-passes.ts) in the bundle made here; nothing in src/
// knows about it. Prints one line per stage: milliseconds, then cumulative since spawn.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from '../scripts/bundle.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Two folders deep, as dist/bundle/ is: the bundle finds schema/ and templates/ from there.
const out = mkdtempSync(join(ROOT, 'dist/phases-'));

const timePasses = {
  name: 'time-layout-passes',
  setup(b) {
    b.onLoad({ filter: /src[\\/]render[\\/]pdf[\\/]pdf-passes\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!/export async function layOut\(/.test(text) || !/export async function writeLaidOut\(/.test(text)) {
        throw new Error('bench/phases.mjs: pdf-passes.ts no longer has layOut and writeLaidOut; update the pass timing');
      }
      const wrap = `
;{
  const timed = (label, f) => async (...a) => { const t = Date.now(); try { return await f(...a); } finally { globalThis.__benchPass?.(label, Date.now() - t); } };
  layOut = timed('layout pass', layOut);
  writeLaidOut = timed('write PDF (pdfkit)', writeLaidOut);
}
`;
      return { contents: text + wrap, loader: 'ts' };
    });
  },
};

try {
  await bundle({ phases: 'bench/phases-entry.ts' }, out, { plugins: [timePasses] });
  const r = spawnSync(process.execPath, [join(out, 'phases.cjs')], {
    cwd: ROOT, encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production', BENCH_ROOT: ROOT, BENCH_SPAWNED_AT: String(Date.now()) },
  });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
