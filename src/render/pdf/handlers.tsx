import { Fragment, type ComponentType, type ReactNode } from 'react';
import { Link, Text, View, type Styles } from '@react-pdf/renderer';
import type { Definition, Heading, List, Nodes, RootContent, Table } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import { warning, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { columnWidths as sharedWidths } from '../../tree/column-widths.js';
import { keepWhole } from './hyphenation.js';
import { placeOf } from '../../tree/parse-field.js';
import { FootnoteRef, type FootnoteIndex } from './footnotes.js';
import { BODY_GAP, TEXT, styles, type TextSize } from './styles.js';
import { tag, type StructureTag } from './tagging.js';

/** What every handler may read; `warnings` is the one thing they write to. */
export interface Ctx {
  warnings: Diagnostic[];
  footnotes: FootnoteIndex;
  definitions: Map<string, Definition>;
  /** Inside a <Text>: handlers must return strings or Text/Link elements, never Views. */
  inline: boolean;
  /** Last block of a framed container: no bottom margin, the frame's padding is enough. */
  last: boolean;
  /** Space below a paragraph. */
  gap: number;
  /** fontSize and lineHeight of block Texts here (never inherited, see styles.ts). */
  text: TextSize;
  /** Level of the heading the content is under (1: the title), so a field's label is the next level. */
  section?: number;
}

type NodeOf<K extends Nodes['type']> = Extract<Nodes, { type: K }>;
type Handler<N> = (node: N, ctx: Ctx) => ReactNode;
/** One handler per mdast node type: a new node type is a compile error until handled. */
type HandlerMap = { [K in Nodes['type']]: Handler<NodeOf<K>> };

export function warn(ctx: Ctx, node: Nodes, rule: string, message: string): void {
  ctx.warnings.push(warning(rule, message, placeOf(node)));
}

/** The text of a node without formatting (bookmark titles, alt texts). */
export function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value;
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? '';
  if ('children' in node) return node.children.map((child) => plainText(child)).join('');
  return '';
}

export function render(node: Nodes, ctx: Ctx): ReactNode {
  const handler = handlers[node.type] as Handler<Nodes>;
  return handler(node, ctx);
}

/** Phrasing children inside a Text. */
export function inlines(children: readonly Nodes[], ctx: Ctx): ReactNode {
  const inner = { ...ctx, inline: true };
  return children.map((child, i) => <Fragment key={i}>{render(child, inner)}</Fragment>);
}

/** Block children inside a View; the last one is told so (margins collapse into the frame). */
export function blocks(children: readonly Nodes[], ctx: Ctx, framed = false): ReactNode {
  return children.map((child, i) => (
    <Fragment key={i}>{render(child, { ...ctx, inline: false, last: framed && i === children.length - 1 })}</Fragment>
  ));
}

const BR = /^<br\s*\/?>$/i;
const isLineBreak = (node: Nodes): boolean => node.type === 'break' || (node.type === 'html' && BR.test(node.value.trim()));

/**
 * Phrasing content as one Text, or, when it has hard line breaks, one Text per line in a
 * View. (A "\n" run gets no font in react-pdf 4.9, which then names the unembedded
 * default Helvetica in the page resources: not allowed in PDF/A.)
 */
export function textBlock(
  children: readonly Nodes[],
  ctx: Ctx,
  textStyle: Styles[string] | Styles[string][],
  boxStyle: Styles[string] = {},
  structure: { tag?: StructureTag } = {},
  hyphenationCallback?: (word: string) => string[],
): ReactNode {
  const lines: Nodes[][] = [[]];
  for (const child of children) {
    if (isLineBreak(child)) lines.push([]);
    else lines[lines.length - 1]?.push(child);
  }
  const flat = Array.isArray(textStyle) ? textStyle : [textStyle];
  const hyphenation = hyphenationCallback ? { hyphenationCallback } : {};
  if (lines.length === 1) return <Text style={[...flat, boxStyle]} {...structure} {...hyphenation}>{inlines(children, ctx)}</Text>;
  // The lines of one paragraph are one structure element.
  return (
    <View style={boxStyle} {...structure}>
      {lines.map((line, i) => (
        <Text key={i} style={flat} {...hyphenation}>
          {line.length > 0 ? inlines(line, ctx) : '\u00A0'}
        </Text>
      ))}
    </View>
  );
}

