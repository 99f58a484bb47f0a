import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { dayArb } from '../workload/model/arbitraries.test-support.ts';
import { addMonths, buildWorkingCalendar, dayFromIso, dayOfWeek, englandCalendar, isoFromDay } from './calendar.ts';

const cal = englandCalendar();
const plusWorkingDays = (iso: string, n: number) => isoFromDay(cal.addWorkingDays(dayFromIso(iso), n));

describe('dates as day numbers', () => {
  test('1970-01-01 is day 0 and the days after count up', () => {
    expect(dayFromIso('1970-01-01')).toBe(0);
    expect(dayFromIso('1970-01-02')).toBe(1);
    expect(dayFromIso('1969-12-31')).toBe(-1);
    // 2000 was a leap year: 30 years of 365 days plus 7 leap days (72, 76, ..., 96).
    expect(dayFromIso('2000-01-01')).toBe(30 * 365 + 7);
  });

  test.prop([fc.integer({ min: dayFromIso('1900-01-01'), max: dayFromIso('2100-12-31') })])('a day survives the trip to ISO and back', (day) => {
    expect(dayFromIso(isoFromDay(day))).toBe(day);
  });

  const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const realDate = fc
    .record({ y: fc.integer({ min: 1900, max: 2100 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
    .filter(({ y, m, d }) => d <= [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!)
    .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

  test.prop([realDate])('a real date survives the trip to a day number and back', (iso) => {
    expect(isoFromDay(dayFromIso(iso))).toBe(iso);
  });

  test('29 February only in leap years; impossible or malformed dates throw', () => {
    expect(isoFromDay(dayFromIso('2024-02-29'))).toBe('2024-02-29');
    for (const bad of ['2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-3-1', '31/03/2026', '', 'soon']) {
      expect(() => dayFromIso(bad), bad).toThrow(RangeError);
    }
  });

  test('weekdays: 0 is Sunday, 1970-01-01 was a Thursday', () => {
    expect(dayOfWeek(0)).toBe(4);
    expect(dayOfWeek(-1)).toBe(3); // the modulo must not go negative before 1970
    expect(dayOfWeek(dayFromIso('2026-12-25'))).toBe(5);
    expect(dayOfWeek(dayFromIso('2022-09-19'))).toBe(1);
  });

  test('adding months keeps the day of the month, or clamps to the month end', () => {
    const add = (iso: string, n: number) => isoFromDay(addMonths(dayFromIso(iso), n));
    expect(add('2026-03-15', 1)).toBe('2026-04-15');
    expect(add('2026-01-31', 1)).toBe('2026-02-28');
    expect(add('2024-01-31', 1)).toBe('2024-02-29');
    expect(add('2026-11-30', 3)).toBe('2027-02-28');
    expect(add('2026-03-31', -1)).toBe('2026-02-28');
    expect(add('2026-08-31', 12)).toBe('2027-08-31');
  });
});

describe('England working days', () => {
  test('Friday plus one working day is Monday', () => {
    expect(plusWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
    expect(plusWorkingDays('2026-03-07', 1)).toBe('2026-03-09'); // from a Saturday too
  });

  test('Christmas 2026: Boxing Day falls on Saturday, so the substitute Monday 28th is a holiday', () => {
    expect(plusWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
  });

  test("2022: the Queen's funeral (Monday 19 September) was a one-off bank holiday", () => {
    expect(plusWorkingDays('2022-09-16', 1)).toBe('2022-09-20');
    expect(cal.isWorkingDay(dayFromIso('2022-09-19'))).toBe(false);
  });

  test('Easter 2026: Good Friday 3 April and Easter Monday 6 April', () => {
    expect(plusWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
    // 10 working days from Thursday 2 April: 7-10 Apr (4), 13-17 (5), 20 Apr (the 10th).
    expect(plusWorkingDays('2026-04-02', 10)).toBe('2026-04-20');
  });

  test('zero working days is the day itself; outside the calendar throws', () => {
    expect(plusWorkingDays('2026-03-07', 0)).toBe('2026-03-07');
    expect(() => cal.addWorkingDays(dayFromIso('1999-06-01'), 1)).toThrow(RangeError);
    expect(() => cal.isWorkingDay(dayFromIso('2046-01-02'))).toThrow(RangeError);
  });

  test('a year of England working days: 2026 has 261 weekdays and 8 bank holidays, all on weekdays', () => {
    expect(cal.workingDaysBetween(dayFromIso('2026-01-01'), dayFromIso('2027-01-01'))).toBe(253);
  });

  test.prop([dayArb, fc.integer({ min: 1, max: 60 })])('the nth working day after a day is a weekday, and exactly n working days away', (day, n) => {
    const result = cal.addWorkingDays(day, n);
    expect(result).toBeGreaterThan(day);
    expect([0, 6]).not.toContain(dayOfWeek(result));
    let count = 0;
    for (let d = day + 1; d <= result; d++) if (cal.isWorkingDay(d)) count++;
    expect(count).toBe(n);
    expect(cal.workingDaysBetween(day + 1, result + 1)).toBe(n);
  });

  test('a built calendar skips the holidays it is given', () => {
    // 2026-06-10 is a Wednesday; with it a holiday, Tuesday + 1 working day is Thursday.
    const local = buildWorkingCalendar([dayFromIso('2026-06-10')], 2026, 2026);
    expect(isoFromDay(local.addWorkingDays(dayFromIso('2026-06-09'), 1))).toBe('2026-06-11');
    expect(local.workingDaysBetween(dayFromIso('2026-06-08'), dayFromIso('2026-06-15'))).toBe(4);
    expect(() => local.addWorkingDays(dayFromIso('2026-12-31'), 1)).toThrow(/beyond 2026/);
  });
});
