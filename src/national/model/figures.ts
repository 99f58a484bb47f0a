/**
 * A council's return from its register and the workload model's bands (pure): the figures and
 * distributions of issue 17 item 5, summed over groups. No person's row leaves this function.
 * Names carry "return" so they stay apart from the statistics model's DfE rate functions.
 */
import {
  CASELOAD_BANDS, MIN_PEOPLE, RETURN_FORMAT, RETURN_ROLES, RETURN_VERSION, SOCIAL_WORK_ROLES, WORKING_DAYS_A_YEAR,
  isNumber, type Axis, type CouncilReturn, type Figure, type Region, type ReturnMeasures, type ReturnRole,
} from './format.ts';
import { cellOf, publishTable, round1, type RawTable } from './tables.ts';
import { isPrimary } from './suppress.ts';

/** One member of staff in post on the census date, as the return counts them. */
export interface ReturnPerson {
  role: string;
  fte: number;
  agency: boolean;
  /** Children allocated to them on the census date. */
  cases: number;
  /** The workload model's band on the census date. */
  band: 'green' | 'amber' | 'red' | 'cover' | 'none';
  /** Working days lost to sickness in the year to the census date. */
  daysLost: number;
}

/** Someone who left or started in the year to the census date. */
export interface ReturnMover {
  role: string;
  fte: number;
  agency: boolean;
  kind: 'leaver' | 'starter';
}

export interface ReturnPost {
  role: string;
  fte: number;
  status: 'filled' | 'vacant';
  covered: boolean;
}

export interface ReturnInputs {
  inPost: readonly ReturnPerson[];
  movers: readonly ReturnMover[];
  posts: readonly ReturnPost[];
}

const ROLE_LABELS: Record<ReturnRole, string> = {
  team_manager: 'Team managers', senior_practitioner: 'Senior practitioners', social_worker: 'Social workers',
  family_help_practitioner: 'Family help practitioners', family_support_worker: 'Family support workers',
};

/** The role rows: each role, registered social workers (the DfE's population) and all staff. */
const ROLE_ROWS: Axis[] = [
  ...RETURN_ROLES.map((r) => ({ key: r, label: ROLE_LABELS[r] })),
  { key: 'registered_social_workers', label: 'Registered social workers', sumOf: SOCIAL_WORK_ROLES },
  { key: 'all_staff', label: 'All staff', sumOf: ['registered_social_workers', 'family_help_practitioner', 'family_support_worker'] },
];
const roleRow = (role: string) => ROLE_ROWS.findIndex((r) => r.key === role);
const isSocialWorker = (role: string) => (SOCIAL_WORK_ROLES as readonly string[]).includes(role);

/** Adds a person to a part row and to every row that sums it, in one column. */
function addTo(grid: number[][], rows: readonly Axis[], rowKey: string, col: number, value: number): void {
  const r = rows.findIndex((a) => a.key === rowKey);
  if (r < 0) return;
  grid[r]![col]! += value;
  for (const a of rows) if (a.sumOf?.includes(rowKey)) addTo(grid, rows, a.key, col, value);
}
const zeros = (rows: number, cols: number) => Array.from({ length: rows }, () => new Array<number>(cols).fill(0));

