import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, seed, tempDir } from './helpers.js';
import { docxXml, pathOf, readManifest, runTool, sofficeConvert, unescapeXml, wordParagraphs } from './readers.js';

/**
 * A footnote referenced twice has one number in the PDF and in the DOCX, and every later
 * note keeps its number in both: the seed with a second reference to its note 2 (the 2010
 * beboerundersøgelse) in the first activity, before notes 8-11, built with the real CLI and
 * read back with pdftotext, from the DOCX's XML, and through LibreOffice.
 */

const LONG = 180_000;
const NOTE = 'beboerundersoegelse-2010';
const AGAIN = 'Jf. beboerundersøgelsen fra 2010.';

let pdf: string;
let docx: string;
let document: string;
let footnotes: string;

beforeAll(async () => {
  const dir = tempDir();
  const content = seed() as ReturnType<typeof seed> & { $schema?: string };
  delete content.$schema;
  content.aktiviteter[0]!.indhold = `${AGAIN}[^${NOTE}]\n\n${content.aktiviteter[0]!.indhold}`;
  writeFileSync(join(dir, 'to-gange.json'), JSON.stringify(content, null, 2));
  mkdirSync(join(dir, 'out'));
  const build = await runCli(['build', join(dir, 'to-gange.json'), '--format', 'pdf', 'docx', '--out', join(dir, 'out')], { env: { SOURCE_DATE_EPOCH: '' } });
  if (build.code !== 0) throw new Error(`delaftale build failed (${build.code}):\n${build.stderr}`);
  const manifest = readManifest(join(dir, 'out'));
  pdf = pathOf(manifest, join(dir, 'out'), 'agreement-pdf');
  docx = pathOf(manifest, join(dir, 'out'), 'agreement-docx');
  document = docxXml(docx);
  footnotes = docxXml(docx, 'word/footnotes.xml');
}, LONG);

/** The DOCX's notes in id order (Word numbers them in the order their marks stand: the ids' order here), as text. */
function docxNotes(): string[] {
  return [...footnotes.matchAll(/<w:footnote w:id="(\d+)">([\s\S]*?)<\/w:footnote>/g)]
    .filter(([, id]) => Number(id) > 0)
    .map(([, , xml]) => wordParagraphs(xml!).join(' ').trim());
}

/**
 * The printed notes of a PDF as [number, text] pairs, from `pdftotext -layout`: the number
 * starts the note's line (this renderer) or stands alone on the line above it (LibreOffice).
 */
async function printedNotes(file: string, texts: string[]): Promise<[number, string][]> {
  const lines = (await runTool('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'])).stdout.split('\n').map((l) => l.trim());
  const found: [number, string][] = [];
  lines.forEach((line, i) => {
    const text = texts.find((t) => line.includes(t.slice(0, 30)));
    if (!text) return;
    const own = /^(\d{1,2})\s+/.exec(line);
    const above = /^(\d{1,2})$/.exec(lines[i - 1] ?? '');
    const n = own?.[1] ?? above?.[1];
    if (n !== undefined) found.push([Number(n), text.slice(0, 30)]);
  });
  return found.sort(([a], [b]) => a - b);
}

describe('a footnote referenced twice', () => {
  it('is one note in word/footnotes.xml: 11 notes for the seed\'s 11, the referenced-twice one once', () => {
    const notes = docxNotes();
    expect(notes).toHaveLength(11);
    expect(notes[1]).toBe('Beboerundersøgelse Urbanplanen, 2010, Helhedsplanen');
    expect(notes.filter((t) => t.startsWith('Beboerundersøgelse Urbanplanen'))).toHaveLength(1);
    const marks = [...document.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(marks).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
  });

  it('is referenced again by a NOTEREF field with \\f, pointing at a bookmark around the first reference', () => {
    const bookmark = /<w:bookmarkStart w:name="(_Ref\w+)" w:id="(\d+)"\/>(<w:r>(?:(?!<\/w:r>)[\s\S])*<\/w:r>)<w:bookmarkEnd w:id="(\d+)"\/>/.exec(document);
    expect(bookmark, 'a bookmark around one run').not.toBeNull();
    const [, name, start, run, end] = bookmark!;
    expect(end).toBe(start);
    expect(run).toContain('<w:rStyle w:val="FootnoteReference"/>');
    expect(run).toContain('<w:footnoteReference w:id="2"/>');

    const instructions = [...document.matchAll(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((m) => unescapeXml(m[1]!).trim());
    expect(instructions).toEqual([`NOTEREF ${name} \\f \\h`]);
    // The field's runs: footnote reference style, and the note's number as the result.
    const field = /<w:fldChar w:fldCharType="begin"\/>[\s\S]*?<w:fldChar w:fldCharType="end"\/>/.exec(document)![0];
    const result = field.split('w:fldCharType="separate"')[1]!;
    expect(/<w:t[^>]*>([^<]*)<\/w:t>/.exec(result)?.[1]).toBe('2');
    expect(result).toContain('<w:rStyle w:val="FootnoteReference"/>');
    const paragraph = wordParagraphs(document).find((p) => p.includes(AGAIN));
    expect(paragraph).toBe(`${AGAIN}2`);
  });

  it('has the same number for every note in the DOCX as in the PDF (pdftotext)', async () => {
    const notes = docxNotes();
    const inPdf = await printedNotes(pdf, notes);
    // Each note printed once, numbered 1..11, with the text the DOCX gives that number.
    expect(inPdf.map(([n]) => n)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    expect(inPdf).toEqual(notes.map((t, i) => [i + 1, t.slice(0, 30)]));
    // The second reference prints the note's number.
    const text = (await runTool('pdftotext', ['-enc', 'UTF-8', pdf, '-'])).stdout;
    expect(text).toContain(`${AGAIN}2`);
  }, 60_000);

  // LibreOffice prints a NOTEREF's stored result and numbers the notes itself: both must agree.
  it('shows the same number through LibreOffice: the NOTEREF as 2, and notes numbered as in the PDF', async () => {
    const dir = tempDir();
    const r = await sofficeConvert(docx, 'pdf', dir);
    expect(r.code, r.stderr).toBe(0);
    const text = (await runTool('pdftotext', ['-enc', 'UTF-8', r.output, '-'])).stdout;
    expect(text).toContain(`${AGAIN}2`);
    const notes = docxNotes();
    expect(await printedNotes(r.output, notes)).toEqual(notes.map((t, i) => [i + 1, t.slice(0, 30)]));
  }, LONG);
});