const headingStyle = (depth: Heading['depth']): Styles[string] =>
  depth === 1 ? styles.h1 : depth === 2 ? styles.h2 : depth === 3 ? styles.h3 : styles.h4;

/** A heading's structure role: H1 (the title) to H6. */
const headingTag = (depth: number): { tag: StructureTag } => tag(`H${Math.min(6, Math.max(1, depth))}` as 'H1');


function heading(node: Heading, ctx: Ctx): ReactNode {
  // Kept with what follows: no page break within the next ~3 lines after a heading.
  return (
    <Text style={headingStyle(node.depth)} hyphenationCallback={keepWhole} minPresenceAhead={node.depth === 1 ? 40 : 48} {...headingTag(node.depth)}>
      {inlines(node.children, ctx)}
    </Text>
  );
}

function list(node: List, ctx: Ctx): ReactNode {
  const start = node.start ?? 1;
  const itemCtx: Ctx = { ...ctx, inline: false, gap: node.spread ? 4 : 1.5 };
  return (
    <View style={[styles.list, ctx.last ? { marginBottom: 0 } : {}]} {...tag('L')}>
      {node.children.map((item, i) => {
        const task = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : '';
        return (
          <View key={i} style={styles.listItem} {...tag('LI')}>
            <Text style={[ctx.text, styles.listMarker]} {...tag('Lbl')}>{node.ordered ? `${start + i}.` : '•'}</Text>
            <View style={styles.listBody} {...tag('LBody')}>
              {task ? <Text style={ctx.text}>{task}</Text> : null}
              {blocks(item.children, itemCtx)}
            </View>
          </View>
        );
      })}
    </View>
  );
}

/** The body's text width on A4 (points), and an average 9 pt Noto Sans character (bold a little wider). */
const TEXT_WIDTH = 470;
const CELL_CHAR = 5;

/** Column widths as percentages, from the cells' text (tree/column-widths.ts, shared with the DOCX). */
export function columnWidths(texts: readonly (readonly string[])[]): string[] {
  return sharedWidths(texts, { total: TEXT_WIDTH, charWidth: CELL_CHAR, padding: 11 }).map((w) => `${((100 * w) / TEXT_WIDTH).toFixed(4)}%`);
}

/**
 * A row with more characters than this in one cell may be split across pages: at about
 * 75 characters a line in a narrow cell it could otherwise be taller than a page, which
 * react-pdf cuts off at the page's bottom.
 */
const SPLITTABLE_ROW = 1200;
const rowChars = (row: Table['children'][number]): number => Math.max(0, ...row.children.map((cell) => plainText(cell).length));

/** A table's column widths, and a generous estimate of each row's height (points), the header first. */
function measureTable(node: Table): { widths: string[]; heights: number[] } {
  const texts = node.children.map((row) => row.children.map((cell) => plainText(cell)));
  const widths = columnWidths(texts);
  return { widths, heights: texts.map((row) => rowHeight(row, widths)) };
}

/** A generous estimate of a body row's height (points) in cells of these widths. */
function rowHeight(cells: readonly string[], widths: readonly string[]): number {
  const line = TEXT.cell.fontSize * TEXT.cell.lineHeight;
  const lines = cells.map((text, c) => {
    const width = (TEXT_WIDTH * Number.parseFloat(widths[c] ?? '100')) / 100 - 11;
    return Math.max(1, Math.ceil((text.length * CELL_CHAR * 1.1) / Math.max(width, CELL_CHAR)));
  });
  // One line more than the estimate: a cell's <br> (a criterion and its note) starts a line of its own.
  return (Math.max(1, ...lines) + 1) * line + 8;
}

function table(node: Table, ctx: Ctx): ReactNode {
  const columns = Math.max(0, ...node.children.map((row) => row.children.length));
  const cellCtx: Ctx = { ...ctx, inline: true, text: TEXT.cell };
  const { widths, heights } = measureTable(node);
  // The header row keeps at least the first body row with it at a page's bottom.
  const firstRow = heights[1] ?? 0;
  const rows = node.children.map((row, r) => {
    const header = r === 0;
    return (
      // Rows do not split across pages (unless one could be taller than a page); the
      // header row repeats on every page the table spans.
      <View
        key={r}
        style={header ? styles.headerRow : styles.row}
        wrap={!header && rowChars(row) > SPLITTABLE_ROW}
        fixed={header}
        minPresenceAhead={header && firstRow > 0 ? firstRow : undefined}
        {...tag('TR')}
      >
        {Array.from({ length: columns }, (_, c) => {
          const cell = row.children[c];
          const align = node.align?.[c] ?? null;
          return (
            <View key={c} style={[styles.cell, { width: widths[c] ?? '0%' }]} {...(header ? tag('TH', { scope: 'Column' }) : tag('TD'))}>
              {/* A column's heading is a heading: never hyphenated ("Udgangspunkt (base-line)"). */}
              {textBlock(cell?.children ?? [], cellCtx, [TEXT.cell, header ? styles.headerCell : {}, { textAlign: align ?? 'left' }], {}, {}, header ? keepWhole : undefined)}
            </View>
          );
        })}
      </View>
    );
  });
  return <View style={styles.table} {...tag('Table')}>{rows}</View>;
}

