import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it, beforeAll } from 'vitest';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { parseMarkdown } from '../../tree/parse.js';
import type { RenderOptions } from '../options.js';
import { toPdf } from './to-pdf.js';
import { hyphenateDanish } from './hyphenation.js';

const FIXTURE = new URL('../../../tests/fixtures/tree.md', import.meta.url);

const options: RenderOptions = {
  metadata: {
    title: 'Delaftale for indsatsområdet Tryghed og trivsel',
    subject: 'Delaftale under den boligsociale helhedsplan',
    author: 'Bestyrelsen for Helhedsplanen Urbanplanen',
    keywords: ['delaftale', 'Landsbyggefonden'],
    language: 'da-DK',
    date: new Date('2018-01-01T00:00:00Z'),
  },
  footer: { text: 'Delaftale: Tryghed og trivsel · version 1.0', pageLabel: 'Side {side} af {sider}' },
};

async function open(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  // pdfjs takes ownership of (detaches) the buffer it is given: pass a copy.
  return getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
}

/** Text per page; line-end hyphens joined, whitespace collapsed. */
async function pageTexts(doc: PDFDocumentProxy): Promise<string[]> {
  const out: string[] = [];
  for (let i = 1; i <= doc.numPages; i += 1) {
    const content = await (await doc.getPage(i)).getTextContent();
    let text = '';
    for (const item of content.items) {
      if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
    }
    out.push(text.replace(/-\n/g, '').replace(/\s+/g, ' ').trim());
  }
  return out;
}

/** For every footnote link (dest "fn-N") on every page: [N, page of the reference, page of the footnote]. */
async function footnotePlacement(doc: PDFDocumentProxy): Promise<Array<[number, number, number]>> {
  const out: Array<[number, number, number]> = [];
  for (let i = 1; i <= doc.numPages; i += 1) {
    for (const annotation of await (await doc.getPage(i)).getAnnotations()) {
      const dest = (annotation as { dest?: unknown }).dest;
      if (typeof dest !== 'string' || !dest.startsWith('fn-')) continue;
      const explicit = await doc.getDestination(dest);
      expect(explicit, `destination ${dest}`).toBeTruthy();
      const target = (await doc.getPageIndex(explicit![0] as { num: number; gen: number })) + 1;
      out.push([Number(dest.slice(3)), i, target]);
    }
  }
  return out;
}

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

