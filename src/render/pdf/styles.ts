import { StyleSheet } from '@react-pdf/renderer';
import { FONT_STACK } from './fonts.js';

/** A4 in points; margins in mm converted (1 mm = 72 / 25.4 pt). */
const mm = (value: number): number => (value * 72) / 25.4;

export const COLORS = {
  text: '#1a1a1a',
  muted: '#5c6670',
  rule: '#9aa5b1',
  lightRule: '#c9d1d9',
  shade: '#e9edf1',
  labelShade: '#f1f4f7',
  link: '#1f4e79',
} as const;

export const BODY_GAP = 6;

/**
 * Text sizes. react-pdf 4.9 resolves a unitless lineHeight against the node's own
 * fontSize and, when a page `layout` is used, resolves inherited values again on every
 * relayout (a lineHeight set on the Page or a View grows with each pass). So every block
 * Text states its own fontSize and lineHeight, and no View or Page sets lineHeight.
 */
export const TEXT = {
  body: { fontSize: 10, lineHeight: 1.4 },
  cell: { fontSize: 9, lineHeight: 1.3 },
  note: { fontSize: 8, lineHeight: 1.3 },
  small: { fontSize: 8, lineHeight: 1.3 },
} as const;
export type TextSize = (typeof TEXT)[keyof typeof TEXT];

export const styles = StyleSheet.create({
  page: {
    fontFamily: [...FONT_STACK],
    fontSize: 10,
    color: COLORS.text,
    paddingTop: mm(20),
    paddingLeft: mm(22),
    paddingRight: mm(22),
    paddingBottom: mm(12),
  },
  frame: { flexGrow: 1 },
  flow: { flexGrow: 1 },
  h1: { fontSize: 19, fontWeight: 700, lineHeight: 1.25, marginBottom: 12 },
  h2: {
    fontSize: 13.5,
    fontWeight: 700,
    lineHeight: 1.3,
    marginTop: 14,
    marginBottom: 6,
    paddingBottom: 2,
    borderBottomWidth: 0.75,
    borderBottomColor: COLORS.lightRule,
  },
  h3: { fontSize: 11.5, fontWeight: 700, lineHeight: 1.3, marginTop: 10, marginBottom: 4 },
  h4: { fontSize: 10.5, lineHeight: 1.3, fontWeight: 700, marginTop: 8, marginBottom: 3 },
  strong: { fontWeight: 700 },
  emphasis: { fontStyle: 'italic' },
  delete: { textDecoration: 'line-through' },
  code: { backgroundColor: COLORS.labelShade, fontSize: 9 },
  codeBlock: {
    backgroundColor: COLORS.labelShade,
    padding: 6,
    marginBottom: BODY_GAP,
  },
  link: { color: COLORS.link, textDecoration: 'none' },
  footnoteLink: { color: COLORS.text, textDecoration: 'none' },
  footnoteRef: { fontSize: 7, verticalAlign: 'super', color: COLORS.text, textDecoration: 'none' },
  blockquote: {
    borderLeftWidth: 2,
    borderLeftColor: COLORS.lightRule,
    paddingLeft: 8,
    marginBottom: BODY_GAP,
    color: COLORS.muted,
  },
  rule: { borderBottomWidth: 0.75, borderBottomColor: COLORS.rule, marginTop: 4, marginBottom: 10 },
  list: { marginBottom: BODY_GAP },
  listItem: { flexDirection: 'row' },
  listMarker: { width: 16, textAlign: 'left' },
  listBody: { flexGrow: 1, flexShrink: 1, flexBasis: 0 },
  table: {
    borderTopWidth: 0.75,
    borderLeftWidth: 0.75,
    borderColor: COLORS.rule,
    marginTop: 2,
    marginBottom: 10,
  },
  row: { flexDirection: 'row' },
  headerRow: { flexDirection: 'row', backgroundColor: COLORS.shade },
  cell: {
    borderRightWidth: 0.75,
    borderBottomWidth: 0.75,
    borderColor: COLORS.rule,
    paddingVertical: 3.5,
    paddingHorizontal: 5,
  },
  headerCell: { fontWeight: 700 },
  feltLabel: {
    fontWeight: 700,
    ...TEXT.cell,
    backgroundColor: COLORS.labelShade,
    borderWidth: 0.75,
    borderColor: COLORS.rule,
    borderBottomWidth: 0,
    paddingVertical: 3,
    paddingHorizontal: 6,
  },
  feltSegment: {
    borderLeftWidth: 0.75,
    borderRightWidth: 0.75,
    borderColor: COLORS.rule,
    paddingHorizontal: 6,
  },
  feltFirst: { borderTopWidth: 0.75, paddingTop: 5 },
  feltLast: { borderBottomWidth: 0.75, paddingBottom: 5, marginBottom: 8 },
  feltEmpty: { minHeight: 26 },
  signatures: { marginTop: 18 },
  signatureRow: { flexDirection: 'row', justifyContent: 'space-between', marginBottom: 18 },
  signature: { width: '46%' },
  signatureName: { fontWeight: 700 },
  signatureLine: { borderBottomWidth: 0.75, borderBottomColor: COLORS.text, height: 30 },
  signatureLabel: { ...TEXT.small, color: COLORS.muted, marginTop: 2 },
  footnotes: { paddingTop: 6 },
  footnoteRule: { width: 110, borderTopWidth: 0.5, borderTopColor: COLORS.text, marginBottom: 4 },
  footnote: { flexDirection: 'row', marginBottom: 2 },
  footnoteNumber: { ...TEXT.note, width: 12 },
  footnoteBody: { flexGrow: 1, flexShrink: 1, flexBasis: 0 },
  footer: {
    flexDirection: 'row',
    justifyContent: 'space-between',
    marginTop: 10,
    paddingTop: 4,
    borderTopWidth: 0.5,
    borderTopColor: COLORS.lightRule,
  },
  // One line beside the page number, whatever the names: cut with "…" (the content's kortnavn keeps it short).
  footerText: { ...TEXT.small, color: COLORS.muted, flexShrink: 1, paddingRight: 12, flexGrow: 1, flexBasis: 0, maxLines: 1, textOverflow: 'ellipsis' },
  footerPage: { ...TEXT.small, color: COLORS.muted, flexShrink: 0 },
});
