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

export function parseMarkdown(markdown: string): Root {
  return processor.runSync(processor.parse(markdown)) as Root;
}