function attribute(node: ContainerDirective | LeafDirective | TextDirective, name: string): string {
  const value = node.attributes?.[name];
  return typeof value === 'string' ? value : '';
}

/** Body text: characters a line holds in a field's frame (generous: fewer than fit). */
const LINE_CHARS = 80;
const BODY_LINE = TEXT.body.fontSize * TEXT.body.lineHeight;
/** A field frame's top border and padding, and slack for margins not counted. */
const FRAME_TOP = 6;
const SLACK = 6;

/** Estimated lines of a body paragraph in a field's frame. */
const paragraphLines = (node: Nodes): number => Math.max(1, Math.ceil(plainText(node).length / LINE_CHARS));

/**
 * How much of `node` must stand on the page below a heading or a form label so it does
 * not end the page alone (react-pdf's minPresenceAhead: the room that must be left below
 * an element, else the page breaks before it). A paragraph keeps its first two lines
 * (all of it up to three lines: react-pdf keeps two lines together at each end); a list
 * its first item's; a table its header and first row; a heading its own height plus
 * what it keeps in turn.
 */
export function leadHeight(node: Nodes | undefined): number {
  if (!node) return 0;
  switch (node.type) {
    case 'paragraph': {
      const lines = paragraphLines(node);
      return (lines <= 3 ? lines : 2) * BODY_LINE + SLACK;
    }
    case 'heading':
      return 34 + 2 * BODY_LINE;
    case 'list':
      return leadHeight(node.children[0]?.children[0]) + SLACK;
    case 'blockquote':
      return leadHeight(node.children[0]);
    case 'table': {
      const { heights } = measureTable(node);
      return 2 + heights[0]! + (heights[1] ?? 0) + SLACK;
    }
    case 'containerDirective':
      return node.name === 'felt' ? 20 + leadHeight(node.children[0]) + FRAME_TOP : 2 * BODY_LINE + SLACK;
    case 'code':
      return 2 * 12 + 12;
    default:
      return 2 * BODY_LINE + SLACK;
  }
}

/** A paragraph of nothing but bold text ("**Dyvekeskolen**"): a run-in heading, kept with what follows. */
const isRunInHeading = (node: Nodes): boolean =>
  node.type === 'paragraph' && node.children.length === 1 && node.children[0]!.type === 'strong';

/**
 * A top-level field as page-level pieces: the label, then each block of its content in
 * its own frame segment (side borders; the last closes the frame). Made page-level so
 * footnote placement could start one paragraph on a new page; footnote placement no
 * longer breaks pages (footnotes.tsx, 4.), but the pieces stay: laying a field out as
 * one View would move the page breaks of every agreement, a change of its own.
 * Keys are "<block>.<child>", as `unitKey` gives them.
 */
