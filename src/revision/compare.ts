import { budgetDecimals, budgetTotals, toKroner } from '../content/budget.js';
import type { Aktivitet, Delaftale, Finansiering, Indikator, Person, Succeskriterium } from '../content/types.js';
import { formatAmount, formatDate, formatDateShort, formatShare } from '../util/danish-format.js';
import { alignLists, similarity, wordDiff, type Segment } from './words.js';

/**
 * Two versions of a delaftale's content → the list of changes, section by section.
 * Compares content, not rendered text: plain fields, Markdown fields as text, parties
 * by person id, budget lines by source, activities by name, then by position and
 * similarity (so a rename is a rename), success criteria row by row.
 * Field keys (`felt`) name entries of the template folder's aendringsrapport.json,
 * which gives each its label and category; this module holds no report words.
 */
export type Handling = 'aendret' | 'tilfoejet' | 'fjernet' | 'omdoebt' | 'udskiftet';

export interface Change {
  /** Section key (aendringsrapport.json `afsnit`). */
  afsnit: string;
  /** For the section of one activity: its number and name (in the new version). */
  aktivitet?: { nummer: number; navn: string };
  /** Field key (aendringsrapport.json `felter`). */
  felt: string;
  /** Replaces the field's label, e.g. a budget line's source. */
  navn?: string;
  handling: Handling;
  gammel?: string;
  ny?: string;
  /** Word-level diff, for text. */
  tekst?: Segment[];
}

/** Before and after; null where the value is the same in both versions (the report leaves it out). */
export interface BudgetSummary {
  total: [string, string] | null;
  lokal: [string, string] | null;
  lokalAndel: [string, string] | null;
}

export interface Comparison {
  changes: Change[];
  /** Set when the budget changed: totals and local co-financing before and after. */
  budget?: BudgetSummary;
}

export interface CompareWords {
  niveauer: Record<string, string>;
}

