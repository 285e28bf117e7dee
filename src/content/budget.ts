import type { Finansiering } from './types.js';

/**
 * Money, exactly. Amounts in the content are thousand kr. with at most three decimals
 * (whole kroner), e.g. 310.5 for 310.500 kr. Every sum and share is computed on integer
 * kroner, read from the number's shortest decimal string (what JSON.parse gave back as
 * String(x) prints), never by adding floats: 642.9 + 642.9 + 642.9 is 1928.6999999999998
 * in floating point, but 3 × 642900 kroner is 1928700.
 */

/** The most decimals an amount in thousand kr. may have: three, i.e. whole kroner. */
export const MAKS_DECIMALER = 3;

/** x's shortest decimal string as digits and scale: 310.5 → { digits: "3105", scale: 1 }, 1e-7 → { "1", 7 }. */
function decimal(x: number): { negative: boolean; digits: string; scale: number } | undefined {
  if (!Number.isFinite(x)) return undefined;
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) return undefined;
  const fraction = m[3] ?? '';
  const scale = fraction.length - Number(m[4] ?? 0);
  return { negative: m[1] === '-', digits: `${m[2]}${fraction}`, scale };
}

/** How many decimals x has as written (its shortest decimal string): 310.5 → 1, 3100 → 0, 0.1 + 0.2 → 17. */
export function decimalsOf(x: number): number {
  const d = decimal(x);
  if (!d) return Infinity;
  const significant = d.digits.replace(/0+$/, '');
  return Math.max(0, d.scale - (d.digits.length - significant.length));
}

/**
 * Thousand kr. → integer kroner, exactly: 310.5 → 310500, 1928.7 → 1928700. The schema
 * allows at most three decimals; anything finer is rounded to the nearest krone.
 */
export function toKroner(x: number): number {
  const d = decimal(x);
  if (!d || decimalsOf(x) > MAKS_DECIMALER) return Math.round(x * 1000);
  const shift = MAKS_DECIMALER - d.scale;
  const digits = shift >= 0 ? `${d.digits}${'0'.repeat(shift)}` : d.digits.slice(0, shift);
  const kroner = Number(digits);
  return d.negative && kroner !== 0 ? -kroner : kroner;
}

/** Integer kroner → the number to write in the content (thousand kr.): 310500 → "310.5", 1928000 → "1928". */
export function jsonAmount(kroner: number): string {
  const abs = Math.abs(kroner);
  const fraction = String(abs % 1000).padStart(3, '0').replace(/0+$/, '');
  return `${kroner < 0 ? '-' : ''}${Math.floor(abs / 1000)}${fraction ? `.${fraction}` : ''}`;
}

/** Integer sum of amounts in thousand kr., in kroner. */
export function sumKroner(amounts: Iterable<number>): number {
  let sum = 0;
  for (const a of amounts) sum += toKroner(a);
  return sum;
}

/**
 * The decimals a budget is printed with: as many as its most precise amount (line or
 * year) needs, so every figure of the table, its totals and the co-financing sentence
 * line up ("3.100,0" beside "310,5"); 0 when all are whole thousands.
 */
export function budgetDecimals(lines: Finansiering[]): number {
  const amounts = lines.flatMap((l) => [l.beloeb, ...Object.values(l.perAar ?? {})]);
  return Math.min(MAKS_DECIMALER, Math.max(0, ...amounts.map(decimalsOf)));
}

/** Years (sorted) that any line splits its amount on. */
export function budgetYears(lines: Finansiering[]): string[] {
  return [...new Set(lines.flatMap((l) => Object.keys(l.perAar ?? {})))].sort();
}

/**
 * Totals are computed from the financing lines, never typed; all in integer kroner.
 * Everything not from LBF is local co-financing; `decimals` is the budget's print precision.
 */
export function budgetTotals(lines: Finansiering[]) {
  const total = sumKroner(lines.map((l) => l.beloeb));
  const lbf = sumKroner(lines.filter((l) => l.type === 'landsbyggefonden').map((l) => l.beloeb));
  return { total, lbf, lokal: total - lbf, decimals: budgetDecimals(lines) };
}

