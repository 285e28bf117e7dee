import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Delaftale } from '../src/content/types.js';
import { whatDiffers } from '../src/revision/guard.js';
import { formatStamp, parseStamp, stampInDocx, stampInPdf } from '../src/revision/stamp.js';
import { runCli, seed, tempDir, type Run } from './helpers.js';

/**
 * The overwrite guard reads the files, not only the manifest: an approved version's PDF
 * and DOCX carry a stamp, so deleting or editing manifest.json, or renaming the files,
 * is no way round it; and a refused build is told what differs.
 */

const PDF = 'delaftale-partnerskabet-tryghed-og-trivsel-v1.0.pdf';
const DOCX = 'delaftale-partnerskabet-tryghed-og-trivsel-v1.0.docx';
const FORMATS = ['--format', 'pdf', 'docx'];
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, sha(join(dir, f))]));
const build = (args: string[], env: Record<string, string> = {}): Promise<Run> => runCli(['build', ...args, ...FORMATS], { env: { SOURCE_DATE_EPOCH: '', ...env } });

let approved: string;
let changedFile: string;

beforeAll(async () => {
  approved = tempDir();
  const r = await build(['--out', approved]);
  if (r.code !== 0) throw new Error(r.stderr);
  const changed: Delaftale = seed();
  changed.oekonomi.finansiering[1]!.beloeb = 2028;
  changedFile = join(tempDir(), 'aendret.json');
  writeFileSync(changedFile, JSON.stringify(changed, null, 2));
}, 120_000);

const copy = () => {
  const dir = tempDir();
  cpSync(approved, dir, { recursive: true });
  return dir;
};

describe('the approval stamp', () => {
  it('an approved version\'s PDF and DOCX carry their version, name and digests; the manifest the same digests', () => {
    const pdf = stampInPdf(readFileSync(join(approved, PDF)));
    const docx = stampInDocx(readFileSync(join(approved, DOCX)));
    expect(pdf).toMatchObject({ version: '1.0', file: PDF.replace(/\.pdf$/, ''), program: '0.1.0' });
    expect(pdf!.content).toMatch(/^[0-9a-f]{64}$/);
    expect(docx).toMatchObject({ version: '1.0', file: DOCX.replace(/\.docx$/, ''), content: pdf!.content, templates: pdf!.templates });
    const manifest = JSON.parse(readFileSync(join(approved, 'manifest.json'), 'utf8')) as { files: Record<string, unknown>[] };
    for (const f of manifest.files) expect(f).toMatchObject({ approved: true, contentSha256: pdf!.content, templatesSha256: pdf!.templates, program: '0.1.0' });
  });
});

describe('the guard cannot be sidestepped', () => {
  it('with manifest.json deleted: exit 5, the approved files stay', async () => {
    const dir = copy();
    rmSync(join(dir, 'manifest.json'));
    const before = snapshot(dir);
    const r = await build([changedFile, '--out', dir]);
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr).toContain(`${PDF} er dannet af version 1.0, som er godkendt, og indholdet er ændret siden; filen erstattes ikke.`);
    expect(r.stderr).toContain(`${DOCX} er dannet af version 1.0, som er godkendt`);
    expect(snapshot(dir)).toEqual(before);
  }, 120_000);

  it('with "approved": false edited into the manifest: exit 5', async () => {
    const dir = copy();
    const path = join(dir, 'manifest.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/"approved": true/g, '"approved": false'));
    const before = snapshot(dir);
    const r = await build([changedFile, '--out', dir]);
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr).toContain(`${PDF} er dannet af version 1.0, som er godkendt, og indholdet er ændret siden`);
    expect(snapshot(dir)).toEqual(before);
  }, 120_000);

  it('with the approved files renamed: exit 5, naming the file as it is now and as it was written', async () => {
    const dir = copy();
    renameSync(join(dir, PDF), join(dir, 'godkendt-aftale.pdf'));
    renameSync(join(dir, DOCX), join(dir, 'godkendt-aftale.docx'));
    const before = snapshot(dir);
    const r = await build([changedFile, '--out', dir]);
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr).toContain(`/godkendt-aftale.pdf (dannet som ${PDF}) er version 1.0, som er godkendt, og indholdet er ændret siden; ${PDF} skrives ikke.`);
    expect(snapshot(dir)).toEqual(before);
  }, 120_000);

  it('--force still replaces them', async () => {
    const dir = copy();
    rmSync(join(dir, 'manifest.json'));
    const r = await build([changedFile, '--force', '--out', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(sha(join(dir, PDF))).not.toBe(sha(join(approved, PDF)));
  }, 120_000);
});

describe('a refused build is told what differs', () => {
  it('unchanged content with another SOURCE_DATE_EPOCH: exit 5 naming SOURCE_DATE_EPOCH, not "indholdet er ændret"', async () => {
    const dir = copy();
    const before = snapshot(dir);
    const r = await build(['--out', dir], { SOURCE_DATE_EPOCH: '1700000000' });
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr).toContain(`${PDF} er dannet af version 1.0, som er godkendt, og indholdet og skabelonerne er de samme; kun SOURCE_DATE_EPOCH er anderledes (ved godkendelsen ikke sat, nu 1700000000), og den ændrer datoerne i filen.`);
    expect(r.stderr).not.toContain('indholdet er ændret');
    expect(snapshot(dir)).toEqual(before);
  }, 120_000);
});

describe('stamp and difference, as pure functions', () => {
  it('formatStamp and parseStamp round-trip; a stamp without its digests is no stamp', () => {
    const stamp = { version: '1.0', file: 'delaftale-x-v1.0', content: 'a'.repeat(64), templates: 'b'.repeat(64), program: '0.1.0', sourceDateEpoch: '1700000000' };
    expect(parseStamp(formatStamp(stamp))).toEqual(stamp);
    expect(parseStamp('version=1.0; fil=x')).toBeUndefined();
    expect(stampInPdf(new TextEncoder().encode('%PDF-1.7 no stamp'))).toBeUndefined();
    expect(stampInDocx(new TextEncoder().encode('not a zip'))).toBeUndefined();
  });

  it('whatDiffers names the first of content, templates, program, SOURCE_DATE_EPOCH that differs', () => {
    const old = { path: 'a.pdf', sha256: '1', contentSha256: 'c', templatesSha256: 't', program: '0.1.0' };
    expect(whatDiffers(old, { ...old, contentSha256: 'x' })).toBe('indholdet er ændret siden');
    expect(whatDiffers({ path: 'a.pdf', sha256: '1' }, old)).toContain('filen er dannet af en ældre udgave af delaftale, der ikke noterede, hvad filen blev dannet af');
    expect(whatDiffers(old, { ...old, templatesSha256: 'x' })).toBe('indholdet er det samme, men skabelonerne er ændret siden');
    expect(whatDiffers(old, { ...old, program: '0.2.0' })).toBe('indholdet og skabelonerne er de samme, men filen blev dannet med delaftale 0.1.0 og nu med 0.2.0');
    expect(whatDiffers(old, { ...old, sourceDateEpoch: '1' })).toContain('kun SOURCE_DATE_EPOCH er anderledes (ved godkendelsen ikke sat, nu 1)');
    expect(whatDiffers(old, old)).toBe('filen er ændret, efter den blev dannet (den passer ikke længere med indholdet)');
  });
});
