import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { packagePath } from '../util/package-path.js';

/** The agreement used when no file is given: the seed, shipped with the package. */
export const DEFAULT_CONTENT = 'content/tryghed-og-trivsel.json';

export interface Input {
  /** As shown to the user: relative to the working directory where possible. */
  name: string;
  path: string;
}

/** Files and folders from the command line → content files (a folder gives its *.json, sorted). */
export async function expandInputs(args: string[], cwd: string): Promise<{ inputs: Input[]; problems: Diagnostic[] }> {
  if (args.length === 0) {
    const path = packagePath(DEFAULT_CONTENT);
    return { inputs: [{ name: display(path, cwd), path }], problems: [] };
  }
  const inputs: Input[] = [];
  const problems: Diagnostic[] = [];
  for (const arg of args) {
    const path = resolve(cwd, arg);
    try {
      const info = await stat(path);
      if (info.isDirectory()) {
        const names = (await readdir(path)).filter((n) => n.endsWith('.json')).sort();
        if (names.length === 0) problems.push(error('input/ingen-json', 'mappen indeholder ingen .json-filer', { file: arg }));
        inputs.push(...names.map((n) => ({ name: join(arg, n), path: join(path, n) })));
      } else {
        inputs.push({ name: arg, path });
      }
    } catch (e) {
      problems.push(error('input/findes-ikke', readProblem(e), { file: arg }));
    }
  }
  return { inputs, problems };
}

export async function readInput(input: Input): Promise<Uint8Array | Diagnostic> {
  try {
    return await readFile(input.path);
  } catch (e) {
    return error('input/kan-ikke-laeses', readProblem(e), { file: input.name });
  }
}

function readProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'filen eller mappen findes ikke';
  if (code === 'EACCES' || code === 'EPERM') return 'ingen adgang til at læse filen';
  if (code === 'EISDIR') return 'er en mappe, ikke en fil';
  return `kunne ikke læses (${code ?? 'ukendt fejl'})`;
}

function display(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith('..') ? path : rel;
}
