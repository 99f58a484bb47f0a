import { dayFromIso, isoFromDay } from './calendar.ts';
import { InvalidInputError } from './errors.ts';
import { ukDay } from './time.ts';

/** A date from a request: YYYY-MM-DD and real, or today (in the UK) when absent. */
export function parseDateInput(value: unknown, field = 'date', today: Date = new Date()): string {
  if (value === undefined || value === '') return ukDay(today);
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw new InvalidInputError(`Enter the ${field} as YYYY-MM-DD, like 2026-03-31.`, [{ field, message: 'Use the form YYYY-MM-DD.' }]);
  }
  let day: number;
  try {
    day = dayFromIso(value);
  } catch {
    throw new InvalidInputError(`${value} is not a real date. Check the day and month.`, [{ field, message: 'Not a real date.' }]);
  }
  if (value < '2000-01-01' || value > '2045-12-31') {
    throw new InvalidInputError(`Choose a ${field} between 2000 and 2045.`, [{ field, message: 'Out of range.' }]);
  }
  return isoFromDay(day);
}
