import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ROOT } from './helpers.js';

/**
 * Real readers for the files a build writes: pdfjs for PDF text, metadata and outline,
 * fflate for the OOXML parts, and the command-line tools (poppler, qpdf, LibreOffice).
 */

// ---------------------------------------------------------------- processes

export interface ToolRun { code: number; stdout: string; stderr: string }

/** Runs a program without a shell; never throws (a missing program is code 127). */
export function runTool(cmd: string, args: string[], options: { cwd?: string; env?: Record<string, string>; timeout?: number } = {}): Promise<ToolRun> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, timeout: options.timeout ?? 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      let code = 0;
      if (err) code = typeof err.code === 'number' ? err.code : err.code === 'ENOENT' ? 127 : 1;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Whether a program is on PATH (`sh -c 'command -v …'`). */
export function hasTool(cmd: string): Promise<boolean> {
  return runTool('sh', ['-c', `command -v ${cmd}`]).then((r) => r.code === 0);
}

export interface Converted extends ToolRun { output: string }

/**
 * LibreOffice headless conversion (`format` as for --convert-to, e.g. "pdf" or
 * 'csv:Text - txt - csv (StarCalc):44,34,76,1'). Each call gets its own user profile,
 * so parallel conversions never share (and lock) one; the profile is removed after.
 */
