import { addMonths, DAYS_PER_MONTH, type Day, type WorkingCalendar } from '../../kernel/calendar.ts';
import type { Interval } from './catalogue.ts';

/** England has about 253 working days a year (261 weekdays less 8 bank holidays). */
export const WORKING_DAYS_PER_YEAR = 253;

/** The date an interval after `day` falls on (working days skip weekends and bank holidays). */
export function addInterval(calendar: WorkingCalendar, day: Day, interval: Interval): Day {
  switch (interval.unit) {
    case 'working_days':
      return calendar.addWorkingDays(day, interval.n);
    case 'days':
      return day + interval.n;
    case 'weeks':
      return day + 7 * interval.n;
    case 'months':
      return addMonths(day, interval.n);
  }
}

/** An interval's average length in calendar days, for steady-state rates. */
export function nominalDays(interval: Interval): number {
  switch (interval.unit) {
    case 'working_days':
      return (interval.n * 365.25) / WORKING_DAYS_PER_YEAR;
    case 'days':
      return interval.n;
    case 'weeks':
      return 7 * interval.n;
    case 'months':
      return interval.n * DAYS_PER_MONTH;
  }
}

export function describeInterval(interval: Interval): string {
  const unit = interval.unit.replace('_', ' ');
  return interval.n === 1 ? `1 ${unit.replace(/s$/, '')}` : `${interval.n} ${unit}`;
}
