import type { Plan } from './plan.js';
import type { Periode } from './rules/rule.js';

/**
 * A new delaftale's draft (`delaftale init`): every field the schema and the period require,
 * with visible placeholders «udfyld: …» where the secretariat must write. `validate` reports
 * each placeholder as a warning (rule "pladsholdere"), so the draft validates and builds, and
 * the placeholders show in the built agreement until they are replaced.
 */
export const DRAFT_PLACEHOLDER = /«udfyld[^»]*»/;

const fill = (what: string) => `«udfyld: ${what}»`;

export interface DraftRequest {
  periode: string;
  period: Periode;
  indsatsomraade: string;
  /** The plan the draft shares its parties and names with: its path relative to the draft, and its content. */
  plan?: { path: string; plan: Plan };
  /** Today (ÅÅÅÅ-MM-DD): the draft's revision date, and where its validity starts when there is no plan. */
  today: string;
}

export function draft({ periode, period, indsatsomraade, plan, today }: DraftRequest): Record<string, unknown> {
  const gyldighed = plan?.plan.samarbejdsaftale.gyldighed ?? defaultValidity(today, period);
  const shared = plan
    ? { plan: plan.path }
    : {
      periode,
      indsats: fill('den boligsociale indsats\' navn'),
      organisationer: { 'organisation-1': { navn: fill('organisationens navn') } },
      personer: { 'part-1': { navn: fill('partens navn'), titel: fill('titel'), organisation: 'organisation-1' } },
      parter: ['part-1'],
    };
  const periodFields: Record<string, unknown> = {
    primaerMaalgruppe: fill('den primære målgruppe'),
    indikatorer: [{ indikator: fill('indikator'), baseline: { vaerdi: fill('værdi'), dato: gyldighed.fra }, maal: fill('mål'), datakilde: 'Boligsociale Data (LBF)' }],
  };
  return {
    ...shared,
    indsatsomraade,
    revision: { version: '0.1', dato: today },
    problemkompleks: fill('udfordringerne i boligområdet'),
    formaal: fill('målet med indsatsområdet'),
    ...Object.fromEntries(period.kraevedeFelter.map((f) => [f, periodFields[f]])),
    succeskriterier: [{ kriterie: fill('succeskriterium'), datakilde: fill('datakilde') }],
    aktiviteterIndledning: fill('indledning til aktiviteterne'),
    medarbejderressourcer: { stillinger: [{ stilling: fill('stilling'), omfang: fill('omfang') }] },
    kommunalIndsats: fill('sammenhængen med den kommunale indsats'),
    oekonomi: {
      finansiering: [
        { kilde: `Landsbyggefonden ${fill('beløb i 1.000 kr.')}`, type: 'landsbyggefonden', beloeb: 75 },
        { kilde: `Lokal medfinansiering ${fill('beløb i 1.000 kr.')}`, type: 'lokal', beloeb: 25 },
      ],
    },
    konflikthaandtering: fill('hvordan uenighed håndteres'),
    revisionAfAftalen: fill('hvordan delaftalen revideres'),
    gyldighed,
    aktiviteter: [{
      navn: fill('aktivitetens navn'),
      niveau: ['beboerniveau'],
      indhold: fill('indhold og praksis'),
      formaal: fill('formål og mål'),
      maalgrupper: { primaer: fill('målgruppe') },
      succeskriterier: [{ kriterie: fill('succeskriterium'), datakilde: fill('datakilde') }],
      ansvar: [{ tekst: fill('ansvars- og rollefordeling') }],
    }],
  };
}

/** Four years from next 1 January, kept inside the period's span. */
function defaultValidity(today: string, period: Periode): { fra: string; til: string } {
  const first = Number(period.gyldighed.fra.slice(0, 4));
  const last = Number(period.gyldighed.til.slice(0, 4));
  const start = Math.min(Math.max(Number(today.slice(0, 4)) + 1, first), last - 3);
  return { fra: `${start}-01-01`, til: `${start + 3}-12-31` };
}
