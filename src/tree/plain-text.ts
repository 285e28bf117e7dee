import type { Nodes, Root } from 'mdast';

/**
 * A document tree as plain text for a form field or a spreadsheet cell: paragraphs
 * separated by a blank line, list items as "• …", table rows as "cell – cell",
 * footnote references as "[n]" with the footnote texts after the field's text.
 */
export function toPlainText(tree: Root): string {
  const notes: string[] = [];
  const numbers = new Map<string, number>();
  const definitions = new Map<string, Nodes>();
  for (const n of tree.children) if (n.type === 'footnoteDefinition') definitions.set(n.identifier, n);

  const inline = (n: Nodes): string => {
    switch (n.type) {
      case 'text': case 'inlineCode': return n.value;
      case 'html': return /^<br\s*\/?>$/i.test(n.value) ? '\n' : n.value;
      case 'break': return '\n';
      case 'footnoteReference': {
        let k = numbers.get(n.identifier);
        if (k === undefined) {
          k = numbers.size + 1;
          numbers.set(n.identifier, k);
          const def = definitions.get(n.identifier);
          notes.push(`[${k}] ${def ? block(def) : ''}`);
        }
        return `[${k}]`;
      }
      default: return 'children' in n ? n.children.map((c) => inline(c as Nodes)).join('') : '';
    }
  };
  const block = (n: Nodes): string => {
    switch (n.type) {
      case 'root': case 'footnoteDefinition': case 'blockquote': case 'containerDirective':
        return n.children.filter((c) => c.type !== 'footnoteDefinition').map((c) => block(c as Nodes)).filter(Boolean).join('\n\n');
      case 'list':
        return n.children.map((item, i) => `${n.ordered ? `${(n.start ?? 1) + i}.` : '•'} ${item.children.map((c) => block(c as Nodes)).join('\n')}`).join('\n');
      case 'table':
        return n.children.map((row) => row.children.map((cell) => inline(cell).replace(/\n/g, ' ')).join(' – ')).join('\n');
      case 'thematicBreak': case 'definition': case 'leafDirective': return '';
      case 'code': return n.value;
      default: return inline(n);
    }
  };
  const text = block(tree);
  return notes.length > 0 ? `${text}\n\n${notes.join('\n')}` : text;
}
