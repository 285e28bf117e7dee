import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Delaftale } from '../src/content/types.js';
import { ROOT, runCli, tempDir, type Run } from './helpers.js';
import { docxXml, hasTool, pathOf, pdfText, readManifest, runTool, SHARED, sofficeConvert, textHas, wordParagraphs, type PdfPage } from './readers.js';

/**
 * Three agreements of other shapes than the seed (tests/fixtures/aftaler), each validated and
 * built with the real CLI and read back:
 *   provinsiel  Uddannelse og beskæftigelse across seven housing areas: 8 parties without
 *               e-mail, long names (a double surname), 7 activities, a budget per year from
 *               five sources, one footnote referenced twice
 *   stor        Kriminalpræventiv indsats: 12 activities, long compounds, 30 footnotes,
 *               parties with e-mail, sub-headings and bullet lists, a revision history
 *   minimal     Forebyggelse og forældreansvar: one activity, no footnotes, two parties
 * Every party and activity name is in the PDF and the DOCX, the footer's page total is the
 * page count, and the shared layout check (../shared/tools/layoutcheck.py, with poppler and
 * qpdf) finds nothing in the agreement and activity-sheet PDFs.
 */

const LONG = 600_000;
const FIXTURES = ['provinsiel', 'stor', 'minimal'] as const;
const LAYOUTCHECK = join(SHARED, 'tools/layoutcheck.py');
const HAS_LAYOUTCHECK = existsSync(LAYOUTCHECK);

interface Built {
  file: string;
  content: Delaftale;
  validate: Run;
  build: Run;
  seconds: number;
  out: string;
  pdf: { agreement: string; sheets: string };
  docx: { agreement: string; sheets: string };
}

const built = new Map<string, Built>();
let layoutTools = false;

beforeAll(async () => {
  layoutTools = HAS_LAYOUTCHECK && (await hasTool('pdftotext')) && (await hasTool('qpdf'));
  // The builds at once: each is its own process with a worker per document.
  await Promise.all(FIXTURES.map(async (name) => {
    const file = join(ROOT, 'tests/fixtures/aftaler', `${name}.json`);
    const out = tempDir();
    const validate = await runCli(['validate', file]);
    const started = performance.now();
    const build = await runCli(['build', file, '--out', out], { env: { SOURCE_DATE_EPOCH: '' } });
    const seconds = (performance.now() - started) / 1000;
    console.log(`build ${name}: exit ${build.code} in ${seconds.toFixed(1)} s`);
    const b: Built = { file, content: JSON.parse(readFileSync(file, 'utf8')) as Delaftale, validate, build, seconds, out, pdf: { agreement: '', sheets: '' }, docx: { agreement: '', sheets: '' } };
    if (build.code === 0) {
      const m = readManifest(out);
      b.pdf = { agreement: pathOf(m, out, 'agreement-pdf'), sheets: pathOf(m, out, 'portal-pdf') };
      b.docx = { agreement: pathOf(m, out, 'agreement-docx'), sheets: pathOf(m, out, 'portal-docx') };
    }
    built.set(name, b);
  }));
}, LONG);

const of = (name: string): Built => built.get(name)!;
const needBuild = (b: Built) => { if (b.build.code !== 0) throw new Error(`delaftale build ${b.file} failed (${b.build.code}):\n${b.build.stderr}`); };
const pdfAll = async (file: string): Promise<{ pages: PdfPage[]; text: string }> => {
  const pages = await pdfText(file);
  return { pages, text: pages.map((p) => p.raw).join('\n') };
};
const docxAll = (file: string): string => [docxXml(file), docxXml(file, 'word/footnotes.xml')].flatMap((x) => wordParagraphs(x)).join('\n');

