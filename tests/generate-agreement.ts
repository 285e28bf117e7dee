import fc from 'fast-check';
import type { Aktivitet, Delaftale, Finansiering, Niveau, Organisation, Person } from '../src/content/types.js';

/**
 * Valid delaftaler of both periods for property-based layout tests (tests/layout-invariants.test.ts):
 * `agreementArbitrary` makes 2015-18 agreements, `agreement2019Arbitrary` the same shapes in the
 * 2019-26 period that secretariats revise today, with its own template (indicator table, LBF's
 * overall purpose, primary target group) and areas.
 *
 * Each agreement starts from a small valid shape and varies what breaks layouts: field
 * lengths, sub-headings and bullet lists in the Markdown fields, long words (20-60 letters
 * with æ, ø, å: compounds of Danish word parts, and some of random letters that no
 * hyphenation pattern knows), 1-12 activities, 0-30 footnotes referenced from random
 * Markdown fields, 1-10 parties with and without e-mail, and a budget of 1-5 lines, with or
 * without a split per year. Every agreement it makes passes `validate` with no error
 * (warnings, e.g. an unknown CFBU category or a spelling look-alike, are allowed): the test
 * checks that too, so a generator bug is not mistaken for a layout fault.
 */

// ---------------------------------------------------------------- words

const VOCAB = (
  'og i at det der er en på til med for som af de har ikke vi kan vil skal også om fra ved efter over ' +
  'beboerne boligområdet helhedsplanen aktiviteten indsatsen kommunen skolen familierne forældrene børnene ' +
  'de unge frivillige medarbejderne foreningerne naboerne fællesskabet trygheden trivslen uddannelse job ' +
  'samarbejde netværk møder arrangementer værksted lektiecafé fritidsjob mentor vejledning opfølgning ' +
  'målgruppen formålet målet succeskriteriet datakilden følgegruppen styregruppen bestyrelsen sekretariatet ' +
  'hver uge måned år eftermiddag aften weekend sommerferien efteråret foråret ' +
  'styrke skabe understøtte udvikle gennemføre etablere fastholde koordinere inddrage rekruttere ' +
  'lokale sociale faglige nye flere færre bedre trygge aktive stærke åbne synlige fælles ' +
  'beboerhuset gården opgangen legepladsen boldbanen biblioteket klubben jobcentret driften politiet ' +
  'københavn aarhus odense aalborg esbjerg randers kolding horsens vejle roskilde'
).split(/\s+/);

/** Real long Danish compounds, as secretariats write them. */
const COMPOUNDS = [
  'kriminalitetsforebyggelsesindsatsen', 'beskæftigelsesrettede', 'boligorganisationsbestyrelserne',
  'ungdomsuddannelsesinstitutionerne', 'medarbejderressourcer', 'tryghedsundersøgelsesresultaterne',
  'fritidsjobformidlingsindsatsen', 'forældreansvarsforløbene', 'udslusningsmedarbejderne',
  'sammenhængskraftsindikatorerne', 'driftsstøtteportalen', 'aktivitetsbeskrivelsen',
];

/** Word parts that compounds are made of; joined until the word is 20-60 letters long. */
const PARTS = [
  'bolig', 'social', 'helheds', 'plan', 'kriminalitets', 'forebyggelses', 'indsats', 'beskæftigelses',
  'uddannelses', 'trygheds', 'medarbejder', 'ressource', 'organisations', 'bestyrelses', 'familie', 'børne',
  'ungdoms', 'skole', 'fritids', 'job', 'værksteds', 'områdes', 'fornyelses', 'bydels', 'kvarter',
  'forældre', 'ansvars', 'sundheds', 'pleje', 'gårds', 'laugs', 'fællesskabs', 'frivillig', 'netværks',
  'samarbejds', 'aftale', 'støtte', 'portal', 'værdi', 'mål', 'øko', 'nomi', 'årsag', 'søgnings', 'rådgivnings',
];
const LETTERS = [...'abcdefghijklmnoprstuvyæøå'];

