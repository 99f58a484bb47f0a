/**
 * The DfE's children's social work workforce indicators, exactly as the "Indicators" file of the
 * annual release defines them (DOMAIN.md §2 and §10): in post, starters, leavers, turnover,
 * agency, agency cover, vacancies, caseload and absence. One input shape, two sources: the
 * register on a census date (`registerWorkforce`, register.ts) and an imported workforce census
 * (`censusWorkforce`, census.ts) both become a `WorkforceInput`; the same functions then sum
 * and divide. Pure: plain data in, plain data out.
 *
 * Rounding is the DfE's: FTE, rates and caseload to one decimal place *after summing*, headcounts
 * whole. Each figure keeps its unrounded numerator and denominator, and its definition in words.
 */
import type { CaseloadFteBasis } from '../model.ts';

/** One children and family social worker (registered; agency included) in the census year. */
export interface WorkforceWorker {
  agency: boolean;
  /** Contracted FTE (the census's FTE, 0–1). */
  fte: number;
  /** FTE on the census date (FTE30); null for a leaver. */
  fte30: number | null;
  /** In post on the census date. */
  inPost: boolean;
  /** Started in the year to the census date (council-employed starters only count). */
  starter: boolean;
  /** Left in the year to the census date. */
  leaver: boolean;
  /** Children allocated on the census date (Cases30); 0 when none or unknown. */
  cases30: number;
  /** Working days lost to sickness in the year, FTE-adjusted as the census asks (WorkingDaysLost). */
  workingDaysLost: number;
}

export interface WorkforceInput {
  censusDate: string;
  workers: readonly WorkforceWorker[];
  /** Vacant posts' FTE on the census date (a post covered by an agency worker still counts as vacant). */
  vacancyFte: number;
  /** FTE of agency workers covering vacancies (the census's LA-level NoAgencyFTE). */
  agencyCoverFte: number;
  /** Working days in the census year (the absence rate's denominator, per FTE). */
  workingDaysInYear: number;
}

/**
 * Where the DfE's definitions leave a choice, a named option (DOMAIN.md §2, §10):
 * - `caseloadBasis`: whether the caseload's denominator is FTE on 30 September (FTE30, default)
 *   or contracted FTE; the census guide's caseload section settles it, not seen here.
 * - `workingDaysInYear` (on the input): the absence rate's days per FTE; the DfE's 2023 figure
 *   reproduces with 253; a council's own year is counted from the England working calendar.
 */
export interface WorkforceOptions {
  caseloadBasis: CaseloadFteBasis;
}

export const DEFAULT_WORKFORCE_OPTIONS: WorkforceOptions = { caseloadBasis: 'FTE30' };

/** The sums every indicator is a ratio of (the DfE's own column names). */
export interface WorkforceTotals {
  inpost_fte: number;
  inpost_headcount: number;
  starters_fte: number;
  starters_headcount: number;
  leavers_fte: number;
  leavers_headcount: number;
  agency_fte: number;
  agency_headcount: number;
  agency_cover_fte: number;
  vacancy_fte: number;
  case_holders_fte: number;
  cases: number;
  working_days_lost: number;
  working_days_in_year: number;
}

/** Sums a year's workers as the DfE does: council-employed in post, starters and leavers; agency apart. */
export function workforceTotals(input: WorkforceInput, options: WorkforceOptions = DEFAULT_WORKFORCE_OPTIONS): WorkforceTotals {
  const t: WorkforceTotals = {
    inpost_fte: 0, inpost_headcount: 0, starters_fte: 0, starters_headcount: 0, leavers_fte: 0, leavers_headcount: 0,
    agency_fte: 0, agency_headcount: 0, agency_cover_fte: input.agencyCoverFte, vacancy_fte: input.vacancyFte,
    case_holders_fte: 0, cases: 0, working_days_lost: 0, working_days_in_year: input.workingDaysInYear,
  };
  for (const w of input.workers) {
    if (w.inPost && w.cases30 >= 1) {
      // Caseload: agency included, every case holder whatever their role; no FTE adds nothing below.
      t.cases += w.cases30;
      t.case_holders_fte += options.caseloadBasis === 'FTE30' ? (w.fte30 ?? 0) : w.fte;
    }
    if (w.agency) {
      if (w.inPost) {
        t.agency_fte += w.fte;
        t.agency_headcount += 1;
      }
      continue;
    }
    if (w.inPost) {
      t.inpost_fte += w.fte;
      t.inpost_headcount += 1;
    }
    if (w.starter) {
      t.starters_fte += w.fte;
      t.starters_headcount += 1;
    }
    if (w.leaver) {
      t.leavers_fte += w.fte;
      t.leavers_headcount += 1;
    }
    t.working_days_lost += w.workingDaysLost;
  }
  return t;
}

