/**
 * Reading single values from outside files: dates in the forms the SSD, the DfE returns and
 * Excel produce, flags, numbers. Each returns a value or a plain-English reason.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (message: string): Parsed<never> => ({ ok: false, message });

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function realDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  if (m === 2 && d === 29) return leap(y);
  return d <= DAYS_IN_MONTH[m - 1]!;
}

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * A date as YYYY-MM-DD from: ISO dates, SQL datetimes ('2024-12-10 00:00:00.000', the SSD's
 * form), ISO timestamps, and dd/mm/yyyy (the DfE's CSV form). Excel's damage gets its own
 * message: serial numbers, two-digit years and US month-first dates.
 */
export function parseDate(raw: string): Parsed<string> {
  const value = raw.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return realDate(y, mo, d) ? ok(iso(y, mo, d)) : fail(`"${value}" is not a real date: check the day and month.`);
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/.exec(value);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (realDate(y, mo, d)) return ok(iso(y, mo, d));
    if (realDate(y, d, mo)) return fail(`"${value}" looks like a month-first (US) date. Save dates as dd/mm/yyyy or yyyy-mm-dd.`);
    return fail(`"${value}" is not a real date: check the day and month.`);
  }
  if (/^\d{1,2}\/\d{1,2}\/\d{2}$/.test(value)) {
    return fail(`"${value}" has a two-digit year, which is how Excel shortens dates. Save the file with four-digit years (dd/mm/yyyy).`);
  }
  if (/^\d{4,6}(\.\d+)?$/.test(value)) {
    return fail(`"${value}" looks like an Excel date serial number, not a date. Format the column as a date (dd/mm/yyyy) before saving.`);
  }
  return fail(`"${value}" is not a date. Use yyyy-mm-dd or dd/mm/yyyy.`);
}

/** Y/N flags as the SSD writes them (also 1/0, true/false, Yes/No). */
export function parseFlag(raw: string): Parsed<boolean> {
  const v = raw.trim().toLowerCase();
  if (['y', 'yes', '1', 'true', 't'].includes(v)) return ok(true);
  if (['n', 'no', '0', 'false', 'f'].includes(v)) return ok(false);
  return fail(`"${raw}" is not a yes/no value. Use Y or N.`);
}

export function parseNumber(raw: string, min: number, max: number): Parsed<number> {
  const v = raw.trim();
  if (!/^-?\d+(\.\d+)?$/.test(v)) return fail(`"${raw}" is not a number.`);
  const n = Number(v);
  if (n < min || n > max) return fail(`${v} is outside ${min} to ${max}.`);
  return ok(n);
}

/** An empty cell, or one holding only NULL (SQL tools often write the word). */
export const isBlank = (v: string | undefined | null): boolean => v === undefined || v === null || v.trim() === '' || v.trim().toUpperCase() === 'NULL';

/** Ids stay text (leading zeros matter); trims spaces SQL tools pad with. */

/** dd/mm/yyyy, the DfE CSV form, from an ISO date. */
export const dmy = (isoDate: string): string => `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
