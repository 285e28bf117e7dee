import { error, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Person } from '../types.js';
import type { Rule } from './rule.js';

/** Practical e-mail syntax: local part, one @, a domain with a dot, no spaces. */
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~æøåÆØÅ-]+@[A-Za-z0-9æøåÆØÅ](?:[A-Za-z0-9æøåÆØÅ-]*[A-Za-z0-9æøåÆØÅ])?(?:\.[A-Za-z0-9æøåÆØÅ](?:[A-Za-z0-9æøåÆØÅ-]*[A-Za-z0-9æøåÆØÅ])?)+$/;

/** The people's e-mail addresses that do not have that form (in a delaftale and in a plan file alike). */
export function invalidEmails(personer: Record<string, Person>): Diagnostic[] {
  return Object.entries(personer).flatMap(([id, person]) =>
    person.email === undefined || (EMAIL.test(person.email) && !person.email.includes('..'))
      ? []
      : [error('email', `"${person.email}" er ikke en gyldig e-mailadresse; forventede fx navn@organisation.dk`, { pointer: `/personer/${id}/email` })]);
}

export const email: Rule = {
  id: 'email',
  check(content) {
    return invalidEmails(content.personer);
  },
};
