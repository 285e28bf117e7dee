import type { Niveau } from './types.js';

/** "beboerniveau" → "Beboerniveau": the schema's level values are the words, lower case. */
export function niveauLabel(levels: readonly Niveau[]): string {
  return levels.map((n) => n.charAt(0).toUpperCase() + n.slice(1)).join(', ');
}
