import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import * as budget from '../src/content/budget.js';
import { standaloneValidators } from '../src/content/standalone.js';
import { loadValidators } from '../src/content/validators.js';
import { ROOT, seed } from './helpers.js';

/**
 * The bundle validates with ajv standalone code generated at build time (scripts/bundle.mjs),
 * the tsc build with validators ajv compiles at run time. Both must return the same error
 * objects (schema.ts turns them into the Danish diagnostics), for valid content and for
 * every kind of problem schema.ts translates.
 */

type Validators = { delaftale: ValidateFunction; plan: ValidateFunction };

/** The generated module's source, evaluated as CommonJS, as the bundle's require would. */
function standalone(): Validators {
  const require = createRequire(import.meta.url);
  const module = { exports: {} as { loadValidators: () => Validators } };
  const load = (id: string): unknown => (id === 'delaftale:budget' ? budget : require(id));
  new Function('exports', 'require', 'module', standaloneValidators())(module.exports, load, module);
  return module.exports.loadValidators();
}

const compiled = loadValidators();
const generated = standalone();

function outcome(validate: ValidateFunction, value: unknown): { valid: boolean; errors: unknown } {
  const valid = validate(value) as boolean;
  // Copied: the errors point into the schema (parentSchema); compared as plain data.
  return { valid, errors: JSON.parse(JSON.stringify(validate.errors ?? null)) };
}

const json = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
const files = (dir: string): string[] => readdirSync(join(ROOT, dir)).filter((n) => n.endsWith('.json')).map((n) => `${dir}/${n}`);

/** Broken copies of the seed: one for each keyword schema.ts has a message for. */
function broken(): Array<[string, unknown]> {
  const cases: Array<[string, (c: any) => void]> = [
    ['required', (c) => { delete c.indsats; }],
    ['additionalProperties', (c) => { c.indsatts = 'x'; }],
    ['type (text for an amount)', (c) => { c.aktiviteter[0].budget = '310,5'; }],
    ['type (too large)', (c) => { c.revision.version = 1e400; }],
    ['enum', (c) => { c.periode = '2019-2025'; }],
    ['pattern', (c) => { c.revision.dato = '1. maj 2024'; }],
    ['minLength', (c) => { c.indsats = ''; }],
    ['maxLength', (c) => { c.indsats = 'x'.repeat(100_000); }],
    ['minItems', (c) => { c.aktiviteter = []; }],
    ['maxItems', (c) => { c.aktiviteter = Array.from({ length: 500 }, () => c.aktiviteter[0]); }],
    ['uniqueItems', (c) => { c.aktiviteter[0].niveau = ['beboerniveau', 'beboerniveau']; }],
    ['exclusiveMaximum and maxProperties', (c) => {
      c.oekonomi.finansiering[0].beloeb = 2e9;
      for (let i = 0; i < 201; i += 1) c.fodnoter[`n${i}`] = 'x';
    }],
    ['wrong types everywhere', (c) => { for (const k of Object.keys(c)) c[k] = k.length % 2 ? 7 : null; }],
    ['not an object', () => {}],
  ];
  return cases.map(([name, edit]) => {
    if (name === 'not an object') return [name, ['en liste']];
    const c = seed() as any;
    edit(c);
    return [name, c];
  });
}

/** maksDecimaler and propertyNames somewhere in the schema: amounts and keyed maps, found by walking the seed. */
function brokenAmountsAndKeys(): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const walk = (v: any, path: Array<string | number>): void => {
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, Array.isArray(v) ? Number(k) : k]);
  };
  walk(seed(), []);
  const amount = seed() as any;
  const firstNumberPath = (o: any): Array<string | number> | undefined => {
    for (const [k, x] of Object.entries(o ?? {})) {
      if (typeof x === 'number' && Number.isInteger(x) && x > 10) return [k];
      if (x && typeof x === 'object') {
        const p = firstNumberPath(x);
        if (p) return [Array.isArray(o) ? Number(k) : k, ...p];
      }
    }
    return undefined;
  };
  const p = firstNumberPath(amount);
  if (p) {
    let at = amount;
    for (const k of p.slice(0, -1)) at = at[k];
    at[p[p.length - 1]!] = 310.12345;
    out.push([`decimals at /${p.join('/')}`, amount]);
    const negative = seed() as any;
    let n = negative;
    for (const k of p.slice(0, -1)) n = n[k];
    n[p[p.length - 1]!] = -5;
    out.push([`negative at /${p.join('/')}`, negative]);
  }
  // Keyed maps (people, years): a key of the wrong kind.
  const keys = seed() as any;
  for (const [k, v] of Object.entries(keys)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const first = Object.keys(v)[0];
      if (first !== undefined) v['Ugyldig Nøgle!'] = v[first];
      out.push([`bad key in ${k}`, structuredClone(keys)]);
      delete v['Ugyldig Nøgle!'];
    }
  }
  return out;
}

describe('ajv standalone validators (the bundle) agree with the compiled ones (the tsc build)', () => {
  const agreements = ['content/tryghed-og-trivsel.json', ...files('content/helhedsplan-solbakken').filter((f) => !f.endsWith('plan.json')),
    ...files('tests/fixtures/aftaler'), ...files('tests/fixtures/2019-2026'), ...files('tests/fixtures/2019-2026/fejl'),
    ...files('tests/fixtures/fejl'), ...files('tests/fixtures/tegn'), ...files('tests/fixtures/revision'), ...files('tests/fixtures/belob')];

  it.each(agreements)('%s', (file) => {
    const value = json(file);
    expect(outcome(generated.delaftale, value)).toEqual(outcome(compiled.delaftale, value));
  });

  it('the seed is valid to both', () => {
    expect(outcome(generated.delaftale, json('content/tryghed-og-trivsel.json')).valid).toBe(true);
  });

  it.each([...broken(), ...brokenAmountsAndKeys()])('broken: %s', (_, value) => {
    const expected = outcome(compiled.delaftale, value);
    expect(expected.valid).toBe(false);
    expect(outcome(generated.delaftale, value)).toEqual(expected);
  });

  it('the plan file, as it is and broken', () => {
    const plan = json('content/helhedsplan-solbakken/plan.json') as any;
    expect(outcome(generated.plan, plan)).toEqual(outcome(compiled.plan, plan));
    expect(outcome(compiled.plan, plan).valid).toBe(true);
    const bad = structuredClone(plan);
    delete bad.navn;
    bad.ukendt = 1;
    for (const [k, v] of Object.entries(bad)) if (Array.isArray(v)) bad[k] = [...v, ...v, 3];
    const expected = outcome(compiled.plan, bad);
    expect(expected.valid).toBe(false);
    expect(outcome(generated.plan, bad)).toEqual(expected);
  });
});
