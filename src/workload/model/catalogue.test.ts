import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { configArb } from './arbitraries.test-support.ts';
import { CASE_STATUSES, DEFAULT_CONFIG, parseWorkloadConfig, type WorkloadConfig } from './catalogue.ts';

/** A deep copy to break, so DEFAULT_CONFIG itself is never touched. */
const copy = (): WorkloadConfig => structuredClone(DEFAULT_CONFIG);
const problemsOf = (input: unknown) => {
  const result = parseWorkloadConfig(input);
  if (result.ok) throw new Error('expected the configuration to be refused');
  return result.problems;
};

describe('parseWorkloadConfig', () => {
  test('accepts the defaults unchanged', () => {
    const result = parseWorkloadConfig(DEFAULT_CONFIG);
    expect(result).toEqual({ ok: true, config: DEFAULT_CONFIG });
  });

  test('the defaults hold every DOMAIN.md §4 figure as low 0.7×, high 1.4× the central', () => {
    for (const a of DEFAULT_CONFIG.activities) {
      expect(a.hours.low, a.code).toBeCloseTo(0.7 * a.hours.central, 2);
      expect(a.hours.high, a.code).toBeCloseTo(1.4 * a.hours.central, 2);
    }
    // Every status a case can have generates some work.
    for (const status of CASE_STATUSES) expect(DEFAULT_CONFIG.activities.some((a) => a.status === status), status).toBe(true);
  });

  test('refuses hours that do not go low ≤ central ≤ high, naming the activity', () => {
    const config = copy();
    config.activities[2]!.hours = { low: 3, central: 2, high: 4 };
    expect(problemsOf(config)).toEqual([{ field: 'activities.2.hours.low', message: 'Low hours must be no more than the central hours.' }]);
    config.activities[2]!.hours = { low: -1, central: 5, high: 4 };
    // Every problem at once: a negative figure does not hide the order.
    expect(problemsOf(config)).toEqual([
      { field: 'activities.2.hours.low', message: 'Low hours cannot be negative.' },
      { field: 'activities.2.hours.high', message: 'High hours must be at least the central hours.' },
    ]);
  });

  test('refuses negative hours with the field and a plain reason', () => {
    const config = copy();
    config.activities[0]!.hours.low = -1;
    expect(problemsOf(config)).toContainEqual({ field: 'activities.0.hours.low', message: 'Low hours cannot be negative.' });
  });

  test('refuses an activity code used twice, pointing at the second', () => {
    const config = copy();
    config.activities[5]!.code = config.activities[1]!.code;
    expect(problemsOf(config)).toEqual([{ field: 'activities.5.code', message: `Activity code "${config.activities[1]!.code}" appears twice.` }]);
  });

  test('refuses a green band that does not end below amber (equal included)', () => {
    for (const greenUpTo of [1, 1.2]) {
      const config = copy();
      config.bands.greenUpTo = greenUpTo;
      expect(problemsOf(config)).toEqual([{ field: 'bands', message: 'The green band must end below the amber band.' }]);
    }
  });

  test('refuses a sibling share above 100% and a factor that would reduce time', () => {
    const config = copy();
    config.siblings.share = 1.5;
    config.factors.interpreter.multiplier = 0.8;
    expect(problemsOf(config)).toEqual(
      expect.arrayContaining([
        { field: 'siblings.share', message: 'Sibling share cannot be more than 1 (100%).' },
        { field: 'factors.interpreter.multiplier', message: 'A complexity factor cannot reduce time; use 1 for no effect.' },
      ]),
    );
  });

  test('something that is not a configuration at all is refused, not thrown', () => {
    expect(problemsOf(null)).toEqual([{ field: '(whole configuration)', message: expect.any(String) }]);
  });

  // Guards the generator the other property tests rely on: every variant must be a valid configuration.
  test.prop([configArb])('accepts every generated configuration variant', (config) => {
    const result = parseWorkloadConfig(config);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});
