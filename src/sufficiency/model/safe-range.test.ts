import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { anyConfigArb, caseloadArb, ctxFor, onADay } from '../../workload/model/arbitraries.test-support.ts';
import { caseloadDemand } from '../../workload/model/demand.ts';
import { DEFAULT_CONFIG, type WorkloadConfig } from '../../workload/model/catalogue.ts';
import { dayFromIso, englandCalendar } from '../../kernel/calendar.ts';
import { caseMix } from './case-mix.ts';
import { fullTimeCasework, safeCasesPerFte, safeRange, sensitivities } from './safe-range.ts';

const calendar = englandCalendar();
const day = dayFromIso('2026-11-23');

describe('the safe range for the council’s case mix', () => {
  test('worked example: 10 hours a case, 100 hours of casework, green to 85% → 8.5 cases per FTE', () => {
    expect(safeCasesPerFte({ low: 7, central: 10, high: 14 }, { low: 78, central: 100, high: 100 }, 0.85)).toEqual({ low: (0.85 * 78) / 14, central: 8.5, high: (0.85 * 100) / 7 });
  });

  test('a full-time social worker has the default model’s casework hours: 37 h a week less leave and protected time', () => {
    const ft = fullTimeCasework(DEFAULT_CONFIG, day, calendar);
    expect(ft.central).toBeGreaterThan(120);
    expect(ft.central).toBeLessThan(150);
    expect(ft.low).toBeCloseTo(ft.central * 0.78, 6);
  });

  test.prop([onADay((d) => caseloadArb(d, 8)), anyConfigArb])('the interval is ordered, for any caseload and configuration', ({ day: d, value: cases }, config) => {
    const mix = caseMix(caseloadDemand(cases, d, ctxFor(config)).cases, config);
    const r = safeRange(mix, config, d, calendar);
    expect(r.mix.safe.low).toBeLessThanOrEqual(r.mix.safe.central + 1e-9);
    expect(r.mix.safe.central).toBeLessThanOrEqual(r.mix.safe.high + 1e-9);
    for (const t of r.byType) expect(t.safe.low).toBeLessThanOrEqual(t.safe.high + 1e-9);
  });

  test.prop([onADay((d) => caseloadArb(d, 8)), fc.double({ min: 1.01, max: 3, noNaN: true })])('more hours for every activity never lets a worker hold more cases', ({ day: d, value: cases }, k) => {
    const heavier: WorkloadConfig = { ...DEFAULT_CONFIG, activities: DEFAULT_CONFIG.activities.map((a) => ({ ...a, hours: { low: a.hours.low * k, central: a.hours.central * k, high: a.hours.high * k } })) };
    const base = safeRange(caseMix(caseloadDemand(cases, d, ctxFor()).cases, DEFAULT_CONFIG), DEFAULT_CONFIG, d, calendar);
    const more = safeRange(caseMix(caseloadDemand(cases, d, ctxFor(heavier)).cases, heavier), heavier, d, calendar);
    expect(more.mix.safe.central).toBeLessThanOrEqual(base.mix.safe.central + 1e-9);
  });

  test.prop([onADay((d) => caseloadArb(d, 8)), anyConfigArb])('each sensitivity’s ends straddle the central safe range, largest swing first', ({ day: d, value: cases }, config) => {
    const mix = caseMix(caseloadDemand(cases, d, ctxFor(config)).cases, config);
    const central = safeRange(mix, config, d, calendar).mix.safe.central;
    const rows = sensitivities(mix, config, d, calendar);
    for (const r of rows) {
      expect(Math.min(r.atLow, r.atHigh)).toBeLessThanOrEqual(central * (1 + 1e-9) + 1e-9);
      expect(Math.max(r.atLow, r.atHigh)).toBeGreaterThanOrEqual(central * (1 - 1e-9) - 1e-9);
    }
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.swing).toBeGreaterThanOrEqual(rows[i]!.swing);
  });

  test.prop([onADay((d) => caseloadArb(d, 8))])('moving one activity’s hours by the linear shortcut matches re-running the model', ({ day: d, value: cases }) => {
    const mix = caseMix(caseloadDemand(cases, d, ctxFor()).cases, DEFAULT_CONFIG);
    const rows = sensitivities(mix, DEFAULT_CONFIG, d, calendar).filter((r) => r.kind === 'activity');
    for (const row of rows.slice(0, 3)) {
      const activity = DEFAULT_CONFIG.activities.find((a) => row.parameter.startsWith(`${a.name}:`))!;
      const atHigh: WorkloadConfig = { ...DEFAULT_CONFIG, activities: DEFAULT_CONFIG.activities.map((a) => (a === activity ? { ...a, hours: { ...a.hours, central: a.hours.high } } : a)) };
      // Without siblings the shortcut is exact; with them, who counts in full may change: within 2%.
      const rerun = safeRange(caseMix(caseloadDemand(cases, d, ctxFor(atHigh)).cases, atHigh), atHigh, d, calendar).mix.safe.central;
      expect(Math.abs(row.atHigh - rerun)).toBeLessThanOrEqual(0.02 * rerun + 1e-9);
    }
  });
});
