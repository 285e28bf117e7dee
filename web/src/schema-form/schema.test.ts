import { describe, expect, it } from 'vitest';
import { referenceList } from './hints.js';
import { emptyValue, kindOf, resolve, type Schema } from './schema.js';
import schema from '../../../schema/delaftale.schema.json';

const root = schema as Schema;
const at = (...path: string[]): Schema => path.reduce<Schema>((s, k) => (s as Record<string, Schema>)[k]!, root);

describe('the form reads the delaftale schema', () => {
  it('resolves $ref; the property\'s own title and description win', () => {
    const r = resolve(root, at('properties', 'problemkompleks'));
    expect(r.defs).toEqual(['markdown']);
    expect(r.schema.title).toBe('Problemkompleks for indsatsområdet');
    expect(r.schema.maxLength).toBe(100000);
    const kort = resolve(root, at('properties', 'kortnavn')).schema;
    expect(kort.maxLength).toBe(40); // the sibling overrides the definition's 500
    // A $ref into another definition's properties.
    const g = resolve(root, at('$defs', 'tidligereVersion', 'properties', 'godkendt'));
    expect(g.schema.title).toBe('Godkendelse');
    expect(Object.keys(g.schema.properties ?? {})).toEqual(['dato', 'af']);
  });

  it('gives each field its kind', () => {
    const kind = (...p: string[]) => kindOf(resolve(root, at(...p)));
    expect(kind('properties', 'problemkompleks')).toBe('markdown');
    expect(kind('properties', 'indsats')).toBe('text');
    expect(kind('properties', 'periode')).toBe('enum');
    expect(kind('properties', 'aktiviteter')).toBe('array');
    expect(kind('properties', 'personer')).toBe('map');
    expect(kind('properties', 'revision')).toBe('object');
    expect(kind('$defs', 'finansiering', 'properties', 'beloeb')).toBe('number');
    expect(kind('$defs', 'finansiering', 'properties', 'perAar')).toBe('map');
    expect(kind('$defs', 'aktivitet', 'properties', 'niveau')).toBe('enum-set');
    expect(kind('$defs', 'succeskriterium', 'properties', 'kriterie')).toBe('textarea');
  });

  it('a new list item has the required fields, empty', () => {
    expect(emptyValue(root, at('$defs', 'finansiering'))).toEqual({ kilde: '', type: 'landsbyggefonden', beloeb: 0 });
    expect(emptyValue(root, at('$defs', 'aktivitet'))).toEqual({
      navn: '', niveau: [], indhold: '', formaal: '', maalgrupper: { primaer: '' }, succeskriterier: [], ansvar: [],
    });
  });

  it('ids of people and organisations are chosen from lists', () => {
    expect(referenceList('/parter/3')).toBe('personer');
    expect(referenceList('/aktiviteter/0/ansvar/2/kontakt')).toBe('personer');
    expect(referenceList('/personer/karin-holm/organisation')).toBe('organisationer');
    expect(referenceList('/indsats')).toBeUndefined();
  });
});
