import { describe, expect, it } from 'vitest';
import { hyphenateDanish } from './hyphenation.js';

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
