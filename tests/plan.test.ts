import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../src/content/plan.js';
import type { Delaftale } from '../src/content/types.js';
import { ROOT, runCli, tempDir, type Run } from './helpers.js';
import { docxXml, pathOf, pdfText, readManifest, runTool, SHARED, textHas, wordParagraphs, type Manifest } from './readers.js';

/**
 * A helhedsplan in one folder (content/helhedsplan-solbakken): a plan file and two delaftaler
 * that name it. `build FOLDER` builds every delaftale and skips the plan; the plan's people
 * reach every agreement, so a person renamed once in the plan is renamed everywhere; a wrong
 * reference points at the file and line:column that refers.
 */

const LONG = 600_000;
const EXAMPLE = join(ROOT, 'content/helhedsplan-solbakken');
const AGREEMENTS = ['beskaeftigelse', 'uddannelse-og-livschancer'] as const;
const plan = JSON.parse(readFileSync(join(EXAMPLE, 'plan.json'), 'utf8')) as Plan;
const agreement = (name: string) => JSON.parse(readFileSync(join(EXAMPLE, `${name}.json`), 'utf8')) as Delaftale;
const purposes = JSON.parse(readFileSync(join(ROOT, 'templates/lbf-2019-2026/tekster.json'), 'utf8')) as { omraader: Record<string, { formaal: { tekst: string } }> };

/** A copy of the example folder with the plan file's text edited. */
function copyWithPlan(edit: (text: string) => string): string {
  const dir = join(tempDir(), 'plan');
  cpSync(EXAMPLE, dir, { recursive: true });
  const file = join(dir, 'plan.json');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return dir;
}

/** Each agreement's PDF and DOCX text in an output folder, by the agreement's area. */
async function agreementTexts(out: string): Promise<Map<string, { pdf: string; docx: string }>> {
  const m: Manifest = readManifest(out);
  const texts = new Map<string, { pdf: string; docx: string }>();
  for (const name of AGREEMENTS) {
    const area = agreement(name).indsatsomraade;
    const slug = name;
    const pdf = m.files.find((f) => f.kind === 'agreement-pdf' && f.path.includes(slug))!;
    const docx = m.files.find((f) => f.kind === 'agreement-docx' && f.path.includes(slug))!;
    texts.set(area, {
      pdf: (await pdfText(join(out, pdf.path))).map((p) => p.raw).join('\n'),
      docx: wordParagraphs(docxXml(join(out, docx.path))).join('\n'),
    });
  }
  return texts;
}

describe('the example plan folder', () => {
  let build: Run;
  const out = join(tempDir(), 'out');
  beforeAll(async () => {
    build = await runCli(['build', EXAMPLE, '--out', out]);
  }, LONG);

  it('validates without errors or warnings', async () => {
    const r = await runCli(['validate', EXAMPLE]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stderr).toContain('0 fejl, 0 advarsler i 3 filer');
  });

  it('build FOLDER writes every delaftale with its activity sheets, and nothing for the plan file', () => {
    expect(build.code, build.stderr).toBe(0);
    const kinds = readManifest(out).files.map((f) => f.kind).sort();
    expect(kinds).toEqual(['agreement-docx', 'agreement-docx', 'agreement-pdf', 'agreement-pdf', 'portal-docx', 'portal-docx', 'portal-pdf', 'portal-pdf', 'portal-xlsx', 'portal-xlsx', 'samarbejdsaftale-docx', 'samarbejdsaftale-pdf']);
  });

  it('the samarbejdsaftale (PDF and DOCX) has the area, the parties, the date, each area with its delaftale\'s budget, the signatures and the attachments', async () => {
    expect(build.code, build.stderr).toBe(0);
    const m = readManifest(out);
    const pdf = (await pdfText(pathOf(m, out, 'samarbejdsaftale-pdf'))).map((p) => p.raw).join('\n');
    const docx = wordParagraphs(docxXml(pathOf(m, out, 'samarbejdsaftale-docx'))).join('\n');
    const thousands = (n: number) => n.toLocaleString('da-DK').replace(/\u00a0/g, '.');
    const budgets = AGREEMENTS.map((n) => agreement(n)).map((a) => ({ area: a.indsatsomraade, total: a.oekonomi.finansiering.reduce((s, l) => s + l.beloeb, 0) }));
    const wanted = [
      plan.navn, ...plan.boligomraader, plan.organisationer[plan.kommune]!.navn,
      ...plan.boligorganisationer.map((id) => plan.organisationer[id]!.navn),
      ...plan.bestyrelse.map((id) => plan.personer[id]!.navn),
      '25. november 2021',
      ...budgets.flatMap((b) => [b.area, thousands(b.total)]),
      thousands(budgets.reduce((s, b) => s + b.total, 0)),
      ...budgets.map((b) => `Delaftale for indsatsområdet ${b.area}`),
      'Organisationsdiagram', 'Milepælsplan', 'Underskrift',
    ];
    const missing = wanted.flatMap((w) => [...(textHas(pdf, w) ? [] : [`PDF: ${w}`]), ...(textHas(docx, w) ? [] : [`DOCX: ${w}`])]);
    expect(missing).toEqual([]);
  }, LONG);

  it('each agreement has the plan\'s name, areas and board as parties, its area\'s LBF purpose line and its indicators', async () => {
    expect(build.code, build.stderr).toBe(0);
    const texts = await agreementTexts(out);
    const missing: string[] = [];
    for (const name of AGREEMENTS) {
      const a = agreement(name);
      const { pdf, docx } = texts.get(a.indsatsomraade)!;
      const wanted = [plan.navn, ...plan.boligomraader, ...plan.bestyrelse.map((id) => plan.personer[id]!.navn),
        purposes.omraader[a.indsatsomraade]!.formaal.tekst, ...a.indikatorer!.map((k) => k.indikator)];
      for (const w of wanted) {
        if (!textHas(pdf, w)) missing.push(`${name} PDF: ${w}`);
        if (!textHas(docx, w)) missing.push(`${name} DOCX: ${w}`);
      }
    }
    expect(missing).toEqual([]);
  }, LONG);

  it('layoutcheck.py finds nothing in any of the PDFs', async () => {
    expect(build.code, build.stderr).toBe(0);
    for (const f of readManifest(out).files.filter((x) => x.path.endsWith('.pdf'))) {
      const source = join(EXAMPLE, `${AGREEMENTS.find((n) => f.path.includes(n)) ?? 'plan'}.json`);
      const r = await runTool('python3', [join(SHARED, 'tools/layoutcheck.py'), join(out, f.path), '--content', source], { timeout: 120_000 });
      expect(r.code, `${f.path}: ${r.stdout}${r.stderr}`).toBe(0);
    }
  }, LONG);
});

