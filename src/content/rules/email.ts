import { error } from '../../diagnostics/diagnostic.js';
import type { Rule } from './rule.js';

/** Practical e-mail syntax: local part, one @, a domain with a dot, no spaces. */
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~æøåÆØÅ-]+@[A-Za-z0-9æøåÆØÅ](?:[A-Za-z0-9æøåÆØÅ-]*[A-Za-z0-9æøåÆØÅ])?(?:\.[A-Za-z0-9æøåÆØÅ](?:[A-Za-z0-9æøåÆØÅ-]*[A-Za-z0-9æøåÆØÅ])?)+$/;

export const email: Rule = {
  id: 'email',
  check(content) {
    return Object.entries(content.personer).flatMap(([id, person]) =>
      person.email === undefined || (EMAIL.test(person.email) && !person.email.includes('..'))
        ? []
        : [error(this.id, `"${person.email}" er ikke en gyldig e-mailadresse; forventede fx navn@organisation.dk`, { pointer: `/personer/${id}/email` })]);
  },
};
