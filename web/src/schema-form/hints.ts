// What the schema does not say but the form needs: which id fields name a person or an
// organisation (so they are chosen from a list), singular names for list items without a
// title, and fields the form does not show. Keyed by JSON pointer with array indexes as '*'.

export type ListName = 'personer' | 'organisationer';

const REFERENCES: Array<[RegExp, ListName]> = [
  [/^\/parter\/\d+$/, 'personer'],
  [/^\/personer\/[^/]+\/organisation$/, 'organisationer'],
  [/^\/aktiviteter\/\d+\/ansvar\/\d+\/kontakt$/, 'personer'],
];

export function referenceList(pointer: string): ListName | undefined {
  return REFERENCES.find(([re]) => re.test(pointer))?.[1];
}

/** Singular for list items whose schema has no title, from the list's title. */
const ITEM_NAMES: Record<string, string> = {
  Stillinger: 'Stilling',
  Boligområder: 'Boligområde',
  'Aftalens parter': 'Part',
  'Tidligere versioner': 'Tidligere version',
  'Målgrupper (portalens liste)': 'Målgruppe',
};

export function itemName(listTitle: string | undefined, itemTitle: string | undefined): string {
  return itemTitle ?? ITEM_NAMES[listTitle ?? ''] ?? 'Punkt';
}

/** Keys the form leaves alone (kept in the value as they are). */
export const HIDDEN = new Set(['/$schema']);

/** Word for a new key in a map, by the map's pointer. */
export function mapKeyLabel(pointer: string): { label: string; add: string; placeholder: string } {
  if (/\/perAar$/.test(pointer)) return { label: 'År', add: 'Tilføj år', placeholder: 'fx 2019' };
  if (pointer === '/personer') return { label: 'Id for ny person', add: 'Tilføj person', placeholder: 'fx karin-holm' };
  if (pointer === '/organisationer') return { label: 'Id for ny organisation', add: 'Tilføj organisation', placeholder: 'fx sof' };
  if (pointer === '/fodnoter') return { label: 'Id for ny fodnote', add: 'Tilføj fodnote', placeholder: 'fx analyse-2021' };
  return { label: 'Id', add: 'Tilføj', placeholder: '' };
}

/** Enum values as labels: first letter upper-case ("landsbyggefonden" → "Landsbyggefonden"). */
export function enumLabel(v: unknown): string {
  const s = String(v);
  return s.charAt(0).toUpperCase() + s.slice(1);
}
