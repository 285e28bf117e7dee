import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, SEED_FILE, tempDir, type Run } from './helpers.js';

/** `delaftale build FOLDER`: every agreement in it, on worker threads; a bad one does not stop the others. */
describe('batch build of a folder', () => {
  const dir = tempDir();
  const folder = join(dir, 'aftaler');
  const out = join(dir, 'ud');
  let run: Run;

  beforeAll(async () => {
    mkdirSync(folder);
    const seed = readFileSync(SEED_FILE, 'utf8');
    writeFileSync(join(folder, 'a-nord.json'), seed.replace('"indsats": "Partnerskabet"', '"indsats": "Helhedsplan Nord"'));
    writeFileSync(join(folder, 'b-syd.json'), seed.replace('"indsats": "Partnerskabet"', '"indsats": "Helhedsplan Syd"'));
    writeFileSync(join(folder, 'c-fejl.json'), seed.replace('"beloeb": 1928', '"beloeb": "1.928 kr"'));
    run = await runCli(['build', folder, '--out', out, '--format', 'docx', 'xlsx']);
  }, 300_000);

  it('builds the good agreements, reports the bad one, and exits 1', () => {
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/c-fejl\.json:\d+:\d+ {2}#\/oekonomi\/finansiering\/1\/beloeb {2}fejl {2}schema\/type/);
    expect(run.stderr).toContain('2 af 3 aftaler blev dannet; 1 fejlede og er ikke skrevet.');
  });

  it('names every file after its agreement, so none overwrites another', () => {
    const names = readdirSync(out).sort();
    expect(names).toEqual([
      'aktivitetsskemaer-helhedsplan-nord-tryghed-og-trivsel-v1.0.docx',
      'aktivitetsskemaer-helhedsplan-nord-tryghed-og-trivsel-v1.0.xlsx',
      'aktivitetsskemaer-helhedsplan-syd-tryghed-og-trivsel-v1.0.docx',
      'aktivitetsskemaer-helhedsplan-syd-tryghed-og-trivsel-v1.0.xlsx',
      'delaftale-helhedsplan-nord-tryghed-og-trivsel-v1.0.docx',
      'delaftale-helhedsplan-syd-tryghed-og-trivsel-v1.0.docx',
      'manifest.json',
    ]);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
    expect(manifest.files.map((f) => f.path).sort()).toEqual(names.filter((n) => n !== 'manifest.json'));
  });

  it('prints no progress lines when stderr is not a terminal', () => {
    expect(run.stderr).not.toMatch(/^\[\d+\/3\]/m);
  });

  it('refuses two agreements that would write the same file names', async () => {
    const twins = join(dir, 'tvillinger');
    mkdirSync(twins);
    const seed = readFileSync(SEED_FILE, 'utf8');
    writeFileSync(join(twins, 'a.json'), seed);
    writeFileSync(join(twins, 'b.json'), seed);
    const r = await runCli(['build', twins, '--out', join(dir, 'ud2'), '--format', 'xlsx']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/b\.json {2}fejl {2}filnavn {2}giver samme filnavn som .*a\.json/);
  }, 300_000);
});
