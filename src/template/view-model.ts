import { budgetTotals, budgetYears, toKroner, yearTotal } from '../content/budget.js';
import { footnoteReferences } from '../content/fields.js';
import { niveauLabel, niveauText } from '../content/niveau.js';
import { personFields } from '../content/person.js';
import type { Delaftale, Person } from '../content/types.js';
import { formatAmount, formatDate, formatDateShort, formatShare } from '../util/danish-format.js';
import { escapePointer } from '../content/load.js';
import { fieldPlaceholder as rich } from '../tree/expand-fields.js';
import { escapeMarkdown as md } from './escape.js';

/**
 * Content → what the templates see. Every plain value is escaped for Markdown here;
 * a rich (Markdown) value is a placeholder naming its JSON pointer, replaced by the
 * field parsed on its own after the template's Markdown is parsed (tree/expand-fields.ts);
 * and every derived value (totals, shares, dates, names
 * with their level) computed here, so the templates only place words.
 * Absent optional values are null, because templates run in strict mode.
 */

/**
 * `only` picks activities by index (the portal sheets of one activity); their numbers
 * stay those of the agreement.
 */
/** Name, title, organisation (abbreviation when shown), e-mail, phone: partials/part.hbs writes them in this order. */
export function partyView(d: Pick<Delaftale, 'organisationer'>, p: Person) {
  const f = personFields(d, p);
  const or = (s: string | undefined) => (s ? md(s) : null);
  return {
    navn: md(f.navn),
    titel: md(f.titel),
    organisation: or(f.organisation),
    forkortelse: or(f.forkortelse),
    email: or(f.email),
    // A phone number is never broken over two lines.
    telefon: f.telefon ? md(f.telefon).replace(/ /g, '\u00a0') : null,
  };
}

export function viewModel(d: Delaftale, only?: number[]) {
  const person = (id: string) => d.personer[id]!;
  const party = (p: Person) => partyView(d, p);
  const kriterier = (list: Delaftale['succeskriterier']) => list.map((k) => ({
    kriterie: md(k.kriterie),
    note: k.note ? md(k.note) : null,
    datakilde: md(k.datakilde),
  }));
  const navnMedNiveau = (a: Delaftale['aktiviteter'][number]) => `${md(a.navn)} \\(${niveauText(a.niveau)}\\)`;

  const totals = budgetTotals(d.oekonomi.finansiering);
  const aar = budgetYears(d.oekonomi.finansiering);
  /** Every figure of the budget with the same decimals (the most precise amount's), from integer kroner. */
  const amount = (kroner: number) => formatAmount(kroner, totals.decimals);
  const chosen = d.aktiviteter.map((a, i) => ({ a, i })).filter(({ i }) => !only || only.includes(i));
  const fodnoter = Object.keys(d.fodnoter ?? {}).map((id) => ({ id, tekst: rich(`/fodnoter/${escapePointer(id)}`) }));
  const referenced = new Set(chosen.flatMap(({ a }) => [a.indhold, a.formaal, ...a.ansvar.map((r) => r.tekst)].flatMap(footnoteReferences)));

  return {
    periode: md(d.periode),
    indsatsomraade: md(d.indsatsomraade),
    indsats: md(d.indsats),
    boligomraader: (d.boligomraader ?? []).map(md),
    revision: {
      version: md(d.revision.version),
      dato: formatDate(d.revision.dato),
      godkendt: d.revision.godkendt ? { dato: formatDate(d.revision.godkendt.dato), af: md(d.revision.godkendt.af) } : null,
      /** Earlier revisions and this one, oldest first: the revision history table. */
      historik: [...(d.revision.historik ?? []), d.revision].map((r) => ({
        version: md(r.version),
        dato: formatDate(r.dato),
        godkendt: r.godkendt ? { dato: formatDate(r.godkendt.dato), af: md(r.godkendt.af) } : null,
        resume: r.resume ? md(r.resume) : '',
      })),
    },
    parter: d.parter.map((id) => party(person(id))),
    problemkompleks: rich('/problemkompleks'),
    formaal: rich('/formaal'),
    succeskriterier: kriterier(d.succeskriterier),
    primaerMaalgruppe: d.primaerMaalgruppe ? md(d.primaerMaalgruppe) : null,
    indikatorer: (d.indikatorer ?? []).map((k) => ({
      indikator: md(k.indikator),
      baseline: { vaerdi: md(k.baseline.vaerdi), dato: formatDateShort(k.baseline.dato) },
      maal: md(k.maal),
      datakilde: md(k.datakilde),
    })),
    aktiviteterIndledning: rich('/aktiviteterIndledning'),
    medarbejderressourcer: {
      stillinger: d.medarbejderressourcer.stillinger.map((s) => ({ stilling: md(s.stilling), omfang: md(s.omfang) })),
      note: d.medarbejderressourcer.note !== undefined ? rich('/medarbejderressourcer/note') : null,
    },
    kommunalIndsats: rich('/kommunalIndsats'),
    oekonomi: {
      aar,
      linjer: d.oekonomi.finansiering.map((l) => ({
        kilde: md(l.kilde),
        perAar: aar.map((y) => (l.perAar?.[y] !== undefined ? amount(toKroner(l.perAar[y]!)) : '')),
        beloeb: amount(toKroner(l.beloeb)),
      })),
      totalPerAar: aar.map((y) => amount(yearTotal(d.oekonomi.finansiering, y))),
      total: amount(totals.total),
      lokal: amount(totals.lokal),
      lokalAndel: formatShare(totals.lokal, totals.total),
    },
    konflikthaandtering: rich('/konflikthaandtering'),
    revisionAfAftalen: rich('/revisionAfAftalen'),
    gyldighed: {
      fra: formatDateShort(d.gyldighed.fra),
      til: formatDateShort(d.gyldighed.til),
      fraLang: formatDate(d.gyldighed.fra),
      tilLang: formatDate(d.gyldighed.til),
    },
    aktiviteter: chosen.map(({ a, i }) => ({
      nummer: i + 1,
      navn: md(a.navn),
      navnMedNiveau: navnMedNiveau(a),
      niveau: niveauLabel(a.niveau),
      cfbu: a.cfbu ? md(a.cfbu) : null,
      indhold: rich(`/aktiviteter/${i}/indhold`),
      formaal: rich(`/aktiviteter/${i}/formaal`),
      maalgrupper: { primaer: md(a.maalgrupper.primaer), sekundaer: a.maalgrupper.sekundaer ? md(a.maalgrupper.sekundaer) : null },
      succeskriterier: kriterier(a.succeskriterier),
      ansvar: a.ansvar.map((r, j) => ({
        overskrift: r.overskrift ? md(r.overskrift) : null,
        tekst: rich(`/aktiviteter/${i}/ansvar/${j}/tekst`),
        kontakt: r.kontakt ? party(person(r.kontakt)) : null,
      })),
    })),
    fodnoter,
    /** The footnotes the chosen activities reference (for documents of activities only). */
    aktivitetFodnoter: fodnoter.filter((f) => referenced.has(f.id)),
  };
}

export type ViewModel = ReturnType<typeof viewModel>;
