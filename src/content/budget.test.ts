import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seed } from '../../tests/helpers.js';
import { diffAgreements, reportText } from '../revision/report.js';
import { viewModel } from '../template/view-model.js';
import { formatAmount, formatPercent, formatShare } from '../util/danish-format.js';
import { budgetDecimals, budgetTotals, decimalsOf, jsonAmount, shareAtLeast, suggestAmount, sumKroner, toKroner } from './budget.js';
import { loadRuleContext } from './rule-context.js';
import { budgetFordeling } from './rules/budget-fordeling.js';
import { medfinansiering } from './rules/medfinansiering.js';
import type { Delaftale, Finansiering } from './types.js';
import { validateBytes } from './validate.js';

/**
 * Exact money: amounts in thousand kr. with up to three decimals, summed and shared as
 * integer kroner, printed with the decimals the budget's most precise amount needs.
 */

const NBSP = '\u00a0';
const withBudget = (finansiering: unknown[], mutate: (d: Delaftale) => void = () => {}): Delaftale => {
  const d = seed();
  d.oekonomi.finansiering = finansiering as Finansiering[];
  mutate(d);
  return d;
};
/** Only the diagnostics of the schema and the two budget rules (other rules are not this file's business). */
const money = (d: unknown) => validateBytes(new TextEncoder().encode(JSON.stringify(d, null, 2)), 'x.json').diagnostics
  .filter((x) => x.rule.startsWith('schema/') || x.rule === 'budget-fordeling' || x.rule === 'medfinansiering');

/** Budgets with decimals (tests/fixtures/belob/budgetter.json); provins is the shape of issue 10, total 5.800,5. */
const BUDGETTER = JSON.parse(readFileSync(new URL('../../tests/fixtures/belob/budgetter.json', import.meta.url), 'utf8')) as Record<string, Finansiering[]>;
const PROVINS = BUDGETTER.provins!;

describe('amounts as integer kroner', () => {
  it('reads each amount from its shortest decimal string, never through float arithmetic', () => {
    expect(toKroner(310.5)).toBe(310_500);
    expect(toKroner(1928.7)).toBe(1_928_700);
    expect(toKroner(0.001)).toBe(1);
    expect(toKroner(999_999_999.999)).toBe(999_999_999_999);
    expect(toKroner(1e-3)).toBe(1);
    expect(toKroner(3100)).toBe(3_100_000);
    expect(decimalsOf(310.5)).toBe(1);
    expect(decimalsOf(3100)).toBe(0);
    expect(decimalsOf(1e21)).toBe(0);
    expect(decimalsOf(1e-7)).toBe(7);
    expect(decimalsOf(0.1 + 0.2)).toBe(17);
    expect(decimalsOf(1.0005)).toBe(4);
    // Floats get these wrong; integers do not.
    expect(sumKroner([3100.4, 1928.4])).toBe(5_028_800);
    expect(642.9 + 642.9 + 642.9).not.toBe(1928.7);
    expect(1000.1 + 0.2).not.toBe(1000.3);
    expect(sumKroner([1000.1, 0.2])).toBe(1_000_300);
    expect(sumKroner([642.9, 642.9, 642.9])).toBe(toKroner(1928.7));
    expect(jsonAmount(310_500)).toBe('310.5');
    expect(jsonAmount(1_928_000)).toBe('1928');
    expect(jsonAmount(1)).toBe('0.001');
  });

  it('prints thousand kr. in Danish form with the decimals asked for', () => {
    expect(formatAmount(3_100_000, 0)).toBe('3.100');
    expect(formatAmount(3_100_000, 1)).toBe('3.100,0');
    expect(formatAmount(310_500, 1)).toBe('310,5');
    expect(formatAmount(5_028_800, 1)).toBe('5.028,8');
    expect(formatAmount(1, 3)).toBe('0,001');
    expect(formatAmount(999_999_999_999, 3)).toBe('999.999.999,999');
    expect(formatAmount(-100, 1)).toBe('-0,1');
  });

  it('computes the share from integers and rounds it as formatPercent does', () => {
    expect(formatShare(1_928_000, 5_028_000)).toBe(`38,3${NBSP}%`);
    expect(formatShare(1, 16)).toBe(`6,3${NBSP}%`); // 6,25 % exactly: half away from zero
    expect(formatShare(0, 0)).toBe(formatPercent(0));
    expect(formatShare(2_499, 10_000, 2)).toBe(`24,99${NBSP}%`);
    // Where floats are not at an exact tie, the two agree.
    let x = 12345;
    const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 5000; i += 1) {
      const whole = 1 + (next() % 10_000_000);
      const part = next() % (whole + 1);
      if ((part * 2000) % whole === 0) continue;
      expect(formatShare(part, whole), `${part}/${whole}`).toBe(formatPercent(part / whole));
    }
  });

  it('compares a share with the minimum exactly', () => {
    expect(shareAtLeast(1_000_300, 4_001_200, 0.25)).toBe(true); // exactly 25 %
    expect(shareAtLeast(1_000_299, 4_001_200, 0.25)).toBe(false);
    expect(shareAtLeast(1, 3, 0.333)).toBe(true);
  });

  it('prints a whole budget with the decimals of its most precise amount', () => {
    expect(budgetDecimals(seed().oekonomi.finansiering)).toBe(0);
    expect(budgetDecimals(PROVINS)).toBe(1);
    expect(budgetDecimals([{ kilde: 'x', type: 'lokal', beloeb: 1, perAar: { 2018: 0.125, 2019: 0.875 } }])).toBe(3);
    const t = budgetTotals(PROVINS);
    expect(t).toEqual({ total: 5_800_500, lbf: 3_100_000, lokal: 2_700_500, decimals: 1 });
  });
});

