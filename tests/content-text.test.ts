import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, seed, tempDir, type Run } from './helpers.js';
import { docxXml, openPdf, pathOf, pdfText, readManifest, textHas, unescapeXml, wordParagraphs, type PdfPage } from './readers.js';

/**
 * Issue "Every word reaches the page": content that a user (or a hostile one) types into
 * the Markdown fields is shown as text, never as structure. One agreement carries every
 * case in a different field, so a construct left open in one field is also checked not
 * to flow into the fields after it. Built by the real CLI, read back from PDF and DOCX.
 */

const delaftale = (args: string[]): Promise<Run> => runCli(args, { env: { SOURCE_DATE_EPOCH: '' } });

const COLONS = 'Mødet er kl. 10:30 hver dag, og 1:1-samtaler holdes i forholdet 3:1 (tlf:12345678).';
const HTML = '<script>alert("x")\n\nTekst efter script <!-- aldrig lukket\n\n<div class="x">en blok';
const FENCE = 'Før koden.\n\n```\nkode uden afslutning\n\nAfsnittet efter fence';
const LINKS = [
  '[js](javascript:alert(1))', '[vb](vbscript:msgbox)', '[data](data:text/html,<b>x</b>)', '[fil](file:///etc/passwd)',
  '[unc](\\\\server\\share)', '<javascript:alert(2)>', '[god](https://lbf.dk/)', '[post](mailto:sekretariat@example.dk)',
].join(' og ');
/** A pasted address too long to be a link (each line of a PDF link repeats it). */
const LONG_URL = `https://example.dk/${'a'.repeat(2100)}`;
/** One table cell taller than a page, of short words (never hyphenated) around a marker word to count. */
const SENTENCE = 'Zyx bor i en by med et godt liv.';
const TALL_ROW = `| Tema | Kilde |\n| - | - |\n| ${Array.from({ length: 140 }, () => SENTENCE).join(' ')} | Survey |`;

let dir: string;
let build: Run;
let pages: PdfPage[];
let allText: string;
let documentXml: string;
let relsXml: string;
let annotationUrls: string[];
let seedHeadings: number;

const headingCount = (xml: string) => (xml.match(/<w:pStyle w:val="Heading\d"\/>/g) ?? []).length;

beforeAll(async () => {
  dir = tempDir();
  const c = seed() as ReturnType<typeof seed> & { $schema?: string };
  delete c.$schema;
  c.formaal = COLONS;
  c.problemkompleks = `${c.problemkompleks}\n\n${HTML}`;
  c.kommunalIndsats = `${c.kommunalIndsats}\n\n${FENCE}`;
  c.konflikthaandtering = `${c.konflikthaandtering}\n\nSe ${LINKS}.\n\nAdresse: ${LONG_URL}`;
  c.aktiviteterIndledning = `${c.aktiviteterIndledning}\n\n${TALL_ROW}`;
  writeFileSync(join(dir, 'tekst.json'), JSON.stringify(c, null, 2));
  const seedDir = tempDir();
  const [run] = await Promise.all([
    delaftale(['build', join(dir, 'tekst.json'), '--out', join(dir, 'out'), '--format', 'pdf', 'docx']),
    delaftale(['build', '--out', seedDir, '--format', 'docx']),
  ]);
  build = run;
  const out = join(dir, 'out');
  const manifest = readManifest(out);
  const pdf = pathOf(manifest, out, 'agreement-pdf');
  pages = await pdfText(pdf);
  allText = pages.map((p) => p.raw).join('\n');
  const docx = pathOf(manifest, out, 'agreement-docx');
  documentXml = docxXml(docx);
  relsXml = docxXml(docx, 'word/_rels/document.xml.rels');
  seedHeadings = headingCount(docxXml(pathOf(readManifest(seedDir), seedDir, 'agreement-docx')));
  const doc = await openPdf(pdf);
  annotationUrls = [];
  for (let i = 1; i <= doc.numPages; i += 1) {
    for (const a of await (await doc.getPage(i)).getAnnotations()) if (a.subtype === 'Link' && a.url) annotationUrls.push(a.url as string);
  }
  await doc.destroy();
}, 300_000);

