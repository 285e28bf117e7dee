import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Delaftale } from '../src/content/types.js';
import { approvedInManifest, findConflicts } from '../src/revision/guard.js';
import { diffAgreements, reportText } from '../src/revision/report.js';
import { wordDiff } from '../src/revision/words.js';
import { ROOT, runCli, seed, tempDir } from './helpers.js';
import { pdfText } from './readers.js';
import { drawnOutsideMarkedContent, isTagged, structText, structureTree } from './structure.js';

const FIXTURES = join(ROOT, 'tests/fixtures/revision');
const V1 = 'tests/fixtures/revision/v1.json';
const V2 = 'tests/fixtures/revision/v2.json';
const GOLDEN = readFileSync(join(FIXTURES, 'rapport-v1.0-v1.1.txt'), 'utf8');
const load = (f: string) => JSON.parse(readFileSync(join(ROOT, f), 'utf8')) as Delaftale;
const LONG = 120_000;
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, sha256(join(dir, f))]));

describe('revision fixtures', () => {
  it('v1 is the seed, v2 a draft 1.1 derived from it', () => {
    const { $schema: _a, ...v1 } = load(V1);
    const { $schema: _b, ...s } = seed();
    expect(v1).toEqual(s);
    const v2 = load(V2);
    expect(v2.revision.version).toBe('1.1');
    expect(v2.revision.godkendt).toBeUndefined();
    expect(v2.revision.historik?.[0]?.godkendt).toEqual(s.revision.godkendt);
  });
});

describe('change report', () => {
  it('gives the exact expected report for the fixture pair', () => {
    const [a, b] = [load(V1), load(V2)];
    expect(reportText(a, b, diffAgreements(a, b), 'tekst')).toBe(GOLDEN);
  });

  it('classes each change and says what it requires', () => {
    const [a, b] = [load(V1), load(V2)];
    const r = diffAgreements(a, b);
    expect(r.changes.map((c) => [c.felt, c.handling, c.klasse, c.konsekvenser.join('+')])).toEqual([
      ['part', 'udskiftet', 'vaesentlig', 'bestyrelse'],
      ['formaal', 'aendret', 'vaesentlig', 'bestyrelse+lbf'],
      ['finansiering', 'aendret', 'vaesentlig', 'bestyrelse+lbf'],
      ['finansiering', 'aendret', 'vaesentlig', 'bestyrelse+lbf'],
      ['aktivitet.navn', 'omdoebt', 'vaesentlig', 'bestyrelse'],
      ['aktivitet.indhold', 'aendret', 'redaktionel', ''],
    ]);
    expect(r.comparison.budget).toEqual({ total: null, lokal: ['1.928', '2.028'], lokalAndel: ['38,3\u00a0%', '40,3\u00a0%'] });
  });

  it('recognises a removed and an added activity, and a rename with a new position', () => {
    const a = seed();
    const b = seed();
    const [removed] = b.aktiviteter.splice(1, 1);
    b.aktiviteter.push({ ...b.aktiviteter[0]!, navn: 'Helt ny aktivitet', indhold: 'Noget helt andet.', formaal: 'Andet formål.', cfbu: undefined, maalgrupper: { primaer: 'Unge' } });
    b.aktiviteter[0]!.navn = 'Naboskab og sammenhængskraft';
    const text = reportText(a, b, diffAgreements(a, b), 'tekst');
    expect(text).toContain(`Aktivitet fjernet (væsentlig): ${removed!.navn}`);
    expect(text).toContain('Aktivitet tilføjet (væsentlig): Helt ny aktivitet');
    expect(text).toContain('Aktivitet omdøbt (væsentlig): Naboskab og social sammenhængskraft → Naboskab og sammenhængskraft');
  });

  it('reports period, success criteria and no changes', () => {
    const a = seed();
    const b = seed();
    b.gyldighed.til = '2022-06-30';
    b.succeskriterier[2]!.kriterie = 'Der er stærkere fællesskab blandt beboerne i området i 2021 end i 2017';
    const text = reportText(a, b, diffAgreements(a, b), 'tekst');
    expect(text).toContain('Gyldighedsperiode ændret (væsentlig): 1. januar 2018–31. december 2021 → 1. januar 2018–30. juni 2022');
    expect(text).toContain('Succeskriterium ændret (væsentlig):');
    expect(text).toContain('[-2020-]{+2021+}');
    expect(reportText(a, a, diffAgreements(a, a), 'tekst')).toContain('Ingen ændringer i indholdet.');
  });

  it('keeps numbers whole in word diffs', () => {
    expect(wordDiff('udgør 1.928 af', 'udgør 2.028 af')).toEqual([
      { kind: 'same', text: 'udgør ' }, { kind: 'del', text: '1.928' }, { kind: 'ins', text: '2.028' }, { kind: 'same', text: ' af' },
    ]);
  });
});

