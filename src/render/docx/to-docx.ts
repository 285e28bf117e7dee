import { Document, Packer, Paragraph } from 'docx';
import type { Nodes, Paragraph as MdParagraph, Root } from 'mdast';
import type { RenderOptions, Rendered } from '../options.js';
import { Ctx } from './context.js';
import { footer } from './footer.js';
import { render } from './handlers.js';
import { reproducible } from '../../util/ooxml-package.js';
import { suppressHyphenation } from './no-hyphenation.js';
import { STAMP_KEY } from '../../revision/stamp.js';
import { PAGE, STYLE, numbering, styles } from './styles.js';

/**
 * The document tree as a Word document: named styles (Title, Heading 1-3, …), native
 * footnotes, real lists and tables, a footer with page fields, Danish language and
 * hyphenation, core properties. Pure: bytes out, identical for identical input.
 */
/** Styles whose words Word keeps whole (no-hyphenation.ts). */
const WHOLE_WORDS = [STYLE.title, ...STYLE.heading, STYLE.tableHeading, STYLE.fieldLabel, STYLE.signatureName];

export async function toDocx(
  tree: Root,
  options: RenderOptions,
  /** Dispatch for every node; the redline (src/revision/redline.ts) wraps the standard one. */
  renderNode: (node: Nodes, ctx: Ctx) => void = render,
): Promise<Rendered> {
  const ctx = new Ctx(options, tree, renderNode);
  renderNode(tree, ctx);
  const body = ctx.blocks;
  const footnotes = renderFootnotes(ctx);

  const { metadata } = options;
  const doc = new Document({
    title: metadata.title,
    subject: metadata.subject,
    creator: metadata.author,
    lastModifiedBy: metadata.author,
    // '; ' as in the PDF: a keyword (an indsats naming several areas) may hold commas; Word lists tags with ';'.
    keywords: metadata.keywords.join('; '),
    revision: 1,
    // An approved version's stamp (src/revision/stamp.ts), as a custom document property.
    ...(metadata.stamp !== undefined ? { customProperties: [{ name: STAMP_KEY, value: metadata.stamp }] } : {}),
    styles: styles(metadata.language),
    numbering: numbering(ctx.orderedStarts),
    footnotes,
    hyphenation: { autoHyphenation: true, hyphenationZone: 357, consecutiveHyphenLimit: 2 },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, footer: 567, header: 567 },
          },
        },
        footers: { default: footer(options.footer) },
        children: body,
      },
    ],
  });

  const packed = await Packer.toBuffer(doc);
  const bytes = reproducible(
    new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength),
    { date: metadata.date, language: metadata.language },
    { 'word/styles.xml': (xml) => suppressHyphenation(xml, WHOLE_WORDS) },
  );
  return { bytes, warnings: ctx.warnings };
}

/**
 * Native footnotes, ids 1..n in the order of first references (a note referenced again
 * is written once; the later reference is a NOTEREF field to it, see footnote-reference.ts).
 * A note may have several paragraphs; Word's
 * footnote mark is followed by a space, as when Word inserts a note.
 */
function renderFootnotes(ctx: Ctx): Record<string, { children: Paragraph[] }> {
  const notes: Record<string, { children: Paragraph[] }> = {};
  // footnoteOrder can grow while notes render (a reference inside a note).
  for (let i = 0; i < ctx.footnoteOrder.length; i++) {
    const definition = ctx.footnoteDefinitions.get(ctx.footnoteOrder[i]!)!;
    const [first, ...rest] = definition.children;
    const children: Nodes[] =
      first?.type === 'paragraph'
        ? [{ ...first, children: [{ type: 'text', value: ' ' }, ...first.children] } satisfies MdParagraph, ...rest]
        : definition.children;
    const blocks = ctx.blocksOf(children, () => ({ style: STYLE.footnoteText }));
    const paragraphs: Paragraph[] = [];
    for (const block of blocks) {
      if (block instanceof Paragraph) paragraphs.push(block);
      else ctx.warn('docx/ikke-understoettet', `En tabel i fodnote [^${definition.identifier}] kan ikke vises i Word-fodnoter.`, definition);
    }
    notes[String(i + 1)] = { children: paragraphs.length > 0 ? paragraphs : [new Paragraph({ style: STYLE.footnoteText })] };
  }
  const used = new Set(ctx.footnoteOrder);
  for (const [identifier, definition] of ctx.footnoteDefinitions) {
    if (!used.has(identifier)) {
      ctx.warn('docx/fodnote-ubrugt', `Fodnoten [^${definition.label ?? identifier}] bruges ikke i teksten og vises ikke.`, definition);
    }
  }
  return notes;
}
