import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../src/content/limits.js';
import { ROOT, runCli, SEED_FILE, seed, tempDir, textCharacters, type Run } from './helpers.js';

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

/**
 * limits.ts promises that an agreement at its limits (50 activities, 250.000 characters of
 * text) builds inside a worker thread's heap. A batch renders on workers (a single agreement
 * renders in the main thread, which has no such cap), so the corner is built here beside the
 * minimal fixture. Before react-pdf loaded each face once per layout pass (patches/), every
 * node asked for all seven faces and the pending loads ran the worker out of memory.
 */
describe('an agreement at the limits in a batch', () => {
  it(`${LIMITS.aktiviteter} activities and just under ${LIMITS.tekstIAlt} characters build on a worker thread`, async () => {
    // Words of their own in every paragraph (a fixed pseudo-random sequence), so no cache shares lines between them.
    let state = 12345;
    // 32-bit arithmetic (Math.imul): a product above 2^53 would be rounded and the sequence fall into a short cycle.
    const random = () => (state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff) / 2147483648;
    const word = () => Array.from({ length: 3 + Math.floor(random() * 9) }, () => 'abdefghijklmnoprstuvyæøå'[Math.floor(random() * 24)]).join('');
    const paragraph = (n: number) => {
      let s = '';
      while (s.length < n) s += random() < 0.08 ? `${word()}. ` : `${word()} `;
      return `${s.trim()}.`;
    };
    const c = seed();
    c.indsats = 'Grænsen';
    c.aktiviteter = Array.from({ length: LIMITS.aktiviteter }, (_, i) => ({ ...structuredClone(c.aktiviteter[i % c.aktiviteter.length]!), navn: `Aktivitet ${i + 1} ${word()}` }));
    const each = Math.floor((LIMITS.tekstIAlt - 1_500 - textCharacters(c)) / LIMITS.aktiviteter);
    for (const a of c.aktiviteter) a.indhold = `${a.indhold}\n\n${paragraph(each - 2)}`;
    const total = textCharacters(c);
    expect(total).toBeLessThanOrEqual(LIMITS.tekstIAlt);
    expect(total).toBeGreaterThan(LIMITS.tekstIAlt - 5_000);

    const dir = tempDir();
    const folder = join(dir, 'aftaler');
    mkdirSync(folder);
    writeFileSync(join(folder, 'graensen.json'), JSON.stringify(c, null, 2));
    writeFileSync(join(folder, 'minimal.json'), readFileSync(join(ROOT, 'tests/fixtures/aftaler/minimal.json')));
    const run = await runCli(['build', folder, '--out', join(dir, 'ud'), '--format', 'pdf']);
    expect(run.stderr).not.toContain('hukommelse');
    expect(run.code).toBe(0);
    const pdf = readFileSync(join(dir, 'ud', readdirSync(join(dir, 'ud')).find((n) => n.startsWith('delaftale-graensen-'))!), 'latin1');
    // Some 150 pages: the whole text was laid out, not cut short.
    expect((pdf.match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThan(100);
  }, 600_000);
});
