// The demo council looks like a real one (issue 12 item 10): its figures against the DfE's 2025
// national ones (DOMAIN.md §1–2) on several seed dates. These test the generator, never the
// workload model: when the model puts most staff over the band at these caseloads, that is a finding.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, englandCalendar } from '../workload/model/index.ts';
import { DEMO_COUNCIL } from './council.ts';
import { generateCouncil } from './generate.ts';
import { measureDemo } from './measure.ts';

const ctx = { config: DEFAULT_CONFIG, calendar: englandCalendar() };
const DATES = ['2025-09-30', '2026-05-20', '2027-02-01'];

describe.each(DATES)('the demo council seeded on %s', (asOf) => {
  const f = measureDemo(generateCouncil({ ...DEMO_COUNCIL, seed: 1, asOf }), asOf, ctx);

  it('has the DfE 2025 workforce rates within a point', () => {
    expect(Math.abs(f.vacancyRate! - 0.142)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(f.agencyRate! - 0.13)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(f.turnoverRate! - 0.118)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(f.absenceRate! - 0.035)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(f.asyeShare! - 0.11)).toBeLessThanOrEqual(0.02);
  });

  it('has a caseload measure near the national median and teams spread as councils are', () => {
    // National 2025: 15.2; councils 10.1 to 20.9.
    expect(f.caseload!).toBeGreaterThan(12.5);
    expect(f.caseload!).toBeLessThan(17.5);
    expect(f.teamCaseload.min!).toBeLessThan(12);
    expect(f.teamCaseload.max!).toBeGreaterThan(17);
    expect(f.teamCaseload.max!).toBeLessThan(30);
  });

  it('has about 5 % of the children social workers hold in care proceedings', () => {
    expect(f.proceedingsShare!).toBeGreaterThan(0.035);
    expect(f.proceedingsShare!).toBeLessThan(0.075);
  });

  it('moves over the back-filled weeks as a council does, not climbing towards today', () => {
    const caseloads = f.trend.map((p) => p.caseload!);
    const shares = f.trend.map((p) => p.shareOverSafeBand!);
    expect(f.trend).toHaveLength(9);
    expect(Math.max(...caseloads) - Math.min(...caseloads)).toBeLessThan(1.2);
    expect(Math.max(...shares) - Math.min(...shares)).toBeLessThan(0.15);
  });
});