describe('the budget in the agreement (view model)', () => {
  it('the seed stays whole: "3.100", "5.028", "38,3 %"', () => {
    const o = viewModel(seed()).oekonomi;
    expect(o.linjer.map((l) => l.beloeb)).toEqual(['3.100', '1.928']);
    expect([o.total, o.lokal, o.lokalAndel]).toEqual(['5.028', '1.928', `38,3${NBSP}%`]);
  });

  it('3100.4 + 1928.4 = 5.028,8', () => {
    const o = viewModel(withBudget(BUDGETTER.plus!)).oekonomi;
    expect(o.linjer.map((l) => l.beloeb)).toEqual(['3.100,4', '1.928,4']);
    expect([o.total, o.lokal, o.lokalAndel]).toEqual(['5.028,8', '1.928,4', `38,3${NBSP}%`]);
  });

  it('310,5 beside 3.100,0, per-year cells and totals with the same decimals, an exact total', () => {
    const o = viewModel(withBudget(PROVINS)).oekonomi;
    expect(o.aar).toEqual(['2018', '2019', '2020', '2021']);
    expect(o.linjer.map((l) => [l.beloeb, ...l.perAar])).toEqual([
      ['3.100,0', '775,0', '775,0', '775,0', '775,0'],
      ['310,5', '83,5', '83,5', '83,5', '60,0'],
      ['1.928,7', '642,9', '642,9', '642,9', ''],
      ['461,3', '', '230,6', '230,7', ''],
    ]);
    expect(o.totalPerAar).toEqual(['1.501,4', '1.732,0', '1.732,1', '835,0']);
    expect([o.total, o.lokal, o.lokalAndel]).toEqual(['5.800,5', '2.700,5', `46,6${NBSP}%`]);
  });

  it('three decimals: 3.000,100 + 0,200 + 999,999', () => {
    const o = viewModel(withBudget(BUDGETTER['tre-decimaler']!)).oekonomi;
    expect(o.linjer.map((l) => l.beloeb)).toEqual(['3.000,100', '0,200', '999,999']);
    expect([o.total, o.lokal]).toEqual(['4.000,299', '1.000,199']);
  });
});

