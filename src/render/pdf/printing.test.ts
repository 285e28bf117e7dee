/**
 * Every character and every word of the content reaches the page: characters no embedded
 * face has print as U+FFFD (never in an unembedded font), and a token wider than its
 * column breaks at the column edge (never cut at the page edge). Read back with pdfjs and
 * poppler.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { inflateSync } from 'node:zlib';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { parseMarkdown } from '../../tree/parse.js';
import type { RenderOptions } from '../options.js';
import { toPdf } from './to-pdf.js';

const OPTIONS: RenderOptions = {
  metadata: { title: 'Glyffer', subject: 'Test', author: 'Test', keywords: [], language: 'da-DK', date: new Date('2018-01-01T00:00:00Z') },
  footer: { text: 'Sidefod → ①', pageLabel: 'Side {side} af {sider}' },
};

/** A4 width and the page's side padding (styles.ts: 22 mm). */
const PAGE_WIDTH = 595.28;
const MARGIN = (22 * 72) / 25.4;

const url = (length: number): string => {
  let out = 'https://www.example.dk/boligsocial/';
  for (let i = 0; out.length < length; i += 1) out += `afsnit-${i}/`;
  return out.slice(0, length);
};
const letters = (length: number): string => 'abcdefghijklmnopqrstuvwxyzæøå'.repeat(Math.ceil(length / 29)).slice(0, length);

interface Item { str: string; left: number; right: number; baseline: number }

/** Every page's text items (pdfjs) with their left and right edge and baseline in points (origin bottom left). */
async function items(bytes: Uint8Array): Promise<Item[][]> {
  const doc = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: Item[][] = [];
  for (let i = 1; i <= doc.numPages; i += 1) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.flatMap((item) => ('str' in item ? [{ str: item.str, left: item.transform[4] as number, right: (item.transform[4] as number) + item.width, baseline: item.transform[5] as number }] : [])));
  }
  await doc.destroy();
  return pages;
}

/** The text of every page, items joined without separators (a token broken over lines reads whole). */
const joinedText = async (bytes: Uint8Array): Promise<string> => (await items(bytes)).flat().map((item) => item.str).join('');

/** The running footer's baseline lies below this (12 mm bottom padding, one line of 8 pt). */
const FOOTER = 55;

/** The body text of all pages without white space and without the running footer (a token broken over pages reads whole). */
const bodyText = async (bytes: Uint8Array): Promise<string> =>
  (await items(bytes)).flat().filter((item) => item.baseline > FOOTER).map((item) => item.str).join('').replace(/\s+/g, '');
const squeeze = (s: string): string => s.replace(/\s+/g, '');

/**
 * A page's lines: its items joined by baseline, left to right. pdf.js starts a new item
 * where marked content starts (a Link element inside a paragraph of the tagged PDF).
 */
function lineTexts(page: Item[]): string[] {
  const byBaseline = new Map<number, Item[]>();
  for (const item of page) {
    const key = Math.round(item.baseline * 10);
    byBaseline.set(key, [...(byBaseline.get(key) ?? []), item]);
  }
  return [...byBaseline.values()].map((line) => line.sort((a, b) => a.left - b.left).map((item) => item.str).join(''));
}

/** `pdffonts` rows (name, emb, sub), or undefined where poppler is not installed (CI installs it). */
function pdffonts(bytes: Uint8Array): Array<{ name: string; emb: string; sub: string }> | undefined {
  const file = join(mkdtempSync(join(tmpdir(), 'delaftale-fonts-')), 'x.pdf');
  writeFileSync(file, bytes);
  let out: string;
  try {
    out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  } catch {
    return undefined;
  }
  return out.split('\n').slice(2).filter(Boolean).map((line) => {
    const cells = line.trim().split(/\s+/);
    // name type… encoding emb sub uni objnum gen: count from the end.
    return { name: cells[0]!, emb: cells.at(-5)!, sub: cells.at(-4)! };
  });
}

const MARKDOWN = `# Glyffer → ①

Smil 😀, tommel 👍 og hjerte ❤️; pil → og ⇒, ≤ ≥ ≠ ∞, ✓ ☐ ★ ●, **fed ② ✓**, *kursiv ③ →*.

Kinesisk 中文, japansk こんにちは, arabisk مرحبا, hebraisk שלום, usynligt \u200d\ufe0e og en tabulator\there.

| Symbol | Betydning |
| --- | --- |
| → ★ | pil og stjerne 😀 |

\`\`\`
kode	med tabulator
og → linjeskift
\`\`\`
`;

