import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Delaftale } from '../src/content/types.js';
import { formatDateShort } from '../src/util/danish-format.js';
import { ROOT, runCli, tempDir, type Run } from './helpers.js';
import { docxXml, pathOf, pdfText, readManifest, runTool, SHARED, textHas, wordParagraphs } from './readers.js';

/**
 * LBF's 2019-26 period: each of its four indsatsområder builds with the 2019-26 template, whose
 * words are data (templates/lbf-2019-2026/tekster.json); the agreement shows the area's LBF
 * purpose line and the indicator table in the PDF and the DOCX. The period's rules each fail on
 * their own fixture (tests/fixtures/2019-2026/fejl) at the line:column of what is wrong.
 */

const LONG = 600_000;
const BASE = join(ROOT, 'tests/fixtures/2019-2026/beskaeftigelse.json');
const base = JSON.parse(readFileSync(BASE, 'utf8')) as Delaftale;
const words = JSON.parse(readFileSync(join(ROOT, 'templates/lbf-2019-2026/tekster.json'), 'utf8')) as {
  tekster: Record<string, { tekst: string }>;
  omraader: Record<string, { formaal: { tekst: string } }>;
};
const periods = JSON.parse(readFileSync(join(ROOT, 'templates/perioder.json'), 'utf8')) as { perioder: Record<string, { indsatsomraader: string[] }> };
const AREAS = periods.perioder['2019-2026']!.indsatsomraader;

interface Built { run: Run; pdf: string; docx: string; sheetsPdf: string }
const built = new Map<string, Built>();

beforeAll(async () => {
  const dir = tempDir();
  await Promise.all(AREAS.map(async (area, i) => {
    const file = join(dir, `omraade-${i}.json`);
    writeFileSync(file, JSON.stringify({ ...base, $schema: undefined, indsatsomraade: area }, null, 2));
    const out = join(dir, `out-${i}`);
    const run = await runCli(['build', file, '--out', out, '--format', 'pdf', 'docx']);
    const b: Built = { run, pdf: '', docx: '', sheetsPdf: '' };
    if (run.code === 0) {
      const m = readManifest(out);
      b.pdf = pathOf(m, out, 'agreement-pdf');
      b.docx = pathOf(m, out, 'agreement-docx');
      b.sheetsPdf = pathOf(m, out, 'portal-pdf');
    }
    built.set(area, b);
  }));
}, LONG);

describe.each(AREAS)('2019-26, %s', (area) => {
  it('builds; the PDF and the DOCX show LBF\'s purpose line for the area and the indicator table', async () => {
    const b = built.get(area)!;
    expect(b.run.code, b.run.stderr).toBe(0);
    const pdf = (await pdfText(b.pdf)).map((p) => p.raw).join('\n');
    const docx = wordParagraphs(docxXml(b.docx)).join('\n');
    const purpose = words.omraader[area]!.formaal.tekst;
    expect(purpose.length).toBeGreaterThan(20);
    const expected = [
      purpose,
      words.tekster['indikatorer']!.tekst,
      words.tekster['baselineKolonne']!.tekst,
      base.primaerMaalgruppe!,
      ...base.indikatorer!.flatMap((k) => [k.indikator, `${k.baseline.vaerdi} ${words.tekster['baselinePr']!.tekst} ${formatDateShort(k.baseline.dato)}`, k.maal, k.datakilde]),
    ];
    const missing = expected.flatMap((t) => [
      ...(textHas(pdf, t) ? [] : [`PDF: ${t}`]),
      ...(textHas(docx, t) ? [] : [`DOCX: ${t}`]),
    ]);
    expect(missing).toEqual([]);
    // No other area's purpose line.
    for (const other of AREAS.filter((a) => a !== area)) expect(textHas(pdf, words.omraader[other]!.formaal.tekst)).toBe(false);
  }, LONG);

  it.skipIf(!existsSync(join(SHARED, 'tools/layoutcheck.py')))('layoutcheck.py finds nothing in the agreement and the activity sheets', async () => {
    const b = built.get(area)!;
    expect(b.run.code, b.run.stderr).toBe(0);
    for (const pdf of [b.pdf, b.sheetsPdf]) {
      const r = await runTool('python3', [join(SHARED, 'tools/layoutcheck.py'), pdf, '--content', BASE], { timeout: 120_000 });
      expect(r.code, r.stdout + r.stderr).toBe(0);
    }
  }, LONG);
});

