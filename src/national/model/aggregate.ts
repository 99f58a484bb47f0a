/**
 * National figures recomputed from councils' returns (pure), by the DfE's method: sum each
 * measure's numerator and denominator over the councils that published both, then divide, then
 * round. A council whose input is suppressed (`c`) drops out of that measure only; each figure
 * says how many councils it covers (DOMAIN.md §2: national figures cover councils with valid data).
 */
import { CASELOAD_BANDS, REGION_NAMES, WORKING_DAYS_A_YEAR, isNumber, round1, type CouncilReturn, type Figure } from './format.ts';
import { cellOf } from './tables.ts';

export type NationalMeasureKey = 'caseload' | 'vacancyRate' | 'agencyRate' | 'turnoverRate' | 'absenceRate' | 'shareOverSafeBand';

interface MeasureDefinition {
  key: NationalMeasureKey;
  label: string;
  /** '' for caseload (cases per FTE), '%' for rates. */
  unit: '' | '%';
  /** Numerator and denominator from one return, or null when either is not published. */
  parts: (r: CouncilReturn) => [number, number] | null;
}

const both = (a: Figure, b: Figure, f: (a: number, b: number) => [number, number]): [number, number] | null => (isNumber(a) && isNumber(b) ? f(a, b) : null);
const distribution = (r: CouncilReturn) => r.tables.find((t) => t.key === 'caseload_distribution');

export const NATIONAL_MEASURES: readonly MeasureDefinition[] = [
  { key: 'caseload', label: 'Caseload (cases per case-holder FTE)', unit: '', parts: (r) => both(r.measures.cases, r.measures.caseHolderFte, (n, d) => [n, d]) },
  { key: 'vacancyRate', label: 'Vacancy rate', unit: '%', parts: (r) => both(r.measures.vacancyFte, r.measures.inPostFte, (v, p) => [v, v + p]) },
  { key: 'agencyRate', label: 'Agency rate', unit: '%', parts: (r) => both(r.measures.agencyFte, r.measures.inPostFte, (a, p) => [a, a + p]) },
  { key: 'turnoverRate', label: 'Turnover rate', unit: '%', parts: (r) => both(r.measures.leaverFte, r.measures.inPostFte, (l, p) => [l, p]) },
  { key: 'absenceRate', label: 'Sickness absence rate', unit: '%', parts: (r) => both(r.measures.daysLost, r.measures.inPostFte, (d, p) => [d, p * WORKING_DAYS_A_YEAR]) },
  {
    key: 'shareOverSafeBand', label: 'Case holders over the safe band', unit: '%',
    parts: (r) => {
      const t = distribution(r);
      return t ? both(cellOf(t, 'headcount', 'total', 'over'), cellOf(t, 'headcount', 'total', 'within'), (o, w) => [o, o + w]) : null;
    },
  },
];

export interface MeasureFigure {
  key: NationalMeasureKey;
  label: string;
  unit: '' | '%';
  /** One decimal place; null when no council published both parts (or the denominator is 0). */
  value: number | null;
  numerator: number;
  denominator: number;
  /** Councils whose return gave both parts. */
  councils: number;
}

/** Sums then divides: the national (or regional) figure for a set of returns. */
export function sumMeasure(def: MeasureDefinition, returns: readonly CouncilReturn[]): MeasureFigure {
  let numerator = 0;
  let denominator = 0;
  let councils = 0;
  for (const r of returns) {
    const p = def.parts(r);
    if (!p) continue;
    numerator += p[0];
    denominator += p[1];
    councils++;
  }
  const scale = def.unit === '%' ? 100 : 1;
  return { key: def.key, label: def.label, unit: def.unit, value: denominator > 0 ? round1((scale * numerator) / denominator) : null, numerator: round1(numerator), denominator: round1(denominator), councils };
}

export const sumMeasures = (returns: readonly CouncilReturn[]): MeasureFigure[] => NATIONAL_MEASURES.map((d) => sumMeasure(d, returns));

/** One council's own value of a measure (from its published parts, as the national figure uses them). */
export function councilValue(def: MeasureDefinition, r: CouncilReturn): number | null {
  const p = def.parts(r);
  if (!p || p[1] <= 0) return null;
  return round1(((def.unit === '%' ? 100 : 1) * p[0]) / p[1]);
}

