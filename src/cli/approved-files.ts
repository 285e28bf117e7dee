import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { ApprovedFile } from '../revision/guard.js';
import { stampInDocx, stampInPdf, type Stamp } from '../revision/stamp.js';
import { lstatOrNone, readNoFollow } from './fs-steps.js';

/** Larger than any agreement delaftale writes; a bigger file is not read for a stamp. */
const MAX_STAMPED_BYTES = 64 * 1024 * 1024;
const READERS: Record<string, (bytes: Uint8Array) => Stamp | undefined> = { '.pdf': stampInPdf, '.docx': stampInDocx };

/**
 * Every PDF and DOCX at the top of the output folder that carries an approval stamp,
 * whatever it is called now and whether or not manifest.json lists it. Links are not
 * followed (a file elsewhere is not this folder's).
 */
export async function stampedFiles(outDir: string): Promise<ApprovedFile[]> {
  const found: ApprovedFile[] = [];
  for (const name of await readdir(outDir)) {
    const ext = extname(name).toLowerCase();
    const read = READERS[ext];
    if (!read || name.startsWith('.')) continue;
    const info = await lstatOrNone(join(outDir, name));
    if (!info?.isFile() || info.size > MAX_STAMPED_BYTES) continue;
    const bytes = await readNoFollow(join(outDir, name)).catch(() => undefined);
    const stamp = bytes && read(bytes);
    if (!stamp) continue;
    found.push({
      file: name,
      path: `${stamp.file}${ext}`,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      version: stamp.version,
      approved: true,
      contentSha256: stamp.content,
      templatesSha256: stamp.templates,
      program: stamp.program,
      ...(stamp.sourceDateEpoch !== undefined ? { sourceDateEpoch: stamp.sourceDateEpoch } : {}),
    });
  }
  return found;
}
