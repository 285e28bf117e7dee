import { describe, expect, it } from 'vitest';
import { getAt, join, parent, segments, setAt } from './pointer.js';

describe('JSON pointers', () => {
  it('splits and joins with escapes', () => {
    expect(segments('/a~1b/c~0d/0')).toEqual(['a/b', 'c~d', '0']);
    expect(join('/fodnoter', 'a/b')).toBe('/fodnoter/a~1b');
    expect(parent('/oekonomi/finansiering/1')).toBe('/oekonomi/finansiering');
    expect(parent('/periode')).toBe('');
  });

  it('gets, sets and deletes', () => {
    const v: Record<string, unknown> = { oekonomi: { finansiering: [{ beloeb: 1 }, { beloeb: 1928 }] } };
    expect(getAt(v, '/oekonomi/finansiering/1/beloeb')).toBe(1928);
    setAt(v, '/oekonomi/finansiering/1/beloeb', 2028);
    expect(getAt(v, '/oekonomi/finansiering/1/beloeb')).toBe(2028);
    setAt(v, '/revision/godkendt/dato', '2020-01-01');
    expect(v.revision).toEqual({ godkendt: { dato: '2020-01-01' } });
    setAt(v, '/revision/godkendt/dato', undefined);
    expect(v.revision).toEqual({ godkendt: {} });
    setAt(v, '/nothing/here', undefined);
    expect(v).not.toHaveProperty('nothing');
    expect(getAt(v, '/toString')).toBeUndefined();
  });
});
