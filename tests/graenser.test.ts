import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../src/content/limits.js';
import { validateBytes } from '../src/content/validate.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { readPackageJson } from '../src/util/package-path.js';
import { SEED_FILE, seed, textCharacters } from './helpers.js';

/**
 * The documented limits (src/content/limits.ts, README "Grænser og tegn"): each is an error
 * from validate, before any layout, naming the limit and the actual number at the line:column
 * of the value; just under each limit is accepted. And keys that are also names on
 * Object.prototype ("constructor", "__proto__", "toString") are only ever what they are.
 */
const seedText = readFileSync(SEED_FILE, 'utf8');
const validate = (text: string) => validateBytes(new TextEncoder().encode(text), 'x.json').diagnostics;
const validateContent = (c: unknown) => validate(JSON.stringify(c, null, 2));
const edit = (old: string, replacement: string) => {
  expect(seedText).toContain(old);
  return validate(seedText.replace(old, replacement));
};
const at = (d: Diagnostic) => `${d.line}:${d.column} ${d.severity} ${d.rule} ${d.pointer}`;
const only = (rule: string, ds: Diagnostic[]) => ds.filter((d) => d.rule === rule);

describe('graenser: the limits are in the schema, as limits.ts records them', { timeout: 60_000 }, () => {
  it('the schema says what limits.ts says', () => {
    type Node = Record<string, Node> & { maxLength?: number; maxItems?: number; maxProperties?: number; exclusiveMaximum?: number };
    const schema = readPackageJson<Node>('schema/delaftale.schema.json');
    const p = schema['properties']!;
    const defs = schema['$defs']!;
    expect({
      beloebUnder: defs['finansiering']!['properties']!['beloeb']!.exclusiveMaximum,
      perAar: defs['finansiering']!['properties']!['perAar']!['additionalProperties']!.exclusiveMaximum,
      aktiviteter: p['aktiviteter']!.maxItems,
      fodnoter: p['fodnoter']!.maxProperties,
      personer: p['personer']!.maxProperties,
      organisationer: p['organisationer']!.maxProperties,
      parter: p['parter']!.maxItems,
      indikatorer: p['indikatorer']!.maxItems,
      markdownTegn: defs['markdown']!.maxLength,
      linjeTegn: defs['linje']!.maxLength,
      tekstTegn: [
        defs['succeskriterium']!['properties']!['kriterie']!.maxLength,
        defs['succeskriterium']!['properties']!['note']!.maxLength,
        defs['aktivitet']!['properties']!['maalgrupper']!['properties']!['primaer']!.maxLength,
        defs['aktivitet']!['properties']!['maalgrupper']!['properties']!['sekundaer']!.maxLength,
        defs['revision']!['properties']!['resume']!.maxLength,
      ],
    }).toEqual({
      beloebUnder: LIMITS.beloebUnder,
      perAar: LIMITS.beloebUnder,
      aktiviteter: LIMITS.aktiviteter,
      fodnoter: LIMITS.fodnoter,
      personer: LIMITS.personer,
      organisationer: LIMITS.organisationer,
      parter: LIMITS.parter,
      indikatorer: LIMITS.indikatorer,
      markdownTegn: LIMITS.markdownTegn,
      linjeTegn: LIMITS.linjeTegn,
      tekstTegn: Array(5).fill(LIMITS.tekstTegn),
    });
  });
});

