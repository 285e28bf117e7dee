import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finansiering } from '../src/content/types.js';
import { ROOT, runCli, seed, tempDir, type Run } from './helpers.js';
import { docxXml, pathOf, pdfText, readManifest, runTool, textHas, unescapeXml, wordParagraphs, xlsxRows, type PdfPage } from './readers.js';

/**
 * Exact money end to end: the seed built with budgets that have decimals
 * (tests/fixtures/belob/budgetter.json) by the real CLI, and every figure read back from
 * the PDF (pdfjs word positions and poppler's pdftotext), the DOCX (word/document.xml),
 * the XLSX, the change report and validate's messages.
 */

const LONG = 300_000;
const NBSP = '\u00a0';
const BUDGETTER = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/belob/budgetter.json'), 'utf8')) as Record<string, Finansiering[]>;
const delaftale = (args: string[]): Promise<Run> => runCli(args, { env: { SOURCE_DATE_EPOCH: '' } });

/** The seed with another budget, written to dir/name.json. */
function agreement(dir: string, name: string, finansiering: unknown): string {
  const c = seed();
  delete c.$schema;
  c.oekonomi.finansiering = finansiering as Finansiering[];
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(c, null, 2));
  return file;
}

interface Built { pdf: PdfPage[]; pdftotext: string; docx: string; docxRows: string[][]; xlsx: string[][] }
async function build(file: string, out: string): Promise<Built> {
  const r = await delaftale(['build', file, '--out', out]);
  if (r.code !== 0) throw new Error(`build ${file} failed (${r.code}):\n${r.stderr}`);
  const m = readManifest(out);
  const pdfFile = pathOf(m, out, 'agreement-pdf');
  const docxFile = pathOf(m, out, 'agreement-docx');
  const xml = docxXml(docxFile);
  const cellText = (cell: string) => [...cell.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescapeXml(t[1]!)).join('');
  const docxRows = (xml.match(/<w:tr[ >][\s\S]*?<\/w:tr>/g) ?? []).map((tr) => (tr.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).map(cellText));
  return {
    pdf: await pdfText(pdfFile),
    pdftotext: (await runTool('pdftotext', ['-layout', pdfFile, '-'])).stdout,
    docx: wordParagraphs(xml).join('\n'),
    docxRows,
    xlsx: xlsxRows(pathOf(m, out, 'portal-xlsx')).rows.map((row) => row.map((c) => c.value)),
  };
}

/** The amounts printed on the PDF's budget row whose last cell is `total`, left to right (pdfjs positions). */
function pdfRow(pages: PdfPage[], total: string): string[] {
  for (const page of pages) {
    const cell = page.items.find((i) => i.str.trim() === total);
    if (!cell) continue;
    return page.items
      .filter((i) => Math.abs(i.y - cell.y) < 1 && /^-?[\d.]+(,\d+)?$/.test(i.str.trim()))
      .sort((a, b) => a.x - b.x)
      .map((i) => i.str.trim());
  }
  return [];
}

const AMOUNT = /^[\d.]+(,\d+)?$/;

let provins: Built;
let plus: Built;
let diff: Run;
let invalid: Run;

beforeAll(async () => {
  const dir = tempDir();
  const files = {
    provins: agreement(dir, 'provins', BUDGETTER.provins),
    plus: agreement(dir, 'plus', BUDGETTER.plus),
    tekst: agreement(dir, 'tekst', [
      { kilde: 'Landsbyggefonden', type: 'landsbyggefonden', beloeb: 3100 },
      { kilde: 'Kommunen', type: 'kommune', beloeb: '310,5' },
      { kilde: 'Lokal medfinansiering', type: 'lokal', beloeb: '1.928 kr' },
    ]),
    skaev: agreement(dir, 'skaev', [
      { kilde: 'Landsbyggefonden', type: 'landsbyggefonden', beloeb: 3100 },
      { kilde: 'Lokal medfinansiering', type: 'lokal', beloeb: 1928.7, perAar: { 2017: 642.9, 2019: 642.9, 2020: 642.8 } },
    ]),
  };
  let skaev: Run;
  [provins, plus, diff, invalid, skaev] = await Promise.all([
    build(files.provins, join(dir, 'ud-provins')),
    build(files.plus, join(dir, 'ud-plus')),
    delaftale(['diff', join(ROOT, 'content/tryghed-og-trivsel.json'), files.provins]),
    delaftale(['validate', files.tekst]),
    delaftale(['validate', files.skaev]),
  ]);
  // validate writes its problem lines to stdout.
  invalid = { ...invalid, stdout: `${invalid.stdout}\n${skaev.stdout}` };
}, LONG);

