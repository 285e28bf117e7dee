import { describe, expect, it } from 'vitest';
import { seed } from '../../../tests/helpers.js';
import type { Delaftale } from '../types.js';
import { loadRuleContext } from '../rule-context.js';
import { RULES } from './index.js';
import type { Rule, RuleContext } from './rule.js';

/** Every rule both ways: silent on content that satisfies it, and precise on content that breaks it. */
function run(rule: Rule, mutate: (d: Delaftale) => void = () => {}) {
  const d = seed();
  mutate(d);
  return rule.check(d, loadRuleContext());
}
const rule = (id: string) => RULES.find((r) => r.id === id)!;

describe('semantic rules', () => {
  it('medfinansiering: 38,3 % passes, 20 % fails with the figures', () => {
    expect(run(rule('medfinansiering'))).toEqual([]);
    const found = run(rule('medfinansiering'), (d) => { d.oekonomi.finansiering[1]!.beloeb = 775; });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'fejl', pointer: '/oekonomi/finansiering' });
    expect(found[0]!.message).toContain('775 af 3.875');
    expect(found[0]!.message).toContain('20,0\u00a0%');
    expect(found[0]!.message).toContain('25,0\u00a0%');
  });

  it('budget-fordeling: a per-year split must add up to the amount', () => {
    expect(run(rule('budget-fordeling'), (d) => { d.oekonomi.finansiering[0]!.perAar = { 2018: 1550, 2019: 1550 }; })).toEqual([]);
    const found = run(rule('budget-fordeling'), (d) => { d.oekonomi.finansiering[0]!.perAar = { 2018: 1500, 2019: 1550 }; });
    expect(found[0]).toMatchObject({ pointer: '/oekonomi/finansiering/0/perAar' });
    expect(found[0]!.message).toContain('3.050');
  });

  it('gyldighed: real dates, start before end', () => {
    expect(run(rule('gyldighed'))).toEqual([]);
    expect(run(rule('gyldighed'), (d) => { d.gyldighed.til = '2021-02-30'; })[0]).toMatchObject({ pointer: '/gyldighed/til' });
    const backwards = run(rule('gyldighed'), (d) => { d.gyldighed.til = '2017-12-31'; });
    expect(backwards[0]!.message).toContain('1. januar 2018');
  });

  it('fodnoter: references and definitions match', () => {
    expect(run(rule('fodnoter'))).toEqual([]);
    const missing = run(rule('fodnoter'), (d) => { d.problemkompleks += ' Se også[^findes-ikke].'; });
    expect(missing).toEqual([expect.objectContaining({ severity: 'fejl', pointer: '/problemkompleks' })]);
    const unused = run(rule('fodnoter'), (d) => { d.fodnoter!['ubrugt'] = 'Tekst.'; });
    expect(unused).toEqual([expect.objectContaining({ severity: 'advarsel', pointer: '/fodnoter/ubrugt' })]);
  });

  it('email: syntax of every e-mail address', () => {
    expect(run(rule('email'))).toEqual([]);
    const found = run(rule('email'), (d) => { d.personer['mikkel-warming']!.email = 'miwa@3b'; });
    expect(found).toEqual([expect.objectContaining({ pointer: '/personer/mikkel-warming/email' })]);
    expect(run(rule('email'), (d) => { d.personer['mikkel-warming']!.email = 'miwa 3b.dk'; })).toHaveLength(1);
  });

  it('indsatsomraade: must belong to the LBF period, with a suggestion', () => {
    expect(run(rule('indsatsomraade'))).toEqual([]);
    const wrongPeriod = run(rule('indsatsomraade'), (d) => { d.periode = '2019-2026'; });
    expect(wrongPeriod[0]!.message).toContain('2019-2026');
    const typo = run(rule('indsatsomraade'), (d) => { d.indsatsomraade = 'Tryghed og trivssel'; });
    expect(typo[0]!.message).toContain('mente du "Tryghed og trivsel"');
  });

  it('cfbu: unknown category is a warning', () => {
    expect(run(rule('cfbu'))).toEqual([]);
    const found = run(rule('cfbu'), (d) => { d.aktiviteter[2]!.cfbu = 'Blå resourcer'; });
    expect(found).toEqual([expect.objectContaining({ severity: 'advarsel', pointer: '/aktiviteter/2/cfbu' })]);
    expect(found[0]!.message).toContain('Blå ressourcer');
  });

  it('aktivitetsskema: the seed\'s empty purpose is a warning, a filled one is not', () => {
    const found = run(rule('aktivitetsskema'));
    expect(found).toEqual([expect.objectContaining({ severity: 'advarsel', pointer: '/aktiviteter/3/formaal' })]);
    expect(found[0]!.message).toContain('Sociale tryghedsvandringer');
    expect(run(rule('aktivitetsskema'), (d) => { d.aktiviteter[3]!.formaal = 'Formålet er at øge trygheden.'; })).toEqual([]);
  });

  it('pladsholdere: TODO, XX and [indsæt …] are errors', () => {
    expect(run(rule('pladsholdere'))).toEqual([]);
    for (const text of ['TODO: skriv', 'Budget XX kr.', 'Kontakt [indsæt navn]']) {
      const found = run(rule('pladsholdere'), (d) => { d.kommunalIndsats = text; });
      expect(found, text).toEqual([expect.objectContaining({ severity: 'fejl', pointer: '/kommunalIndsats' })]);
    }
  });

  it('henvisninger: parties and contacts must exist', () => {
    expect(run(rule('henvisninger'))).toEqual([]);
    const found = run(rule('henvisninger'), (d) => { d.parter[0] = 'mikkel-warmin'; });
    expect(found[0]!.message).toContain('mente du "mikkel-warming"');
  });

  it('portal: a field over its limit or a value off the portal\'s list is a warning, once the profile knows them', () => {
    const base = loadRuleContext();
    expect(rule('portal').check(seed(), base)).toEqual([]);
    const known: RuleContext = {
      ...base,
      portal: (periode) => {
        const profile = structuredClone(base.portal(periode)!);
        profile.felter.find((f) => f.id === 'aktivitetsnavn')!.maksTegn = 30;
        profile.lister['maalgruppe']!.vaerdier = ['Beboere generelt', 'Børn og unge'];
        return profile;
      },
    };
    const d = seed();
    d.aktiviteter[0]!.portal = { maalgrupper: ['Beboere generelt', 'Børn og ung'] };
    const found = rule('portal').check(d, known);
    expect(found).toContainEqual(expect.objectContaining({ severity: 'advarsel', pointer: '/aktiviteter/0/navn' }));
    expect(found.find((f) => f.pointer === '/aktiviteter/0/navn')!.message).toContain('højst 30');
    expect(found).toContainEqual(expect.objectContaining({ pointer: '/aktiviteter/0/portal/maalgrupper', message: expect.stringContaining('mente du "Børn og unge"') }));
    expect(found.filter((f) => f.pointer === '/aktiviteter/0/portal/maalgrupper')).toHaveLength(1);
  });

  it('stavemaade: look-alike names are warnings; distinct names are not', () => {
    const seedWarnings = run(rule('stavemaade')).map((d) => d.message);
    expect(seedWarnings.some((m) => m.includes('"Bigaard"') && m.includes('"Bigård"'))).toBe(true);
    expect(seedWarnings.some((m) => m.includes('"Urbansplanen"'))).toBe(true);
    expect(seedWarnings.some((m) => m.includes('Petersen'))).toBe(false);
    const found = run(rule('stavemaade'), (d) => { d.aktiviteter[2]!.ansvar[1]!.tekst += ' Spørg Sussanne Søgaard Grøn.'; });
    expect(found.some((m) => m.message.includes('"Sussanne Søgaard Grøn" ligner') && m.pointer === '/aktiviteter/2/ansvar/1/tekst')).toBe(true);
  });
});
