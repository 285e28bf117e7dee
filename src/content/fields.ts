import { escapePointer } from './load.js';
import type { Delaftale } from './types.js';

/** Every Markdown field of a delaftale with its JSON pointer, in document order. */
export function markdownFields(d: Delaftale): { pointer: string; text: string }[] {
  const out: { pointer: string; text: string }[] = [];
  const add = (pointer: string, text: string | undefined) => {
    if (text !== undefined) out.push({ pointer, text });
  };
  add('/problemkompleks', d.problemkompleks);
  add('/formaal', d.formaal);
  add('/aktiviteterIndledning', d.aktiviteterIndledning);
  add('/medarbejderressourcer/note', d.medarbejderressourcer.note);
  add('/kommunalIndsats', d.kommunalIndsats);
  add('/konflikthaandtering', d.konflikthaandtering);
  add('/revisionAfAftalen', d.revisionAfAftalen);
  d.aktiviteter.forEach((a, i) => {
    add(`/aktiviteter/${i}/indhold`, a.indhold);
    add(`/aktiviteter/${i}/formaal`, a.formaal);
    a.ansvar.forEach((r, j) => add(`/aktiviteter/${i}/ansvar/${j}/tekst`, r.tekst));
  });
  for (const [id, text] of Object.entries(d.fodnoter ?? {})) add(`/fodnoter/${id}`, text);
  return out;
}

/** Every string value in the content with its JSON pointer (for checks that read all text). */
export function stringValues(value: unknown, pointer = ''): { pointer: string; text: string }[] {
  if (typeof value === 'string') return [{ pointer, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringValues(v, `${pointer}/${i}`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => (k === '$schema' ? [] : stringValues(v, `${pointer}/${escapePointer(k)}`)));
  }
  return [];
}

/** Footnote references [^id] in Markdown, in order. */
export function footnoteReferences(markdown: string): string[] {
  return [...markdown.matchAll(/\[\^([^\]\s]+)\](?!:)/g)].map((m) => m[1]!);
}
