import { access } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

import type { CliIo } from './io.js';
import { fsProblem } from './fs-problem.js';
import { acquireLock, LOCK, LockedError, type Holder } from './folder-lock.js';
import { readNoFollow, removeTree } from './fs-steps.js';
import { OutFolderError, prepareOutFolder } from './out-folder.js';
import { stopRequested, throwIfStopped, whileWriting } from './stop.js';
import { isPlainName, recover, stage, STAGE_PREFIX, SWAP, swapIn, SwapError, type Recovery } from './swap.js';
import { ApprovedVersionError, approvedInManifest, findConflicts } from '../revision/guard.js';
import { stampedFiles } from './approved-files.js';
import { manifestEntries, manifestText, type ManifestEntry, type WritableFile } from './manifest.js';

/** The entries of an existing manifest.json in outDir whose files are still there ([] when there is none). */
export async function readManifest(outDir: string): Promise<ManifestEntry[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse((await readNoFollow(join(outDir, 'manifest.json'))).toString('utf8'));
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

/** How long a build waits for another build's lock on the same folder (DELAFTALE_LOCK_WAIT, seconds). */
export function lockWaitMs(): number {
  const s = Number(process.env.DELAFTALE_LOCK_WAIT);
  return Number.isFinite(s) && s >= 0 ? s * 1000 : 30_000;
}

export interface WriteOptions {
  force?: boolean;
  /** The folder as the user wrote it, for messages. */
  shown?: string;
  /** Told once when another build holds the folder and this one waits. */
  onWait?: (holder: Holder | undefined) => void;
  /** Told when an earlier, interrupted build was undone or finished first. */
  onRecovered?: (what: Recovery) => void;
}

/**
 * All or nothing, as one transaction on the output folder (see swap.ts): holding the
 * folder's lock, an earlier interrupted swap is finished or undone, the guard checks
 * the approved files, the whole set is written to a staging folder and swapped in.
 * Any failure leaves the previous set in place.
 *
 * The manifest keeps the entries of other files already in the folder (earlier
 * versions stay listed), sorted by path. Before anything is written, a file of an
 * approved version that would get other bytes stops the write (ApprovedVersionError),
 * unless `force`.
 */
export async function writeOutputs(outDir: string, files: WritableFile[], options: WriteOptions = {}): Promise<ManifestEntry[]> {
  const targets = files.map((f) => f.path);
  const twice = targets.find((p, i) => targets.indexOf(p) !== i);
  if (twice !== undefined) throw new Error(`${twice} ville blive skrevet to gange`);
  const odd = targets.find((p) => !isPlainName(p) || p === 'manifest.json' || p.startsWith('.delaftale-'));
  if (odd !== undefined) throw new Error(`${odd} er ikke et gyldigt filnavn for en uddata-fil`);
  const entries = manifestEntries(files);
  return whileWriting(async () => {
    throwIfStopped();
    await prepareOutFolder(outDir, options.shown ?? outDir);
    const lock = await acquireLock(outDir, { waitMs: lockWaitMs(), onWait: options.onWait, isStopped: () => stopRequested() !== undefined });
    try {
      const recovered = await recover(outDir);
      if (recovered !== 'ingen') options.onRecovered?.(recovered);
      const previous = await readManifest(outDir);
      // Approved files as the manifest lists them, and as they say themselves (renamed, unlisted, or with the manifest edited).
      const conflicts = findConflicts([...approvedInManifest(previous), ...(await stampedFiles(outDir))], entries);
      if (conflicts.length > 0 && !options.force) throw new ApprovedVersionError(conflicts);
      const manifest = manifestText(previous, entries);
      const staged = await stage(outDir, [...files, { path: 'manifest.json', bytes: new TextEncoder().encode(manifest) }]);
      try {
        // The last moment to give up without touching the set: a signal, or a lock taken from under us.
        throwIfStopped();
        if (!(await lock.stillMine())) throw new LockedError(undefined, join(outDir, LOCK));
        await swapIn(outDir, staged);
      } catch (e) {
        // Still there if the swap never began (once begun, the staging folder has become the journal).
        await removeTree(staged).catch(() => {});
        throw e;
      }
      return entries;
    } finally {
      await lock.release();
    }
  });
}

/** Where a failed write happened, as the user knows it: the output's own name (not the staging folder's). */
function shownFile(e: unknown, outDir: string, shown: string): string {
  if (e instanceof SwapError) return `${shown}/${e.file}`;
  const path = (e as NodeJS.ErrnoException).path;
  if (typeof path !== 'string') return shown;
  const rel = relative(outDir, path);
  if (rel === '') return shown;
  if (rel.startsWith('..') || isAbsolute(rel)) return path;
  // Inside the staging folder: the output's own name; the staging folder itself: the output folder.
  const parts = rel.split(sep);
  if (!parts[0]!.startsWith(STAGE_PREFIX) && parts[0] !== SWAP) return `${shown}/${rel}`;
  return parts.length >= 3 ? `${shown}/${parts.at(-1)}` : shown;
}

/** Why writeOutputs failed, in Danish, naming the file and the reason, and what the folder holds now. */
export function writeProblem(e: unknown, outDir: string, shown: string): string {
  if (e instanceof OutFolderError) return `${e.message}.\nIntet blev skrevet.`;
  if (e instanceof LockedError) {
    const h = e.holder;
    const who = h ? `en anden dannelse (proces ${h.pid} på ${h.host}, startet ${h.started})` : 'en anden dannelse';
    return `${shown} er optaget af ${who}, også efter ${lockWaitMs() / 1000} sekunders venten.\n`
      + `Prøv igen om lidt. Kører den dannelse ikke længere, så slet ${shown}/${LOCK}.\nIntet blev skrevet; tidligere filer er uændrede.`;
  }
  const cause = e instanceof SwapError ? e.cause : e;
  const why = (cause as NodeJS.ErrnoException).code !== undefined ? fsProblem(cause) : (cause as Error).message;
  const verb = e instanceof SwapError ? 'kunne ikke erstattes' : 'kunne ikke skrives';
  const after = e instanceof SwapError && !e.rolledBack
    ? `De tidligere filer sættes tilbage, næste gang delaftale skriver i ${shown}.`
    : 'Intet blev skrevet; tidligere filer er uændrede.';
  return `${shownFile(e, outDir, shown)} ${verb}: ${why}.\n${after}`;
}

/** The lines a write says on the way (waiting for the lock, an earlier build undone), shared by the commands. */
export function writeMessages(shown: string, io: CliIo, prefix = ''): Pick<WriteOptions, 'shown' | 'onWait' | 'onRecovered'> {
  return {
    shown,
    onWait: (h) => io.stderr.write(`${prefix}delaftale: ${shown} er optaget af en anden dannelse${h ? ` (proces ${h.pid} på ${h.host})` : ''}; venter op til ${lockWaitMs() / 1000} sekunder …\n`),
    onRecovered: (what) => io.stderr.write(what === 'rullet-tilbage'
      ? `${prefix}delaftale: en tidligere dannelse til ${shown} blev afbrudt midt i; dens filer er fjernet, og de tidligere filer er sat tilbage.\n`
      : `${prefix}delaftale: en tidligere dannelse til ${shown} blev afbrudt lige efter, den var skrevet færdig; den er nu ryddet op.\n`),
  };
}
