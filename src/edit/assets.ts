import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../util/package-path.js';

/**
 * The form's own files (the browser half, bundled by `npm run build-web` into dist/web/),
 * read once at start into a map from name to bytes. Requests look names up in the map;
 * no part of a request's path ever reaches the file system.
 */
export interface Asset { type: string; bytes: Uint8Array }

export const WEB_DIR = 'dist/web';

/** The bundle's files by name, or undefined when the form has not been built (no dist/web/assets.json). */
export function loadAssets(dir = packagePath(WEB_DIR)): Map<string, Asset> | undefined {
  let list: { files?: Record<string, unknown> };
  try {
    list = JSON.parse(readFileSync(join(dir, 'assets.json'), 'utf8')) as typeof list;
  } catch {
    return undefined;
  }
  const assets = new Map<string, Asset>();
  for (const [name, type] of Object.entries(list.files ?? {})) {
    // Plain file names only, as the bundler writes them: the list is ours, but never trusted with a path.
    if (typeof type !== 'string' || !/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name)) continue;
    assets.set(name, { type, bytes: readFileSync(join(dir, name)) });
  }
  return assets;
}

/** Shown instead of the form while dist/web is missing (a clone without `npm run build-web`). */
export const NOT_BUILT = 'Formularen er ikke bygget; kør npm run build-web';
