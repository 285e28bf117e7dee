import writeXlsxFile from 'write-excel-file/node';
import type { PortalProfile } from './profile.js';
import type { PortalRecord } from './records.js';
import { reproducible } from '../util/ooxml-package.js';

/**
 * The portal spreadsheet: one row per activity, one column per portal field, in the
 * profile's order. Every value is written as a text cell (never a formula), so a
 * value starting with "=", "+", "-" or "@" stays text; line breaks stay inside the
 * cell (wrap). The zip is normalised so the same content gives the same bytes.
 */
export async function toXlsx(records: PortalRecord[], profile: PortalProfile, date: Date): Promise<Uint8Array> {
  const header = profile.felter.map((f) => ({ value: f.navn, type: String, fontWeight: 'bold' as const, wrap: true }));
  const rows = records.map((r) => profile.felter.map((f) => ({ value: r[f.id]?.text ?? '', type: String, wrap: true, alignVertical: 'top' as const })));
  const buffer = await writeXlsxFile([header, ...rows], {
    sheet: 'Aktiviteter',
    columns: profile.felter.map((f) => ({ width: /beskrivelse|ansvar|formaal$|succes/.test(f.id) ? 60 : 24 })),
    stickyRowsCount: 1,
  }, { fontFamily: 'Calibri', fontSize: 11 }).toBuffer();
  return reproducible(new Uint8Array(buffer), { date, language: 'da-DK' });
}
