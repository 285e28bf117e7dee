import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templateDir } from '../template/folder.js';

/** The portal profile of a template folder (portal.json in it, see templateDir): data, not code. */
export interface PortalField { id: string; navn: string; maksTegn: number | null; liste?: string; verificeret: boolean }
export interface PortalProfile {
  verificeret: boolean;
  felter: PortalField[];
  lister: Record<string, { verificeret: boolean; kilde: string; vaerdier: string[] | 'cfbu' | null }>;
}

const cache = new Map<string, PortalProfile>();
export function loadPortalProfile(folder: string): PortalProfile {
  let p = cache.get(folder);
  if (!p) {
    p = JSON.parse(readFileSync(join(templateDir(folder), 'portal.json'), 'utf8')) as PortalProfile;
    cache.set(folder, p);
  }
  return p;
}