/** The unsuppressed tables and the figures outside them. */
export function returnRawTables(inputs: ReturnInputs): { tables: RawTable[]; caseHolders: number; cases: number; caseHolderFte: number; vacancyFte: number; coveredFte: number; daysLost: number; peopleAbsent: number } {
  const known = inputs.inPost.filter((p) => roleRow(p.role) >= 0);

  // Workforce by role: employed, agency, total (headcount and FTE).
  const wfCols: Axis[] = [{ key: 'employed', label: 'Council employed' }, { key: 'agency', label: 'Agency' }, { key: 'total', label: 'Total', sumOf: ['employed', 'agency'] }];
  const wfHead = zeros(ROLE_ROWS.length, 3);
  const wfFte = zeros(ROLE_ROWS.length, 3);
  for (const p of known) {
    for (const col of [p.agency ? 1 : 0, 2]) {
      addTo(wfHead, ROLE_ROWS, p.role, col, 1);
      addTo(wfFte, ROLE_ROWS, p.role, col, p.fte);
    }
  }

  // Case-holding registered social workers with FTE: cases per FTE band × the model's band.
  const bandRows: Axis[] = [...CASELOAD_BANDS.map(([key, label]) => ({ key, label })), { key: 'total', label: 'All case holders', sumOf: CASELOAD_BANDS.map(([key]) => key) }];
  const stateCols: Axis[] = [{ key: 'within', label: 'Within the safe band' }, { key: 'over', label: 'Over the safe band' }, { key: 'total', label: 'Total', sumOf: ['within', 'over'] }];
  const chHead = zeros(bandRows.length, 3);
  const holders = known.filter((p) => isSocialWorker(p.role) && p.cases >= 1);
  // Case holders with no casework time this month (absent, or a role with none) are work needing
  // cover, not people within or over the band (DOMAIN.md §5): the distribution leaves them out.
  for (const p of holders.filter((h) => h.fte > 0 && h.band !== 'cover' && h.band !== 'none')) {
    const perFte = p.cases / p.fte;
    const band = CASELOAD_BANDS.find(([, , from, to]) => perFte >= from && perFte < to)![0];
    for (const col of [p.band === 'green' ? 0 : 1, 2]) addTo(chHead, bandRows, band, col, 1);
  }

  // Leavers and starters by role: council-employed staff (the DfE's turnover counts no agency workers).
  const mvCols: Axis[] = [{ key: 'leavers', label: 'Leavers in the year' }, { key: 'starters', label: 'Starters in the year' }];
  const mvHead = zeros(ROLE_ROWS.length, 2);
  const mvFte = zeros(ROLE_ROWS.length, 2);
  for (const m of inputs.movers) {
    if (m.agency || roleRow(m.role) < 0) continue;
    const col = m.kind === 'leaver' ? 0 : 1;
    addTo(mvHead, ROLE_ROWS, m.role, col, 1);
    addTo(mvFte, ROLE_ROWS, m.role, col, m.fte);
  }

  const vacant = inputs.posts.filter((p) => p.status === 'vacant' && isSocialWorker(p.role));
  const employedSw = known.filter((p) => isSocialWorker(p.role) && !p.agency);
  return {
    tables: [
      { key: 'workforce', title: 'Staff in post on the census date, by role', rows: ROLE_ROWS, columns: wfCols, headcount: wfHead, fte: wfFte },
      { key: 'caseload_distribution', title: 'Case-holding registered social workers with casework time, by cases per FTE and the workload model’s band', rows: bandRows, columns: stateCols, headcount: chHead },
      { key: 'movement', title: 'Council-employed staff who left or started in the year to the census date, by role', rows: ROLE_ROWS, columns: mvCols, headcount: mvHead, fte: mvFte },
    ],
    caseHolders: holders.length,
    cases: holders.reduce((s, p) => s + p.cases, 0),
    caseHolderFte: holders.reduce((s, p) => s + p.fte, 0),
    vacancyFte: vacant.reduce((s, p) => s + p.fte, 0),
    coveredFte: vacant.filter((p) => p.covered).reduce((s, p) => s + p.fte, 0),
    daysLost: employedSw.reduce((s, p) => s + p.daysLost, 0),
    peopleAbsent: employedSw.filter((p) => p.daysLost > 0).length,
  };
}

/** A percentage to one decimal place, `z` when there is nothing to divide by, `c` when an input is suppressed. */
function rate(numerator: Figure, denominator: Figure, exact: () => [number, number]): Figure {
  if (!isNumber(numerator) || !isNumber(denominator)) return 'c';
  const [n, d] = exact();
  return d > 0 ? round1((100 * n) / d) : 'z';
}

