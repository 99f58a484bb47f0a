import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { censusCaseload, daysBetween, dfeCaseload, median, overSafeBandSince, quantile, workloadMeasures, type CensusWorker } from './model.ts';

const worker = (cases: number, fte: number, extra: Partial<CensusWorker> = {}): CensusWorker =>
  ({ cases, fte, fte30: fte, agency: false, socialWorker: true, ...extra });

const workerArb = fc.record({
  cases: fc.integer({ min: 0, max: 40 }),
  fte: fc.double({ min: 0.1, max: 1, noNaN: true }),
  fte30: fc.double({ min: 0.1, max: 1, noNaN: true }),
  agency: fc.boolean(),
  socialWorker: fc.boolean(),
});

describe('the DfE caseload measure (DOMAIN.md §2)', () => {
  test('reproduces the national 2025 figure: 321,661 cases ÷ 21,105.4 FTE = 15.2', () => {
    const m = dfeCaseload([worker(321_661, 21_105.4)]);
    expect(m.caseload!.toFixed(1)).toBe('15.2');
  });

  test('counts agency workers, ignores non-social workers and non-case-holders, and uses FTE30 by default', () => {
    const m = dfeCaseload([
      worker(10, 1), worker(8, 0.5, { agency: true }), worker(0, 1), worker(20, 1, { socialWorker: false }),
      worker(6, 1, { fte30: 0.5 }),
    ]);
    expect(m).toEqual({ basis: 'FTE30', cases: 24, caseHolders: 3, caseHolderFte: 2, caseload: 12 });
    expect(dfeCaseload([worker(6, 1, { fte30: 0.5 })], 'FTE').caseload).toBe(6);
  });

  test('a case holder with no FTE adds cases but nothing to the denominator; no FTE at all gives null', () => {
    expect(dfeCaseload([worker(10, 1), worker(5, 0)]).caseload).toBe(15);
    expect(dfeCaseload([worker(5, 0)]).caseload).toBeNull();
    expect(dfeCaseload([]).caseload).toBeNull();
  });

  test.prop([fc.array(workerArb, { maxLength: 30 })])('does not depend on the order of workers', (workers) => {
    const a = dfeCaseload([...workers].reverse());
    const b = dfeCaseload(workers);
    expect(a.cases).toBe(b.cases);
    expect(a.caseload ?? -1).toBeCloseTo(b.caseload ?? -1, 9);
  });

  test.prop([fc.array(workerArb, { maxLength: 30 }), fc.double({ min: 0.1, max: 1, noNaN: true })])(
    'adding someone with no cases changes nothing', (workers, fte) => {
      expect(dfeCaseload([...workers, worker(0, fte)])).toEqual(dfeCaseload(workers));
    });

  test.prop([fc.array(workerArb, { minLength: 1, maxLength: 30 })])(
    'lies between the lowest and highest individual cases per FTE among case holders', (workers) => {
      const holders = workers.filter((w) => w.socialWorker && w.cases >= 1);
      const m = dfeCaseload(workers);
      expect(m.caseload === null).toBe(holders.length === 0);
      if (m.caseload === null) return;
      const ratios = holders.map((w) => w.cases / w.fte30);
      expect(m.caseload!).toBeGreaterThanOrEqual(Math.min(...ratios) - 1e-9);
      expect(m.caseload!).toBeLessThanOrEqual(Math.max(...ratios) + 1e-9);
    });

  test.prop([fc.array(workerArb, { minLength: 1, maxLength: 30 }), fc.integer({ min: 2, max: 5 })])(
    'doubling everyone’s cases doubles the measure', (workers, k) => {
      const m = dfeCaseload(workers);
      const scaled = dfeCaseload(workers.map((w) => ({ ...w, cases: w.cases * k })));
      expect(scaled.caseload === null).toBe(m.caseload === null);
      if (m.caseload !== null) expect(scaled.caseload!).toBeCloseTo(m.caseload * k, 9);
    });
});

