import { LineRuleType, PageBreak, Paragraph, Table, TextRun, type IParagraphOptions, type ParagraphChild } from 'docx';
import type { Definition, FootnoteDefinition, Node, Nodes, Root } from 'mdast';
import { warning, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { placeOf } from '../../tree/parse-field.js';
import type { RenderOptions } from '../options.js';
import { STYLE } from './styles.js';

const isHeading = (style: string | undefined) =>
  style === STYLE.title || (STYLE.heading as readonly string[]).includes(style ?? '');

export type Block = Paragraph | Table;
export type Inline = ParagraphChild;

/** Character formatting inherited by nested phrasing (emphasis inside strong, a link's text, …). */
export interface Marks {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  /** Character style id. */
  style?: string;
  /** "Do not check spelling or grammar": Word then also never hyphenates it (URLs, e-mail addresses). */
  noProof?: boolean;
}

/** Paragraph properties a container (list item, quote, table cell, footnote) gives its paragraphs. */
export type ParagraphProps = Omit<IParagraphOptions, 'children' | 'text'>;

/**
 * The renderer's state while it walks the tree, like a writer monad: handlers emit blocks
 * into the current block sink and runs into the current inline sink; containers swap the
 * sinks and the paragraph defaults while their children render.
 */
export class Ctx {
  readonly warnings: Diagnostic[] = [];
  /** Footnote definitions by identifier, and the ids given to references in reference order. */
  readonly footnoteDefinitions = new Map<string, FootnoteDefinition>();
  /** Identifier of footnote id i+1: ids follow the order of first references, one note per identifier. */
  readonly footnoteOrder: string[] = [];
  /** Footnote id by identifier, once its first reference is written; a later reference is a NOTEREF to it. */
  readonly footnoteIds = new Map<string, number>();
  /** How many references each footnote has in the tree (body and notes); more than one gets a bookmark. */
  readonly footnoteReferenceCounts = new Map<string, number>();
  readonly definitions = new Map<string, Definition>();
  /** Start values of the ordered lists, one numbering definition each. */
  readonly orderedStarts = new Set<number>([1]);
  listInstance = 0;
  listLevel = -1;

  blocks: Block[] = [];
  inlines: Inline[] | undefined;
  marks: Marks = {};
  /** Gives the next paragraph its container's properties (called once per paragraph). */
  paragraphProps: () => ParagraphProps = () => ({});
  /** A `sideskift` waiting for the next block: a paragraph takes it as page-break-before. */
  pendingPageBreak = false;

  constructor(
    readonly options: RenderOptions,
    tree: Root,
    /** Dispatches one node to its handler (injected to keep handlers and context acyclic). */
    readonly render: (node: Nodes, ctx: Ctx) => void,
  ) {
    collect(tree, (node) => {
      if (node.type === 'footnoteDefinition') {
        if (!this.footnoteDefinitions.has(node.identifier)) this.footnoteDefinitions.set(node.identifier, node);
      } else if (node.type === 'footnoteReference') {
        this.footnoteReferenceCounts.set(node.identifier, (this.footnoteReferenceCounts.get(node.identifier) ?? 0) + 1);
      } else if (node.type === 'definition') {
        if (!this.definitions.has(node.identifier)) this.definitions.set(node.identifier, node);
      }
    });
  }

  warn(rule: string, message: string, node?: Node): void {
    this.warnings.push(warning(rule, message, node ? placeOf(node as Nodes) : {}));
  }

  /** Runs `fn` with some fields replaced, then puts them back. */
  with<T>(patch: Partial<Pick<Ctx, 'blocks' | 'inlines' | 'marks' | 'paragraphProps' | 'listLevel'>>, fn: () => T): T {
    const saved = {
      blocks: this.blocks,
      inlines: this.inlines,
      marks: this.marks,
      paragraphProps: this.paragraphProps,
      listLevel: this.listLevel,
    };
    Object.assign(this, patch);
    try {
      return fn();
    } finally {
      Object.assign(this, saved);
    }
  }

  renderAll(nodes: readonly Nodes[]): void {
    for (const node of nodes) this.render(node, this);
  }

  /** Renders flow content into a fresh list of blocks. */
  blocksOf(nodes: readonly Nodes[], paragraphProps: () => ParagraphProps = this.paragraphProps): Block[] {
    const blocks: Block[] = [];
    this.with({ blocks, inlines: undefined, paragraphProps }, () => this.renderAll(nodes));
    return blocks;
  }

  /** Renders phrasing content into runs, with extra marks. */
  inlinesOf(nodes: readonly Nodes[], marks: Marks = {}): Inline[] {
    const inlines: Inline[] = [];
    this.with({ inlines, marks: { ...this.marks, ...marks } }, () => this.renderAll(nodes));
    return inlines;
  }

  /** Properties for the next paragraph: the container's, plus a pending page break. */
  props(extra: ParagraphProps = {}): ParagraphProps {
    let props: ParagraphProps = { ...this.paragraphProps(), ...extra };
    // Word has no space below a table: the paragraph after one keeps its distance instead.
    if (this.blocks.at(-1) instanceof Table && props.spacing === undefined && !isHeading(props.style)) {
      props = { ...props, spacing: { before: 200 } };
    }
    if (this.pendingPageBreak) {
      this.pendingPageBreak = false;
      return { ...props, pageBreakBefore: true };
    }
    return props;
  }

  /** Before a table: a pending page break can't ride on a paragraph, so it gets its own. */
  flushPageBreak(): void {
    if (!this.pendingPageBreak) return;
    this.pendingPageBreak = false;
    this.blocks.push(new Paragraph({ children: [new PageBreak()], spacing: { before: 0, after: 0 } }));
  }

  /**
   * Adds a table. Two tables in a row would be merged into one by Word and LibreOffice,
   * so a small spacer paragraph goes between them (what Word itself keeps there).
   */
  table(table: Table): void {
    this.flushPageBreak();
    if (this.blocks.at(-1) instanceof Table) {
      this.blocks.push(new Paragraph({ spacing: { before: 0, after: 0, line: 160, lineRule: LineRuleType.EXACT } }));
    }
    this.blocks.push(table);
  }

  /** A paragraph of phrasing content in the current block sink. */
  paragraph(nodes: readonly Nodes[], extra: ParagraphProps = {}): void {
    const children = this.inlinesOf(nodes);
    this.blocks.push(new Paragraph({ ...this.props(extra), children }));
  }

  /** Text run carrying the current marks. */
  text(text: string, extra: ConstructorParameters<typeof TextRun>[0] & object = {}): TextRun {
    const { bold, italics, strike, style, noProof } = this.marks;
    return new TextRun({ text, bold, italics, strike, style, noProof, ...extra });
  }

  /** Adds an inline; outside a paragraph it becomes its own paragraph. */
  inline(run: Inline): void {
    this.inlineAll([run]);
  }

  /** Adds inlines that belong together (a field's runs); outside a paragraph they become one paragraph. */
  inlineAll(runs: Inline[]): void {
    if (this.inlines) this.inlines.push(...runs);
    else this.blocks.push(new Paragraph({ ...this.props(), children: runs }));
  }
}

function collect(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children as Nodes[]) collect(child, visit);
}
