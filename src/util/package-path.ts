import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Files shipped with the package (schema/, templates/, content/). Source and build
 * live at the same depth (src/x/y.ts and dist/x/y.js), so one relative URL serves both.
 */
const ROOT = new URL('../../', import.meta.url);

export function packagePath(relative: string): string {
  return fileURLToPath(new URL(relative, ROOT));
}

export function readPackageText(relative: string): string {
  return readFileSync(packagePath(relative), 'utf8');
}

export function readPackageJson<T>(relative: string): T {
  return JSON.parse(readPackageText(relative)) as T;
}