describe('spread and the workload-based view', () => {
  test('quantiles interpolate between order statistics', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50], 0.25)).toBe(20);
    expect(median([])).toBeNull();
  });

  test.prop([fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1 }), fc.double({ min: 0, max: 1, noNaN: true })])(
    'a quantile is within the data', (values, q) => {
      const x = quantile(values, q)!;
      expect(x).toBeGreaterThanOrEqual(Math.min(...values));
      expect(x).toBeLessThanOrEqual(Math.max(...values));
    });

  test('share over the safe band counts amber and red, not "none"', () => {
    const base = { fte: 1, inAsye: false, demandCentral: 50, caseworkHours: 100 };
    const m = workloadMeasures([
      { ...base, cases: 10, band: 'green' }, { ...base, cases: 12, band: 'amber' }, { ...base, cases: 14, band: 'red' },
      { ...base, cases: 0, band: 'none', demandCentral: 0, caseworkHours: 0 },
      { ...base, cases: 4, inAsye: true, band: 'green' },
    ]);
    expect(m.overSafeBand).toBe(2);
    expect(m.shareOverSafeBand).toBeCloseTo(2 / 4);
    expect(m.casesPerFte.median).toBe(11);
    expect(m.casesPerFteExcludingAsye).toBe(12);
    expect(m.overallRatio).toBeCloseTo(200 / 400);
  });
});

describe('over the safe band since', () => {
  test('is the start of the latest unbroken run past green', () => {
    expect(overSafeBandSince([
      { date: '2026-11-01', band: 'red' }, { date: '2026-11-02', band: 'green' }, { date: '2026-11-03', band: 'amber' },
      { date: '2026-11-05', band: 'red' }, { date: '2026-11-04', band: 'red' },
    ])).toBe('2026-11-03');
    expect(overSafeBandSince([{ date: '2026-11-01', band: 'red' }, { date: '2026-11-02', band: 'green' }])).toBeNull();
    expect(overSafeBandSince([])).toBeNull();
    expect(daysBetween('2026-11-03', '2026-11-23')).toBe(20);
  });

  test.prop([fc.array(fc.record({ day: fc.integer({ min: 1, max: 28 }), band: fc.constantFrom('green', 'amber', 'red', 'none' as const) }))])(
    'the answer is a day in the history whose band is over, and no later day is under', (rows) => {
      const history = [...new Map(rows.map((r) => [r.day, r])).values()]
        .map((r) => ({ date: `2026-02-${String(r.day).padStart(2, '0')}`, band: r.band }));
      const since = overSafeBandSince(history);
      if (since === null) return;
      const later = history.filter((h) => h.date >= since);
      expect(later.every((h) => h.band === 'amber' || h.band === 'red')).toBe(true);
    });
});

describe('the DfE caseload measure from an imported workforce census (DOMAIN.md §2)', () => {
  const census = fc.record({
    cases30: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
    fte: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    fte30: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    agency: fc.boolean(),
  });

  test('sum of Cases30 ÷ sum of FTE30 over workers with one or more cases; agency included, leavers and non-holders out', () => {
    const m = censusCaseload([
      { cases30: 18, fte: 1, fte30: 1, agency: false }, { cases30: 9, fte: 0.6, fte30: 0.5, agency: true },
      { cases30: null, fte: 1, fte30: null, agency: false }, { cases30: 0, fte: 1, fte30: 1, agency: false },
    ]);
    expect(m).toEqual({ basis: 'FTE30', cases: 27, caseHolders: 2, caseHolderFte: 1.5, caseload: 18 });
  });

  test('reproduces the national 2025 figure from one row: 321,661 Cases30 ÷ 21,105.4 FTE30 = 15.2', () => {
    expect(censusCaseload([{ cases30: 321_661, fte: 21_105.4, fte30: 21_105.4, agency: false }]).caseload!.toFixed(1)).toBe('15.2');
  });

  test.prop([fc.array(census, { maxLength: 40 })])('equals the plain definition for any census', (workers) => {
    const holders = workers.filter((w) => (w.cases30 ?? 0) >= 1);
    const cases = holders.reduce((n, w) => n + w.cases30!, 0);
    const fte = holders.reduce((n, w) => n + (w.fte30 ?? 0), 0);
    const m = censusCaseload(workers);
    expect(m.cases).toBe(cases);
    expect(m.caseHolders).toBe(holders.length);
    expect(m.caseHolderFte).toBeCloseTo(fte, 9);
    if (fte > 0) expect(m.caseload).toBeCloseTo(cases / fte, 9);
    else expect(m.caseload).toBeNull();
  });

  test.prop([fc.array(census, { maxLength: 20 }), census, fc.constantFrom(0, null)])('a worker with no cases changes nothing', (workers, extra, none) => {
    const before = censusCaseload(workers);
    const after = censusCaseload([...workers, { ...extra, cases30: none }]);
    expect(after).toEqual(before);
  });
});
