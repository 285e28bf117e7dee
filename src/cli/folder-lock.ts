import { randomBytes } from 'node:crypto';
import { link } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { lstatOrNone, move, readNoFollow, remove, writeNew } from './fs-steps.js';

/**
 * One build at a time per output folder: the lock is a file in --out, created
 * exclusively, naming its holder. It is held only while a build writes (rendering
 * happens before), so a second build into the same folder usually waits a moment.
 */
export const LOCK = '.delaftale-lock';

export interface Holder { pid: number; host: string; started: string }

export class LockedError extends Error {
  constructor(readonly holder: Holder | undefined, readonly lockFile: string) {
    super('mappen er optaget af en anden dannelse');
  }
}

export interface Lock {
  /** True while the lock file still names this build (a stale-lock breaker elsewhere could have taken it). */
  stillMine(): Promise<boolean>;
  release(): Promise<void>;
}

/** Whether a process with this id exists on this machine (EPERM: it exists, as another user). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** How long a lock file may stay empty or unreadable (its holder between create and write) before it counts as stale. */
const UNREADABLE_GRACE_MS = 5_000;
const POLL_MS = 150;

async function readHolder(path: string): Promise<Holder | 'ulæselig' | 'væk'> {
  try {
    const parsed = JSON.parse((await readNoFollow(path)).toString('utf8')) as Partial<Holder>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.started === 'string') return parsed as Holder;
    return 'ulæselig';
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'væk' : 'ulæselig';
  }
}

/**
 * Takes the folder's lock, waiting up to `waitMs` for another build to finish (telling
 * the user once, through `onWait`). A lock whose holder is gone (same machine, no such
 * process), or that stayed unreadable, is stale and taken over; a lock from another
 * machine can only be waited for. `isStopped` ends the wait early (a signal).
 */
export async function acquireLock(
  outDir: string,
  { waitMs, onWait, isStopped }: { waitMs: number; onWait?: (holder: Holder | undefined) => void; isStopped?: () => boolean },
): Promise<Lock> {
  const path = join(outDir, LOCK);
  const me: Holder = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  const text = `${JSON.stringify(me)}\n`;
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      await writeNew(path, new TextEncoder().encode(text));
      return {
        stillMine: async () => (await readNoFollow(path).then((b) => b.toString('utf8'), () => '')) === text,
        release: async () => {
          if ((await readNoFollow(path).then((b) => b.toString('utf8'), () => '')) === text) await remove(path).catch(() => {});
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' && (e as NodeJS.ErrnoException).code !== 'ELOOP') throw e;
    }
    const info = await lstatOrNone(path);
    if (info && !info.isFile()) {
      // A link or folder at the lock's name is nobody's lock: removed, never followed.
      if (info.isSymbolicLink()) await remove(path);
      else throw Object.assign(new Error(`${LOCK} er ikke en fil`), { code: 'EISDIR', path });
      continue;
    }
    const holder = await readHolder(path);
    if (holder === 'væk') continue;
    const stale = holder === 'ulæselig'
      ? info !== undefined && Date.now() - info.mtimeMs > UNREADABLE_GRACE_MS
      : holder.host === hostname() && !isAlive(holder.pid);
    if (stale && (await breakStale(path))) continue;
    if (Date.now() >= deadline || isStopped?.()) throw new LockedError(holder === 'ulæselig' ? undefined : holder, path);
    if (!told) onWait?.(holder === 'ulæselig' ? undefined : holder);
    told = true;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/**
 * Removes a stale lock. It is first renamed aside and read again, so that two builds
 * breaking the same stale lock at once cannot remove the fresh lock one of them just
 * took: a lock that turns out to be live is linked back (if its name is still free).
 */
async function breakStale(path: string): Promise<boolean> {
  const before = await readNoFollow(path).catch(() => undefined);
  const aside = `${path}.stale-${randomBytes(6).toString('hex')}`;
  try {
    await move(path, aside);
  } catch {
    return false;
  }
  const after = await readNoFollow(aside).catch(() => undefined);
  if (before !== undefined && after !== undefined && !before.equals(after)) await link(aside, path).catch(() => {});
  await remove(aside).catch(() => {});
  return true;
}
