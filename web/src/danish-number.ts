// Amounts as a Danish reader writes them: "1.928" (thousands dot), "12,5" (decimal comma).
// Pure functions, unit-tested in danish-number.test.ts.

/** Digits, optionally grouped by dots in threes, optionally a decimal comma. */
const DANISH = /^(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/;

/**
 * What the user typed, as the value to store: a number when it is a Danish number
 * ("2.028" → 2028, "12,5" → 12.5, " 7 " → 7), `undefined` when the field is empty,
 * and otherwise the text exactly as typed ("1.928 kr", "12.5"), so the validator reports
 * it at the field and nothing typed is lost.
 */
export function parseDanishNumber(typed: string): number | string | undefined {
  const text = typed.trim();
  if (text === '') return undefined;
  const m = DANISH.exec(text);
  if (!m) return typed;
  const n = Number(`${m[1]}${(m[2] ?? '').replaceAll('.', '')}${m[3] ? `.${m[3]}` : ''}`);
  return Number.isFinite(n) ? n : typed;
}

/** A number as Danish text: 1928 → "1.928", 12.5 → "12,5", 0.125 → "0,125". */
export function formatDanishNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const plain = String(Math.abs(n));
  if (/e/i.test(plain)) return n.toLocaleString('da-DK', { maximumFractionDigits: 20, useGrouping: true });
  const [whole = '0', fraction] = plain.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, '.');
  return `${n < 0 ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** The text an amount field shows for a stored value (a string kept as typed stays as it is). */
export function displayAmount(value: unknown): string {
  if (typeof value === 'number') return formatDanishNumber(value);
  if (typeof value === 'string') return value;
  return '';
}
