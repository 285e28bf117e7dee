/**
 * Which characters a delaftale may hold (rule "tegn" and the JSON loader share them).
 *
 * Forbidden everywhere: what XML 1.0, and so a Word file, cannot hold and no reader wants:
 * C0 control characters other than tab, line feed and carriage return; Unicode's
 * noncharacters (U+FDD0–U+FDEF and the last two code points of every plane, U+xFFFE and
 * U+xFFFF); and half a surrogate pair (in a `u` regex a surrogate matches only when unpaired).
 *
 * Invisible: zero-width space, non-joiner and joiner, word joiner, BOM (zero-width no-break
 * space), soft hyphen and the bidi controls (marks, embeddings, overrides, isolates). They
 * belong in some prose, but in a name they make it differ from the one it looks like.
 */
export const FORBIDDEN = /[\0-\x08\x0B\x0C\x0E-\x1F\p{Noncharacter_Code_Point}\uD800-\uDFFF]/gu;
export const INVISIBLE = /[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/gu;

/** Occurrences reported one by one per text; the rest are counted in one more line. */
export const PER_FIELD = 5;

/** "U+200B" */
export function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function forbiddenKind(ch: string): string {
  const c = ch.codePointAt(0)!;
  if (c < 0x20) return 'et styretegn';
  if (c >= 0xd800 && c <= 0xdfff) return 'et halvt tegn: halvdelen af et UTF-16-surrogatpar, fx en emoji, der er skåret over';
  return 'et ikke-tegn, som Unicode aldrig giver en betydning';
}

/** What the forbidden character is, why it cannot stay and what to do. */
export function forbiddenMessage(ch: string, inKey?: string): string {
  const where = inKey === undefined ? '' : ` i feltnavnet ${quote(inKey)}`;
  return `tegnet ${codePoint(ch)} (${forbiddenKind(ch)})${where} kan ikke stå i aftalen: Word-filen er XML, og XML kan ikke rumme det; slet tegnet`;
}

const INVISIBLE_NAMES: [RegExp, string][] = [
  [/\u00AD/, 'blød bindestreg'],
  [/\u200B/, 'mellemrum uden bredde'],
  [/[\u200C\u200D\u2060]/, 'usynlig sammenbinder'],
  [/\uFEFF/, 'byte-ordensmærke, BOM'],
];

export function invisibleName(ch: string): string {
  return INVISIBLE_NAMES.find(([re]) => re.test(ch))?.[1] ?? 'skriveretningstegn';
}

/** Text as a message can show it: forbidden and invisible characters as ⟨U+XXXX⟩. */
export function visible(text: string): string {
  return text.replace(FORBIDDEN, (ch) => `⟨${codePoint(ch)}⟩`).replace(INVISIBLE, (ch) => `⟨${codePoint(ch)}⟩`);
}

/** A text for a message: visible, in quotes, and cut short when it is long. */
export function quote(text: string): string {
  const shown = visible(text);
  return `"${shown.length > 80 ? `${shown.slice(0, 80)}…` : shown}"`;
}

/** Text as it prints: invisible characters gone, whitespace runs as one space, Unicode in NFC. */
export function printed(text: string): string {
  return text.replace(INVISIBLE, '').normalize('NFC').replace(/\s+/gu, ' ').trim();
}