const compound = fc
  .tuple(fc.integer({ min: 20, max: 60 }), fc.array(fc.constantFrom(...PARTS), { minLength: 20, maxLength: 20 }))
  .map(([length, parts]) => {
    let w = '';
    for (const p of parts) {
      if (w.length >= length) break;
      w += p;
    }
    while (w.length < 20) w += 'indsats';
    return w.slice(0, Math.max(20, length));
  });

/** Letters with no pattern behind them: the worst case for hyphenation. */
const randomLetters = fc.string({ unit: fc.constantFrom(...LETTERS), minLength: 20, maxLength: 60 });

export const longWord = fc.oneof({ weight: 3, arbitrary: compound }, { weight: 1, arbitrary: randomLetters }, { weight: 2, arbitrary: fc.constantFrom(...COMPOUNDS) });

const word = fc.oneof({ weight: 25, arbitrary: fc.constantFrom(...VOCAB) }, { weight: 2, arbitrary: longWord });

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** 1-`max` words; a phrase without a full stop (names, headings, table cells). */
const phrase = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max }).map((ws) => capital(ws.join(' ')));

/** A sentence of 3-25 words, sometimes with *emphasis* or **bold**. */
const sentence = fc
  .tuple(fc.array(word, { minLength: 3, maxLength: 25 }), fc.constantFrom('', '', '', '*', '**'), fc.nat())
  .map(([ws, mark, at]) => {
    const words = [...ws];
    if (mark && words.length > 3) {
      const i = 1 + (at % (words.length - 2));
      words[i] = `${mark}${words[i]}${mark}`;
    }
    return `${capital(words.join(' '))}.`;
  });

// ---------------------------------------------------------------- Markdown fields as blocks

/** A Markdown field before it is written out, so footnote references can be put into its sentences. */
export type Block = { kind: 'p'; sentences: string[] } | { kind: 'ul'; items: string[] } | { kind: 'h'; level: 3 | 4; text: string };
export type Field = Block[];

const paragraph = fc.array(sentence, { minLength: 1, maxLength: 6 }).map((sentences): Block => ({ kind: 'p', sentences }));
const bullets = fc.array(phrase(2, 14), { minLength: 1, maxLength: 6 }).map((items): Block => ({ kind: 'ul', items }));
const subHeading = fc.tuple(fc.constantFrom(3 as const, 4 as const), phrase(1, 7)).map(([level, text]): Block => ({ kind: 'h', level, text }));
const block = fc.oneof({ weight: 6, arbitrary: paragraph }, { weight: 2, arbitrary: bullets }, { weight: 1, arbitrary: subHeading });

/** A Markdown field of 1-`max` blocks; never a sub-heading last (a heading introduces something). */
const field = (max: number): fc.Arbitrary<Field> =>
  fc.array(block, { minLength: 1, maxLength: max }).map((blocks) => (blocks.at(-1)?.kind === 'h' ? [...blocks, { kind: 'p', sentences: ['Afsnittet slutter her.'] } as Block] : blocks));

function markdown(f: Field): string {
  return f
    .map((b) => {
      if (b.kind === 'p') return b.sentences.join(' ');
      if (b.kind === 'ul') return b.items.map((i) => `- ${i}`).join('\n');
      return `${'#'.repeat(b.level)} ${b.text}`;
    })
    .join('\n\n');
}

/** The sub-headings a field prints (they are headings to a reader, though not bookmarks). */
export function subHeadings(content: Delaftale): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') for (const m of v.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) out.push(m[1]!.replace(/[*_]/g, ''));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => k !== 'fodnoter' && walk(x));
  };
  walk(content);
  return out;
}

// ---------------------------------------------------------------- people and organisations

