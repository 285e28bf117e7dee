import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  WidthType,
  type ITableBordersOptions,
} from 'docx';
import type { AlignType, Nodes, Table as MdTable, TableCell as MdTableCell, TableRow as MdTableRow } from 'mdast';
import { columnWidths as sharedWidths } from '../../tree/column-widths.js';
import type { Block, Ctx } from './context.js';
import { COLOR, PAGE, STYLE } from './styles.js';

const line = { style: BorderStyle.SINGLE, size: 4, color: COLOR.border } as const;
export const BORDERS: ITableBordersOptions = {
  top: line,
  bottom: line,
  left: line,
  right: line,
  insideHorizontal: line,
  insideVertical: line,
};
export const HEADER_SHADING = { type: ShadingType.CLEAR, color: 'auto', fill: COLOR.headerFill } as const;
export const CELL_MARGINS = { top: 40, bottom: 40, left: 100, right: 100 } as const;

const ALIGN = {
  left: AlignmentType.LEFT,
  right: AlignmentType.RIGHT,
  center: AlignmentType.CENTER,
} as const;

/** Rough width of one character of 10 pt Arial (bold headers a little wider), in twips. */
const CHAR = 110;

/** Column widths in twips over the text width (tree/column-widths.ts). */
export function columnWidths(texts: readonly (readonly string[])[], total = PAGE.textWidth): number[] {
  return sharedWidths(texts, { total, charWidth: CHAR, padding: CELL_MARGINS.left + CELL_MARGINS.right });
}

function plain(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.type === 'html' ? ' ' : node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plain).join('');
  return node.type === 'break' ? ' ' : '';
}

/**
 * A GFM table as a real Word table: full width, borders, a bold shaded header row that
 * repeats on every page, rows that don't split, cell alignment from the delimiter row.
 */
export function table(node: MdTable, ctx: Ctx): void {
  const widths = columnWidths(node.children.map((row) => row.children.map(plain)));
  const rows = node.children.map((row, r) => {
    const header = r === 0;
    return new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: widths.map((width, c) => {
        const align = node.align?.[c];
        return new TableCell({
          width: { size: width, type: WidthType.DXA },
          ...(header ? { shading: HEADER_SHADING } : {}),
          children: cellBlocks(row.children[c], align, header, ctx),
        });
      }),
    });
  });
  ctx.table(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: BORDERS,
      margins: CELL_MARGINS,
      rows,
    }),
  );
}

function cellBlocks(cell: MdTableCell | undefined, align: AlignType | undefined, header: boolean, ctx: Ctx): Block[] {
  const style = header ? STYLE.tableHeading : STYLE.tableText;
  const alignment = align ? ALIGN[align] : undefined;
  const blocks = cell ? ctx.blocksOf([cell], () => ({ style, ...(alignment ? { alignment } : {}) })) : [];
  return blocks.length > 0 ? blocks : [new Paragraph({ style })];
}

/** Rows and cells are laid out by `table`; met anywhere else, their content is still shown. */
export function tableRow(node: MdTableRow, ctx: Ctx): void {
  ctx.renderAll(node.children);
}

export function tableCell(node: MdTableCell, ctx: Ctx): void {
  ctx.paragraph(node.children);
}
