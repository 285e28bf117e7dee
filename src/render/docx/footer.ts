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
        children: [new TextRun(options.text), new TextRun({ children: [new Tab(), ...label] })],
      }),
    ],
  });
}
