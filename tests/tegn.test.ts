import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadJson } from '../src/content/load.js';
import { RULES } from '../src/content/rules/index.js';
import { forbiddenCharacters } from '../src/content/rules/tegn.js';
import { loadRuleContext } from '../src/content/rule-context.js';
import { validateBytes } from '../src/content/validate.js';
import { formatHuman, sortDiagnostics } from '../src/diagnostics/format.js';
import { ROOT, runCli, SEED_FILE, seed, tempDir } from './helpers.js';

/**
 * Rule "tegn" (characters) and rule "tomme-afsnit": what XML cannot hold is an error with
 * the line:column of the character itself, whatever else is wrong; invisible characters in
 * names, names that print the same and blank sections are warnings.
 */
const F = 'tests/fixtures/tegn';
const validateFile = (file: string) => validateBytes(readFileSync(join(ROOT, file)), file);
const lines = (file: string) => formatHuman(sortDiagnostics(validateFile(file).diagnostics)).split('\n');
const validateText = (text: string, file = 'x.json') => validateBytes(new TextEncoder().encode(text), file);
const seedText = readFileSync(SEED_FILE, 'utf8');
const XML = 'kan ikke stå i aftalen: Word-filen er XML, og XML kan ikke rumme det; slet tegnet';
const SEED_WARNINGS = validateFile('content/tryghed-og-trivsel.json').diagnostics;

describe('tegn: characters XML cannot hold are errors at the character', { timeout: 60_000 }, () => {
  it('the seed has none, and still gives exactly its three warnings', () => {
    expect(sortDiagnostics(SEED_WARNINGS).map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule}`)).toEqual([
      '206:11 advarsel stavemaade', '317:7 advarsel aktivitetsskema', '347:7 advarsel stavemaade',
    ]);
  });

  it('NUL, U+FFFF, a lone surrogate, a raw U+FDD0 and Word\'s U+000B, each as U+XXXX at its own line:column', () => {
    const found = lines(`${F}/forbudte.json`).filter((l) => l.includes('  tegn  '));
    expect(found).toEqual([
      `${F}/forbudte.json:5:22  #/indsats  fejl  tegn  tegnet U+0000 (et styretegn) ${XML}`,
      `${F}/forbudte.json:16:25  #/revision/resume  fejl  tegn  tegnet U+FFFF (et ikke-tegn, som Unicode aldrig giver en betydning) ${XML}`,
      `${F}/forbudte.json:16:44  #/revision/resume  fejl  tegn  tegnet U+D800 (et halvt tegn: halvdelen af et UTF-16-surrogatpar, fx en emoji, der er skåret over) ${XML}`,
      `${F}/forbudte.json:16:71  #/revision/resume  fejl  tegn  tegnet U+FDD0 (et ikke-tegn, som Unicode aldrig giver en betydning) ${XML}`,
      `${F}/forbudte.json:143:34  #/medarbejderressourcer/stillinger/0/stilling  fejl  tegn  tegnet U+000B (et styretegn) ${XML}`,
    ]);
    expect(validateFile(`${F}/forbudte.json`).content).toBeUndefined();
  });

  it('are reported beside schema errors, and in a field name', () => {
    const d = validateFile(`${F}/forbudte-og-skema.json`).diagnostics;
    expect(d.map((x) => `${x.line}:${x.column} ${x.severity} ${x.rule} ${x.pointer}`)).toEqual([
      '5:22 fejl tegn /indsats',
      '45:5 fejl tegn /personer/mikkel\u0007warming',
      '1:1 fejl schema/required ',
      '4:3 fejl schema/ukendt-felt /indsatsomrade',
      '45:5 fejl schema/id /personer/mikkel\u0007warming',
    ]);
    expect(d[1]!.message).toBe(`tegnet U+0007 (et styretegn) i feltnavnet "mikkel⟨U+0007⟩warming" ${XML}`);
  });

  it('every plane\'s last two code points, U+FDD0–U+FDEF, C0 except tab/LF/CR; not tab, LF, CR, DEL or a whole emoji', () => {
    const bad = ['\u0001', '\u001f', '\ufdd0', '\ufdef', '\ufffe', '\uffff', '\u{1fffe}', '\u{10ffff}', '\udfff', '\ud83d'];
    for (const ch of bad) {
      expect(forbiddenCharacters({ a: [`A${ch}B`] }), JSON.stringify(ch)).toEqual([expect.objectContaining({ severity: 'fejl', rule: 'tegn', pointer: '/a/0', offset: 1 })]);
    }
    expect(forbiddenCharacters({ a: 'Tab\t, linje\r\nog \u007f, \u0085, 😀 og 👩\u200d👩\u200d👧 og \ufffd' })).toEqual([]);
  });

  it('a text full of them gives the first five and a count of the rest', () => {
    const c = seed();
    c.indsats = `x${'\u0001'.repeat(12)}`;
    const d = validateText(JSON.stringify(c)).diagnostics.filter((x) => x.rule === 'tegn');
    expect(d).toHaveLength(6);
    expect(d.map((x) => x.offset)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(d[5]!.message).toBe('og 7 forbudte tegn mere i samme tekst (kun de første 5 er vist hver for sig); slet dem');
  });

  it('typed raw in the file (not as \\u escapes) they are the loader\'s, with the same message at the character', () => {
    const text = seedText.replace('"indsats": "Partnerskabet"', '"indsats": "Partner\u000bskabet\u0000"').replace('"stilling": "Sekretariatsleder"', '"stilling": "Sekretariats\tleder"');
    const loaded = loadJson(new TextEncoder().encode(text), 'raw.json');
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule}`)).toEqual([
      '5:22 fejl tegn', '5:29 fejl tegn', '143:34 fejl json/InvalidCharacter',
    ]);
    expect(loaded.diagnostics[0]!.message).toBe(`tegnet U+000B (et styretegn) ${XML}`);
  });

  it('build stops before any layout and writes nothing', async () => {
    const out = join(tempDir(), 'out');
    const r = await runCli(['build', `${F}/forbudte.json`, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${F}/forbudte.json:5:22  #/indsats  fejl  tegn  tegnet U+0000`);
    expect(r.stderr).toContain("Intet blev skrevet");
    expect(existsSync(out)).toBe(false);
  });
});

