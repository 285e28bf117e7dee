import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * Makes an OOXML package (docx's DOCX, write-excel-file's XLSX) reproducible: identical input,
 * identical bytes, in any time zone.
 *
 * docx (9.15) writes `new Date()` as dcterms:created/modified, gives hyperlinks and some
 * parts random relationship ids (nanoid), and zips with the current time as each entry's
 * DOS mtime, which is local time. This unzips the package, replaces the dates with the
 * agreement's date, renames random relationship ids to rId<n> in a stable order, and
 * zips again with a fixed mtime and a fixed entry order, `[Content_Types].xml` first.
 * `parts` edits named XML parts on the way.
 */
export function reproducible(bytes: Uint8Array, meta: { date: Date; language: string }, parts: Record<string, (xml: string) => string> = {}): Uint8Array {
  const files = unzipSync(bytes);
  const text = new Map<string, string>();
  for (const [name, data] of Object.entries(files)) if (/\.(xml|rels)$/.test(name)) text.set(name, strFromU8(data));
  // Edits of parts the writing library cannot express (to-docx.ts), in the same unzip.
  for (const [name, edit] of Object.entries(parts)) if (text.has(name)) text.set(name, edit(text.get(name)!));

  const core = text.get('docProps/core.xml');
  if (core !== undefined) text.set('docProps/core.xml', fixCore(core, meta));
  for (const name of [...text.keys()]) if (name.endsWith('.rels')) renameRelationships(name, text);

  const order = Object.keys(files).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const mtime = dosSafeLocal(meta.date);
  const zippable: Zippable = {};
  for (const name of order) {
    const data = text.has(name) ? strToU8(text.get(name)!) : files[name]!;
    zippable[name] = [data, { mtime, level: 6 }];
  }
  return zipSync(zippable);
}

function rank(name: string): number {
  if (name === '[Content_Types].xml') return 0;
  if (name === '_rels/.rels') return 1;
  return 2;
}

/** W3CDTF without milliseconds, e.g. 2018-01-01T00:00:00Z. */
export function w3cdtf(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function fixCore(xml: string, meta: { date: Date; language: string }): string {
  const when = w3cdtf(meta.date);
  let out = xml.replace(
    /<dcterms:(created|modified)([^>]*)>[^<]*<\/dcterms:\1>/g,
    (_m, name: string, attrs: string) => `<dcterms:${name}${attrs}>${when}</dcterms:${name}>`,
  );
  if (!out.includes('<dc:language>')) {
    out = out.replace('</cp:coreProperties>', `<dc:language>${escapeXml(meta.language)}</dc:language></cp:coreProperties>`);
  }
  return out;
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}

const RELATIONSHIP = /<Relationship\b[^>]*?\/>/g;
const ID = /\bId="([^"]*)"/;
const STABLE = /^rId\d+$/;

/**
 * Renames relationship ids that aren't rId<n> (docx's random ones) in one .rels file and
 * in the part it belongs to, numbering them after the stable ones in the order the part
 * first uses them (then by Type and Target for ids the part doesn't name). The
 * relationships are written in id order, so the random ids' order doesn't leak through.
 */
function renameRelationships(relsName: string, text: Map<string, string>): void {
  const rels = text.get(relsName)!;
  const elements = rels.match(RELATIONSHIP) ?? [];
  const ids = elements.map((el) => ID.exec(el)?.[1] ?? '');
  const random = ids.filter((id) => !STABLE.test(id));
  if (random.length === 0) return;

  const partName = relsName.replace(/(^|\/)_rels\/([^/]+)\.rels$/, '$1$2');
  const part = text.get(partName) ?? '';
  const key = (id: string): [number, string] => {
    const at = part.indexOf(`"${id}"`);
    const el = elements[ids.indexOf(id)] ?? '';
    return [at < 0 ? Number.MAX_SAFE_INTEGER : at, el.replace(ID, '')];
  };
  random.sort((a, b) => {
    const [pa, ea] = key(a);
    const [pb, eb] = key(b);
    return pa - pb || (ea < eb ? -1 : ea > eb ? 1 : 0);
  });

  let next = Math.max(0, ...ids.filter((id) => STABLE.test(id)).map((id) => Number(id.slice(3))));
  const renamed = new Map(random.map((id) => [id, `rId${++next}`]));
  const rewritten = elements
    .map((el) => {
      const id = ID.exec(el)?.[1] ?? '';
      const to = renamed.get(id) ?? id;
      return { n: Number(to.slice(3)), el: el.replace(ID, `Id="${to}"`) };
    })
    .sort((a, b) => a.n - b.n)
    .map((r) => r.el);

  let i = 0;
  text.set(relsName, rels.replace(RELATIONSHIP, () => rewritten[i++] ?? ''));
  if (text.has(partName)) {
    text.set(
      partName,
      part.replace(/(r:[A-Za-z]+=")([^"]+)(")/g, (m, a: string, id: string, z: string) =>
        renamed.has(id) ? `${a}${renamed.get(id)}${z}` : m,
      ),
    );
  }
}

/**
 * fflate writes the DOS mtime from the Date's *local* fields, so the local-time Date for the
 * agreement's UTC calendar day at noon gives the same bytes in every time zone (noon: no
 * daylight-saving gap). DOS dates run 1980-2099.
 */
function dosSafeLocal(date: Date): Date {
  const valid = !Number.isNaN(date.getTime());
  const year = valid ? Math.min(2099, Math.max(1980, date.getUTCFullYear())) : 1980;
  return valid && year === date.getUTCFullYear()
    ? new Date(year, date.getUTCMonth(), date.getUTCDate(), 12, 0, 0)
    : new Date(year, 0, 1, 12, 0, 0);
}
