import { LRUCache } from 'lru-cache';
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { BlockContent, Definition, FootnoteDefinition, Nodes, Parents, PhrasingContent, Root, RootContent } from 'mdast';
import { escapePointer } from '../content/load.js';
import { warning, type Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * One Markdown field of the content (problemkompleks, an activity's indhold, a footnote
 * …) parsed on its own, never as part of the template's Markdown:
 *
 * - Content is text, templates are structure. Only GFM is read (paragraphs, lists,
 *   emphasis, headings, tables, footnote calls, autolinks). No directives, so "kl. 10:30"
 *   and "1:1-forløb" stay text; no raw HTML, so `<script>` or `<!--` is shown as typed;
 *   no indented code, so a paragraph pasted with a four-space indent stays a paragraph.
 * - A construct left open (a code fence, a list) closes at the end of its field, so
 *   nothing flows into the next field or section.
 * - Links keep their target only for http:, https: and mailto:; any other scheme
 *   (javascript:, data:, file:, a relative path, \\server\share) keeps its text, loses its
 *   target, and is reported.
 * - Every node is tagged with the field's JSON pointer, and positions are the field's
 *   own, so a renderer's warning can name the field and the line:column in the file.
 */

declare module 'mdast' {
  /** What a renderer may read on a node parsed from the content. */
  interface Data {
    /** JSON pointer of the field the node came from, e.g. "/aktiviteter/2/indhold". */
    pointer?: string;
  }
}

export interface ParsedField {
  /** The field's blocks, ready to stand where the template placed the field. */
  children: RootContent[];
  warnings: Diagnostic[];
}

/** Micromark constructs content may not use (see above). */
function contentSyntax(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push({ disable: { null: ['htmlFlow', 'htmlText', 'codeIndented'] } });
}

const processor = unified().use(remarkParse).use(remarkGfm).use(contentSyntax);

/**
 * Longer link targets stay text: react-pdf writes one link annotation per line, each
 * with the whole address, so a 20.000-character URL made a 4 MB PDF.
 */
export const MAX_LINK = 2000;

/** Link schemes that may become live links in the PDF and DOCX. */
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/** The scheme as a reader would see it: browsers ignore tabs, newlines and leading controls. */
function linkScheme(url: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const clean = url.replace(/[\u0000-\u0020\u007f]/g, '');
  return /^([a-z][a-z0-9+.-]*):/i.exec(clean)?.[1]?.toLowerCase();
}

/**
 * Fields parsed before, by pointer, footnote ids and text, least recently used dropped
 * first. Why: validation (every field), each document's preparation (its fields) and the
 * portal records parse the same fields again, and so does every rebuild in watch or the
 * editor's preview, where one keystroke changes one field; Markdown parsing was the
 * largest part of both validating and preparing. The result is a pure function of the
 * three; a hit hands out a deep copy, as a new parse would (callers change the tree:
 * expandFields moves its blocks into the document).
 */
/**
 * Characters of field text kept (with ids and pointer): the seed's fields hold about 40,000,
 * so a few agreements' worth, as the layout caches keep, and a batch stays within its memory.
 */
const MAX_CHARACTERS = 300_000;
const parsedFields = new LRUCache<string, ParsedField>({ maxSize: MAX_CHARACTERS, sizeCalculation: (_, key) => Math.max(1, key.length) });

export function parseField(text: string, pointer: string, footnoteIds: readonly string[] = []): ParsedField {
  const key = `${pointer}\0${footnoteIds.join('\0')}\0\0${text}`;
  let parsed = parsedFields.get(key);
  if (parsed === undefined) {
    parsed = parseFieldAnew(text, pointer, footnoteIds);
    parsedFields.set(key, parsed);
  }
  return structuredClone(parsed);
}

/**
 * `footnoteIds`: the footnotes the content defines. GFM only reads `[^id]` as a
 * footnote call when a definition exists in the same document, so the field is parsed
 * behind stand-in definitions of every id (and a thematic break that ends them), which
 * are dropped again; positions are shifted back to the field's own.
 */
function parseFieldAnew(text: string, pointer: string, footnoteIds: readonly string[]): ParsedField {
  const prefix = footnoteIds.length > 0 ? `${footnoteIds.map((id) => `[^${id}]: .\n`).join('')}\n***\n\n` : '';
  const tree = processor.runSync(processor.parse(prefix + text)) as Root;
  const skip = footnoteIds.length > 0 ? tree.children.findIndex((n) => n.type === 'thematicBreak') + 1 : 0;
  const shift = { offset: prefix.length, line: prefix.split('\n').length - 1 };
  const warnings: Diagnostic[] = [];
  const warn = (node: Nodes, rule: string, message: string) => {
    warnings.push(warning(rule, message, { pointer, offset: node.position?.start.offset }));
  };

  const definitions = new Map<string, Definition>();
  const children = tree.children.slice(skip);
  for (const node of children) collectDefinitions(node, definitions);

  const visit = (node: Nodes): Nodes[] => {
    relocate(node, shift);
    node.data = { ...node.data, pointer };
    if (node.type === 'definition') return [];
    if (node.type === 'footnoteDefinition') {
      warn(node, 'markdown/fodnotedefinition', `En fodnote defineres under "fodnoter", ikke inde i et tekstfelt; "[^${node.label ?? node.identifier}]: …" vises som tekst.`);
      return [literal(node, text, pointer)];
    }
    if (node.type === 'linkReference') {
      const def = definitions.get(node.identifier);
      const link: Nodes = { type: 'link', url: def?.url ?? '', title: def?.title ?? null, children: node.children, position: node.position, data: node.data };
      return visit(link);
    }
    if (node.type === 'link' && node.url.length > MAX_LINK) {
      warn(node, 'markdown/lenke', `Linket er ${node.url.length} tegn langt og bliver ikke et link (højst ${MAX_LINK} tegn: PDF'en gentager adressen på hver linje, linket fylder); teksten vises uden link.`);
      return node.children.flatMap((child) => visit(child));
    }
    const scheme = node.type === 'link' ? linkScheme(node.url) : undefined;
    if (node.type === 'link' && !SAFE_SCHEMES.has(scheme ?? '')) {
      warn(node, 'markdown/lenke', scheme
        ? `Linket til "${node.url}" bliver ikke et link: kun http:, https: og mailto: bliver til links (ikke ${scheme}:). Teksten vises uden link.`
        : `Linket til "${node.url}" bliver ikke et link: kun fulde adresser med http:, https: eller mailto: bliver til links. Teksten vises uden link.`);
      return node.children.flatMap((child) => visit(child));
    }
    if (node.type === 'code' && unclosedFence(node, text)) {
      warn(node, 'markdown/kodeblok', 'En kodeblok (```) bliver ikke lukket; den slutter ved feltets slutning, og resten af feltet vises som kode. Skriv ``` på en linje for sig efter koden, eller fjern ```.');
    }
    if ('children' in node) {
      (node as Parents).children = node.children.flatMap((child) => visit(child)) as Parents['children'];
    }
    return [node];
  };
  return { children: children.flatMap((n) => visit(n)) as RootContent[], warnings };
}

function collectDefinitions(node: Nodes, into: Map<string, Definition>): void {
  if (node.type === 'definition' && !into.has(node.identifier)) into.set(node.identifier, node);
  if ('children' in node) for (const child of node.children) collectDefinitions(child, into);
}

function relocate(node: Nodes, shift: { offset: number; line: number }): void {
  const p = node.position;
  if (!p || shift.offset === 0) return;
  for (const point of [p.start, p.end]) {
    if (point.offset !== undefined) point.offset -= shift.offset;
    point.line -= shift.line;
  }
}

/** A fence is unclosed when its code runs to the field's end and no closing fence is there. */
function unclosedFence(node: Extract<Nodes, { type: 'code' }>, text: string): boolean {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return false;
  const source = text.slice(start, end);
  const fence = /^[ \t]*(`{3,}|~{3,})/.exec(source)?.[1];
  if (!fence) return false;
  const lines = source.trimEnd().split('\n');
  const last = lines.length > 1 ? lines[lines.length - 1]!.trim() : '';
  return !(last.startsWith(fence[0]!.repeat(fence.length)) && /^(`+|~+)$/.test(last));
}

/** A node's source text as one literal paragraph (shown as typed). */
function literal(node: Nodes, text: string, pointer: string): BlockContent {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  const value: PhrasingContent = { type: 'text', value: text.slice(start, end), data: { pointer } };
  return { type: 'paragraph', children: [value], position: node.position, data: { pointer } };
}

/** A footnote of the content as a definition node, its text parsed as a field (its warnings are validate's). */
export function footnoteDefinition(id: string, text: string, footnoteIds: readonly string[]): FootnoteDefinition {
  const parsed = parseField(text, `/fodnoter/${escapePointer(id)}`, footnoteIds);
  return { type: 'footnoteDefinition', identifier: id.toLowerCase(), label: id, children: parsed.children as BlockContent[] };
}

/**
 * Where a renderer's warning about `node` is in the user's file: the field and the
 * character, for nodes parsed from the content. A template's own nodes have no place
 * the user can edit (their line:column would be in the generated Markdown): none.
 */
export function placeOf(node: Nodes): { pointer?: string; offset?: number } {
  const pointer = node.data?.pointer;
  if (pointer === undefined) return {};
  return { pointer, offset: node.position?.start.offset };
}