const FIRST = ['Anne', 'Mette', 'Henrik', 'Jens Ole', 'Karen Margrethe', 'Poul Erik', 'Lone', 'Thomas', 'Yasmin', 'Ali', 'Birgitte', 'Søren', 'Ida', 'Mads', 'Fatima', 'Ærling', 'Åse', 'Øjvind', 'Anne-Mette', 'Hans Christian'];
const LAST = ['Jensen', 'Kjærgaard-Mikkelsen', 'Abildgaard Vestergaard', 'Søndergaard', 'Damsgaard-Kristensen', 'Bjerregaard Møller', 'Højgaard', 'El-Khatib Hansen', 'Østergaard', 'Aydin', 'Brix Holm', 'Thorsen', 'Ølgaard', 'Nørgaard-Frederiksen', 'Skovsgaard Thorsen-Laursen', 'Vang'];
const TITLES = ['Skolechef', 'Jobcenterchef', 'Direktør', 'Forretningsfører', 'Politikommissær, leder af lokalpolitiet', 'Leder af Ungdommens Uddannelsesvejledning', 'Familie- og socialchef', 'Sekretariatsleder', 'Områdechef', 'Formand for organisationsbestyrelsen', 'Ungdomsskoleleder', 'Centerchef for Børn, Unge og Familier i Kriminalitetsforebyggelsesenheden'];
const ORGS: Organisation[] = [
  { navn: 'Beskæftigelsesforvaltningen/Jobcenter' },
  { navn: 'Børne- og Skoleforvaltningen', forkortelse: 'BSF' },
  { navn: 'Socialforvaltningen', forkortelse: 'SOF' },
  { navn: 'Boligselskabet Vesterhave' },
  { navn: 'Boligforeningen Fjordbo', forkortelse: 'BF' },
  { navn: 'Sydøstjyllands Politi' },
  { navn: 'Ungdommens Uddannelsesvejledning Hammerslev', forkortelse: 'UU' },
  { navn: 'Frivilligcenter og Selvhjælp Hammerslev' },
];

const person = fc
  .record({
    first: fc.constantFrom(...FIRST),
    last: fc.constantFrom(...LAST),
    titel: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...TITLES) }, { weight: 1, arbitrary: phrase(1, 6) }),
    org: fc.option(fc.nat({ max: ORGS.length - 1 }), { nil: undefined, freq: 5 }),
    email: fc.boolean(),
  })
  .map(({ first, last, titel, org, email }): [Person, number | undefined] => {
    const navn = `${first} ${last}`;
    const local = navn.toLowerCase().normalize('NFD').replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '') || 'kontakt';
    return [{ navn, titel, ...(email ? { email: `${local}@hammerslev.dk` } : {}) }, org];
  });

// ---------------------------------------------------------------- the agreement

const AREAS = ['Tryghed og trivsel', 'Kriminalpræventiv indsats', 'Uddannelse og beskæftigelse', 'Forebyggelse og forældreansvar'];
const CFBU = ['Aktiviteter til styrkelse af naboskab og social sammenhængskraft', 'Blå ressourcer', 'Brandkadetter', 'Bydelsmødre', 'Tryghedsvandringer', 'Indsats til fremme af boligområdets image'];
const LEVELS: Niveau[] = ['beboerniveau', 'kvarterniveau', 'bydelsniveau'];
const KILDER = ['Hammerslev Kommune', 'Beskæftigelsesforvaltningen/Jobcenter', 'Boligselskabet Vesterhave og Boligforeningen Fjordbo', 'Fjordlandets Fond', 'Lokal medfinansiering'];
const LOCAL_TYPES: Finansiering['type'][] = ['kommune', 'boligorganisation', 'fond', 'lokal', 'anden'];
const YEARS = ['2016', '2017', '2018'];
const AREAS_2019 = ['Uddannelse og livschancer', 'Beskæftigelse', 'Kriminalitetsforebyggelse', 'Sammenhængskraft og medborgerskab'];
const YEARS_2019 = ['2022', '2023', '2024', '2025'];

