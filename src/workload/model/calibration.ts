import type { Range } from '../../kernel/range.ts';
import type { Activity, WorkloadConfig } from './catalogue.ts';
import { medianOfSorted, medianRanks, robustSpread, Z90 } from './robust.ts';

/**
 * Calibration: recorded time per activity against the model's hours, and a proposed new
 * low / central / high from the records. Pure: records and a configuration in, a report out.
 *
 * The estimator works on log hours, because time per occurrence is right-skewed and errors are
 * multiplicative (a visit takes half or twice as long, never minus an hour):
 * - records that are not a positive number are rejected (zero, negative, NaN);
 * - gross outliers (a 10-hour "visit" that was 600 minutes typed into hours) are set aside
 *   by a Hampel rule, more than 3 robust standard deviations (and at least 3×) from the median
 *   (3 rather than the usual 3.5: a ×10 typo is only 4–5 spreads out for a noisy activity);
 * - the median of the rest, with a 90 % order-statistic interval, describes the typical occurrence;
 * - the central is the mean of the rest's log hours (a "skipped mean"). The median alone would be
 *   the textbook robust choice, but it uses the data at 64 % efficiency, which at 200 records
 *   widens the error by a quarter; once the Hampel rule has set gross errors aside, the mean of
 *   what remains is as robust (one record moves it by at most the cut ÷ n, and the cut comes from
 *   the median and median absolute deviation, which half the records can break) and nearly as
 *   efficient as a plain mean. Harrell–Davis weights every record, so it cannot stand alone either;
 * - the model's central is summed into monthly demand, so it must be a mean hours, not a typical
 *   one: for log-normal time, mean = exp(mean log + s²/2), with s the kept log hours' spread;
 * - the estimate is shrunk towards the current central on the log scale (empirical Bayes, below).
 */

export interface TimeRecord {
  activityCode: string;
  /** Hours spent on one occurrence of the activity (for a `monthly` rule: one case's month of it). */
  hours: number;
  teamId?: string;
}

export type Verdict = 'model_high' | 'model_low' | 'within_range' | 'not_enough_records';

export interface Recorded {
  /** Records used: valid and not set aside as outliers. */
  n: number;
  median: number;
  medianInterval: { low: number; high: number };
  /** Standard deviation of the kept log hours: 0.3 means most occurrences are within about ×1.35 of the median. */
  logSpread: number;
  /** Standard error of the central on the log scale (its relative error, roughly). */
  logStandardError: number;
  /** Mean hours per occurrence (the model's sense of "central"), with its 90 % interval. */
  central: number;
  centralInterval: { low: number; high: number };
}

export interface Proposal {
  hours: Range;
  /** Weight of the records against the current central, n / (n + k). */
  weight: number;
  /** k: how many records the current central counts as. */
  priorRecords: number;
}

export interface ActivityCalibration {
  activityCode: string;
  name: string;
  /** Every record for the activity, valid or not. */
  records: number;
  /** Not a positive number of hours. */
  rejected: number;
  /** Valid but set aside by the outlier rule. */
  outliers: number;
  recorded: Recorded | null;
  model: Range;
  verdict: Verdict;
  /** Null below the minimum number of records: nothing is proposed. */
  proposal: Proposal | null;
}

export interface CalibrationReport {
  council: ActivityCalibration[];
  teams: { teamId: string; activities: ActivityCalibration[] }[];
  /** Records whose activity code the configuration does not hold. */
  unknownActivities: { activityCode: string; records: number }[];
}

export interface CalibrationOptions {
  /** Fewest records (after rejections and outliers) for a verdict and a proposal. */
  minRecords?: number;
}

/**
 * 30: the central's 90 % interval is then about ±1.645 × 0.35 / √30 ≈ ±10 % for a typical
 * spread of 0.35, narrow enough to tell a model 20 % out from one that is right; fewer records
 * would make a verdict the noise's.
 */
export const MIN_RECORDS = 30;

const OUTLIER_SPREADS = 3;
const OUTLIER_MIN_RATIO = 3;
/**
 * The spread assumed before the records show theirs, worth 5 records: recorded time for one
 * occurrence typically varies about ×1.4 either way (a Caseweight estimate). Pooling it with the
 * records' own spread keeps one or a few identical records from claiming certainty, and is
 * negligible at 200 records.
 */
const PRIOR_SPREAD = 0.35;
const PRIOR_SPREAD_RECORDS = 5;
/** The mean correction assumes log-normal time; a wider spread says the records are mixed, so the correction stops. */
const SPREAD_CAP = 1;
/** Verdicts ignore a difference within 10 % of the central, the resolution the calibration promises at 200 records. */
const VERDICT_MARGIN = 0.1;
/** A proposed range no narrower than ±10 %: recorded time is self-reported, and under-recording is common. */
const RANGE_FLOOR = Math.log(1.1);
/** A model range narrower than ±5 % is still treated as ±5 %, so records can always move it. */
const PRIOR_FLOOR = 0.05;

const round2 = (x: number) => Math.round(x * 100) / 100;

