import { niveauLabel } from '../content/niveau.js';
import { personFields, personLine } from '../content/person.js';
import type { Aktivitet, Delaftale } from '../content/types.js';
import { escapePointer } from '../content/load.js';
import { footnoteDefinition, parseField } from '../tree/parse-field.js';
import { toPlainText } from '../tree/plain-text.js';

/**
 * One activity as the portal's fields (plain text), keyed by the profile's field ids,
 * each with the JSON pointer of the content it comes from (for warnings).
 */
export interface PortalValue { text: string; pointer: string; values?: string[] }
export type PortalRecord = Record<string, PortalValue>;


export function portalRecord(d: Delaftale, index: number): PortalRecord {
  const a: Aktivitet = d.aktiviteter[index]!;
  const at = `/aktiviteter/${index}`;
  // Footnote texts travel with the field that references them.
  const ids = Object.keys(d.fodnoter ?? {});
  const defs = Object.entries(d.fodnoter ?? {}).map(([id, t]) => footnoteDefinition(id, t, ids));
  const rich = (pointer: string, markdown: string) => toPlainText({ type: 'root', children: [...parseField(markdown, pointer, ids).children, ...defs] });
  const person = (id: string) => {
    const p = d.personer[id];
    // The same line as the agreement's and the activity sheets' (partials/kontakt.hbs).
    return p ? `Kontakt: ${personLine(personFields(d, p))}` : '';
  };
  return {
    aktivitetsnavn: { text: a.navn, pointer: `${at}/navn` },
    indsatsomraade: { text: d.indsatsomraade, pointer: '/indsatsomraade' },
    kategori: { text: a.cfbu ?? '', pointer: `${at}/cfbu`, values: a.cfbu ? [a.cfbu] : [] },
    niveau: { text: niveauLabel(a.niveau), pointer: `${at}/niveau` },
    beskrivelse: { text: rich(`${at}/indhold`, a.indhold), pointer: `${at}/indhold` },
    formaal: { text: rich(`${at}/formaal`, a.formaal), pointer: `${at}/formaal` },
    portalFormaal: { text: a.portal?.formaal ?? '', pointer: `${at}/portal/formaal`, values: a.portal?.formaal ? [a.portal.formaal] : [] },
    primaerMaalgruppe: { text: a.maalgrupper.primaer, pointer: `${at}/maalgrupper/primaer` },
    sekundaerMaalgruppe: { text: a.maalgrupper.sekundaer ?? '', pointer: `${at}/maalgrupper/sekundaer` },
    portalMaalgrupper: { text: (a.portal?.maalgrupper ?? []).join('; '), pointer: `${at}/portal/maalgrupper`, values: a.portal?.maalgrupper ?? [] },
    succeskriterier: {
      text: a.succeskriterier.map((k) => `${k.kriterie}${k.note ? ` ${k.note}` : ''} (datakilde: ${k.datakilde})`).join('\n'),
      pointer: `${at}/succeskriterier`,
    },
    ansvar: {
      text: a.ansvar.map((r, j) => [r.overskrift, rich(`${at}/ansvar/${j}/tekst`, r.tekst), r.kontakt ? person(r.kontakt) : undefined].filter(Boolean).join('\n')).join('\n\n'),
      pointer: `${at}/ansvar`,
    },
  };
}
