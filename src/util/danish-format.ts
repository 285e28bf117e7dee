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