describe('tegn: invisible characters in names, and names that print the same, are warnings', { timeout: 60_000 }, () => {
  const file = `${F}/usynlige.json`;

  it('each invisible character at its line:column, the look-alike pair naming both, and nothing from stavemaade about it', () => {
    const result = validateFile(file);
    expect(result.content).toBeDefined();
    const found = formatHuman(sortDiagnostics(result.diagnostics.filter((d) => d.rule === 'tegn' || d.pointer?.startsWith('/personer/')))).split('\n');
    const SEEN = 'det ses ikke på siden, men gør teksten forskellig fra den, den ligner (søgning, sortering, portalen); slet det';
    expect(found).toEqual([
      `${file}:41:16  #/organisationer/frivilligcenter-amager/navn  advarsel  tegn  usynligt tegn U+FEFF (byte-ordensmærke, BOM) i "⟨U+FEFF⟩Frivilligcenter Amager"; ${SEEN}`,
      `${file}:46:27  #/personer/mikkel-warming-2/navn  advarsel  tegn  usynligt tegn U+200B (mellemrum uden bredde) i "Mikkel Warm⟨U+200B⟩ing"; ${SEEN}`,
      `${file}:47:33  #/personer/mikkel-warming-2/titel  advarsel  tegn  usynligt tegn U+00AD (blød bindestreg) i "Chef for sociale⟨U+00AD⟩indsatser"; ${SEEN}`,
      `${file}:50:7  #/personer/mikkel-warming/navn  advarsel  tegn  "Mikkel Warming" (#/personer/mikkel-warming/navn) ser på siden ud præcis som "Mikkel Warm⟨U+200B⟩ing" (#/personer/mikkel-warming-2/navn), men teksten er forskellig (usynlige tegn, mellemrum eller Unicode-form); skriv navnet ens, eller slå de to sammen, hvis det er den samme`,
      `${file}:165:29  #/oekonomi/finansiering/0/kilde  advarsel  tegn  usynligt tegn U+202E (skriveretningstegn) i "Landsbygge⟨U+202E⟩fonden"; ${SEEN}`,
    ]);
  });

  it('not in Markdown fields, where a soft hyphen or a joiner may be meant', () => {
    const c = seed();
    c.problemkompleks += ' Kriminalitets\u00adforebyggelse og 👩\u200d👩\u200d👧.';
    c.fodnoter!['omdoemmeanalyse-2015'] += '\u200b';
    expect(validateText(JSON.stringify(c)).diagnostics.filter((d) => d.rule === 'tegn')).toEqual([]);
  });

  it('organisations too; whitespace and Unicode form count as printing the same; two identical names are named as such', () => {
    const c = seed();
    c.organisationer['okf2'] = { navn: 'Økonomi\u00adforvaltningen' };
    c.personer['karina-fried-2'] = { navn: 'Karina  Fried', titel: 'Leder' };
    c.personer['karina-fried-3'] = { navn: 'Karina Fried', titel: 'Leder' };
    const found = validateText(JSON.stringify(c)).diagnostics.filter((d) => d.rule === 'tegn' && d.message.includes('#/'));
    expect(found.map((d) => d.pointer)).toEqual(['/personer/karina-fried-2/navn', '/personer/karina-fried-3/navn', '/organisationer/okf2/navn']);
    expect(found[1]!.message).toBe('"Karina Fried" står to gange under "personer" (#/personer/karina-fried/navn og #/personer/karina-fried-3/navn); er det den samme, så skriv den én gang og henvis til ét id');
    const nfd = seed();
    nfd.personer['soegaard'] = { navn: 'Susanne Søgaard Grøn'.normalize('NFD').replace('ø', 'o\u0338'), titel: 'x' };
    nfd.personer['noter'] = { navn: 'Rene\u0301 Noter', titel: 'x' };
    nfd.personer['noter-2'] = { navn: 'René Noter', titel: 'x' };
    expect(validateText(JSON.stringify(nfd)).diagnostics.filter((d) => d.rule === 'tegn').map((d) => d.pointer)).toEqual(['/personer/noter-2/navn']);
  });
});

