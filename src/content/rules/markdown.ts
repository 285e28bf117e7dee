import { error, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Nodes } from 'mdast';
import { parseField } from '../../tree/parse-field.js';
import { markdownFields } from '../fields.js';
import type { Rule } from './rule.js';

/**
 * Lists and quotes nested deeper than this are refused: Word's numbering has nine
 * levels, and a deeper indent leaves the PDF's text column too narrow to read (at 27
 * levels the lines overprinted).
 */
export const MAX_NESTING = 9;

/**
 * Every Markdown field parsed exactly as the build will parse it (tree/parse-field.ts),
 * so what the build would show differently from what was typed is reported by
 * `validate`, with the field and the character's line:column: links that lose their
 * target, unclosed code fences, footnote definitions inside a text field; and nesting
 * beyond MAX_NESTING, as an error before any layout starts.
 */
export const markdown: Rule = {
  id: 'markdown',
  check(content) {
    const ids = Object.keys(content.fodnoter ?? {});
    const footnotes = ids.join('\0');
    return markdownFields(content).flatMap(({ pointer, text }) => {
      // `delaftale edit` validates after each pause in typing, and one field changes at a time:
      // the fields that did not change are not parsed again (the seed's fields take most of validation).
      const key = `${pointer}\0${footnotes}\0${text}`;
      const known = seen.get(key);
      if (known) return known;
      const parsed = parseField(text, pointer, ids);
      const deep = tooDeep(parsed.children);
      const found = [
        ...parsed.warnings,
        ...(deep ? [error('markdown/indrykning', `punktlister og citater er indlejret ${deep.depth} niveauer dybt; højst ${MAX_NESTING} niveauer kan vises (i Word og PDF)`, { pointer, offset: deep.node.position?.start.offset })] : []),
      ];
      if (seen.size >= SEEN_MAX) seen.delete(seen.keys().next().value!);
      seen.set(key, found);
      return found;
    });
  },
};

/** The findings for a field's text, by pointer, footnote ids and text (the oldest dropped first). */
const seen = new Map<string, Diagnostic[]>();
const SEEN_MAX = 500;

/** The first list or quote nested deeper than MAX_NESTING, with the depth it reaches. */
function tooDeep(nodes: readonly Nodes[]): { node: Nodes; depth: number } | undefined {
  let found: { node: Nodes; depth: number } | undefined;
  let max = 0;
  const walk = (node: Nodes, depth: number): void => {
    const here = node.type === 'list' || node.type === 'blockquote' ? depth + 1 : depth;
    if (here > MAX_NESTING && !found) found = { node, depth: here };
    max = Math.max(max, here);
    if ('children' in node) for (const child of node.children) walk(child as Nodes, here);
  };
  for (const node of nodes) walk(node, 0);
  return found && { node: found.node, depth: max };
}
