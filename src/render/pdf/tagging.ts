/**
 * The PDF's structure tree (tagged PDF, PDF/UA-1), built while @react-pdf/render draws.
 *
 * react-pdf marks no content. The patch in patches/@react-pdf+render+*.patch calls the
 * hooks of a `Tagger` (set as `ctx.tagging` on the pdfkit document, see pdf-passes.ts) at
 * these points: entering and leaving a node, drawing its background and borders, drawing
 * a Text's lines, drawing a linked run, and drawing a hyphen added at a line break.
 * Everything else lives here, so an upgrade of react-pdf only has to put those calls back.
 *
 * Roles come from the handlers (handlers.tsx) as a `tag` prop holding a `StructureTag`
 * object. @react-pdf/layout copies props shallowly when it splits a node across pages,
 * so every piece of a split paragraph, list or table carries the same object: it is the
 * key of one structure element, and the pieces' content joins that element. Elements are
 * added to their parent when first drawn, so the reading order is the content's order;
 * a page's footnotes (drawn after its body) follow the body text of that page.
 *
 * Artifacts: backgrounds and borders (rules, cell borders, frames), anything inside a
 * node tagged ARTIFACT (the running footer and page number), and a repeated table
 * header (a `fixed` node whose element was already drawn on an earlier page).
 */
import type PDFDocument from 'pdfkit';

export type Role =
  | 'H1' | 'H2' | 'H3' | 'H4' | 'H5' | 'H6'
  | 'P' | 'L' | 'LI' | 'Lbl' | 'LBody'
  | 'Table' | 'TR' | 'TH' | 'TD'
  | 'Note' | 'BlockQuote' | 'Div' | 'Code';

/** A structure role, given to a react-pdf element as its `tag` prop (one object per element). */
export interface StructureTag {
  role: Role | 'Artifact';
  /** Header cells: which cells they head. */
  scope?: 'Column' | 'Row';
  /** Note elements need an ID (PDF/UA-1, 7.9). */
  id?: string;
}

/** Props that give an element a structure role; a new object per element (see above). */
export const tag = (role: Role, extra: Omit<StructureTag, 'role'> = {}): { tag: StructureTag } => ({ tag: { role, ...extra } });

/** Content that is not part of the document's text: running footer, page numbers. */
export const ARTIFACT: { tag: StructureTag } = { tag: { role: 'Artifact' } };

// pdfkit's structure API, as far as it is used here (its typings do not declare it).
interface StructElement {
  add(child: unknown): StructElement;
  end(): void;
  dictionary: { data: Record<string, unknown> };
}
interface TaggedDoc {
  struct(type: string, options?: Record<string, unknown>): StructElement;
  addStructure(element: StructElement): void;
  markContent(tag: string, options?: Record<string, unknown> | null): void;
  markStructureContent(tag: string, options?: Record<string, unknown>): unknown;
  endMarkedContent(): void;
}

/** What the patch reads from a laid-out node. */
interface DrawnNode {
  type: string;
  props?: { tag?: StructureTag; fixed?: boolean };
  style?: Record<string, unknown>;
}

const SOFT_HYPHEN = '\u00AD';
/** Roles whose text is always a paragraph of its own: text straight under them gets a P. */
const CONTAINERS = new Set(['Document', 'Div', 'BlockQuote', 'LBody', 'Note']);
const BORDER_WIDTHS = ['borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth'] as const;

/** Whether react-pdf draws anything for a node's box (renderBackground, renderBorders). */
const decorates = (node: DrawnNode): boolean =>
  Boolean(node.style?.backgroundColor) || BORDER_WIDTHS.some((key) => Number(node.style?.[key] ?? 0) > 0);

/** Link annotation description (PDF/UA-1 asks for /Contents on every annotation). */
const linkContents = (link: string): string => {
  const note = /^#fn-(\d+)$/.exec(link);
  if (note) return `Fodnote ${note[1]}`;
  return link.startsWith('#') ? 'Henvisning i dokumentet' : link;
};

interface Target {
  element: StructElement;
  role: string;
}

/** A node being drawn: its element, or that it is an artifact, or neither (no role). */
type Frame = Partial<Target> & { artifact?: boolean };

export class Tagger {
  private readonly root: StructElement;
  private readonly elements = new Map<StructureTag, Target>();
  private readonly stack: Frame[] = [];
  /** The element of the Text being drawn (undefined: an artifact). */
  private text: Target | undefined;
  /** The element whose marked content is open: the text's, or a Link's inside it. */
  private open: Target | undefined;

