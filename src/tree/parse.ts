import { LRUCache } from 'lru-cache';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkDirective from 'remark-directive';
import type { Root } from 'mdast';

/**
 * Markdown (the handlebars output) to the one document tree every renderer consumes.
 * GFM gives tables and footnotes; directives give the layout blocks that Markdown
 * has no syntax for (see ./directives.ts).
 */
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkDirective);

/**
 * The last four documents' Markdown and trees (a watch or preview works on two). Why: a rebuild after an edit to a Markdown
 * field of the content (watch, the editor's preview) renders the same template Markdown
 * again (the field stands there as a placeholder), and so does each document of a
 * rebuild that the edit does not touch. A hit hands out a deep copy, as a new parse
 * would (expandFields changes the tree in place).
 */
const trees = new LRUCache<string, Root>({ max: 4 });

export function parseMarkdown(markdown: string): Root {
  let tree = trees.get(markdown);
  if (tree === undefined) {
    tree = processor.runSync(processor.parse(markdown)) as Root;
    trees.set(markdown, tree);
  }
  return structuredClone(tree);
}