describe('schema: amounts with at most three decimals, Danish advice for text', () => {
  it('accepts 310.5 and 0.001, refuses a fourth decimal with the rounded number to write', () => {
    expect(money(withBudget(PROVINS))).toEqual([]);
    expect(money(withBudget([
      { kilde: 'Landsbyggefonden', type: 'landsbyggefonden', beloeb: 3000.001 },
      { kilde: 'Lokal', type: 'lokal', beloeb: 1000.999 },
    ]))).toEqual([]);
    const found = money(withBudget([
      { kilde: 'Landsbyggefonden', type: 'landsbyggefonden', beloeb: 3100 },
      { kilde: 'Lokal', type: 'lokal', beloeb: 1928.7001, perAar: { 2018: 1928.7001 } },
    ]));
    expect(found.map((x) => [x.pointer, x.rule])).toEqual([
      ['/oekonomi/finansiering/1/beloeb', 'schema/decimaler'],
      ['/oekonomi/finansiering/1/perAar/2018', 'schema/decimaler'],
    ]);
    expect(found[0]!.message).toBe('tallet 1928.7001 har 4 decimaler (Beløb (1.000 kr.)); beløb er i 1.000 kr. med højst tre decimaler (hele kroner), fx 1928.7');
    expect(found[1]!.message).toContain('(Beløb for året (1.000 kr.))');
    expect(found[1]!.line).toBeGreaterThan(found[0]!.line!);
  });

  it('a text amount gets the number to write instead, never "fx 1928" for "310,5"', () => {
    const cases: [string, string][] = [
      ['310,5', 'skriv 310.5:'],
      ['1.928 kr', 'skriv 1928:'],
      ['1.928,7 t.kr.', 'skriv 1928.7:'],
      ['1 928', 'skriv 1928:'],
      ['kr. 1.928,-', 'skriv 1928:'],
      ['2,5 mio. kr.', 'skriv 2500:'],
      ['1.928.000 kr.', 'skriv 1928:'],
      ['310.5', 'skriv 310.5:'],
      ['310,5555', 'skriv 310.556 (afrundet til hele kroner):'],
    ];
    for (const [text, advice] of cases) {
      const found = money(withBudget([
        { kilde: 'Landsbyggefonden', type: 'landsbyggefonden', beloeb: 3100 },
        { kilde: 'Lokal', type: 'lokal', beloeb: text },
      ]));
      expect(found, text).toHaveLength(1);
      expect(found[0]!.rule).toBe('schema/type');
      expect(found[0]!.message, text).toContain(`fandt teksten "${text}"; ${advice} et tal i 1.000 kr. uden anførselstegn`);
      expect(found[0]!.message).not.toContain('fx 1928');
    }
    const vague = money(withBudget([{ kilde: 'Lokal', type: 'lokal', beloeb: 'ca. tre mio.' }]));
    expect(vague[0]!.message).toContain('fx 1928 for 1.928.000 kr. eller 310.5 for 310.500 kr.');
    const year = money(withBudget([{ kilde: 'Lokal', type: 'lokal', beloeb: 83.5, perAar: { 2018: '83,5' } }]));
    expect(year.map((x) => x.pointer)).toEqual(['/oekonomi/finansiering/0/perAar/2018']);
    expect(year[0]!.message).toContain('skriv 83.5:');
  });

  it('suggestAmount reads Danish first', () => {
    expect(suggestAmount('1.500')).toEqual({ value: '1500', rounded: false });
    expect(suggestAmount('1,5')).toEqual({ value: '1.5', rounded: false });
    expect(suggestAmount('1,928,000')).toEqual({ value: '1928000', rounded: false });
    expect(suggestAmount('tre')).toBeUndefined();
    expect(suggestAmount('')).toBeUndefined();
  });
});

describe('rules: an exact split inside the period, an exact minimum', () => {
  const check = (rule: typeof budgetFordeling, d: Delaftale) => rule.check(d, loadRuleContext());

  it('642,9 × 3 is 1.928,7: accepted (floats said 1.929 ≠ 1.929)', () => {
    expect(check(budgetFordeling, withBudget(PROVINS))).toEqual([]);
  });

  it('a split that misses names both sums, each year and the difference in Danish form', () => {
    const lines = structuredClone(PROVINS);
    lines[2]!.perAar = { 2018: 642.9, 2019: 642.9, 2020: 642.8 };
    const found = check(budgetFordeling, withBudget(lines));
    expect(found).toEqual([expect.objectContaining({ pointer: '/oekonomi/finansiering/2/perAar', severity: 'fejl' })]);
    expect(found[0]!.message).toBe('fordelingen på år giver 1.928,6 (2018: 642,9 + 2019: 642,9 + 2020: 642,8), men beløbet for "Boligorganisationen" er 1.928,7 (1.000 kr.); forskellen er 0,1 for lidt, og de skal være ens');
    lines[2]!.perAar = { 2018: 1000, 2019: 1000 };
    expect(check(budgetFordeling, withBudget(lines))[0]!.message).toContain('forskellen er 71,3 for meget');
  });

  it('a year outside the validity period is refused at that year', () => {
    const lines = structuredClone(PROVINS);
    lines[3]!.perAar = { 2017: 230.6, 2022: 230.7 };
    const found = check(budgetFordeling, withBudget(lines));
    expect(found.map((x) => x.pointer)).toEqual(['/oekonomi/finansiering/3/perAar/2017', '/oekonomi/finansiering/3/perAar/2022']);
    expect(found[0]!.message).toBe('året 2017 for "Fonden" ligger uden for aftalens gyldighedsperiode (1. januar 2018 til 31. december 2021); fordel beløbet på årene 2018–2021');
  });

  it('medfinansiering: exactly 25 % passes; just below says so with enough decimals', () => {
    const at = (lbf: number, lokal: number[]) => check(medfinansiering, withBudget([
      { kilde: 'Landsbyggefonden', type: 'landsbyggefonden', beloeb: lbf },
      ...lokal.map((beloeb, i) => ({ kilde: `Lokal ${i}`, type: 'lokal', beloeb })),
    ]));
    expect(at(3000.9, [1000.1, 0.2])).toEqual([]); // 1.000,3 of 4.001,2 = 25 % exactly
    const below = at(3000.9, [1000.1, 0.199]);
    expect(below).toHaveLength(1);
    expect(below[0]!.message).toBe(`lokal medfinansiering er 1.000,299 af 4.001,199 (1.000 kr.) = 24,99998${NBSP}%; Landsbyggefonden kræver mindst 25,0${NBSP}%`);
    expect(at(3100, [775])[0]!.message).toContain(`775 af 3.875 (1.000 kr.) = 20,0${NBSP}%`);
  });
});