export async function sofficeConvert(file: string, format: string, outdir: string, timeout = 110_000): Promise<Converted> {
  const profile = mkdtempSync(join(tmpdir(), 'delaftale-lo-'));
  try {
    const run = await runTool('soffice', [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', format, '--outdir', outdir, file], { timeout });
    const extension = format.split(':')[0]!;
    return { ...run, output: join(outdir, `${basename(file, extname(file))}.${extension}`) };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- PDF (pdfjs)

export interface PdfItem { str: string; x: number; y: number; size: number; hasEOL: boolean }
export interface PdfPage { items: PdfItem[]; /** Text as laid out: items joined, a newline at each line end. */ raw: string }

export async function openPdf(file: string): Promise<PDFDocumentProxy> {
  // pdfjs detaches the buffer it is given; the file's bytes are ours alone.
  return getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false, isEvalSupported: false }).promise;
}

/** Every page's text items with position (PDF points, origin bottom left) and font size. */
export async function pdfText(file: string): Promise<PdfPage[]> {
  const doc = await openPdf(file);
  try {
    const pages: PdfPage[] = [];
    for (let i = 1; i <= doc.numPages; i += 1) {
      const content = await (await doc.getPage(i)).getTextContent();
      const items: PdfItem[] = [];
      let raw = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [a, b, , , x, y] = item.transform as number[];
        items.push({ str: item.str, x: x!, y: y!, size: Math.hypot(a!, b!), hasEOL: item.hasEOL });
        raw += item.str + (item.hasEOL ? '\n' : '');
      }
      pages.push({ items, raw });
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/**
 * Readings of a page's text to search in: white space (also no-break space) collapsed,
 * and a hyphen at a line end read as a hyphenation point ("Helheds-\nplanen"), as a
 * real hyphen ("Grønholt-\nPedersen") and as plain text.
 */
export function readings(raw: string): string[] {
  const ws = (s: string) => s.replace(/\u00ad/g, '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  return [ws(raw), ws(raw.replace(/-\n/g, '')), ws(raw.replace(/-\n/g, '-'))];
}

/** Whether the text contains the needle (white space in the needle matches any white space). */
export function textHas(raw: string, needle: string): boolean {
  const n = needle.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  return readings(raw).some((r) => r.includes(n));
}

/** 1-based numbers of the pages whose text contains the needle. */
export function pagesWith(pages: PdfPage[], needle: string): number[] {
  return pages.flatMap((p, i) => (textHas(p.raw, needle) ? [i + 1] : []));
}

export interface OutlineEntry { title: string; items: OutlineEntry[] }
export interface PdfInfo {
  pages: number;
  /** The document information dictionary as pdfjs reads it (Title, Author, Language from the catalog's /Lang, …). */
  info: Record<string, unknown>;
  /** XMP metadata, keys as pdfjs names them ("pdfaid:part", "dc:title", …). */
  xmp: Map<string, unknown>;
  outline: OutlineEntry[];
}

export async function pdfInfo(file: string): Promise<PdfInfo> {
  const doc = await openPdf(file);
  try {
    const { info, metadata } = await doc.getMetadata();
    const xmp = new Map<string, unknown>(metadata ? [...(metadata as unknown as Iterable<[string, unknown]>)] : []);
    const strip = (o: { title: string; items: unknown[] }): OutlineEntry => ({ title: o.title, items: (o.items as { title: string; items: unknown[] }[]).map(strip) });
    const outline = ((await doc.getOutline()) ?? []).map((o) => strip(o as { title: string; items: unknown[] }));
    return { pages: doc.numPages, info: info as Record<string, unknown>, xmp, outline };
  } finally {
    await doc.destroy();
  }
}

// ---------------------------------------------------------------- OOXML (fflate)

/** Every part of a DOCX/XLSX package as text. */
export function zipParts(file: string): Record<string, string> {
  const parts = unzipSync(new Uint8Array(readFileSync(file)));
  return Object.fromEntries(Object.entries(parts).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

/** One part of a DOCX package, e.g. "word/document.xml"; throws when it is missing. */
export function docxXml(file: string, part = 'word/document.xml'): string {
  const xml = zipParts(file)[part];
  if (xml === undefined) throw new Error(`${file} has no part ${part}`);
  return xml;
}

export function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()]!;
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/** The text of each w:p in a WordprocessingML part (w:t joined, w:tab/w:br as a space). */
export function wordParagraphs(xml: string): string[] {
  const out: string[] = [];
  for (const p of xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []) {
    let text = '';
    for (const m of p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:(?:tab|br)\b[^>]*\/>/g)) text += m[1] !== undefined ? unescapeXml(m[1]) : ' ';
    out.push(text);
  }
  return out;
}

/** The cells of the first worksheet as rows of strings (shared and inline strings resolved). */
export interface SheetCell { ref: string; type: string | undefined; value: string; hasFormula: boolean }
export function xlsxRows(file: string): { rows: SheetCell[][]; sheetXml: string; parts: Record<string, string> } {
  const parts = zipParts(file);
  const sheetXml = parts['xl/worksheets/sheet1.xml'];
  if (sheetXml === undefined) throw new Error(`${file} has no xl/worksheets/sheet1.xml`);
  const siText = (si: string) => [...si.matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)].map((m) => unescapeXml(m[1]!)).join('');
  const shared = [...(parts['xl/sharedStrings.xml'] ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => siText(m[1]!));
  const rows: SheetCell[][] = [];
  for (const row of sheetXml.match(/<row\b[\s\S]*?<\/row>/g) ?? []) {
    const cells: SheetCell[] = [];
    for (const c of row.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1]!;
      const body = c[2] ?? '';
      const type = /\bt="([^"]*)"/.exec(attrs)?.[1];
      const ref = /\br="([^"]*)"/.exec(attrs)?.[1] ?? '';
      const v = /<v>([^<]*)<\/v>/.exec(body)?.[1];
      let value = '';
      if (type === 's') value = shared[Number(v)] ?? '';
      else if (type === 'inlineStr') value = siText(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
      else value = v !== undefined ? unescapeXml(v) : '';
      // Cells may be sparse: place each by its column letters, gaps as empty cells.
      const column = [...(/^[A-Z]+/.exec(ref)?.[0] ?? '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      while (ref && cells.length < column) cells.push({ ref: '', type: undefined, value: '', hasFormula: false });
      cells.push({ ref, type, value, hasFormula: /<f[\s>/]/.test(body) });
    }
    rows.push(cells);
  }
  return { rows, sheetXml, parts };
}

// ---------------------------------------------------------------- CSV

/** RFC 4180: comma separated, double-quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let i = 0;
  const s = text.replace(/^\ufeff/, '');
  while (i < s.length) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i += 1; continue; }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') { quoted = true; i += 1; continue; }
    if (ch === ',') { record.push(field); field = ''; i += 1; continue; }
    if (ch === '\r' && s[i + 1] === '\n') i += 1;
    if (ch === '\n' || ch === '\r') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
      continue;
    }
    field += ch;
    i += 1;
  }
  if (field !== '' || record.length > 0) { record.push(field); records.push(record); }
  return records;
}

// ---------------------------------------------------------------- the shared fidelity tool

/** The shared folder beside the repository (../shared here and in CI). */
export const SHARED = join(ROOT, '..', 'shared');
export const FIDELITY = join(SHARED, 'tools/fidelity.py');
export const SEED_TEXT = join(SHARED, 'seeds/000_3c0444a1d17f3534.txt');
export const HAS_SHARED = existsSync(FIDELITY) && existsSync(SEED_TEXT);

/**
 * The seed's text without its party and contact lines, for fidelity.py: the documents write
 * every person in one order ("Navn, Titel, Organisation (FORK), e-mail"), where the seed mixes
 * "Titel Navn, FORK, e-mail" and "Organisation, Titel Navn" and names no organisation in its
 * "Kontakt:" lines, so those lines are intended changes (checked word for word in
 * tests/parties.test.ts and build.test.ts). A line goes when it names a person (name or
 * e-mail); a "Kontakt: …" at the end of a paragraph goes with the rest of the paragraph kept.
 */
export function withoutPersonLines(seedText: string, people: { navn: string; email?: string }[]): string {
  const letters = (s: string) => s.toLowerCase().replace(/[^\p{L}]/gu, '');
  const keys = people.flatMap((p) => [p.navn, p.email ?? '']).filter(Boolean).map(letters);
  const names = (s: string) => keys.some((k) => letters(s).includes(k));
  // fidelity.py reads a tag as a line break; so does this.
  return seedText.replace(/<[^>]+>/g, '\n').split('\n').flatMap((line) => {
    const contact = line.indexOf('Kontakt:');
    const kept = contact >= 0 && names(line.slice(contact)) ? line.slice(0, contact) : line;
    return names(kept) ? [] : [kept];
  }).join('\n');
}

/** `python3 fidelity.py SOURCE RENDERED`: the share of the source's chunks present, from its last line. */
export async function fidelity(source: string, rendered: string): Promise<{ present: number; lastLine: string; output: string }> {
  const r = await runTool('python3', [FIDELITY, source, rendered, '--min', '0', '--show', '20'], { timeout: 60_000 });
  const lines = r.stdout.trim().split('\n');
  const lastLine = lines.at(-1) ?? '';
  const m = /= ([\d.]+)% present/.exec(lastLine);
  if (r.code !== 0 || !m) throw new Error(`fidelity.py failed (exit ${r.code}): ${r.stdout}${r.stderr}`);
  return { present: Number(m[1]), lastLine, output: r.stdout };
}

export interface Manifest { files: { kind: string; path: string; sha256: string; bytes: number }[] }

/** An output folder's manifest.json. */
export const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

/** The path of the file of one kind (agreement-pdf, portal-xlsx, …) listed in a manifest. */
export const pathOf = (m: Manifest, dir: string, kind: string): string => {
  const f = m.files.find((e) => e.kind === kind);
  if (!f) throw new Error(`manifest has no ${kind}`);
  return join(dir, f.path);
};
