import type { Range } from '../../kernel/range.ts';
import { dayFromIso, type WorkingCalendar } from '../../kernel/calendar.ts';
import { capacity } from './capacity.ts';
import type { PractitionerInput } from './workload.ts';
import type { WorkloadConfig } from './catalogue.ts';
import type { Verdict } from './calibration.ts';
import { medianOfSorted, medianRanks } from './robust.ts';

/**
 * The casework share from recorded time (issue 15, item 6): for each person-month, the hours
 * recorded on cases over the hours the model says were available (after leave, protected time
 * and absence), compared with the share the model assumes for the role. DOMAIN.md §5 puts
 * client-related work near 73 % of working time where the defaults assume 100 % of available
 * time (about 93 % of post-leave time) for a social worker.
 *
 * Two biases pull the ratio opposite ways, so the report is evidence, not a setting: time not
 * recorded lowers it, and unpaid overtime raises it (DfE longitudinal study: contracted 35 hours,
 * about 40 worked). A ratio above 1 is kept, not clipped, so overtime shows; only the proposal
 * is held to the configuration's 0–1.
 *
 * The median person-month rather than a mean: the model applies one share to each person, and
 * a month with a long absence recorded late gives an absurd ratio that the median ignores.
 * No shrinkage: the configuration's share is one figure with no range to weigh it by.
 */

export interface CaseworkTimeSample {
  role: string;
  /** Hours recorded on cases in the month (direct work, travel, recording and meetings). */
  caseHours: number;
  /** The model's available hours for the same person and month (Capacity.availableHours). */
  availableHours: number;
}

export interface CaseworkShareCalibration {
  role: string;
  samples: number;
  /** Not usable: no available hours, or hours that are not a number or are negative. */
  rejected: number;
  recorded: { median: number; interval: { low: number; high: number } } | null;
  model: number;
  verdict: Verdict;
  /** The records' 90 % interval as the share's low–high, held to 0–1; null below the threshold. */
  proposal: Range | null;
}

/** Person-months: 30 is two and a half years of one worker, or a team of ten for a quarter. */
export const MIN_SHARE_SAMPLES = 30;
/** Differences within 5 percentage points are not called: month-to-month recording varies more. */
const SHARE_MARGIN = 0.05;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round3 = (x: number) => Math.round(x * 1000) / 1000;

const usable = (s: CaseworkTimeSample) => Number.isFinite(s.caseHours) && Number.isFinite(s.availableHours) && s.caseHours >= 0 && s.availableHours > 0;

/**
 * What sorted ratios say against the model's share: the median with its 90 % interval, a
 * verdict, and the interval as a proposal held to 0–1 (none below `minSamples`). Shared by the
 * share by role and the pooled share of time, so both are judged alike.
 */
function summariseShares(sorted: readonly number[], model: number, minSamples: number): Pick<CaseworkShareCalibration, 'recorded' | 'verdict' | 'proposal'> {
  if (sorted.length === 0) return { recorded: null, verdict: 'not_enough_records', proposal: null };
  const { lo, hi } = medianRanks(sorted.length);
  const recorded = { median: medianOfSorted(sorted), interval: { low: sorted[lo - 1]!, high: sorted[hi - 1]! } };
  if (sorted.length < minSamples) return { recorded, verdict: 'not_enough_records', proposal: null };
  const verdict: Verdict = recorded.interval.high < model - SHARE_MARGIN ? 'model_high' : recorded.interval.low > model + SHARE_MARGIN ? 'model_low' : 'within_range';
  // Rounding is monotone and so is the clamp, so low ≤ central ≤ high survives both.
  const proposal = { low: round3(clamp01(recorded.interval.low)), central: round3(clamp01(recorded.median)), high: round3(clamp01(recorded.interval.high)) };
  return { recorded, verdict, proposal };
}

