import { isAbsolute } from 'node:path';
import { packagePath } from '../util/package-path.js';

/**
 * A template folder on disk: a built-in folder name ("lbf-2019-2026", under templates/) or a
 * secretariat's own folder (an absolute path, from --skabelon). Its own module so that reading
 * a portal profile during validation does not load handlebars.
 */
export function templateDir(folder: string): string {
  return isAbsolute(folder) ? folder : packagePath(`templates/${folder}`);
}
