import {
  AlignmentType,
  BorderStyle,
  LevelFormat,
  LineRuleType,
  convertMillimetersToTwip,
  type ILevelsOptions,
  type INumberingOptions,
  type IStylesOptions,
} from 'docx';

/**
 * The Word look of a delaftale: page, fonts, paragraph and character styles, list
 * numbering. Word users edit the file, so everything is a named style they can change
 * once (built-in names where Word has one: Title, Heading 1-3, List Paragraph, Quote,
 * footnote text, footer), not direct formatting sprinkled over paragraphs.
 */

/** Arial: on every Windows/Mac Word, metric-compatible Liberation Sans on Linux/LibreOffice. */
export const FONT = 'Arial';
export const MONO_FONT = 'Consolas';
/** Half-points. */
export const BODY_SIZE = 20;
export const SMALL_SIZE = 16;

export const COLOR = {
  heading: '1F3864',
  muted: '595959',
  rule: '8C8C8C',
  border: '8C8C8C',
  headerFill: 'DCE3EE',
} as const;

/** A4 portrait with 25 mm margins. */
export const PAGE = {
  width: 11906,
  height: 16838,
  margin: convertMillimetersToTwip(25),
  get textWidth(): number {
    return this.width - 2 * this.margin;
  },
};

/** Style ids used by the handlers. Built-in ids where Word has the style. */
export const STYLE = {
  title: 'Title',
  heading: ['Heading1', 'Heading2', 'Heading3', 'Heading4', 'Heading5'],
  listParagraph: 'ListParagraph',
  quote: 'Quote',
  footnoteText: 'FootnoteText',
  /** Word's footnote mark style (docx names it so), also for NOTEREF cross-references to a note. */
  footnoteReference: 'FootnoteReference',
  footer: 'Footer',
  code: 'Kode',
  codeChar: 'KodeTegn',
  tableText: 'Tabeltekst',
  tableHeading: 'Tabeloverskrift',
  fieldLabel: 'Feltetiket',
  signature: 'Underskrift',
  signatureName: 'Underskriftsnavn',
  signatureLine: 'Underskriftslinje',
  signatureLabel: 'Underskriftsetiket',
  hyperlink: 'Hyperlink',
} as const;

/** mdast heading depth (1-6) to the paragraph style id. h1 is the document title. */
export function headingStyle(depth: number): string {
  if (depth <= 1) return STYLE.title;
  return STYLE.heading[Math.min(depth - 2, STYLE.heading.length - 1)] ?? STYLE.heading[0];
}

const heading = (size: number, before: number, after: number, outlineLevel: number, italics = false) => ({
  run: { font: FONT, size, bold: true, italics, color: COLOR.heading },
  paragraph: {
    spacing: { before, after },
    keepNext: true,
    keepLines: true,
    outlineLevel,
  },
});