/**
 * Rounds as the DfE publishes: half away from zero, to `places` decimals, on the decimal the
 * figure reads as (16.05 is 16.1, though 16.05 in binary is a hair under).
 */
export function dfeRound(x: number, places = 1): number {
  const f = 10 ** places;
  const scaled = Number((Math.abs(x) * f).toPrecision(12));
  return (Math.sign(x) * Math.round(scaled)) / f;
}

export type IndicatorKey =
  | 'inpost_fte' | 'inpost_headcount' | 'starters_fte' | 'starters_headcount' | 'leavers_fte' | 'leavers_headcount'
  | 'turnover_rate_fte' | 'turnover_rate_headcount' | 'agency_fte' | 'agency_headcount' | 'agency_rate_fte' | 'agency_rate_headcount'
  | 'agency_cover_fte' | 'agency_cover_rate_fte' | 'vacancy_fte' | 'vacancy_rate_fte' | 'vacancy_agency_cover_rate_fte'
  | 'case_holders_fte' | 'cases' | 'caseload_fte' | 'working_days_lost' | 'absence_rate_fte';

export type IndicatorUnit = 'fte' | 'headcount' | 'percent' | 'ratio' | 'days' | 'cases';

export interface Indicator {
  key: IndicatorKey;
  label: string;
  unit: IndicatorUnit;
  /** As the DfE publishes it (a percent as 15.9, not 0.159); null when the denominator is 0 ('z'). */
  value: number | null;
  /** Before rounding. */
  exact: number | null;
  numerator?: number;
  denominator?: number;
  /** The DfE's definition in plain words. */
  definition: string;
}

const ratio = (n: number, d: number, scale = 1) => (d > 0 ? (n / d) * scale : null);

