import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Delaftale } from '../src/content/types.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The CLI as shipped: the esbuild bundle (package.json "bin"), made by `npm test` before vitest runs. */
export const BIN = join(ROOT, 'dist/bundle/delaftale.cjs');
/** The same CLI as tsc's ES modules, to compare the bundle with (tests/bundle.test.ts). */
export const TSC_BIN = join(ROOT, 'dist/cli/bin.js');
export const SEED_FILE = join(ROOT, 'content/tryghed-og-trivsel.json');

/** A fresh copy of the seed agreement's content, to mutate in a test. */
export function seed(): Delaftale {
  return JSON.parse(readFileSync(SEED_FILE, 'utf8')) as Delaftale;
}

/** Characters (code points) of every string value, as the rule "graenser" counts them (limits.ts tekstIAlt). */
export const textCharacters = (v: unknown): number => typeof v === 'string' ? [...v].length
  : Array.isArray(v) ? v.reduce((n: number, e) => n + textCharacters(e), 0)
    : v && typeof v === 'object' ? Object.entries(v).reduce((n, [k, e]) => n + (k === '$schema' ? 0 : textCharacters(e)), 0) : 0;

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'delaftale-test-'));
}

export interface Run { code: number; stdout: string; stderr: string }

/** The real CLI as a separate process (built by `npm test` before vitest runs); `bin` the tsc build instead of the bundle. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; bin?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [options.bin ?? BIN, ...args], { cwd: options.cwd ?? ROOT, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
