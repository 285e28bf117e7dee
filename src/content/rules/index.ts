import { aktivitetsskema } from './aktivitetsskema.js';
import { budgetFordeling } from './budget-fordeling.js';
import { cfbu } from './cfbu.js';
import { email } from './email.js';
import { filnavn } from './filnavn.js';
import { fodnoter } from './fodnoter.js';
import { glyffer } from './glyffer.js';
import { graenser } from './graenser.js';
import { gyldighed } from './gyldighed.js';
import { henvisninger } from './henvisninger.js';
import { indsatsomraade } from './indsatsomraade.js';
import { markdown } from './markdown.js';
import { medfinansiering } from './medfinansiering.js';
import { periode } from './periode.js';
import { pladsholdere } from './pladsholdere.js';
import { portal } from './portal.js';
import type { Rule } from './rule.js';
import { skabelon } from './skabelon.js';
import { stavemaade } from './stavemaade.js';
import { tegn } from './tegn.js';
import { tommeAfsnit } from './tomme-afsnit.js';

/** Every semantic rule, run in this order after the schema has passed. */
export const RULES: readonly Rule[] = [
  skabelon, henvisninger, indsatsomraade, periode, gyldighed, medfinansiering, budgetFordeling,
  fodnoter, markdown, email, pladsholdere, cfbu, aktivitetsskema, portal, stavemaade, glyffer,
  tegn, tommeAfsnit, graenser, filnavn,
];