describe('toPdf on the tree fixture', () => {
  let bytes: Uint8Array;
  let doc: PDFDocumentProxy;
  let pages: string[];
  let all: string;
  let warnings: unknown[];

  beforeAll(async () => {
    const rendered = await toPdf(parseMarkdown(readFileSync(FIXTURE, 'utf8')), options);
    bytes = rendered.bytes;
    warnings = rendered.warnings;
    doc = await open(bytes);
    pages = await pageTexts(doc);
    all = pages.join(' ');
  }, 60_000);

  it('is a PDF with the Danish text, literal characters and no warnings', () => {
    expect(latin1(bytes.slice(0, 8))).toBe('%PDF-1.7');
    expect(all).toContain('Delaftale for indsatsområdet Tryghed og trivsel');
    expect(all).toContain('Bestyrelsen for den boligsociale indsats har ansvar for, at denne delaftale');
    expect(all).toContain('59 % af borgere udenfor Urbanplanen');
    expect(all).toContain('Kriminalitetsforebyggelse og medarbejderressourcer');
    expect(all).toContain('beløbet 15.000 kr. må aldrig deles');
    expect(all).toContain('Et literalt navn: *Stjerne* | rør [x](y) # <b> {{x}}');
    expect(all).toContain('Samlet budget for indsatsområdet 5.028');
    expect(warnings).toEqual([]);
  });

  it('prints <br> as a line break, not as text', () => {
    expect(all).toContain('Kbh.niveau i 2020 (2016-niveau: 12% utrygge i dagtimerne)');
    expect(all).not.toContain('<br>');
  });

  it('honours ::sideskift: the activities start on page 2', () => {
    expect(pages[0]).toContain('Et literalt navn');
    expect(pages[0]).not.toContain('Aktiviteter');
    expect(pages[1]).toMatch(/^Aktiviteter Naboskab og social sammenhængskraft Aktivitetsnavn/);
  });

  it('shows felt labels, an empty felt and the signature block', () => {
    const p2 = pages[1] ?? '';
    expect(p2).toContain('Indhold og praksis (aktivitetsbeskrivelse) At kende naboerne');
    expect(p2).toContain('Formål og mål');
    expect(p2).toContain('Mikkel Warming');
    expect(p2).toContain('Teddy Sidelmann Rasmussen');
    expect(p2.match(/Dato/g)).toHaveLength(2);
    expect(p2.match(/Underskrift/g)).toHaveLength(2);
  });

  it('numbers footnotes 1..3 and prints each at the bottom of the page that references it', async () => {
    expect(pages[0]).toMatch(/området\.1 Kriminalitetsforebyggelse/);
    expect(pages[0]).toMatch(/aldrig deles\.2/);
    expect(pages[1]).toMatch(/stor betydning\.3/);
    // The footnote texts, above the footer of the same page.
    expect(pages[0]).toMatch(
      /1 Omdømmeanalyse Urbanplanen 2015, Stud\. Soc Maja Pedersen i samarbejde med Helhedsplanen\. 2 Københavns Kommunes Tryghedsundersøgelse 2016 Delaftale: Tryghed og trivsel · version 1\.0 Side 1 af 2$/,
    );
    expect(pages[1]).toMatch(
      /3 Ved at afholde arrangementer på utrygge steder påvirkes opfattelsen af stedet desuden positivt\. På det eksterne plan har kvarterevents, der er åbne for hele byen, den effekt at fordomme udfordres\. Delaftale/,
    );
    expect(pages[1]).not.toContain('Omdømmeanalyse Urbanplanen');
    // Each reference links to its footnote, on the same page.
    expect(await footnotePlacement(doc)).toEqual([
      [1, 1, 1],
      [2, 1, 1],
      [3, 2, 2],
    ]);
  });

  it('has the running footer with page numbers on every page', () => {
    expect(pages).toHaveLength(2);
    expect(pages[0]).toMatch(/Delaftale: Tryghed og trivsel · version 1\.0 Side 1 af 2$/);
    expect(pages[1]).toMatch(/Delaftale: Tryghed og trivsel · version 1\.0 Side 2 af 2$/);
  });

  it('carries the metadata, language and PDF/A-2b identification', async () => {
    const { info, metadata } = (await doc.getMetadata()) as {
      info: Record<string, unknown>;
      metadata: { get(name: string): unknown } | null;
    };
    expect(info.Title).toBe(options.metadata.title);
    expect(info.Author).toBe(options.metadata.author);
    expect(info.Subject).toBe(options.metadata.subject);
    expect(info.Keywords).toBe('delaftale; Landsbyggefonden');
    expect(info.Producer).toBe('delaftale');
    expect(info.Language).toBe('da-DK');
    expect(info.CreationDate).toBe("D:20180101000000Z");
    expect(info.ModDate).toBe("D:20180101000000Z");
    expect(latin1(bytes)).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(latin1(bytes)).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(metadata).not.toBeNull();
  });

  it('has an outline of the h2 and h3 headings, h3 under its h2', async () => {
    const outline = (await doc.getOutline()) ?? [];
    const tree = outline.map((item) => [item.title, item.items.map((child) => child.title)]);
    expect(tree).toEqual([
      ['Aftalens parter', []],
      ['Problemkompleks for indsatsområdet', ['Tryghed og trivsel']],
      ['Indsatsområdets økonomi', []],
      ['Aktiviteter', ['Naboskab og social sammenhængskraft']],
    ]);
  });

  it('embeds Noto Sans and uses no other font', () => {
    const text = latin1(bytes);
    const fonts = [...text.matchAll(/\/BaseFont \/([^\s/>]+)/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/^[A-Z]{6}\+NotoSans-(Regular|Italic|Bold|BoldItalic)$/);
    expect(text).not.toMatch(/Helvetica|Times|Courier/);
    // One font program per face that is used (regular, bold, bold italic in the fixture).
    expect(new Set(fonts).size).toBe(text.match(/\/FontFile2 /g)?.length);
  });

  it('passes pdffonts and qpdf when they are installed', () => {
    let fontsReport: string;
    try {
      fontsReport = execFileSync('pdffonts', ['-'], { input: Buffer.from(bytes) }).toString();
    } catch {
      return; // poppler not installed
    }
    const rows = fontsReport.split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/NotoSans.* yes yes yes /);
  });

  it('is reproducible: two renders are byte-identical', async () => {
    const again = await toPdf(parseMarkdown(readFileSync(FIXTURE, 'utf8')), options);
    expect(Buffer.from(again.bytes).equals(Buffer.from(bytes))).toBe(true);
    // The file ID derives from the fixed date, not the clock.
    const other = await toPdf(parseMarkdown(readFileSync(FIXTURE, 'utf8')), {
      ...options,
      metadata: { ...options.metadata, date: new Date('2019-06-01T00:00:00Z') },
    });
    const id = (b: Uint8Array): string | undefined => /\/ID \[<([0-9a-f]+)>/.exec(latin1(b))?.[1];
    expect(id(again.bytes)).toBe(id(bytes));
    expect(id(other.bytes)).not.toBe(id(bytes));
  }, 60_000);
});

describe('footnotes on long documents', () => {
  it('keeps every footnote on the page of its reference across many pages', async () => {
    const paragraph = (i: number): string =>
      `Afsnit ${i}. ` +
      'Beboerne i området deltager i fællesspisning, lektiecafé og tryghedsvandringer, og helhedsplanen følger op med kommunen. '.repeat(
        2 + (i % 4),
      ) +
      `Her er en henvisning.[^n${i}] Og teksten fortsætter efter henvisningen.`;
    const notes = (i: number): string =>
      `[^n${i}]: Kilde ${i}: ` + 'Københavns Kommunes Tryghedsundersøgelse og 3Bs fællesskabsundersøgelse. '.repeat(1 + (i % 3));
    const count = 40;
    const md = [
      '# Lang delaftale',
      ...Array.from({ length: count }, (_, i) => (i % 7 === 0 ? `## Afsnit ${i}\n\n${paragraph(i)}` : paragraph(i))),
      ...Array.from({ length: count }, (_, i) => notes(i)),
    ].join('\n\n');
    const { bytes, warnings } = await toPdf(parseMarkdown(md), options);
    const doc = await open(bytes);
    expect(doc.numPages).toBeGreaterThan(4);
    const placement = await footnotePlacement(doc);
    expect(placement.map(([n]) => n)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    const misplaced = placement.filter(([, ref, note]) => ref !== note);
    // If a footnote cannot be kept with its reference, toPdf must say so.
    expect(warnings.filter((w) => w.rule === 'pdf/fodnote-side')).toHaveLength(misplaced.length);
    expect(misplaced).toEqual([]);
    const pages = await pageTexts(doc);
    for (const [n, page] of placement.map(([n, ref]) => [n, ref] as const)) {
      expect(pages[page - 1]).toContain(`${n} Kilde ${n - 1}:`);
    }
  }, 120_000);
});

describe('nodes the PDF cannot show', () => {
  it('warns instead of dropping them, and prints other HTML literally', async () => {
    const md = '# T\n\n![Logo](logo.png)\n\nTekst med <b>fed</b> og :ukendt[ord].\n\n:::boks\nIndhold\n:::\n\n::sideskift\n\nSlut';
    const { bytes, warnings } = await toPdf(parseMarkdown(md), options);
    expect(warnings.map((w) => w.rule).sort()).toEqual(['pdf/billede', 'pdf/ukendt-direktiv', 'pdf/ukendt-direktiv']);
    // Template nodes: no line:column in the generated Markdown is reported (it is not the user's file).
    expect(warnings.every((w) => w.severity === 'advarsel' && w.line === undefined)).toBe(true);
    const pages = await pageTexts(await open(bytes));
    expect(pages[0]).toContain('[Logo]');
    expect(pages[0]).toContain('Tekst med <b>fed</b> og ord.');
    expect(pages[0]).toContain('Indhold');
    expect(pages[1]).toMatch(/^Slut/);
  }, 60_000);
});

describe('Danish hyphenation', () => {
  it('splits long compounds into parts that rejoin to the word', () => {
    for (const word of ['kriminalitetsforebyggelse', 'medarbejderressourcer', 'Omdømmeanalyse', 'sammenhængskraft']) {
      const parts = hyphenateDanish(word);
      expect(parts.join('')).toBe(word);
      expect(parts.length).toBeGreaterThan(2);
      // No single-letter fragments, at least 2 letters before and 3 after a break.
      for (const part of parts) expect(part.length).toBeGreaterThan(1);
      expect(parts[0]!.length).toBeGreaterThanOrEqual(2);
      expect(parts.at(-1)!.length).toBeGreaterThanOrEqual(3);
    }
    expect(hyphenateDanish('kriminalitetsforebyggelse')).toContain('fore');
  });

  it('never breaks numbers, e-mail addresses or URLs', () => {
    for (const word of ['15.000', '5.028\u00a0kr.', '2016-niveau:', 'teddy@frivilligcenteramager.dk', 'https://www.lbf.dk/tilskud', 'www.helhedsplanen.dk']) {
      expect(hyphenateDanish(word)).toEqual([word]);
    }
  });

  it('respects soft hyphens written by the author', () => {
    expect(hyphenateDanish('bolig\u00adsocial')).toEqual(['bolig', 'social']);
  });
});

describe('column headings', () => {
  /** Each text item of page 1 as pdf.js gives it (an added hyphen is an item of its own). */
  async function items(md: string): Promise<string[]> {
    const { bytes } = await toPdf(parseMarkdown(md), options);
    const content = await (await (await open(bytes)).getPage(1)).getTextContent();
    return content.items.flatMap((item) => ('str' in item ? [item.str] : [])).filter((s) => s.trim() !== '');
  }
  const long = 'Andel af de 16-64-årige beboere i boligområdet, der er i ordinær beskæftigelse eller under uddannelse, opgjort over hele året';

  it('are never hyphenated, where body cells beside them are', async () => {
    // The wide text columns leave the second column narrow: "Udgangspunkt (baseline)" takes
    // two lines, where the hyphenation patterns would give "Udgangspunkt (base-" / "line)".
    const md = [
      '| Indikator | Udgangspunkt (baseline) | Mål | Datakilde |',
      '| --- | --- | --- | --- |',
      `| ${long} | 49,5 % pr. 01.01.2021 | 55 % | ${long} |`,
    ].join('\n');
    const got = await items(md);
    expect(got, got.join(' | ')).toContain('(baseline)');
    expect(got.some((s) => s.trim() === 'Udgangspunkt'), got.join(' | ')).toBe(true);
    expect(got.join(' '), 'the body cells are still hyphenated').toMatch(/\S -/);
  }, 60_000);

  it('break a word wider than its column like a token instead of drawing it outside the cell', async () => {
    // Ten columns whose words all need more than a tenth of the width: each column is narrower than its word.
    const word = 'Beskæftigelsesforvaltningsorganisationerne';
    const md = [`| ${Array.from({ length: 10 }, () => word).join(' | ')} |`, `|${' --- |'.repeat(10)}`, `|${' x |'.repeat(10)}`].join('\n');
    const got = await items(md);
    expect(got).not.toContain(word);
    // Broken into pieces without an added hyphen, each a piece of the word.
    const header = got.slice(0, got.indexOf('x'));
    expect(header.every((s) => word.includes(s.trim())), header.join(' | ')).toBe(true);
    expect(header.join('')).toContain(word.slice(0, 8));
  }, 60_000);
});
