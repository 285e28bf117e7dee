import { strFromU8, unzipSync } from 'fflate';

/**
 * An approved version's PDF and DOCX carry their approval inside themselves (a custom
 * PDF Info entry, a custom DOCX document property), so the overwrite guard can recognise
 * them without manifest.json: after the manifest is deleted or edited, or the files
 * renamed. The stamp also holds the digests of the content and the template set the file
 * was made from, so a refused build can say what differs. Pure: bytes in, stamp out.
 */
export const STAMP_KEY = 'DelaftaleGodkendt';

export interface Provenance {
  /** SHA-256 of the content (canonical JSON, without $schema). */
  content: string;
  /** SHA-256 of the template folder's files. */
  templates: string;
  /** delaftale's version. */
  program: string;
  sourceDateEpoch?: string;
}

export interface Stamp extends Provenance {
  /** The approved version. */
  version: string;
  /** The base name (no extension) the file was written as. */
  file: string;
}

const FIELDS: [keyof Stamp, string][] = [
  ['version', 'version'], ['file', 'fil'], ['content', 'indhold'], ['templates', 'skabeloner'], ['program', 'program'], ['sourceDateEpoch', 'SOURCE_DATE_EPOCH'],
];

/** "version=1.0; fil=…; indhold=<sha256>; skabeloner=<sha256>; program=0.1.0" (ASCII: file names are slugs). */
export function formatStamp(s: Stamp): string {
  return FIELDS.filter(([k]) => s[k] !== undefined).map(([k, label]) => `${label}=${s[k]}`).join('; ');
}

export function parseStamp(text: string): Stamp | undefined {
  const values = new Map(text.split('; ').map((part) => {
    const at = part.indexOf('=');
    return [part.slice(0, at), part.slice(at + 1)] as const;
  }));
  const stamp: Partial<Stamp> = {};
  for (const [k, label] of FIELDS) if (values.has(label)) stamp[k] = values.get(label);
  const { version, file, content, templates, program } = stamp;
  if ([version, file, content, templates, program].some((v) => v === undefined || v === '')) return undefined;
  return stamp as Stamp;
}

/**
 * The stamp in a PDF's Info dictionary. pdfkit writes each Info value as an object of its
 * own, uncompressed (`/DelaftaleGodkendt 137 0 R` … `137 0 obj (…) endobj`), ASCII.
 */
export function stampInPdf(bytes: Uint8Array): Stamp | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const ref = new RegExp(`/${STAMP_KEY}\\s*(?:\\((?<direct>(?:[^)\\\\]|\\\\.)*)\\)|(?<num>\\d+)\\s+0\\s+R)`).exec(text);
  if (!ref) return undefined;
  let literal = ref.groups?.direct;
  if (literal === undefined) {
    const obj = new RegExp(`(?:^|[\\r\\n])${ref.groups!.num}\\s+0\\s+obj\\s*\\((?<s>(?:[^)\\\\]|\\\\.)*)\\)`).exec(text);
    literal = obj?.groups?.s;
  }
  return literal === undefined ? undefined : parseStamp(literal.replace(/\\(.)/g, '$1'));
}

/** The stamp among a DOCX's custom document properties (docProps/custom.xml). */
export function stampInDocx(bytes: Uint8Array): Stamp | undefined {
  let xml: string | undefined;
  try {
    const part = unzipSync(bytes, { filter: (f) => f.name === 'docProps/custom.xml' })['docProps/custom.xml'];
    xml = part && strFromU8(part);
  } catch {
    return undefined; // not a zip: not ours
  }
  const m = xml && new RegExp(`name="${STAMP_KEY}"[^>]*>\\s*<vt:lpwstr>([^<]*)</vt:lpwstr>`).exec(xml);
  return m ? parseStamp(m[1]!.replace(/&amp;/g, '&')) : undefined;
}
