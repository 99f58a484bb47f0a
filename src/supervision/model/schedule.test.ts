import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { addMonths, dayFromIso } from '../../kernel/calendar.ts';
import { addInterval, DEFAULT_SCHEDULE, intervalOn, shareOnTime, supervisionStatus, type SessionInput, type Supervisee } from './schedule.ts';

const d = dayFromIso;
const day0 = d('2026-01-05');
const experienced: Supervisee = { startedOn: d('2020-04-01'), asyeStart: null };
const nqsw = (asyeStart: number): Supervisee => ({ startedOn: asyeStart, asyeStart });
const long = (heldOn: number): SessionInput => ({ heldOn, minutes: 90 });

describe('the LGA standard 5 defaults (DOMAIN.md §10)', () => {
  test('newly qualified: weekly for 6 weeks, fortnightly to 6 months, then monthly', () => {
    const p = nqsw(day0);
    expect(intervalOn(p, day0, DEFAULT_SCHEDULE)).toEqual({ every: 1, unit: 'week' });
    expect(intervalOn(p, day0 + 41, DEFAULT_SCHEDULE)).toEqual({ every: 1, unit: 'week' });
    expect(intervalOn(p, day0 + 42, DEFAULT_SCHEDULE)).toEqual({ every: 2, unit: 'week' });
    expect(intervalOn(p, addMonths(day0, 6) - 1, DEFAULT_SCHEDULE)).toEqual({ every: 2, unit: 'week' });
    expect(intervalOn(p, addMonths(day0, 6), DEFAULT_SCHEDULE)).toEqual({ every: 1, unit: 'month' });
  });

  test('everyone else monthly: due a calendar month after the last session, overdue the day after', () => {
    const s = [long(d('2026-03-10'))];
    expect(supervisionStatus(experienced, s, d('2026-04-01'), DEFAULT_SCHEDULE)).toMatchObject({ state: 'on_time', dueOn: d('2026-04-10') });
    expect(supervisionStatus(experienced, s, d('2026-04-07'), DEFAULT_SCHEDULE).state).toBe('due_soon');
    expect(supervisionStatus(experienced, s, d('2026-04-10'), DEFAULT_SCHEDULE).state).toBe('due_soon');
    expect(supervisionStatus(experienced, s, d('2026-04-11'), DEFAULT_SCHEDULE)).toMatchObject({ state: 'overdue', daysOverdue: 1 });
  });

  test('a session under 1.5 hours is shown but does not reset the clock', () => {
    const s = [long(d('2026-03-10')), { heldOn: d('2026-04-08'), minutes: 45 }];
    const status = supervisionStatus(experienced, s, d('2026-04-20'), DEFAULT_SCHEDULE);
    expect(status).toMatchObject({ state: 'overdue', lastOn: d('2026-03-10'), lastAnyOn: d('2026-04-08') });
  });

  test('with no session yet, the first is due one interval after starting', () => {
    expect(supervisionStatus(nqsw(day0), [], day0 + 3, DEFAULT_SCHEDULE).dueOn).toBe(day0 + 7);
    expect(supervisionStatus(nqsw(day0), [], day0 + 8, DEFAULT_SCHEDULE).state).toBe('overdue');
  });

  test('the share on time counts due-soon as on time', () => {
    const s = [supervisionStatus(experienced, [long(day0)], day0 + 1, DEFAULT_SCHEDULE), supervisionStatus(experienced, [long(day0)], day0 + 60, DEFAULT_SCHEDULE)];
    expect(shareOnTime(s)).toEqual({ onTime: 1, people: 2, share: 0.5 });
    expect(shareOnTime([]).share).toBeNull();
  });
});

const dayArb = fc.integer({ min: d('2024-01-01'), max: d('2027-12-31') });
const personArb = fc.record({ startedOn: dayArb, asye: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }) })
  .map(({ startedOn, asye }): Supervisee => ({ startedOn, asyeStart: asye === null ? null : startedOn + asye }));
const sessionsArb = fc.array(fc.record({ heldOn: dayArb, minutes: fc.integer({ min: 5, max: 240 }) }), { maxLength: 12 });

describe('properties of the schedule', () => {
  test.prop([personArb, sessionsArb, dayArb])('the next session is due after the last that counts, and never more than a month after it', (p, s, day) => {
    const status = supervisionStatus(p, s, day, DEFAULT_SCHEDULE);
    if (status.lastOn !== null) {
      expect(status.dueOn).toBeGreaterThan(status.lastOn);
      expect(status.dueOn).toBeLessThanOrEqual(addInterval(status.lastOn, DEFAULT_SCHEDULE.standard));
    }
  });

  test.prop([personArb, sessionsArb, dayArb])('overdue exactly when the day is past the due date', (p, s, day) => {
    const status = supervisionStatus(p, s, day, DEFAULT_SCHEDULE);
    expect(status.state === 'overdue').toBe(day > status.dueOn);
    expect(status.daysOverdue).toBe(Math.max(0, day - status.dueOn));
  });

  test.prop([personArb, sessionsArb, dayArb, fc.integer({ min: 0, max: 30 })])('a long-enough session held on or before the day never makes someone later', (p, s, day, back) => {
    const before = supervisionStatus(p, s, day, DEFAULT_SCHEDULE);
    const after = supervisionStatus(p, [...s, long(day - back)], day, DEFAULT_SCHEDULE);
    expect(after.dueOn).toBeGreaterThanOrEqual(before.dueOn);
    expect(after.daysOverdue).toBeLessThanOrEqual(before.daysOverdue);
  });

  test.prop([personArb, sessionsArb, dayArb, fc.integer({ min: 5, max: 89 })])('a session shorter than the minimum never changes when the next is due', (p, s, day, minutes) => {
    const with_ = supervisionStatus(p, [...s, { heldOn: day, minutes }], day, DEFAULT_SCHEDULE);
    expect(with_.dueOn).toBe(supervisionStatus(p, s, day, DEFAULT_SCHEDULE).dueOn);
  });

  test.prop([personArb, sessionsArb, dayArb])('the order sessions come in does not matter, nor sessions after the day', (p, s, day) => {
    const status = supervisionStatus(p, s, day, DEFAULT_SCHEDULE);
    expect(supervisionStatus(p, [...s].reverse(), day, DEFAULT_SCHEDULE)).toEqual(status);
    expect(supervisionStatus(p, [...s, long(day + 1)], day, DEFAULT_SCHEDULE)).toEqual(status);
  });

  test.prop([personArb, dayArb, dayArb])('a newly qualified worker is never due less often than an experienced one', (p, a, b) => {
    const [first, second] = a <= b ? [a, b] : [b, a];
    const gap = (day: number) => addInterval(day, intervalOn(p, day, DEFAULT_SCHEDULE)) - day;
    // Stages only lengthen the interval as the ASYE goes on (weekly, fortnightly, monthly).
    if (p.asyeStart !== null && first >= p.asyeStart) expect(gap(first)).toBeLessThanOrEqual(gap(second) + 3);
    expect(gap(second)).toBeLessThanOrEqual(31);
  });
});