export interface ReturnMeta {
  code: string;
  name: string;
  region: Region;
  censusDate: string;
  producedBy: string;
}

/**
 * The council's return: tables suppressed and rounded, and the headline measures taken from the
 * published cells (a rate whose input is suppressed is suppressed too, or the rate would give the
 * input away). Rates are worked out from the unrounded sums, then rounded.
 */
export function buildCouncilReturn(inputs: ReturnInputs, meta: ReturnMeta): CouncilReturn {
  const raw = returnRawTables(inputs);
  const [workforce, distribution, movement] = raw.tables.map((t) => publishTable(t).table) as [CouncilReturn['tables'][number], CouncilReturn['tables'][number], CouncilReturn['tables'][number]];
  const rawCell = (t: RawTable, grid: 'headcount' | 'fte', row: string, col: string) =>
    (grid === 'fte' ? t.fte! : t.headcount)[t.rows.findIndex((a) => a.key === row)]![t.columns.findIndex((a) => a.key === col)]!;
  const [rawWf, rawDist, rawMv] = raw.tables as [RawTable, RawTable, RawTable];
  const sw = 'registered_social_workers';
  const inPostFte = cellOf(workforce, 'fte', sw, 'employed');
  const agencyFte = cellOf(workforce, 'fte', sw, 'agency');
  const leaverFte = cellOf(movement, 'fte', sw, 'leavers');
  const starterFte = cellOf(movement, 'fte', sw, 'starters');
  const smallHolders = isPrimary(raw.caseHolders);
  const cases: Figure = smallHolders ? 'c' : raw.cases;
  const caseHolderFte: Figure = smallHolders ? 'c' : round1(raw.caseHolderFte);
  const daysLost: Figure = isPrimary(raw.peopleAbsent) ? 'c' : Math.round(raw.daysLost);
  const vacancyFte = round1(raw.vacancyFte);
  const exactInPost = rawCell(rawWf, 'fte', sw, 'employed');
  const over = cellOf(distribution, 'headcount', 'total', 'over');
  const within = cellOf(distribution, 'headcount', 'total', 'within');
  const measures: ReturnMeasures = {
    cases, caseHolderFte,
    caseload: !isNumber(cases) || !isNumber(caseHolderFte) ? 'c' : raw.caseHolderFte > 0 ? round1(raw.cases / raw.caseHolderFte) : 'z',
    inPostFte, agencyFte, vacancyFte, vacancyCoveredByAgencyFte: round1(raw.coveredFte), leaverFte, starterFte, daysLost,
    vacancyRate: rate(vacancyFte, inPostFte, () => [raw.vacancyFte, raw.vacancyFte + exactInPost]),
    agencyRate: rate(agencyFte, inPostFte, () => [rawCell(rawWf, 'fte', sw, 'agency'), rawCell(rawWf, 'fte', sw, 'agency') + exactInPost]),
    turnoverRate: rate(leaverFte, inPostFte, () => [rawCell(rawMv, 'fte', sw, 'leavers'), exactInPost]),
    absenceRate: rate(daysLost, inPostFte, () => [raw.daysLost, exactInPost * WORKING_DAYS_A_YEAR]),
    shareOverSafeBand: rate(over, within, () => [rawCell(rawDist, 'headcount', 'total', 'over'), rawCell(rawDist, 'headcount', 'total', 'over') + rawCell(rawDist, 'headcount', 'total', 'within')]),
  };
  return {
    format: RETURN_FORMAT, version: RETURN_VERSION,
    council: { code: meta.code, name: meta.name, region: meta.region },
    censusDate: meta.censusDate, censusYear: Number(meta.censusDate.slice(0, 4)), producedBy: meta.producedBy, minimumGroup: MIN_PEOPLE,
    measures, tables: [workforce, distribution, movement],
  };
}
