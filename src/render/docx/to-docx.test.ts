import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../tree/parse.js';
import type { RenderOptions } from '../options.js';
import { columnWidths } from './table.js';
import { toDocx } from './to-docx.js';

const fixture = readFileSync(fileURLToPath(new URL('../../../tests/fixtures/tree.md', import.meta.url)), 'utf8');

const options: RenderOptions = {
  metadata: {
    title: 'Delaftale for indsatsområdet Tryghed & trivsel',
    subject: 'Boligsocial helhedsplan Urbanplanen 2015-18',
    author: 'Bestyrelsen for den boligsociale indsats',
    keywords: ['delaftale', 'tryghed og trivsel', 'LBF'],
    language: 'da-DK',
    date: new Date('2018-01-01T00:00:00Z'),
  },
  footer: { text: 'Delaftale: Tryghed og trivsel · version 1.0', pageLabel: 'Side {side} af {sider}' },
};

type Parts = Record<string, string>;

function unzip(bytes: Uint8Array): Parts {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
}

const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Each paragraph's XML and its visible text. */
function paragraphs(xml: string): { xml: string; text: string }[] {
  return (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []).map((p) => ({
    xml: p,
    text: decode((p.match(/<w:t[ >][^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('')),
  }));
}

function paragraph(xml: string, text: string) {
  const found = paragraphs(xml).find((p) => p.text.includes(text));
  if (!found) throw new Error(`no paragraph with ${text}`);
  return found;
}

function style(styles: string, id: string): string {
  const found = styles.match(new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`));
  if (!found) throw new Error(`no style ${id}`);
  return found[0];
}

describe('toDocx on the fixture', () => {
  let bytes: Uint8Array;
  let parts: Parts;
  let doc: string;
  let warnings: unknown[];

  beforeAll(async () => {
    const rendered = await toDocx(parseMarkdown(fixture), options);
    bytes = rendered.bytes;
    warnings = rendered.warnings;
    parts = unzip(bytes);
    doc = parts['word/document.xml']!;
  });

  it('renders every construct of the fixture without warnings', () => {
    expect(warnings).toEqual([]);
  });

  it('maps h1 to Title and h2-h4 to Heading 1-3, with outline levels and keep-with-next', () => {
    const styles = parts['word/styles.xml']!;
    expect(paragraph(doc, 'Delaftale for indsatsområdet').xml).toContain('<w:pStyle w:val="Title"/>');
    expect(paragraph(doc, 'Aftalens parter').xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(paragraphs(doc).find((p) => p.text === 'Tryghed og trivsel')?.xml).toContain('<w:pStyle w:val="Heading2"/>');
    expect(paragraph(doc, 'Aktiviteter').xml).toContain('<w:pStyle w:val="Heading1"/>');
    const levels = { Title: 0, Heading1: 0, Heading2: 1, Heading3: 2 };
    for (const [id, level] of Object.entries(levels)) {
      const s = style(styles, id);
      expect(s).toContain(`<w:outlineLvl w:val="${level}"/>`);
      expect(s).toContain('<w:keepNext/>');
    }
    expect(style(styles, 'Heading1')).toContain('<w:name w:val="Heading 1"/>');
  });

  it('sets Danish as the document language, a Word font, and automatic hyphenation', () => {
    const defaults = parts['word/styles.xml']!.match(/<w:rPrDefault>[\s\S]*?<\/w:rPrDefault>/)?.[0];
    expect(defaults).toContain('<w:lang w:val="da-DK"/>');
    expect(defaults).toContain('w:ascii="Arial"');
    expect(parts['word/settings.xml']).toContain('<w:autoHyphenation/>');
  });

  it('keeps the words of the title, headings and column headings whole, and hyphenates body text', () => {
    const styles = parts['word/styles.xml']!;
    for (const id of ['Title', 'Heading1', 'Heading2', 'Heading3', 'Tabeloverskrift']) {
      // After keepNext/keepLines and before spacing/outlineLvl: CT_PPrBase is a sequence.
      expect(style(styles, id), id).toMatch(/<w:pPr>(?:<w:keepNext\/>)?(?:<w:keepLines\/>)?<w:suppressAutoHyphens\/>(?:<w:spacing [^>]*\/>)?(?:<w:outlineLvl [^>]*\/>)?<\/w:pPr>/);
    }
    for (const id of ['Normal', 'Tabeltekst', 'FootnoteText']) expect(style(styles, id) ?? '', id).not.toContain('suppressAutoHyphens');
  });

  it('writes three native footnotes in reference order, after Word’s separators', () => {
    const notes = parts['word/footnotes.xml']!;
    const ids = [...notes.matchAll(/<w:footnote\b[^>]*w:id="(-?\d+)"/g)].map((m) => Number(m[1]));
    expect(ids).toEqual([-1, 0, 1, 2, 3]);
    expect(notes).toMatch(/w:type="separator"/);
    expect(notes).toMatch(/w:type="continuationSeparator"/);

    const refs = [...doc.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(refs).toEqual([1, 2, 3]);
    expect(doc).toMatch(/<w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteReference w:id="1"\/>/);
    expect(paragraph(doc, 'negativ association').xml.indexOf('footnoteReference w:id="1"')).toBeGreaterThan(-1);
    expect(paragraph(doc, 'aldrig deles').xml).toContain('footnoteReference w:id="2"');

    const note = (id: number) => notes.match(new RegExp(`<w:footnote w:id="${id}">([\\s\\S]*?)</w:footnote>`))?.[1] ?? '';
    expect(paragraphs(note(1))[0]?.text).toBe(' Omdømmeanalyse Urbanplanen 2015, Stud. Soc Maja Pedersen i samarbejde med Helhedsplanen.');
    expect(paragraphs(note(2))[0]?.text).toContain('Tryghedsundersøgelse 2016');
    // A multi-paragraph definition stays one note with two paragraphs.
    const third = paragraphs(note(3));
    expect(third.map((p) => p.text.trim().slice(0, 20))).toEqual(['Ved at afholde arran', 'På det eksterne plan']);
    for (const p of third) expect(p.xml).toContain('<w:pStyle w:val="FootnoteText"/>');
    expect(third[0]!.xml).toContain('<w:footnoteRef/>');
  });

  it('writes real bullet and numbered lists', () => {
    const numbering = parts['word/numbering.xml']!;
    const numOf = (text: string) => paragraph(doc, text).xml.match(/<w:numId w:val="(\d+)"\/>/)?.[1];
    const formatOf = (numId: string | undefined) => {
      const abstractId = numbering.match(new RegExp(`<w:num w:numId="${numId}">\\s*<w:abstractNumId w:val="(\\d+)"`))?.[1];
      const abstract = numbering.match(new RegExp(`<w:abstractNum [^>]*w:abstractNumId="${abstractId}"[\\s\\S]*?</w:abstractNum>`))?.[0];
      return abstract?.match(/<w:lvl w:ilvl="0"[\s\S]*?<w:numFmt w:val="(\w+)"/)?.[1];
    };
    const bullet = numOf('At øge trygheden');
    expect(bullet).toBeDefined();
    expect(numOf('Forbedre områdets')).toBe(bullet);
    expect(formatOf(bullet)).toBe('bullet');
    const ordered = numOf('Første punkt');
    expect(ordered).not.toBe(bullet);
    expect(numOf('Andet punkt')).toBe(ordered);
    expect(formatOf(ordered)).toBe('decimal');
    expect(paragraph(doc, 'Forbedre områdets').xml).toMatch(/<w:b\/>[\s\S]*omdømme/);
  });

  it('writes tables with borders, a repeating bold shaded header row and right-aligned amounts', () => {
    const tables = doc.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
    const budget = tables.find((t) => t.includes('Landsbyggefonden'))!;
    const header = budget.match(/<w:tr>[\s\S]*?<\/w:tr>/)![0];
    expect(header).toContain('<w:tblHeader/>');
    expect(header).toContain('Finansiering (1.000 kr.)');
    expect(header).toMatch(/<w:shd w:fill="[0-9A-F]{6}"/);
    expect(header).toContain('<w:pStyle w:val="Tabeloverskrift"/>');
    expect(budget).toContain('<w:tblW w:type="pct" w:w="5000"/>');
    expect(budget).toMatch(/<w:tblBorders><w:top w:val="single"/);
    const grid = [...budget.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid).toHaveLength(2);
    expect(grid[0]!).toBeGreaterThan(grid[1]!);

    for (const amount of ['3.100', '1.928', '5.028', 'Finansiering']) {
      expect(paragraph(budget, amount).xml).toContain('<w:jc w:val="right"/>');
    }
    expect(paragraph(budget, 'Landsbyggefonden').xml).not.toContain('<w:jc');
    expect(paragraph(budget, '5.028').xml).toContain('<w:b/>');

    const goals = tables.find((t) => t.includes('Succeskriterier'))!;
    expect(goals.match(/<w:tr>[\s\S]*?<\/w:tr>/)![0]).toContain('<w:tblHeader/>');
    // <br> in a cell is a line break inside the cell's paragraph.
    expect(paragraph(goals, 'Kbh.niveau').xml).toMatch(/Kbh\.niveau i 2020<\/w:t><\/w:r><w:r><w:br\/>/);
  });

  it('shows escaped Markdown and HTML characters literally', () => {
    expect(paragraph(doc, 'Et literalt navn').text).toBe('Et literalt navn: *Stjerne* | rør [x](y) # <b> {{x}}');
  });

  it('renders felt as a labelled field, an empty felt still labelled, and sideskift as a page break', () => {
    for (const label of ['Aktivitetsnavn', 'Indhold og praksis (aktivitetsbeskrivelse)', 'Formål og mål']) {
      const p = paragraphs(doc).find((x) => x.text === label);
      expect(p?.xml).toContain('<w:pStyle w:val="Feltetiket"/>');
    }
    const tables = doc.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
    const empty = tables.find((t) => t.includes('>Formål og mål<'))!;
    expect(empty.match(/<w:tr>/g)).toHaveLength(2);
    expect(paragraph(doc, 'Aktiviteter').xml).toContain('<w:pageBreakBefore/>');
    expect(paragraph(doc, 'Et literalt navn').xml).not.toContain('pageBreakBefore');
    // Adjacent tables would merge in Word: something must sit between them.
    expect(doc).not.toMatch(/<\/w:tbl><w:tbl>/);
  });

  it('renders underskrifter as one unsplittable signature block per party', () => {
    const tables = doc.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
    const block = tables.find((t) => t.includes('Mikkel Warming'))!;
    expect(block).toContain('Teddy Sidelmann Rasmussen');
    expect(block).toContain('<w:cantSplit/>');
    expect(paragraphs(block).filter((p) => p.text === 'Dato')).toHaveLength(2);
    expect(paragraphs(block).filter((p) => p.text === 'Underskrift')).toHaveLength(2);
    expect(paragraphs(block).filter((p) => p.xml.includes('Underskriftslinje'))).toHaveLength(4);
    expect(block).toMatch(/<w:tblBorders><w:top w:val="none"/);
  });

  it('has a footer with the label and PAGE / NUMPAGES fields', () => {
    const rels = parts['word/_rels/document.xml.rels']!;
    const target = rels.match(/Target="(footer\d+\.xml)"/)?.[1];
    const footer = parts[`word/${target}`]!;
    expect(paragraphs(footer)[0]?.text).toBe('Delaftale: Tryghed og trivsel · version 1.0Side  af ');
    expect(footer).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>NUMPAGES<\/w:instrText>/);
    expect(footer.indexOf('>PAGE<')).toBeLessThan(footer.indexOf('>NUMPAGES<'));
    expect(footer).toContain('<w:tab/>');
  });

  it('writes the core properties with the agreement’s date', () => {
    const core = parts['docProps/core.xml']!;
    expect(core).toContain('<dc:title>Delaftale for indsatsområdet Tryghed &amp; trivsel</dc:title>');
    expect(core).toContain('<dc:subject>Boligsocial helhedsplan Urbanplanen 2015-18</dc:subject>');
    expect(core).toContain('<dc:creator>Bestyrelsen for den boligsociale indsats</dc:creator>');
    expect(core).toContain('<cp:lastModifiedBy>Bestyrelsen for den boligsociale indsats</cp:lastModifiedBy>');
    // '; ' between keywords, as in the PDF: a keyword may hold a comma.
    expect(core).toContain('<cp:keywords>delaftale; tryghed og trivsel; LBF</cp:keywords>');
    expect(core).toContain('<dc:language>da-DK</dc:language>');
    expect(core).toMatch(/<dcterms:created xsi:type="dcterms:W3CDTF">2018-01-01T00:00:00Z<\/dcterms:created>/);
    expect(core).toMatch(/<dcterms:modified xsi:type="dcterms:W3CDTF">2018-01-01T00:00:00Z<\/dcterms:modified>/);
  });

  it('uses only stable relationship ids (docx makes random ones for links)', () => {
    for (const [name, xml] of Object.entries(parts).filter(([n]) => n.endsWith('.rels'))) {
      for (const [, id] of xml.matchAll(/\bId="([^"]*)"/g)) expect(id, name).toMatch(/^rId\d+$/);
    }
    const rels = parts['word/_rels/document.xml.rels']!;
    const link = rels.match(/Id="(rId\d+)"[^>]*Target="https:\/\/www\.lbf\.dk"/)?.[1];
    expect(link).toBeDefined();
    expect(doc).toContain(`r:id="${link}"`);
    // Links are marked "do not check spelling", which also keeps Word from hyphenating them.
    expect(doc).toMatch(new RegExp(`<w:hyperlink [^>]*r:id="${link}"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/><w:noProof/>`));
  });

  it('zips [Content_Types].xml first with a fixed DOS time', () => {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    const nameLength = view.getUint16(26, true);
    expect(strFromU8(bytes.subarray(30, 30 + nameLength))).toBe('[Content_Types].xml');
    expect(view.getUint16(12, true)).toBe(((2018 - 1980) << 9) | (1 << 5) | 1);
    expect(view.getUint16(10, true)).toBe(12 << 11);
  });

  it('is byte-identical when rendered again, in another time zone', async () => {
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      const a = await toDocx(parseMarkdown(fixture), options);
      process.env.TZ = 'America/Los_Angeles';
      const b = await toDocx(parseMarkdown(fixture), options);
      expect(Buffer.from(a.bytes).equals(Buffer.from(bytes))).toBe(true);
      expect(Buffer.from(b.bytes).equals(Buffer.from(bytes))).toBe(true);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });
});

describe('toDocx on what DOCX cannot show', () => {
  it('warns instead of dropping, and shows raw HTML as text', async () => {
    const md = [
      'Før<br/>efter og <span>rå</span> html.',
      '',
      '![Kort over området](kort.png)',
      '',
      ':::ukendt',
      'Indhold i ukendt direktiv',
      ':::',
      '',
      'Et tekstdirektiv :mærke[her].',
      '',
      'Note.[^x]',
      '',
      '[^x]: Brugt.',
      '',
      '[^y]: Aldrig brugt.',
    ].join('\n');
    const { bytes, warnings } = await toDocx(parseMarkdown(md), options);
    const doc = unzip(bytes)['word/document.xml']!;
    expect(paragraph(doc, 'Før').xml).toMatch(/Før<\/w:t><\/w:r><w:r><w:br\/>/);
    expect(paragraph(doc, 'Før').text).toBe('Førefter og <span>rå</span> html.');
    expect(paragraph(doc, 'Kort over området').text).toBe('[Kort over området]');
    expect(paragraph(doc, 'Indhold i ukendt direktiv').xml).toBeDefined();
    expect(paragraph(doc, 'Et tekstdirektiv').text).toBe('Et tekstdirektiv :mærke[her].');
    expect(warnings.map((w) => w.rule).sort()).toEqual([
      'docx/fodnote-ubrugt',
      'docx/ikke-understoettet',
      'docx/ukendt-direktiv',
      'docx/ukendt-direktiv',
    ]);
    expect(warnings.every((w) => w.severity === 'advarsel')).toBe(true);
    // A template's own node has no place in the user's file; a content field's node has (content-text.test.ts).
    expect(warnings.find((w) => w.rule === 'docx/ikke-understoettet')?.line).toBeUndefined();
  });

  it('restarts numbering for each ordered list and honours its start', async () => {
    const md = '1. a\n2. b\n\nText\n\n3. c\n4. d\n\n- x\n  1. nested\n';
    const parts = unzip((await toDocx(parseMarkdown(md), options)).bytes);
    const doc = parts['word/document.xml']!;
    const num = (t: string) => paragraph(doc, t).xml.match(/<w:numId w:val="(\d+)"\/>/)?.[1];
    expect(num('a')).toBe(num('b'));
    expect(num('c')).not.toBe(num('a'));
    expect(paragraph(doc, 'nested').xml).toContain('<w:ilvl w:val="1"/>');
    expect(parts['word/numbering.xml']).toMatch(/<w:lvl w:ilvl="0"[^>]*><w:start w:val="3"\/>/);
  });
});

describe('toDocx: a footnote referenced more than once', () => {
  const md = [
    'Første.[^a] Anden.[^b]',
    '',
    '- Igen i en liste.[^a] Sidst.[^c]',
    '',
    '[^a]: Note A.',
    '',
    '[^b]: Note B, som også nævner A.[^a]',
    '',
    '[^c]: Note C.',
  ].join('\n');
  let doc: string;
  let notes: string;
  let bytes: Uint8Array;

  beforeAll(async () => {
    const rendered = await toDocx(parseMarkdown(md), options);
    expect(rendered.warnings).toEqual([]);
    bytes = rendered.bytes;
    const parts = unzip(bytes);
    doc = parts['word/document.xml']!;
    notes = parts['word/footnotes.xml']!;
  });

  it('is one note, and the notes after it keep the numbers the PDF gives them', () => {
    const ids = [...notes.matchAll(/<w:footnote\b[^>]*w:id="(-?\d+)"/g)].map((m) => Number(m[1]));
    expect(ids).toEqual([-1, 0, 1, 2, 3]);
    expect(notes.match(/Note A\./g)).toHaveLength(1);
    const refs = [...doc.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(refs).toEqual([1, 2, 3]);
    expect(paragraph(doc, 'Sidst').xml).toContain('<w:footnoteReference w:id="3"/>');
  });

  it('puts a hidden bookmark around the first reference, and only around a note referenced again', () => {
    expect(paragraph(doc, 'Første').xml).toContain(
      '<w:bookmarkStart w:name="_RefFodnote1" w:id="1"/><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r><w:bookmarkEnd w:id="1"/>',
    );
    expect([...doc.matchAll(/<w:bookmarkStart\b/g)]).toHaveLength(1);
  });

  it('makes a later reference a NOTEREF field (\\f: footnote reference format, \\h: link) whose result is the note\'s number', () => {
    const run = (inner: string) => `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>${inner}</w:r>`;
    const field = [
      run('<w:fldChar w:fldCharType="begin"/>'),
      run('<w:instrText xml:space="preserve"> NOTEREF _RefFodnote1 \\f \\h </w:instrText>'),
      run('<w:fldChar w:fldCharType="separate"/>'),
      run('<w:t xml:space="preserve">1</w:t>'),
      run('<w:fldChar w:fldCharType="end"/>'),
    ].join('');
    const again = paragraph(doc, 'Igen i en liste');
    expect(again.xml).toContain(`Igen i en liste.</w:t></w:r>${field}`);
    expect(again.xml).not.toContain('footnoteReference w:id="1"');
    // A mention inside another note is the same cross-reference.
    expect(notes).toContain(`som også nævner A.</w:t></w:r>${field}`);
    expect([...doc.matchAll(/NOTEREF/g)]).toHaveLength(1);
  });

  it('gives the same bytes every time (bookmark ids are the note ids, not a process-wide counter)', async () => {
    const again = await toDocx(parseMarkdown(md), options);
    expect(Buffer.from(again.bytes).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('columnWidths', () => {
  it('gives the first of two columns 65 % and fills the text width exactly', () => {
    const [a, b] = columnWidths([['Succeskriterier', 'Datakilde']], 10000);
    expect([a, b]).toEqual([6500, 3500]);
  });

  it('keeps a long Danish compound on one line in a wide table', () => {
    const widths = columnWidths([['År', 'Kommune', 'Boligorganisation', 'Fonde', 'I alt'], ['2019', '250', '300', '100', '650']], 9072);
    expect(widths.reduce((x, y) => x + y, 0)).toBe(9072);
    expect(widths[2]!).toBeGreaterThanOrEqual('Boligorganisation'.length * 110 + 200);
    expect(widths[2]!).toBe(Math.max(...widths));
  });
});