/** The total of one year's column, in kroner (lines without that year count as nothing). */
export function yearTotal(lines: Finansiering[], year: string): number {
  return sumKroner(lines.flatMap((l) => (l.perAar?.[year] !== undefined ? [l.perAar[year]!] : [])));
}

/**
 * Whether part / whole ≥ minimum, exactly (minimum a decimal fraction such as 0.25 from
 * perioder.json, read from its decimal string).
 */
export function shareAtLeast(part: number, whole: number, minimum: number): boolean {
  const d = decimal(minimum);
  if (!d || whole <= 0) return part / whole >= minimum;
  const numerator = BigInt(d.digits) * (d.negative ? -1n : 1n);
  const scale = 10n ** BigInt(Math.max(0, d.scale));
  const factor = 10n ** BigInt(Math.max(0, -d.scale));
  return BigInt(part) * scale >= numerator * factor * BigInt(whole);
}

/**
 * What a user probably meant by an amount typed as text, as the number to write instead:
 * "310,5" → "310.5", "1.928 kr" → "1928", "1.928,7 t.kr." → "1928.7", "2,5 mio. kr." → "2500",
 * "1.928.000 kr." → "1928" (kroner, ≥ 1 million, read as kroner). Danish reading first:
 * "." groups thousands and "," is the decimal mark. Undefined when the text is no amount.
 * `rounded` says the suggestion had to be rounded to whole kroner.
 */
export function suggestAmount(text: string): { value: string; rounded: boolean } | undefined {
  let s = text.normalize('NFKC').toLowerCase().replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  let factor = 1;
  let kroner = false;
  // Unit before or after the figure; a trailing ",-" as in "1.928,-".
  s = s.replace(/^(kr\.?|dkk)\s*/, () => { kroner = true; return ''; });
  const unit = /\s*(t\.?\s?kr\.?|tkr\.?|tusind(?:e)?\s*kr(?:oner|\.)?|1\.000\s*kr\.?|mio\.?(?:\s*kr\.?)?|millioner?(?:\s*kr(?:oner|\.)?)?|kr\.?|kroner|dkk)$/.exec(s);
  if (unit) {
    const u = unit[1]!;
    if (/^(mio|million)/.test(u)) factor = 1000;
    else if (/^(kr|kroner|dkk)/.test(u)) kroner = true;
    s = s.slice(0, unit.index).trim();
  }
  s = s.replace(/,-+$/, '').replace(/(\d) (?=\d{3}\b)/g, '$1');
  let normal: string | undefined;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) normal = s.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d+(,\d+)?$/.test(s)) normal = s.replace(',', '.');
  else if (/^-?\d{1,3}(,\d{3}){2,}(\.\d+)?$/.test(s)) normal = s.replace(/,/g, '');
  else if (/^-?\d*\.\d+$/.test(s)) normal = s;
  if (normal === undefined || normal.replace(/\D/g, '').length > 15) return undefined;
  const k = exactKroner(normal, factor, kroner && Math.abs(Number(normal)) >= 1_000_000);
  return { value: jsonAmount(k.kroner), rounded: k.rounded };
}

/** A plain decimal string × factor (1 or 1000), optionally ÷ 1000, to kroner (rounded half up) without floats. */
function exactKroner(normal: string, factor: number, perThousand: boolean): { kroner: number; rounded: boolean } {
  const negative = normal.startsWith('-');
  const [int = '0', frac = ''] = normal.replace('-', '').split('.');
  // Thousand kr. × 1000 = kroner; × factor; ÷ 1000 when the figure was kroner.
  const shift = 3 + (factor === 1000 ? 3 : 0) - (perThousand ? 3 : 0);
  const all = `${int || '0'}${frac}`;
  const point = (int || '0').length + shift;
  const padded = point >= all.length ? all + '0'.repeat(point - all.length) : all;
  const whole = padded.slice(0, point);
  const rest = padded.slice(point);
  let kroner = Number(whole || '0');
  if (rest && rest[0]! >= '5') kroner += 1;
  return { kroner: negative ? -kroner : kroner, rounded: /[1-9]/.test(rest) };
}