describe('tomme-afsnit: a blank top-level section is a warning, as a blank aktivitetsskema field is', { timeout: 60_000 }, () => {
  const rule = RULES.find((r) => r.id === 'tomme-afsnit')!;
  const check = (mutate: (d: ReturnType<typeof seed>) => void) => {
    const d = seed();
    mutate(d);
    return rule.check(d, loadRuleContext());
  };

  it('the seed has none', () => expect(check(() => {})).toEqual([]));

  it('"", spaces, line breaks and invisible characters alone count as blank, in every such section', () => {
    const found = check((d) => {
      d.problemkompleks = '';
      d.formaal = ' \n\t ';
      d.aktiviteterIndledning = '\u200b\u00a0';
      d.kommunalIndsats = '\n\n';
      d.konflikthaandtering = '   ';
      d.revisionAfAftalen = '\r\n';
      d.medarbejderressourcer.note = ' ';
    });
    expect(found.map((f) => `${f.severity} ${f.pointer}`)).toEqual([
      'advarsel /problemkompleks', 'advarsel /formaal', 'advarsel /aktiviteterIndledning', 'advarsel /medarbejderressourcer/note',
      'advarsel /kommunalIndsats', 'advarsel /konflikthaandtering', 'advarsel /revisionAfAftalen',
    ]);
    expect(found[1]!.message).toBe('delaftalen har et tomt felt "Formål og mål"; udfyld det, ellers står afsnittet tomt i aftalen');
    expect(found[3]!.message).toBe('delaftalen har et tomt felt "Medarbejderressourcer, note"; udfyld det, eller slet feltet');
  });

  it('a blank footnote is a warning at that footnote', () => {
    const found = check((d) => {
      d.fodnoter = { ...d.fodnoter, 'altankoncerter': ' \n ' };
    });
    expect(found.map((f) => `${f.severity} ${f.pointer}`)).toEqual(['advarsel /fodnoter/altankoncerter']);
    expect(found[0]!.message).toContain('fodnoten "altankoncerter" er tom');
  });

  it('with line:column through validate, beside the seed\'s own warnings', () => {
    const d = validateFile(`${F}/usynlige.json`).diagnostics.filter((x) => x.rule === 'tomme-afsnit');
    expect(d.map((x) => `${x.line}:${x.column} ${x.severity} ${x.pointer}`)).toEqual(['126:3 advarsel /formaal']);
  });
});

describe('fixtures that validated before still validate', { timeout: 60_000 }, () => {
  it('tests/fixtures/revision', () => {
    for (const f of ['tests/fixtures/revision/v1.json', 'tests/fixtures/revision/v2.json']) {
      expect(validateFile(f).diagnostics.filter((d) => d.severity === 'fejl'), f).toEqual([]);
    }
  });

});
