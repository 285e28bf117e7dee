import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasTool, docxXml, runTool } from './readers.js';
import { runCli, seed, tempDir, type Run } from './helpers.js';

/**
 * Issue 14, findings 6 and 7, end to end: content with emoji, arrows, Arabic, Hebrew, Chinese
 * and Japanese, and with a 2,500-character URL, built by the real CLI and read back with poppler.
 */

const GLYPHS = 'Tegn: smil 😀, pil → og ⇒, ≤ ≠ ∞, ① ✓ ☐ ★; arabisk مرحبا, hebraisk שלום; kinesisk 中文, japansk こんにちは.';
const URL = ((): string => {
  let out = 'https://www.example.dk/boligsocial/';
  for (let i = 0; out.length < 2500; i += 1) out += `afsnit-${i}/`;
  return out.slice(0, 2500);
})();

/** 1-based line and UTF-16 column of the first occurrence of `needle` in `text`. */
function lineColumn(text: string, needle: string): string {
  const at = text.indexOf(needle);
  const before = text.slice(0, at).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

let dir: string;
let file: string;
let json: string;
let build: Run;
let pdf: string;
let docx: string;

beforeAll(async () => {
  dir = tempDir();
  const c = seed() as ReturnType<typeof seed> & { $schema?: string };
  delete c.$schema;
  c.problemkompleks = `${GLYPHS}\n\nSe ${URL} for baggrunden.\n\n${c.problemkompleks}`;
  c.indsats = `${c.indsats} → 中`;
  json = JSON.stringify(c, null, 2);
  file = join(dir, 'glyffer.json');
  writeFileSync(file, json);
  build = await runCli(['build', file, '--out', join(dir, 'out'), '--format', 'pdf', 'docx']);
  const names = readdirSync(join(dir, 'out'));
  pdf = join(dir, 'out', names.find((n) => n.startsWith('delaftale-') && n.endsWith('.pdf'))!);
  docx = join(dir, 'out', names.find((n) => n.startsWith('delaftale-') && n.endsWith('.docx'))!);
}, 240_000);

describe('characters the PDF has no glyph for', () => {
  it('builds, and warns once per field with the line:column of the first such character, in Danish', () => {
    expect(build.code, build.stderr).toBe(0);
    const output = build.stdout + build.stderr;
    expect(output).toContain(
      `${file}:${lineColumn(json, '中文')}  #/problemkompleks  advarsel  glyffer  tegnet U+4E2D "中" findes ikke i PDF'ens skrifttyper og vises som "\uFFFD" i PDF'en; i DOCX'en står det uændret; det samme gælder 6 andre tegn i feltet: U+6587 "文", U+3053 "こ", U+3093 "ん", U+306B "に" og 2 flere`,
    );
    expect(output).toContain(`${file}:${lineColumn(json, '中",')}  #/indsats  advarsel  glyffer  tegnet U+4E2D "中"`);
    // Emoji, arrows, symbols, Arabic and Hebrew are printed: no warning names them.
    expect(output).not.toMatch(/U\+(1F600|2192|21D2|2264|2460|2713|2610|2605|0645|05E9) /);
  });

  it('embeds and subsets every font of the PDF (pdffonts), Helvetica never among them', async () => {
    if (!(await hasTool('pdffonts'))) return; // CI installs poppler-utils (.ci/run)
    const run = await runTool('pdffonts', [pdf]);
    const rows = run.stdout.trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThan(4);
    for (const row of rows) expect(row, row).toMatch(/^[A-Z]{6}\+\S+\s.*\byes\s+yes\s+yes\s+\d+\s+\d+$/);
    expect(run.stdout).toContain('NotoSansMath-Regular');
    expect(run.stdout).toContain('NotoEmoji-Regular');
    expect(run.stdout).toContain('NotoSansArabic-Regular');
  });

  it('prints the symbols, emoji, Arabic and Hebrew, "\uFFFD" for Chinese and Japanese, and keeps the DOCX text as written', async () => {
    if (!(await hasTool('pdftotext'))) return;
    // poppler orders right-to-left words by its own guess; check them on their own.
    const text = (await runTool('pdftotext', [pdf, '-'])).stdout.replace(/[\u202a-\u202e]/g, '').replace(/\s+/g, ' ');
    for (const piece of ['Tegn: smil 😀, pil → og ⇒, ≤ ≠ ∞, ① ✓ ☐ ★; arabisk', 'مرحبا', 'שלום', 'kinesisk \uFFFD\uFFFD, japansk \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD.']) {
      expect(text, piece).toContain(piece);
    }
    expect(text).not.toContain('中');
    const xml = docxXml(docx);
    for (const kept of ['中文', 'こんにちは', 'مرحبا', 'שלום', '😀', '→']) expect(xml, kept).toContain(kept);
  });
});

describe('a 2,500-character URL', () => {
  it('is in the PDF whole, broken over lines without hyphens (pdftotext)', async () => {
    if (!(await hasTool('pdftotext'))) return;
    // -raw: in its default mode pdftotext joins a line ending in "-" to the next and drops the "-".
    // The running footer ("… Side 1 af 14") stands between the pages' text.
    const text = (await runTool('pdftotext', ['-raw', pdf, '-'])).stdout.split('\n').filter((line) => !/Side \d+ af \d+$/.test(line)).join('\n');
    const lines = text.split('\n').filter((line) => line.startsWith('https://www.example.dk/') || /^[a-z0-9/-]+$/.test(line));
    expect(lines.length).toBeGreaterThan(10);
    expect(text.replace(/\s+/g, '').includes(`Se${URL}forbaggrunden.`)).toBe(true);
  });

  it('stays within the page width (pdftotext -bbox)', async () => {
    if (!(await hasTool('pdftotext'))) return;
    const html = (await runTool('pdftotext', ['-bbox', '-f', '1', '-l', '3', pdf, '-'])).stdout;
    const pageWidth = Number(/<page width="([\d.]+)"/.exec(html)![1]);
    const rightEdges = [...html.matchAll(/<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(rightEdges.length).toBeGreaterThan(100);
    expect(Math.max(...rightEdges)).toBeLessThanOrEqual(pageWidth - (22 * 72) / 25.4 + 1);
  });

  it('is in the DOCX whole', () => {
    expect(docxXml(docx)).toContain(URL);
  });
});