describe('change report: exact amounts, one change per line, no unchanged values', () => {
  it('a line and its split are one change; an unchanged total is left out', () => {
    const a = withBudget(structuredClone(PROVINS));
    const b = withBudget(structuredClone(PROVINS));
    b.oekonomi.finansiering[1]!.perAar = { 2018: 83.5, 2019: 83.5, 2020: 60, 2021: 83.5 };
    const r = diffAgreements(a, b);
    expect(r.changes.map((c) => [c.felt, c.navn, c.gammel, c.ny])).toEqual([
      ['finansiering', 'Kommunen', '310,5 (2018: 83,5; 2019: 83,5; 2020: 83,5; 2021: 60,0)', '310,5 (2018: 83,5; 2019: 83,5; 2020: 60,0; 2021: 83,5)'],
    ]);
    expect(r.comparison.budget).toBeUndefined();
    expect(reportText(a, b, r, 'tekst')).not.toMatch(/Samlet budget|Lokal medfinansiering:/);
  });

  it('a changed amount with its split: one change, exact totals, only what changed', () => {
    const a = withBudget(structuredClone(PROVINS));
    const b = withBudget(structuredClone(PROVINS));
    b.oekonomi.finansiering[0]!.beloeb = 3000.4;
    b.oekonomi.finansiering[0]!.perAar = { 2018: 750.1, 2019: 750.1, 2020: 750.1, 2021: 750.1 };
    const r = diffAgreements(a, b);
    expect(r.changes).toHaveLength(1);
    expect(r.changes[0]).toMatchObject({ navn: 'Landsbyggefonden', gammel: '3.100,0 (2018: 775,0; 2019: 775,0; 2020: 775,0; 2021: 775,0)', ny: '3.000,4 (2018: 750,1; 2019: 750,1; 2020: 750,1; 2021: 750,1)' });
    expect(r.comparison.budget).toEqual({ total: ['5.800,5', '5.700,9'], lokal: null, lokalAndel: [`46,6${NBSP}%`, `47,4${NBSP}%`] });
    const text = reportText(a, b, r, 'tekst');
    expect(text).toContain('Samlet budget: 5.800,5 → 5.700,9 (1.000 kr.).');
    expect(text).toContain(`Lokal medfinansieringsandel: 46,6${NBSP}% → 47,4${NBSP}% af budgettet.`);
    expect(text).not.toContain('2.700,5');
  });

  it('decimals line up between versions: 1.928 → 1.928,5 prints as 1.928,0 → 1.928,5', () => {
    const a = seed();
    const b = seed();
    b.oekonomi.finansiering[1]!.beloeb = 1928.5;
    const r = diffAgreements(a, b);
    expect(r.changes[0]).toMatchObject({ gammel: '1.928,0', ny: '1.928,5' });
    expect(r.comparison.budget).toEqual({ total: ['5.028,0', '5.028,5'], lokal: ['1.928,0', '1.928,5'], lokalAndel: [`38,3${NBSP}%`, `38,4${NBSP}%`] });
    expect(reportText(a, b, r, 'tekst')).toContain(`Lokal medfinansiering: 1.928,0 → 1.928,5 (1.000 kr.), svarende til 38,3${NBSP}% → 38,4${NBSP}% af budgettet.`);
  });

  it('a share that prints the same is left out: 1.928 → 2.028 and 5.028 → 5.289 (both 38,3 %)', () => {
    const a = seed();
    const b = seed();
    b.oekonomi.finansiering[0]!.beloeb = 3261;
    b.oekonomi.finansiering[1]!.beloeb = 2028;
    const r = diffAgreements(a, b);
    expect(r.comparison.budget).toEqual({ total: ['5.028', '5.289'], lokal: ['1.928', '2.028'], lokalAndel: null });
    expect(reportText(a, b, r, 'tekst')).toContain('Lokal medfinansiering: 1.928 → 2.028 (1.000 kr.).\n');
  });
});
