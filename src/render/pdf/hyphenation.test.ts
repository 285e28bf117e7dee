import { describe, expect, it } from 'vitest';
import { TOKEN_LENGTH, hyphenateDanish, layOutWithoutOverflow, markAddedHyphens, tokenParts } from './hyphenation.js';

describe('Danish hyphenation for the PDF', () => {
  it('breaks long Danish compounds into parts that join back to the word', () => {
    const parts = hyphenateDanish('kriminalitetsforebyggelse');
    expect(parts.length).toBeGreaterThan(3);
    expect(parts.join('')).toBe('kriminalitetsforebyggelse');
  });

  it('never breaks numbers, e-mail addresses or URLs', () => {
    for (const word of ['15.000', '2014-16', 'bigaardensolvang@gmail.com', 'https://www.lbf.dk/boligsocial', 'www.3b.dk']) {
      expect(hyphenateDanish(word), word).toEqual([word]);
    }
  });

  it('may break two words joined by a slash after the slash', () => {
    const parts = hyphenateDanish('Tryghedspartnerskabet/Partnerskabet');
    expect(parts[0]).toBe('Tryghedspartnerskabet/');
    expect(parts.join('')).toBe('Tryghedspartnerskabet/Partnerskabet');
    expect(parts.length).toBeGreaterThan(2);
  });
});

describe('long tokens', () => {
  const joined = (parts: string[]): string => parts.join('');

  it('breaks a token longer than TOKEN_LENGTH between any two characters, with empty parts (no hyphen, nothing inserted)', () => {
    const url = `https://www.example.dk/${'sti/'.repeat(40)}slut`;
    expect(url.length).toBeGreaterThan(TOKEN_LENGTH);
    const parts = hyphenateDanish(url);
    expect(joined(parts)).toBe(url);
    expect(parts.filter((p) => p !== '')).toEqual(url.split(''));
    parts.forEach((part, i) => expect(part === '', `part ${i}`).toBe(i % 2 === 1));
  });

  it('leaves shorter words as before: Danish hyphenation, URLs and numbers whole', () => {
    expect(hyphenateDanish('https://www.lbf.dk/boligsocial')).toEqual(['https://www.lbf.dk/boligsocial']);
    expect(hyphenateDanish('kriminalitetsforebyggelse').every((p) => p !== '')).toBe(true);
  });

  it('keeps grapheme clusters together: an emoji sequence, a letter with a combining accent', () => {
    const family = '👨\u200d👩\u200d👧';
    const token = `${'e\u0301'.repeat(60)}${family}${'x'.repeat(50)}`;
    const parts = hyphenateDanish(token).filter((p) => p !== '');
    expect(parts).toContain(family);
    expect(parts).toContain('e\u0301');
    expect(parts.join('')).toBe(token);
  });

  it('is linear and bounded for a 98,000-character token: at most 20,000 parts, in well under a second', () => {
    const token = 'abcdefghijklmnopqrstuvwxyzæøå'.repeat(3400).slice(0, 98_000);
    const started = performance.now();
    const parts = tokenParts(token);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(parts.length).toBeLessThanOrEqual(20_000);
    expect(joined(parts)).toBe(token);
  });
});

describe('layOutWithoutOverflow', () => {
  it('lays a paragraph out again, breaking the longest word of a line wider than its box like a token', () => {
    const word = 'bigaardensolvang@gmail.com';
    const seen: string[][] = [];
    const run = () => {
      const parts = hyphenateDanish(word);
      seen.push(parts);
      // The first layout overflows (the word is one part); the second fits.
      return parts.length === 1 ? [{ string: `mail ${word}`, xAdvance: 120, box: { width: 100 } }] : [{ string: 'fits', xAdvance: 90, box: { width: 100 } }];
    };
    const lines = layOutWithoutOverflow(run);
    expect(lines).toEqual([{ string: 'fits', xAdvance: 90, box: { width: 100 } }]);
    expect(seen[0]).toEqual([word]);
    expect(seen[1]!.filter((p) => p !== '')).toEqual(word.split(''));
    // Only while that paragraph is laid out again.
    expect(hyphenateDanish(word)).toEqual([word]);
  });

  it('lays out once when nothing overflows, and gives up after two more tries', () => {
    let calls = 0;
    layOutWithoutOverflow(() => {
      calls += 1;
      return [{ string: 'a b', xAdvance: 10, box: { width: 100 } }];
    });
    expect(calls).toBe(1);
    calls = 0;
    layOutWithoutOverflow(() => {
      calls += 1;
      return [{ string: `x${calls}yz`, xAdvance: 200, box: { width: 100 } }];
    });
    expect(calls).toBe(3);
  });
});

describe('markAddedHyphens', () => {
  const line = (string: string) => ({ string, runs: [{}, {}] as Array<{ addedHyphen?: boolean }> });

  it('marks the last run of a line ending in a hyphen the text does not have, and no other', () => {
    const text = 'Trygheden i Helhedsplanen og hos Jeppe Grønholt-Pedersen er god.';
    const lines = [line('Trygheden i Helheds-'), line('planen og hos Jeppe Grønholt-'), line('Pedersen er god.')];
    markAddedHyphens(text, lines);
    expect(lines.map((l) => l.runs.map((r) => r.addedHyphen ?? false))).toEqual([[false, true], [false, false], [false, false]]);
  });

  it('marks nothing it cannot place in the text (a line react-pdf changed), and places the lines of a broken word', () => {
    const text = 'Et langt ord: kriminalitetsforebyggelse. Og et til: boligsociale.';
    const lines = [line('Et langt ord: kri…'), line('minalitetsforebyggelse. Og et til: bolig-'), line('sociale.')];
    markAddedHyphens(text, lines);
    expect(lines.map((l) => l.runs[1]!.addedHyphen ?? false)).toEqual([false, false, false]);
    const resync = [line('Et langt ord: '), line('kriminalitets-'), line('forebyggelse. Og et til: bolig-'), line('sociale.')];
    markAddedHyphens(text, resync);
    expect(resync.map((l) => l.runs[1]!.addedHyphen ?? false)).toEqual([false, true, true, false]);
  });
});
