import { Footer, PageNumber, Paragraph, Tab, TabStopType, TextRun } from 'docx';
import type { RenderOptions } from '../options.js';
import { PAGE, STYLE } from './styles.js';

/**
 * The running footer: the agreement's label on the left, the page label on the right
 * (a right tab stop in the Footer style), with `{side}` as a PAGE field and `{sider}` as
 * a NUMPAGES field so Word keeps them right after every edit.
 */
export function footer(options: RenderOptions['footer']): Footer {
  const label: (string | (typeof PageNumber)[keyof typeof PageNumber])[] = [];
  for (const part of options.pageLabel.split(/(\{side\}|\{sider\})/)) {
    if (part === '{side}') label.push(PageNumber.CURRENT);
    else if (part === '{sider}') label.push(PageNumber.TOTAL_PAGES);
    else if (part) label.push(part);
  }
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.footer,
        tabStops: [{ type: TabStopType.RIGHT, position: PAGE.textWidth }],
        children: [new TextRun(oneLine(options.text)), new TextRun({ children: [new Tab(), ...label] })],
      }),
    ],
  });
}

/**
 * Characters of the footer's label that fit on one line beside "Side 10 af 12" at the
 * Footer style's 8 pt Arial over the 160 mm text width: about 113 characters of Danish
 * text fill the line (LibreOffice, Liberation Sans, measured on the provincial fixture),
 * the page label and the tab's gap take about 20.
 */
export const FOOTER_CHARS = 90;

/**
 * The label cut at a word with "…" when it would wrap: Word cannot ellipsize a line as
 * the PDF does (styles.ts footerText), and a second footer line would push the page
 * label under it. The full name stands on the first page.
 */
export function oneLine(text: string, max = FOOTER_CHARS): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const head = chars.slice(0, max - 1).join('');
  const space = head.lastIndexOf(' ');
  return `${(space > max / 2 ? head.slice(0, space) : head).replace(/[\s·,:;-]+$/u, '')}…`;
}
