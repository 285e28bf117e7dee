import { describe, expect, it } from 'vitest';
import { displayAmount, formatDanishNumber, parseDanishNumber } from './danish-number.js';

describe('Danish amounts', () => {
  it('reads Danish numbers', () => {
    expect(parseDanishNumber('2.028')).toBe(2028);
    expect(parseDanishNumber('1928')).toBe(1928);
    expect(parseDanishNumber('12,5')).toBe(12.5);
    expect(parseDanishNumber('1.928,125')).toBe(1928.125);
    expect(parseDanishNumber('1.000.000')).toBe(1000000);
    expect(parseDanishNumber(' 310,5 ')).toBe(310.5);
    expect(parseDanishNumber('0')).toBe(0);
    expect(parseDanishNumber('-5')).toBe(-5);
  });

  it('keeps anything else exactly as typed', () => {
    for (const typed of ['1.928 kr', '12.5', '1.92', '1,928.5', 'abc', '1..928', '2.028,', ',5', ' 1 928 ']) {
      expect(parseDanishNumber(typed)).toBe(typed);
    }
  });

  it('an empty field has no value', () => {
    expect(parseDanishNumber('')).toBeUndefined();
    expect(parseDanishNumber('   ')).toBeUndefined();
  });

  it('shows numbers the Danish way', () => {
    expect(formatDanishNumber(1928)).toBe('1.928');
    expect(formatDanishNumber(12.5)).toBe('12,5');
    expect(formatDanishNumber(3100)).toBe('3.100');
    expect(formatDanishNumber(999)).toBe('999');
    expect(formatDanishNumber(0.125)).toBe('0,125');
    expect(formatDanishNumber(1234567.891)).toBe('1.234.567,891');
    expect(formatDanishNumber(-2028)).toBe('-2.028');
    expect(displayAmount('1.928 kr')).toBe('1.928 kr');
    expect(displayAmount(undefined)).toBe('');
  });

  it('what it shows reads back as the same number', () => {
    for (const n of [0, 1, 12.5, 310.5, 1928, 2028, 3100.4, 999999999.999, 0.001]) {
      expect(parseDanishNumber(formatDanishNumber(n))).toBe(n);
    }
  });
});
