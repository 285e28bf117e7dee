import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Delaftale } from '../content/types.js';
import { templateDir } from '../template/folder.js';
import { readPackageJson } from '../util/package-path.js';
import type { Provenance } from './stamp.js';

/**
 * What a build's bytes are made from, as digests for the manifest and an approved file's
 * stamp: the content, the template set, delaftale's own version, SOURCE_DATE_EPOCH. Two
 * builds that differ in bytes differ in one of these, and the guard can say which.
 */
export function provenance(content: Delaftale, templateFolder: string, sourceDateEpoch: string | undefined): Provenance {
  return {
    content: contentDigest(content),
    templates: templateDigest(templateFolder),
    program: readPackageJson<{ version: string }>('package.json').version,
    ...(sourceDateEpoch ? { sourceDateEpoch } : {}),
  };
}

/** SHA-256 of the content as canonical JSON (keys sorted, no $schema): layout and key order of the file do not count. */
export function contentDigest(content: Delaftale): string {
  const { $schema: _schema, ...rest } = content as Delaftale & { $schema?: string };
  return createHash('sha256').update(canonical(rest)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const templateDigests = new Map<string, string>();

/** SHA-256 over every file of a template folder (built-in or a secretariat's own; path and bytes, in path order); read once per process. */
export function templateDigest(folder: string): string {
  const cached = templateDigests.get(folder);
  if (cached) return cached;
  const root = templateDir(folder);
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.isFile()) files.push(join(dir, e.name));
    }
  };
  walk(root);
  const hash = createHash('sha256');
  for (const f of files.map((f) => relative(root, f).split('\\').join('/')).sort()) hash.update(f).update('\0').update(readFileSync(join(root, f))).update('\0');
  const digest = hash.digest('hex');
  templateDigests.set(folder, digest);
  return digest;
}