describe('content is text, templates are structure', () => {
  it('builds (exit 0) and says what it showed differently, with the field and line:column', () => {
    expect(build.code, build.stderr).toBe(0);
    const lines = build.stderr.split('\n');
    const at = (rule: string, pointer: string) => lines.filter((l) => l.includes(rule) && l.includes(`#${pointer}`));
    // Each case once, in validate's report, not once per document.
    expect(at('markdown/kodeblok', '/kommunalIndsats')).toHaveLength(1);
    expect(at('markdown/kodeblok', '/kommunalIndsats')[0]).toMatch(/tekst\.json:\d+:\d+ /);
    expect(at('markdown/lenke', '/konflikthaandtering')).toHaveLength(7);
    expect(lines.join('\n')).not.toMatch(/\bat \S+ \(|Error|paginate/);
  });

  it('keeps colons: times, ratios and "1:1-samtaler" are text in both files', () => {
    expect(textHas(allText, COLONS)).toBe(true);
    expect(wordParagraphs(documentXml).map(unescapeXml)).toContain(COLONS);
  });

  it('shows raw HTML as typed, and an unclosed one does not swallow the fields after it', () => {
    for (const text of ['<script>alert("x")', 'Tekst efter script <!-- aldrig lukket', '<div class="x">en blok']) {
      expect(textHas(allText, text), text).toBe(true);
      expect(unescapeXml(documentXml)).toContain(text);
    }
    // The sections after the field are still headings: no literal "## " in the PDF, every
    // heading of the seed in the DOCX.
    expect(allText).not.toMatch(/^#{2,3} /m);
    expect(headingCount(documentXml)).toBe(seedHeadings);
    expect(textHas(allText, 'Formål, mål og succeskriterier for indsatsområdet')).toBe(true);
  });

  it('closes an unclosed code fence at the end of its field: the rest of the agreement and the signatures are there', () => {
    expect(textHas(allText, 'kode uden afslutning')).toBe(true);
    expect(textHas(allText, 'Afsnittet efter fence')).toBe(true);
    const last = pages[pages.length - 1]!.raw;
    const seedContent = seed();
    expect(textHas(pages.map((p) => p.raw).join('\n'), 'Underskrifter')).toBe(true);
    for (const id of seedContent.parter) expect(textHas(last, seedContent.personer[id]!.navn)).toBe(true);
    expect(textHas(allText, 'Konflikthåndtering og underretning')).toBe(true);
  });

  it('splits a table row taller than a page across pages instead of cutting it off', () => {
    // A word, not the sentence: a sentence may run across a page break (and its footer).
    const count = (text: string) => text.split('Zyx').length - 1;
    expect(count(allText)).toBe(140);
    expect(build.stderr).not.toMatch(/pdf\/for-hoej/);
  });

  it('makes links only of http:, https: and mailto:, keeping the text of the others', () => {
    expect(annotationUrls.length).toBeGreaterThan(0);
    for (const url of annotationUrls) expect(url).toMatch(/^(https?|mailto):/);
    expect(annotationUrls).toContain('https://lbf.dk/');
    expect(annotationUrls).toContain('mailto:sekretariat@example.dk');
    const targets = [...relsXml.matchAll(/Target="([^"]*)" TargetMode="External"/g)].map((m) => m[1]!);
    for (const url of targets) expect(url).toMatch(/^(https?|mailto):/);
    expect(targets).toContain('https://lbf.dk/');
    // The 2.100-character address is text, whole, and no link.
    expect(annotationUrls.some((u) => u.length > 2000)).toBe(false);
    // Broken at the column edge without hyphens (perhaps across a page): every "a" is printed.
    expect((allText.match(/a{10,}/g) ?? []).join('').length).toBe(2100);
    expect(unescapeXml(documentXml)).toContain(LONG_URL);
    for (const text of ['js og vb og data og fil og unc og javascript:alert(2) og god og post']) {
      expect(textHas(allText, text)).toBe(true);
    }
  });
});

describe('limits that speak instead of crashing', () => {
  it('60 footnote references in one paragraph: exit 0, every note printed, continued on the next pages', async () => {
    const c = seed() as ReturnType<typeof seed> & { $schema?: string };
    delete c.$schema;
    const notes = Array.from({ length: 60 }, (_, i) => [`kilde-${i}`, `Kilde ${i}: rapport om tryghed og trivsel i boligområdet, side ${i * 3 + 1}.`] as const);
    c.fodnoter = { ...c.fodnoter, ...Object.fromEntries(notes) };
    c.formaal = `Mange kilder.${notes.map(([id]) => `[^${id}]`).join('')} Slut.`;
    const d = tempDir();
    writeFileSync(join(d, 'noter.json'), JSON.stringify(c));
    const run = await delaftale(['build', join(d, 'noter.json'), '--out', join(d, 'out'), '--format', 'pdf']);
    expect(run.code, run.stderr).toBe(0);
    const out = join(d, 'out');
    const got = await pdfText(pathOf(readManifest(out), out, 'agreement-pdf'));
    const text = got.map((p) => p.raw).join('\n');
    for (const [, note] of notes) expect(textHas(text, note), note).toBe(true);
    // The notes do not all fit under the paragraph: some continue on a later page.
    const first = got.findIndex((p) => textHas(p.raw, notes[0]![1]));
    const last = got.findIndex((p) => textHas(p.raw, notes[59]![1]));
    expect(last).toBeGreaterThan(first);
    expect(run.stderr).not.toMatch(/pdf\/fodnote-side/);
  }, 300_000);

  it('a list nested 50 levels deep is refused by validate with its place, before any layout', async () => {
    const c = seed() as ReturnType<typeof seed> & { $schema?: string };
    delete c.$schema;
    c.kommunalIndsats = Array.from({ length: 50 }, (_, i) => `${'  '.repeat(i)}- niveau ${i + 1}`).join('\n');
    const d = tempDir();
    writeFileSync(join(d, 'dyb.json'), JSON.stringify(c, null, 2));
    const run = await delaftale(['validate', join(d, 'dyb.json')]);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/dyb\.json:\d+:\d+ +#\/kommunalIndsats +fejl +markdown\/indrykning .*50 niveauer.*højst 9/);
  }, 60_000);
});
