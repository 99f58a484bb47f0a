/**
 * Robust statistics for calibration: the median, its distribution-free interval and a spread
 * that a mistyped record cannot drag. Pure; every function takes values sorted ascending.
 */

/** The standard normal's 95th percentile: a 90 % two-sided interval is ±Z90 standard errors. */
export const Z90 = 1.6449;

/** 1 / Φ⁻¹(0.75): makes the median absolute deviation estimate a normal's standard deviation. */
const MAD_TO_SD = 1.4826;

export function medianOfSorted(sorted: readonly number[]): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const m = n >> 1;
  return n % 2 === 1 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}

/** 1.4826 × the median absolute deviation from `centre`: a standard deviation that ignores the worst half. */
export function robustSpread(sorted: readonly number[], centre: number): number {
  const deviations = sorted.map((x) => Math.abs(x - centre)).sort((a, b) => a - b);
  return MAD_TO_SD * medianOfSorted(deviations);
}

/**
 * The 1-based ranks [lo, hi] of the order statistics that bracket the median with probability
 * at least 0.9, whatever the distribution: the count of records below the true median is
 * Binomial(n, ½), so lo is the largest rank with P(count < lo) ≤ 5 %. With fewer than 5 records
 * no ranks reach 90 %, and the whole sample (lo = 1) is the best there is.
 */
export function medianRanks(n: number): { lo: number; hi: number } {
  const tail = 0.05;
  // Binomial(n, ½) probabilities in log space: ½ⁿ underflows for n above about 1,070.
  let logPmf = -n * Math.LN2;
  let cdf = 0;
  let lo = 1;
  for (let k = 0; k < n / 2; k++) {
    cdf += Math.exp(logPmf);
    if (cdf > tail) break;
    lo = k + 1; // P(count ≤ k) ≤ 5 %: rank k + 1 is below the median often enough
    logPmf += Math.log((n - k) / (k + 1));
  }
  return { lo, hi: n + 1 - lo };
}