describe('310,5 and a per-year split (the provincial budget): PDF', () => {
  it('prints every figure with one decimal, the total 5.800,5 and the share from exact sums', () => {
    const text = provins.pdf.map((p) => p.raw).join('\n');
    expect(textHas(text, `Lokal medfinansiering udgør 2.700,5 af 5.800,5 (1.000 kr.), svarende til 46,6${NBSP}% af budgettet.`)).toBe(true);
    expect(pdfRow(provins.pdf, '3.100,0')).toEqual(['775,0', '775,0', '775,0', '775,0', '3.100,0']);
    expect(pdfRow(provins.pdf, '310,5')).toEqual(['83,5', '83,5', '83,5', '60,0', '310,5']);
    expect(pdfRow(provins.pdf, '1.928,7')).toEqual(['642,9', '642,9', '642,9', '1.928,7']);
    expect(pdfRow(provins.pdf, '461,3')).toEqual(['230,6', '230,7', '461,3']);
    expect(pdfRow(provins.pdf, '5.800,5')).toEqual(['1.501,4', '1.732,0', '1.732,1', '835,0', '5.800,5']);
    // Nothing rounded to whole thousands anywhere.
    const words = provins.pdf.flatMap((p) => p.items.map((i) => i.str.trim()));
    for (const wrong of ['311', '84', '5.801', '1.929', '3.100', '2.701']) expect(words, wrong).not.toContain(wrong);
  });

  it('poppler reads the same figures', () => {
    const t = provins.pdftotext.replace(/[\u00a0\s]+/g, ' ');
    expect(t).toMatch(/83,5 83,5 83,5 60,0 310,5/);
    expect(t).toMatch(/1\.501,4 1\.732,0 1\.732,1 835,0 5\.800,5/);
    expect(t).toContain('Lokal medfinansiering udgør 2.700,5 af 5.800,5 (1.000 kr.), svarende til 46,6 % af budgettet.');
  });
});

describe('310,5 and a per-year split: DOCX', () => {
  it('has the same cells and sentence in word/document.xml', () => {
    const row = (first: string) => provins.docxRows.find((r) => r[0] === first);
    expect(row('Kommunen')).toEqual(['Kommunen', '83,5', '83,5', '83,5', '60,0', '310,5']);
    expect(row('Landsbyggefonden')).toEqual(['Landsbyggefonden', '775,0', '775,0', '775,0', '775,0', '3.100,0']);
    expect(row('Fonden')).toEqual(['Fonden', '', '230,6', '230,7', '', '461,3']);
    expect(row('Samlet budget for indsatsområdet')).toEqual(['Samlet budget for indsatsområdet', '1.501,4', '1.732,0', '1.732,1', '835,0', '5.800,5']);
    expect(provins.docx).toContain(`Lokal medfinansiering udgør 2.700,5 af 5.800,5 (1.000 kr.), svarende til 46,6${NBSP}% af budgettet.`);
  });
});

