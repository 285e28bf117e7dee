import { createHash } from 'node:crypto';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { Format } from './formats.js';
import type { Delaftale } from './content/types.js';
import { prepare, templateFolder, type Prepared } from './generate.js';
import type { Rendered } from './render/options.js';
import { provenance } from './revision/digests.js';
import { formatStamp, type Provenance } from './revision/stamp.js';

/**
 * Content → the files a build produces, in memory (the CLI writes them). Renderers
 * are imported on first use, so a build that needs no PDF never loads react-pdf,
 * and independent documents render concurrently.
 */
export interface OutputFile {
  /** Manifest kind: agreement-pdf, agreement-docx, portal-pdf, portal-docx, portal-xlsx, samarbejdsaftale-pdf, samarbejdsaftale-docx. */
  kind: string;
  /** Relative to the output folder (and so to the manifest). */
  path: string;
  bytes: Uint8Array;
}

export interface Outputs {
  files: OutputFile[];
  warnings: Diagnostic[];
  /** What the bytes are made from (for the manifest and the overwrite guard). */
  provenance: Provenance;
}

export interface OutputOptions {
  formats: readonly Format[];
  /** Agreement, portal sheets, or both. */
  documents: readonly ('agreement' | 'portal')[];
  /** The portal outputs for these activities only (indices). */
  only?: number[];
  sourceDateEpoch?: string;
  /** A secretariat's own template folder (absolute path); see templateFolder. */
  skabelon?: string;
}

/**
 * The last rendering of each document and format, keyed by exactly what determines its
 * bytes (the document tree, content fields included, and the options). In a long-lived process (watch) an edit that
 * leaves a document unchanged, e.g. agreement-only text for the activity sheets, reuses
 * its bytes instead of laying it out again; a one-shot build never hits it.
 */
const lastRendered = new Map<string, { key: string; result: Promise<Rendered> }>();

function render(format: 'pdf' | 'docx', p: Prepared, slot: string): Promise<Rendered> {
  const key = createHash('sha256').update(format).update('\0').update(JSON.stringify(p.tree)).update('\0').update(JSON.stringify(p.options)).digest('hex');
  const last = lastRendered.get(`${slot}:${format}`);
  if (last?.key === key) return last.result;
  const result = (async () => {
    // The document's last footnote placement is tried first (render/pdf/warm-start.ts).
    if (format === 'pdf') return (await import('./render/pdf/to-pdf.js')).toPdf(p.tree, p.options, { placementKey: `${slot}:${p.fileName}` });
    return (await import('./render/docx/to-docx.js')).toDocx(p.tree, p.options);
  })();
  lastRendered.set(`${slot}:${format}`, { key, result });
  result.catch(() => lastRendered.delete(`${slot}:${format}`));
  return result;
}

export async function buildOutputs(content: Delaftale, o: OutputOptions): Promise<Outputs> {
  const jobs: Job[] = [];
  const documents: [kindPrefix: string, prepared: Prepared][] = [];
  if (o.documents.includes('agreement')) documents.push(['agreement', prepare(content, { sourceDateEpoch: o.sourceDateEpoch, skabelon: o.skabelon })]);
  if (o.documents.includes('portal')) documents.push(['portal', prepare(content, { template: 'aktivitetsark', only: o.only, sourceDateEpoch: o.sourceDateEpoch, skabelon: o.skabelon })]);
  const made = provenance(content, templateFolder(content, o.skabelon), o.sourceDateEpoch);
  // An approved version's PDF and DOCX say so themselves, with what they were made from.
  if (content.revision.godkendt !== undefined) {
    for (const [, p] of documents) p.options.metadata.stamp = formatStamp({ ...made, version: content.revision.version, file: p.fileName });
  }

  for (const [prefix, prepared] of documents) {
    jobs.push(...documentJobs(prefix, prepared, o.formats));
    if (prefix === 'portal' && o.formats.includes('xlsx')) {
      jobs.push((async () => {
        const [{ toXlsx }, { portalRecord }, { loadPortalProfile }] = await Promise.all([
          import('./portal/to-xlsx.js'), import('./portal/records.js'), import('./portal/profile.js'),
        ]);
        const indices = o.only ?? content.aktiviteter.map((_, i) => i);
        const bytes = await toXlsx(indices.map((i) => portalRecord(content, i)), loadPortalProfile(templateFolder(content, o.skabelon)), prepared.options.metadata.date);
        return { file: { kind: 'portal-xlsx', path: `${prepared.fileName}.xlsx`, bytes }, warnings: [] };
      })());
    }
  }
  return { ...(await collect(jobs)), provenance: made };
}

type Job = Promise<{ file: OutputFile; warnings: Diagnostic[] }>;

/** One document as PDF and DOCX (those of `formats` asked for), kinds `<prefix>-pdf` and `<prefix>-docx`. */
function documentJobs(prefix: string, prepared: Prepared, formats: readonly Format[]): Job[] {
  return (['pdf', 'docx'] as const).filter((f) => formats.includes(f)).map((format) => render(format, prepared, prefix).then((r) => ({
    file: { kind: `${prefix}-${format}`, path: `${prepared.fileName}.${format}`, bytes: r.bytes },
    warnings: r.warnings,
  })));
}

async function collect(jobs: Job[]): Promise<Omit<Outputs, 'provenance'>> {
  const done = await Promise.all(jobs);
  return { files: done.map((d) => d.file), warnings: done.flatMap((d) => d.warnings) };
}

/** A plan's strategisk samarbejdsaftale (see prepareSamarbejdsaftale) as PDF and DOCX. */
export function buildSamarbejdsaftale(prepared: Prepared, formats: readonly Format[]): Promise<Omit<Outputs, 'provenance'>> {
  return collect(documentJobs('samarbejdsaftale', prepared, formats));
}
