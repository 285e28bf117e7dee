import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, SEED_FILE, TSC_BIN, runCli, tempDir, type Run } from './helpers.js';

/**
 * The shipped CLI is the esbuild bundle (dist/bundle/, scripts/bundle.mjs); tsc's ES modules
 * (dist/cli/bin.js) are the same program unbundled. For the seed, the fixtures, a plan folder
 * and a template folder of one's own, both write the same bytes: the bundle carries the
 * patched react-pdf, pdfkit's standard fonts and ICC profile, the hyphenation patterns and
 * the precompiled validators, and finds schema/, templates/, content/ and the fonts. Its
 * messages (validation, usage) are the same too. Batch builds run on the bundle's worker thread.
 */

const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };

/** Every file `build` wrote, by name (none if it wrote no folder). */
function written(dir: string): Map<string, Buffer> {
  if (!existsSync(dir)) return new Map();
  return new Map(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name))]));
}

async function bothBuild(args: string[]): Promise<{ bundle: Map<string, Buffer>; tsc: Map<string, Buffer>; runs: Run[] }> {
  const outs = [join(tempDir(), 'bundle'), join(tempDir(), 'tsc')];
  const runs = await Promise.all([BIN, TSC_BIN].map((bin, i) => runCli([...args, '--out', outs[i]!], { bin, env: EPOCH })));
  return { bundle: written(outs[0]!), tsc: written(outs[1]!), runs };
}

function expectSameFiles(r: { bundle: Map<string, Buffer>; tsc: Map<string, Buffer>; runs: Run[] }, count: number): void {
  expect(r.runs.map((x) => x.code), r.runs.map((x) => x.stderr).join('\n----\n')).toEqual([0, 0]);
  expect(r.runs[0]!.stderr).toBe(r.runs[1]!.stderr);
  expect([...r.bundle.keys()]).toEqual([...r.tsc.keys()]);
  expect(r.bundle.size).toBeGreaterThanOrEqual(count);
  for (const [name, bytes] of r.tsc) expect(Buffer.compare(r.bundle.get(name)!, bytes), name).toBe(0);
}

describe('the bundle writes what the tsc build writes', () => {
  it('the seed: five files and the manifest, byte for byte (one thread)', async () => {
    expectSameFiles(await bothBuild(['build', SEED_FILE]), 6);
  }, 240_000);

  it('a folder of fixtures, built on worker threads', async () => {
    const r = await bothBuild(['build', join(ROOT, 'tests/fixtures/aftaler')]);
    expectSameFiles(r, 1);
    const manifest = JSON.parse(r.bundle.get('manifest.json')!.toString('utf8')) as { files: unknown[] };
    expect(manifest.files.length).toBeGreaterThanOrEqual(5 * 6);
  }, 600_000);

  it('a plan folder and the 2019–2026 fixture (plan file, periods)', async () => {
    expectSameFiles(await bothBuild(['build', join(ROOT, 'content/helhedsplan-solbakken')]), 11);
    expectSameFiles(await bothBuild(['build', join(ROOT, 'tests/fixtures/2019-2026/beskaeftigelse.json'), '--format', 'docx', 'xlsx']), 4);
  }, 600_000);

  it('with --skabelon, a template folder of one\'s own', async () => {
    const dir = join(tempDir(), 'skabelon');
    expect((await runCli(['skabelon', 'kopier', '2019-2026', dir])).code).toBe(0);
    expectSameFiles(await bothBuild(['build', SEED_FILE, '--skabelon', dir, '--format', 'docx', 'xlsx']), 4);
  }, 240_000);
});

describe('the bundle says what the tsc build says', () => {
  const fixtures = (dir: string) => readdirSync(join(ROOT, dir)).filter((n) => n.endsWith('.json')).map((n) => join(dir, n));
  const cases: string[][] = [
    ['validate', ...fixtures('tests/fixtures/fejl'), ...fixtures('tests/fixtures/2019-2026/fejl'), ...fixtures('tests/fixtures/tegn')],
    ['validate', '--format', 'json', ...fixtures('tests/fixtures/2019-2026/fejl'), 'content/helhedsplan-solbakken/plan.json'],
    ['validate', 'content/tryghed-og-trivsel.json', '--strict'],
    ['--help'],
    ['build', '--help'],
    ['build', '--formatt', 'pdf'],
    ['bygg'],
  ];
  const named = cases.map((args) => [args.join(' ').replaceAll(`${ROOT}/`, '').slice(0, 100), args] as const);
  it.each(named)('%s', async (_, args) => {
    const [bundle, tsc] = await Promise.all([runCli(args), runCli(args, { bin: TSC_BIN })]);
    expect(bundle).toEqual(tsc);
  }, 120_000);
});
