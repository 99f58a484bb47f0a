import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { absenceArb, anyConfigArb, capacityInputArb, onADay } from './arbitraries.test-support.ts';
import { dayFromIso, englandCalendar, type Day } from '../../kernel/calendar.ts';
import { capacity, type AbsenceInput, type CapacityInput } from './capacity.ts';
import { DEFAULT_CONFIG } from './catalogue.ts';

const cal = englandCalendar();
const day = dayFromIso('2026-03-02'); // Monday; the month's horizon runs to 1 April, no bank holidays
const worker = (over: Partial<CapacityInput> = {}): CapacityInput => ({
  role: 'social_worker', fte: 1, contractedWeeklyHours: 37, asyeStart: null, leftOn: null, absences: [], ...over,
});
const cap = (p: CapacityInput, on: Day = day) => capacity(p, on, DEFAULT_CONFIG, cal);
const absence = (kind: string, start: string, end: string): AbsenceInput => ({ kind, start: dayFromIso(start), end: dayFromIso(end) });

// DOMAIN.md §5: 37 h a week over 52 weeks / 12 months; 27 days' leave + 8 bank holidays out of
// 260 weekdays; supervision 1.5 h every 4 weeks (1.63 h a month), training 4 h, team meetings 4 h.
const MONTH_HOURS = (37 * 52) / 12;
const FULL_TIME_AVAILABLE = MONTH_HOURS * (1 - 35 / 260) - (1.63 + 4 + 4);

describe('capacity, default configuration', () => {
  test('a full-time social worker: contracted hours less average leave and protected time', () => {
    const c = cap(worker());
    expect(c.contractedHours).toBeCloseTo(MONTH_HOURS, 9);
    expect(c.availableHours).toBeCloseTo(FULL_TIME_AVAILABLE, 9);
    expect(c.caseworkHours).toBeCloseTo(FULL_TIME_AVAILABLE, 9);
  });

  test('part-time: training scales with FTE, supervision and team meetings do not', () => {
    const c = cap(worker({ fte: 0.5, contractedWeeklyHours: 18.5 }));
    expect(c.protectedTime.map((p) => [p.code, p.hours])).toEqual([['supervision', 1.63], ['training', 2], ['team_meetings', 4]]);
    expect(c.availableHours).toBeCloseTo((MONTH_HOURS / 2) * (1 - 35 / 260) - (1.63 + 2 + 4), 9);
  });

  test('ASYE takes 10% of contracted hours plus 1.5 h extra supervision, for 12 months', () => {
    const asyeStart = dayFromIso('2025-11-03');
    const c = cap(worker({ asyeStart }));
    expect(c.inAsye).toBe(true);
    expect(c.asyeHours).toBeCloseTo(0.1 * MONTH_HOURS + 1.5, 9);
    expect(c.availableHours).toBeCloseTo(FULL_TIME_AVAILABLE - 0.1 * MONTH_HOURS - 1.5, 9);
    expect(cap(worker({ asyeStart }), dayFromIso('2026-11-02')).inAsye).toBe(true); // the last day
    expect(cap(worker({ asyeStart }), dayFromIso('2026-11-03')).inAsye).toBe(false);
  });

  test('roles: a team manager who holds cases has a fifth of their time for them, a senior practitioner 70%', () => {
    const manager = cap(worker({ role: 'team_manager' }));
    expect(manager.availableHours).toBeCloseTo(FULL_TIME_AVAILABLE, 9); // at work all month, mostly supervising
    expect(manager.caseworkHours).toBeCloseTo(0.2 * FULL_TIME_AVAILABLE, 9);
    expect(cap(worker({ role: 'senior_practitioner' })).caseworkHours).toBeCloseTo(0.7 * FULL_TIME_AVAILABLE, 9);
  });

  test('someone who has left has no capacity; leaving tomorrow still counts today', () => {
    const gone = cap(worker({ leftOn: day, absences: [absence('sickness', '2026-03-02', '2026-03-06')] }));
    expect(gone).toMatchObject({ contractedHours: 0, availableHours: 0, caseworkHours: 0, absenceWorkingDays: 0, protectedTime: [] });
    expect(cap(worker({ leftOn: day + 1 })).availableHours).toBeCloseTo(FULL_TIME_AVAILABLE, 9);
  });

  test('a week off sick costs a week of contracted hours; annual leave is already averaged in', () => {
    const sick = cap(worker({ absences: [absence('sickness', '2026-03-09', '2026-03-13')] }));
    expect(sick.absenceWorkingDays).toBe(5);
    expect(sick.availableHours).toBeCloseTo(FULL_TIME_AVAILABLE - 37, 9);
    expect(cap(worker({ absences: [absence('annual_leave', '2026-03-09', '2026-03-13')] })).absenceWorkingDays).toBe(0);
  });

  test('absence counts working days only, and overlapping absences once', () => {
    // Thu 2 to Tue 7 April 2026: Good Friday, the weekend and Easter Monday leave 2 working days.
    expect(cap(worker({ absences: [absence('sickness', '2026-04-02', '2026-04-07')] }), dayFromIso('2026-03-20')).absenceWorkingDays).toBe(2);
    // 2-6 March and 4-10 March together cover 2-6, 9 and 10 March: 7 working days.
    const overlapping = [absence('sickness', '2026-03-02', '2026-03-06'), absence('training', '2026-03-04', '2026-03-10')];
    expect(cap(worker({ absences: overlapping })).absenceWorkingDays).toBe(7);
    // Only the part inside the horizon counts: 30.4375 days rounds up to 31 whole days, so from
    // 30 March the horizon ends with 29 April and holds 27-29 April of this absence.
    expect(cap(worker({ absences: [absence('sickness', '2026-04-27', '2026-05-08')] }), dayFromIso('2026-03-30')).absenceWorkingDays).toBe(3);
  });

  test('capacity covers the same horizon as demand: a fortnight holds 14 / 30.4375 of a month', () => {
    const fortnight = { ...DEFAULT_CONFIG, horizonDays: 14 };
    const c = capacity(worker({ asyeStart: dayFromIso('2026-01-05') }), day, fortnight, cal);
    const share = 14 / 30.4375;
    expect(c.contractedHours).toBeCloseTo(MONTH_HOURS * share, 9);
    expect(c.asyeHours).toBeCloseTo((0.1 * MONTH_HOURS + 1.5) * share, 9);
    expect(c.availableHours).toBeCloseTo((FULL_TIME_AVAILABLE - 0.1 * MONTH_HOURS - 1.5) * share, 9);
  });
});

