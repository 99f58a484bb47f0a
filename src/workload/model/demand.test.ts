// Worked examples of case demand under the default configuration. Expected values come from
// DOMAIN.md §3-4 (central hours per occurrence, statutory intervals) and the model's stated
// method: each occurrence's hours spread evenly over the window in which it falls due, over a
// horizon of one average month (30.4375 days).
import { describe, expect, test } from 'vitest';
import { ctxFor } from './arbitraries.test-support.ts';
import { dayFromIso, type Day } from '../../kernel/calendar.ts';
import { caseDemand, caseloadDemand } from './demand.ts';
import type { CaseInput, EpisodeInput, FactorInput } from './episodes.ts';

const ctx = ctxFor();
const MONTH = 30.4375;
const day = dayFromIso('2026-03-02'); // a Monday, no bank holiday for three weeks either side

let n = 0;
const episode = (kind: EpisodeInput['kind'], start: Day, extra: Partial<EpisodeInput> = {}): EpisodeInput => ({ id: `e${n++}`, kind, start, end: null, ...extra });
const child = (episodes: EpisodeInput[], factors: FactorInput[] = [], familyId: string | null = null): CaseInput => ({ childId: `c${n++}`, familyId, episodes, factors });
const hoursOf = (c: CaseInput, code: string) => caseDemand(c, day, ctx).activities.find((a) => a.code === code);

