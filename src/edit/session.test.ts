import { describe, expect, it } from 'vitest';
import { nextVersion } from './session.js';

describe('nextVersion', () => {
  it('raises the last part of the version, dates it today, drops approval and summary, and adds the approved version to the history', () => {
    const value = { indsats: 'X', revision: { version: '1.9', dato: '2020-01-01', godkendt: { dato: '2020-02-01', af: 'Bestyrelsen' }, resume: 'Første', historik: [{ version: '1.8', dato: '2019-01-01' }] }, aktiviteter: [] };
    expect(nextVersion(value, '2026-11-29')).toEqual({
      indsats: 'X',
      revision: { version: '1.10', dato: '2026-11-29', historik: [{ version: '1.8', dato: '2019-01-01' }, { version: '1.9', dato: '2020-01-01', godkendt: { dato: '2020-02-01', af: 'Bestyrelsen' }, resume: 'Første' }] },
      aktiviteter: [],
    });
    expect((nextVersion({ revision: { version: '2', dato: '2020-01-01' } }, '2026-01-01') as { revision: unknown }).revision).toEqual({ version: '3', dato: '2026-01-01', historik: [{ version: '2', dato: '2020-01-01' }] });
  });

  it('refuses a version that is not a number like "1.0"', () => {
    expect(() => nextVersion({ revision: { version: 'v1', dato: '2020-01-01' } })).toThrow(/versionsnummer/);
    expect(() => nextVersion({})).toThrow(/versionsnummer/);
  });
});
