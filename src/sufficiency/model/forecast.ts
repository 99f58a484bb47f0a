import { isActiveOn, type CaseInput } from '../../workload/model/episodes.ts';
import type { CaseStatus } from '../../workload/model/catalogue.ts';
import { addMonths, isoFromDay, type Day } from '../../kernel/calendar.ts';
import { CASE_TYPES, primaryType, type CaseType } from './case-mix.ts';

/**
 * A simple demand forecast, explained on the page: open cases of each type counted on the same
 * day of each month over the last three years, a straight line fitted by least squares, and
 * its 80 % prediction interval twelve months on. Chosen because it is the simplest method a
 * head of service can check by hand, it shows its own uncertainty, and three years of monthly
 * points are too few to trust seasonality or curvature.
 */

export const HISTORY_MONTHS = 36;
/** Fewer complete months than this and a line says more about noise than about trend. */
export const MIN_TREND_MONTHS = 12;
export const HORIZON_MONTHS = 12;
/** The prediction interval's coverage. */
export const COVERAGE = 0.8;
/**
 * With no trend to fit, today's numbers carried forward with this spread either way over a year:
 * a Caseweight assumption, stated as one, not evidence.
 */
export const FLAT_SPREAD = 0.05;

export interface MonthCount { date: string; byType: Record<CaseType, number>; total: number; closures: number }

/**
 * Open cases (children with an open status, under their headline type) on `day` and on the same
 * day of each of the `months` months before, oldest first; and how many children's involvement
 * ended in the month up to each date (a case closed: no status left open).
 */
export function monthlyOpenCases(cases: readonly CaseInput[], day: Day, months = HISTORY_MONTHS): MonthCount[] {
  const dates = Array.from({ length: months + 1 }, (_, k) => addMonths(day, k - months));
  const counts = dates.map((d) => ({ date: isoFromDay(d), byType: Object.fromEntries(CASE_TYPES.map((t) => [t, 0])) as Record<CaseType, number>, total: 0, closures: 0 }));
  for (const c of cases) {
    if (c.episodes.length === 0) continue;
    let first = Infinity;
    let closedOn: number | null = -Infinity;
    for (const e of c.episodes) {
      first = Math.min(first, e.start);
      if (e.end === null) closedOn = null;
      else if (closedOn !== null) closedOn = Math.max(closedOn, e.end);
    }
    const open: CaseStatus[] = [];
    dates.forEach((d, i) => {
      if (d < first || (closedOn !== null && d >= closedOn)) return;
      open.length = 0;
      for (const e of c.episodes) if (isActiveOn(e, d)) open.push(e.kind);
      const type = primaryType(open);
      if (type === null) return;
      counts[i]!.byType[type] += 1;
      counts[i]!.total += 1;
    });
    if (closedOn !== null && closedOn <= day) {
      // Counted in the month that ends on the first date on or after the closure.
      const i = dates.findIndex((d) => d >= closedOn!);
      if (i > 0) counts[i]!.closures += 1;
    }
  }
  return counts;
}

/**
 * How many of the latest months the register holds completely. An extract that holds only the
 * cases open now (and a few closed lately) shows fewer and fewer cases the further back it goes,
 * a climb that is not demand: children whose cases closed before the extract are simply not in
 * it. Such a register shows it by its closures: none, or far fewer than lately, before some
 * month. The complete stretch ends (going back) at the first month with under a quarter of the
 * latest three months' closures a month.
 */
export function completeMonths(counts: readonly MonthCount[]): number {
  const closures = counts.slice(1).map((c) => c.closures);
  const recent = closures.slice(-3);
  const rate = recent.length ? recent.reduce((s, x) => s + x, 0) / recent.length : 0;
  if (rate <= 0) return 0;
  let months = 0;
  for (let i = closures.length - 1; i >= 0; i--) {
    if (closures[i]! < rate / 4) break;
    months += 1;
  }
  return months;
}

export interface Trend {
  /** Fitted open cases today and in HORIZON_MONTHS, and the prediction interval there. */
  fittedNow: number;
  perYear: number;
  forecast: number;
  lower: number;
  upper: number;
}

/**
 * Least-squares line through equally spaced points (oldest first) and its prediction interval
 * `ahead` steps after the last point. A perfectly straight history has no spread left over, so
 * its interval is the line itself.
 */
