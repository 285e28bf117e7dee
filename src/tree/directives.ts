/**
 * The layout blocks templates may use, as remark-directive syntax. Every renderer
 * must handle each of these; an unknown directive is reported as a warning.
 *
 * - `:::felt{label="Aktivitetsnavn"}` … `:::`  (container) a labelled form field as in
 *   LBF's aktivitetsskema: the label, then the field's content. The label is never left
 *   alone at the bottom of a page.
 * - `::sideskift` (leaf) a page break.
 * - `::::underskrifter` … `::::` (container) holding one `:::underskrift{dato="Dato"
 *   underskrift="Underskrift"}` per party, whose content is the party's name, title and
 *   organisation as paragraphs; the renderer adds a date line and a signature line,
 *   labelled with the two attributes.
 */
export const DIRECTIVES = {
  felt: 'containerDirective',
  sideskift: 'leafDirective',
  underskrifter: 'containerDirective',
  underskrift: 'containerDirective',
} as const;

export type DirectiveName = keyof typeof DIRECTIVES;
