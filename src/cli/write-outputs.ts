import { createHash } from 'node:crypto';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import type { OutputFile } from '../outputs.js';
import { fsProblem } from './fs-problem.js';
import { ApprovedVersionError, findConflicts } from '../revision/guard.js';

export interface ManifestEntry {
  kind: string;
  path: string;
  sha256: string;
  bytes: number;
  /** The agreement version the file was rendered from, and whether that version is approved. */
  version?: string;
  approved?: boolean;
}

/** An output with the revision it belongs to (recorded in the manifest for the overwrite guard). */
export type WritableFile = OutputFile & { version?: string; approved?: boolean };

function manifestEntries(files: WritableFile[]): ManifestEntry[] {
  return files.map((f) => ({
    kind: f.kind,
    path: f.path,
    sha256: createHash('sha256').update(f.bytes).digest('hex'),
    bytes: f.bytes.length,
    ...(f.version !== undefined ? { version: f.version } : {}),
    ...(f.approved !== undefined ? { approved: f.approved } : {}),
  }));
}

/** The entries of an existing manifest.json in outDir whose files are still there ([] when there is none). */
export async function readManifest(outDir: string): Promise<ManifestEntry[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8'));
  } catch {
    return [];
  }
  const files = (parsed as { files?: unknown })?.files;
  if (!Array.isArray(files)) return [];
  const valid = files.filter((e): e is ManifestEntry =>
    typeof e === 'object' && e !== null && typeof e.path === 'string' && typeof e.kind === 'string' && typeof e.sha256 === 'string' && typeof e.bytes === 'number');
  const present = await Promise.all(valid.map((e) => access(join(outDir, e.path)).then(() => true, () => false)));
  return valid.filter((_, i) => present[i]);
}

/**
 * All or nothing: every file is first written under a temporary name in the
 * output folder (same file system, so rename is atomic), and only when all are
 * written are they renamed into place, the manifest last. A failure removes the
 * temporary files and leaves earlier outputs as they were.
 *
 * The manifest keeps the entries of other files already in the folder (earlier
 * versions stay listed), sorted by path. Before anything is written, a file of an
 * approved version that would get other bytes stops the write (ApprovedVersionError),
 * unless `force`.
 */
export async function writeOutputs(outDir: string, files: WritableFile[], { force = false }: { force?: boolean } = {}): Promise<ManifestEntry[]> {
  const targets = files.map((f) => f.path);
  const twice = targets.find((p, i) => targets.indexOf(p) !== i);
  if (twice !== undefined) throw new Error(`${twice} ville blive skrevet to gange`);
  const entries = manifestEntries(files);
  const previous = await readManifest(outDir);
  const conflicts = findConflicts(previous, entries);
  if (conflicts.length > 0 && !force) throw new ApprovedVersionError(conflicts);
  const paths = new Set(entries.map((e) => e.path));
  const listed = [...previous.filter((e) => !paths.has(e.path)), ...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest = `${JSON.stringify({ files: listed }, null, 2)}\n`;
  const all = [...files, { kind: 'manifest', path: 'manifest.json', bytes: new TextEncoder().encode(manifest) }];
  const temps: string[] = [];
  try {
    await mkdir(outDir, { recursive: true });
    for (const f of all) {
      const target = join(outDir, f.path);
      await mkdir(dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.tmp`;
      temps.push(temp);
      await writeFile(temp, f.bytes);
    }
    let renamed = 0;
    try {
      for (const f of all) {
        await rename(`${join(outDir, f.path)}.${process.pid}.tmp`, join(outDir, f.path));
        renamed += 1;
      }
    } catch (e) {
      // Renames within one folder practically never fail; if one does after others
      // succeeded, say so rather than claim nothing changed.
      if (renamed > 0) Object.assign(e as object, { partial: true });
      throw e;
    }
    return entries;
  } catch (e) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw e;
  }
}

/** Why writeOutputs failed, in Danish (file-system codes translated; our own messages are Danish already), and what was left. */
export function writeProblem(e: unknown): string {
  const why = (e as NodeJS.ErrnoException).code !== undefined ? fsProblem(e) : (e as Error).message;
  return (e as { partial?: boolean }).partial
    ? `${why}\nNogle filer blev erstattet, før fejlen opstod, og manifest.json er ikke opdateret; kør igen.`
    : `${why}\nIntet blev skrevet; tidligere filer er uændrede.`;
}