const criterion = fc.record({
  kriterie: sentence,
  note: fc.option(sentence.map((s) => `(2015-niveau: ${s})`), { nil: undefined, freq: 3 }),
  datakilde: phrase(1, 5),
}).map(({ note, ...c }) => (note === undefined ? c : { ...c, note }));

interface ActivityDraft {
  navn: string;
  niveau: Niveau[];
  cfbu: string | undefined;
  indhold: Field;
  formaal: Field;
  primaer: string;
  sekundaer: string | undefined;
  succeskriterier: { kriterie: string; note?: string; datakilde: string }[];
  ansvar: { overskrift: string | undefined; tekst: Field; kontakt: number | undefined }[];
}

const activity: fc.Arbitrary<ActivityDraft> = fc.record({
  navn: phrase(1, 8),
  niveau: fc.subarray(LEVELS, { minLength: 1 }),
  cfbu: fc.option(fc.oneof(fc.constantFrom(...CFBU), phrase(1, 6)), { nil: undefined }),
  indhold: field(4),
  formaal: field(2),
  primaer: phrase(1, 12),
  sekundaer: fc.option(phrase(1, 10), { nil: undefined }),
  succeskriterier: fc.array(criterion, { minLength: 1, maxLength: 3 }),
  ansvar: fc.array(fc.record({ overskrift: fc.option(phrase(1, 5), { nil: undefined }), tekst: field(2), kontakt: fc.option(fc.nat(), { nil: undefined }) }), { minLength: 1, maxLength: 3 }),
});

const budgetLine = fc.record({
  kilde: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...KILDER) }, { weight: 1, arbitrary: phrase(1, 5) }),
  type: fc.constantFrom(...LOCAL_TYPES),
  beloeb: fc.integer({ min: 0, max: 3000 }),
});

export interface Draft {
  indsatsomraade: string;
  indsats: string;
  boligomraader: string[] | undefined;
  godkendt: boolean;
  people: [Person, number | undefined][];
  /** How many of the people (the first ones) are parties: 1-10. */
  parties: number;
  problemkompleks: Field;
  formaal: Field;
  succeskriterier: { kriterie: string; note?: string; datakilde: string }[];
  aktiviteterIndledning: Field;
  stillinger: { stilling: string; omfang: string }[];
  stillingNote: Field | undefined;
  kommunalIndsats: Field;
  konflikthaandtering: Field;
  revisionAfAftalen: Field;
  lbf: number;
  local: { kilde: string; type: Finansiering['type']; beloeb: number }[];
  perAar: boolean;
  activities: ActivityDraft[];
  /** Footnote texts and where their reference goes: a field (index into the agreement's Markdown fields), a block and a sentence in it. */
  footnotes: { text: Field; field: number; block: number; sentence: number }[];
}

export const draftArbitrary: fc.Arbitrary<Draft> = fc.record({
  indsatsomraade: fc.constantFrom(...AREAS),
  indsats: phrase(1, 10),
  boligomraader: fc.option(fc.array(phrase(1, 3), { minLength: 1, maxLength: 7 }), { nil: undefined }),
  godkendt: fc.boolean(),
  people: fc.array(person, { minLength: 1, maxLength: 12, size: 'max' }),
  parties: fc.integer({ min: 1, max: 10 }),
  problemkompleks: field(6),
  formaal: field(3),
  succeskriterier: fc.array(criterion, { minLength: 1, maxLength: 4 }),
  aktiviteterIndledning: field(1),
  stillinger: fc.array(fc.record({ stilling: phrase(1, 6), omfang: fc.constantFrom('fuldtidsstilling', '½ fuldtidsstilling', '¼ fuldtidsstilling', '30 timer om ugen') }), { minLength: 1, maxLength: 5 }),
  stillingNote: fc.option(field(1), { nil: undefined }),
  kommunalIndsats: field(3),
  konflikthaandtering: field(2),
  revisionAfAftalen: field(2),
  lbf: fc.integer({ min: 100, max: 6000 }),
  local: fc.array(budgetLine, { minLength: 1, maxLength: 4 }),
  perAar: fc.boolean(),
  activities: fc.array(activity, { minLength: 1, maxLength: 12, size: 'max' }),
  footnotes: fc.array(
    fc.record({ text: fc.oneof({ weight: 4, arbitrary: fc.array(sentence, { minLength: 1, maxLength: 3 }).map((s): Field => [{ kind: 'p', sentences: s }]) }, { weight: 1, arbitrary: field(3) }), field: fc.nat(), block: fc.nat(), sentence: fc.nat() }),
    { maxLength: 30, size: 'max' },
  ),
});