describe('graenser: amounts are finite and under 10^9 (1.000 kr.)', { timeout: 60_000 }, () => {
  it('1e308 is an error at the amount, and no rule computes with it (no "∞ af ∞ = NaN %")', () => {
    const d = edit('"beloeb": 3100', '"beloeb": 1e308');
    expect(d.filter((x) => x.severity === 'fejl').map(at)).toEqual(['163:9 fejl schema/for-stor /oekonomi/finansiering/0/beloeb']);
    expect(d[0]!.message).toBe('skal være under 1.000.000.000 (Beløb (1.000 kr.)), fandt tallet 1e+308');
    expect(d.some((x) => /NaN|∞|Infinity/.test(x.message))).toBe(false);
  });

  it('1e400, which JSON reads as Infinity, is too big to compute with', () => {
    const d = only('schema/for-stor', edit('"beloeb": 1928', '"beloeb": 1e400'));
    expect(d.map(at)).toEqual(['168:9 fejl schema/for-stor /oekonomi/finansiering/1/beloeb']);
    expect(d[0]!.message).toBe('forventede et tal (Beløb (1.000 kr.)), fandt et tal, der er for stort til at regne med');
  });

  it('exactly 10^9 is too big, also in a per-year split; 999.999.999 is not', () => {
    expect(only('schema/for-stor', edit('"beloeb": 1928', '"beloeb": 1000000000')).map(at)).toEqual(['168:9 fejl schema/for-stor /oekonomi/finansiering/1/beloeb']);
    expect(only('schema/for-stor', edit('"beloeb": 1928', '"beloeb": 999999999'))).toEqual([]);
    const split = only('schema/for-stor', edit('"beloeb": 3100', '"beloeb": 3100, "perAar": { "2018": 1000000000 }'));
    expect(split.map(at)).toEqual(['163:37 fejl schema/for-stor /oekonomi/finansiering/0/perAar/2018']);
    expect(split[0]!.message).toContain('skal være under 1.000.000.000');
  });
});

describe('graenser: counts and lengths name the limit and the actual number', { timeout: 60_000 }, () => {
  it(`more than ${LIMITS.aktiviteter} activities is an error at "aktiviteter"; ${LIMITS.aktiviteter} is not`, () => {
    const c = seed();
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...c.aktiviteter[i % c.aktiviteter.length]!, navn: `Aktivitet ${i + 1}` }));
    const over = only('schema/for-mange', validateContent({ ...c, aktiviteter: many(LIMITS.aktiviteter + 1) }));
    expect(over.map((d) => `${d.pointer} ${d.message}`)).toEqual([`/aktiviteter for mange (Aktiviteter): ${LIMITS.aktiviteter + 1}; en delaftale kan have højst ${LIMITS.aktiviteter}`]);
    expect(over[0]!.line).toBeGreaterThan(1);
    expect(only('schema/for-mange', validateContent({ ...c, aktiviteter: many(LIMITS.aktiviteter) }))).toEqual([]);
  });

  it('footnotes, people, organisations and parties', () => {
    const c = seed();
    const entries = <T>(n: number, make: (i: number) => T) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`x-${i}`, make(i)]));
    c.fodnoter = entries(LIMITS.fodnoter + 1, (i) => `Kilde ${i}.`);
    c.personer = { ...c.personer, ...entries(LIMITS.personer + 1 - Object.keys(c.personer).length, (i) => ({ navn: `Person ${i}`, titel: 'Leder' })) };
    c.organisationer = { ...c.organisationer, ...entries(LIMITS.organisationer + 1 - Object.keys(c.organisationer).length, (i) => ({ navn: `Organisation ${i}` })) };
    c.parter = Array(LIMITS.parter + 1).fill('mikkel-warming');
    const d = only('schema/for-mange', validateContent(c));
    expect(d.map((x) => `${x.pointer} ${x.message}`).sort()).toEqual([
      `/fodnoter for mange (Fodnoter): ${LIMITS.fodnoter + 1}; en delaftale kan have højst ${LIMITS.fodnoter}`,
      `/organisationer for mange (Organisationer): ${LIMITS.organisationer + 1}; en delaftale kan have højst ${LIMITS.organisationer}`,
      `/parter for mange (Aftalens parter): ${LIMITS.parter + 1}; en delaftale kan have højst ${LIMITS.parter}`,
      `/personer for mange (Personer): ${LIMITS.personer + 1}; en delaftale kan have højst ${LIMITS.personer}`,
    ]);
  });

  it('a Markdown field and a plain field, in characters', () => {
    const c = seed();
    c.problemkompleks = 'x'.repeat(LIMITS.markdownTegn + 1);
    c.personer['mikkel-warming']!.navn = 'M'.repeat(LIMITS.linjeTegn + 1);
    const d = only('schema/for-lang', validateContent(c));
    expect(d.map((x) => `${x.pointer} ${x.message}`).sort()).toEqual([
      '/personer/mikkel-warming/navn er for lang: 501 tegn; højst 500',
      '/problemkompleks er for lang: 100.001 tegn; højst 100.000',
    ]);
    c.problemkompleks = 'x'.repeat(LIMITS.markdownTegn);
    c.personer['mikkel-warming']!.navn = 'M'.repeat(LIMITS.linjeTegn);
    expect(only('schema/for-lang', validateContent(c))).toEqual([]);
  });
});

