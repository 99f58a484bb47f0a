import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { anyConfigArb, caseloadArb, ctxFor, onADay } from '../../workload/model/arbitraries.test-support.ts';
import { caseloadDemand } from '../../workload/model/demand.ts';
import { DEFAULT_CONFIG } from '../../workload/model/catalogue.ts';
import { dayFromIso, englandCalendar } from '../../kernel/calendar.ts';
import type { Range } from '../../kernel/range.ts';
import { caseMix, emptyByType, type CaseMix } from './case-mix.ts';
import { forecastDemand, type DemandForecast } from './forecast.ts';
import { demandIn12, fteNeeded, NO_CHANGE, staffFigure, sufficiency, type Establishment, type StaffFigure } from './sufficiency.ts';

const day = dayFromIso('2026-11-23');
const calendar = englandCalendar();
const ordered = (r: Range) => r.low <= r.central + 1e-9 && r.central <= r.high + 1e-9;

const rangeArb = fc.tuple(fc.double({ min: 0, max: 5000, noNaN: true }), fc.double({ min: 0, max: 5000, noNaN: true }), fc.double({ min: 0, max: 5000, noNaN: true }))
  .map((xs) => xs.sort((a, b) => a - b)).map(([low, central, high]) => ({ low: low!, central: central!, high: high! }));

/** A case mix of family help and child protection cases only, with these demands. */
const mixOf = (fh: Range, cp: Range): CaseMix => {
  const byType = emptyByType();
  byType.family_help = { cases: 10, demand: fh };
  byType.cp_plan = { cases: 5, demand: cp };
  return { cases: 15, demand: { low: fh.low + cp.low, central: fh.central + cp.central, high: fh.high + cp.high }, byType, activityUnits: {}, laterSiblingHours: 0 };
};
const forecastArb: fc.Arbitrary<DemandForecast> = fc.tuple(
  fc.tuple(fc.double({ min: 0.5, max: 1, noNaN: true }), fc.double({ min: 1, max: 1.2, noNaN: true }), fc.double({ min: 1.2, max: 2, noNaN: true })),
  fc.tuple(fc.double({ min: 0.5, max: 1, noNaN: true }), fc.double({ min: 1, max: 1.2, noNaN: true }), fc.double({ min: 1.2, max: 2, noNaN: true })),
).map(([a, b]) => ({
  method: 'linear_trend', completeMonths: 36, monthsUsed: 36, from: '2023-11-23', coverage: 0.8,
  byType: [
    { type: 'family_help', now: 10, forecast: 10 * a[1], lower: 10 * a[0], upper: 10 * a[2], perYear: 0, growth: { low: a[0], central: a[1], high: a[2] } },
    { type: 'cp_plan', now: 5, forecast: 5 * b[1], lower: 5 * b[0], upper: 5 * b[2], perYear: 0, growth: { low: b[0], central: b[1], high: b[2] } },
  ],
  total: { now: 15, forecast: 0, lower: 0, upper: 0 },
}));
const staffArb: fc.Arbitrary<StaffFigure[]> = fc.array(fc.record({
  fte: fc.double({ min: 0.2, max: 1, noNaN: true }), agency: fc.boolean(), inAsye: fc.boolean(),
  casework: rangeArb.map((r) => ({ low: r.low / 40, central: r.central / 40, high: r.high / 40 })),
  extra: fc.double({ min: 0, max: 30, noNaN: true }),
}).map(({ extra, ...s }) => ({ ...s, caseworkWithoutAbsence: s.casework.central + extra, caseworkWithoutAsye: s.casework.central })), { minLength: 1, maxLength: 12 });
const establishmentArb: fc.Arbitrary<Establishment> = fc.tuple(fc.double({ min: 0, max: 20, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }))
  .map(([fte, coveredShare, vacant]) => ({ fte: fte + vacant, vacantFte: vacant, coveredFte: vacant * coveredShare }));
