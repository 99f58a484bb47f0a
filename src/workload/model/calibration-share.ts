import type { Range } from '../../kernel/range.ts';
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

/** A team's report is this over the team's samples. One entry per role in the configuration with any sample, then any role the configuration lacks (share 1, as capacity assumes). */
export function calibrateCaseworkShare(samples: readonly CaseworkTimeSample[], config: WorkloadConfig, options: { minSamples?: number } = {}): CaseworkShareCalibration[] {
  const minSamples = options.minSamples ?? MIN_SHARE_SAMPLES;
  const roles = [...new Set([...Object.keys(config.capacity.caseworkShareByRole), ...samples.map((s) => s.role)])];
  return roles.flatMap((role): CaseworkShareCalibration[] => {
    const mine = samples.filter((s) => s.role === role);
    if (mine.length === 0) return [];
    const shares = mine
      .filter((s) => Number.isFinite(s.caseHours) && Number.isFinite(s.availableHours) && s.caseHours >= 0 && s.availableHours > 0)
      .map((s) => s.caseHours / s.availableHours)
      .sort((a, b) => a - b);
    const model = config.capacity.caseworkShareByRole[role] ?? 1;
    const base = { role, samples: mine.length, rejected: mine.length - shares.length, model };
    if (shares.length === 0) return [{ ...base, recorded: null, verdict: 'not_enough_records', proposal: null }];
    const { lo, hi } = medianRanks(shares.length);
    const recorded = { median: medianOfSorted(shares), interval: { low: shares[lo - 1]!, high: shares[hi - 1]! } };
    if (shares.length < minSamples) return [{ ...base, recorded, verdict: 'not_enough_records', proposal: null }];
    const verdict: Verdict = recorded.interval.high < model - SHARE_MARGIN ? 'model_high' : recorded.interval.low > model + SHARE_MARGIN ? 'model_low' : 'within_range';
    // Rounding is monotone and so is the clamp, so low ≤ central ≤ high survives both.
    const proposal = { low: round3(clamp01(recorded.interval.low)), central: round3(clamp01(recorded.median)), high: round3(clamp01(recorded.interval.high)) };
    return [{ ...base, recorded, verdict, proposal }];
  });
}