describe('delaftale diff (CLI)', () => {
  let out: string;
  let run: Awaited<ReturnType<typeof runCli>>;
  let xml: string;
  beforeAll(async () => {
    out = tempDir();
    run = await runCli(['diff', V1, V2, '--out', out]);
    if (run.code !== 0) throw new Error(run.stderr);
    const docx = readdirSync(out).find((f) => f.endsWith('.docx'))!;
    xml = strFromU8(unzipSync(readFileSync(join(out, docx)))['word/document.xml']!);
  }, LONG);

  it('prints the report, then the files', () => {
    expect(run.stdout.startsWith(GOLDEN)).toBe(true);
    expect(readdirSync(out).sort()).toEqual([
      'aendringsrapport-partnerskabet-tryghed-og-trivsel-v1.0-v1.1.pdf',
      'delaftale-partnerskabet-tryghed-og-trivsel-v1.1-med-aendringer.docx',
      'manifest.json',
    ]);
  });

  it('writes a tagged change report PDF (issue 12): headings in its structure, nothing drawn outside marked content', async () => {
    const pdf = join(out, 'aendringsrapport-partnerskabet-tryghed-og-trivsel-v1.0-v1.1.pdf');
    expect(await isTagged(pdf)).toBe(true);
    expect(structureTree(await structText(pdf)).filter((n) => /^H[1-6]$/.test(n.role)).length).toBeGreaterThan(0);
    expect((await drawnOutsideMarkedContent(pdf)).outside.every((n) => n === 0)).toBe(true);
  });

  it('puts an arrow between old and new values in the PDF (embedded fallback face), not the word "til"', async () => {
    const text = (await pdfText(join(out, 'aendringsrapport-partnerskabet-tryghed-og-trivsel-v1.0-v1.1.pdf'))).map((p) => p.raw).join('\n');
    expect(text).toMatch(/3\.100(,0)?\s*→\s*3\.000/);
    expect(text).not.toMatch(/3\.100(,0)? til 3\.000/);
  });

  it('prints only the report without --out, and fails clearly on a missing file', async () => {
    const r = await runCli(['diff', V1, V2]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(GOLDEN);
    const missing = await runCli(['diff', V1, 'findes-ikke.json']);
    expect(missing.code).toBe(3);
  }, LONG);

  it('the redline holds the changes as Word tracked changes', () => {
    const changes = [...xml.matchAll(/<w:(ins|del) w:id="(\d+)" w:author="([^"]*)" w:date="([^"]*)"(\/>|>(.*?)<\/w:\1>)/g)].map((m) => ({
      kind: m[1], id: m[2], author: m[3], date: m[4], text: [...(m[6] ?? '').matchAll(/<w:(?:t|delText)[^>]*>([^<]*)</g)].map((t) => t[1]).join(''),
    }));
    expect(changes.length).toBeGreaterThan(10);
    expect(new Set(changes.map((c) => c.author))).toEqual(new Set(['delaftale']));
    expect(new Set(changes.map((c) => c.date))).toEqual(new Set(['2019-03-01T12:00:00Z']));
    expect(new Set(changes.map((c) => c.id)).size).toBe(changes.length);
    const pairs = changes.map((c) => `${c.kind}:${c.text}`);
    for (const expected of [
      'del:3.100', 'ins:3.000', 'del:1.928', 'ins:2.028', 'ins:i boligområdet ', 'del:Uffe Andreasen', 'ins:Nanna Sørensen',
      'del:Kontaktpersonordningen ', 'ins:Kontaktpersonordning for driften ',
      'del:Holmbladsgade/Villakvarter/Urbansplanen', 'ins:Holmbladsgade/Villakvarter/Urbanplanen',
      // The new row of the revision history table.
      'ins:1.1', 'ins:Udkast, ikke godkendt',
    ]) expect(pairs).toContain(expected);
    // Deleted text is w:delText inside w:del, never w:t.
    for (const m of xml.matchAll(/<w:del [^>]*>(.*?)<\/w:del>/g)) expect(m[1]).not.toMatch(/<w:t[ >]/);
  });

  it('opens in LibreOffice with the tracked changes in place', async () => {
    if (!(await hasSoffice())) return;
    const dir = tempDir();
    const docx = join(out, 'delaftale-partnerskabet-tryghed-og-trivsel-v1.1-med-aendringer.docx');
    await new Promise<void>((resolve, reject) => execFile('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'odt', '--outdir', dir, docx], { timeout: 110_000 }, (e) => (e ? reject(e) : resolve())));
    const odt = join(dir, 'delaftale-partnerskabet-tryghed-og-trivsel-v1.1-med-aendringer.odt');
    const content = strFromU8(unzipSync(readFileSync(odt))['content.xml']!);
    expect(content).toContain('<text:tracked-changes');
    const regions = [...content.matchAll(/<text:changed-region /g)].length;
    expect(regions).toBeGreaterThan(10);
    expect(content).toMatch(/<text:insertion>/);
    expect(content).toMatch(/<text:deletion>/);
  }, LONG);
});

async function hasSoffice(): Promise<boolean> {
  return new Promise((resolve) => execFile('sh', ['-c', 'command -v soffice'], (e) => resolve(!e)));
}

describe('overwrite guard', () => {
  const formats = ['--format', 'pdf', 'docx'];
  let dir: string;
  let first: Record<string, string>;
  const write = (name: string, content: Delaftale) => {
    const file = join(tempDir(), name);
    writeFileSync(file, JSON.stringify(content, null, 2));
    return file;
  };
  const changed = () => {
    const c = seed();
    c.oekonomi.finansiering[1]!.beloeb = 2028;
    return c;
  };

  beforeAll(async () => {
    dir = tempDir();
    const r = await runCli(['build', ...formats, '--out', dir]);
    if (r.code !== 0) throw new Error(r.stderr);
    first = snapshot(dir);
  }, LONG);

  it('rebuilding unchanged approved content succeeds with identical bytes', async () => {
    const r = await runCli(['build', ...formats, '--out', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(snapshot(dir)).toEqual(first);
  }, LONG);

  it('changed content under the same approved version stops with exit 5 and leaves the files as they were', async () => {
    const r = await runCli(['build', write('aendret.json', changed()), ...formats, '--out', dir]);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('delaftale-partnerskabet-tryghed-og-trivsel-v1.0.pdf er dannet af version 1.0, som er godkendt');
    expect(r.stderr).toContain('hæv revision.version');
    expect(r.stderr).toContain('--force');
    expect(r.stdout).toBe('');
    expect(snapshot(dir)).toEqual(first);
    // The same version number as a draft is no way round it.
    const draft = changed();
    delete draft.revision.godkendt;
    expect((await runCli(['build', write('udkast.json', draft), ...formats, '--out', dir])).code).toBe(5);
    expect(snapshot(dir)).toEqual(first);
  }, LONG);

  it('a new draft version builds beside the approved files, which stay listed', async () => {
    const copy = tempDir();
    cpSync(dir, copy, { recursive: true });
    const draft = changed();
    const { historik: _h, ...approved } = seed().revision;
    draft.revision = { version: '1.1', dato: '2019-03-01', historik: [approved] };
    const file = write('v1.1.json', draft);
    const r = await runCli(['build', file, ...formats, '--out', copy]);
    expect(r.code, r.stderr).toBe(0);
    const after = snapshot(copy);
    for (const [f, h] of Object.entries(first)) if (f !== 'manifest.json') expect(after[f], f).toBe(h);
    const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')) as { files: { path: string; version: string; approved: boolean }[] };
    const paths = manifest.files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(manifest.files.filter((f) => f.version === '1.0').every((f) => f.approved)).toBe(true);
    expect(manifest.files.filter((f) => f.version === '1.1').map((f) => f.approved)).toEqual([false, false, false, false]);
    expect(existsSync(join(copy, 'delaftale-partnerskabet-tryghed-og-trivsel-v1.1.pdf'))).toBe(true);
    // A draft is rebuilt freely.
    draft.indsats = 'Partnerskabet (udkast)';
    writeFileSync(file, JSON.stringify(draft));
    expect((await runCli(['build', file, ...formats, '--out', copy])).code).toBe(0);
  }, LONG);

  it('--force replaces the approved files', async () => {
    const copy = tempDir();
    cpSync(dir, copy, { recursive: true });
    const r = await runCli(['build', write('aendret.json', changed()), ...formats, '--force', '--out', copy]);
    expect(r.code, r.stderr).toBe(0);
    expect(snapshot(copy)['delaftale-partnerskabet-tryghed-og-trivsel-v1.0.pdf']).not.toBe(first['delaftale-partnerskabet-tryghed-og-trivsel-v1.0.pdf']);
  }, LONG);

  it('findConflicts: only approved entries with other bytes', () => {
    const existing = [
      { path: 'a.pdf', sha256: '1', version: '1.0', approved: true },
      { path: 'b.pdf', sha256: '2', version: '1.1', approved: false },
      { path: 'c.pdf', sha256: '3' },
    ];
    const approved = approvedInManifest(existing);
    expect(findConflicts(approved, [{ path: 'a.pdf', sha256: '1' }, { path: 'b.pdf', sha256: 'x' }, { path: 'c.pdf', sha256: 'y' }])).toEqual([]);
    expect(findConflicts(approved, [{ path: 'a.pdf', sha256: 'x' }])).toMatchObject([{ path: 'a.pdf', file: 'a.pdf', version: '1.0' }]);
  });
});
