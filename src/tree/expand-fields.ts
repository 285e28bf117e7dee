import type { Nodes, Parents, PhrasingContent, Root, RootContent } from 'mdast';
import type { TextDirective } from 'mdast-util-directive';
import { parseField } from './parse-field.js';
import { toPlainText } from './plain-text.js';

/**
 * Where a template places a Markdown field of the content, the view model writes a
 * placeholder, `:felttekst{felt="/json/pointer"}`, instead of the field's text. The
 * template's Markdown (structure: headings, tables, layout directives) is parsed first;
 * then each placeholder is replaced by its field, parsed on its own (parse-field.ts). So
 * nothing a user types can open a directive, raw HTML or a code fence that spills into
 * the template around it.
 */
export const FIELD_DIRECTIVE = 'felttekst';

export function fieldPlaceholder(pointer: string): string {
  return `:${FIELD_DIRECTIVE}{felt="${pointer}"}`;
}

const isPlaceholder = (node: Nodes): node is TextDirective => node.type === 'textDirective' && node.name === FIELD_DIRECTIVE;
const isBlank = (node: Nodes): boolean => node.type === 'text' && node.value.trim() === '';

/**
 * Replaces every placeholder in `tree` (in place) with the field it names.
 * A placeholder alone in its paragraph (how templates place fields) becomes the field's
 * blocks; one inside a sentence becomes the field's text run in, its paragraphs joined
 * by line breaks. An unknown pointer is a template error.
 */
export function expandFields(tree: Root, fields: ReadonlyMap<string, string>, footnoteIds: readonly string[]): Root {
  const parsed = new Map<string, RootContent[]>();
  const blocksOf = (node: TextDirective): RootContent[] => {
    const pointer = node.attributes?.felt ?? '';
    let blocks = parsed.get(pointer);
    if (!blocks) {
      const text = fields.get(pointer);
      if (text === undefined) throw new Error(`skabelonen henviser til feltet "${pointer}", som ikke er et Markdown-felt i indholdet`);
      blocks = parseField(text, pointer, footnoteIds).children;
      parsed.set(pointer, blocks);
    }
    // A field placed twice (agreement body and a sheet) gets its own copy each time.
    return structuredClone(blocks);
  };

  const walk = (parent: Parents): void => {
    const out: Nodes[] = [];
    for (const child of parent.children as Nodes[]) {
      if (child.type === 'paragraph') {
        const real = child.children.filter((c) => !isBlank(c));
        if (real.length === 1 && isPlaceholder(real[0]!)) {
          out.push(...blocksOf(real[0]!));
          continue;
        }
      }
      if (isPlaceholder(child)) {
        out.push(...runIn(blocksOf(child)));
        continue;
      }
      if ('children' in child) walk(child);
      out.push(child);
    }
    (parent as { children: Nodes[] }).children = out;
  };
  walk(tree);
  return tree;
}

/** A field's blocks as phrasing content: paragraphs joined by hard line breaks. */
function runIn(blocks: RootContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const block of blocks) {
    if (out.length > 0) out.push({ type: 'break' });
    if (block.type === 'paragraph' || block.type === 'heading') out.push(...block.children);
    else out.push({ type: 'text', value: toPlainText({ type: 'root', children: [block] }) });
  }
  return out;
}
