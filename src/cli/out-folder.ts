import { realpath, stat, statfs } from 'node:fs/promises';
import { dirname, join, parse, relative, resolve, sep } from 'node:path';
import { fsProblem } from './fs-problem.js';
import { lstatOrNone, mkdirOne } from './fs-steps.js';

/** --out as the commands use it: on disk (resolved against the working directory), and as the messages name it. */
export interface OutFolder { path: string; name: string }

export function outFolder(arg: string, cwd: string): OutFolder {
  return { path: resolve(cwd, arg), name: arg.replace(/\/$/, '') };
}

/** The output folder cannot be used; the message is Danish and names the path. */
export class OutFolderError extends Error {}

/** Linux file systems that hold no files, only views of the kernel: nothing written there is kept. */
const PSEUDO_TYPES = new Map<number, string>([
  [0x9fa0, 'proc'], [0x62656572, 'sysfs'], [0x1cd1, 'devpts'], [0x27e0eb, 'cgroup'], [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'], [0x73636673, 'securityfs'], [0x74726163, 'tracefs'], [0x6e736673, 'nsfs'], [0x42494e4d, 'binfmt_misc'],
]);
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];

/** The pseudo file system a real path lies in, if any (pure: the path prefix). */
export function pseudoRoot(real: string): string | undefined {
  return PSEUDO_ROOTS.find((r) => real === r || real.startsWith(`${r}/`));
}

/**
 * Checks that --out can be an output folder, without creating anything: not in a
 * pseudo file system (/proc, /sys, /dev), and no regular file where a folder must be.
 * Returns the folders that are missing, outermost first. `shown` is the path as the
 * user wrote it. Run before rendering too, so a wrong --out is told in a moment.
 */
export async function inspectOutFolder(outDir: string, shown: string): Promise<string[]> {
  // The deepest part of the path that exists decides where the folder would be.
  const missing: string[] = [];
  let existing = outDir;
  let info = await lstatOrNone(existing).catch(() => undefined);
  while (!info) {
    missing.unshift(existing);
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
    info = await lstatOrNone(existing).catch(() => undefined);
  }
  const real = await realpath(existing).catch(() => existing);
  const root = pseudoRoot(real);
  const type = await statfs(real).then((s) => PSEUDO_TYPES.get(s.type), () => undefined);
  if (root !== undefined || type !== undefined) {
    throw new OutFolderError(`${shown} ligger i ${root ?? real} (${type ?? 'et særligt filsystem'}), som kun viser systemets tilstand og ikke kan gemme filer; vælg en almindelig mappe`);
  }
  const target = await stat(real).catch(() => undefined);
  if (target && !target.isDirectory()) {
    throw new OutFolderError(existing === outDir ? `${shown} er en fil, ikke en mappe` : `${display(existing, outDir, shown)} er en fil, ikke en mappe, så ${shown} kan ikke oprettes`);
  }
  return missing;
}

/**
 * Makes sure --out is a folder delaftale can write in (inspectOutFolder), creating the
 * missing folders one at a time: Node's recursive mkdir loops forever under /proc.
 */
export async function prepareOutFolder(outDir: string, shown: string): Promise<void> {
  for (const dir of await inspectOutFolder(outDir, shown)) {
    try {
      await mkdirOne(dir);
    } catch (e) {
      // Another build may have created it a moment ago.
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && (await stat(dir).catch(() => undefined))?.isDirectory()) continue;
      throw new OutFolderError(`mappen ${display(dir, outDir, shown)} kunne ikke oprettes: ${fsProblem(e)}`);
    }
  }
}

/** A folder on the way to --out, as the user would recognise it (relative to what they typed). */
function display(dir: string, outDir: string, shown: string): string {
  const up = relative(dir, outDir).split(sep).filter(Boolean).length;
  if (up === 0) return shown;
  let s = shown.replace(/[/\\]+$/, '');
  for (let i = 0; i < up; i++) s = dirname(s);
  return s === '.' || s === '' ? (parse(dir).root === dir ? dir : join('.', relative(process.cwd(), dir)) || dir) : s;
}
