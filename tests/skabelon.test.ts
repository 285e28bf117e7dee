import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './helpers.js';
import { docxXml, pathOf, pdfText, readManifest, textHas, wordParagraphs } from './readers.js';

/**
 * A secretariat's own templates: `skabelon kopier` copies a built-in folder; `--skabelon` builds
 * with it; a fault in a .hbs file is reported with the file, line:column and a Danish message,
 * exit 1, and nothing is written; a template reads only the content.
 */
const LONG = 300_000;
const CONTENT = join(ROOT, 'tests/fixtures/2019-2026/beskaeftigelse.json');
const BUILT_IN = join(ROOT, 'templates/lbf-2019-2026');

const files = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();

async function copy(): Promise<string> {
  const dir = join(tempDir(), 'min-skabelon');
  const r = await runCli(['skabelon', 'kopier', '2019-2026', dir]);
  expect(r.code, r.stderr).toBe(0);
  return dir;
}

/** Replaces `from` with `to` in a template file; fails if `from` is not there. */
function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

/** 1-based line:column of `needle` in the file. */
function at(file: string, needle: string): string {
  const text = readFileSync(file, 'utf8');
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

describe('delaftale skabelon kopier', () => {
  it('copies every file of the built-in template, and never into an existing folder', async () => {
    const dir = await copy();
    expect(files(dir)).toEqual(files(BUILT_IN));
    for (const f of files(BUILT_IN)) expect(readFileSync(join(dir, f), 'utf8')).toBe(readFileSync(join(BUILT_IN, f), 'utf8'));
    writeFileSync(join(dir, 'tekster.json'), '{}');
    const again = await runCli(['skabelon', 'kopier', '2019-2026', dir]);
    expect(again.code).toBe(4);
    expect(again.stderr).toContain('findes allerede');
    expect(readFileSync(join(dir, 'tekster.json'), 'utf8')).toBe('{}');
  });

  it('a period without a built-in template: exit 2 naming those that have one', async () => {
    const r = await runCli(['skabelon', 'kopier', '2011-2014', join(tempDir(), 'x')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('vælg en af: 2015-2018, 2019-2026');
  });
});

describe('--skabelon', () => {
  it('a copy with an edited heading builds with that heading, in the PDF and the DOCX', async () => {
    const dir = await copy();
    const words = JSON.parse(readFileSync(join(dir, 'tekster.json'), 'utf8')) as { tekster: Record<string, { tekst: string }> };
    const old = words.tekster['parter']!.tekst;
    words.tekster['parter']!.tekst = 'Parterne bag denne aftale';
    writeFileSync(join(dir, 'tekster.json'), JSON.stringify(words));
    const out = join(tempDir(), 'out');
    const r = await runCli(['build', CONTENT, '--skabelon', dir, '--out', out, '--format', 'pdf', 'docx']);
    expect(r.code, r.stderr).toBe(0);
    const m = readManifest(out);
    const pdf = (await pdfText(pathOf(m, out, 'agreement-pdf'))).map((p) => p.raw).join('\n');
    const docx = wordParagraphs(docxXml(pathOf(m, out, 'agreement-docx'))).join('\n');
    expect(textHas(pdf, 'Parterne bag denne aftale')).toBe(true);
    expect(textHas(docx, 'Parterne bag denne aftale')).toBe(true);
    expect(textHas(pdf, old)).toBe(false);
  }, LONG);

  const broken: [string, string, string, string, string][] = [
    ['an unknown field', 'delaftale.hbs', '{{tekst.parter}}', '{{tekst.partr}}', 'feltet "partr" findes ikke i indholdet'],
    ['a block left open (syntax)', 'partials/aktivitetsskema.hbs', '{{#if ark}}##{{else}}###{{/if}}', '{{#if ark}}##{{else}}###', 'skabelonen slutter, før en blok er lukket'],
    ['a missing partial', 'delaftale.hbs', '{{> part}}', '{{> parter}}', 'delskabelonen "parter" findes ikke'],
    ['an unknown helper', 'delaftale.hbs', '{{tekst.titel}}', '{{upper tekst.titel}}', '"upper" findes ikke'],
  ];
  it.each(broken)('%s: the .hbs file and line:column, a Danish message, exit 1, nothing written', async (_, file, from, to, message) => {
    const dir = await copy();
    const path = join(dir, file);
    edit(path, from, to);
    // Where the fault is: the inserted text, or for an unclosed block the end of the file.
    const text = readFileSync(path, 'utf8');
    const where = to.endsWith('###') ? `${text.split('\n').length}:` : `${at(path, to).split(':')[0]}:`;
    const out = join(tempDir(), 'out');
    const r = await runCli(['build', CONTENT, '--skabelon', dir, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${path}:${where}`);
    expect(r.stderr).toContain(`  fejl  skabelon  `);
    expect(r.stderr).toContain(message);
    expect(existsSync(out)).toBe(false);
  }, LONG);

  it('a template reads only the content: reaching for a prototype (constructor) is a fault, nothing written', async () => {
    const dir = await copy();
    const path = join(dir, 'delaftale.hbs');
    edit(path, '{{indsats}}\n', '{{indsats}}\n\n{{#with indsats}}{{constructor.name}}{{/with}}\n');
    const out = join(tempDir(), 'out');
    const r = await runCli(['build', CONTENT, '--skabelon', dir, '--out', out, '--format', 'pdf']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${path}:${at(path, '{{#with indsats}}').split(':')[0]}:`);
    expect(r.stderr).toContain('feltet "name" findes ikke i indholdet');
    expect(existsSync(out)).toBe(false);
  }, LONG);

  it('a folder that is no template: exit 3 before anything is read', async () => {
    const r = await runCli(['build', CONTENT, '--skabelon', tempDir(), '--out', join(tempDir(), 'out')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('er ikke en skabelonmappe; den mangler delaftale.hbs');
  });

  it('with an own template, a period without a built-in one validates', async () => {
    const dir = await copy();
    const file = join(tempDir(), 'gammel.json');
    writeFileSync(file, readFileSync(join(ROOT, 'tests/fixtures/aftaler/minimal.json'), 'utf8')
      .replace('"periode": "2015-2018"', '"periode": "2011-2014"').replace('"Forebyggelse og forældreansvar"', '"Sundhed"'));
    const without = await runCli(['validate', file]);
    expect(without.stdout).toContain('skabelon');
    const withOwn = await runCli(['validate', file, '--skabelon', dir]);
    expect(withOwn.code, withOwn.stdout).toBe(0);
  });
});