describe('the PDF prints every character in an embedded face', () => {
  let bytes: Uint8Array;
  let text: string;

  beforeAll(async () => {
    const rendered = await toPdf(parseMarkdown(MARKDOWN), OPTIONS);
    bytes = rendered.bytes;
    text = await joinedText(bytes);
  }, 60_000);

  it('names no standard font, and every font is an embedded subset', () => {
    const latin1 = Buffer.from(bytes).toString('latin1');
    const names = [...latin1.matchAll(/\/BaseFont \/([^\s/>]+)/g)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !/^[A-Z]{6}\+/.test(name))).toEqual([]);
    expect(names.some((name) => /Helvetica|Times|Courier/.test(name))).toBe(false);
    const families = new Set(names.map((name) => name.slice(7)));
    for (const face of ['NotoSans-Regular', 'NotoSansArabic-Regular', 'NotoSansHebrew-Regular', 'NotoSansMath-Regular', 'NotoSansSymbols-Regular', 'NotoSansSymbols2-Regular', 'NotoEmoji-Regular']) {
      expect(families, face).toContain(face);
    }
  });

  it('pdffonts lists every font as embedded and subset', () => {
    const rows = pdffonts(bytes);
    if (!rows) return; // poppler-utils missing here; CI installs it
    expect(rows.length).toBeGreaterThan(4);
    expect(rows.filter((row) => row.emb !== 'yes' || row.sub !== 'yes')).toEqual([]);
  });

  it('prints the symbols, emoji, Arabic and Hebrew themselves, and U+FFFD for Chinese and Japanese', () => {
    for (const char of ['→', '①', '②', '③', '⇒', '≤', '≠', '∞', '✓', '☐', '★', '●', '😀', '👍', '❤']) expect(text, char).toContain(char);
    for (const char of ['中', 'こ']) expect(text, char).not.toContain(char);
    expect(text).toContain('Kinesisk \uFFFD\uFFFD, japansk \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD, arabisk');
    expect(text.match(/\uFFFD/g)).toHaveLength(2 + 5);
  });

  it('prints Arabic and Hebrew in their own faces, in one piece between the Danish words', () => {
    expect(text).toContain('hebraisk שלום, usynligt');
    // fontkit draws the dot of ب as a mark glyph of its own, without a character (pdfjs reads a control character).
    expect(text.replace(/[\u0000-\u001f\u0600-\u06ff]+/g, 'A')).toContain('arabisk A, hebraisk');
  });

  it('never draws the .notdef glyph (PDF/A): no text-showing operator uses glyph 0', () => {
    const latin1 = Buffer.from(bytes).toString('latin1');
    const codes: string[] = [];
    for (const m of latin1.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
      let content: string;
      try {
        content = inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
      } catch {
        continue; // not a Flate stream (font files are, but hold no TJ)
      }
      for (const tj of content.matchAll(/\[([^\]]*)\] TJ/g)) for (const hex of tj[1]!.matchAll(/<([0-9a-f]+)>/gi)) codes.push(...hex[1]!.match(/.{4}/g)!);
    }
    expect(codes.length).toBeGreaterThan(100);
    expect(codes.filter((code) => code === '0000')).toEqual([]);
  });

  it('keeps the text around them, prints a tab as a space and invisible characters as nothing', () => {
    expect(text).toContain('Smil');
    expect(text).toContain('en tabulator here');
    expect(text).toContain('pil og stjerne');
    expect(text).not.toContain('\uFE0E');
  });
});

describe('a token wider than its column breaks at the column edge, without a hyphen', () => {
  const long = url(2500);
  const token = letters(3000);
  // Fits no narrow cell, but a line of body text: broken only in the table.
  const cellUrl = 'https://www.example.dk/boligsocial/helhedsplan-2015-2018.pdf';
  // Column widths follow the text (tree/column-widths.ts): a long note keeps the address's column narrow.
  const NOTE = 'Noten i denne celle er så lang, at den tager det meste af bredden, og adressen ved siden af må deles over flere linjer i sin smalle kolonne.';
  let pages: Item[][];
  let text: string;

  beforeAll(async () => {
    const markdown = [
      `Før linket ${long} og efter linket, så ordet ${token} og til sidst kriminalitetsforebyggelsen.`,
      '',
      `Linket ${cellUrl} står her helt.`,
      '',
      '| Kilde | Note | Beløb |',
      '| --- | --- | --- |',
      `| ${cellUrl} | ${NOTE} | 1.928 |`,
    ].join('\n');
    const rendered = await toPdf(parseMarkdown(markdown), OPTIONS);
    pages = await items(rendered.bytes);
    text = await bodyText(rendered.bytes);
  }, 120_000);

  it('keeps every character of the URL and the token, in order, with no hyphen added', () => {
    // Booleans: a failure message with the 3,000 characters would be unreadable.
    expect(text.includes(squeeze(`Før linket ${long} og efter linket`))).toBe(true);
    expect(text.includes(squeeze(`ordet ${token} og til sidst`))).toBe(true);
  });

  it('puts no text outside the page\'s text area', () => {
    const outside = pages.flat().filter((item) => item.str.trim() && (item.left < MARGIN - 0.5 || item.right > PAGE_WIDTH - MARGIN + 0.5));
    expect(outside).toEqual([]);
  });

  it('breaks a URL in a narrow table cell inside the cell, and leaves it whole in the body where it fits', () => {
    // The next column begins where the note's text begins (less its cell padding).
    const nextColumn = Math.min(...pages.flat().filter((item) => item.str.startsWith('Noten')).map((item) => item.left)) - 5;
    expect(nextColumn).toBeLessThan(PAGE_WIDTH / 2);
    const inCell = pages.flat().filter((item) => cellUrl.includes(item.str) && item.str.length > 3 && item.left < MARGIN + 10);
    expect(inCell.length).toBeGreaterThan(1);
    for (const item of inCell) expect(item.right, item.str).toBeLessThanOrEqual(nextColumn);
    expect(pages.flatMap(lineTexts).some((line) => line.includes(`Linket ${cellUrl} står her helt.`))).toBe(true);
  });
});

describe('layout time is linear in a token\'s length', () => {
  it('lays out a 20,000-character token in seconds, not minutes', async () => {
    const started = performance.now();
    const rendered = await toPdf(parseMarkdown(`Et ord: ${letters(20_000)} slut.`), OPTIONS);
    expect(performance.now() - started).toBeLessThan(30_000);
    expect((await bodyText(rendered.bytes)).includes(squeeze(`Et ord: ${letters(20_000)} slut.`))).toBe(true);
  }, 60_000);
});
