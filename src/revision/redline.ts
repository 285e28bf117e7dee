import { DeletedTextRun, InsertedTextRun, Paragraph, type IParagraphOptions } from 'docx';
import type { Heading, Nodes, Root, Text } from 'mdast';
import type { Ctx } from '../render/docx/context.js';
import { render } from '../render/docx/handlers.js';
import { headingStyle } from '../render/docx/styles.js';
import { toDocx } from '../render/docx/to-docx.js';
import type { RenderOptions } from '../render/options.js';
import { alignLists, similarity, wordDiff, type Segment } from './words.js';

/**
 * The new agreement as a Word document with tracked changes against the old one: the
 * new document tree goes through the ordinary DOCX renderer, whose dispatch is wrapped so
 * that, paragraph by paragraph, changed words become insertions and deletions
 * (w:ins, w:del) the board can accept or reject in Word, a new paragraph is inserted and
 * a paragraph that is gone is shown deleted where it stood.
 *
 * Paragraphs (paragraphs, headings, table cells) of the two trees are aligned in order
 * by their text; a pair that differs but is similar is the same paragraph changed.
 */
export interface Revision {
  author: string;
  /** ISO 8601. */
  date: string;
}

interface Unit {
  node: Nodes;
  texts: Text[];
  text: string;
}

const UNIT = new Set(['paragraph', 'heading', 'tableCell']);

/** Text as the DOCX renderer shows it: a soft line break is a space. */
const shown = (t: Text) => t.value.replace(/[ \t]*\r?\n[ \t]*/g, ' ');

function units(tree: Root): Unit[] {
  const out: Unit[] = [];
  const texts = (node: Nodes, into: Text[]) => {
    if (node.type === 'text') into.push(node);
    else if ('children' in node) for (const c of node.children as Nodes[]) texts(c, into);
  };
  const walk = (node: Nodes) => {
    if (UNIT.has(node.type)) {
      const list: Text[] = [];
      texts(node, list);
      out.push({ node, texts: list, text: list.map(shown).join('') });
      return;
    }
    if ('children' in node) for (const c of node.children as Nodes[]) walk(c);
  };
  walk(tree);
  return out;
}

/** What the wrapped dispatch does differently for some nodes. */
interface Marks {
  /** Per text node: its pieces. */
  pieces: Map<Text, Segment[]>;
  /** Old units shown deleted just before this node. */
  deletedBefore: Map<Nodes, Unit[]>;
  /** Old units shown deleted after the last paragraph. */
  deletedAtEnd: Unit[];
  /** Whole new units: their paragraph mark is inserted too. */
  inserted: Set<Nodes>;
}

function redlineMarks(oldTree: Root, newTree: Root): Marks {
  const marks: Marks = { pieces: new Map(), deletedBefore: new Map(), deletedAtEnd: [], inserted: new Set() };
  const oldUnits = units(oldTree);
  const newUnits = units(newTree);
  let pending: Unit[] = [];
  const flush = (before: Nodes) => {
    if (pending.length === 0) return;
    marks.deletedBefore.set(before, pending);
    pending = [];
  };
  const key = (u: Unit) => `${u.node.type}\u0000${u.text}`;
  for (const a of alignLists(oldUnits, newUnits, key, (x, y) => (x.node.type === y.node.type ? similarity(x.text, y.text) : 0), 0.5, true)) {
    if (a.op === 'removed') {
      pending.push(a.old);
      continue;
    }
    flush(a.new.node);
    if (a.op === 'added') {
      marks.inserted.add(a.new.node);
      for (const t of a.new.texts) marks.pieces.set(t, [{ kind: 'ins', text: shown(t) }]);
    } else if (a.op === 'changed') {
      distribute(wordDiff(a.old.text, a.new.text), a.new.texts, marks.pieces);
    }
  }
  marks.deletedAtEnd = pending;
  return marks;
}

/** Splits a diff of a paragraph's text over the text nodes that make up the new text. */
function distribute(segments: Segment[], texts: Text[], pieces: Map<Text, Segment[]>): void {
  if (texts.length === 0) return;
  const ends: number[] = [];
  let end = 0;
  for (const t of texts) ends.push((end += shown(t).length));
  const lists = texts.map((): Segment[] => []);
  const at = (pos: number) => {
    const i = ends.findIndex((e) => e > pos);
    return i < 0 ? texts.length - 1 : i;
  };
  let pos = 0;
  for (const s of segments) {
    if (s.kind === 'del') {
      lists[at(pos)]!.push(s);
      continue;
    }
    let rest = s.text;
    while (rest.length > 0) {
      const i = at(pos);
      const room = Math.max(1, ends[i]! - pos);
      const piece = rest.slice(0, room);
      lists[i]!.push({ kind: s.kind, text: piece });
      rest = rest.slice(piece.length);
      pos += piece.length;
    }
  }
  texts.forEach((t, i) => pieces.set(t, lists[i]!));
}

/** The DOCX of `newTree` with tracked changes from `oldTree`. */
export async function toRedlineDocx(oldTree: Root, newTree: Root, options: RenderOptions, revision: Revision) {
  const marks = redlineMarks(oldTree, newTree);
  let id = 0;
  const change = () => ({ id: ++id, author: revision.author, date: revision.date });

  const runOptions = (ctx: Ctx, text: string) => {
    const { bold, italics, strike, style, noProof } = ctx.marks;
    return { text, bold, italics, strike, style, noProof };
  };
  const deletedParagraph = (unit: Unit, ctx: Ctx) => {
    const props: Partial<IParagraphOptions> = unit.node.type === 'heading' ? { style: headingStyle((unit.node as Heading).depth) } : {};
    ctx.blocks.push(new Paragraph({
      ...props,
      run: { deletion: change() },
      children: unit.text ? [new DeletedTextRun({ ...runOptions(ctx, unit.text), ...change() })] : [],
    }));
  };

  const renderNode = (node: Nodes, ctx: Ctx): void => {
    for (const unit of marks.deletedBefore.get(node) ?? []) deletedParagraph(unit, ctx);
    if (node.type === 'text') {
      const list = marks.pieces.get(node);
      if (list) {
        for (const p of list) {
          if (p.kind === 'same') ctx.inline(ctx.text(p.text));
          else if (p.kind === 'ins') ctx.inline(new InsertedTextRun({ ...runOptions(ctx, p.text), ...change() }));
          else ctx.inline(new DeletedTextRun({ ...runOptions(ctx, p.text), ...change() }));
        }
        return;
      }
    }
    if (marks.inserted.has(node) && (node.type === 'paragraph' || node.type === 'tableCell' || node.type === 'heading')) {
      const style = node.type === 'heading' ? { style: headingStyle(node.depth) } : {};
      ctx.paragraph(node.children, { ...style, run: { insertion: change() } });
      return;
    }
    render(node, ctx);
    if (node.type === 'root') for (const unit of marks.deletedAtEnd) deletedParagraph(unit, ctx);
  };
  return toDocx(newTree, options, renderNode);
}
