import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { checkAgencyRules, quarterlyReturn, quarterOf, rulesApply, yearsBetween, type AgencyEngagement } from './agency.ts';

const DATE = '2026-11-23';
const e = (id: string, extra: Partial<AgencyEngagement> = {}): AgencyEngagement => ({
  practitionerId: id, name: `Worker ${id}`, teamId: 'SF1', role: 'social_worker', fte: 1, engagedOn: '2026-03-02', endedOn: null, agencyName: 'Agency',
  pqeDirectYears: 6, qualifiedOn: '2015-07-01', referencesRequestedOn: '2026-02-01', referencesReceivedOn: '2026-02-20',
  previousPermanentLeftOn: null, previousPermanentEmployer: null, coolOffExemption: null, hourlyCharge: 45, priceCap: 50, capSignedOff: false,
  projectTeam: false, coversVacancy: true, ...extra,
});

describe('the agency rules (DOMAIN.md §7)', () => {
  test('finds each rule not followed, and nothing for an engagement that follows them all', () => {
    const findings = checkAgencyRules([
      e('OK'),
      e('PQE', { pqeDirectYears: 2 }),
      e('NEWQ', { pqeDirectYears: null, qualifiedOn: '2024-06-01' }),
      e('COOL', { previousPermanentLeftOn: '2026-01-15', previousPermanentEmployer: 'this_council' }),
      e('EXEMPT', { previousPermanentLeftOn: '2026-01-15', previousPermanentEmployer: 'this_council', coolOffExemption: 'redundancy' }),
      e('REFS', { referencesReceivedOn: null }),
      e('CAP', { hourlyCharge: 58, capSignedOff: false }),
      e('SIGNED', { hourlyCharge: 58, capSignedOff: true }),
    ], DATE);
    expect(findings.filter((f) => f.status === 'breach').map((f) => `${f.code}:${f.practitionerId}`)).toEqual([
      'pqe:NEWQ', 'pqe:PQE', 'cool_off:COOL', 'references:REFS', 'price_cap:CAP',
    ]);
  });

  test('a cool-off of 3 months: engaged the day it ends is allowed, the day before is not', () => {
    const left = { previousPermanentLeftOn: '2026-01-15', previousPermanentEmployer: 'same_region' as const };
    expect(checkAgencyRules([e('A', { ...left, engagedOn: '2026-04-15' })], DATE)).toEqual([]);
    expect(checkAgencyRules([e('A', { ...left, engagedOn: '2026-04-14' })], DATE).map((f) => f.code)).toEqual(['cool_off']);
  });

  test('experience not recorded: years since qualifying under 3 is a breach, 3 or more cannot be checked', () => {
    expect(checkAgencyRules([e('A', { pqeDirectYears: null, qualifiedOn: '2020-01-01' })], DATE).map((f) => f.status)).toEqual(['unknown']);
    expect(checkAgencyRules([e('A', { pqeDirectYears: null, qualifiedOn: null })], DATE).map((f) => f.status)).toEqual(['unknown']);
  });

  test('in force for new assignments from 31 October 2024, for every assignment from 1 October 2025', () => {
    expect(rulesApply('2024-10-30', '2025-09-30')).toBe(false);
    expect(rulesApply('2024-10-31', '2025-09-30')).toBe(true);
    expect(rulesApply('2023-01-01', '2025-10-01')).toBe(true);
  });

  test('the quarter and its return', () => {
    expect(quarterOf('2026-11-23')).toEqual({ from: '2026-10-01', to: '2026-12-31', label: 'October to December 2026' });
    const r = quarterlyReturn([e('A', { engagedOn: '2026-10-05', fte: 0.5, pqeDirectYears: 1 }), e('B', { projectTeam: true }), e('C', { endedOn: '2026-11-01' })], DATE);
    expect(r).toMatchObject({ onDate: DATE, headcount: 2, fte: 1.5, startedInQuarter: 1, endedInQuarter: 1, inProjectTeams: 1, breaches: { pqe: 1, cool_off: 0 } });
  });

  test.prop([fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 20_000 })])('whole years between two dates never exceed the days between ÷ 365', (a, b) => {
    const d = (n: number) => new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    const [from, to] = a <= b ? [d(a), d(b)] : [d(b), d(a)];
    const years = yearsBetween(from, to);
    expect(years).toBeLessThanOrEqual(Math.abs(a - b) / 365 + 1e-9);
    expect(years).toBeGreaterThanOrEqual(Math.floor(Math.abs(a - b) / 366));
  });

  test.prop([fc.array(fc.record({ pqe: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }), refs: fc.boolean(), charge: fc.integer({ min: 30, max: 70 }), signed: fc.boolean() }), { maxLength: 20 })])(
    'every breach names a rule the facts break, and the return counts each person once per rule', (rows) => {
      const engagements = rows.map((r, i) => e(`P${i}`, { pqeDirectYears: r.pqe, referencesReceivedOn: r.refs ? '2026-02-20' : null, hourlyCharge: r.charge, capSignedOff: r.signed }));
      const findings = checkAgencyRules(engagements, DATE);
      for (const f of findings.filter((x) => x.status === 'breach')) {
        const r = rows[Number(f.practitionerId.slice(1))]!;
        if (f.code === 'pqe') expect(r.pqe).toBeLessThan(3);
        if (f.code === 'references') expect(r.refs).toBe(false);
        if (f.code === 'price_cap') expect(r.charge > 50 && !r.signed).toBe(true);
      }
      const ret = quarterlyReturn(engagements, DATE);
      expect(ret.breaches.pqe).toBe(rows.filter((r) => r.pqe !== null && r.pqe < 3).length);
      expect(ret.breaches.price_cap).toBe(rows.filter((r) => r.charge > 50 && !r.signed).length);
    });
});
