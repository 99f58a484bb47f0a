/**
 * The council return (issue 17 item 5): what a council sends to a national view, version 1.
 * De-identified by construction: counts, FTE and rates over groups, never a person. Every figure
 * is a number or one of the DfE's published symbols (DOMAIN.md §10). The format is documented in
 * docs/national-returns.md and docs/council-return.schema.json; a change to it is a new version.
 */

export const RETURN_FORMAT = 'caseweight-council-return';
export const RETURN_VERSION = 1;

/** The DfE's symbols: c suppressed (a small group, or a cell that would reveal one), x not available, z not applicable. */
export type ReturnSymbol = 'c' | 'x' | 'z';
export type Figure = number | ReturnSymbol;

export const isNumber = (f: Figure | undefined): f is number => typeof f === 'number';

/** A group of fewer people than this is suppressed (primary suppression). */
export const MIN_PEOPLE = 5;

/** The nine English regions (ONS), in the DfE's order, with the number of the 152 councils each held before 2023. */
export const REGIONS = [
  ['North East', 12], ['North West', 23], ['Yorkshire and The Humber', 15], ['East Midlands', 9], ['West Midlands', 14],
  ['East of England', 11], ['London', 33], ['South East', 19], ['South West', 16],
] as const;
export type Region = (typeof REGIONS)[number][0];
export const REGION_NAMES: readonly string[] = REGIONS.map(([name]) => name);
export const isRegion = (text: string): text is Region => REGION_NAMES.includes(text);

/** The register's roles, as the return groups them; the first three are registered social workers (the DfE's population). */
export const RETURN_ROLES = ['team_manager', 'senior_practitioner', 'social_worker', 'family_help_practitioner', 'family_support_worker'] as const;
export type ReturnRole = (typeof RETURN_ROLES)[number];
export const SOCIAL_WORK_ROLES: readonly ReturnRole[] = ['team_manager', 'senior_practitioner', 'social_worker'];

/** Cases per FTE bands of the caseload distribution: [label, from (inclusive), to (exclusive)]. */
export const CASELOAD_BANDS = [
  ['under_10', 'Under 10', 0, 10], ['10_to_15', '10 to under 15', 10, 15], ['15_to_20', '15 to under 20', 15, 20],
  ['20_to_25', '20 to under 25', 20, 25], ['25_to_30', '25 to under 30', 25, 30], ['30_plus', '30 or more', 30, Infinity],
] as const;

/** One row or column of a table: a part, or the sum of the parts named (a subtotal or total). */
export interface Axis {
  key: string;
  label: string;
  /** Keys of the rows (or columns) this one is the sum of. */
  sumOf?: readonly string[];
}

/**
 * A two-way table of people: headcount in every cell, and (where the table has it) FTE under the
 * same suppression. Every `sumOf` is an equation a reader can use; suppression takes all of them
 * into account, so no suppressed cell can be worked out from the rest.
 */
export interface ReturnTable {
  key: string;
  title: string;
  rows: readonly Axis[];
  columns: readonly Axis[];
  /** headcount[row][column]. */
  headcount: Figure[][];
  fte?: Figure[][];
}

export interface ReturnMeasures {
  /** Children allocated to registered social workers on the census date (agency included). */
  cases: Figure;
  /** FTE of those registered social workers who hold one or more cases. */
  caseHolderFte: Figure;
  /** cases ÷ caseHolderFte, one decimal place. */
  caseload: Figure;
  /** Council-employed registered social workers in post, FTE. */
  inPostFte: Figure;
  agencyFte: Figure;
  vacancyFte: Figure;
  vacancyCoveredByAgencyFte: Figure;
  /** Council-employed registered social workers who left, or started, in the year to the census date (FTE). */
  leaverFte: Figure;
  starterFte: Figure;
  /** Working days lost to sickness in the year by council-employed registered social workers in post. */
  daysLost: Figure;
  /** Percentages, one decimal place (DfE definitions, DOMAIN.md §2, §10). */
  vacancyRate: Figure;
  agencyRate: Figure;
  turnoverRate: Figure;
  absenceRate: Figure;
  /** Case-holding registered social workers over the workload model's safe band ÷ those with casework time (percent). */
  shareOverSafeBand: Figure;
}

export interface CouncilReturn {
  format: typeof RETURN_FORMAT;
  version: typeof RETURN_VERSION;
  council: { code: string; name: string; region: Region };
  /** The census date (30 September for the DfE's workforce census). */
  censusDate: string;
  /** The census year as the DfE names it: the year of the census date. */
  censusYear: number;
  /** What produced it (Caseweight's version, or "demo generator"). */
  producedBy: string;
  minimumGroup: typeof MIN_PEOPLE;
  measures: ReturnMeasures;
  tables: ReturnTable[];
}

export const MEASURE_KEYS = [
  'cases', 'caseHolderFte', 'caseload', 'inPostFte', 'agencyFte', 'vacancyFte', 'vacancyCoveredByAgencyFte', 'leaverFte', 'starterFte', 'daysLost',
  'vacancyRate', 'agencyRate', 'turnoverRate', 'absenceRate', 'shareOverSafeBand',
] as const satisfies readonly (keyof ReturnMeasures)[];

/** Working days in a year, the DfE's absence denominator (DOMAIN.md §10). */
export const WORKING_DAYS_A_YEAR = 253;

export const round1 = (x: number): number => Math.round(x * 10) / 10;