/** Splits a whole amount over the years so the parts sum to it exactly. */
function split(amount: number, years: string[]): Record<string, number> {
  const base = Math.floor(amount / years.length);
  const out: Record<string, number> = {};
  years.forEach((y, i) => { out[y] = i === years.length - 1 ? amount - base * (years.length - 1) : base; });
  return out;
}

/** Puts a footnote reference after a sentence (or list item) of a field; a heading never gets one. */
function addReference(f: Field, blockIndex: number, sentenceIndex: number, id: string): void {
  const texts = f.filter((b) => b.kind !== 'h');
  const b = texts[blockIndex % texts.length]!;
  const list = b.kind === 'p' ? b.sentences : (b as { items: string[] }).items;
  const i = sentenceIndex % list.length;
  list[i] = `${list[i]}[^${id}]`;
}

/** What a 2019-26 delaftale has beyond a 2015-18 one (templates/perioder.json kraevedeFelter). */
export interface Extras2019 {
  primaerMaalgruppe: string;
  indikatorer: { indikator: string; baseline: { vaerdi: string; dato: string }; maal: string; datakilde: string }[];
}

/** "49,5 %", "12 beboere", "1.250": the free-text values indicators are written with. */
const indicatorValue = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 9 })).map(([a, b]) => `${a},${b} %`),
  fc.integer({ min: 1, max: 400 }).map((n) => `${n} beboere`),
  fc.integer({ min: 1000, max: 9999 }).map((n) => `${Math.floor(n / 1000)}.${String(n % 1000).padStart(3, '0')}`),
);

const extras2019: fc.Arbitrary<Extras2019> = fc.record({
  primaerMaalgruppe: phrase(2, 14),
  indikatorer: fc.array(
    fc.record({
      indikator: phrase(2, 12),
      baseline: fc.record({ vaerdi: indicatorValue, dato: fc.constantFrom('2021-01-01', '2021-07-01', '2022-01-01') }),
      maal: indicatorValue,
      datakilde: fc.oneof(fc.constantFrom('Boligsociale Data (LBF)', 'Danmarks Statistik', 'Sekretariatets registrering'), phrase(1, 5)),
    }),
    { minLength: 1, maxLength: 8 },
  ),
});

