import { BookmarkEnd, BookmarkStart, FootnoteReferenceRun, TextRun, XmlAttributeComponent, XmlComponent } from 'docx';
import type { Inline } from './context.js';
import { STYLE } from './styles.js';

/**
 * A footnote referenced more than once is one note, as in the PDF: its first reference
 * is Word's footnote mark inside a bookmark, and every later one is Word's own
 * cross-reference to that note, `{ NOTEREF _RefFodnoteN \f \h }`, which Word shows as
 * the note's number formatted as a footnote reference (\f) and links to it (\h). Word
 * keeps the number right when notes are added or moved (after a field update, F9).
 *
 * Bookmark ids are the note ids, not docx's process-wide counter (`Bookmark`), so the
 * same content gives the same bytes in a long-running watch or batch; this renderer
 * writes no other bookmarks.
 */

/** A hidden bookmark name (Word's own cross-references use "_Ref…" names). */
export const noteBookmark = (id: number): string => `_RefFodnote${id}`;

/** The footnote mark of note `id`, inside its bookmark when the note is referenced again later. */
export function footnoteMark(id: number, referencedAgain: boolean): Inline[] {
  const mark = new FootnoteReferenceRun(id);
  if (!referencedAgain) return [mark];
  // BookmarkStart/End are plain elements of the paragraph, beside its runs.
  return [new BookmarkStart(noteBookmark(id), id) as unknown as Inline, mark, new BookmarkEnd(id) as unknown as Inline];
}

/**
 * A NOTEREF field to note `id`, as Word writes an inserted cross-reference: begin,
 * instruction, separate, the current result (the note's number), end, every run in the
 * footnote reference style.
 */
export function footnoteCrossReference(id: number): Inline[] {
  const run = (child: XmlComponent | string) =>
    new TextRun(typeof child === 'string' ? { style: STYLE.footnoteReference, text: child } : { style: STYLE.footnoteReference, children: [child] });
  return [
    run(new FieldChar('begin')),
    run(new InstrText(` NOTEREF ${noteBookmark(id)} \\f \\h `)),
    run(new FieldChar('separate')),
    run(String(id)),
    run(new FieldChar('end')),
  ];
}

class FieldCharAttributes extends XmlAttributeComponent<{ type: string }> {
  protected override readonly xmlKeys = { type: 'w:fldCharType' };
}

class FieldChar extends XmlComponent {
  constructor(type: 'begin' | 'separate' | 'end') {
    super('w:fldChar');
    this.root.push(new FieldCharAttributes({ type }));
  }
}

class SpaceAttributes extends XmlAttributeComponent<{ space: string }> {
  protected override readonly xmlKeys = { space: 'xml:space' };
}

class InstrText extends XmlComponent {
  constructor(instruction: string) {
    super('w:instrText');
    this.root.push(new SpaceAttributes({ space: 'preserve' }), instruction);
  }
}