export function feltUnits(node: ContainerDirective, index: number, ctx: Ctx): Unit[] {
  const label = attribute(node, 'label');
  if (!label) warn(ctx, node, 'pdf/felt-uden-label', 'Et felt (:::felt) mangler attributten label.');
  const inner = { ...ctx, gap: BODY_GAP, inline: false };
  const last = node.children.length - 1;
  // The label heads the field's content: a heading one level below the section's.
  const labelText = (keep?: number) => <Text style={styles.feltLabel} minPresenceAhead={keep} {...headingTag((ctx.section ?? 1) + 1)}>{label}</Text>;
  // A heading or run-in heading inside the field keeps the start of the next block with it.
  const keepNext = (child: Nodes, j: number): number | undefined =>
    j < last && (child.type === 'heading' || isRunInHeading(child)) ? leadHeight(node.children[j + 1]) : undefined;
  const segment = (child: Nodes, j: number) => (
    <View
      style={[styles.feltSegment, j === 0 ? styles.feltFirst : {}, j === last ? styles.feltLast : {}]}
      minPresenceAhead={keepNext(child, j)}
    >
      {render(child, { ...inner, last: j === last })}
    </View>
  );
  if (node.children.length === 0) {
    return [{ key: unitKey(index), node: <View wrap={false}>{labelText()}<View style={[styles.feltSegment, styles.feltFirst, styles.feltLast, styles.feltEmpty]} /></View> }];
  }
  // The label is never left alone at the bottom of a page. With a short first block
  // (most fields: a name, a line, a table of a few rows) label and block move as one;
  // a long one keeps its first lines with the label (minPresenceAhead).
  const first = node.children[0]!;
  const short = blockHeight(first) <= SHORT_BLOCK;
  const head: Unit = short
    // Inside the unbreakable head the first block's own keep-with-next would not reach the
    // page; the head carries it.
    ? { key: unitKey(index), node: <View wrap={false} minPresenceAhead={keepNext(first, 0)}>{labelText()}{segment(first, 0)}</View> }
    : { key: unitKey(index), node: labelText(FRAME_TOP + Math.max(leadHeight(first), 2 * BODY_LINE + SLACK)) };
  return [
    head,
    ...node.children.slice(short ? 1 : 0).map((child, k) => {
      const j = short ? k + 1 : k;
      return { key: unitKey(index, j), node: segment(child, j) };
    }),
  ];
}

/** A block at most this tall (estimated, points) moves to the next page with its label rather than split. */
const SHORT_BLOCK = 160;

/** A generous estimate of a whole block's height (points). */
function blockHeight(node: Nodes): number {
  switch (node.type) {
    case 'paragraph':
      return paragraphLines(node) * BODY_LINE + SLACK;
    case 'list':
      return node.children.reduce((sum, item) => sum + item.children.reduce((h, c) => h + blockHeight(c), 0), 0);
    case 'table':
      return measureTable(node).heights.reduce((sum, h) => sum + h, 2 + SLACK);
    case 'heading':
      return 34;
    default:
      return Number.POSITIVE_INFINITY;
  }
}

/** A page-level piece of the document, with its React key. */
export interface Unit {
  key: string;
  node: ReactNode;
}

/** The key of a top-level block, or of child `child` of a top-level field. */
export const unitKey = (index: number, child?: number): string => (child === undefined ? `${index}` : `${index}.${child}`);

/** A field as a top-level block: `:::felt` directly under the root (then split into units). */
export const isTopLevelFelt = (node: Nodes): node is ContainerDirective => node.type === 'containerDirective' && node.name === 'felt';

/** A field inside another block: the same pieces as at top level, kept together in one View. */
function felt(node: ContainerDirective, ctx: Ctx): ReactNode {
  return <View>{feltUnits(node, -1, ctx).map((unit) => <Fragment key={unit.key}>{unit.node}</Fragment>)}</View>;
}

function signature(node: ContainerDirective, ctx: Ctx): ReactNode {
  const lines = node.children.map((child, i) => (
    <Fragment key={i}>
      {textBlock(child.type === 'paragraph' ? child.children : [{ type: 'text', value: plainText(child) }], ctx, [
        TEXT.body,
        i === 0 ? styles.signatureName : {},
      ])}
    </Fragment>
  ));
  // The row stretches both parties to its height and the lines sit at the bottom, so the
  // date and signature lines of a row share a baseline however the names above wrap.
  return (
    <View style={[styles.signature, { justifyContent: 'space-between' }]}>
      <View>{lines}</View>
      <View>
        <View style={[styles.signatureLine, { height: 26 }]} />
        <Text style={styles.signatureLabel}>{attribute(node, 'dato') || 'Dato'}</Text>
        <View style={styles.signatureLine} />
        <Text style={styles.signatureLabel}>{attribute(node, 'underskrift') || 'Underskrift'}</Text>
      </View>
    </View>
  );
}

