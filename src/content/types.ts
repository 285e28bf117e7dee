/** The content of one delaftale, as schema/delaftale.schema.json describes it. */
export type Markdown = string;
export type Niveau = 'beboerniveau' | 'kvarterniveau' | 'bydelsniveau';
export type FinansieringsType = 'landsbyggefonden' | 'lokal' | 'kommune' | 'boligorganisation' | 'fond' | 'anden';

export interface Organisation { navn: string; forkortelse?: string }
export interface Person { navn: string; titel: string; organisation?: string; email?: string; telefon?: string }
export interface Succeskriterium { kriterie: string; note?: string; datakilde: string }
export interface Finansiering { kilde: string; type: FinansieringsType; beloeb: number; perAar?: Record<string, number> }
export interface Rolle { overskrift?: string; tekst: Markdown; kontakt?: string }
/** 2019-26: a socio-economic indicator the area is followed on, e.g. from LBF's Boligsociale Data. */
export interface Indikator { indikator: string; baseline: { vaerdi: string; dato: string }; maal: string; datakilde: string }
export interface Godkendelse { dato: string; af: string }
export interface TidligereVersion { version: string; dato: string; godkendt?: Godkendelse; resume?: string }

export interface Aktivitet {
  navn: string;
  niveau: Niveau[];
  cfbu?: string;
  indhold: Markdown;
  formaal: Markdown;
  maalgrupper: { primaer: string; sekundaer?: string };
  succeskriterier: Succeskriterium[];
  ansvar: Rolle[];
  portal?: { formaal?: string; maalgrupper?: string[] };
}

export interface Delaftale {
  $schema?: string;
  /** Relative path of the plan file this agreement shares its parties, names and period with (content/plan.ts). */
  plan?: string;
  periode: '2011-2014' | '2015-2018' | '2019-2026';
  indsatsomraade: string;
  indsats: string;
  /** A short name for footer, file names and keywords when `indsats` is long. */
  kortnavn?: string;
  /** Who writes the agreement: the documents' author. */
  sekretariat?: string;
  boligomraader?: string[];
  revision: { version: string; dato: string; godkendt?: Godkendelse; resume?: string; historik?: TidligereVersion[] };
  organisationer: Record<string, Organisation>;
  personer: Record<string, Person>;
  parter: string[];
  fodnoter?: Record<string, Markdown>;
  problemkompleks: Markdown;
  formaal: Markdown;
  succeskriterier: Succeskriterium[];
  /** 2019-26 (required there by the period's data, templates/perioder.json). */
  primaerMaalgruppe?: string;
  indikatorer?: Indikator[];
  aktiviteterIndledning: Markdown;
  medarbejderressourcer: { stillinger: { stilling: string; omfang: string }[]; note?: Markdown };
  kommunalIndsats: Markdown;
  oekonomi: { finansiering: Finansiering[] };
  konflikthaandtering: Markdown;
  revisionAfAftalen: Markdown;
  gyldighed: { fra: string; til: string };
  aktiviteter: Aktivitet[];
}