export function styles(language: string): IStylesOptions {
  return {
    default: {
      document: {
        run: { font: FONT, size: BODY_SIZE, language: { value: language } },
        paragraph: { spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO } },
      },
      // Word's own Heading 1-9 have outline levels 0-8 that Word won't let users change,
      // so the title shares level 0 with Heading 1: both show in the navigation pane and a TOC.
      title: {
        run: { font: FONT, size: 40, bold: true, color: COLOR.heading },
        paragraph: { spacing: { before: 0, after: 360 }, keepNext: true, keepLines: true, outlineLevel: 0 },
      },
      heading1: heading(28, 360, 120, 0),
      heading2: heading(24, 240, 80, 1),
      heading3: heading(BODY_SIZE, 200, 60, 2),
      heading4: heading(BODY_SIZE, 160, 40, 3, true),
      heading5: heading(BODY_SIZE, 160, 40, 4, true),
      listParagraph: {
        paragraph: { spacing: { after: 120 }, contextualSpacing: true },
      },
      footnoteText: {
        run: { size: SMALL_SIZE },
        paragraph: { spacing: { after: 40, line: 240, lineRule: LineRuleType.AUTO } },
      },
      footnoteReference: { run: { superScript: true } },
    },
    paragraphStyles: [
      {
        id: STYLE.quote,
        name: 'Quote',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { italics: true, color: COLOR.muted },
        paragraph: {
          indent: { left: 567, right: 567 },
          border: { left: { style: BorderStyle.SINGLE, size: 12, color: COLOR.rule, space: 8 } },
        },
      },
      {
        id: STYLE.footer,
        name: 'footer',
        basedOn: 'Normal',
        run: { size: SMALL_SIZE, color: COLOR.muted },
        paragraph: {
          spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO },
          border: { top: { style: BorderStyle.SINGLE, size: 4, color: COLOR.rule, space: 4 } },
        },
      },
      {
        id: STYLE.code,
        name: 'Kode',
        basedOn: 'Normal',
        run: { font: MONO_FONT, size: 18 },
        paragraph: { spacing: { after: 120, line: 240, lineRule: LineRuleType.AUTO }, indent: { left: 284 } },
      },
      {
        id: STYLE.tableText,
        name: 'Tabeltekst',
        basedOn: 'Normal',
        quickFormat: true,
        paragraph: { spacing: { before: 40, after: 40, line: 240, lineRule: LineRuleType.AUTO } },
      },
      {
        id: STYLE.tableHeading,
        name: 'Tabeloverskrift',
        basedOn: STYLE.tableText,
        quickFormat: true,
        run: { bold: true },
        paragraph: { keepNext: true },
      },
      {
        id: STYLE.fieldLabel,
        name: 'Feltetiket',
        basedOn: STYLE.tableText,
        next: 'Normal',
        quickFormat: true,
        run: { bold: true },
        paragraph: { keepNext: true, keepLines: true },
      },
      {
        id: STYLE.signature,
        name: 'Underskrift',
        basedOn: 'Normal',
        paragraph: { spacing: { after: 0 }, keepNext: true, keepLines: true },
      },
      {
        id: STYLE.signatureName,
        name: 'Underskriftsnavn',
        basedOn: STYLE.signature,
        run: { bold: true },
      },
      {
        id: STYLE.signatureLine,
        name: 'Underskriftslinje',
        basedOn: STYLE.signature,
        paragraph: {
          spacing: { before: 600, after: 0 },
          keepNext: false,
          border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'auto', space: 1 } },
        },
      },
      {
        id: STYLE.signatureLabel,
        name: 'Underskriftsetiket',
        basedOn: STYLE.signature,
        run: { size: SMALL_SIZE, color: COLOR.muted },
        paragraph: { keepNext: false },
      },
    ],
    characterStyles: [
      {
        id: STYLE.codeChar,
        name: 'Kode tegn',
        basedOn: 'DefaultParagraphFont',
        run: { font: MONO_FONT },
      },
    ],
  };
}

/** Numbering references: one bullet list definition, one ordered per start value. */
export const BULLET_REF = 'punktopstilling';

const BULLETS = ['•', '–', '▪'];
const ORDERED: { format: (typeof LevelFormat)[keyof typeof LevelFormat]; text: (n: number) => string }[] = [
  { format: LevelFormat.DECIMAL, text: (n) => `%${n}.` },
  { format: LevelFormat.LOWER_LETTER, text: (n) => `%${n})` },
  { format: LevelFormat.LOWER_ROMAN, text: (n) => `%${n}.` },
];

const indent = (level: number) => ({ left: 360 * (level + 1), hanging: 360 });

function bulletLevels(): ILevelsOptions[] {
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: LevelFormat.BULLET,
    text: BULLETS[level % BULLETS.length] ?? '•',
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: indent(level) }, run: { font: FONT } },
  }));
}

export function orderedLevels(start = 1): ILevelsOptions[] {
  return Array.from({ length: 9 }, (_, level) => {
    const kind = ORDERED[level % ORDERED.length] ?? ORDERED[0]!;
    return {
      level,
      format: kind.format,
      text: kind.text(level + 1),
      start: level === 0 ? start : 1,
      alignment: AlignmentType.LEFT,
      style: { paragraph: { indent: indent(level) } },
    };
  });
}

export function orderedRef(start: number): string {
  return `nummerering-${start}`;
}

/** Left indent of list text at a level, for a list item's later paragraphs. */
export function listIndent(level: number): number {
  return indent(level).left;
}

export function numbering(starts: Iterable<number>): INumberingOptions {
  return {
    config: [
      { reference: BULLET_REF, levels: bulletLevels() },
      ...[...new Set(starts)].sort((a, b) => a - b).map((start) => ({ reference: orderedRef(start), levels: orderedLevels(start) })),
    ],
  };
}
