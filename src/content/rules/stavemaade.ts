import { LRUCache } from 'lru-cache';
import { warning } from '../../diagnostics/diagnostic.js';
import { distance } from '../../util/similar.js';
import { printed } from '../characters.js';
import { stringValues } from '../fields.js';
import type { Rule } from './rule.js';

/**
 * Names that look like misspellings of each other ("Sussanne"/"Susanne",
 * "Bigaard"/"Bigård"). People are written once in `personer`, so this mostly
 * catches names typed again in prose, and place or organisation names that drift.
 * Only a warning: two real names can be this close.
 */
const NAME_RUN = /\p{Lu}[\p{Ll}]+(?:[ -]\p{Lu}[\p{Ll}]+){1,3}/gu;
const PROPER = /(?<![\p{L}])\p{Lu}[\p{Ll}]{5,}(?![\p{L}])/gu;

export const stavemaade: Rule = {
  id: 'stavemaade',
  check(content) {
    const out: ReturnType<Rule['check']> = [];
    const reported = new Set<string>();
    const report = (a: string, b: string, pointer: string) => {
      const key = [a, b].sort().join('|');
      if (reported.has(key)) return;
      reported.add(key);
      out.push(warning(this.id, `"${a}" ligner en anden stavemåde af "${b}"; skriv navnet ens overalt`, { pointer }));
    };

    const people = Object.entries(content.personer);
    people.forEach(([id, p], i) => {
      for (const [, q] of people.slice(i + 1)) {
        // Two names that print the same are the rule "tegn"'s (invisible characters), not a spelling.
        if (looksAlike(p.navn, q.navn) && printed(p.navn) !== printed(q.navn)) report(q.navn, p.navn, `/personer/${id}/navn`);
      }
    });

    const texts = stringValues(content).filter(({ pointer }) => !pointer.startsWith('/personer/'));
    for (const { pointer, text } of texts) {
      for (const run of text.match(NAME_RUN) ?? []) {
        const words = run.split(/[ ]/);
        for (const [, p] of people) {
          // Compare windows as long as the name, so "Spørg Sussanne Søgaard Grøn" finds "Sussanne Søgaard Grøn".
          const k = p.navn.split(' ').length;
          for (let i = 0; i + k <= words.length; i++) {
            const candidate = words.slice(i, i + k).join(' ');
            if (looksAlike(candidate, p.navn)) report(candidate, p.navn, pointer);
          }
        }
      }
    }

    // Single proper nouns: first spelling seen wins; later variants are reported where they stand.
    const seen = new Map<string, string>();
    for (const { pointer, text } of texts) {
      for (const word of text.match(PROPER) ?? []) {
        if (seen.has(word)) continue;
        for (const [other] of seen) if (variantWords(word, other)) report(word, other, pointer);
        seen.set(word, pointer);
      }
    }
    return out;
  },
};

/**
 * Pairs compared before. Why: the rule compares every name-like run with every person and
 * every proper noun with those seen before, by edit distance, on each validation; in watch
 * and the editor's preview one keystroke changes a word or two, so nearly every pair is
 * one compared the time before (this rule was the largest part of a warm validation).
 */
const compared = new LRUCache<string, boolean>({ max: 200_000 });
const memo = (kind: string, f: (a: string, b: string) => boolean) => (a: string, b: string): boolean => {
  const key = `${kind}\0${a}\0${b}`;
  let answer = compared.get(key);
  if (answer === undefined) compared.set(key, (answer = f(a, b)));
  return answer;
};

const looksAlike = memo('navn', (a, b) => {
  if (a === b) return false;
  const d = distance(a.toLowerCase(), b.toLowerCase());
  return d > 0 && d <= 2 && Math.min(a.length, b.length) >= 8;
});

/** Same word spelled two ways: aa/å variants, or one letter apart without being inflections of each other. */
const variantWords = memo('ord', (a, b) => {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la === lb) return false;
  const aa = (s: string) => s.replace(/aa/g, 'å');
  if (aa(la) === aa(lb)) return true;
  if (la.startsWith(lb) || lb.startsWith(la)) return false; // Danish inflection: -en, -s, -ens
  return Math.min(la.length, lb.length) >= 10 && distance(la, lb) === 1;
});
