import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { PortalProfile } from '../../portal/profile.js';
import type { Delaftale } from '../types.js';

/** Data the rules read from templates/ (kept as data so it can be corrected without a release). */
export interface RuleContext {
  perioder: {
    minimumLokalMedfinansiering: number;
    perioder: Record<string, { skabelon: string | null; indsatsomraader: string[] }>;
  };
  cfbu: { bekraeftet: string[] };
  /** The driftsstøtte portal's profile for a period, when the period has a template. */
  portal(periode: string): PortalProfile | undefined;
}

/** One semantic check on schema-valid content; returns diagnostics with JSON pointers. */
export interface Rule {
  id: string;
  check(content: Delaftale, context: RuleContext): Diagnostic[];
}
