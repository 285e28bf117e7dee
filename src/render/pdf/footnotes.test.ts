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

describe('readLayout on a real layout', () => {
  it('measures how far down its page a reference line ends, through nested boxes and padding', async () => {
    const { createElement: h } = await import('react');
    const { Document, Link, Page, Text, View } = await import('@react-pdf/renderer');
    const { layOut, mount, unmount } = await import('./pdf-passes.js');
    const { loadFonts } = await import('./fonts.js');
    await loadFonts();
    // Page padding 50, a view 30 down with 10 of padding, then two 20-point lines: the
    // second line, which holds the reference, ends at 50 + 30 + 10 + 2 × 20 = 130.
    const text = { fontFamily: 'Noto Sans', fontSize: 10, lineHeight: 2 };
    const doc = h(Document, null, h(Page, { size: 'A4', style: { padding: 50 } },
      h(View, { style: { marginTop: 30, paddingTop: 10 } },
        h(Text, { style: text }, 'Første linje', '\n', 'Anden linje', h(Link, { src: '#fn-1' }, '1')))));
    const mounted = mount(doc);
    try {
      const r = readLayout(await layOut(mounted));
      expect(r.pages.get(1)).toBe(1);
      expect(r.depths.get(1)).toBeCloseTo(130, 0);
    } finally {
      unmount(mounted);
    }
  });
});