/** The draft as content: ids, references, budget and dates filled in; with `extras`, a 2019-26 agreement. */
export function toAgreement(draft: Draft, extras?: Extras2019): Delaftale {
  const d = structuredClone(draft);
  const organisationer: Record<string, Organisation> = {};
  const personer: Record<string, Person> = {};
  d.people.forEach(([p, org], i) => {
    const person: Person = { ...p };
    if (org !== undefined) {
      organisationer[`o-${org}`] = ORGS[org]!;
      person.organisation = `o-${org}`;
    }
    personer[`p-${i + 1}`] = person;
  });
  const ids = Object.keys(personer);
  const parter = ids.slice(0, Math.min(d.parties, ids.length));

  // Every Markdown field a footnote may be referenced from, in one list.
  const fields: Field[] = [d.problemkompleks, d.formaal, d.aktiviteterIndledning, d.kommunalIndsats, d.konflikthaandtering, d.revisionAfAftalen];
  if (d.stillingNote) fields.push(d.stillingNote);
  for (const a of d.activities) fields.push(a.indhold, a.formaal, ...a.ansvar.map((r) => r.tekst));
  const fodnoter: Record<string, string> = {};
  d.footnotes.forEach((n, i) => {
    const id = `note-${i + 1}`;
    fodnoter[id] = markdown(n.text);
    addReference(fields[n.field % fields.length]!, n.block, n.sentence, id);
  });

  const years = d.perAar ? (extras ? YEARS_2019 : YEARS) : undefined;
  const local = d.local.map((l) => ({ ...l }));
  // Local co-financing at least 25 % of the budget: local ≥ LBF / 3.
  const need = Math.ceil(d.lbf / 3);
  const have = local.reduce((s, l) => s + l.beloeb, 0);
  if (have < need) local[local.length - 1]!.beloeb += need - have;
  const finansiering: Finansiering[] = [{ kilde: 'Landsbyggefonden', type: 'landsbyggefonden', beloeb: d.lbf }, ...local].map((l) => (years ? { ...l, perAar: split(l.beloeb, years) } : l));

  const aktiviteter: Aktivitet[] = d.activities.map((a) => ({
    navn: a.navn,
    niveau: a.niveau,
    ...(a.cfbu !== undefined ? { cfbu: a.cfbu } : {}),
    indhold: markdown(a.indhold),
    formaal: markdown(a.formaal),
    maalgrupper: { primaer: a.primaer, ...(a.sekundaer !== undefined ? { sekundaer: a.sekundaer } : {}) },
    succeskriterier: a.succeskriterier,
    ansvar: a.ansvar.map((r) => ({
      ...(r.overskrift !== undefined ? { overskrift: r.overskrift } : {}),
      tekst: markdown(r.tekst),
      ...(r.kontakt !== undefined ? { kontakt: ids[r.kontakt % ids.length]! } : {}),
    })),
  }));

  const dato = extras ? '2021-12-09' : '2016-02-01';
  return {
    periode: extras ? '2019-2026' : '2015-2018',
    indsatsomraade: extras ? AREAS_2019[AREAS.indexOf(d.indsatsomraade)]! : d.indsatsomraade,
    indsats: d.indsats,
    ...(d.boligomraader ? { boligomraader: d.boligomraader } : {}),
    revision: {
      version: '1.0',
      dato,
      ...(d.godkendt ? { godkendt: { dato, af: 'Bestyrelsen' } } : {}),
    },
    organisationer,
    personer,
    parter,
    ...(d.footnotes.length > 0 ? { fodnoter } : {}),
    problemkompleks: markdown(d.problemkompleks),
    formaal: markdown(d.formaal),
    ...(extras ? { primaerMaalgruppe: extras.primaerMaalgruppe, indikatorer: extras.indikatorer } : {}),
    succeskriterier: d.succeskriterier,
    aktiviteterIndledning: markdown(d.aktiviteterIndledning),
    medarbejderressourcer: { stillinger: d.stillinger, ...(d.stillingNote ? { note: markdown(d.stillingNote) } : {}) },
    kommunalIndsats: markdown(d.kommunalIndsats),
    oekonomi: { finansiering },
    konflikthaandtering: markdown(d.konflikthaandtering),
    revisionAfAftalen: markdown(d.revisionAfAftalen),
    gyldighed: extras ? { fra: '2022-01-01', til: '2025-12-31' } : { fra: '2016-01-01', til: '2018-12-31' },
    aktiviteter,
  };
}

export const agreementArbitrary: fc.Arbitrary<Delaftale> = draftArbitrary.map((d) => toAgreement(d));

/** The same shapes in the 2019-26 period. */
export const agreement2019Arbitrary: fc.Arbitrary<Delaftale> = fc.tuple(draftArbitrary, extras2019).map(([d, x]) => toAgreement(d, x));
