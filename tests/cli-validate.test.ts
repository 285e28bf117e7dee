import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, SEED_FILE, tempDir } from './helpers.js';

/** `delaftale validate` as a user runs it: a separate process, real files, exit codes and messages. */
describe('delaftale validate', () => {
  it('the seed validates with exit 0 and shows its real inconsistencies as warnings', async () => {
    const r = await runCli(['validate', 'content/tryghed-og-trivsel.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/tryghed-og-trivsel\.json:\d+:\d+ {2}#\/aktiviteter\/3\/formaal {2}advarsel {2}aktivitetsskema {2}.*Sociale tryghedsvandringer/);
    expect(r.stdout).toContain('"Bigaard" ligner en anden stavemåde af "Bigård"');
    expect(r.stdout).toContain('"Urbansplanen" ligner en anden stavemåde af "Urbanplanen"');
    expect(r.stdout).not.toMatch(/ {2}fejl {2}/);
    expect(r.stderr).toContain('0 fejl, 3 advarsler i 1 fil');
  });

  it('with no file it validates the embedded default', async () => {
    const r = await runCli(['validate'], { cwd: tempDir() });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('i 1 fil');
  });

  it('--strict turns warnings into errors', async () => {
    const r = await runCli(['validate', '--strict', SEED_FILE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ {2}fejl {2}aktivitetsskema/);
  });

  it('names a misspelled key, a missing field and an amount given as text, each with line:column and pointer', async () => {
    const r = await runCli(['validate', 'tests/fixtures/fejl/tre-fejl.json']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain('tests/fixtures/fejl/tre-fejl.json:4:3  #/indsatsomrade  fejl  schema/ukendt-felt  ukendt felt "indsatsomrade"; mente du "indsatsomraade"?');
    expect(lines).toContain('tests/fixtures/fejl/tre-fejl.json:134:5  #/succeskriterier/2  fejl  schema/required  mangler det påkrævede felt "datakilde" (Datakilde)');
    expect(lines.some((l) => l.startsWith('tests/fixtures/fejl/tre-fejl.json:167:9  #/oekonomi/finansiering/1/beloeb  fejl  schema/type  forventede et tal') && l.includes('"1.928 kr"'))).toBe(true);
  });

  it('--format json reports the same problems for machines', async () => {
    const r = await runCli(['validate', '--format', 'json', 'tests/fixtures/fejl/tre-fejl.json']);
    expect(r.code).toBe(1);
    const { diagnostics } = JSON.parse(r.stdout) as { diagnostics: { pointer: string; line: number; column: number; rule: string; severity: string }[] };
    expect(diagnostics).toContainEqual(expect.objectContaining({ pointer: '/oekonomi/finansiering/1/beloeb', line: 167, column: 9, rule: 'schema/type', severity: 'fejl' }));
    expect(diagnostics).toHaveLength(4);
  });

  describe('bad input gets a clear Danish error, never a stack trace', () => {
    const dir = tempDir();
    const seedText = readFileSync(SEED_FILE, 'utf8');
    const cases: [string, string | Uint8Array, RegExp][] = [
      ['ugyldig.json', '{\n  "periode": "2015-2018",\n  "indsats" "Partnerskabet"\n}', /ugyldig\.json:3:13 {2}fejl {2}json\/ColonExpected {2}forventede kolon/],
      ['tom.json', '', /tom\.json {2}fejl {2}fil\/tom {2}filen er tom/],
      ['kun-mellemrum.json', ' \n\n ', /fil\/tom {2}filen indeholder kun mellemrum/],
      ['latin1.json', Buffer.concat([Buffer.from('{\n  "indsats": "Gr'), Buffer.from([0xf8]), Buffer.from('n"\n}')]), /latin1\.json:2:17 {2}fejl {2}fil\/ikke-utf8 {2}byte 18 er ikke gyldig UTF-8/],
      ['dyb.json', `${'['.repeat(100000)}${']'.repeat(100000)}`, /dyb\.json:1:65 {2}fejl {2}json\/dybde/],
      ['stor.json', `{"indsats": "${'x'.repeat(10 * 1024 * 1024)}"}`, /stor\.json {2}fejl {2}fil\/for-stor {2}filen fylder mere end 5 MB; en delaftale fylder højst 5 MB/],
      ['dobbelt.json', seedText.replace('"indsats": "Partnerskabet",', '"indsats": "Partnerskabet",\n  "indsats": "Andet",'), /dobbelt\.json:6:3 {2}#\/indsats {2}fejl {2}json\/dobbelt-felt/],
      ['kommentar.json', `// note\n${seedText}`, /kommentar\.json:1:1 {2}fejl {2}json\/InvalidCommentToken {2}kommentarer er ikke tilladt/],
    ];
    for (const [name, body, expected] of cases) {
      it(name, async () => {
        writeFileSync(join(dir, name), body);
        const r = await runCli(['validate', name], { cwd: dir });
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(expected);
        expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at |Error:|TypeError/);
      });
    }

    it('a path that is not a regular file (/dev/zero) is read only to the limit, then refused', async () => {
      const r = await runCli(['validate', '/dev/zero']);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/\/dev\/zero {2}fejl {2}fil\/for-stor {2}filen fylder mere end 5 MB/);
    }, 30_000);

    it('control characters from the content never reach the terminal raw', async () => {
      writeFileSync(join(dir, 'styretegn.json'), '{"x\\u0007\\u001b[2Jy": 1}');
      const r = await runCli(['validate', 'styretegn.json'], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('#/x\\u{7}\\u{1b}[2Jy');
      // eslint-disable-next-line no-control-regex
      expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    });

    it('a UTF-8 BOM is accepted (Windows editors write one)', async () => {
      writeFileSync(join(dir, 'bom.json'), `\ufeff${seedText}`);
      const r = await runCli(['validate', 'bom.json'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('0 fejl');
    });

    it('a missing file is exit 3', async () => {
      const r = await runCli(['validate', 'findes-ikke.json'], { cwd: dir });
      expect(r.code).toBe(3);
      expect(r.stdout).toContain('findes-ikke.json  fejl  input/findes-ikke  filen eller mappen findes ikke');
    });
  });

  it('a wrong option is a usage error (exit 2) in Danish', async () => {
    const r = await runCli(['validate', '--formatt', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Ukendt tilvalg');
  });

  it('help lists the commands in Danish', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Kommandoer:');
    expect(r.stdout).toContain('validate');
  });
});

export { ROOT };
