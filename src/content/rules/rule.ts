import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { PortalProfile } from '../../portal/profile.js';
import type { Delaftale } from '../types.js';

/** One LBF funding period as templates/perioder.json describes it. */
export interface Periode {
  /** The built-in template folder under templates/, or null when the period has none. */
  skabelon: string | null;
  indsatsomraader: string[];
  /** The span an agreement of the period may run in (estimated, see perioder.json). */
  gyldighed: { fra: string; til: string };
  /** Top-level fields the period's template needs beyond the schema's. */
  kraevedeFelter: string[];
}

/** Data the rules read from templates/ (kept as data so it can be corrected without a release). */
export interface RuleContext {
  perioder: {
    minimumLokalMedfinansiering: number;
    perioder: Record<string, Periode>;
  };
  cfbu: { bekraeftet: string[] };
  /** A secretariat's own template folder (--skabelon), used for every period instead of the built-in ones. */
  egenSkabelon?: string;
  /** The driftsstøtte portal's profile for a period, when the period has a template. */
  portal(periode: string): PortalProfile | undefined;
}

/** One semantic check on schema-valid content; returns diagnostics with JSON pointers. */
export interface Rule {
  id: string;
  check(content: Delaftale, context: RuleContext): Diagnostic[];
}
