/**
 * Danish number and date conventions (DOMAIN.md): "." groups thousands, "," is the
 * decimal mark, month names in lower case. Intl carries the locale data; the
 * month list is fixed here so output never depends on the machine's ICU build.
 */
const THOUSANDS = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0, useGrouping: true });
const PERCENT = new Intl.NumberFormat('da-DK', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
const NBSP = '\u00a0';

/** 3100 → "3.100" (amounts in thousand kr.). */
export function formatThousands(n: number): string {
  return THOUSANDS.format(n);
}

/** 0.3834 → "38,3 %" with a no-break space. */
export function formatPercent(fraction: number): string {
  return `${PERCENT.format(fraction * 100)}${NBSP}%`;
}

/**
 * An amount held exactly as integer kroner, printed in thousand kr. with `decimals`
 * decimals (0–3): 310500 with 1 → "310,5", 3100000 with 1 → "3.100,0", 3100000 with 0 →
 * "3.100". Digits are cut, never rounded, so `decimals` must be at least what the amount
 * needs (budgetDecimals gives that for a whole budget); integers only, no floating point.
 */
export function formatAmount(kroner: number, decimals: number): string {
  if (!Number.isSafeInteger(kroner)) throw new RangeError(`formatAmount: ${kroner} is not a whole number of kroner`);
  const sign = kroner < 0 ? '-' : '';
  const abs = Math.abs(kroner);
  const whole = THOUSANDS.format(Math.floor(abs / 1000));
  const fraction = String(abs % 1000).padStart(3, '0').slice(0, Math.max(0, Math.min(3, decimals)));
  return `${sign}${whole}${fraction ? `,${fraction}` : ''}`;
}

/**
 * part / whole as a percentage with one decimal (or `decimals`), computed from integers
 * (kroner) and rounded half away from zero as formatPercent (Intl) rounds:
 * 1928000 of 5028000 → "38,3 %".
 */
export function formatShare(part: number, whole: number, decimals = 1): string {
  if (whole === 0) return formatPercent(0);
  const p = BigInt(part);
  const w = BigInt(whole);
  const negative = (p < 0n) !== (w < 0n) && p !== 0n;
  const unit = 10n ** BigInt(decimals);
  const n = (p < 0n ? -p : p) * 100n * unit;
  const d = w < 0n ? -w : w;
  const scaled = (2n * n + d) / (2n * d);
  const fraction = decimals > 0 ? `,${String(scaled % unit).padStart(decimals, '0')}` : '';
  return `${negative && scaled !== 0n ? '-' : ''}${THOUSANDS.format(scaled / unit)}${fraction}${NBSP}%`;
}

export function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** "2018-01-01" → "1. januar 2018" (prose). */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}. ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

/** "2018-01-01" → "01.01.2018" (forms, as the LBF template writes it). */
export function formatDateShort(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}
