import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { Document, Page, Text, pdf } from '@react-pdf/renderer';
import { loadFonts, FONT_FAMILY } from './fonts.js';
import { layOut, mount, unmount, writeLaidOut } from './pdf-passes.js';

async function viaReactPdf(element: Parameters<typeof pdf>[0]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of (await pdf(element).toBuffer()) as unknown as AsyncIterable<Buffer | string>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk);
  }
  return Buffer.concat(chunks);
}

describe('layout and PDF writing as two steps', () => {
  it('writes exactly the bytes react-pdf’s toBuffer writes for the same document, untagged', async () => {
    await loadFonts();
    const date = new Date('2018-01-01T00:00:00Z');
    const element = createElement(
      Document,
      { title: 'Delaftale', author: 'Bestyrelsen', subject: 'Tryghed', keywords: 'a, b', language: 'da-DK', creator: 'delaftale', producer: 'delaftale', creationDate: date, modificationDate: date, pdfVersion: '1.7', conformance: 'PDF/A-2b', pageMode: 'useOutlines' },
      createElement(Page, { size: 'A4', style: { fontFamily: FONT_FAMILY, padding: 40 } },
        createElement(Text, null, 'Æblegrød og blåbærtærte i Urbanplanen. '.repeat(120))),
    ) as unknown as Parameters<typeof pdf>[0];
    const mounted = mount(element);
    const twoSteps = Buffer.from(await writeLaidOut(mounted, await layOut(mounted), { tagged: false }));
    unmount(mounted);
    const oneStep = await viaReactPdf(element);
    expect(twoSteps.length).toBeGreaterThan(1000);
    expect(twoSteps.equals(oneStep)).toBe(true);
    expect(twoSteps.toString('latin1')).toContain('/PageMode /UseOutlines');
  });
});
