import { constants } from 'node:fs';
import * as fs from 'node:fs/promises';

/**
 * Every file-system call that writes or moves an output goes through here, one counted
 * step each, so that a test can stop the build at any one of them:
 * DELAFTALE_FAULT_AT=N kills the process (SIGKILL, no cleanup runs: a real crash) just
 * before the N-th step; with DELAFTALE_FAULT_MODE=throw the N-th step fails with EIO
 * instead (the error path). Unset, this is a plain pass-through.
 */
const FAULT_AT = Number(process.env.DELAFTALE_FAULT_AT ?? '0');
const FAULT_THROWS = process.env.DELAFTALE_FAULT_MODE === 'throw';
let steps = 0;

async function step<T>(what: string, path: string, run: () => Promise<T>): Promise<T> {
  steps += 1;
  if (FAULT_AT > 0 && steps === FAULT_AT) {
    if (FAULT_THROWS) throw Object.assign(new Error(`indsat fejl ved ${what}`), { code: 'EIO', path });
    process.kill(process.pid, 'SIGKILL');
    await new Promise(() => {});
  }
  return run();
}

/** How many steps this process has taken (tests: to know when a sweep has passed the last one). */
export const stepCount = (): number => steps;

/** O_NOFOLLOW where the platform has it (not Windows): a planted symlink makes the open fail (ELOOP) instead of being followed. */
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * A new file with these bytes, flushed to disk. Exclusive create (O_CREAT|O_EXCL, `wx`)
 * never opens an existing file and never follows a symbolic link at `path`, whoever planted it.
 */
export function writeNew(path: string, bytes: Uint8Array): Promise<void> {
  return step('skrivning', path, async () => {
    const handle = await fs.open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  });
}

/** A file's bytes, never through a symbolic link. */
export async function readNoFollow(path: string): Promise<Buffer> {
  const handle = await fs.open(path, constants.O_RDONLY | NOFOLLOW);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

export const mkdirOne = (path: string): Promise<void> => step('mappe', path, () => fs.mkdir(path, { mode: 0o755 }));
export const move = (from: string, to: string): Promise<void> => step('omdøbning', to, () => fs.rename(from, to));
export const remove = (path: string): Promise<void> => step('sletning', path, () => fs.unlink(path));
export const removeTree = (path: string): Promise<void> => step('sletning', path, () => fs.rm(path, { recursive: true, force: true }));

/** Flushes a folder's entries (the renames in it) to disk; not every platform can (Windows), and then it is skipped. */
export function syncFolder(path: string): Promise<void> {
  return step('synkronisering', path, async () => {
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(path, constants.O_RDONLY);
      await handle.sync();
    } catch {
      // A folder that cannot be opened or synced here is still written; only the flush is lost.
    } finally {
      await handle?.close();
    }
  });
}

/** `lstat`, or undefined when nothing is there. */
export async function lstatOrNone(path: string): Promise<import('node:fs').Stats | undefined> {
  try {
    return await fs.lstat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
