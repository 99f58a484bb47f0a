import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { censusYear, dfeRound, measureWorkforce, workforceIndicators, workforceTotals, type IndicatorKey, type WorkforceInput, type WorkforceTotals, type WorkforceWorker } from './workforce.ts';
import { censusWorkforce, registerWorkforce, type CensusWorkerFacts, type RegisterWorkforceFacts } from './sources.ts';

const byKey = (t: WorkforceTotals) => Object.fromEntries(workforceIndicators(t).map((i) => [i.key, i.value])) as Record<IndicatorKey, number | null>;

// DfE, Children's social work workforce, Indicators file, the 2023 national row (DOMAIN.md §10).
const ENGLAND_2023: WorkforceTotals = {
  inpost_fte: 33_119.1, inpost_headcount: 35_199, starters_fte: 6_027.5, starters_headcount: 6_247, leavers_fte: 5_254.6, leavers_headcount: 5_640,
  agency_fte: 7_173.5, agency_headcount: 7_429, agency_cover_fte: 5_744.2, vacancy_fte: 7_722.7, case_holders_fte: 21_111.4, cases: 337_055,
  working_days_lost: 270_751, working_days_in_year: 253,
};

describe('the DfE workforce indicators reproduce the published national figures', () => {
  test('2023 (2025 release): every rate to the published decimal from the published numerators and denominators', () => {
    expect(byKey(ENGLAND_2023)).toMatchObject({
      turnover_rate_fte: 15.9, turnover_rate_headcount: 16.0, agency_rate_fte: 17.8, agency_rate_headcount: 17.4,
      agency_cover_rate_fte: 80.1, vacancy_rate_fte: 18.9, vacancy_agency_cover_rate_fte: 74.4, caseload_fte: 16.0, absence_rate_fte: 3.2,
      inpost_fte: 33_119.1, inpost_headcount: 35_199, agency_fte: 7_173.5, cases: 337_055,
    });
  });

  test('2025 caseload: 321,661 cases ÷ 21,105.4 case-holder FTE = 15.2', () => {
    expect(byKey({ ...ENGLAND_2023, cases: 321_661, case_holders_fte: 21_105.4 }).caseload_fte).toBe(15.2);
  });

  test('the national in-post series (DOMAIN.md §2) round-trips through the FTE rounding', () => {
    for (const fte of [31_634.1, 33_119.1, 34_328.2, 36_186.3]) expect(byKey({ ...ENGLAND_2023, inpost_fte: fte }).inpost_fte).toBe(fte);
  });

  test('a denominator of nothing gives no figure (the DfE’s z), not zero or infinity', () => {
    const none = byKey({ ...ENGLAND_2023, inpost_fte: 0, inpost_headcount: 0, agency_fte: 0, agency_headcount: 0, vacancy_fte: 0, case_holders_fte: 0 });
    expect([none.turnover_rate_fte, none.agency_cover_rate_fte, none.vacancy_agency_cover_rate_fte, none.caseload_fte, none.absence_rate_fte]).toEqual([null, null, null, null, null]);
  });
});

describe('rounding as the DfE rounds', () => {
  test('half away from zero on the decimal as written', () => {
    expect([dfeRound(16.05), dfeRound(0.15), dfeRound(2.25), dfeRound(-1.25), dfeRound(15.2406)]).toEqual([16.1, 0.2, 2.3, -1.3, 15.2]);
  });
  test.prop([fc.double({ min: -1e6, max: 1e6, noNaN: true })])('is within half a unit of the last place, and rounding twice changes nothing', (x) => {
    const r = dfeRound(x);
    expect(Math.abs(r - x)).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(dfeRound(r)).toBe(r);
  });
  test('sums before it rounds: two councils of 0.04 FTE make 0.1, not 0.0', () => {
    const worker = (fte: number): WorkforceWorker => ({ agency: false, fte, fte30: fte, inPost: true, starter: false, leaver: false, cases30: 0, workingDaysLost: 0 });
    const input: WorkforceInput = { censusDate: '2025-09-30', workers: [worker(0.04), worker(0.04)], vacancyFte: 0, agencyCoverFte: 0, workingDaysInYear: 253 };
    expect(measureWorkforce(input).find((i) => i.key === 'inpost_fte')!.value).toBe(0.1);
  });
});

// ---- A council by hand, and the two sources agreeing -------------------------------------------

const CENSUS_DATE = '2025-09-30';
const { from: YEAR_FROM } = censusYear(CENSUS_DATE);
const WEEKDAYS = (a: string, b: string) => {
  let n = 0;
  for (let d = Date.parse(`${a}T00:00:00Z`); d <= Date.parse(`${b}T00:00:00Z`); d += 86_400_000) { const w = new Date(d).getUTCDay(); if (w !== 0 && w !== 6) n++; }
  return n;
};