/** 1-based line:column of the n-th occurrence of `needle` in the file (where the message must point). */
function at(file: string, needle: string, nth = 0): string {
  const text = readFileSync(file, 'utf8');
  let i = -1;
  for (let k = 0; k <= nth; k += 1) i = text.indexOf(needle, i + 1);
  if (i < 0) throw new Error(`${needle} not in ${file}`);
  const before = text.slice(0, i).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

describe('2019-26 rules, each on a failing fixture', () => {
  const fixture = (name: string) => `tests/fixtures/2019-2026/fejl/${name}.json`;
  const validate = (name: string) => runCli(['validate', fixture(name)]);
  const line = (name: string, needle: string, pointer: string, rule: string, nth = 0) =>
    `${fixture(name)}:${at(join(ROOT, fixture(name)), needle, nth)}  #${pointer}  fejl  ${rule}  `;

  it('the base fixture is valid without warnings', async () => {
    const r = await runCli(['validate', BASE]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('0 fejl, 0 advarsler');
  });

  it('the indsatsområde belongs to the period', async () => {
    const r = await validate('indsatsomraade');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${line('indsatsomraade', '"indsatsomraade"', '/indsatsomraade', 'indsatsomraade')}"Uddannelse og beskæftigelse" er ikke et indsatsområde i perioden 2019-2026`);
  });

  it('the period requires a primary target group and indicators', async () => {
    const r = await validate('mangler-indikatorer');
    expect(r.code).toBe(1);
    const where = line('mangler-indikatorer', '"periode"', '/periode', 'periode');
    expect(r.stdout).toContain(`${where}perioden 2019-2026 kræver feltet "indikatorer" (Indikatorer)`);
    expect(r.stdout).toContain(`${where}perioden 2019-2026 kræver feltet "primaerMaalgruppe" (Primær målgruppe)`);
  });

  it('each indicator has a baseline, a target and a source', async () => {
    const r = await validate('indikator');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${line('indikator', '{ "indikator"', '/indikatorer/0', 'schema/required')}mangler det påkrævede felt "datakilde"`);
    expect(r.stdout).toContain(`${line('indikator', '{ "indikator"', '/indikatorer/1', 'schema/required', 1)}mangler det påkrævede felt "baseline"`);
  });

  it('dates lie inside the period, and a baseline before the agreement ends', async () => {
    const r = await validate('datoer');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${line('datoer', '"til"', '/gyldighed/til', 'periode')}delaftalen gælder til 30. juni 2031, efter en aftale i perioden 2019-2026 kan gælde`);
    expect(r.stdout).toContain(`${line('datoer', '"dato": "2032-01-01"', '/indikatorer/1/baseline/dato', 'periode')}udgangspunktet for "Andel 25-64-årige på offentlig forsørgelse" er opgjort 1. januar 2032`);
  });

  it('local co-financing is at least 25 %', async () => {
    const r = await validate('medfinansiering');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${line('medfinansiering', '"finansiering"', '/oekonomi/finansiering', 'medfinansiering')}lokal medfinansiering er 500 af 2.300 (1.000 kr.) = 21,7`);
  });
});

describe('a period without a built-in template (2011-2014)', () => {
  const dir = tempDir();
  const file = join(dir, 'gammel.json');
  const text = readFileSync(join(ROOT, 'tests/fixtures/aftaler/minimal.json'), 'utf8')
    .replace('"periode": "2015-2018"', '"periode": "2011-2014"')
    .replace('"indsatsomraade": "Forebyggelse og forældreansvar"', '"indsatsomraade": "Sundhed"');
  writeFileSync(file, text);
  const expected = `${file}:${at(file, '"periode"')}  #/periode  fejl  skabelon  der findes ingen indbygget skabelon for LBF-perioden 2011-2014; der kan dannes aftaler for 2015-2018 og 2019-2026.`;

  it('validate and build agree: exit 1 at #/periode with line:column, naming the buildable periods and how to copy a template', async () => {
    const [v, b] = await Promise.all([runCli(['validate', file]), runCli(['build', file, '--out', join(dir, 'out')])]);
    expect(v.code).toBe(1);
    expect(b.code).toBe(1);
    expect(v.stdout).toContain(expected);
    expect(b.stderr).toContain(expected);
    expect(v.stdout).toContain('delaftale skabelon kopier 2019-2026 MAPPE');
  }, LONG);
});

describe('diff of two 2019-26 versions', () => {
  it('reports a changed indicator target and primary target group as changes of goals (væsentlig)', async () => {
    const dir = tempDir();
    const changed = join(dir, 'ny.json');
    const target = base.indikatorer![0]!;
    writeFileSync(changed, JSON.stringify({
      ...base, $schema: undefined,
      primaerMaalgruppe: `${base.primaerMaalgruppe} og unge over 18 år`,
      indikatorer: [{ ...target, maal: '50 %' }, ...base.indikatorer!.slice(1)],
    }, null, 2));
    const r = await runCli(['diff', BASE, changed]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Primær målgruppe ændret \(væsentlig\)/);
    expect(r.stdout).toMatch(/Indikator ændret \(væsentlig\):\n.*mål \[-46-\]\{\+50\+\} %/);
  });
});