export function compare(a: Delaftale, b: Delaftale, words: CompareWords): Comparison {
  const changes: Change[] = [];
  const add = (c: Change) => changes.push(c);
  const text = (afsnit: string, felt: string, x: string | undefined, y: string | undefined, extra: Partial<Change> = {}) => {
    const gammel = norm(x);
    const ny = norm(y);
    if (gammel === ny) return;
    if (!gammel) add({ afsnit, felt, handling: 'tilfoejet', ny, ...extra });
    else if (!ny) add({ afsnit, felt, handling: 'fjernet', gammel, ...extra });
    else add({ afsnit, felt, handling: 'aendret', gammel, ny, tekst: wordDiff(gammel, ny), ...extra });
  };
  const value = (afsnit: string, felt: string, x: string | undefined, y: string | undefined, extra: Partial<Change> = {}) => {
    if ((x ?? '') === (y ?? '')) return;
    const handling: Handling = !x ? 'tilfoejet' : !y ? 'fjernet' : 'aendret';
    add({ afsnit, felt, handling, ...(x ? { gammel: x } : {}), ...(y ? { ny: y } : {}), ...extra });
  };

  // Aftalen
  text('generelt', 'indsatsomraade', a.indsatsomraade, b.indsatsomraade);
  text('generelt', 'indsats', a.indsats, b.indsats);
  value('generelt', 'periode', a.periode, b.periode);
  text('generelt', 'boligomraader', a.boligomraader?.join(', '), b.boligomraader?.join(', '));

  // Parter: by person id; a removal and an addition at the same place is a replacement.
  const who = (d: Delaftale, id: string) => describePerson(d, d.personer[id]);
  const removedParties = a.parter.map((id, i) => ({ id, i })).filter(({ id }) => !b.parter.includes(id));
  const addedParties = b.parter.map((id, i) => ({ id, i })).filter(({ id }) => !a.parter.includes(id));
  const replaced = new Map<number, string>();
  for (const r of removedParties) {
    const match = addedParties.find((x) => x.i === r.i);
    if (match) replaced.set(r.i, match.id);
  }
  const partyEvents: { at: number; change: Change }[] = [];
  for (const r of removedParties) {
    const by = replaced.get(r.i);
    partyEvents.push({ at: r.i, change: by
      ? { afsnit: 'parter', felt: 'part', handling: 'udskiftet', gammel: who(a, r.id), ny: who(b, by) }
      : { afsnit: 'parter', felt: 'part', handling: 'fjernet', gammel: who(a, r.id) } });
  }
  for (const x of addedParties) {
    if (replaced.get(x.i) === x.id) continue;
    partyEvents.push({ at: x.i, change: { afsnit: 'parter', felt: 'part', handling: 'tilfoejet', ny: who(b, x.id) } });
  }
  b.parter.forEach((id, i) => {
    if (!a.parter.includes(id) || who(a, id) === who(b, id)) return;
    partyEvents.push({ at: i, change: { afsnit: 'parter', felt: 'part', handling: 'aendret', gammel: who(a, id), ny: who(b, id) } });
  });
  partyEvents.sort((x, y) => x.at - y.at).forEach((e) => add(e.change));

  text('problemkompleks', 'problemkompleks', a.problemkompleks, b.problemkompleks);
  text('formaal', 'formaal', a.formaal, b.formaal);
  rows('formaal', 'succeskriterium', a.succeskriterier, b.succeskriterier, criterion, add);
  // 2019-26: the primary target group and the indicators (a changed target is a change of goals).
  text('formaal', 'primaerMaalgruppe', a.primaerMaalgruppe, b.primaerMaalgruppe);
  rows('formaal', 'indikator', a.indikatorer ?? [], b.indikatorer ?? [], indicator, add);

  // Aktiviteter: the list (added, removed), then each activity's own section.
  text('aktiviteter', 'aktiviteterIndledning', a.aktiviteterIndledning, b.aktiviteterIndledning);
  const pairs = matchActivities(a.aktiviteter, b.aktiviteter);
  for (const p of pairs) {
    if (p.op === 'removed') add({ afsnit: 'aktiviteter', felt: 'aktivitet', handling: 'fjernet', gammel: p.old.navn });
    if (p.op === 'added') add({ afsnit: 'aktiviteter', felt: 'aktivitet', handling: 'tilfoejet', ny: p.new.navn });
  }

  rows('medarbejderressourcer', 'stilling', a.medarbejderressourcer.stillinger, b.medarbejderressourcer.stillinger, (s) => `${s.stilling} – ${s.omfang}`, add);
  text('medarbejderressourcer', 'medarbejderressourcer.note', a.medarbejderressourcer.note, b.medarbejderressourcer.note);
  text('kommunalIndsats', 'kommunalIndsats', a.kommunalIndsats, b.kommunalIndsats);

  // Økonomi: lines by source; a line's amount and its split on years are one change. Amounts
  // in thousand kr. as the agreement prints them, exactly, with the decimals the more precise
  // of the two budgets needs, so old and new line up.
  const budgetBefore = changes.length;
  const decimals = Math.max(budgetDecimals(a.oekonomi.finansiering), budgetDecimals(b.oekonomi.finansiering));
  const amount = (kroner: number) => formatAmount(kroner, decimals);
  const line = (l: Finansiering) => {
    const years = Object.keys(l.perAar ?? {}).sort();
    const split = years.map((y) => `${y}: ${amount(toKroner(l.perAar![y]!))}`).join('; ');
    return `${amount(toKroner(l.beloeb))}${split ? ` (${split})` : ''}`;
  };
  const oldLines = new Map(a.oekonomi.finansiering.map((l) => [l.kilde, l]));
  const newLines = new Map(b.oekonomi.finansiering.map((l) => [l.kilde, l]));
  for (const l of a.oekonomi.finansiering) {
    if (!newLines.has(l.kilde)) add({ afsnit: 'oekonomi', felt: 'finansiering', navn: l.kilde, handling: 'fjernet', gammel: line(l) });
  }
  for (const l of b.oekonomi.finansiering) {
    const old = oldLines.get(l.kilde);
    if (!old) {
      add({ afsnit: 'oekonomi', felt: 'finansiering', navn: l.kilde, handling: 'tilfoejet', ny: line(l) });
      continue;
    }
    value('oekonomi', 'finansiering', line(old), line(l), { navn: l.kilde });
    if (old.type !== l.type) value('oekonomi', 'finansiering', old.type, l.type, { navn: l.kilde });
  }
  let budget: BudgetSummary | undefined;
  if (changes.length > budgetBefore) {
    const x = budgetTotals(a.oekonomi.finansiering);
    const y = budgetTotals(b.oekonomi.finansiering);
    const pair = (old: string, now: string): [string, string] | null => (old === now ? null : [old, now]);
    const summary: BudgetSummary = {
      total: pair(amount(x.total), amount(y.total)),
      lokal: pair(amount(x.lokal), amount(y.lokal)),
      lokalAndel: pair(formatShare(x.lokal, x.total), formatShare(y.lokal, y.total)),
    };
    if (summary.total || summary.lokal || summary.lokalAndel) budget = summary;
  }

  text('konflikthaandtering', 'konflikthaandtering', a.konflikthaandtering, b.konflikthaandtering);
  text('revisionAfAftalen', 'revisionAfAftalen', a.revisionAfAftalen, b.revisionAfAftalen);
  const period = (d: Delaftale) => `${formatDate(d.gyldighed.fra)}–${formatDate(d.gyldighed.til)}`;
  value('gyldighed', 'gyldighed', period(a), period(b));

  // Each activity present in both versions, in the new order.
  for (const p of pairs) {
    if (p.op !== 'same' && p.op !== 'changed') continue;
    const x = p.old;
    const y = p.new;
    const aktivitet = { nummer: p.newIndex + 1, navn: y.navn };
    const extra = { aktivitet };
    if (x.navn !== y.navn) add({ afsnit: 'aktivitet', felt: 'aktivitet.navn', handling: 'omdoebt', gammel: x.navn, ny: y.navn, aktivitet });
    const niveau = (v: Aktivitet) => v.niveau.map((n) => words.niveauer[n] ?? n).join(', ');
    value('aktivitet', 'aktivitet.niveau', niveau(x), niveau(y), extra);
    value('aktivitet', 'aktivitet.cfbu', x.cfbu, y.cfbu, extra);
    text('aktivitet', 'aktivitet.indhold', x.indhold, y.indhold, extra);
    text('aktivitet', 'aktivitet.formaal', x.formaal, y.formaal, extra);
    const groups = (v: Aktivitet) => [v.maalgrupper.primaer, v.maalgrupper.sekundaer].filter(Boolean).join('; ');
    text('aktivitet', 'aktivitet.maalgrupper', groups(x), groups(y), extra);
    rows('aktivitet', 'aktivitet.succeskriterium', x.succeskriterier, y.succeskriterier, criterion, (c) => add({ ...c, aktivitet }));
    const role = (r: Aktivitet['ansvar'][number]) => [r.overskrift, r.tekst].filter(Boolean).join(': ');
    for (const r of alignLists(x.ansvar, y.ansvar, role, (m, n) => Math.max(similarity(role(m), role(n)), m.kontakt && m.kontakt === n.kontakt ? 1 : 0))) {
      if (r.op === 'added') add({ afsnit: 'aktivitet', felt: 'aktivitet.ansvar', handling: 'tilfoejet', ny: norm(role(r.new)), aktivitet });
      else if (r.op === 'removed') add({ afsnit: 'aktivitet', felt: 'aktivitet.ansvar', handling: 'fjernet', gammel: norm(role(r.old)), aktivitet });
      else text('aktivitet', 'aktivitet.ansvar', role(r.old), role(r.new), extra);
      if (r.op === 'same' || r.op === 'changed') {
        const k = (d: Delaftale, id: string | undefined) => (id ? describePerson(d, d.personer[id]) : undefined);
        value('aktivitet', 'aktivitet.kontakt', k(a, r.old.kontakt), k(b, r.new.kontakt), extra);
      }
    }
    const portal = (v: Aktivitet) => [v.portal?.formaal, ...(v.portal?.maalgrupper ?? [])].filter(Boolean).join('; ');
    text('aktivitet', 'aktivitet.portal', portal(x), portal(y), extra);
  }

  // Fodnoter by id.
  const notes = [...new Set([...Object.keys(a.fodnoter ?? {}), ...Object.keys(b.fodnoter ?? {})])];
  for (const id of notes) text('fodnoter', 'fodnote', a.fodnoter?.[id], b.fodnoter?.[id], { navn: `[^${id}]` });

  return { changes, ...(budget ? { budget } : {}) };
}

