import { open, readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { MAX_BYTES } from '../content/load.js';
import { isPlan } from '../content/plan.js';
import type { Source } from '../content/validate.js';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { packagePath } from '../util/package-path.js';
import { fsProblem } from './fs-problem.js';

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
  const seen = new Set<string>();
  // The same file named twice (or inside a folder also given) is built once.
  const add = (input: Input) => {
    if (!seen.has(input.path)) inputs.push(input);
    seen.add(input.path);
  };
  for (const arg of args) {
    const path = resolve(cwd, arg);
    try {
      const info = await stat(path);
      if (info.isDirectory()) {
        const names = (await readdir(path)).filter((n) => n.endsWith('.json')).sort();
        if (names.length === 0) problems.push(error('input/ingen-json', 'mappen indeholder ingen .json-filer', { file: arg }));
        for (const n of names) add({ name: join(arg, n), path: join(path, n) });
      } else {
        add({ name: arg, path });
      }
    } catch (e) {
      problems.push(error('input/findes-ikke', fsProblem(e), { file: arg }));
    }
  }
  return { inputs, problems };
}

/**
 * A content file's bytes, read in chunks and never more than the size limit plus one
 * byte, whatever the path is: a device (/dev/zero) or a pipe (<(yes …)) has no size to
 * check beforehand and would otherwise be read until memory runs out.
 */
export async function readInput(input: Input): Promise<Uint8Array | Diagnostic> {
  try {
    const handle = await open(input.path, 'r');
    try {
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const chunk = Buffer.alloc(Math.min(1 << 20, MAX_BYTES + 1 - total));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
        if (bytesRead === 0) break;
        chunks.push(chunk.subarray(0, bytesRead));
        total += bytesRead;
        // One byte over is enough for the loader's "fil/for-stor" (exit 1, as for any too large file).
        if (total > MAX_BYTES) break;
      }
      return Buffer.concat(chunks);
    } finally {
      await handle.close();
    }
  } catch (e) {
    return error('input/kan-ikke-laeses', fsProblem(e), { file: input.name });
  }
}

/** A content file's JSON, or undefined when it is not JSON (validation then says why). */
function peek(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether a content file is a plan file (what a helhedsplan's delaftaler share), not a delaftale. */
export function isPlanFile(bytes: Uint8Array): boolean {
  return isPlan(peek(bytes));
}

/**
 * The plan file a delaftale names ("plan": relative to the delaftale's folder), read here at
 * the edge so that validation stays a function of bytes; undefined when it names none.
 */
export async function readPlanFor(input: Input, bytes: Uint8Array): Promise<Source | Diagnostic | undefined> {
  const plan = (peek(bytes) as { plan?: unknown } | undefined)?.plan;
  if (typeof plan !== 'string') return undefined;
  const name = join(dirname(input.name), plan);
  const read = await readInput({ name, path: resolve(dirname(input.path), plan) });
  return read instanceof Uint8Array ? { bytes: read, file: name } : read;
}

function display(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith('..') ? path : rel;
}