describe.each(FIXTURES)('%s', (name) => {
  it('validates with exit 0 (warnings allowed) and builds with exit 0', () => {
    const b = of(name);
    expect(b.validate.code, b.validate.stdout + b.validate.stderr).toBe(0);
    expect(b.build.code, b.build.stderr).toBe(0);
  });

  it('names every party and every activity in the agreement PDF and DOCX, and every activity in the activity sheets', async () => {
    const b = of(name);
    needBuild(b);
    const parties = b.content.parter.map((id) => b.content.personer[id]!.navn);
    const activities = b.content.aktiviteter.map((a) => a.navn);
    const [agreement, sheets] = await Promise.all([pdfAll(b.pdf.agreement), pdfAll(b.pdf.sheets)]);
    const agreementDocx = docxAll(b.docx.agreement);
    const sheetsDocx = docxAll(b.docx.sheets);
    const missing: string[] = [];
    for (const n of parties) {
      if (!textHas(agreement.text, n)) missing.push(`party "${n}" not in the agreement PDF`);
      if (!textHas(agreementDocx, n)) missing.push(`party "${n}" not in the agreement DOCX`);
    }
    for (const n of activities) {
      if (!textHas(agreement.text, n)) missing.push(`activity "${n}" not in the agreement PDF`);
      if (!textHas(agreementDocx, n)) missing.push(`activity "${n}" not in the agreement DOCX`);
      if (!textHas(sheets.text, n)) missing.push(`activity "${n}" not in the activity-sheet PDF`);
      if (!textHas(sheetsDocx, n)) missing.push(`activity "${n}" not in the activity-sheet DOCX`);
    }
    expect(missing).toEqual([]);
  }, LONG);

  it.each(['agreement', 'sheets'] as const)('%s PDF: every footer says "Side n af N" with N = the page count', async (doc) => {
    const b = of(name);
    needBuild(b);
    const { pages } = await pdfAll(b.pdf[doc]);
    const wrong: string[] = [];
    pages.forEach((p, i) => {
      const label = [...p.raw.matchAll(/Side\s+(\d+)\s+af\s+(\d+)/g)].at(-1);
      if (!label) wrong.push(`page ${i + 1}: no "Side n af N"`);
      else if (Number(label[1]) !== i + 1 || Number(label[2]) !== pages.length) wrong.push(`page ${i + 1} of ${pages.length}: "${label[0]}"`);
    });
    expect(wrong).toEqual([]);
  }, LONG);

  // Only where ../shared is laid beside the repository (here and in CI); .ci/run installs poppler and qpdf.
  it.skipIf(!HAS_LAYOUTCHECK).each(['agreement', 'sheets'] as const)('%s PDF: layoutcheck.py finds nothing', async (doc) => {
    if (!layoutTools) throw new Error('layoutcheck.py needs pdftotext (poppler-utils) and qpdf on PATH');
    const b = of(name);
    needBuild(b);
    const r = await runTool('python3', [LAYOUTCHECK, b.pdf[doc], '--content', b.file, '--show', '100'], { timeout: 120_000 });
    // Exit 1 lists the findings; anything else is the tool failing.
    if (r.code !== 0) throw new Error(`layoutcheck.py ${doc} PDF of ${name} (exit ${r.code}):\n${r.stdout}${r.stderr}`);
  }, LONG);
});

describe('provinsiel in Word', () => {
  // Its footer label ("Delaftale: Uddannelse og beskæftigelse · Boligsocial helhedsplan for
  // Hammerslevs almene boligområder · version 1.0", 113 characters) wrapped in Word, with the
  // page label on a second line. LibreOffice lays the DOCX out as Word users see it.
  it('keeps the DOCX footer on one line with the page label, cut with "…"', async () => {
    const b = of('provinsiel');
    needBuild(b);
    const footer = docxXml(b.docx.agreement, 'word/footer1.xml');
    expect(wordParagraphs(footer)[0]?.trimStart()).toMatch(/^Delaftale: Uddannelse og beskæftigelse · .*…\s?Side {2}af $/);
    const r = await sofficeConvert(b.docx.agreement, 'pdf', tempDir());
    if (r.code !== 0) throw new Error(`soffice (exit ${r.code}): ${r.stderr}`);
    const pages = await pdfText(r.output);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      const line = page.raw.split('\n').find((l) => /Side\s+\d+\s+af\s+\d+/.test(l));
      expect(line, `page ${i + 1}: the page label shares its line with the footer text`).toMatch(new RegExp(`^\\s*Delaftale: .*…\\s*Side\\s+${i + 1}\\s+af\\s+${pages.length}`));
    });
  }, LONG);
});
