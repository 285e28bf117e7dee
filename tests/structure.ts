/**
 * Reading a tagged PDF's structure back (issue 12, PDF/UA-1): poppler's
 * `pdfinfo -struct-text` for the tree, qpdf's JSON for the annotations, pdf.js's
 * operator list for the marked content. Nothing here validates PDF/UA; these are the
 * tools that can read a structure tree on this machine.
 */
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openPdf, runTool } from './readers.js';

/** One element of `pdfinfo -struct-text`: its role, depth in the tree, and its text (joined). */
export interface StructNode { role: string; depth: number; text: string }

/**
 * The structure tree in reading order, from `pdfinfo -struct-text`: element lines are
 * "Role (block|inline)" (TH/TD with attributes: "TH:"), text lines are quoted, and an
 * annotation is "Object n 0".
 */
export async function structureTree(file: string): Promise<StructNode[]> {
  const { stdout, code, stderr } = await runTool('pdfinfo', ['-struct-text', file]);
  if (code !== 0) throw new Error(`pdfinfo -struct-text: ${stderr}`);
  const nodes: StructNode[] = [];
  for (const line of stdout.split('\n')) {
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

/** Per page, how many text-showing operators pdf.js finds outside any marked content (BDC/BMC … EMC), and how many in all. */
export async function textOutsideMarkedContent(file: string): Promise<{ outside: number[]; shown: number }> {
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
        else if (SHOW_TEXT.has(fn)) {
          shown += 1;
          if (depth <= 0) count += 1;
        }
      }
      outside.push(count);
    }
    return { outside, shown };
  } finally {
    await doc.destroy();
  }
}
