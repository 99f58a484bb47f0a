import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { addMonths, dayFromIso } from '../../kernel/calendar.ts';
import type { CaseInput } from '../../workload/model/episodes.ts';
import { completeMonths, forecastDemand, linearTrend, monthlyOpenCases, normalQuantile, tQuantile, type MonthCount } from './forecast.ts';
import { CASE_TYPES, type CaseType } from './case-mix.ts';

const day = dayFromIso('2026-11-23');
const counts = (series: Partial<Record<CaseType, number[]>>, closures: number[]): MonthCount[] =>
  closures.map((c, i) => {
    const byType = Object.fromEntries(CASE_TYPES.map((t) => [t, series[t]?.[i] ?? 0])) as Record<CaseType, number>;
    return { date: `m${i}`, byType, total: Object.values(byType).reduce((s, x) => s + x, 0), closures: i === 0 ? 0 : c };
  });

describe('the demand forecast: a straight line with its 80% prediction interval', () => {
  test('quantiles match the tables: z(0.9) = 1.2816, t(0.9, 10) = 1.3722, t(0.9, 30) = 1.3104', () => {
    expect(normalQuantile(0.9)).toBeCloseTo(1.28155, 4);
    expect(normalQuantile(0.975)).toBeCloseTo(1.95996, 4);
    expect(tQuantile(0.9, 10)).toBeCloseTo(1.3722, 2);
    expect(tQuantile(0.9, 30)).toBeCloseTo(1.3104, 3);
  });

  test('a perfectly straight history forecasts its own extension, with no spread', () => {
    const t = linearTrend(Array.from({ length: 25 }, (_, i) => 100 + 2 * i), 12);
    expect(t.forecast).toBeCloseTo(100 + 2 * 36, 6);
    expect(t.perYear).toBeCloseTo(24, 6);
    expect(t.upper - t.lower).toBeCloseTo(0, 6);
  });

  test.prop([fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 13, maxLength: 37 })])('the interval is ordered and holds the forecast, for any history', (values) => {
    const t = linearTrend(values, 12);
    expect(t.lower).toBeLessThanOrEqual(t.forecast + 1e-9);
    expect(t.forecast).toBeLessThanOrEqual(t.upper + 1e-9);
    const series = counts({ cin_plan: values, looked_after: values.map((v) => 500 - v) }, values.map(() => 40));
    const f = forecastDemand(series);
    expect(f.method).toBe('linear_trend');
    for (const x of f.byType) {
      expect(x.lower).toBeGreaterThanOrEqual(0);
      expect(x.lower).toBeLessThanOrEqual(x.forecast + 1e-9);
      expect(x.forecast).toBeLessThanOrEqual(x.upper + 1e-9);
      expect(x.growth.low).toBeLessThanOrEqual(x.growth.central + 1e-9);
      expect(x.growth.central).toBeLessThanOrEqual(x.growth.high + 1e-9);
    }
  });

  test.prop([fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 13, maxLength: 37 }), fc.integer({ min: 1, max: 50 })])('a steeper climb never forecasts fewer cases', (values, extra) => {
    const flat = linearTrend(values, 12).forecast;
    const steeper = linearTrend(values.map((v, i) => v + extra * i), 12).forecast;
    expect(steeper).toBeGreaterThan(flat);
  });

  test('a register that holds only today’s cases (no closures before lately) gets no trend: today’s numbers, 5% either way', () => {
    // Open cases seem to climb from 40 to 100, but nobody closed a case before the last two months.
    const climb = Array.from({ length: 37 }, (_, i) => 40 + Math.round(i * 60 / 36));
    const closures = climb.map((_, i) => (i >= 35 ? 30 : 0));
    const series = counts({ cin_plan: climb }, closures);
    expect(completeMonths(series)).toBe(2);
    const f = forecastDemand(series);
    expect(f.method).toBe('flat');
    expect(f.byType).toEqual([{ type: 'cin_plan', now: 100, forecast: 100, lower: 95, upper: 105, perYear: null, growth: { low: 0.95, central: 1, high: 1.05 } }]);
    // The same climb with closures every month is a trend.
    const trended = forecastDemand(counts({ cin_plan: climb }, climb.map(() => 30)));
    expect(trended.method).toBe('linear_trend');
    expect(trended.monthsUsed).toBe(36);
    expect(trended.byType[0]!.perYear).toBeCloseTo(20, 0);
  });

  test('counts open cases on the same day each month under their headline type, and closures in the month they fall', () => {
    const ep = (id: string, kind: CaseInput['episodes'][number]['kind'], start: number, end: number | null) => ({ id, kind, start, end });
    const cases: CaseInput[] = [
      // On a plan for the last 6 months, after a referral: child protection from then on.
      { childId: 'a', familyId: null, factors: [], episodes: [ep('1', 'referral', addMonths(day, -8), addMonths(day, -6)), ep('2', 'cp_plan', addMonths(day, -6), null)] },
      // Family help that closed 10 days ago.
      { childId: 'b', familyId: null, factors: [], episodes: [ep('3', 'family_help', addMonths(day, -3), day - 10)] },
    ];
    const m = monthlyOpenCases(cases, day, 12);
    expect(m).toHaveLength(13);
    expect(m.at(-1)!.byType.cp_plan).toBe(1);
    expect(m.at(-1)!.byType.family_help).toBe(0);
    expect(m.at(-2)!.byType.family_help).toBe(1);
    expect(m.at(-8)!.byType.referral).toBe(1);
    expect(m.at(-1)!.closures).toBe(1);
    expect(m.reduce((s, x) => s + x.closures, 0)).toBe(1);
  });
});
