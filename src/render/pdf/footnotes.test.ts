import { describe, expect, it } from 'vitest';
import { readLayout } from './footnotes.js';

const line = (...links: string[]) => ({ runs: links.map((link) => ({ attributes: { link } })) });
const note = (n: number, height: number, top: number, ...children: object[]) =>
  ({ props: { id: `fn-${n}` }, box: { top, height, marginBottom: 2 }, children });

describe('readLayout', () => {
  // Page 1: body text citing note 1; its footnote area prints note 1, which mentions note 2.
  // Page 2: body text citing note 2.
  const layout = {
    children: [
      { children: [{ lines: [line('#fn-1')] }, { children: [note(1, 20, 10.5, { lines: [line('#fn-2')] })] }] },
      { children: [{ lines: [line('https://lbf.dk'), line('#fn-2')] }] },
    ],
  };

  it('finds each body reference on its page, not a mention inside another footnote', () => {
    const r = readLayout(layout, 2);
    expect([...r.pages]).toEqual([[1, 1], [2, 2]]);
    expect(r.pageCount).toBe(2);
    expect(r.heights.get(1)).toBe(22);
    expect(r.overhead).toBe(10.5);
  });

  it('takes a note cited only from another note where that note is printed', () => {
    // Numbers above fromBody are cited only from other notes.
    expect(readLayout(layout, 1).pages.get(2)).toBe(1);
  });

  it('reads nothing from no layout', () => {
    const r = readLayout(undefined);
    expect(r.pages.size).toBe(0);
    expect(r.pageCount).toBe(0);
  });
});