describe('capacity over generated practitioners and configurations', () => {
  const scenario = onADay((d) => fc.record({ person: capacityInputArb(d), added: absenceArb(d, fc.constantFrom(...DEFAULT_CONFIG.capacity.reducingAbsenceKinds)) }));

  test.prop([scenario, anyConfigArb])('5. a reducing absence never raises capacity, and lowers it by a fifth of weekly hours per newly lost working day', ({ day, value }, config) => {
    const { person, added } = value;
    const before = capacity(person, day, config, cal);
    const after = capacity({ ...person, absences: [...person.absences, added] }, day, config, cal);
    expect(after.availableHours).toBeLessThanOrEqual(before.availableHours);
    expect(after.caseworkHours).toBeLessThanOrEqual(before.caseworkHours);

    // Working days in the horizon the new absence covers that no earlier reducing absence did.
    const horizonEnd = Math.ceil(day + config.horizonDays);
    const covered = (d: Day, list: readonly AbsenceInput[]) => list.some((a) => config.capacity.reducingAbsenceKinds.includes(a.kind) && a.start <= d && d <= a.end);
    let newlyLost = 0;
    for (let d = Math.max(day, added.start); d < Math.min(horizonEnd, added.end + 1); d++) {
      if (cal.isWorkingDay(d) && !covered(d, person.absences)) newlyLost++;
    }
    const stillHere = person.leftOn === null || person.leftOn > day;
    const expectedDrop = stillHere ? Math.min(before.availableHours, (newlyLost * person.contractedWeeklyHours) / 5) : 0;
    expect(before.availableHours - after.availableHours).toBeCloseTo(expectedDrop, 9);
    if (stillHere && newlyLost > 0 && before.availableHours > 0) expect(after.availableHours).toBeLessThan(before.availableHours);
  });

  test.prop([onADay(capacityInputArb), anyConfigArb])('capacity is never negative and casework never exceeds available time', ({ day, value }, config) => {
    const c = capacity(value, day, config, cal);
    expect(c.availableHours).toBeGreaterThanOrEqual(0);
    expect(c.caseworkHours).toBeGreaterThanOrEqual(0);
    expect(c.caseworkHours).toBeLessThanOrEqual(c.availableHours);
    expect(c.availableHours).toBeLessThanOrEqual(c.contractedHours);
  });
});