const whatIfArb = fc.record({ fillVacancies: fc.boolean(), halveAgency: fc.boolean(), demandUp: fc.constantFrom(0, 0.1, 0.25) });

describe('sufficiency: FTE needed to keep everyone in the safe band', () => {
  test('worked example: 850 hours of demand, 100 hours per FTE, green to 85% → 10 FTE', () => {
    expect(fteNeeded({ low: 850, central: 850, high: 850 }, { low: 100, central: 100, high: 100 }, 0.85)).toEqual({ low: 10, central: 10, high: 10 });
    // The ends pair the least demand with the most hours, and the most demand with the fewest.
    expect(fteNeeded({ low: 425, central: 850, high: 1700 }, { low: 50, central: 100, high: 125 }, 0.85)).toEqual({ low: 4, central: 10, high: 40 });
  });

  test.prop([rangeArb, rangeArb, forecastArb, staffArb, establishmentArb, whatIfArb])('the intervals are ordered: low ≤ central ≤ high, today and in 12 months', (fh, cp, forecast, staff, est, whatIf) => {
    const s = sufficiency(mixOf(fh, cp), forecast, staff, est, 0.85, whatIf);
    for (const r of [s.demandNow, s.demandIn12, s.neededNow, s.neededIn12, s.gapNow.inPost, s.gapIn12.establishment, s.hoursPerFte]) expect(ordered(r)).toBe(true);
  });

  test.prop([rangeArb, rangeArb, forecastArb, staffArb, establishmentArb, fc.double({ min: 0, max: 2, noNaN: true })])('more demand never needs fewer FTE', (fh, cp, forecast, staff, est, more) => {
    const base = sufficiency(mixOf(fh, cp), forecast, staff, est, 0.85);
    const bigger = mixOf({ low: fh.low * (1 + more), central: fh.central * (1 + more), high: fh.high * (1 + more) }, cp);
    const after = sufficiency(bigger, forecast, staff, est, 0.85);
    for (const k of ['low', 'central', 'high'] as const) {
      expect(after.neededNow[k]).toBeGreaterThanOrEqual(base.neededNow[k] - 1e-9);
      expect(after.neededIn12[k]).toBeGreaterThanOrEqual(base.neededIn12[k] - 1e-9);
    }
    // And the what-if's own "demand +10%" likewise.
    const up = sufficiency(mixOf(fh, cp), forecast, staff, est, 0.85, { ...NO_CHANGE, demandUp: 0.1 });
    expect(up.neededNow.central).toBeGreaterThanOrEqual(base.neededNow.central - 1e-9);
  });

  test.prop([rangeArb, rangeArb, forecastArb, staffArb, establishmentArb, fc.boolean()])("the what-if 'fill the vacancies' never lowers FTE in post, and 'halve agency' never raises it", (fh, cp, forecast, staff, est, halve) => {
    const base = sufficiency(mixOf(fh, cp), forecast, staff, est, 0.85, { ...NO_CHANGE, halveAgency: halve });
    const filled = sufficiency(mixOf(fh, cp), forecast, staff, est, 0.85, { ...NO_CHANGE, halveAgency: halve, fillVacancies: true });
    expect(filled.inPost.fte).toBeGreaterThanOrEqual(base.inPost.fte - 1e-9);
    expect(filled.inPost.fte - base.inPost.fte).toBeCloseTo(est.vacantFte - est.coveredFte, 6);
    const untouched = sufficiency(mixOf(fh, cp), forecast, staff, est, 0.85);
    expect(sufficiency(mixOf(fh, cp), forecast, staff, est, 0.85, { ...NO_CHANGE, halveAgency: true }).inPost.fte).toBeLessThanOrEqual(untouched.inPost.fte + 1e-9);
  });

  test.prop([rangeArb, rangeArb, forecastArb])('demand in 12 months is each type today times its growth, and lies inside the growth envelope', (fh, cp, forecast) => {
    const later = demandIn12(mixOf(fh, cp), forecast);
    const [f, c] = forecast.byType;
    expect(later.central).toBeCloseTo(fh.central * f!.growth.central + cp.central * c!.growth.central, 6);
    expect(ordered(later)).toBe(true);
  });

  test('names what drives the gap in hours and FTE: growth, vacancies, agency, absence, ASYE', () => {
    const staff: StaffFigure[] = [
      { fte: 1, agency: false, inAsye: false, casework: { low: 80, central: 100, high: 100 }, caseworkWithoutAbsence: 120, caseworkWithoutAsye: 100 },
      { fte: 1, agency: true, inAsye: false, casework: { low: 80, central: 100, high: 100 }, caseworkWithoutAbsence: 100, caseworkWithoutAsye: 100 },
      { fte: 1, agency: false, inAsye: true, casework: { low: 72, central: 90, high: 90 }, caseworkWithoutAbsence: 90, caseworkWithoutAsye: 100 },
    ];
    const flat = forecastDemand([{ date: '2026-11-23', byType: { ...emptyCounts(), family_help: 10 }, total: 10, closures: 0 }]);
    const mix = mixOf({ low: 200, central: 290, high: 400 }, { low: 0, central: 0, high: 0 });
    const s = sufficiency(mix, flat, staff, { fte: 4, vacantFte: 2, coveredFte: 1 }, 0.85);
    expect(s.hoursPerFte.central).toBeCloseTo(290 / 3, 6);
    expect(s.neededNow.central).toBeCloseTo(290 / (0.85 * (290 / 3)), 6);
    const by = Object.fromEntries(s.drivers.map((d) => [d.code, d]));
    expect(by.vacancies).toMatchObject({ fte: 1 });
    expect(by.agency).toMatchObject({ fte: 1, hours: 100 });
    expect(by.absence!.hours).toBeCloseTo(20, 6);
    expect(by.asye!.hours).toBeCloseTo(10, 6);
    expect(by.demand_growth!.hours).toBeCloseTo(0, 6);
    expect(s.gapNow.inPost.central).toBeCloseTo(s.neededNow.central - 3, 6);
    expect(s.gapNow.establishment.central).toBeCloseTo(s.neededNow.central - 4, 6);
  });

  test.prop([onADay((d) => caseloadArb(d, 6)), anyConfigArb])('the case mix counts each open case once, and its demand is the caseload’s', ({ day: d, value: cases }, config) => {
    const ctx = ctxFor(config);
    const demand = caseloadDemand(cases, d, ctx);
    const mix = caseMix(demand.cases, config);
    expect(mix.cases).toBe(demand.cases.filter((c) => c.statuses.length > 0).length);
    expect(mix.demand.central).toBeCloseTo(demand.total.central, 6);
    expect(Object.values(mix.byType).reduce((s, t) => s + t.cases, 0)).toBe(mix.cases);
  });

  test('a practitioner’s figure: absence and the ASYE allowance taken out, one at a time', () => {
    const start = dayFromIso('2026-06-01');
    const input = { role: 'social_worker', fte: 1, contractedWeeklyHours: 37, asyeStart: start, leftOn: null, absences: [{ kind: 'sickness', start: day, end: day + 4 }] };
    const f = staffFigure(input, false, day, DEFAULT_CONFIG, calendar);
    expect(f.inAsye).toBe(true);
    expect(f.caseworkWithoutAbsence).toBeGreaterThan(f.casework.central);
    expect(f.caseworkWithoutAsye).toBeGreaterThan(f.casework.central);
    // Someone who has left gives no FTE.
    expect(staffFigure({ ...input, leftOn: day - 1 }, false, day, DEFAULT_CONFIG, calendar).fte).toBe(0);
  });
});

function emptyCounts() {
  return { family_help: 0, referral: 0, s47: 0, cin_plan: 0, cp_plan: 0, looked_after: 0, court_proceedings: 0, care_leaver: 0 };
}
