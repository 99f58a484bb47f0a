// DfE CIN validation rules: each fires on the case it describes, and a clean census passes them all.
import { fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { CinCensus } from './model.ts';
import { checkCinRules, CIN_RULE_CODES } from './rules.ts';
import { censusArb, sampleCensus } from './testing.ts';

type Edit = (c: CinCensus) => void;
const first = (c: CinCensus) => c.children[0]!;
const cp = (c: CinCensus) => c.children[1]!.episodes[0]!;

const CASES: [string, Edit, string][] = [
  ['8500', (c) => void (first(c).id = ''), 'ChildIdentifiers'],
  ['8520', (c) => void (first(c).birthDate = '2026-04-02'), 'ChildIdentifiers'],
  ['8525', (c) => void (first(c).expectedBirthDate = '2015-06-01'), 'ChildIdentifiers'],
  ['8525', (c) => void (first(c).birthDate = null), 'ChildIdentifiers'],
  ['8565', (c) => void (cp(c).cpPlans[0]!.end = '2026-02-02'), 'CINdetails[1]'],
  ['8608', (c) => void (cp(c).assessments[0]!.authorised = '2025-06-30'), 'Assessments[1]'],
  ['8615', (c) => void (cp(c).section47s[0]!.start = '2025-07-22'), 'Section47[1]'],
  ['8620', (c) => Object.assign(cp(c), { closureDate: '2026-04-01' }), 'CINdetails[1]'],
  ['8630', (c) => Object.assign(first(c).episodes[0]!, { closureDate: '2025-04-30' }), 'CINdetails[1]'],
  ['8925', (c) => void (cp(c).cpPlans[0]!.end = '2025-07-20'), 'ChildProtectionPlans[1]'],
  ['4011', (c) => void (first(c).episodes[0]!.cinPlans[0]!.end = '2025-06-01'), 'CINPlanDates[1]'],
  ['4015', (c) => void (first(c).episodes[0]!.cinPlans[0]!.start = '2025-04-30'), 'CINPlanDates[1]'],
  ['8600', (c) => void (first(c).episodes[0]!.referralDate = '2026-04-02'), 'CINdetails[1]'],
  ['4010', (c) => void (first(c).episodes[0]!.cinPlans[0]!.start = '2026-05-01'), 'CINPlanDates[1]'],
];

describe('CIN validation rules', () => {
  it('passes a clean census', () => {
    expect(checkCinRules(sampleCensus())).toEqual([]);
  });

  it.each(CASES)('%s fires on the element it describes', (code, edit, element) => {
    const census = sampleCensus();
    edit(census);
    const failures = checkCinRules(census);
    expect(failures.map((f) => f.code)).toContain(code);
    const f = failures.find((x) => x.code === code)!;
    expect(f.element).toContain(element);
    expect(f.message.length).toBeGreaterThan(30);
  });

  it('covers every code it claims', () => {
    expect(new Set(CASES.map(([code]) => code))).toEqual(new Set(CIN_RULE_CODES));
  });

  it('flags a date after the census date that no DfE code covers, without a code', () => {
    const census = sampleCensus();
    cp(census).section47s[0]!.start = '2026-06-01';
    expect(checkCinRules(census).filter((f) => f.code === '')).toEqual([expect.objectContaining({ field: 'S47ActualStartDate', message: expect.stringMatching(/after the census date 2026-03-31/) })]);
  });

  it('only reports codes it knows (or none, for a date after the census date), each pointing at a child in the census', () => {
    fc.assert(fc.property(censusArb, (census) => {
      for (const f of checkCinRules(census)) {
        if (f.code !== '') expect(CIN_RULE_CODES).toContain(f.code);
        expect(census.children[f.childIndex]!.id).toBe(f.child);
      }
    }), { numRuns: 50 });
  });
});