/** What the records say about one activity, against its current hours. */
export function calibrateActivity(activity: Activity, hours: readonly number[], options: CalibrationOptions = {}): ActivityCalibration {
  const minRecords = options.minRecords ?? MIN_RECORDS;
  const valid = hours.filter((h) => Number.isFinite(h) && h > 0);
  const base = { activityCode: activity.code, name: activity.name, records: hours.length, rejected: hours.length - valid.length, model: activity.hours };
  if (valid.length === 0) return { ...base, outliers: 0, recorded: null, verdict: 'not_enough_records', proposal: null };

  const logs = valid.map(Math.log).sort((a, b) => a - b);
  const first = medianOfSorted(logs);
  const cut = Math.max(OUTLIER_SPREADS * robustSpread(logs, first), Math.log(OUTLIER_MIN_RATIO));
  const kept = logs.filter((x) => Math.abs(x - first) <= cut);
  const recorded = summarise(kept);
  const outliers = logs.length - kept.length;
  if (kept.length < minRecords) return { ...base, outliers, recorded, verdict: 'not_enough_records', proposal: null };
  return { ...base, outliers, recorded, verdict: verdict(recorded, activity.hours), proposal: propose(recorded, activity.hours) };
}

function summarise(kept: readonly number[]): Recorded {
  const n = kept.length;
  const m = medianOfSorted(kept);
  const mean = kept.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(kept.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1)) : 0;
  const pooled = Math.sqrt(((n - 1) * sd ** 2 + PRIOR_SPREAD_RECORDS * PRIOR_SPREAD ** 2) / (n - 1 + PRIOR_SPREAD_RECORDS));
  const se = pooled / Math.sqrt(n);
  const factor = Math.exp(Math.min(sd, SPREAD_CAP) ** 2 / 2);
  const { lo, hi } = medianRanks(n);
  const central = Math.exp(mean) * factor;
  return {
    n,
    median: Math.exp(m),
    medianInterval: { low: Math.exp(kept[lo - 1]!), high: Math.exp(kept[hi - 1]!) },
    logSpread: sd,
    logStandardError: se,
    central,
    centralInterval: { low: central * Math.exp(-Z90 * se), high: central * Math.exp(Z90 * se) },
  };
}

/**
 * The model is high when the records' interval for the central lies wholly below the model's
 * low or more than 10 % below its central, whichever it reaches first; low the same way above;
 * otherwise within range (including when the records cannot tell).
 */
function verdict(r: Recorded, model: Range): Verdict {
  if (r.centralInterval.high < Math.max(model.low, model.central * (1 - VERDICT_MARGIN))) return 'model_high';
  if (r.centralInterval.low > Math.min(model.high, model.central * (1 + VERDICT_MARGIN))) return 'model_low';
  return 'within_range';
}

/**
 * Normal–normal shrinkage on log hours. The current central is a prior whose standard deviation τ
 * is read from the model's own low–high range, taken as a 90 % range; the records' estimate has
 * standard error se = s/√n (s pooled with a prior spread). The posterior weight
 * of the records is τ² / (τ² + se²) = n / (n + k) with k = n·se²/τ²: the current figure counts as
 * k records, few when the model admits wide uncertainty (the defaults' 0.7×–1.4× gives k ≈ 2–6
 * for spreads of 0.3–0.5), many when it claims precision. A central or low of 0 carries no prior
 * on the log scale (it admits any figure down to nothing), so the records alone decide.
 */
function propose(r: Recorded, current: Range): Proposal {
  const se = r.logStandardError;
  const hasPrior = current.central > 0 && current.low > 0;
  const tau = hasPrior ? Math.max(PRIOR_FLOOR, Math.log(current.high / current.low) / (2 * Z90)) : 0;
  const weight = hasPrior ? tau ** 2 / (tau ** 2 + se ** 2) : 1;
  const logCentral = weight * Math.log(r.central) + (1 - weight) * (hasPrior ? Math.log(current.central) : 0);
  const posteriorSd = hasPrior ? Math.sqrt((tau ** 2 * se ** 2) / (tau ** 2 + se ** 2)) : se;
  const half = Math.max(Z90 * posteriorSd, RANGE_FLOOR);
  // Rounding is monotone, so low ≤ central ≤ high survives it.
  const hours = { low: round2(Math.exp(logCentral - half)), central: round2(Math.exp(logCentral)), high: round2(Math.exp(logCentral + half)) };
  return { hours, weight, priorRecords: hasPrior ? (r.n * se ** 2) / tau ** 2 : 0 };
}

/** Council-wide and per-team calibration of every activity in the configuration. */
export function calibrate(records: readonly TimeRecord[], config: WorkloadConfig, options: CalibrationOptions = {}): CalibrationReport {
  const codes = new Set(config.activities.map((a) => a.code));
  const unknown = new Map<string, number>();
  for (const r of records) if (!codes.has(r.activityCode)) unknown.set(r.activityCode, (unknown.get(r.activityCode) ?? 0) + 1);
  const teamIds = [...new Set(records.flatMap((r) => (r.teamId === undefined ? [] : [r.teamId])))].sort();
  return {
    council: calibrateAll(records, config, options),
    // A team is compared with the council's model, not shrunk towards the council's records:
    // the question for a team is whether the model fits it.
    teams: teamIds.map((teamId) => ({ teamId, activities: calibrateAll(records.filter((r) => r.teamId === teamId), config, options) })),
    unknownActivities: [...unknown].sort(([a], [b]) => a.localeCompare(b)).map(([activityCode, n]) => ({ activityCode, records: n })),
  };
}

function calibrateAll(records: readonly TimeRecord[], config: WorkloadConfig, options: CalibrationOptions): ActivityCalibration[] {
  const byCode = new Map<string, number[]>();
  for (const r of records) {
    const list = byCode.get(r.activityCode);
    if (list) list.push(r.hours);
    else byCode.set(r.activityCode, [r.hours]);
  }
  return config.activities.map((a) => calibrateActivity(a, byCode.get(a.code) ?? [], options));
}