describe('a council’s figures by hand', () => {
  // Five social workers, one agency worker and a family support worker (outside the census):
  //   A  employed 1.0 FTE, in post, 18 cases, 10 days' sickness
  //   B  employed 0.5 FTE, in post, started 1 Mar 2025, 6 cases
  //   C  employed 1.0 FTE, in post, a manager with no cases
  //   D  employed 0.8 FTE, left 1 Jun 2025 (a leaver), 5 days' sickness → 4 FTE-days
  //   E  agency 1.0 FTE, in post, 20 cases, covering a vacant post of 1.0 FTE
  //   one more vacant post of 0.6 FTE nobody covers
  // In post 2.5 FTE (3 people); leavers 0.8 (1); starters 0.5 (1); agency 1.0 (1).
  // Turnover 0.8 ÷ 2.5 = 32.0%; agency 1 ÷ 3.5 = 28.6%; vacancy 1.6 ÷ 4.1 = 39.0%;
  // covered 1 ÷ 1.6 = 62.5%; agency cover 1 ÷ 1 = 100%; caseload 44 ÷ 2.5 = 17.6;
  // absence 14 ÷ (2.5 × 261) = 2.1%.
  const census: CensusWorkerFacts[] = [
    { agency: false, fte: 1, fte30: 1, roleStart: '2019-04-01', roleEnd: null, cases30: 18, workingDaysLost: 10 },
    { agency: false, fte: 0.5, fte30: 0.5, roleStart: '2025-03-01', roleEnd: null, cases30: 6, workingDaysLost: 0 },
    { agency: false, fte: 1, fte30: 1, roleStart: '2015-01-05', roleEnd: null, cases30: 0, workingDaysLost: 0 },
    { agency: false, fte: 0.8, fte30: null, roleStart: '2020-09-01', roleEnd: '2025-06-01', cases30: null, workingDaysLost: 4 },
    { agency: true, fte: 1, fte30: 1, roleStart: '2025-01-06', roleEnd: null, cases30: 20, workingDaysLost: null },
  ];
  const expected = {
    inpost_fte: 2.5, inpost_headcount: 3, leavers_fte: 0.8, leavers_headcount: 1, starters_fte: 0.5, starters_headcount: 1, agency_fte: 1,
    turnover_rate_fte: 32.0, agency_rate_fte: 28.6, vacancy_rate_fte: 39.0, vacancy_agency_cover_rate_fte: 62.5, agency_cover_rate_fte: 100,
    caseload_fte: 17.6, working_days_lost: 14, absence_rate_fte: 2.1,
  };

  test('from the imported census', () => {
    const input = censusWorkforce({ censusDate: CENSUS_DATE, vacancies: { fte: 1.6, agencyFte: 1 }, workers: census }, 261);
    expect(byKey(workforceTotals(input))).toMatchObject(expected);
  });

  test('from the register on the census date: the same figures', () => {
    const facts: RegisterWorkforceFacts = {
      practitioners: [
        { practitioner_id: 'A', role: 'social_worker', agency: false, fte: 1, started_on: '2019-04-01', left_on: null },
        { practitioner_id: 'B', role: 'social_worker', agency: false, fte: 0.5, started_on: '2025-03-01', left_on: null },
        { practitioner_id: 'C', role: 'team_manager', agency: false, fte: 1, started_on: '2015-01-05', left_on: null },
        { practitioner_id: 'D', role: 'senior_practitioner', agency: false, fte: 0.8, started_on: '2020-09-01', left_on: '2025-06-01' },
        { practitioner_id: 'E', role: 'social_worker', agency: true, fte: 1, started_on: '2025-01-06', left_on: null },
        { practitioner_id: 'F', role: 'family_support_worker', agency: false, fte: 1, started_on: '2025-02-01', left_on: null },
      ],
      casesOn: new Map([['A', 18], ['B', 6], ['E', 20], ['F', 12]]),
      absences: [
        // Monday 3 to Friday 14 March 2025: 10 working days.
        { practitioner_id: 'A', kind: 'sickness', start_date: '2025-03-03', end_date: '2025-03-14' },
        { practitioner_id: 'A', kind: 'annual_leave', start_date: '2025-07-07', end_date: '2025-07-11' },
        // 5 working days at 0.8 FTE.
        { practitioner_id: 'D', kind: 'sickness', start_date: '2025-02-03', end_date: '2025-02-07' },
      ],
      posts: [
        { role: 'social_worker', fte: 1, status: 'vacant', covered_by: 'E' },
        { role: 'social_worker', fte: 0.6, status: 'vacant', covered_by: null },
        { role: 'social_worker', fte: 1, status: 'filled', covered_by: null },
        { role: 'family_support_worker', fte: 1, status: 'vacant', covered_by: null },
      ],
      workingDays: WEEKDAYS,
    };
    expect(byKey(workforceTotals(registerWorkforce(facts, CENSUS_DATE)))).toMatchObject({ ...expected, absence_rate_fte: 2.1 });
  });
});

