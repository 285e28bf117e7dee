import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { escapePointer } from './load.js';
import { pointerSegments } from './locate.js';
import { invalidEmails } from './rules/email.js';
import { missingReference, personOrganisations } from './rules/henvisninger.js';
import type { Delaftale, Organisation, Person } from './types.js';

/**
 * A helhedsplan's plan file (schema/plan.schema.json): what its delaftaler share, written once.
 * A delaftale names it with "plan": "<relative path>"; `withPlan` then fills in what the
 * delaftale leaves out, so renaming a person in the plan renames them in every delaftale.
 */
export interface Plan {
  $schema?: string;
  navn: string;
  kortnavn?: string;
  periode: Delaftale['periode'];
  sekretariat?: string;
  boligomraader: string[];
  kommune: string;
  boligorganisationer: string[];
  organisationer: Record<string, Organisation>;
  personer: Record<string, Person>;
  bestyrelse: string[];
  samarbejdsaftale: { dato: string; gyldighed?: { fra: string; til: string } };
}

/** A plan file is told from a delaftale by what only a plan has. */
export function isPlan(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'samarbejdsaftale' in value && 'bestyrelse' in value;
}

/**
 * The plan's own checks: the municipality, the housing organisations, the board and the people's
 * organisations exist, and the e-mail addresses have a valid form, so `validate plan.json` finds
 * what the delaftaler would find.
 */
export function planChecks(plan: Plan): Diagnostic[] {
  return [...planReferences(plan), ...invalidEmails(plan.personer)];
}

function planReferences(plan: Plan): Diagnostic[] {
  const organisationer = Object.keys(plan.organisationer);
  const personer = Object.keys(plan.personer);
  return [
    ...missingReference(plan.kommune, organisationer, 'organisationen', 'organisationer', '/kommune'),
    ...plan.boligorganisationer.flatMap((id, i) => missingReference(id, organisationer, 'organisationen', 'organisationer', `/boligorganisationer/${i}`)),
    ...plan.bestyrelse.flatMap((id, i) => missingReference(id, personer, 'personen', 'personer', `/bestyrelse/${i}`)),
    ...personOrganisations(plan.personer, plan.organisationer),
  ].map((d) => ({ ...d, rule: 'plan/henvisninger' }));
}

/** A delaftale field and the plan field it comes from when the delaftale leaves it out. */
const INHERITED: [field: string, planField: keyof Plan][] = [
  ['periode', 'periode'],
  ['indsats', 'navn'],
  ['kortnavn', 'kortnavn'],
  ['sekretariat', 'sekretariat'],
  ['boligomraader', 'boligomraader'],
  ['parter', 'bestyrelse'],
];

export interface WithPlan {
  /** The delaftale with the plan's shared values filled in (still to be validated). */
  value: Record<string, unknown>;
  /** Where a pointer into `value` comes from: the plan file's pointer, or undefined for the delaftale's own. */
  inPlan(pointer: string): string | undefined;
  /** A delaftale that contradicts its plan (another period; an id the plan already has). */
  conflicts: Diagnostic[];
}

export function withPlan(agreement: Record<string, unknown>, plan: Plan): WithPlan {
  const value: Record<string, unknown> = { ...agreement };
  const fromPlan = new Map<string, string>();
  for (const [field, planField] of INHERITED) {
    if (value[field] === undefined && plan[planField] !== undefined) {
      value[field] = plan[planField];
      fromPlan.set(field, `/${planField}`);
    }
  }
  const conflicts: Diagnostic[] = [];
  if (!fromPlan.has('periode') && value.periode !== plan.periode) {
    conflicts.push(error('plan', `delaftalen har perioden ${JSON.stringify(value.periode)}, men dens plan har ${plan.periode}; udelad "periode" i delaftalen, så gælder planens`, { pointer: '/periode' }));
  }
  // People and organisations: the plan's, plus the delaftale's own; an id in both would let one name be spelt two ways.
  const planIds = new Map<string, Set<string>>();
  for (const list of ['personer', 'organisationer'] as const) {
    const own = (typeof value[list] === 'object' && value[list] !== null ? value[list] : {}) as Record<string, unknown>;
    for (const id of Object.keys(own)) {
      if (id in plan[list]) conflicts.push(error('plan', `"${id}" står allerede under "${list}" i planen; henvis til planens, eller giv denne et andet id`, { pointer: `/${list}/${escapePointer(id)}` }));
    }
    value[list] = { ...plan[list], ...own };
    planIds.set(list, new Set(Object.keys(plan[list]).filter((id) => !(id in own))));
  }
  return {
    value,
    conflicts,
    inPlan(pointer) {
      const [first, second] = pointerSegments(pointer);
      if (first === undefined) return undefined;
      const whole = fromPlan.get(first);
      if (whole !== undefined) return whole + pointer.slice(first.length + 1);
      if ((first === 'personer' || first === 'organisationer') && second !== undefined && planIds.get(first)!.has(second)) return pointer;
      return undefined;
    },
  };
}
