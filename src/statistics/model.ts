/**
 * Pure statistics over the workforce and the workload model's figures: the DfE caseload
 * measure exactly as published, and what it hides. Plain data in, plain data out.
 */

/** Which FTE the DfE measure divides by (DOMAIN.md §2: an open point; default FTE30). */
export type CaseloadFteBasis = 'FTE30' | 'FTE';

export interface CensusWorker {
  /** Children allocated to the worker on the census date (Cases30). */
  cases: number;
  fte: number;
  /** FTE on 30 September. */
  fte30: number;
  agency: boolean;
  /** A children and family social worker (registered); others are outside the measure. */
  socialWorker: boolean;
}

export interface CaseloadMeasure {
  basis: CaseloadFteBasis;
  cases: number;
  caseHolders: number;
  caseHolderFte: number;
  /** Cases ÷ case-holder FTE; null when no case holder has any FTE. */
  caseload: number | null;
}

/**
 * The DfE headline caseload (DOMAIN.md §2): cases held by children and family social workers,
 * agency included, ÷ the FTE of those who hold one or more cases. No outlier exclusion; a worker
 * with no FTE adds their cases but nothing to the denominator.
 */
export function dfeCaseload(workers: readonly CensusWorker[], basis: CaseloadFteBasis = 'FTE30'): CaseloadMeasure {
  let cases = 0;
  let caseHolders = 0;
  let caseHolderFte = 0;
  for (const w of workers) {
    if (!w.socialWorker || w.cases < 1) continue;
    cases += w.cases;
    caseHolders += 1;
    caseHolderFte += basis === 'FTE30' ? w.fte30 : w.fte;
  }
  return { basis, cases, caseHolders, caseHolderFte, caseload: caseHolderFte > 0 ? cases / caseHolderFte : null };
}

/** One worker of an imported workforce census, as the caseload measure reads them. */
export interface CensusReturnFigures {
  /** Cases30: children allocated on the census date (null when the census leaves it out, as for leavers). */
  cases30: number | null;
  fte: number | null;
  fte30: number | null;
  agency: boolean;
}

/**
 * The DfE headline caseload from the council's own workforce census (DOMAIN.md §2): the sum of
 * Cases30 ÷ the sum of FTE30 (or FTE) over workers with Cases30 of one or more. Every worker in
 * the census is a children and family social worker (agency included), whatever their OrgRole;
 * a missing FTE counts as none.
 */
export function censusCaseload(workers: readonly CensusReturnFigures[], basis: CaseloadFteBasis = 'FTE30'): CaseloadMeasure {
  return dfeCaseload(workers.map((w) => ({ cases: w.cases30 ?? 0, fte: w.fte ?? 0, fte30: w.fte30 ?? 0, agency: w.agency, socialWorker: true })), basis);
}

/** The q-quantile (0..1) by linear interpolation between order statistics; null for no values. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = Math.min(1, Math.max(0, q)) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export const median = (values: readonly number[]): number | null => quantile(values, 0.5);

export type BandName = 'green' | 'amber' | 'red' | 'cover' | 'none';

/** Over the safe band: past green (amber or red). "none" is no capacity and no demand. */
export const isOverSafeBand = (band: BandName): boolean => band === 'amber' || band === 'red';

export interface WorkloadFigure {
  cases: number;
  fte: number;
  inAsye: boolean;
  demandCentral: number;
  caseworkHours: number;
  band: BandName;
}

export interface WorkloadMeasures {
  people: number;
  /** Median and quartiles of cases per FTE among case holders with FTE. */
  casesPerFte: { lowerQuartile: number | null; median: number | null; upperQuartile: number | null };
  /** The same median without newly qualified staff in their ASYE. */
  casesPerFteExcludingAsye: number | null;
  /** Total demand ÷ total casework hours: the team's or council's load as one figure. */
  overallRatio: number | null;
  /** The totals behind overallRatio: central demand and casework hours. */
  demandCentral: number;
  caseworkHours: number;
  medianRatio: number | null;
  overSafeBand: number;
  /** People holding cases with no casework time this month: work needing cover, counted apart. */
  needingCover: number;
  /** Share of people holding cases or capacity who are past green. */
  shareOverSafeBand: number | null;
}

/** What the DfE measure hides: spread, ASYE, and the workload-based view. */
export function workloadMeasures(figures: readonly WorkloadFigure[]): WorkloadMeasures {
  const holders = figures.filter((f) => f.cases >= 1 && f.fte > 0);
  const perFte = holders.map((f) => f.cases / f.fte);
  // Over the band is a share of people with casework time; those with none (cover) are counted apart.
  const counted = figures.filter((f) => f.band !== 'none' && f.band !== 'cover');
  const ratios = figures.filter((f) => f.caseworkHours > 0).map((f) => f.demandCentral / f.caseworkHours);
  const demand = figures.reduce((s, f) => s + f.demandCentral, 0);
  const hours = figures.reduce((s, f) => s + f.caseworkHours, 0);
  const over = counted.filter((f) => isOverSafeBand(f.band)).length;
  return {
    people: figures.length,
    casesPerFte: { lowerQuartile: quantile(perFte, 0.25), median: median(perFte), upperQuartile: quantile(perFte, 0.75) },
    casesPerFteExcludingAsye: median(holders.filter((f) => !f.inAsye).map((f) => f.cases / f.fte)),
    overallRatio: hours > 0 ? demand / hours : null,
    demandCentral: demand,
    caseworkHours: hours,
    medianRatio: median(ratios),
    overSafeBand: over,
    needingCover: figures.filter((f) => f.band === 'cover').length,
    shareOverSafeBand: counted.length > 0 ? over / counted.length : null,
  };
}

/**
 * Since when a practitioner has been over the safe band without a break, from their daily
 * snapshots (any order). Null when the latest snapshot is not over. A missing day (no snapshot
 * taken) does not break the run: only a snapshot in or under green does.
 */
export function overSafeBandSince(history: readonly { date: string; band: BandName }[]): string | null {
  const sorted = [...history].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let since: string | null = null;
  for (let i = sorted.length - 1; i >= 0; i--) {
    if (!isOverSafeBand(sorted[i]!.band)) break;
    since = sorted[i]!.date;
  }
  return since;
}

/** Whole days from `from` to `to` (YYYY-MM-DD), for "for 12 days". */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
