import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Delaftale } from '../src/content/types.js';
import { validateBytes } from '../src/content/validate.js';
import { prepare, type TemplateName } from '../src/generate.js';
import { toPdf, totalsRoundPages, warmStarts } from '../src/render/pdf/to-pdf.js';
import { ROOT, seed } from './helpers.js';

/**
 * A warm start of footnote placement (src/render/pdf/warm-start.ts, to-pdf.tsx warmSettled)
 * gives a cold build's bytes. For the seed, a chain of edits as a user types them, each
 * rendered warm from the state the one before left, each compared with a cold render of
 * the same content: an amount, a word of the same length, a longer word (moves a deferred
 * footnote to another note), a paragraph added and removed before the references (moves
 * footnotes across pages), a footnote added and removed, an activity added and removed.
 * For every fixture that validates: a cold render, the same again warm, then a warm one
 * after a word added to its problemkompleks, against a cold one of that. Both documents (agreement and
 * activity sheets) each time. The counts at the end make sure warm starts were taken,
 * not only refused.
 */

const LONG = 1_200_000;
const EPOCH = '1700000000';
const DOCUMENTS: TemplateName[] = ['delaftale', 'aktivitetsark'];

async function validated(content: unknown, name = 'warm.json'): Promise<Delaftale | undefined> {
  return (await validateBytes(new TextEncoder().encode(JSON.stringify(content)), name)).content;
}

async function pdfOf(content: Delaftale, template: TemplateName, placementKey?: string): Promise<Buffer> {
  const p = prepare(content, { template, sourceDateEpoch: EPOCH });
  return Buffer.from((await toPdf(p.tree, p.options, { placementKey })).bytes);
}

/** A warm render (after whatever was rendered under `key` before) against a cold one. */
async function expectWarmIsCold(content: Delaftale, template: TemplateName, key: string, what: string): Promise<void> {
  const cold = await pdfOf(content, template);
  const warm = await pdfOf(content, template, key);
  expect(warm.equals(cold), `${what}, ${template}: warm bytes differ from cold`).toBe(true);
}

type Edit = [name: string, edit: (c: Delaftale) => Delaftale];
const viaJson = (c: Delaftale, f: (json: string) => string): Delaftale => JSON.parse(f(JSON.stringify(c))) as Delaftale;

const SEED_EDITS: Edit[] = [
  ['amount 1928 → 2028', (c) => { c.oekonomi.finansiering[1]!.beloeb = 2028; return c; }],
  ['word of the same length', (c) => { c.problemkompleks = c.problemkompleks.replace('negativt', 'negative'); return c; }],
  ['longer word', (c) => { c.problemkompleks = c.problemkompleks.replace('omdømmeanalyse', 'omdømmeundersøgelse'); return c; }],
  ['paragraph added before the references', (c) => { c.problemkompleks = `${'Et nyt afsnit om området og dets beboere, som skubber teksten nedad. '.repeat(6)}\n\n${c.problemkompleks}`; return c; }],
  ['paragraph removed again', (c) => c],
  ['footnote added', (c) => {
    c.fodnoter = { ...c.fodnoter, 'ny-kilde': 'En ny kilde, tilføjet under redigeringen.' };
    c.formaal = c.formaal.replace('fællesskaber.', 'fællesskaber.[^ny-kilde]');
    return c;
  }],
  ['footnote removed', (c) => {
    const { kvarterevents: _, ...rest } = c.fodnoter ?? {};
    return { ...viaJson(c, (json) => json.replaceAll('[^kvarterevents]', '')), fodnoter: rest };
  }],
  ['activity added', (c) => { c.aktiviteter.push({ ...structuredClone(c.aktiviteter[1]!), navn: 'En ny aktivitet' }); return c; }],
  ['activity removed', (c) => { c.aktiviteter.pop(); return c; }],
];

/** Every .json under tests/fixtures. */
function fixtures(dir = join(ROOT, 'tests/fixtures')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return fixtures(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

/** A word added at the end of the first paragraph of `problemkompleks` (every agreement has one). */
const wordAdded = (c: Delaftale): Delaftale => ({ ...c, problemkompleks: c.problemkompleks.replace(/^([^\n]*)/, '$1 Tilføjet') });

describe('warm start of footnote placement', () => {
  it('gives the cold bytes for a chain of edits to the seed', async () => {
    const before = { ...warmStarts };
    for (const template of DOCUMENTS) {
      const key = `test:seed:${template}`;
      let content = (await validated(seed()))!;
      // Cold (nothing under the key yet), and the state it settled in is remembered.
      await expectWarmIsCold(content, template, key, 'seed');
      for (const [what, edit] of SEED_EDITS) {
        const edited = what === 'paragraph removed again' ? (await validated(seed()))! : await validated(edit(structuredClone(content)));
        expect(edited, what).toBeDefined();
        content = edited!;
        await expectWarmIsCold(content, template, key, what);
      }
    }
    console.log(`seed: warm starts taken ${warmStarts.accepted - before.accepted}, refused ${warmStarts.rejected - before.rejected}`);
    // Not a vacuous pass: the amount and same-length word edits at least settle warm.
    expect(warmStarts.accepted - before.accepted).toBeGreaterThanOrEqual(4);
    expect(warmStarts.rejected - before.rejected).toBeGreaterThanOrEqual(1);
  }, LONG);

  it('gives the cold bytes for every fixture, unchanged and with a word added', async () => {
    const before = { ...warmStarts };
    let documents = 0;
    for (const file of fixtures()) {
      const name = relative(ROOT, file);
      const content = await validated(JSON.parse(readFileSync(file, 'utf8')), name);
      if (content === undefined) continue; // fixtures of invalid content
      for (const template of DOCUMENTS) {
        const key = `test:${name}:${template}`;
        // Nothing under the key yet: cold, and its settled state is remembered.
        const cold = await pdfOf(content, template, key);
        expect((await pdfOf(content, template, key)).equals(cold), `${name} again, ${template}: warm bytes differ from cold`).toBe(true);
        await expectWarmIsCold(wordAdded(structuredClone(content)), template, key, `${name} with a word added`);
        documents += 1;
      }
    }
    console.log(`fixtures: ${documents} documents, warm starts taken ${warmStarts.accepted - before.accepted}, refused ${warmStarts.rejected - before.rejected}`);
    expect(documents).toBeGreaterThan(10);
    expect(warmStarts.accepted - before.accepted).toBeGreaterThan(0);
  }, LONG);
});

/**
 * A cold sequence's first layout cannot settle when the body references a note, so it prints
 * a provisional "af N" instead of letting react-pdf paginate a second time to fill it in
 * (to-pdf.tsx). That layout is never written; the seed, every fixture, 50 differently worded
 * agreements and two at the limits gave the same bytes before and after the change. Counted
 * here from react-pdf's side: the pages its page template lays out with totalPages given.
 */
describe('the first cold layout', () => {
  it('react-pdf paginates it once when the body references a note, twice (for "af N") when nothing is referenced', async () => {
    const withNotes = (await validated(seed()))!;
    let before = totalsRoundPages.count;
    await pdfOf(withNotes, 'delaftale');
    expect(totalsRoundPages.count - before).toBe(0);
    const minimal = (await validated(JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/aftaler/minimal.json'), 'utf8')), 'minimal.json'))!;
    expect(JSON.stringify(minimal)).not.toContain('[^');
    before = totalsRoundPages.count;
    await pdfOf(minimal, 'delaftale');
    expect(totalsRoundPages.count - before).toBeGreaterThan(0);
  }, LONG);
});
