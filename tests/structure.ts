/**
 * Reading a tagged PDF's structure back (issue 12, PDF/UA-1): poppler's
 * `pdfinfo -struct-text` for the tree, qpdf's JSON for the annotations, pdf.js's
 * operator list for the marked content. Nothing here validates PDF/UA; these are the
 * tools that can read a structure tree on this machine.
 */
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openPdf, runTool } from './readers.js';

/** `pdfinfo -struct-text` of a file: its structure tree with the text of each element (poppler; slow, 5–10 s for the seed). */
export async function structText(file: string): Promise<string> {
  const { stdout, code, stderr } = await runTool('pdfinfo', ['-struct-text', file], { timeout: 120_000 });
  if (code !== 0) throw new Error(`pdfinfo -struct-text: ${stderr}`);
  return stdout;
}

/** One element of `pdfinfo -struct-text`: its role, depth in the tree, and its text (joined). */
export interface StructNode { role: string; depth: number; text: string }

/**
 * The structure tree in reading order, from `pdfinfo -struct-text`: element lines are
 * "Role (block|inline)" (TH/TD with attributes: "TH:"), text lines are quoted, and an
 * annotation is "Object n 0".
 */
export function structureTree(structText: string): StructNode[] {
  const nodes: StructNode[] = [];
  for (const line of structText.split('\n')) {
    const depth = line.length - line.trimStart().length;
    const body = line.trim();
    if (!body) continue;
    if (body.startsWith('"')) {
      // Text belongs to the innermost element above it.
      const owner = [...nodes].reverse().find((n) => n.depth < depth);
      if (owner) owner.text += body.slice(1, -1);
      continue;
    }
    const role = /^([A-Za-z0-9]+)(?=[ :]|$)/.exec(body)?.[1];
    if (role && !body.startsWith('Object ')) nodes.push({ role, depth, text: '' });
  }
  return nodes;
}

/** The text of an element including its descendants' (pdfinfo lists a Link's text under the Link). */
export function fullText(nodes: StructNode[], index: number): string {
  const own = nodes[index]!;
  let text = own.text;
  for (let i = index + 1; i < nodes.length && nodes[i]!.depth > own.depth; i += 1) text += nodes[i]!.text;
  return text;
}

/** The headings (H1–H6) of a tree, and those that go more than one level deeper than the heading before them. */
export function headingLevels(nodes: StructNode[]): { headings: StructNode[]; skipped: string[] } {
  const headings = nodes.filter((n) => /^H[1-6]$/.test(n.role));
  const skipped = headings.flatMap((h, i) =>
    i > 0 && Number(h.role.slice(1)) > Number(headings[i - 1]!.role.slice(1)) + 1 ? [`${headings[i - 1]!.role} → ${h.role} "${h.text}"`] : [],
  );
  return { headings, skipped };
}

/** Indices of the direct children of element `index`. */
export function childrenOf(nodes: StructNode[], index: number): number[] {
  const depth = nodes[index]!.depth;
  const out: number[] = [];
  for (let i = index + 1; i < nodes.length && nodes[i]!.depth > depth; i += 1) if (nodes[i]!.depth === depth + 2) out.push(i);
  return out;
}

/** `pdfinfo`'s "Tagged:" line. */
export async function isTagged(file: string): Promise<boolean> {
  return /^Tagged:\s+yes$/m.test((await runTool('pdfinfo', [file])).stdout);
}

interface QpdfJson { qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>] }

/** Every annotation dictionary of the file (qpdf --json). */
export async function annotations(file: string): Promise<Record<string, unknown>[]> {
  const { stdout } = await runTool('qpdf', ['--json', file]);
  const objects = (JSON.parse(stdout) as QpdfJson).qpdf[1];
  return Object.values(objects).flatMap((o) => (o.value?.['/Type'] === '/Annot' ? [o.value] : []));
}

const SHOW_TEXT = new Set([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
/** Operators that draw nothing: graphics state only. */
const STATE = new Set([OPS.save, OPS.restore, OPS.transform, OPS.dependency, OPS.setGState]);

/**
 * Per page, how many operators pdf.js finds outside any marked content (BDC/BMC … EMC)
 * other than graphics-state ones (so text, paths, fills, strokes), and how many text
 * operators there are in all (so a page with nothing read cannot pass unseen).
 */
export async function drawnOutsideMarkedContent(file: string): Promise<{ outside: number[]; shown: number }> {
  const doc = await openPdf(file);
  try {
    const outside: number[] = [];
    let shown = 0;
    for (let i = 1; i <= doc.numPages; i += 1) {
      const { fnArray } = await (await doc.getPage(i)).getOperatorList();
      let depth = 0;
      let count = 0;
      for (const fn of fnArray) {
        if (fn === OPS.beginMarkedContent || fn === OPS.beginMarkedContentProps) depth += 1;
        else if (fn === OPS.endMarkedContent) depth -= 1;
        else if (depth <= 0 && !STATE.has(fn)) count += 1;
        if (SHOW_TEXT.has(fn)) shown += 1;
      }
      outside.push(count);
    }
    return { outside, shown };
  } finally {
    await doc.destroy();
  }
}

/** A hyphen that is content of its own inside an element's text, with the text before and after it in reading order. */
export interface HyphenInText { before: string; after: string }

/**
 * Hyphens the structure tree (`structText`) holds as content of their own between two pieces of one
 * element's text (`pdfinfo -struct-text`: a line `"-"` between two text lines at its
 * depth): how the tagged PDF draws a hyphen added at a line break, even where the
 * paragraph goes on on the next page.
 */
export function hyphensInText(structText: string): HyphenInText[] {
  const lines = structText.split('\n');
  const quoted = (line: string | undefined, depth: number): string | undefined => {
    if (line === undefined || line.length - line.trimStart().length !== depth) return undefined;
    const body = line.trim();
    return body.startsWith('"') && body.endsWith('"') ? body.slice(1, -1) : undefined;
  };
  const found: HyphenInText[] = [];
  lines.forEach((line, i) => {
    if (line.trim() !== '"-"') return;
    const depth = line.length - line.trimStart().length;
    // An empty sequence may stand between (where a line or a page ended).
    const near = (step: number): string | undefined => {
      for (let k = i + step; ; k += step) {
        const text = quoted(lines[k], depth);
        if (text !== '') return text;
      }
    };
    const before = near(-1);
    const after = near(1);
    if (before !== undefined && after !== undefined) found.push({ before, after });
  });
  return found;
}

/** How many marked-content sequences give a soft hyphen as their /ActualText (qpdf's uncompressed copy of the file). */
export async function softHyphenActualTexts(file: string): Promise<number> {
  const { stdout } = await runTool('qpdf', ['--qdf', '--object-streams=disable', file, '-']);
  return stdout.split('/ActualText <feff00ad>').length - 1;
}
