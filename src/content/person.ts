import type { Delaftale, Person } from './types.js';

/**
 * A person as every party, signature and contact line shows them, in this order:
 * name, title, organisation (its full name, and its abbreviation in parentheses when it
 * has one the name does not already hold), e-mail, phone. Plain text, absent values
 * undefined; the templates (partials/part.hbs) and the portal's contact line
 * (portal/records.ts) write these fields, so they agree.
 */
export interface PersonFields {
  navn: string;
  titel: string;
  organisation?: string;
  forkortelse?: string;
  email?: string;
  telefon?: string;
}

export function personFields(d: Pick<Delaftale, 'organisationer'>, p: Person): PersonFields {
  const o = p.organisation ? d.organisationer[p.organisation] : undefined;
  return {
    navn: p.navn,
    titel: p.titel,
    organisation: o?.navn,
    forkortelse: o?.forkortelse && !holdsWord(o.navn, o.forkortelse) ? o.forkortelse : undefined,
    email: p.email,
    telefon: p.telefon,
  };
}

/** The fields as one line: "Navn, Titel, Organisation (FORK), e-mail, telefon". */
export function personLine(f: PersonFields): string {
  const organisation = f.organisation && (f.forkortelse ? `${f.organisation} (${f.forkortelse})` : f.organisation);
  return [f.navn, f.titel, organisation, f.email, f.telefon].filter(Boolean).join(', ');
}

/** "Boligforeningen 3B" holds "3B" as a word of its own; "Socialforvaltningen" doesn't hold "SOF". */
function holdsWord(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(text);
}
