/**
 * Table column widths from the cells' text, the same rule for the PDF and the DOCX.
 * A 2-column table (a text and its value or source) gives its first column 65 %. Wider
 * tables give each column at least room for its longest word (a line may also break
 * after "/"), so "Boligorganisation" or an amount is not broken in a narrow cell, and
 * share the rest by the square root of each column's longest text, so text columns are
 * wide and amount columns narrow without one long column taking everything.
 *
 * Units are the caller's: `total`, `charWidth` (an average character) and `padding`
 * (a cell's left + right padding) in twips for Word, in points for the PDF.
 */
export interface Measure {
  total: number;
  charWidth: number;
  padding: number;
}

export function columnWidths(texts: readonly (readonly string[])[], { total, charWidth, padding }: Measure): number[] {
  const columns = Math.max(1, ...texts.map((row) => row.length));
  let widths: number[];
  if (columns === 2) {
    widths = [Math.floor(total * 0.65), 0];
  } else {
    const cells = (c: number) => texts.map((row) => row[c] ?? '');
    const min = Array.from({ length: columns }, (_, c) =>
      Math.max(0, ...cells(c).flatMap((t) => t.split(/\s+|(?<=\/)/)).map((w) => w.length)) * charWidth + padding,
    );
    const want = Array.from({ length: columns }, (_, c) => Math.sqrt(Math.max(1, ...cells(c).map((t) => t.length))));
    const minSum = min.reduce((a, b) => a + b, 0);
    if (minSum >= total) {
      widths = min.map((m) => Math.floor((m / minSum) * total));
    } else {
      const wantSum = want.reduce((a, b) => a + b, 0);
      widths = min.map((m, c) => Math.floor(m + ((total - minSum) * want[c]!) / wantSum));
    }
  }
  widths[widths.length - 1]! += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}
