import { error, warning, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { codePoint, FORBIDDEN, forbiddenMessage, INVISIBLE, invisibleName, PER_FIELD, printed, quote, visible } from '../characters.js';
import { markdownFields, stringValues } from '../fields.js';
import { escapePointer } from '../load.js';
import type { Delaftale } from '../types.js';
import type { Rule } from './rule.js';

/**
 * Characters (rule "tegn"; the classes are in ../characters.ts).
 *
 * Errors, in every text and every field name: forbidden characters (C0 controls other than
 * tab and line breaks, noncharacters, half surrogate pairs). `forbiddenCharacters` reads the
 * parsed JSON as it is, so validate runs it before the schema and reports a NUL even in
 * content with other problems. (A raw control character in the file is the loader's; it
 * reports it with the same message.)
 *
 * Warnings, in plain text fields (names, titles, indsats, kilde …; not Markdown): invisible
 * characters, which make a name differ from the one it looks like; and two people or
 * organisations that print the same.
 */

/** Each match of `pattern` in text, the first PER_FIELD one by one and the rest as one count. */
function occurrences(text: string, pattern: RegExp, one: (ch: string, offset: number) => Diagnostic, rest: (count: number, offset: number) => Diagnostic): Diagnostic[] {
  const found = [...text.matchAll(pattern)];
  const out = found.slice(0, PER_FIELD).map((m) => one(m[0], m.index));
  if (found.length > PER_FIELD) out.push(rest(found.length - PER_FIELD, found[PER_FIELD]!.index));
  return out;
}

const more = (count: number, kind: string, where = 'i samme tekst') =>
  `og ${count} ${kind} tegn mere ${where} (kun de første ${PER_FIELD} er vist hver for sig); slet dem`;

/** Every forbidden character in any string value or object key of parsed JSON, with its place. */
export function forbiddenCharacters(value: unknown, pointer = ''): Diagnostic[] {
  if (typeof value === 'string') {
    return occurrences(value, FORBIDDEN,
      (ch, offset) => error('tegn', forbiddenMessage(ch), { pointer, offset }),
      (count, offset) => error('tegn', more(count, 'forbudte'), { pointer, offset }));
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => forbiddenCharacters(v, `${pointer}/${i}`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) => {
      const at = `${pointer}/${escapePointer(key)}`;
      // A key's place is the key itself (no offset: the offset would count in the value).
      const inKey = occurrences(key, FORBIDDEN,
        (ch) => error('tegn', forbiddenMessage(ch, key), { pointer: at }),
        (count) => error('tegn', more(count, 'forbudte', `i feltnavnet ${quote(key)}`), { pointer: at }));
      return [...inKey, ...forbiddenCharacters(v, at)];
    });
  }
  return [];
}

export const tegn: Rule = {
  id: 'tegn',
  check(content) {
    const markdown = new Set(markdownFields(content).map((f) => f.pointer));
    const invisible = stringValues(content).filter((f) => !markdown.has(f.pointer)).flatMap(({ pointer, text }) =>
      occurrences(text, INVISIBLE,
        (ch, offset) => warning(this.id,
          `usynligt tegn ${codePoint(ch)} (${invisibleName(ch)}) i ${quote(text)}; det ses ikke på siden, men gør teksten forskellig fra den, den ligner (søgning, sortering, portalen); slet det`,
          { pointer, offset }),
        (count, offset) => warning(this.id, more(count, 'usynlige'), { pointer, offset })));
    return [
      ...invisible,
      ...lookAlikes(content.personer, 'personer'),
      ...lookAlikes(content.organisationer, 'organisationer'),
    ];
  },
};

/** Entries whose names print the same (after `printed`): a warning at each later one, naming the first. */
function lookAlikes(entries: Delaftale['personer'] | Delaftale['organisationer'], where: 'personer' | 'organisationer'): Diagnostic[] {
  const first = new Map<string, { id: string; navn: string }>();
  const out: Diagnostic[] = [];
  for (const [id, { navn }] of Object.entries(entries)) {
    const key = printed(navn);
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, { id, navn });
      continue;
    }
    const a = `#/${where}/${escapePointer(earlier.id)}/navn`;
    const b = `#/${where}/${escapePointer(id)}/navn`;
    out.push(warning('tegn', earlier.navn === navn
      ? `"${navn}" står to gange under "${where}" (${a} og ${b}); er det den samme, så skriv den én gang og henvis til ét id`
      : `"${visible(navn)}" (${b}) ser på siden ud præcis som "${visible(earlier.navn)}" (${a}), men teksten er forskellig (usynlige tegn, mellemrum eller Unicode-form); skriv navnet ens, eller slå de to sammen, hvis det er den samme`,
    { pointer: `/${where}/${escapePointer(id)}/navn` }));
  }
  return out;
}
