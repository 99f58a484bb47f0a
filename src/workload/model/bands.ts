import type { CaseStatus, WorkloadConfig } from './catalogue.ts';
import { addMonths, type Day } from '../../kernel/calendar.ts';
import { caseDemand, type ModelContext } from './demand.ts';
import { sumRanges, scaleRange, type Range } from '../../kernel/range.ts';

import { bandFor as bandForThresholds, type Band } from '../../kernel/bands.ts';

export type { Band };

/**
 * Demand ÷ casework capacity, low / central / high; null when there is no capacity at all. With
 * capacity as a range, the low end is the least demand over the most time and the high end the
 * most demand over the least: someone green at the central can be red at the high end.
 */
export function workloadRatio(demand: Range, capacity: number | Range): Range | null {
  const cap = typeof capacity === 'number' ? { low: capacity, central: capacity, high: capacity } : capacity;
  if (cap.central <= 0) return null;
  return { low: demand.low / cap.high, central: demand.central / cap.central, high: cap.low > 0 ? demand.high / cap.low : Number.POSITIVE_INFINITY };
}

/**
 * The band for a central ratio. With no capacity (long-term absence, a non-case-holding
 * role), any demand at all is red: those cases are in effect unallocated.
 */
export function bandFor(demandCentral: number, caseworkHours: number, config: WorkloadConfig): Band {
  return bandForThresholds(demandCentral, caseworkHours, config.bands);
}

/** Case types a manager allocates; headroom is given for each. */
export const HEADROOM_TYPES = ['family_help', 'referral', 'cin_plan', 'cp_plan', 'looked_after', 'care_leaver'] as const satisfies readonly CaseStatus[];
export type HeadroomType = (typeof HEADROOM_TYPES)[number];

/** The months over which a new case's demand is averaged: its first quarter, when work is heaviest. */
const REFERENCE_MONTHS = 3;

/**
 * Monthly demand of a typical new case of one type: a single child, no complexity factors,
 * allocated on `day`, averaged over its first three months.
 */
export function referenceCaseDemand(type: HeadroomType, day: Day, ctx: ModelContext): Range {
  const input = { childId: `reference-${type}`, familyId: null, factors: [], episodes: [{ id: 'reference', kind: type, start: day, end: null }] };
  const months = Array.from({ length: REFERENCE_MONTHS }, (_, k) => caseDemand(input, addMonths(day, k), ctx).total);
  return scaleRange(sumRanges(months), 1 / REFERENCE_MONTHS);
}

export interface Headroom {
  /** Using the high hours estimate: the cautious answer. */
  fewest: number;
  central: number;
  /** Using the low hours estimate. */
  most: number;
}

/**
 * How many more cases with monthly demand `perCase` fit before the central ratio leaves the
 * green band. Checked against bandFor itself so the two can never disagree.
 */
export function headroom(demand: Range, caseworkHours: number, perCase: Range, config: WorkloadConfig): Headroom {
  return {
    fewest: fitBeforeAmber(demand.high, perCase.high, caseworkHours, config),
    central: fitBeforeAmber(demand.central, perCase.central, caseworkHours, config),
    most: fitBeforeAmber(demand.low, perCase.low, caseworkHours, config),
  };
}

function fitBeforeAmber(demand: number, perCase: number, caseworkHours: number, config: WorkloadConfig): number {
  if (caseworkHours <= 0 || !isGreen(demand, 0, perCase, caseworkHours, config)) return 0;
  if (perCase <= 0) return Number.POSITIVE_INFINITY;
  let k = Math.max(0, Math.floor((config.bands.greenUpTo * caseworkHours - demand) / perCase));
  // From 2^52 on, k + 1 can equal k and the loops below would never end (a case costing
  // around 1e-15 hours does it): that many cases is no limit at all.
  if (k >= 2 ** 52) return Number.POSITIVE_INFINITY;
  // Floating point can put the estimate one out either way: settle it with the band itself.
  while (k > 0 && !isGreen(demand, k, perCase, caseworkHours, config)) k--;
  while (isGreen(demand, k + 1, perCase, caseworkHours, config)) k++;
  return k;
}

/**
 * Whether k more cases still leave the ratio green. A plain function rather than a closure made
 * on each call: tsx names every closure it creates (esbuild keepNames), which cost a tenth of
 * the national in-memory benchmark.
 */
function isGreen(demand: number, k: number, perCase: number, caseworkHours: number, config: WorkloadConfig): boolean {
  return bandFor(demand + k * perCase, caseworkHours, config) === 'green';
}

/**
 * The NWAG figure: for a case mix, how many cases one full-time practitioner can hold and stay
 * in the green band, as a range (fewest with the high hours estimate, most with the low).
 */
export function safeCaseRange(mix: Partial<Record<HeadroomType, number>>, fullTimeCaseworkHours: number, day: Day, ctx: ModelContext): Range {
  const entries = Object.entries(mix).filter(([, w]) => (w ?? 0) > 0) as [HeadroomType, number][];
  const totalWeight = entries.reduce((s, [, w]) => s + w, 0);
  if (totalWeight === 0) return { low: 0, central: 0, high: 0 };
  const perCase = scaleRange(sumRanges(entries.map(([type, w]) => scaleRange(referenceCaseDemand(type, day, ctx), w))), 1 / totalWeight);
  const limit = ctx.config.bands.greenUpTo * fullTimeCaseworkHours;
  return {
    low: perCase.high > 0 ? limit / perCase.high : 0,
    central: perCase.central > 0 ? limit / perCase.central : 0,
    high: perCase.low > 0 ? limit / perCase.low : 0,
  };
}
