import { createHash } from 'node:crypto';
import type { OutputFile } from '../outputs.js';
import type { GuardedEntry } from '../revision/guard.js';
import type { Provenance } from '../revision/stamp.js';

/**
 * manifest.json's entries: pure (writeOutputs reads the old one and writes the new one).
 * Besides kind and size, what the guard reads (guard.ts): path, SHA-256, the version and
 * whether it is approved, and the digests of what the file was made from.
 */
export interface ManifestEntry extends GuardedEntry {
  kind: string;
  bytes: number;
}

/** An output with the revision it belongs to and what it was made from (recorded in the manifest for the overwrite guard). */
export type WritableFile = OutputFile & { version?: string; approved?: boolean; provenance?: Provenance };

export function manifestEntries(files: WritableFile[]): ManifestEntry[] {
  return files.map((f) => ({
    kind: f.kind,
    path: f.path,
    sha256: createHash('sha256').update(f.bytes).digest('hex'),
    bytes: f.bytes.length,
    ...(f.version !== undefined ? { version: f.version } : {}),
    ...(f.approved !== undefined ? { approved: f.approved } : {}),
    ...(f.provenance !== undefined ? {
      contentSha256: f.provenance.content,
      templatesSha256: f.provenance.templates,
      program: f.provenance.program,
      ...(f.provenance.sourceDateEpoch !== undefined ? { sourceDateEpoch: f.provenance.sourceDateEpoch } : {}),
    } : {}),
  }));
}

/**
 * The new manifest.json: the entries of other files already in the folder stay (earlier
 * versions stay listed), the new ones replace those with their paths; sorted by path.
 */
export function manifestText(previous: readonly ManifestEntry[], entries: readonly ManifestEntry[]): string {
  const paths = new Set(entries.map((e) => e.path));
  const listed = [...previous.filter((e) => !paths.has(e.path)), ...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return `${JSON.stringify({ files: listed }, null, 2)}\n`;
}