/** Every indicator of the DfE's Indicators file from the year's sums. */
export function workforceIndicators(t: WorkforceTotals): Indicator[] {
  const count = (key: IndicatorKey, label: string, unit: IndicatorUnit, value: number, definition: string): Indicator =>
    ({ key, label, unit, value: unit === 'headcount' || unit === 'cases' ? Math.round(value) : dfeRound(value), exact: value, definition });
  const rate = (key: IndicatorKey, label: string, unit: 'percent' | 'ratio', numerator: number, denominator: number, definition: string): Indicator => {
    const exact = ratio(numerator, denominator, unit === 'percent' ? 100 : 1);
    return { key, label, unit, value: exact === null ? null : dfeRound(exact), exact, numerator, denominator, definition };
  };
  const absenceDays = t.inpost_fte * t.working_days_in_year;
  return [
    count('inpost_fte', 'Social workers in post (FTE)', 'fte', t.inpost_fte, 'The full-time equivalent of children and family social workers employed by the council and in post on the census date. Agency workers are counted apart.'),
    count('inpost_headcount', 'Social workers in post (headcount)', 'headcount', t.inpost_headcount, 'The number of council-employed children and family social workers in post on the census date, whatever their hours.'),
    count('starters_fte', 'Starters (FTE)', 'fte', t.starters_fte, 'The FTE of council-employed social workers who started in the year to the census date (1 October to 30 September).'),
    count('starters_headcount', 'Starters (headcount)', 'headcount', t.starters_headcount, 'The number of council-employed social workers who started in the year to the census date.'),
    count('leavers_fte', 'Leavers (FTE)', 'fte', t.leavers_fte, 'The FTE of council-employed social workers who left in the year to the census date.'),
    count('leavers_headcount', 'Leavers (headcount)', 'headcount', t.leavers_headcount, 'The number of council-employed social workers who left in the year to the census date.'),
    rate('turnover_rate_fte', 'Turnover rate (FTE)', 'percent', t.leavers_fte, t.inpost_fte, 'Leavers’ FTE in the year ÷ the FTE in post on the census date.'),
    rate('turnover_rate_headcount', 'Turnover rate (headcount)', 'percent', t.leavers_headcount, t.inpost_headcount, 'Leavers in the year ÷ social workers in post on the census date, by headcount.'),
    count('agency_fte', 'Agency social workers (FTE)', 'fte', t.agency_fte, 'The FTE of agency children and family social workers (paid through an agency or self-employed) working for the council on the census date.'),
    count('agency_headcount', 'Agency social workers (headcount)', 'headcount', t.agency_headcount, 'The number of agency children and family social workers on the census date.'),
    rate('agency_rate_fte', 'Agency rate (FTE)', 'percent', t.agency_fte, t.agency_fte + t.inpost_fte, 'Agency FTE ÷ (agency FTE + council-employed FTE in post) on the census date.'),
    rate('agency_rate_headcount', 'Agency rate (headcount)', 'percent', t.agency_headcount, t.agency_headcount + t.inpost_headcount, 'Agency workers ÷ (agency workers + council-employed social workers in post), by headcount.'),
    count('agency_cover_fte', 'Agency workers covering vacancies (FTE)', 'fte', t.agency_cover_fte, 'The FTE of agency workers covering a vacant post on the census date.'),
    rate('agency_cover_rate_fte', 'Agency cover rate (FTE)', 'percent', t.agency_cover_fte, t.agency_fte, 'Agency FTE covering vacancies ÷ all agency FTE: how much of the agency workforce fills vacant posts rather than absence or extra work.'),
    count('vacancy_fte', 'Vacancies (FTE)', 'fte', t.vacancy_fte, 'The FTE of vacant children and family social worker posts on the census date. A post covered by an agency worker still counts as vacant.'),
    rate('vacancy_rate_fte', 'Vacancy rate (FTE)', 'percent', t.vacancy_fte, t.vacancy_fte + t.inpost_fte, 'Vacancy FTE ÷ (vacancy FTE + council-employed FTE in post) on the census date.'),
    rate('vacancy_agency_cover_rate_fte', 'Vacancies covered by agency workers (FTE)', 'percent', t.agency_cover_fte, t.vacancy_fte, 'Vacancy FTE covered by an agency worker ÷ all vacancy FTE.'),
    count('case_holders_fte', 'Case holders (FTE)', 'fte', t.case_holders_fte, 'The FTE of social workers (agency included) holding one or more cases on the census date, whatever their role.'),
    count('cases', 'Cases', 'cases', t.cases, 'Children allocated to a named children and family social worker on the census date; each child counts, siblings included.'),
    rate('caseload_fte', 'Average caseload (FTE)', 'ratio', t.cases, t.case_holders_fte, 'Cases ÷ the FTE of the social workers holding them (agency included). No outlier is left out; someone with no FTE adds cases but nothing below the line.'),
    count('working_days_lost', 'Working days lost to sickness', 'days', t.working_days_lost, 'Working days council-employed social workers lost to sickness absence in the year, FTE-adjusted.'),
    { key: 'absence_rate_fte', label: 'Sickness absence rate (FTE)', unit: 'percent', numerator: t.working_days_lost, denominator: absenceDays,
      ...((exact) => ({ exact, value: exact === null ? null : dfeRound(exact) }))(ratio(t.working_days_lost, absenceDays, 100)),
      definition: `Working days lost to sickness ÷ (FTE in post × ${t.working_days_in_year} working days in the year).` },
  ];
}

/** The indicators for a year's workers (sum, then divide, then round). */
export const measureWorkforce = (input: WorkforceInput, options: WorkforceOptions = DEFAULT_WORKFORCE_OPTIONS): Indicator[] =>
  workforceIndicators(workforceTotals(input, options));

/** The census year (1 October to the census date, both included) for a census date. */
export function censusYear(censusDate: string): { from: string; to: string } {
  const [y, m, d] = censusDate.split('-').map(Number) as [number, number, number];
  const from = new Date(Date.UTC(y - 1, m - 1, d + 1)).toISOString().slice(0, 10);
  return { from, to: censusDate };
}
