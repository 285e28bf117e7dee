import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import type { Nodes } from 'mdast';
import {
  HeightRule,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  WidthType,
  VerticalAlignTable,
} from 'docx';
import { DIRECTIVES } from '../../tree/directives.js';
import type { Block, Ctx } from './context.js';
import { PAGE, STYLE } from './styles.js';
import { BORDERS, CELL_MARGINS, HEADER_SHADING } from './table.js';

/** The directive's own content, without the `[label]` paragraph remark-directive puts first. */
function content(node: ContainerDirective): Nodes[] {
  return node.children.filter((child) => !(child.type === 'paragraph' && child.data?.directiveLabel));
}

function labelText(node: ContainerDirective): string | undefined {
  const label = node.children.find((child) => child.type === 'paragraph' && child.data?.directiveLabel);
  if (!label || label.type !== 'paragraph') return undefined;
  return label.children.map((c) => ('value' in c ? c.value : '')).join('');
}

function attribute(node: ContainerDirective | LeafDirective, name: string): string | undefined {
  const value = node.attributes?.[name];
  return value === null || value === undefined ? undefined : value;
}

export function containerDirective(node: ContainerDirective, ctx: Ctx): void {
  switch (node.name) {
    case 'felt':
      return felt(node, ctx);
    case 'underskrifter':
      return signatures(node, content(node), ctx);
    case 'underskrift':
      return signatures(node, [node], ctx);
    default:
      unknown(node, ctx);
      ctx.renderAll(node.children);
  }
}

export function leafDirective(node: LeafDirective, ctx: Ctx): void {
  if (node.name === 'sideskift') {
    // The next paragraph starts the new page (page-break-before), so no empty paragraph is left at its top.
    ctx.pendingPageBreak = true;
    return;
  }
  unknown(node, ctx);
  if (node.children.length > 0) ctx.paragraph(node.children);
}

/** Unknown text directives are shown as written, e.g. `:navn[tekst]`, and reported. */
export function textDirective(node: TextDirective, ctx: Ctx): void {
  unknown(node, ctx);
  ctx.inline(ctx.text(`:${node.name}`));
  if (node.children.length > 0) {
    ctx.inline(ctx.text('['));
    ctx.inlinesOf(node.children).forEach((run) => ctx.inline(run));
    ctx.inline(ctx.text(']'));
  }
}

function unknown(node: ContainerDirective | LeafDirective | TextDirective, ctx: Ctx): void {
  const known = (DIRECTIVES as Record<string, string>)[node.name];
  const reason = known
    ? `Direktivet "${node.name}" skal skrives som ${known}, ikke ${node.type}`
    : `Ukendt direktiv "${node.name}" (${node.type})`;
  ctx.warn('docx/ukendt-direktiv', `${reason}; indholdet vises uden layout.`, node);
}

/**
 * `felt`: a field of LBF's aktivitetsskema as a one-column table: a shaded label row
 * (a header row, so it repeats if a long field runs onto the next page, and is kept with
 * the content) over the content. An empty field keeps its label and an empty row to write in.
 */
function felt(node: ContainerDirective, ctx: Ctx): void {
  let label = attribute(node, 'label') ?? labelText(node);
  if (label === undefined) {
    ctx.warn('docx/felt-uden-etiket', 'Et felt mangler attributten label.', node);
    label = '';
  }
  const body = ctx.blocksOf(content(node), () => ({}));
  const width = PAGE.textWidth;
  ctx.table(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: [width],
      layout: TableLayoutType.FIXED,
      borders: BORDERS,
      margins: { ...CELL_MARGINS, top: 60, bottom: 0 },
      rows: [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: [
            new TableCell({
              width: { size: width, type: WidthType.DXA },
              shading: HEADER_SHADING,
              margins: { ...CELL_MARGINS, top: 0, bottom: 0 },
              children: [new Paragraph({ style: STYLE.fieldLabel, children: [ctx.text(label)] })],
            }),
          ],
        }),
        new TableRow({
          // An empty field still offers room to write in.
          ...(body.length > 0 ? {} : { height: { value: 567, rule: HeightRule.ATLEAST } }),
          children: [
            new TableCell({
              width: { size: width, type: WidthType.DXA },
              children: body.length > 0 ? body : [new Paragraph({})],
            }),
          ],
        }),
      ],
    }),
  );
}

/**
 * `underskrifter`: one signature block per party, two parties side by side in a
 * borderless table whose rows never split: name, title and organisation (top-aligned), then
 * in a row of its own, so the lines of both parties line up, a line to write the date on
 * and a line to sign on, each labelled below.
 */
function signatures(node: ContainerDirective, parties: readonly Nodes[], ctx: Ctx): void {
  const blocks: Signature[] = [];
  for (const party of parties) {
    if (party.type !== 'containerDirective' || party.name !== 'underskrift') {
      ctx.warn('docx/underskrifter', 'Kun :::underskrift-blokke hører til i ::::underskrifter; indholdet vises uden layout.', party);
      ctx.render(party, ctx);
      continue;
    }
    blocks.push(signature(party, ctx));
  }
  if (blocks.length === 0) {
    ctx.warn('docx/underskrifter', 'Underskriftsblokken har ingen parter.', node);
    return;
  }
  const half = Math.floor(PAGE.textWidth / 2);
  const gap = 340;
  const empty = (): Signature => ({ party: [new Paragraph({ style: STYLE.signature })], lines: [new Paragraph({ style: STYLE.signature })] });
  const row = (cells: Block[][]) =>
    new TableRow({
      cantSplit: true,
      children: cells.map(
        (children, c) =>
          new TableCell({
            width: { size: half, type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.TOP,
            margins: { top: 0, bottom: 0, left: c === 0 ? 0 : gap, right: c === 0 ? gap : 0 },
            children,
          }),
      ),
    });
  const rows: TableRow[] = [];
  for (let i = 0; i < blocks.length; i += 2) {
    const pair = [blocks[i]!, blocks[i + 1] ?? empty()];
    rows.push(row(pair.map((b) => b.party)), row(pair.map((b) => b.lines)));
  }
  ctx.table(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: [half, PAGE.textWidth - half],
      layout: TableLayoutType.FIXED,
      borders: TableBorders.NONE,
      rows,
    }),
  );
}

interface Signature {
  party: Block[];
  lines: Block[];
}

function signature(node: ContainerDirective, ctx: Ctx): Signature {
  const dato = attribute(node, 'dato');
  const underskrift = attribute(node, 'underskrift');
  if (dato === undefined || underskrift === undefined) {
    ctx.warn('docx/underskrift', 'En underskrift mangler attributten dato eller underskrift; standardteksten bruges.', node);
  }
  let first = true;
  const party = ctx.blocksOf(content(node), () => {
    const props = first ? { style: STYLE.signatureName, spacing: { before: 480 } } : { style: STYLE.signature };
    first = false;
    return props;
  });
  const label = (text: string) => new Paragraph({ style: STYLE.signatureLabel, children: [ctx.text(text)] });
  return {
    party: party.length > 0 ? party : [new Paragraph({ style: STYLE.signature })],
    lines: [
      new Paragraph({ style: STYLE.signatureLine }),
      label(dato ?? 'Dato'),
      new Paragraph({ style: STYLE.signatureLine }),
      label(underskrift ?? 'Underskrift'),
    ],
  };
}
