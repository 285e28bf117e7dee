import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { lstatOrNone, mkdirOne, move, readNoFollow, removeTree, remove, syncFolder, writeNew } from './fs-steps.js';
import { isAlive } from './folder-lock.js';

/**
 * The output folder changes as one transaction. A build writes its whole set into a
 * fresh staging folder inside --out; the swap then moves the set into place, and the
 * manifest's rename is the commit point:
 *
 *   1. stage   .delaftale-stage-<random>/ny/<files + manifest.json>, targets.json, gammel/
 *   2. begin   rename the staging folder to .delaftale-swap (one atomic rename)
 *   3.         manifest.json → .delaftale-swap/gammel/   (from here on there is no manifest at the top)
 *   4.         per file: the old one → gammel/, the new one → its place
 *   5. commit  .delaftale-swap/ny/manifest.json → manifest.json
 *   6.         remove .delaftale-swap
 *
 * Why a journal and not symbolic links into a generation folder (which would swap the set
 * in one rename): the secretariats keep these folders on Windows shares, OneDrive and
 * zip files, which do not keep links, and copying a linked folder (cp, cpSync) makes links
 * that point back into the original. Here every output stays a plain file.
 *
 * What a crash leaves: a manifest.json at the top is always true of the files beside it
 * (the old one is moved away before any file changes, the new one arrives after the last),
 * and the next start of delaftale in the folder (under its lock, before anything else)
 * rolls an interrupted swap back when the new manifest never arrived (every old file
 * returns to its place) and finishes it otherwise. A failure during the swap in this
 * process rolls back at once, so exit 4 always leaves the old set.
 */
export const STAGE_PREFIX = '.delaftale-stage-';
export const SWAP = '.delaftale-swap';
const NEW = 'ny';
const OLD = 'gammel';
const TARGETS = 'targets.json';
const MANIFEST = 'manifest.json';

export interface StagedFile { path: string; bytes: Uint8Array }

/** Writes the set (outputs and manifest.json last) into a new staging folder; returns its path. */
export async function stage(outDir: string, files: readonly StagedFile[]): Promise<string> {
  // mkdir without `recursive` fails on an existing name, so the folder is ours alone.
  const dir = join(outDir, `${STAGE_PREFIX}${randomBytes(8).toString('hex')}`);
  await mkdirOne(dir);
  try {
    await mkdirOne(join(dir, NEW));
    await mkdirOne(join(dir, OLD));
    for (const f of files) await writeNew(join(dir, NEW, f.path), f.bytes);
    // The outputs the swap moves, so that a rollback knows them (the manifest also lists older files it keeps).
    const targets = files.map((f) => f.path).filter((p) => p !== MANIFEST);
    await writeNew(join(dir, TARGETS), new TextEncoder().encode(JSON.stringify(targets)));
    await syncFolder(join(dir, NEW));
    return dir;
  } catch (e) {
    await removeTree(dir).catch(() => {});
    throw e;
  }
}

/** A failure during the swap, after which the old set was put back (or will be, by the next start when `rolledBack` is false). */
export class SwapError extends Error {
  constructor(override readonly cause: unknown, readonly file: string, readonly rolledBack: boolean) {
    super((cause as Error).message);
  }
}

/** Moves a staged set into place (steps 2–6 above). */
export async function swapIn(outDir: string, staged: string): Promise<void> {
  const swap = join(outDir, SWAP);
  await move(staged, swap);
  const targets = await readTargets(swap);
  let current = MANIFEST;
  try {
    if (await lstatOrNone(join(outDir, MANIFEST))) await move(join(outDir, MANIFEST), join(swap, OLD, MANIFEST));
    for (const t of targets) {
      current = t;
      const there = await lstatOrNone(join(outDir, t));
      // A folder with an output's name is the user's, not an old output: never moved away (and deleted with the journal).
      if (there?.isDirectory()) throw Object.assign(new Error(`${t} er en mappe`), { code: 'EISDIR', path: join(outDir, t) });
      if (there) await move(join(outDir, t), join(swap, OLD, t));
      await move(join(swap, NEW, t), join(outDir, t));
    }
    current = MANIFEST;
    await move(join(swap, NEW, MANIFEST), join(outDir, MANIFEST));
  } catch (e) {
    let rolledBack = true;
    try {
      await rollBack(outDir, swap, targets);
    } catch {
      rolledBack = false;
    }
    throw new SwapError(e, current, rolledBack);
  }
  // Committed: nothing after this may report a failure (the new set is in place). What is left is the old files; a failure to remove them is cleaned up by the next start.
  await syncFolder(outDir).catch(() => {});
  await removeTree(swap).catch(() => {});
}

async function readTargets(swap: string): Promise<string[]> {
  const parsed = JSON.parse((await readNoFollow(join(swap, TARGETS))).toString('utf8')) as unknown;
  if (!Array.isArray(parsed) || !parsed.every((t) => typeof t === 'string' && isPlainName(t))) throw new Error(`${SWAP}/${TARGETS} er ugyldig`);
  return parsed as string[];
}

/** Undoes steps 3–4, in any state they were left in; running it twice does no harm. */
async function rollBack(outDir: string, swap: string, targets: readonly string[]): Promise<void> {
  for (const t of targets) {
    if (!(await lstatOrNone(join(swap, NEW, t))) && (await lstatOrNone(join(outDir, t)))) await move(join(outDir, t), join(swap, NEW, t));
    if (await lstatOrNone(join(swap, OLD, t))) await move(join(swap, OLD, t), join(outDir, t));
  }
  if (await lstatOrNone(join(swap, OLD, MANIFEST))) await move(join(swap, OLD, MANIFEST), join(outDir, MANIFEST));
  await syncFolder(outDir);
  await removeTree(swap);
}

/** What recover found and did, for a line to the user. */
export type Recovery = 'ingen' | 'rullet-tilbage' | 'fuldført';

/**
 * Run first by every build, holding the folder's lock: finishes or undoes a swap a
 * crashed build left, and removes the staging folders and temporary files of builds
 * that are gone (the lock says no other build is writing now).
 */
export async function recover(outDir: string): Promise<Recovery> {
  let done: Recovery = 'ingen';
  const swap = join(outDir, SWAP);
  const info = await lstatOrNone(swap);
  if (info?.isDirectory()) {
    if (await lstatOrNone(join(swap, NEW, MANIFEST))) {
      await rollBack(outDir, swap, await readTargets(swap));
      done = 'rullet-tilbage';
    } else {
      await removeTree(swap);
      done = 'fuldført';
    }
  } else if (info) {
    await remove(swap); // not ours (a file or a link someone put there): never followed
  }
  for (const name of await readdir(outDir)) {
    if (name.startsWith(STAGE_PREFIX)) await removeTree(join(outDir, name));
    // Left by delaftale before the staging folder (writeFile to "<name>.<pid>.tmp"): removed once its process is gone.
    const legacy = /\.(?:pdf|docx|xlsx|json)\.(\d+)\.tmp$/.exec(name);
    if (legacy && !isAlive(Number(legacy[1]))) await remove(join(outDir, name));
  }
  return done;
}

/** A file name without a folder part (outputs are written straight into --out). */
export function isPlainName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\]/.test(name);
}
