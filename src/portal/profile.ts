import { readPackageJson } from '../util/package-path.js';

/** The portal profile of a template folder (templates/<folder>/portal.json): data, not code. */
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
    p = readPackageJson<PortalProfile>(`templates/${folder}/portal.json`);
    cache.set(folder, p);
  }
  return p;
}