export function linearTrend(values: readonly number[], ahead: number, coverage = COVERAGE): Trend {
  const n = values.length;
  if (n < 3) throw new Error('A trend needs at least three points.');
  const xs = values.map((_, i) => i);
  const mx = (n - 1) / 2;
  const my = values.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (values[i]! - my);
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (values[i]! - (intercept + slope * i)) ** 2;
  const s = Math.sqrt(sse / (n - 2));
  const x0 = n - 1 + ahead;
  const forecast = intercept + slope * x0;
  const half = tQuantile((1 + coverage) / 2, n - 2) * s * Math.sqrt(1 + 1 / n + (x0 - mx) ** 2 / sxx);
  return { fittedNow: intercept + slope * (n - 1), perYear: slope * 12, forecast, lower: forecast - half, upper: forecast + half };
}

/** Student's t quantile by the Cornish–Fisher expansion around the normal (good to 0.01 from 5 degrees of freedom). */
export function tQuantile(p: number, df: number): number {
  const z = normalQuantile(p);
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}

/** The standard normal quantile (Acklam's rational approximation, relative error under 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628274631];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771082, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lowTail = 0.02425;
  if (p < lowTail) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - lowTail) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

export interface TypeForecast {
  type: CaseType;
  /** Open cases today (as counted, not fitted). */
  now: number;
  /** Open cases in HORIZON_MONTHS: the forecast and its interval, never below 0. */
  forecast: number;
  lower: number;
  upper: number;
  /** Change a year along the line; null with no trend fitted. */
  perYear: number | null;
  /** Demand in HORIZON_MONTHS ÷ demand today, at the interval's ends and the forecast. */
  growth: { low: number; central: number; high: number };
}

export interface DemandForecast {
  method: 'linear_trend' | 'flat';
  /** Months of complete history found (see completeMonths) and those used for the line. */
  completeMonths: number;
  monthsUsed: number;
  /** The first date of the history used (or of the complete stretch, for "flat"). */
  from: string;
  coverage: number;
  byType: TypeForecast[];
  total: { now: number; forecast: number; lower: number; upper: number };
}

/**
 * The forecast for each case type: a line through the complete months (at most three years)
 * when there are at least MIN_TREND_MONTHS of them; otherwise today's numbers with a stated
 * spread of FLAT_SPREAD either way. The interval is ordered and holds the forecast.
 */
export function forecastDemand(counts: readonly MonthCount[]): DemandForecast {
  const complete = completeMonths(counts);
  const used = Math.min(complete, counts.length - 1, HISTORY_MONTHS);
  const last = counts.at(-1)!;
  const trend = used >= MIN_TREND_MONTHS;
  const window = counts.slice(counts.length - 1 - used);
  const byType: TypeForecast[] = [];
  for (const type of CASE_TYPES) {
    const now = last.byType[type];
    if (trend) {
      const t = linearTrend(window.map((c) => c.byType[type]), HORIZON_MONTHS);
      const forecast = Math.max(0, t.forecast);
      const lower = Math.min(forecast, Math.max(0, t.lower));
      const upper = Math.max(forecast, t.upper);
      const ratio = (x: number) => (now > 0 ? x / now : 1);
      if (now === 0 && forecast === 0 && upper <= 0) continue;
      byType.push({ type, now, forecast, lower, upper, perYear: t.perYear, growth: { low: ratio(lower), central: ratio(forecast), high: ratio(upper) } });
    } else {
      if (now === 0) continue;
      byType.push({ type, now, forecast: now, lower: now * (1 - FLAT_SPREAD), upper: now * (1 + FLAT_SPREAD), perYear: null, growth: { low: 1 - FLAT_SPREAD, central: 1, high: 1 + FLAT_SPREAD } });
    }
  }
  const sum = (f: (t: TypeForecast) => number) => byType.reduce((s, t) => s + f(t), 0);
  return {
    method: trend ? 'linear_trend' : 'flat',
    completeMonths: complete,
    monthsUsed: trend ? used : 0,
    from: trend ? window[0]!.date : counts[Math.max(0, counts.length - 1 - complete)]!.date,
    coverage: COVERAGE,
    byType,
    total: { now: sum((t) => t.now), forecast: sum((t) => t.forecast), lower: sum((t) => t.lower), upper: sum((t) => t.upper) },
  };
}