describe('case demand, default configuration', () => {
  test('family help: 4 h support + 2 h case management a month, with 0.7× / 1.4× estimates', () => {
    const { total, statuses } = caseDemand(child([episode('family_help', dayFromIso('2025-06-01'))]), day, ctx);
    expect(statuses).toEqual(['family_help']);
    expect(total.central).toBeCloseTo(6, 9);
    expect(total.low).toBeCloseTo(4.2, 9);
    expect(total.high).toBeCloseTo(8.4, 9);
  });

  test('a referral made today: the decision falls due inside the month, the assessment is spread over 45 working days', () => {
    const c = child([episode('referral', day)]);
    expect(hoursOf(c, 'referral_decision')!.occurrences).toBe(1);
    // 45 working days from Mon 2 March 2026 is Thu 7 May (Easter and the May Day holiday fall in between): 66 days.
    expect(hoursOf(c, 'assessment')!.occurrences).toBeCloseTo(MONTH / 66, 9);
    expect(hoursOf(c, 'assessment')!.hours.central).toBeCloseTo((16 * MONTH) / 66, 9);
  });

  test('an initial conference counts at 0.4 while the enquiry is pending, fully on "conference", not at all on "no further action"', () => {
    // 15 working days from 2 March is 23 March, inside the horizon, so the whole occurrence falls in it.
    const conference = (s47Outcome: EpisodeInput['s47Outcome']) => hoursOf(child([episode('s47', day, { s47Outcome })]), 'initial_cp_conference');
    expect(conference(null)!.occurrences).toBeCloseTo(0.4, 12);
    expect(conference('conference')!.occurrences).toBe(1);
    expect(conference('no_further_action')).toBeUndefined();
  });

  test('an interpreter multiplies direct work by 1.3 and leaves meetings and admin alone', () => {
    const episodes = [episode('cp_plan', dayFromIso('2025-01-06'))];
    const plain = caseDemand(child(episodes), day, ctx);
    const interpreted = caseDemand(child(episodes, [{ factor: 'interpreter', start: dayFromIso('2025-01-06'), end: null }]), day, ctx);
    const codes = plain.activities.map((a) => a.code);
    expect(codes).toEqual(expect.arrayContaining(['cp_visit', 'core_group', 'case_management']));
    for (const a of plain.activities) {
      const b = interpreted.activities.find((x) => x.code === a.code)!;
      const expected = a.category === 'direct' ? 1.3 : 1;
      expect(b.hours.central / a.hours.central, a.code).toBeCloseTo(expected, 12);
    }
  });

  test('an interpreter no longer needed adds nothing; exploitation counts for 3 months after it ends', () => {
    const episodes = [episode('cin_plan', dayFromIso('2025-01-06'))];
    const ended: FactorInput = { factor: 'interpreter', start: dayFromIso('2025-01-06'), end: dayFromIso('2026-01-01') };
    expect(hoursOf(child(episodes, [ended]), 'cin_visit')!.multiplier).toBe(1);
    const exploitation = (end: string): FactorInput => ({ factor: 'exploitation', start: dayFromIso('2025-06-01'), end: dayFromIso(end) });
    expect(hoursOf(child(episodes, [exploitation('2026-01-15')]), 'cin_visit')!.multiplier).toBe(1.3); // ended 6 weeks ago
    expect(hoursOf(child(episodes, [exploitation('2025-11-15')]), 'cin_visit')!.multiplier).toBe(1); // over 3 months ago
  });

  test('looked-after visits every 6 weeks; a placement beyond 20 miles adds 2 h travel to each', () => {
    const placed = (miles: number | null) => child([episode('looked_after', dayFromIso('2025-06-02'), { placementDistanceMiles: miles })]);
    const visitsPerMonth = MONTH / 42;
    expect(hoursOf(placed(null), 'lac_visit')!.hours.central).toBeCloseTo(3.5 * visitsPerMonth, 9);
    expect(hoursOf(placed(20), 'lac_visit')!.hours.central).toBeCloseTo(3.5 * visitsPerMonth, 9); // "beyond" 20 miles
    const far = hoursOf(placed(45), 'lac_visit')!;
    expect(far.hours.central).toBeCloseTo((3.5 + 2) * visitsPerMonth, 9);
    expect(far.hours.low).toBeCloseTo((2.45 + 1.4) * visitsPerMonth, 9);
    // Reviews are not visits: no travel added.
    expect(hoursOf(placed(45), 'lac_review')!.hours).toEqual(hoursOf(placed(null), 'lac_review')!.hours);
  });

  test('a long-term placement over a year old is visited every 3 months (reg. 28)', () => {
    const placed = (placementLongTerm: boolean) => child([episode('looked_after', dayFromIso('2024-06-03'), { placementLongTerm })]);
    expect(hoursOf(placed(true), 'lac_visit')!.occurrences).toBeCloseTo(1 / 3, 9);
    expect(hoursOf(placed(false), 'lac_visit')!.occurrences).toBeCloseTo(MONTH / 42, 9);
  });

  test('a child protection plan supersedes child in need work: the plan adds nothing', () => {
    const cp = episode('cp_plan', dayFromIso('2025-09-01'));
    const both = caseDemand(child([episode('cin_plan', dayFromIso('2025-03-02')), cp]), day, ctx);
    const cpOnly = caseDemand(child([cp]), day, ctx);
    expect(both.statuses).toEqual(expect.arrayContaining(['cin_plan', 'cp_plan']));
    expect(both.activities.filter((a) => a.status === 'cin_plan')).toEqual([]);
    expect(both.total).toEqual(cpOnly.total);
  });

  test('a closed case needs nothing, and adds nothing to a caseload', () => {
    const closed = child([episode('cin_plan', dayFromIso('2025-01-06'), { end: day })]); // end is exclusive
    expect(caseDemand(closed, day, ctx)).toMatchObject({ statuses: [], activities: [], total: { low: 0, central: 0, high: 0 } });
    const open = child([episode('family_help', dayFromIso('2025-06-01'))]);
    expect(caseloadDemand([open, closed], day, ctx).total).toEqual(caseloadDemand([open], day, ctx).total);
  });

  test('two siblings on a child in need plan: the second adds half its visit and meeting time, all its admin', () => {
    const start = dayFromIso('2025-06-02');
    const a = child([episode('cin_plan', start)], [], 'fam');
    const b = child([episode('cin_plan', start)], [], 'fam');
    const one = caseDemand(a, day, ctx);
    const visitsAndMeetings = one.activities.filter((x) => x.category === 'direct' || x.category === 'meeting').reduce((s, x) => s + x.hours.central, 0);
    const admin = hoursOf(a, 'case_management')!.hours.central;
    expect(admin).toBeCloseTo(2, 9);
    expect(caseloadDemand([a, b], day, ctx).total.central).toBeCloseTo(one.total.central + 0.5 * visitsAndMeetings + admin, 9);
    // Not siblings: each counts in full.
    const c = { ...b, familyId: 'other' };
    expect(caseloadDemand([a, c], day, ctx).total.central).toBeCloseTo(2 * one.total.central, 9);
  });
});