  constructor(private readonly doc: TaggedDoc) {
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
  }

  /** The innermost structure element being drawn (the Document at the top). */
  private current(): Target {
    for (let i = this.stack.length - 1; i >= 0; i -= 1) {
      const frame = this.stack[i]!;
      if (frame.element) return { element: frame.element, role: frame.role! };
    }
    return { element: this.root, role: 'Document' };
  }

  private inArtifact(): boolean {
    return this.stack.some((frame) => frame.artifact);
  }

  /** Before a node draws: opens its structure element, if it has a role. */
  enter(node: DrawnNode): void {
    const structure = node.props?.tag;
    if (!structure) return void this.stack.push({});
    const known = this.elements.get(structure);
    // A fixed node drawn again on a later page is a repeated table header.
    if (structure.role === 'Artifact' || this.inArtifact() || (known && node.props?.fixed)) {
      return void this.stack.push({ artifact: true });
    }
    if (known) return void this.stack.push(known);
    const options: Record<string, unknown> = structure.scope ? { scope: structure.scope } : {};
    const element = this.doc.struct(structure.role, options);
    if (structure.id) element.dictionary.data.ID = new String(structure.id);
    this.current().element.add(element);
    const opened = { element, role: structure.role };
    this.elements.set(structure, opened);
    this.stack.push(opened);
  }

  leave(): void {
    this.stack.pop();
  }

  /** A node's background and borders: always artifacts. */
  decoration(node: DrawnNode, draw: () => void): void {
    if (!decorates(node)) return draw();
    this.doc.markContent('Artifact');
    draw();
    this.doc.endMarkedContent();
  }

  /** Before a Text's lines draw: opens marked content for its element (or an artifact). */
  beginText(): void {
    if (this.inArtifact()) {
      this.text = undefined;
      this.doc.markContent('Artifact');
      return;
    }
    let target = this.current();
    // Text not given a role of its own (a signature line, a code block) is a paragraph.
    if (CONTAINERS.has(target.role)) {
      const element = this.doc.struct('P');
      target.element.add(element);
      target = { element, role: 'P' };
    }
    this.text = target;
    this.mark(target);
  }

  endText(): void {
    this.doc.endMarkedContent();
    this.text = undefined;
    this.open = undefined;
  }

  /**
   * Before a linked run draws: a Link element inside the text's element, holding the
   * run's content and (through the returned annotation options) its annotation.
   */
  beginLink(link: string): Record<string, unknown> | undefined {
    if (!this.text) return undefined;
    this.doc.endMarkedContent();
    const element = this.doc.struct('Link');
    this.text.element.add(element);
    this.mark({ element, role: 'Link' });
    return { structParent: element, Contents: new String(linkContents(link)) };
  }

  /**
   * After it drew: ends the Link at once (pdfkit writes the annotation's page from the
   * page current when the element ends) and goes on with the text's element.
   */
  endLink(options: Record<string, unknown> | undefined): void {
    if (!options || !this.text) return;
    this.doc.endMarkedContent();
    (options.structParent as StructElement).end();
    this.mark(this.text);
  }

  /**
   * Where in a run a hyphen react-pdf added at a line break is (its last glyph; lines are
   * marked by markAddedHyphens), or undefined: the patched renderer draws that glyph
   * between beginHyphen and endHyphen.
   */
  hyphenAt(run: { addedHyphen?: boolean; glyphs?: unknown[] }): number | undefined {
    return run.addedHyphen && this.text && run.glyphs?.length ? run.glyphs.length - 1 : undefined;
  }

  /**
   * The added hyphen reads as a soft hyphen: the word is one word to a screen reader or a
   * copy. Its own marked content of the same element, after the text's (not nested in it:
   * poppler's structure reader drops the rest of a sequence after a nested one).
   */
  beginHyphen(): void {
    const owner = this.open!;
    this.doc.endMarkedContent();
    owner.element.add(this.doc.markStructureContent('Span', { actual: SOFT_HYPHEN }));
  }

  endHyphen(): void {
    this.doc.endMarkedContent();
    this.mark(this.open!);
  }

  /** Opens marked content for `target`'s element. */
  private mark(target: Target): void {
    this.open = target;
    target.element.add(this.doc.markStructureContent(target.role));
  }
}

/** Sets up tagging on a pdfkit document created with `tagged: true`; the patched renderer finds it as `ctx.tagging`. */
export function startTagging(doc: InstanceType<typeof PDFDocument>): void {
  (doc as unknown as { tagging: Tagger }).tagging = new Tagger(doc as unknown as TaggedDoc);
}