export interface CouncilPosition {
  code: string;
  name: string;
  region: string;
  values: Record<NationalMeasureKey, number | null>;
  /** 1 = the lowest value among councils with a figure; ties share a rank. Null without a figure. */
  ranks: Record<NationalMeasureKey, number | null>;
  /** Which quarter of councils (1 lowest … 4 highest). */
  quartiles: Record<NationalMeasureKey, 1 | 2 | 3 | 4 | null>;
}

/** Each council's place among all councils with a figure, measure by measure. */
export function councilPositions(returns: readonly CouncilReturn[]): CouncilPosition[] {
  const values = returns.map((r) => Object.fromEntries(NATIONAL_MEASURES.map((d) => [d.key, councilValue(d, r)])) as Record<NationalMeasureKey, number | null>);
  const ranks = returns.map(() => ({}) as Record<NationalMeasureKey, number | null>);
  const quartiles = returns.map(() => ({}) as Record<NationalMeasureKey, 1 | 2 | 3 | 4 | null>);
  for (const d of NATIONAL_MEASURES) {
    const known = values.map((v) => v[d.key]).filter((v): v is number => v !== null).sort((a, b) => a - b);
    values.forEach((v, i) => {
      const x = v[d.key];
      if (x === null) {
        ranks[i]![d.key] = null;
        quartiles[i]![d.key] = null;
        return;
      }
      const rank = known.findIndex((k) => k === x) + 1;
      ranks[i]![d.key] = rank;
      quartiles[i]![d.key] = known.length === 1 ? 1 : (Math.min(4, 1 + Math.floor((4 * (rank - 1)) / known.length)) as 1 | 2 | 3 | 4);
    });
  }
  return returns.map((r, i) => ({ code: r.council.code, name: r.council.name, region: r.council.region, values: values[i]!, ranks: ranks[i]!, quartiles: quartiles[i]! }));
}

export interface RegionFigures {
  region: string;
  councils: number;
  measures: MeasureFigure[];
}

/** Each region's figures, summed over its councils' returns, in the ONS order. */
export const regionalFigures = (returns: readonly CouncilReturn[]): RegionFigures[] =>
  REGION_NAMES.map((region) => {
    const mine = returns.filter((r) => r.council.region === region);
    return { region, councils: mine.length, measures: sumMeasures(mine) };
  }).filter((r) => r.councils > 0);

/** How many councils' caseloads fall in each whole number of cases per FTE (the distribution of councils). */
export function caseloadHistogram(positions: readonly CouncilPosition[]): { from: number; councils: number }[] {
  const values = positions.map((p) => p.values.caseload).filter((v): v is number => v !== null);
  if (values.length === 0) return [];
  const lo = Math.floor(Math.min(...values));
  const hi = Math.floor(Math.max(...values));
  return Array.from({ length: hi - lo + 1 }, (_, i) => ({ from: lo + i, councils: values.filter((v) => Math.floor(v) === lo + i).length }));
}

/**
 * Case holders by cases per FTE across the councils: each band's people summed over the
 * councils that published that band's total; the people in suppressed bands are counted apart
 * (from each council's published total), so the bands and "suppressed" add up to the whole.
 */
export function nationalCaseloadBands(returns: readonly CouncilReturn[]): { bands: { key: string; label: string; people: number }[]; suppressed: number; total: number } {
  const bands = CASELOAD_BANDS.map(([key, label]) => ({ key, label, people: 0 }));
  let suppressed = 0;
  let total = 0;
  for (const r of returns) {
    const t = distribution(r);
    if (!t) continue;
    const all = cellOf(t, 'headcount', 'total', 'total');
    if (!isNumber(all)) continue;
    total += all;
    let shown = 0;
    for (const b of bands) {
      const v = cellOf(t, 'headcount', b.key, 'total');
      if (isNumber(v)) {
        b.people += v;
        shown += v;
      }
    }
    suppressed += all - shown;
  }
  return { bands, suppressed, total };
}

export interface NationalYear {
  censusYear: number;
  councils: number;
  measures: MeasureFigure[];
}

/** The national figures of every census year held, oldest first. */
export function nationalTrend(returns: readonly CouncilReturn[]): NationalYear[] {
  const years = [...new Set(returns.map((r) => r.censusYear))].sort((a, b) => a - b);
  return years.map((censusYear) => {
    const mine = returns.filter((r) => r.censusYear === censusYear);
    return { censusYear, councils: mine.length, measures: sumMeasures(mine) };
  });
}
