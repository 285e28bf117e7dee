import { describe, expect, it } from 'vitest';
import { niveauLabel, niveauText } from '../src/content/niveau.js';
import { personFields, personLine } from '../src/content/person.js';
import { validateSchema } from '../src/content/schema.js';
import type { Delaftale } from '../src/content/types.js';
import { prepare } from '../src/generate.js';
import { portalRecord } from '../src/portal/records.js';
import { seed } from './helpers.js';

/**
 * Parties and contacts in one order everywhere (name, title, organisation, e-mail,
 * phone), levels and metadata as Danish writes them: the template's Markdown, the
 * portal's plain text and the document metadata, read from `prepare` and `portalRecord`.
 */

/** The Markdown escapes of plain values undone, to compare with plain text. */
const unescape = (md: string) => md.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** The seed with the shapes the seed lacks: no e-mail, a phone, no abbreviation, an abbreviation the name holds, two and three levels. */
function shapes(): Delaftale {
  const d = seed();
  d.organisationer['politi'] = { navn: 'Københavns Politi' };
  d.organisationer['kab'] = { navn: 'KAB', forkortelse: 'KAB' };
  d.personer['mette-brix-holm'] = { navn: 'Mette Brix Holm', titel: 'Leder', organisation: 'politi', telefon: '+45 33 14 14 48' };
  d.personer['ole-kab'] = { navn: 'Ole Jensen', titel: 'Driftschef', organisation: 'kab', email: 'oj@kab.dk', telefon: '33633363' };
  d.personer['uden-organisation'] = { navn: 'Anne Ravn', titel: 'Frivillig' };
  d.parter.push('mette-brix-holm', 'ole-kab', 'uden-organisation');
  d.aktiviteter[0]!.ansvar[0]!.kontakt = 'mette-brix-holm';
  d.aktiviteter[0]!.niveau = ['beboerniveau', 'kvarterniveau'];
  d.aktiviteter[1]!.niveau = ['beboerniveau', 'kvarterniveau', 'bydelsniveau'];
  return d;
}

describe('levels as Danish writes them', { timeout: 60_000 }, () => {
  it('writes the shared "niveau" once, with a hyphen for each left-out part', () => {
    expect(niveauText(['beboerniveau'])).toBe('beboerniveau');
    expect(niveauText(['beboerniveau', 'kvarterniveau'])).toBe('beboer- og kvarterniveau');
    expect(niveauText(['beboerniveau', 'kvarterniveau', 'bydelsniveau'])).toBe('beboer-, kvarter- og bydelsniveau');
    expect(niveauText(['bydelsniveau', 'beboerniveau'])).toBe('bydels- og beboerniveau');
    expect(niveauLabel(['beboerniveau', 'kvarterniveau'])).toBe('Beboer- og kvarterniveau');
    expect(niveauLabel(['kvarterniveau'])).toBe('Kvarterniveau');
  });

  it('puts the lower-case phrase after the activity name, and the field form in the portal', () => {
    const d = shapes();
    const md = unescape(prepare(d).markdown);
    expect(md).toContain(`- ${d.aktiviteter[0]!.navn} (beboer- og kvarterniveau)`);
    expect(md).toContain(`- ${d.aktiviteter[1]!.navn} (beboer-, kvarter- og bydelsniveau)`);
    expect(md).toContain(`- ${d.aktiviteter[2]!.navn} (kvarterniveau)`);
    expect(md).not.toMatch(/Beboerniveau|Kvarterniveau|Bydelsniveau/);
    expect(portalRecord(d, 0).niveau!.text).toBe('Beboer- og kvarterniveau');
    expect(unescape(prepare(d, { template: 'aktivitetsark' }).markdown)).toContain(':::felt{label="Niveau"}\nBeboer- og kvarterniveau\n:::');
  });
});

