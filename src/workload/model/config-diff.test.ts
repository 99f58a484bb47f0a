import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { anyConfigArb, configArb } from './arbitraries.test-support.ts';
import { DEFAULT_CONFIG } from './catalogue.ts';
import { applyChanges, diffConfigs, type Json } from './config-diff.ts';

const json = (x: unknown) => x as Json;

/** A version saved from the settings form: the defaults with a few figures changed. */
const editedArb = fc.record({
  activity: fc.integer({ min: 0, max: DEFAULT_CONFIG.activities.length - 1 }),
  estimate: fc.constantFrom('low', 'central', 'high'),
  hours: fc.double({ min: 0, max: 40, noNaN: true }),
  green: fc.double({ min: 0.1, max: 0.99, noNaN: true }),
  protectedHours: fc.double({ min: 0, max: 20, noNaN: true }),
}).map(({ activity, estimate, hours, green, protectedHours }) => {
  const c = structuredClone(DEFAULT_CONFIG);
  c.activities[activity]!.hours[estimate as 'low'] = hours;
  c.bands.greenUpTo = green;
  c.capacity.protectedTime[0]!.hoursPerMonth = protectedHours;
  return c;
});

describe('differences between two versions of the settings', () => {
  test.prop([fc.jsonValue().map(json)])('a version has no differences from itself', (a) => {
    expect(diffConfigs(a, structuredClone(a))).toEqual([]);
  });

  test.prop([anyConfigArb])('nor does any configuration', (config) => {
    expect(diffConfigs(json(config), json(structuredClone(config)))).toEqual([]);
  });

  test.prop([fc.jsonValue().map(json), fc.jsonValue().map(json)])('applying the differences to the older gives the newer, for any two values', (a, b) => {
    expect(applyChanges(a, diffConfigs(a, b))).toEqual(b);
  });

  test('a key that every object inherits (valueOf, toString) is compared as the value it holds', () => {
    const a = json(JSON.parse('{"valueOf":null,"toString":1}'));
    expect(diffConfigs(a, {})).toEqual([{ path: [{ key: 'valueOf' }], before: null }, { path: [{ key: 'toString' }], before: 1 }]);
    expect(applyChanges(a, diffConfigs(a, {}))).toEqual({});
    expect(applyChanges({}, diffConfigs({}, a))).toEqual(a);
  });

  test.prop([anyConfigArb, anyConfigArb])('and for any two configurations', (a, b) => {
    expect(applyChanges(json(a), diffConfigs(json(a), json(b)))).toEqual(b);
  });

  test.prop([editedArb, editedArb])('and for two edits of the defaults, each change one figure found by its activity', (a, b) => {
    const changes = diffConfigs(json(a), json(b));
    expect(applyChanges(json(a), changes)).toEqual(b);
    for (const c of changes) {
      // Activities and protected time are found by code, never by their place in the list.
      expect(c.path.length).toBeGreaterThan(1);
      expect(typeof c.before === 'object' || typeof c.after === 'object').toBe(false);
    }
  });

  test.prop([configArb, configArb])('applying leaves the older version as it was', (a, b) => {
    const before = structuredClone(a);
    applyChanges(json(a), diffConfigs(json(a), json(b)));
    expect(a).toEqual(before);
  });

  test.prop([fc.jsonValue().map(json), fc.jsonValue().map(json)])('every change is a real one', (a, b) => {
    for (const c of diffConfigs(a, b)) expect(c.before).not.toEqual(c.after);
  });

  test('names the activity, not its place in the list', () => {
    const after = structuredClone(DEFAULT_CONFIG);
    const cp = after.activities.find((a) => a.code === 'cp_visit')!;
    cp.hours.high = 5;
    expect(diffConfigs(json(DEFAULT_CONFIG), json(after))).toEqual([
      { path: [{ key: 'activities' }, { code: 'cp_visit' }, { key: 'hours' }, { key: 'high' }], before: 4.2, after: 5 },
    ]);
  });

  test('an activity added or removed changes the list as a whole', () => {
    const after = structuredClone(DEFAULT_CONFIG);
    after.activities.pop();
    const changes = diffConfigs(json(DEFAULT_CONFIG), json(after));
    expect(changes).toHaveLength(1);
    expect(changes[0]!.path).toEqual([{ key: 'activities' }]);
    expect(applyChanges(json(DEFAULT_CONFIG), changes)).toEqual(after);
  });
});