function signatures(node: ContainerDirective, ctx: Ctx): ReactNode {
  const parties = node.children.filter(
    (child): child is ContainerDirective => child.type === 'containerDirective' && child.name === 'underskrift',
  );
  for (const child of node.children) {
    if (!(child.type === 'containerDirective' && child.name === 'underskrift')) {
      warn(ctx, child, 'pdf/underskrifter-indhold', 'Kun :::underskrift-blokke vises i en underskriftsblok; andet indhold er udeladt.');
    }
  }
  const rows: ContainerDirective[][] = [];
  for (let i = 0; i < parties.length; i += 2) rows.push(parties.slice(i, i + 2));
  return (
    <View style={styles.signatures}>
      {rows.map((row, r) => (
        // Two parties per row; a row is never split across pages.
        <View key={r} style={styles.signatureRow} wrap={false}>
          {row.map((party, i) => (
            <Fragment key={i}>{signature(party, ctx)}</Fragment>
          ))}
          {row.length === 1 ? <View style={styles.signature} /> : null}
        </View>
      ))}
    </View>
  );
}

/** A link (inline, or wrapped in a Text where it stands as a block). */
function link(url: string, children: readonly Nodes[], ctx: Ctx): ReactNode {
  const content = (
    <Link src={url} style={styles.link}>
      {inlines(children, ctx)}
    </Link>
  );
  return ctx.inline ? content : <Text style={ctx.text}>{content}</Text>;
}

function containerDirective(node: ContainerDirective, ctx: Ctx): ReactNode {
  switch (node.name) {
    case 'felt':
      return felt(node, ctx);
    case 'underskrifter':
      return signatures(node, ctx);
    case 'underskrift':
      // A lone party outside :::underskrifter still gets its block.
      return signatures({ ...node, name: 'underskrifter', children: [node] }, ctx);
    default:
      warn(ctx, node, 'pdf/ukendt-direktiv', `Ukendt blok :::${node.name}; indholdet vises uden layout.`);
      return <View>{blocks(node.children, ctx)}</View>;
  }
}

function leafDirective(node: LeafDirective, ctx: Ctx): ReactNode {
  if (node.name === 'sideskift') {
    // Top-level page breaks are turned into separate <Page>s by toPdf before rendering;
    // one here sits inside another block, where react-pdf cannot break.
    warn(ctx, node, 'pdf/sideskift-placering', '::sideskift virker kun på øverste niveau, ikke inde i en anden blok.');
    return null;
  }
  warn(ctx, node, 'pdf/ukendt-direktiv', `Ukendt blok ::${node.name}; teksten vises uden layout.`);
  return <Text style={[ctx.text, { marginBottom: ctx.gap }]}>{inlines(node.children, ctx)}</Text>;
}

function textDirective(node: TextDirective, ctx: Ctx): ReactNode {
  warn(ctx, node, 'pdf/ukendt-direktiv', `Ukendt tekstdirektiv :${node.name}; teksten vises uden formatering.`);
  const content = inlines(node.children, ctx);
  return ctx.inline ? content : <Text style={ctx.text}>{content}</Text>;
}

/** Text in block context must still sit in a <Text>. */
const textual = (content: ReactNode, ctx: Ctx): ReactNode =>
  ctx.inline ? content : <Text style={[ctx.text, { marginBottom: ctx.last ? 0 : ctx.gap }]}>{content}</Text>;