describe('parties and contacts in one order', { timeout: 60_000 }, () => {
  it('writes name, title, organisation (abbreviation in parentheses unless the name holds it), e-mail, phone', () => {
    const d = shapes();
    const line = (id: string) => personLine(personFields(d, d.personer[id]!));
    expect(line('susanne-soegaard-groen')).toBe('Susanne Søgaard Grøn, Områdechef, Socialforvaltningen (SOF), DT85@sof.kk.dk');
    expect(line('mikkel-warming')).toBe('Mikkel Warming, Chef for sociale indsatser, Boligforeningen 3B, miwa@3b.dk');
    expect(line('teddy-sidelmann-rasmussen')).toBe('Teddy Sidelmann Rasmussen, Leder, Frivilligcenter Amager, teddy@frivilligcenteramager.dk');
    expect(line('mette-brix-holm')).toBe('Mette Brix Holm, Leder, Københavns Politi, +45 33 14 14 48');
    expect(line('ole-kab')).toBe('Ole Jensen, Driftschef, KAB, oj@kab.dk, 33633363');
    expect(line('uden-organisation')).toBe('Anne Ravn, Frivillig');
  });

  it('gives the party list, the contact lines and the portal the same line; the signature names the organisation the same way', () => {
    const d = shapes();
    const md = unescape(prepare(d).markdown).replace(/\u00a0/g, ' ');
    for (const id of d.parter) expect(md, id).toContain(`\n- ${personLine(personFields(d, d.personer[id]!))}\n`);
    const mette = 'Mette Brix Holm, Leder, Københavns Politi, +45 33 14 14 48';
    expect(md).toContain(`\nKontakt: ${mette}\n`);
    expect(md).toContain('\nKontakt: Jesper Lyngsø-Dahl, Souschef, Børne- og Ungdomsforvaltningen (BUF), jeslyn@buf.kk.dk\n');
    expect(md).not.toMatch(/Kontakt: (Leder|Souschef|Projektchef|Områdechef) /);
    // Signatures: name, then title and organisation.
    expect(md).toContain('Susanne Søgaard Grøn\n\nOmrådechef, Socialforvaltningen (SOF)\n:::');
    expect(md).toContain('Ole Jensen\n\nDriftschef, KAB\n:::');
    expect(md).toContain('Anne Ravn\n\nFrivillig\n:::');
    // The portal's plain text has the same contact line.
    const ansvar = portalRecord(d, 0).ansvar!.text;
    expect(ansvar).toContain(`Kontakt: ${mette}`);
    expect(ansvar).toContain('Kontakt: Teddy Sidelmann Rasmussen, Leder, Frivilligcenter Amager, teddy@frivilligcenteramager.dk');
  });

  it('never breaks a phone number: its spaces are no-break spaces in the documents (not in the portal text)', () => {
    const d = shapes();
    const md = prepare(d).markdown;
    expect(md).toContain('\\+45\u00a033\u00a014\u00a014\u00a048');
    expect(portalRecord(d, 0).ansvar!.text).toContain('+45 33 14 14 48');
  });

  it('accepts an optional Danish phone number and refuses other text', () => {
    const withPhone = (telefon: string) => {
      const d = seed();
      d.personer['mikkel-warming']!.telefon = telefon;
      return validateSchema(d);
    };
    for (const ok of ['33 66 33 66', '33663366', '+45 33663366', '+4533 66 33 66', '0045 3366 3366', '33-66-33-66']) expect(withPhone(ok), ok).toEqual([]);
    for (const bad of ['3366336', '336633661', 'tlf. 33663366', '33 66 33 66 ', '+46 33663366']) {
      const problems = withPhone(bad);
      expect(problems.map((p) => [p.rule, p.pointer]), bad).toEqual([['schema/format', '/personer/mikkel-warming/telefon']]);
      expect(problems[0]!.message).toContain('dansk telefonnummer');
    }
    expect(validateSchema(seed())).toEqual([]);
  });
});

describe('document metadata', { timeout: 60_000 }, () => {
  it('writes the approval date as the body does, and keeps each keyword whole', () => {
    const d = seed();
    d.revision.godkendt = { dato: '2016-03-15', af: 'Bestyrelsen' };
    d.indsats = 'Helhedsplanen for Vest, Nord, Syd og Øst';
    const { metadata } = prepare(d).options;
    expect(metadata.subject).toContain('version 1.0 godkendt 15. marts 2016 af Bestyrelsen');
    expect(metadata.subject).not.toContain('2016-03-15');
    expect(metadata.keywords).toContain('Helhedsplanen for Vest, Nord, Syd og Øst');
    delete d.revision.godkendt;
    expect(prepare(d).options.metadata.subject).toContain('version 1.0 (udkast)');
  });
});
