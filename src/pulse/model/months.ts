/**
 * Pulse months ('YYYY-MM', UK calendar). A month's answers are published only once it has ended:
 * while it is open, watching the figures change between two visits would show what the one
 * person who answered in between said. A closed month takes no more answers, so its figures never
 * change again. Pure.
 */

export type Month = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const isMonth = (value: unknown): value is Month => typeof value === 'string' && MONTH.test(value);

/** The month a UK day ('YYYY-MM-DD') falls in. */
export const monthOf = (isoDay: string): Month => isoDay.slice(0, 7);

export function addMonth(month: Month, by: number): Month {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The last day of a month, 'YYYY-MM-DD'. */
export function lastDayOf(month: Month): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

export function monthName(month: Month): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${NAMES[m - 1]} ${y}`;
}

/** The months whose figures may be shown on a day: the `count` most recent ended months, newest first. */
export function publishedMonths(isoDay: string, count: number): Month[] {
  const open = monthOf(isoDay);
  return Array.from({ length: count }, (_, i) => addMonth(open, -(i + 1)));
}