describe('a person renamed once in the plan file', () => {
  it('is renamed in every delaftale and the samarbejdsaftale after one build FOLDER', async () => {
    const id = plan.bestyrelse[0]!;
    const old = plan.personer[id]!.navn;
    const renamed = 'Karoline Hjortshøj';
    expect(old).not.toContain(renamed);
    const dir = copyWithPlan((t) => t.replace(`"navn": "${old}"`, `"navn": "${renamed}"`));
    const out = join(dir, 'out');
    const r = await runCli(['build', dir, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const texts = await agreementTexts(out);
    expect(texts.size).toBe(AGREEMENTS.length);
    for (const [area, { pdf, docx }] of texts) {
      expect(textHas(pdf, renamed), `${area} PDF`).toBe(true);
      expect(textHas(docx, renamed), `${area} DOCX`).toBe(true);
      expect(textHas(pdf, old), `${area} PDF still has ${old}`).toBe(false);
      expect(textHas(docx, old), `${area} DOCX still has ${old}`).toBe(false);
    }
    const samarbejdsaftale = (await pdfText(pathOf(readManifest(out), out, 'samarbejdsaftale-pdf'))).map((p) => p.raw).join('\n');
    expect(textHas(samarbejdsaftale, renamed)).toBe(true);
    expect(textHas(samarbejdsaftale, old)).toBe(false);
  }, LONG);
});

describe('references across files', () => {
  /** 1-based line:column of `needle` in the file. */
  const at = (file: string, needle: string) => {
    const text = readFileSync(file, 'utf8');
    const before = text.slice(0, text.indexOf(needle)).split('\n');
    return `${before.length}:${before.at(-1)!.length + 1}`;
  };

  it('a delaftale naming a person the plan lacks: the error is in the delaftale, at the reference', async () => {
    const dir = copyWithPlan((t) => t);
    const file = join(dir, 'beskaeftigelse.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"kontakt": "yusuf-celik"', '"kontakt": "yusuf-celk"'));
    const r = await runCli(['validate', dir], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`beskaeftigelse.json:${at(file, '"kontakt": "yusuf-celk"')}  #/aktiviteter/0/ansvar/1/kontakt  fejl  henvisninger  kontaktpersonen "yusuf-celk" findes ikke under "personer"; mente du "yusuf-celik"?`);
  });

  it('a value from the plan that is wrong: the error is in the plan file, reported once for both delaftaler', async () => {
    const dir = copyWithPlan((t) => t.replace('"email": "jv@solbo.dk"', '"email": "jv@solbo"'));
    const r = await runCli(['validate', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    const line = `plan.json:${at(join(dir, 'plan.json'), '"email": "jv@solbo"')}  #/personer/jens-vestergaard/email  fejl  email  `;
    expect(r.stdout.split('\n').filter((l) => l.startsWith(line))).toHaveLength(1);
    // The plan file on its own finds it too.
    const alone = await runCli(['validate', 'plan.json'], { cwd: dir });
    expect(alone.code).toBe(1);
    expect(alone.stdout).toContain(line);
  });

  it('the plan\'s own references are checked (board members exist)', async () => {
    const dir = copyWithPlan((t) => t.replace('"bestyrelse": ["karin-holm"', '"bestyrelse": ["karin-holmm"'));
    const r = await runCli(['validate', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`plan.json:${at(join(dir, 'plan.json'), '"karin-holmm"')}  #/bestyrelse/0  fejl  plan/henvisninger  personen "karin-holmm" findes ikke under "personer"; mente du "karin-holm"?`);
    expect(r.stdout).toMatch(/beskaeftigelse\.json:3:3 {2}#\/plan {2}fejl {2}plan {2}planfilen "plan\.json" kan ikke bruges/);
  });

  it('an id in both the plan and the delaftale is an error at the delaftale\'s; a missing plan file is an error at "plan"', async () => {
    const dir = copyWithPlan((t) => t);
    const file = join(dir, 'uddannelse-og-livschancer.json');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('"plan": "plan.json",', '"plan": "plan.json",\n  "personer": { "karin-holm": { "navn": "Karin Holm", "titel": "Direktør" } },'));
    const r = await runCli(['validate', file]);
    expect(r.stdout).toContain(`${file}:${at(file, '"karin-holm": {')}  #/personer/karin-holm  fejl  plan  "karin-holm" står allerede under "personer" i planen`);
    writeFileSync(file, text.replace('"plan": "plan.json"', '"plan": "findes-ikke.json"'));
    const missing = await runCli(['build', file, '--out', join(dir, 'out')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`${file}:${at(file, '"plan"')}  #/plan  fejl  plan  planfilen "findes-ikke.json" kan ikke bruges: `);
  });
});