export const handlers = {
  root: (node, ctx) => blocks(node.children, ctx),
  heading,
  paragraph: (node, ctx) => textBlock(node.children, ctx, ctx.text, { marginBottom: ctx.last ? 0 : ctx.gap }, tag('P')),
  // A soft line break inside a paragraph is a space; hard breaks are `break` nodes.
  text: (node, ctx) => textual(node.value.replace(/[ \t]*\r?\n[ \t]*/g, ' '), ctx),
  emphasis: (node, ctx) => <Text style={styles.emphasis}>{inlines(node.children, ctx)}</Text>,
  strong: (node, ctx) => <Text style={styles.strong}>{inlines(node.children, ctx)}</Text>,
  delete: (node, ctx) => <Text style={styles.delete}>{inlines(node.children, ctx)}</Text>,
  inlineCode: (node, ctx) => textual(<Text style={styles.code}>{node.value}</Text>, ctx),
  // May break across pages: a fence left open in a field runs to the field's end.
  code: (node) => (
    <View style={styles.codeBlock}>
      <Text style={{ fontSize: 9, lineHeight: 1.35 }}>{node.value}</Text>
    </View>
  ),
  blockquote: (node, ctx) => <View style={styles.blockquote} {...tag('BlockQuote')}>{blocks(node.children, ctx, true)}</View>,
  list,
  listItem: (node, ctx) => <View>{blocks(node.children, ctx)}</View>,
  table,
  tableRow: (node, ctx) => <View style={styles.row}>{node.children.map((cell, i) => <Fragment key={i}>{render(cell, ctx)}</Fragment>)}</View>,
  tableCell: (node, ctx) => textBlock(node.children, ctx, TEXT.cell, styles.cell),
  thematicBreak: () => <View style={styles.rule} />,
  break: (_node, ctx) => textual('\n', ctx),
  link: (node, ctx) => link(node.url, node.children, ctx),
  linkReference: (node, ctx) => {
    const definition = ctx.definitions.get(node.identifier);
    return definition ? link(definition.url, node.children, ctx) : textual(inlines(node.children, ctx), ctx);
  },
  image: (node, ctx) => {
    warn(ctx, node, 'pdf/billede', `Billeder vises ikke i PDF'en (${node.url}); alt-teksten vises i stedet.`);
    return textual(`[${node.alt ?? 'billede'}]`, ctx);
  },
  imageReference: (node, ctx) => {
    warn(ctx, node, 'pdf/billede', 'Billeder vises ikke i PDF\'en; alt-teksten vises i stedet.');
    return textual(`[${node.alt ?? 'billede'}]`, ctx);
  },
  // `<br>` is a line break; any other HTML is shown literally, never interpreted.
  html: (node, ctx) => textual(BR.test(node.value.trim()) ? '\n' : node.value, ctx),
  footnoteReference: (node, ctx) => {
    const n = ctx.footnotes.numberOf.get(node.identifier);
    if (n === undefined) return textual(`[^${node.label ?? node.identifier}]`, ctx);
    return textual(<FootnoteRef n={n} />, ctx);
  },
  // Printed at the bottom of the page that references them (see footnotes.tsx).
  footnoteDefinition: () => null,
  // Consumed by linkReference.
  definition: () => null,
  containerDirective,
  leafDirective,
  textDirective,
  yaml: (node, ctx) => {
    warn(ctx, node, 'pdf/yaml', 'YAML-forside (front matter) vises ikke i PDF\'en.');
    return null;
  },
} satisfies HandlerMap;

/** An outline entry. `ref`/`parent` are spread over react-pdf's own ancestry-based ones. */
export interface OutlineEntry {
  title: string;
  ref: string;
  parent?: string;
  fit: true;
  expanded: true;
}

/** react-pdf draws outline entries for any node with `bookmark`; its types only declare it on Page. */
const OutlineText = Text as unknown as ComponentType<{
  bookmark: OutlineEntry;
  style: Styles[string];
  minPresenceAhead: number;
  hyphenationCallback: (word: string) => string[];
  children?: ReactNode;
}>;

/**
 * The top-level blocks of the document, one element per node, flat (react-pdf honours
 * `break` only on a page's direct children, and footnote placement may need to force a
 * break before any block). h2 and h3 headings carry outline entries; the h3 → h2 nesting
 * is given explicitly through `ref`/`parent`, since the elements are siblings.
 */
export function topLevel(nodes: readonly RootContent[], ctx: Ctx): Unit[][] {
  let section: string | undefined;
  let depth = 1;
  return nodes.map((node, i): Unit[] => {
    if (node.type === 'heading') depth = node.depth;
    if (isTopLevelFelt(node)) return feltUnits(node, i, { ...ctx, section: depth });
    return [{ key: unitKey(i), node: topLevelNode(node, i) }];
  });

  function topLevelNode(node: RootContent, i: number): ReactNode {
    if (node.type === 'heading' && (node.depth === 2 || node.depth === 3)) {
      const ref = `outline-${i}`;
      const bookmark: OutlineEntry = {
        title: plainText(node),
        ref,
        parent: node.depth === 3 ? section : undefined,
        fit: true,
        expanded: true,
      };
      if (node.depth === 2) section = ref;
      return (
        <OutlineText bookmark={bookmark} style={headingStyle(node.depth)} hyphenationCallback={keepWhole} minPresenceAhead={Math.max(48, leadHeight(nodes[i + 1]))} {...headingTag(node.depth)}>
          {inlines(node.children, ctx)}
        </OutlineText>
      );
    }
    if (node.type === 'heading' && node.depth === 1) section = undefined;
    // A top-level page break is a new <Page> (see toPdf's pageRuns).
    if (node.type === 'leafDirective' && node.name === 'sideskift') return null;
    return render(node, { ...ctx, inline: false, last: false, section: depth });
  }
}