function norm(s: string | undefined): string {
  return (s ?? '').replace(/\r\n?/g, '\n').trim();
}

/** "Andel i beskæftigelse: 49,5 % pr. 01.01.2021, mål 55 % (Boligsociale Data (LBF))" */
function indicator(k: Indikator): string {
  return `${k.indikator}: ${k.baseline.vaerdi} pr. ${formatDateShort(k.baseline.dato)}, mål ${k.maal} (${k.datakilde})`;
}

function criterion(k: Succeskriterium): string {
  return [k.kriterie, k.note, k.datakilde ? `(${k.datakilde})` : undefined].filter(Boolean).join(' ');
}

function rows<T>(afsnit: string, felt: string, x: T[], y: T[], key: (t: T) => string, add: (c: Change) => void): void {
  for (const r of alignLists(x, y, key, (m, n) => similarity(key(m), key(n)))) {
    if (r.op === 'added') add({ afsnit, felt, handling: 'tilfoejet', ny: key(r.new) });
    else if (r.op === 'removed') add({ afsnit, felt, handling: 'fjernet', gammel: key(r.old) });
    else if (r.op === 'changed') add({ afsnit, felt, handling: 'aendret', gammel: key(r.old), ny: key(r.new), tekst: wordDiff(key(r.old), key(r.new)) });
  }
}

export function describePerson(d: Delaftale, p: Person | undefined): string {
  if (!p) return '';
  const org = p.organisation ? d.organisationer[p.organisation]?.navn : undefined;
  return [p.navn, p.titel, org, p.email].filter(Boolean).join(', ');
}

/**
 * Activities: the same name is the same activity; among the rest, an old and a new one
 * are the same activity renamed when their content is similar (its name may be anything),
 * preferring the same position.
 */
function matchActivities(x: Aktivitet[], y: Aktivitet[]) {
  const body = (v: Aktivitet) => [v.indhold, v.formaal, v.maalgrupper.primaer, v.cfbu ?? ''].join('\n');
  return alignLists(x, y, (v) => v.navn, (m, n) => Math.max(similarity(m.navn, n.navn), similarity(body(m), body(n))), 0.5);
}
