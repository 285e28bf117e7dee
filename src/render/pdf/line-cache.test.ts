import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { parseMarkdown } from '../../tree/parse.js';
import type { RenderOptions } from '../options.js';
import { installLineCache, lineCacheStats } from './line-cache.js';
import { toPdf } from './to-pdf.js';

const options: RenderOptions = {
  metadata: { title: 'T', subject: 'S', author: 'A', keywords: [], language: 'da-DK', date: new Date('2018-01-01T00:00:00Z') },
  footer: { text: 'Delaftale', pageLabel: 'Side {side} af {sider}' },
};

const markdown = (word: string): string =>
  Array.from({ length: 40 }, (_, i) => `Afsnit ${i + 1}: Tryghedsvandringerne i Urbanplanen gennemføres ${i === 17 ? word : 'kvartalsvis'} med beboere, politi og boligorganisationer, og resultaterne samles i en rapport.[^n${i}]\n\n[^n${i}]: Note ${i + 1} om aktiviteten.`).join('\n\n');

async function text(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false }).promise;
  let out = '';
  for (let i = 1; i <= doc.numPages; i += 1) {
    for (const item of (await (await doc.getPage(i)).getTextContent()).items) if ('str' in item) out += `${item.str} `;
  }
  return out.replace(/\s+/g, ' ');
}

describe('text layout cache (patched @react-pdf/layout)', () => {
  it('is installed: patches/ was applied by npm install', () => {
    expect(installLineCache()).toBe(true);
  });

  it('serves unchanged paragraphs again, with the same bytes, and lays out a changed one anew', async () => {
    const before = { ...lineCacheStats };
    const first = await toPdf(parseMarkdown(markdown('kvartalsvis')), options);
    const afterFirst = { ...lineCacheStats };
    // Several footnote passes over the same paragraphs: the later passes hit.
    expect(afterFirst.misses).toBeGreaterThan(before.misses);
    expect(afterFirst.hits).toBeGreaterThan(before.hits);

    const again = await toPdf(parseMarkdown(markdown('kvartalsvis')), options);
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect(lineCacheStats.misses).toBe(afterFirst.misses);

    const changed = await toPdf(parseMarkdown(markdown('hver måned')), options);
    // Only the edited paragraph (and nothing else) is laid out again.
    expect(lineCacheStats.misses - afterFirst.misses).toBeGreaterThanOrEqual(1);
    expect(lineCacheStats.misses - afterFirst.misses).toBeLessThanOrEqual(3);
    const words = await text(changed.bytes);
    expect(words).toContain('Afsnit 18: Tryghedsvandringerne i Urbanplanen gennemføres hver måned med');
    expect(words).toContain('Afsnit 17: Tryghedsvandringerne i Urbanplanen gennemføres kvartalsvis med');
  }, 60_000);
});
