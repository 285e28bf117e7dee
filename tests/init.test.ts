import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { initCommand } from '../src/cli/commands/init.js';
import { ROOT, runCli, tempDir } from './helpers.js';
import { pathOf, pdfText, readManifest, textHas } from './readers.js';

/**
 * `delaftale init`: a draft with every required field and visible placeholders, which
 * validate reports as warnings only and which builds; never over an existing file.
 */
const LONG = 300_000;

interface Reported { diagnostics: { rule: string; severity: string }[] }
const validateJson = async (file: string) => {
  const r = await runCli(['validate', '--format', 'json', file]);
  return { code: r.code, ...(JSON.parse(r.stdout) as Reported) };
};

describe('delaftale init', () => {
  it('writes a 2019-26 draft that validates with only placeholder warnings and builds, showing the placeholders', async () => {
    const dir = tempDir();
    const file = join(dir, 'ny.json');
    const r = await runCli(['init', file, '--periode', '2019-2026', '--indsatsomraade', 'Beskæftigelse']);
    expect(r.code, r.stderr).toBe(0);
    const draft = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(draft).toMatchObject({ periode: '2019-2026', indsatsomraade: 'Beskæftigelse' });
    expect(draft).toHaveProperty('indikatorer');
    expect(draft).toHaveProperty('primaerMaalgruppe');

    const v = await validateJson(file);
    expect(v.code).toBe(0);
    expect(v.diagnostics.length).toBeGreaterThan(0);
    expect(v.diagnostics.filter((d) => d.rule !== 'pladsholdere' || d.severity !== 'advarsel')).toEqual([]);

    const out = join(dir, 'out');
    const b = await runCli(['build', file, '--out', out, '--format', 'pdf']);
    expect(b.code, b.stderr).toBe(0);
    const text = (await pdfText(pathOf(readManifest(out), out, 'agreement-pdf'))).map((p) => p.raw).join('\n');
    expect(textHas(text, '«udfyld: målet med indsatsområdet»')).toBe(true);
  }, LONG);

  it('with --plan: names the plan, leaves out what the plan gives, and validates with only placeholder warnings', async () => {
    const dir = tempDir();
    cpSync(join(ROOT, 'content/helhedsplan-solbakken'), dir, { recursive: true });
    const file = join(dir, 'kriminalitet.json');
    const r = await runCli(['init', file, '--indsatsomraade', 'Kriminalitetsforebyggelse', '--plan', join(dir, 'plan.json')]);
    expect(r.code, r.stderr).toBe(0);
    const draft = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(draft['plan']).toBe('plan.json');
    expect(draft).not.toHaveProperty('personer');
    const v = await validateJson(file);
    expect(v.code).toBe(0);
    expect(v.diagnostics.filter((d) => d.rule !== 'pladsholdere')).toEqual([]);
  }, LONG);

  it('never replaces an existing file: exit 4, the file unchanged', async () => {
    const file = join(tempDir(), 'findes.json');
    writeFileSync(file, '{"underskrevet": true}\n');
    const r = await runCli(['init', file, '--periode', '2019-2026', '--indsatsomraade', 'Beskæftigelse']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('filen findes allerede; init erstatter aldrig en fil');
    expect(readFileSync(file, 'utf8')).toBe('{"underskrevet": true}\n');
  });

  it('without the flags and no terminal: exit 2 with the flags to give, nothing written', async () => {
    const file = join(tempDir(), 'ny.json');
    const r = await runCli(['init', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('angiv --periode og --indsatsomraade');
    expect(existsSync(file)).toBe(false);
  });

  it('an area outside the period: exit 2 naming the period\'s areas', async () => {
    const r = await runCli(['init', join(tempDir(), 'ny.json'), '--periode', '2019-2026', '--indsatsomraade', 'Tryghed og trivsel']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"Tryghed og trivsel" er ikke et indsatsområde i perioden 2019-2026; vælg et af: Uddannelse og livschancer');
  });

  it('on a terminal without the flags it asks in Danish, and takes an area by its number', async () => {
    const dir = tempDir();
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    let asked = '';
    const stdout = { write: (s: string) => { asked += s; return true; } };
    const stderr = { write: (s: string) => { asked += s; return true; } };
    const answers = ['2019-2026', '2'];
    // Answer each question once, when it waits for the answer (the output ends with ": ").
    let answeredAt = -1;
    const timer = setInterval(() => {
      if (answers.length > 0 && asked.endsWith(': ') && asked.length !== answeredAt) {
        answeredAt = asked.length;
        stdin.write(`${answers.shift()}\n`);
      }
    }, 20);
    const code = await initCommand({ file: 'ny.json' }, { stdout, stderr, cwd: dir, stdin });
    clearInterval(timer);
    expect(code, asked).toBe(0);
    expect(asked).toContain('LBF-periode (2015-2018, 2019-2026)');
    expect(asked).toContain('Indsatsområde:');
    expect(JSON.parse(readFileSync(join(dir, 'ny.json'), 'utf8'))).toMatchObject({ periode: '2019-2026', indsatsomraade: 'Beskæftigelse' });
  });
});
