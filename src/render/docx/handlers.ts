import type {} from 'mdast-util-directive';
import { BorderStyle, ExternalHyperlink, Paragraph, TextRun } from 'docx';
import type { Nodes, Paragraph as MdParagraph, PhrasingContent } from 'mdast';
import type { Ctx, ParagraphProps } from './context.js';
import { containerDirective, leafDirective, textDirective } from './directives.js';
import { footnoteCrossReference, footnoteMark } from './footnote-reference.js';
import { table, tableCell, tableRow } from './table.js';
import { BULLET_REF, COLOR, STYLE, headingStyle, listIndent, orderedRef } from './styles.js';

type Handler<K extends Nodes['type']> = (node: Extract<Nodes, { type: K }>, ctx: Ctx) => void;
type Handlers = { [K in Nodes['type']]: Handler<K> };

const BR = /^<br\s*\/?>$/i;
const MAX_LEVEL = 8;

/**
 * One handler per mdast node type. Adding a node type to mdast (or a remark plugin that
 * augments it) is a compile error here until the DOCX renderer says what it does with it.
 */
export const handlers = {
  root: (node, ctx) => ctx.renderAll(node.children),

  // ── Blocks ────────────────────────────────────────────────────────────────
  paragraph: (node, ctx) => ctx.paragraph(node.children),

  heading: (node, ctx) => ctx.paragraph(node.children, { style: headingStyle(node.depth) }),

  thematicBreak: (_node, ctx) => {
    ctx.blocks.push(
      new Paragraph({
        ...ctx.props(),
        spacing: { before: 120, after: 240 },
        border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: COLOR.rule, space: 1 } },
      }),
    );
  },

  blockquote: (node, ctx) => {
    ctx.with({ paragraphProps: () => ({ style: STYLE.quote }) }, () => ctx.renderAll(node.children));
  },

  code: (node, ctx) => {
    const lines = node.value.split(/\r?\n/);
    ctx.blocks.push(
      new Paragraph({
        ...ctx.props({ style: STYLE.code, keepLines: true }),
        children: lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined })),
      }),
    );
  },

  list: (node, ctx) => {
    const level = Math.min(ctx.listLevel + 1, MAX_LEVEL);
    let reference = BULLET_REF;
    let instance: number | undefined;
    if (node.ordered) {
      const start = node.start ?? 1;
      ctx.orderedStarts.add(start);
      reference = orderedRef(start);
      instance = ++ctx.listInstance;
    }
    for (const item of node.children) {
      let first = true;
      const paragraphProps = (): ParagraphProps => {
        if (first) {
          first = false;
          return { numbering: { reference, level, ...(instance === undefined ? {} : { instance }) } };
        }
        // Later paragraphs of an item line up with its text, without a new bullet.
        return { style: STYLE.listParagraph, indent: { left: listIndent(level) } };
      };
      ctx.with({ listLevel: level, paragraphProps }, () => ctx.render(item, ctx));
    }
  },

  listItem: (node, ctx) => {
    const [first, ...rest] = node.children;
    if (typeof node.checked === 'boolean' && first?.type === 'paragraph') {
      const box: PhrasingContent = { type: 'text', value: node.checked ? '☒ ' : '☐ ' };
      const withBox: MdParagraph = { ...first, children: [box, ...first.children] };
      ctx.renderAll([withBox, ...rest]);
    } else {
      ctx.renderAll(node.children);
    }
  },

  table,
  tableRow,
  tableCell,

  html: (node, ctx) => {
    const value = node.value;
    if (BR.test(value.trim())) {
      if (ctx.inlines) ctx.inlines.push(new TextRun({ break: 1 }));
      else ctx.blocks.push(new Paragraph({ ...ctx.props(), children: [] }));
      return;
    }
    // Raw HTML is not interpreted: it is shown as the text it is.
    const lines = value.split(/\r?\n/);
    const runs = lines.map((line, i) => ctx.text(line, { break: i > 0 ? 1 : undefined }));
    if (ctx.inlines) ctx.inlines.push(...runs);
    else ctx.blocks.push(new Paragraph({ ...ctx.props(), children: runs }));
  },

  definition: () => {
    // Consumed by linkReference/imageReference; a definition has no text of its own.
  },

  footnoteDefinition: () => {
    // Rendered as a native footnote where it is referenced (see to-docx.ts).
  },

  yaml: (node, ctx) => {
    ctx.warn('docx/ikke-understoettet', 'YAML-forside (front matter) vises ikke i DOCX.', node);
  },

  containerDirective,
  leafDirective,

  // ── Phrasing ──────────────────────────────────────────────────────────────
  text: (node, ctx) => {
    // A soft line break in Markdown is a space.
    ctx.inline(ctx.text(node.value.replace(/[ \t]*\r?\n[ \t]*/g, ' ')));
  },

  emphasis: (node, ctx) => ctx.inlinesOf(node.children, { italics: true }).forEach((run) => ctx.inline(run)),
  strong: (node, ctx) => ctx.inlinesOf(node.children, { bold: true }).forEach((run) => ctx.inline(run)),
  delete: (node, ctx) => ctx.inlinesOf(node.children, { strike: true }).forEach((run) => ctx.inline(run)),

  inlineCode: (node, ctx) => ctx.inline(ctx.text(node.value, { style: STYLE.codeChar })),

  break: (_node, ctx) => ctx.inline(new TextRun({ break: 1 })),

  link: (node, ctx) => link(node.url, node.children, node, ctx),

  linkReference: (node, ctx) => {
    const definition = ctx.definitions.get(node.identifier);
    if (definition) return link(definition.url, node.children, node, ctx);
    ctx.warn('docx/henvisning-mangler', `Linkdefinitionen "${node.label ?? node.identifier}" findes ikke; vist som tekst.`, node);
    ctx.inline(ctx.text('['));
    ctx.inlinesOf(node.children).forEach((run) => ctx.inline(run));
    ctx.inline(ctx.text(']'));
  },

  image: (node, ctx) => image(node.alt, node.url, node, ctx),

  imageReference: (node, ctx) => image(node.alt, ctx.definitions.get(node.identifier)?.url ?? node.identifier, node, ctx),

  footnoteReference: (node, ctx) => {
    if (!ctx.footnoteDefinitions.has(node.identifier)) {
      ctx.warn('docx/fodnote-mangler', `Fodnoten [^${node.label ?? node.identifier}] har ingen definition; vist som tekst.`, node);
      ctx.inline(ctx.text(`[^${node.label ?? node.identifier}]`));
      return;
    }
    // One note per footnote, as in the PDF: a later reference is a cross-reference to the first.
    const known = ctx.footnoteIds.get(node.identifier);
    if (known !== undefined) return ctx.inlineAll(footnoteCrossReference(known));
    const id = ctx.footnoteOrder.push(node.identifier);
    ctx.footnoteIds.set(node.identifier, id);
    ctx.inlineAll(footnoteMark(id, (ctx.footnoteReferenceCounts.get(node.identifier) ?? 0) > 1));
  },

  textDirective,
} satisfies Handlers;

export function render(node: Nodes, ctx: Ctx): void {
  (handlers[node.type] as (node: Nodes, ctx: Ctx) => void)(node, ctx);
}

function link(url: string, children: readonly Nodes[], node: Nodes, ctx: Ctx): void {
  const runs = ctx.inlinesOf(children, { style: STYLE.hyperlink, noProof: true });
  if (!url || url.startsWith('#')) {
    ctx.warn('docx/intern-henvisning', `Interne henvisninger (${url || 'tom adresse'}) bliver ikke til links i DOCX; teksten vises.`, node);
    runs.forEach((run) => ctx.inline(run));
    return;
  }
  ctx.inline(new ExternalHyperlink({ link: url, children: runs }));
}

function image(alt: string | null | undefined, url: string, node: Nodes, ctx: Ctx): void {
  ctx.warn('docx/ikke-understoettet', `Billedet ${url} indsættes ikke i DOCX; dets alternative tekst vises.`, node);
  ctx.inline(ctx.text(`[${alt || url}]`, { italics: true }));
}
