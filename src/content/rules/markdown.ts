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
    return markdownFields(content).flatMap(({ pointer, text }) => {
      // parseField keeps its parses (tree/parse-field.ts): a field that did not change since
      // the last validation (`delaftale edit`, watch) is not parsed again.
      const parsed = parseField(text, pointer, ids);
      const deep = tooDeep(parsed.children);
      return [
        ...parsed.warnings,
        ...(deep ? [error('markdown/indrykning', `punktlister og citater er indlejret ${deep.depth} niveauer dybt; højst ${MAX_NESTING} niveauer kan vises (i Word og PDF)`, { pointer, offset: deep.node.position?.start.offset })] : []),
      ];
    });
  },
};

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
