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
  // Hot path (every date of every record): digits read directly, no RegExp or Date objects.
  const y = digits(iso, 0, 4);
  const m = digits(iso, 5, 2);
  const d = digits(iso, 8, 2);
  if (y < 0 || m < 0 || d < 0 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) {
    throw new RangeError(`Not a date: "${iso}". Write dates as YYYY-MM-DD, like 2026-03-31.`);
  }
  // Date.UTC reads years 0-99 as 1900-1999, so the original check refused them: still refused.
  if (y < 100 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) throw new RangeError(`Not a real date: "${iso}".`);
  return daysFromCivil(y, m, d);
}

/** The number written by `length` ASCII digits from `start`, or -1. */
function digits(s: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    n = n * 10 + c;
  }
  return n;
}

const isLeapYear = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (y: number, m: number) => (m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1]!);

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-compatible low-level date algorithms"). */
function daysFromCivil(y: number, m: number, d: number): Day {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** The inverse: [year, month 1-12, day]. */
function civilFromDays(day: Day): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, doy - Math.floor((153 * mp + 2) / 5) + 1];
}

export function isoFromDay(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Calendar months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: Day, months: number): Day {
  const [y, m, d] = civilFromDays(day);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  // Date.UTC reads years 0-99 as 1900-1999; keep its answers there (no register date is so early).
  if (ty < 100 || y < 100) return addMonthsByDate(day, months);
  return daysFromCivil(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

function addMonthsByDate(day: Day, months: number): Day {
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