describe('3.100,4 + 1.928,4 = 5.028,8', () => {
  it('in the PDF', () => {
    const text = plus.pdf.map((p) => p.raw).join('\n');
    expect(pdfRow(plus.pdf, '3.100,4')).toEqual(['3.100,4']);
    expect(pdfRow(plus.pdf, '5.028,8')).toEqual(['5.028,8']);
    expect(textHas(text, `Lokal medfinansiering udgør 1.928,4 af 5.028,8 (1.000 kr.), svarende til 38,3${NBSP}% af budgettet.`)).toBe(true);
    expect(plus.pdftotext).not.toMatch(/5\.029|3\.100(?!,)/);
  });

  it('in the DOCX', () => {
    expect(plus.docxRows.filter((r) => r.length === 2 && AMOUNT.test(r[1]!)).map((r) => r[1])).toEqual(['3.100,4', '1.928,4', '5.028,8']);
    expect(plus.docx).toContain(`Lokal medfinansiering udgør 1.928,4 af 5.028,8 (1.000 kr.), svarende til 38,3${NBSP}% af budgettet.`);
  });
});

describe('XLSX', () => {
  it('the portal sheet has no amount field (one row per activity), so it holds no rounded figure either', () => {
    for (const built of [provins, plus]) {
      const cells = built.xlsx.flat();
      expect(built.xlsx.length).toBe(1 + seed().aktiviteter.length);
      for (const wrong of ['311', '5.801', '5.029', '310,5', '5.800,5']) expect(cells.some((c) => c.includes(wrong)), wrong).toBe(false);
    }
  });
});

describe('change report and messages', () => {
  it('delaftale diff: exact figures, a line with its split as one change, no unchanged value', () => {
    expect(diff.code).toBe(0);
    const out = diff.stdout;
    expect(out).toContain('Landsbyggefonden ændret (væsentlig): 3.100,0 → 3.100,0 (2018: 775,0; 2019: 775,0; 2020: 775,0; 2021: 775,0) (1.000 kr.)');
    expect(out).toContain('Kommunen tilføjet (væsentlig): 310,5 (2018: 83,5; 2019: 83,5; 2020: 83,5; 2021: 60,0) (1.000 kr.)');
    expect(out).toContain('Lokal medfinansiering fjernet (væsentlig): 1.928,0 (1.000 kr.)');
    expect(out).toContain('Samlet budget: 5.028,0 → 5.800,5 (1.000 kr.).');
    expect(out).toContain(`Lokal medfinansiering: 1.928,0 → 2.700,5 (1.000 kr.), svarende til 38,3${NBSP}% → 46,6${NBSP}% af budgettet.`);
    // The budget summary has no "x → x" with the same value on both sides.
    const summary = out.split('\n').filter((l) => /^(Samlet budget|Lokal medfinansiering):/.test(l));
    expect(summary).toHaveLength(2);
    for (const l of summary) expect(l).not.toMatch(/(?<![\d.,])([\d.]+(?:,\d+)?(?:\u00a0%)?) → \1(?![\d.,])/);
  });

  it('validate: a text amount gets the number to write; a split names the difference and a year outside the period', () => {
    expect(invalid.code).toBe(1);
    const lines = invalid.stdout.split('\n');
    expect(lines.find((l) => l.includes('#/oekonomi/finansiering/1/beloeb'))).toContain('fandt teksten "310,5"; skriv 310.5: et tal i 1.000 kr.');
    expect(lines.find((l) => l.includes('#/oekonomi/finansiering/2/beloeb'))).toContain('fandt teksten "1.928 kr"; skriv 1928: et tal i 1.000 kr.');
    expect(invalid.stdout).not.toContain('fx 1928');
    expect(invalid.stdout).toMatch(/skaev\.json:\d+:\d+ {2}#\/oekonomi\/finansiering\/1\/perAar {2}fejl {2}budget-fordeling {2}fordelingen på år giver 1\.928,6 \(2017: 642,9 \+ 2019: 642,9 \+ 2020: 642,8\), men beløbet for "Lokal medfinansiering" er 1\.928,7 \(1\.000 kr\.\); forskellen er 0,1 for lidt/);
    expect(invalid.stdout).toMatch(/skaev\.json:\d+:\d+ {2}#\/oekonomi\/finansiering\/1\/perAar\/2017 {2}fejl {2}budget-fordeling {2}året 2017 /);
  });
});
