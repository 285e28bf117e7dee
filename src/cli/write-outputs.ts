import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import type { OutputFile } from '../outputs.js';

export interface ManifestEntry {
  kind: string;
  path: string;
  sha256: string;
  bytes: number;
}

export function manifestEntries(files: OutputFile[]): ManifestEntry[] {
  return files.map((f) => ({ kind: f.kind, path: f.path, sha256: createHash('sha256').update(f.bytes).digest('hex'), bytes: f.bytes.length }));
}

/**
 * All or nothing: every file is first written under a temporary name in the
 * output folder (same file system, so rename is atomic), and only when all are
 * written are they renamed into place, the manifest last. A failure removes the
 * temporary files and leaves earlier outputs as they were.
 */
export async function writeOutputs(outDir: string, files: OutputFile[]): Promise<ManifestEntry[]> {
  const entries = manifestEntries(files);
  const manifest = `${JSON.stringify({ files: entries }, null, 2)}\n`;
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
    for (const f of all) await rename(`${join(outDir, f.path)}.${process.pid}.tmp`, join(outDir, f.path));
    return entries;
  } catch (e) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw e;
  }
}