describe('graenser: the text in all', { timeout: 60_000 }, () => {
  const chars = textCharacters;

  it(`over ${LIMITS.tekstIAlt} characters is an error at the character that passes the limit; exactly the limit is not`, () => {
    const c = seed();
    for (const k of ['problemkompleks', 'formaal', 'kommunalIndsats', 'konflikthaandtering'] as const) {
      const room = LIMITS.tekstIAlt - 50_000 - chars(c); // leaves 50.000 for the last field
      if (room > 0) c[k] = 'p'.repeat(Math.min(90_000, [...c[k]].length + room));
    }
    const last = c.aktiviteter.at(-1)!;
    const m = LIMITS.tekstIAlt + 1 - chars(c);
    expect(m).toBeGreaterThan(0);
    expect(m).toBeLessThanOrEqual(LIMITS.markdownTegn);
    last.ansvar.push({ tekst: `${'y'.repeat(m - 1)}z` }); // the last string in the file; its "z" passes the limit
    const text = JSON.stringify(c, null, 2);
    const z = text.indexOf('z"', text.indexOf('"tekst": "yyy'));
    const line = text.slice(0, z).split('\n').length;
    const column = z - text.lastIndexOf('\n', z - 1);
    const d = only('graenser', validate(text));
    expect(d.map(at)).toEqual([`${line}:${column} fejl graenser /aktiviteter/${c.aktiviteter.length - 1}/ansvar/${last.ansvar.length - 1}/tekst`]);
    const n = LIMITS.tekstIAlt + 1;
    expect(d[0]!.message).toBe(`aftalens tekst fylder ${n.toLocaleString('da-DK')} tegn i alt; en delaftale kan have højst ${LIMITS.tekstIAlt.toLocaleString('da-DK')}, så den kan dannes inden for arbejdstrådens hukommelse, og her passeres grænsen; forkort teksten, fx ved at henvise til et bilag`);
    last.ansvar.at(-1)!.tekst = 'y'.repeat(m - 1);
    expect(chars(c)).toBe(LIMITS.tekstIAlt);
    expect(only('graenser', validateContent(c))).toEqual([]);
  });
});

describe('keys that are also names on Object.prototype', { timeout: 60_000 }, () => {
  for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    it(`a per-year key "${key}" gets a year message at the key, not the hint for a person id`, () => {
      const d = edit('"beloeb": 3100', `"beloeb": 3100, "perAar": { "${key}": 3100 }`);
      expect(d.filter((x) => x.severity === 'fejl').map(at)).toEqual([`163:37 fejl schema/aarstal /oekonomi/finansiering/0/perAar/${key}`]);
      expect(d[0]!.message).toBe(`ugyldigt årstal "${key}" (Fordeling på år); forventede et årstal, fx 2019`);
      expect(d[0]!.message).not.toContain('mikkel-warming');
    });
  }

  it('an invalid person id is reported once, at the key', () => {
    const d = edit('"mikkel-warming": {', '"Mikkel": {');
    expect(d.filter((x) => x.severity === 'fejl').map(at)).toEqual(['45:5 fejl schema/id /personer/Mikkel']);
  });

  it('a party, a contact or a footnote reference named "constructor" or "toString" is not found', () => {
    const c = seed();
    c.parter[0] = 'constructor';
    c.aktiviteter[0]!.ansvar[0]!.kontakt = 'constructor';
    c.problemkompleks += ' Se[^toString] og[^constructor].';
    const d = validateContent(c).filter((x) => x.severity === 'fejl');
    expect(d.map((x) => `${x.rule} ${x.pointer}`)).toEqual([
      'henvisninger /parter/0', 'henvisninger /aktiviteter/0/ansvar/0/kontakt', 'fodnoter /problemkompleks', 'fodnoter /problemkompleks',
    ]);
  });
});