/** A team's report is this over the team's samples. One entry per role in the configuration with any sample, then any role the configuration lacks (share 1, as capacity assumes). */
export function calibrateCaseworkShare(samples: readonly CaseworkTimeSample[], config: WorkloadConfig, options: { minSamples?: number } = {}): CaseworkShareCalibration[] {
  const minSamples = options.minSamples ?? MIN_SHARE_SAMPLES;
  const roles = [...new Set([...Object.keys(config.capacity.caseworkShareByRole), ...samples.map((s) => s.role)])];
  return roles.flatMap((role): CaseworkShareCalibration[] => {
    const mine = samples.filter((s) => s.role === role);
    if (mine.length === 0) return [];
    const shares = mine.filter(usable).map((s) => s.caseHours / s.availableHours).sort((a, b) => a - b);
    // What capacity applies: the role's share of available time, times the share casework gets.
    const model = round3((config.capacity.caseworkShareByRole[role] ?? 1) * config.capacity.caseworkTime.central);
    return [{ role, samples: mine.length, rejected: mine.length - shares.length, model, ...summariseShares(shares, model, minSamples) }];
  });
}

export interface CaseworkTimeCalibration {
  /** Person-months pooled (roles whose casework share is at least POOLED_ROLE_SHARE). */
  samples: number;
  rejected: number;
  recorded: { median: number; interval: { low: number; high: number } } | null;
  model: Range;
  verdict: Verdict;
  /** A new low / central / high for `capacity.caseworkTime`; null below the threshold. */
  proposal: Range | null;
}

/**
 * Roles pooled for the council-wide share of time casework gets. A role's recorded ratio is
 * its casework share times this time share, so each month is divided by the role's share; a
 * manager's 20 % would multiply their noise five times, so only roles that mostly hold cases
 * are pooled.
 */
export const POOLED_ROLE_SHARE = 0.5;

/**
 * The share of available time casework really gets (`capacity.caseworkTime`), from the same
 * person-months: each month's recorded ratio over its role's casework share, pooled across
 * case-holding roles; the median with its 90 % interval, as the share by role above. The
 * proposal is that interval, held to 0–1, so the workload range carries how sure the records are.
 */
export function calibrateCaseworkTime(samples: readonly CaseworkTimeSample[], config: WorkloadConfig, options: { minSamples?: number } = {}): CaseworkTimeCalibration {
  const minSamples = options.minSamples ?? MIN_SHARE_SAMPLES;
  const roleShare = (role: string) => config.capacity.caseworkShareByRole[role] ?? 1;
  const pooled = samples.filter((s) => roleShare(s.role) >= POOLED_ROLE_SHARE);
  const ratios = pooled.filter(usable).map((s) => s.caseHours / s.availableHours / roleShare(s.role)).sort((a, b) => a - b);
  const { low, central, high } = config.capacity.caseworkTime;
  return { samples: pooled.length, rejected: pooled.length - ratios.length, model: { low, central, high }, ...summariseShares(ratios, central, minSamples) };
}

/**
 * Person-months from recorded time: the hours each person recorded on cases in a whole month,
 * over the hours the model says they had that month, after leave, protected time and the
 * month's recorded absences (so a fortnight off sick does not read as a fortnight of no
 * casework). The month still running (`thisMonth`, YYYY-MM) is left out: it is not whole.
 */
export function personMonthSamples(
  time: readonly { practitionerId: string; minutes: number; month: string }[],
  people: readonly PractitionerInput[], config: WorkloadConfig, calendar: WorkingCalendar, thisMonth: string,
): CaseworkTimeSample[] {
  const minutes = new Map<string, number>();
  for (const t of time) {
    if (t.month >= thisMonth) continue;
    const key = `${t.practitionerId}|${t.month}`;
    minutes.set(key, (minutes.get(key) ?? 0) + t.minutes);
  }
  const byId = new Map(people.map((p) => [p.practitionerId, p]));
  const samples: CaseworkTimeSample[] = [];
  for (const [key, m] of minutes) {
    const [id, month] = key.split('|') as [string, string];
    const p = byId.get(id);
    if (!p) continue;
    // The month's own length, so capacity's horizon is exactly that month.
    const monthConfig = { ...config, horizonDays: new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate() };
    const cap = capacity(p, dayFromIso(`${month}-01`), monthConfig, calendar);
    samples.push({ role: p.role, caseHours: m / 60, availableHours: cap.availableHours });
  }
  return samples;
}
