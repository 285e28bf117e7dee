import type { Niveau } from './types.js';

/** What every level word ends with; the part before it is what differs. */
const SUFFIX = 'niveau';

/**
 * The levels as Danish writes them in running text, in the content's order, with the
 * shared last part written once (compound ellipsis): "beboerniveau", "beboer- og
 * kvarterniveau", "beboer-, kvarter- og bydelsniveau". The schema's level values are
 * the words, lower case.
 */
export function niveauText(levels: readonly Niveau[]): string {
  const shared = levels.length > 1 && levels.every((n) => n.endsWith(SUFFIX) && n.length > SUFFIX.length);
  const words = levels.map((n, i) => (shared && i < levels.length - 1 ? `${n.slice(0, -SUFFIX.length)}-` : n));
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} og ${words.at(-1)}` : (words[0] ?? '');
}

/** The same as a field value, which starts with a capital: "Beboer- og kvarterniveau". */
export function niveauLabel(levels: readonly Niveau[]): string {
  const text = niveauText(levels);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
