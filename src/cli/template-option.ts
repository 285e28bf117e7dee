import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';

/** The files a template folder must have (a copy made with `delaftale skabelon kopier` has them). */
const REQUIRED = ['delaftale.hbs', 'aktivitetsark.hbs', 'document.json', 'portal.json', 'partials'];

/**
 * --skabelon MAPPE as an absolute folder, or the problem with it: a folder that is not there
 * or lacks a template's files is reported before any content is read.
 */
export function templateOption(arg: string | undefined, cwd: string): { dir?: string; problem?: Diagnostic } {
  if (arg === undefined) return {};
  const dir = resolve(cwd, arg);
  if (!existsSync(dir)) return { problem: error('input/skabelon', 'skabelonmappen findes ikke; lav den med "delaftale skabelon kopier 2019-2026 MAPPE"', { file: arg }) };
  const missing = REQUIRED.filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0) return { problem: error('input/skabelon', `er ikke en skabelonmappe; den mangler ${missing.join(', ')} (lav en med "delaftale skabelon kopier 2019-2026 MAPPE")`, { file: arg }) };
  return { dir };
}
