import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyValue, detectFormatting } from './text-edits.js';

const SEED = readFileSync(new URL('../../content/tryghed-og-trivsel.json', import.meta.url), 'utf8');

/** The lines of `after` that are not in `before` at the same place (a crude line diff for short changes). */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { removed: a.slice(head, a.length - tail), added: b.slice(head, b.length - tail) };
}

describe('applyValue', () => {
  it('changes one number and nothing else in the seed', () => {
    const old = JSON.parse(SEED);
    const value = structuredClone(old);
    value.oekonomi.finansiering[1].beloeb = 2028;
    const out = applyValue(SEED, old, value);
    expect(JSON.parse(out)).toEqual(value);
    const d = changedLines(SEED, out);
    expect(d.removed).toEqual([d.removed[0]]);
    expect(d.removed[0]).toMatch(/"beloeb": 1928/);
    expect(d.added).toEqual([d.removed[0]!.replace('1928', '2028')]);
    expect(out.length).toBe(SEED.length);
  });

  it('gives the same text back for the same value', () => {
    const old = JSON.parse(SEED);
    expect(applyValue(SEED, old, structuredClone(old))).toBe(SEED);
  });

  it('keeps comments, key order, tabs and CRLF; inserts a new key after its predecessor in the new value', () => {
    const text = '{\r\n\t// the name\r\n\t"b": 1,\r\n\t"a": {\r\n\t\t"x": [1, 2]\r\n\t}\r\n}\r\n';
    expect(detectFormatting(text)).toEqual({ insertSpaces: false, tabSize: 1, eol: '\r\n' });
    const out = applyValue(text, { b: 1, a: { x: [1, 2] } }, { b: 2, c: 'ny', a: { x: [1, 2] } });
    expect(out).toBe('{\r\n\t// the name\r\n\t"b": 2,\r\n\t"c": "ny",\r\n\t"a": {\r\n\t\t"x": [1, 2]\r\n\t}\r\n}\r\n');
  });

  it('inserts, removes and reorders array elements, keeping unchanged elements byte-identical', () => {
    const text = '{\n  "l": [\n    { "n": "a" },\n    { "n": "b" },\n    { "n": "c" }\n  ]\n}\n';
    const old = JSON.parse(text);
    const inserted = applyValue(text, old, { l: [{ n: 'a' }, { n: 'x' }, { n: 'b' }, { n: 'c' }] });
    expect(JSON.parse(inserted)).toEqual({ l: [{ n: 'a' }, { n: 'x' }, { n: 'b' }, { n: 'c' }] });
    expect(inserted).toContain('    { "n": "a" },\n');
    expect(inserted).toContain('    { "n": "c" }\n  ]');
    const removed = applyValue(text, old, { l: [{ n: 'a' }, { n: 'c' }] });
    expect(removed).toBe('{\n  "l": [\n    { "n": "a" },\n    { "n": "c" }\n  ]\n}\n');
    const appended = applyValue(text, old, { l: [{ n: 'a' }, { n: 'b' }, { n: 'c' }, { n: 'd' }] });
    expect(JSON.parse(appended).l).toHaveLength(4);
    expect(appended.startsWith('{\n  "l": [\n    { "n": "a" },\n    { "n": "b" },\n')).toBe(true);
    const reordered = applyValue(text, old, { l: [{ n: 'c' }, { n: 'a' }, { n: 'b' }] });
    expect(JSON.parse(reordered)).toEqual({ l: [{ n: 'c' }, { n: 'a' }, { n: 'b' }] });
    expect(reordered).toContain('    { "n": "a" },\n    { "n": "b" }');
    const edited = applyValue(text, old, { l: [{ n: 'a' }, { n: 'B' }, { n: 'c' }, { n: 'd' }] });
    expect(JSON.parse(edited)).toEqual({ l: [{ n: 'a' }, { n: 'B' }, { n: 'c' }, { n: 'd' }] });
  });

  it('removes a key and adds a nested object in the file indentation', () => {
    const old = JSON.parse(SEED);
    const value = structuredClone(old);
    delete value.revision.godkendt;
    const out = applyValue(SEED, old, value);
    expect(JSON.parse(out)).toEqual(value);
    expect(out).not.toContain('"godkendt"');
    const back = applyValue(out, value, old);
    expect(back).toBe(SEED);
  });

  it('replaces a value of another type (a string typed where a number belongs) and back', () => {
    const old = JSON.parse(SEED);
    const value = structuredClone(old);
    value.oekonomi.finansiering[1].beloeb = '1.928 kr';
    const out = applyValue(SEED, old, value);
    expect(out).toContain('"beloeb": "1.928 kr"');
    expect(applyValue(out, value, old)).toBe(SEED);
  });
});

describe('applyValue on any JSON', () => {
  it('gives a text whose value is the new value, and the same text for the same value (fast-check)', async () => {
    const fc = await import('fast-check');
    const json = fc.jsonValue({ maxDepth: 4 });
    fc.assert(fc.property(json, json, fc.constantFrom(0, 2, 4, '\t'), fc.boolean(), (a, b, indent, crlf) => {
      let text = JSON.stringify(a, null, indent);
      if (crlf) text = text.replace(/\n/g, '\r\n');
      const old = JSON.parse(text) as unknown;
      expect(applyValue(text, old, old)).toBe(text);
      const out = applyValue(text, old, b);
      expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(b)));
      if (text.includes('\r\n')) expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    }), { numRuns: Number(process.env.DELAFTALE_FC_RUNS ?? 300) });
  });
});

/** `value` with one change at the n-th node (in walk order): replaced, removed, or a sibling inserted before it. */
function mutate(value: unknown, n: number, op: number, replacement: unknown): unknown {
  let i = 0;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (const x of v) {
        if (i++ === n) {
          if (op === 0) out.push(replacement);
          else if (op === 2) out.push(replacement, walk(x));
          continue;
        }
        out.push(walk(x));
      }
      return out;
    }
    if (typeof v === 'object' && v !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (i++ === n) {
          if (op === 0) out[k] = replacement;
          else if (op === 2) Object.assign(out, { [`${k}-ny`]: replacement, [k]: walk(x) });
          continue;
        }
        out[k] = walk(x);
      }
      return out;
    }
    return v;
  };
  return walk(value);
}

describe('applyValue on one change', () => {
  it('edits a file JSON.stringify wrote into the text JSON.stringify would write for the new value (fast-check)', async () => {
    // Inserted and replaced parts take the file's layout, so nothing around a change moves.
    const fc = await import('fast-check');
    const container = fc.oneof(fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 1 }), fc.dictionary(fc.string({ minLength: 1 }), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1 }));
    fc.assert(fc.property(container, fc.nat(40), fc.integer({ min: 0, max: 2 }), fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(2, 4, '\t'), (a, n, op, replacement, indent) => {
      const text = `${JSON.stringify(a, null, indent)}\n`;
      const old = JSON.parse(text) as unknown;
      const b = JSON.parse(JSON.stringify(mutate(old, n, op, replacement))) as unknown;
      expect(applyValue(text, old, b)).toBe(`${JSON.stringify(b, null, indent)}\n`);
    }), { numRuns: Number(process.env.DELAFTALE_FC_RUNS ?? 300) });
  });
});
