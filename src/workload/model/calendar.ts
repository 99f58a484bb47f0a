import Holidays from 'date-holidays';

/**
 * Dates inside the model are whole days since 1970-01-01 (UTC), so comparisons and
 * arithmetic are integer operations: the national scale runs millions of them.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;
/** Average month length: 365.25 / 12. Demand is reported "per month" on this basis. */
export const DAYS_PER_MONTH = 30.4375;

export function dayFromIso(iso: string): Day {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) throw new RangeError(`Not a date: "${iso}". Write dates as YYYY-MM-DD, like 2026-03-31.`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const back = new Date(ms);
  if (back.getUTCFullYear() !== Number(y) || back.getUTCMonth() !== Number(m) - 1 || back.getUTCDate() !== Number(d)) {
    throw new RangeError(`Not a real date: "${iso}".`);
  }
  return Math.round(ms / MS_PER_DAY);
}

export function isoFromDay(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Calendar months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: Day, months: number): Day {
  const date = new Date(day * MS_PER_DAY);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const d = date.getUTCDate();
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.round(Date.UTC(y, m, Math.min(d, lastDay)) / MS_PER_DAY);
}

export function dayOfWeek(day: Day): number {
  // 1970-01-01 was a Thursday (4); 0 = Sunday.
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * Working days: Monday to Friday, less England and Wales bank holidays. Built once for a
 * range of years; lookups are array reads.
 */
export interface WorkingCalendar {
  readonly firstDay: Day;
  readonly lastDay: Day;
  isWorkingDay(day: Day): boolean;
  /** The nth working day after `day` (n >= 1). n = 0 gives `day` itself. */
  addWorkingDays(day: Day, n: number): Day;
  /** Working days in [from, to). */
  workingDaysBetween(from: Day, to: Day): number;
}

export function buildWorkingCalendar(holidays: Iterable<Day>, firstYear: number, lastYear: number): WorkingCalendar {
  const firstDay = dayFromIso(`${firstYear}-01-01`);
  const lastDay = dayFromIso(`${lastYear}-12-31`);
  const size = lastDay - firstDay + 1;
  const holidaySet = new Set(holidays);
  // before[i] = working days in [firstDay, firstDay + i)
  const before = new Int32Array(size + 1);
  const working: Day[] = [];
  for (let i = 0; i < size; i++) {
    const day = firstDay + i;
    const dow = dayOfWeek(day);
    const isWorking = dow !== 0 && dow !== 6 && !holidaySet.has(day);
    before[i + 1] = before[i]! + (isWorking ? 1 : 0);
    if (isWorking) working.push(day);
  }
  const workingDays = Int32Array.from(working);

  const check = (day: Day) => {
    if (day < firstDay || day > lastDay) {
      throw new RangeError(`The working-day calendar covers ${firstYear} to ${lastYear}; ${isoFromDay(day)} is outside it.`);
    }
  };
  return {
    firstDay,
    lastDay,
    isWorkingDay(day) {
      check(day);
      return before[day - firstDay + 1]! - before[day - firstDay]! === 1;
    },
    addWorkingDays(day, n) {
      if (n <= 0) return day;
      check(day);
      const index = before[day - firstDay + 1]! + n - 1;
      const result = workingDays[index];
      if (result === undefined) throw new RangeError(`${n} working days after ${isoFromDay(day)} is beyond ${lastYear}.`);
      return result;
    },
    workingDaysBetween(from, to) {
      if (to <= from) return 0;
      const a = Math.max(from, firstDay) - firstDay;
      const b = Math.min(to, lastDay + 1) - firstDay;
      return b > a ? before[b]! - before[a]! : 0;
    },
  };
}

let england: WorkingCalendar | undefined;

/** England and Wales bank holidays (date-holidays, GB-ENG public days, incl. one-off days). */
export function englandCalendar(): WorkingCalendar {
  if (!england) {
    const first = 2000;
    const last = 2045;
    const hd = new Holidays('GB', 'ENG');
    const days: Day[] = [];
    for (let year = first; year <= last; year++) {
      for (const h of hd.getHolidays(year)) {
        if (h.type === 'public') days.push(dayFromIso(h.date.slice(0, 10)));
      }
    }
    england = buildWorkingCalendar(days, first, last);
  }
  return england;
}
