import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { hiddenMeasures, histogram, type HolderFigure } from './hidden.ts';

const f = (cases: number, fte: number, extra: Partial<HolderFigure> = {}): HolderFigure =>
  ({ cases, fte, inAsye: false, socialWorker: true, demandCentral: cases * 6, caseworkHours: 100 * fte, band: 'green', ...extra });

const figureArb = fc.record({
  cases: fc.integer({ min: 0, max: 45 }), fte: fc.constantFrom(0, 0.5, 0.6, 0.8, 1), inAsye: fc.boolean(), socialWorker: fc.boolean(),
  demandCentral: fc.double({ min: 0, max: 200, noNaN: true }), caseworkHours: fc.double({ min: 0, max: 130, noNaN: true }),
  band: fc.constantFrom('green', 'amber', 'red', 'cover', 'none') as fc.Arbitrary<HolderFigure['band']>,
});

describe('what the measure hides', () => {
  test('by hand: ASYE apart, few-case holders, hours, the band and the establishment', () => {
    const m = hiddenMeasures([
      f(20, 1, { band: 'amber' }), f(18, 1), f(9, 1, { inAsye: true }), f(3, 0.5), f(0, 1, { band: 'none' }),
      // A family support worker: outside the DfE population, but over the band all the same.
      f(12, 1, { socialWorker: false, band: 'red' }),
    ], 1.5);
    // 50 cases ÷ 3.5 FTE = 14.3; without ASYE 41 ÷ 2.5 = 16.4; ASYE 9 ÷ 1 = 9.
    expect(m.headline).toBeCloseTo(50 / 3.5, 9);
    expect(m.withoutAsye).toBeCloseTo(16.4, 9);
    expect(m.asyeOnly).toBe(9);
    expect(m.fewerThanFiveShare).toBeCloseTo(0.5 / 3.5, 9);
    expect(m.hoursPerFte).toBeCloseTo((50 * 6) / 3.5, 9);
    expect([m.overSafeBand, m.overSafeBandShare]).toEqual([2, 2 / 5]);
    expect(m.vacancyAdjusted).toBeCloseTo(50 / 5, 9);
    expect(m.readings.asye).toBe('The measure says 14.3; without ASYE staff it is 16.4, and the 1 ASYE staff alone hold 9.0.');
    expect(m.distribution.bins.map((b) => b.people)).toEqual([0, 2, 0, 1, 1, 0, 0]);
  });

  test.prop([fc.array(fc.double({ min: 0, max: 80, noNaN: true }), { maxLength: 60 })])('the histogram counts every person once', (xs) => {
    expect(histogram(xs).reduce((s, b) => s + b.people, 0)).toBe(xs.length);
  });

  test.prop([fc.array(figureArb, { maxLength: 40 })])('the headline lies between the measure without ASYE staff and theirs alone', (figures) => {
    const m = hiddenMeasures(figures, 0);
    if (m.withoutAsye === null || m.asyeOnly === null || m.headline === null) return;
    expect(m.headline).toBeGreaterThanOrEqual(Math.min(m.withoutAsye, m.asyeOnly) - 1e-9);
    expect(m.headline).toBeLessThanOrEqual(Math.max(m.withoutAsye, m.asyeOnly) + 1e-9);
  });

  test.prop([fc.array(figureArb, { maxLength: 40 }), fc.double({ min: 0, max: 20, noNaN: true })])('vacant posts nobody covers can only lighten the vacancy-adjusted load', (figures, vacant) => {
    const m = hiddenMeasures(figures, vacant);
    if (m.headline === null || m.vacancyAdjusted === null) return;
    expect(m.vacancyAdjusted).toBeLessThanOrEqual(m.headline + 1e-9);
    expect(hiddenMeasures(figures, 0).vacancyAdjusted).toBeCloseTo(m.headline, 9);
  });

  test.prop([fc.array(figureArb, { maxLength: 40 })])('shares are shares, quartiles are in order', (figures) => {
    const m = hiddenMeasures(figures, 0);
    for (const s of [m.fewerThanFiveShare, m.overSafeBandShare]) {
      if (s === null) continue;
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
    const { lowerQuartile: lq, median, upperQuartile: uq } = m.distribution;
    if (median === null) return;
    expect(lq!).toBeLessThanOrEqual(median);
    expect(median).toBeLessThanOrEqual(uq!);
  });
});
