// Synthetic recorded time for the calibration tests: known true hours, log-normal noise,
// mistyped outliers and unusable records, from a seeded generator so nothing can flake.
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { TimeRecord } from './calibration.ts';

export interface SyntheticActivity {
  activityCode: string;
  /** The true mean hours per occurrence: what a calibrated central should be. */
  trueCentral: number;
  /** Standard deviation of log hours. */
  sigma: number;
  /** Records with a usable number, outliers included. */
  records: number;
}

export interface SyntheticOptions {
  seed: number;
  /** Share of usable records that are typed ten times too big (minutes read as tenths, 600 for 60). */
  outlierShare?: number;
  /** Extra unusable records (blank, zero or negative) per usable record. */
  unusableShare?: number;
  teams?: readonly string[];
}

export function syntheticRecords(activities: readonly SyntheticActivity[], options: SyntheticOptions): TimeRecord[] {
  const rng = xoroshiro128plus(options.seed);
  const u = () => uniformFloat64(rng);
  // Box–Muller; 1 - u() keeps the logarithm finite.
  const normal = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  const outlierShare = options.outlierShare ?? 0.05;
  const unusableShare = options.unusableShare ?? 0.03;
  const teams = options.teams ?? ['team-a', 'team-b', 'team-c'];
  const out: TimeRecord[] = [];
  for (const a of activities) {
    for (let i = 0; i < a.records; i++) {
      // Log-normal with mean trueCentral: the log mean sits σ²/2 below log trueCentral.
      const clean = a.trueCentral * Math.exp(a.sigma * normal() - a.sigma ** 2 / 2);
      const hours = u() < outlierShare ? clean * 10 : clean;
      out.push({ activityCode: a.activityCode, hours, teamId: teams[Math.floor(u() * teams.length)]! });
    }
    const unusable = Math.round(a.records * unusableShare);
    for (let i = 0; i < unusable; i++) out.push({ activityCode: a.activityCode, hours: [Number.NaN, 0, -1.5][i % 3]! });
  }
  return out;
}