// A generated workforce, written both as register rows and as the census the council would return.
const personArb = fc.record({
  agency: fc.boolean(),
  fte: fc.constantFrom(0.5, 0.6, 0.8, 1),
  startBack: fc.integer({ min: 0, max: 3000 }),
  leaves: fc.option(fc.integer({ min: 0, max: 364 }), { nil: null }),
  cases: fc.integer({ min: 0, max: 30 }),
  sickDays: fc.integer({ min: 0, max: 20 }),
});
const iso = (base: string, days: number) => new Date(Date.parse(`${base}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('two sources, one measure', () => {
  test.prop([fc.array(personArb, { maxLength: 25 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })])(
    'a census written from the register gives the register’s figures', (people, vacant, covered) => {
      const rows = people.map((p, i) => {
        const started = iso(CENSUS_DATE, -p.startBack);
        const left = p.leaves === null ? null : iso(YEAR_FROM, p.leaves);
        return { id: `P${i}`, ...p, started, left: left !== null && left <= started ? null : left };
      });
      const inPost = rows.filter((r) => r.left === null);
      const agencyInPost = inPost.filter((r) => r.agency);
      const coveredBy = agencyInPost.slice(0, Math.min(covered, vacant)).map((r) => r.id);
      const facts: RegisterWorkforceFacts = {
        practitioners: rows.map((r) => ({ practitioner_id: r.id, role: 'social_worker', agency: r.agency, fte: r.fte, started_on: r.started, left_on: r.left })),
        casesOn: new Map(rows.map((r) => [r.id, r.cases])),
        absences: [], posts: Array.from({ length: vacant }, (_, i) => ({ role: 'social_worker', fte: 1, status: 'vacant', covered_by: coveredBy[i] ?? null })),
        workingDays: WEEKDAYS,
      };
      const fromRegister = workforceTotals(registerWorkforce(facts, CENSUS_DATE));
      const census = censusWorkforce({
        censusDate: CENSUS_DATE, vacancies: { fte: vacant, agencyFte: coveredBy.length },
        workers: rows.map((r) => ({ agency: r.agency, fte: r.fte, fte30: r.left === null ? r.fte : null, roleStart: r.started, roleEnd: r.left, cases30: r.left === null ? r.cases : null, workingDaysLost: 0 })),
      }, WEEKDAYS(YEAR_FROM, CENSUS_DATE));
      expect(workforceTotals(census)).toEqual(fromRegister);
    });

  test.prop([fc.array(personArb, { maxLength: 25 })])('rates stay within 0–100% and every indicator reads the same whatever the order', (people) => {
    const workers: WorkforceWorker[] = people.map((p) => ({
      agency: p.agency, fte: p.fte, fte30: p.leaves === null ? p.fte : null, inPost: p.leaves === null, starter: p.startBack < 365, leaver: p.leaves !== null,
      cases30: p.leaves === null ? p.cases : 0, workingDaysLost: p.agency ? 0 : Math.min(p.sickDays, 253) * p.fte,
    }));
    const input: WorkforceInput = { censusDate: CENSUS_DATE, workers, vacancyFte: 2, agencyCoverFte: 1, workingDaysInYear: 253 };
    const a = measureWorkforce(input);
    const b = measureWorkforce({ ...input, workers: [...workers].reverse() });
    expect(a.map((i) => i.value)).toEqual(b.map((i) => i.value));
    for (const k of ['agency_rate_fte', 'agency_rate_headcount', 'vacancy_rate_fte', 'absence_rate_fte'] as const) {
      const v = a.find((i) => i.key === k)!.value;
      if (v === null) continue;
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(100);
    }
  });

  test.prop([fc.array(personArb, { maxLength: 20 }), fc.constantFrom(0.5, 1)])('an agency worker raises the agency rate and leaves turnover, in post and absence alone', (people, fte) => {
    const workers: WorkforceWorker[] = people.map((p) => ({ agency: false, fte: p.fte, fte30: p.fte, inPost: true, starter: false, leaver: p.leaves !== null, cases30: p.cases, workingDaysLost: p.sickDays }));
    const input: WorkforceInput = { censusDate: CENSUS_DATE, workers, vacancyFte: 1, agencyCoverFte: 0, workingDaysInYear: 253 };
    const before = byKey(workforceTotals(input));
    const after = byKey(workforceTotals({ ...input, workers: [...workers, { agency: true, fte, fte30: fte, inPost: true, starter: true, leaver: false, cases30: 0, workingDaysLost: 0 }] }));
    expect(after.agency_rate_fte!).toBeGreaterThan(before.agency_rate_fte ?? -1);
    for (const k of ['turnover_rate_fte', 'inpost_fte', 'absence_rate_fte', 'vacancy_rate_fte', 'starters_fte'] as const) expect(after[k]).toEqual(before[k]);
  });

  test('a leaver on the census date itself left in the year and is not in post (the register’s reading)', () => {
    const input = censusWorkforce({ censusDate: CENSUS_DATE, vacancies: { fte: 0, agencyFte: 0 }, workers: [
      { agency: false, fte: 1, fte30: null, roleStart: '2020-01-01', roleEnd: CENSUS_DATE, cases30: null, workingDaysLost: 0 },
      // Left the day the year began: this year's leaver, not last year's.
      { agency: false, fte: 1, fte30: null, roleStart: '2020-01-01', roleEnd: YEAR_FROM, cases30: null, workingDaysLost: 0 },
    ] }, 253);
    expect(workforceTotals(input)).toMatchObject({ inpost_headcount: 0, leavers_headcount: 2 });
  });
});
