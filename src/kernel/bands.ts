/**
 * The safe bands: the one rule for which band a workload falls in. Pure.
 * Default thresholds (DOMAIN.md): green up to 85 % of casework capacity, amber to 100 %, red beyond.
 */
/** 'cover': cases held by someone with no casework time this month (absent, or a role with none) — work needing cover, not a person over the band. */
export type Band = 'green' | 'amber' | 'red' | 'cover' | 'none';

export interface BandThresholds {
  greenUpTo: number;
  amberUpTo: number;
}

/**
 * The band for demand against casework capacity (hours). With no capacity at all (long-term
 * absence, a role with no casework share), any demand is work needing cover — those cases are in
 * effect unallocated, and counted apart from people over the safe band — and no demand is 'none'.
 */
export function bandFor(demandCentral: number, caseworkHours: number, bands: BandThresholds): Band {
  if (caseworkHours <= 0) return demandCentral > 0 ? 'cover' : 'none';
  return bandOfRatio(demandCentral / caseworkHours, bands);
}

/** The band for a ratio already computed; null (no capacity to divide by) is 'none'. */
export function bandOfRatio(ratio: number | null, bands: BandThresholds): Band {
  if (ratio === null || !Number.isFinite(ratio)) return 'none';
  if (ratio <= bands.greenUpTo) return 'green';
  if (ratio <= bands.amberUpTo) return 'amber';
  return 'red';
}
