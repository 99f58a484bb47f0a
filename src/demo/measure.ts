import { bandFor } from '../kernel/bands.ts';
import { inPostOn, openOn } from '../kernel/register.ts';
import { dfeCaseload, median, workloadMeasures, type CensusWorker, type WorkloadFigure } from '../statistics/model.ts';
import { dayFromIso, isoFromDay, type ModelContext } from '../workload/model/index.ts';
import type { CouncilData } from './generate.ts';
import { workloadsInMemory } from './stats.ts';

/** Registered social workers: the DfE's workforce figures count only children and family social workers. */
const SOCIAL_WORK_ROLES = new Set(['social_worker', 'senior_practitioner', 'team_manager']);
/** Working days in a year, the DfE's absence denominator (DOMAIN.md §10). */
const WORKING_DAYS_A_YEAR = 253;

export interface DemoFigures {
  asOf: string;
  people: number;
  overSafeBand: number;
  shareOverSafeBand: number | null;
  needingCover: number;
  teams: number;
  /** Teams whose casework as a whole is past green (the service view's count). */
  teamsOverSafeBand: number;
  /** The DfE caseload measure for the council, and per team with case-holding social workers. */
  caseload: number | null;
  teamCaseload: { min: number | null; median: number | null; max: number | null; byTeam: Record<string, number | null> };
  /** Children in care proceedings ÷ children held by registered social workers (the DfE measure's cases). */
  proceedingsShare: number | null;
  /** Share of registered social workers in post who are in their ASYE year. */
  asyeShare: number | null;
  /** DfE definitions, FTE, registered social workers (DOMAIN.md §2, §10). */
  vacancyRate: number | null;
  agencyRate: number | null;
  turnoverRate: number | null;
  absenceRate: number | null;
  /** Weekly points over the back-filled weeks, oldest first: the DfE measure and the share over the band. */
  trend: { date: string; caseload: number | null; shareOverSafeBand: number | null }[];
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** Monday-to-Friday days from a to b inclusive (as the census export counts WorkingDaysLost). */
function weekdays(from: number, to: number): number {
  let n = 0;
  for (let d = from; d <= to; d++) {
    const w = new Date(d * 86_400_000).getUTCDay();
    if (w !== 0 && w !== 6) n++;
  }
  return n;
}

/** The figures one date gives: workload bands and the DfE measure, council and per team. */
function figuresOn(data: CouncilData, date: string, ctx: ModelContext) {
  const inPost = new Map(data.practitioners.filter((p) => inPostOn(p, date)).map((p) => [p.practitioner_id, p]));
  const people = workloadsInMemory(data, date, ctx).map((w) => {
    const p = inPost.get(w.practitionerId)!;
    const figure: WorkloadFigure = { cases: w.caseCount, fte: p.fte, inAsye: w.capacity.inAsye, demandCentral: w.demand.total.central, caseworkHours: w.capacity.caseworkHours, band: w.band };
    const census: CensusWorker = { cases: w.caseCount, fte: p.fte, fte30: p.fte, agency: p.agency, socialWorker: SOCIAL_WORK_ROLES.has(p.role) };
    return { teamId: p.team_id, figure, census };
  });
  return { people, measures: workloadMeasures(people.map((p) => p.figure)), caseload: dfeCaseload(people.map((p) => p.census)) };
}

/**
 * Measures a generated council as the service view and the DfE would: the figures the demo is
 * calibrated against (issue 12 item 10). Pure over the rows in memory.
 */
export function measureDemo(data: CouncilData, asOf: string, ctx: ModelContext, options: { trendWeeks?: number } = {}): DemoFigures {
  const day = dayFromIso(asOf);
  const today = figuresOn(data, asOf, ctx);
  const byTeam: Record<string, number | null> = {};
  let teamsOver = 0;
  for (const t of data.teams) {
    const people = today.people.filter((p) => p.teamId === t.team_id);
    // Teams with no social workers (family help: its manager holds a few cases) have no figure of their own.
    const social = data.practitioners.some((p) => p.team_id === t.team_id && (p.role === 'social_worker' || p.role === 'senior_practitioner'));
    byTeam[t.team_id] = social ? dfeCaseload(people.map((p) => p.census)).caseload : null;
    const m = workloadMeasures(people.map((p) => p.figure));
    const band = bandFor(m.demandCentral, m.caseworkHours, ctx.config.bands);
    if (band === 'amber' || band === 'red') teamsOver++;
  }
  const teamValues = Object.values(byTeam).filter((v): v is number => v !== null);

  // Children held by registered social workers today, and those of them in care proceedings.
  const social = new Set(data.practitioners.filter((p) => SOCIAL_WORK_ROLES.has(p.role) && inPostOn(p, asOf)).map((p) => p.practitioner_id));
  const held = new Set(data.allocations.filter((a) => a.role === 'lead' && openOn(a, asOf) && social.has(a.practitioner_id)).map((a) => a.child_id));
  const inCourt = new Set(data.episodes.filter((e) => e.kind === 'court_proceedings' && openOn(e, asOf) && held.has(e.child_id)).map((e) => e.child_id));

  // Workforce rates: DfE definitions over registered social workers in post (DOMAIN.md §2).
  const staff = data.practitioners.filter((p) => SOCIAL_WORK_ROLES.has(p.role));
  const employed = staff.filter((p) => !p.agency && inPostOn(p, asOf));
  const employedFte = employed.reduce((s, p) => s + p.fte, 0);
  const agencyFte = staff.filter((p) => p.agency && inPostOn(p, asOf)).reduce((s, p) => s + p.fte, 0);
  // A post covered by an agency worker still counts as vacant (DfE).
  const vacantFte = data.posts.filter((p) => p.status === 'vacant' && SOCIAL_WORK_ROLES.has(p.role)).reduce((s, p) => s + p.fte, 0);
  const yearAgo = asOf.replace(/^\d{4}/, (y) => String(Number(y) - 1));
  const leaverFte = staff.filter((p) => !p.agency && p.left_on !== null && p.left_on > yearAgo && p.left_on <= asOf).reduce((s, p) => s + p.fte, 0);
  const ids = new Set(employed.map((p) => p.practitioner_id));
  const yearStart = dayFromIso(yearAgo) + 1;
  const daysLost = data.absences
    .filter((a) => a.kind === 'sickness' && ids.has(a.practitioner_id))
    .reduce((n, a) => n + Math.max(0, weekdays(Math.max(dayFromIso(a.start_date), yearStart), Math.min(dayFromIso(a.end_date), day))), 0);

  const weeks = options.trendWeeks ?? 8;
  const trend = Array.from({ length: weeks + 1 }, (_, i) => {
    const date = isoFromDay(day - 7 * (weeks - i));
    const f = date === asOf ? today : figuresOn(data, date, ctx);
    return { date, caseload: f.caseload.caseload, shareOverSafeBand: f.measures.shareOverSafeBand };
  });

  const socialInPost = staff.filter((p) => inPostOn(p, asOf));
  return {
    asOf,
    people: today.measures.people,
    overSafeBand: today.measures.overSafeBand,
    shareOverSafeBand: today.measures.shareOverSafeBand,
    needingCover: today.measures.needingCover,
    teams: data.teams.length,
    teamsOverSafeBand: teamsOver,
    caseload: today.caseload.caseload,
    teamCaseload: { min: teamValues.length ? Math.min(...teamValues) : null, median: median(teamValues), max: teamValues.length ? Math.max(...teamValues) : null, byTeam },
    proceedingsShare: ratio(inCourt.size, held.size),
    asyeShare: ratio(socialInPost.filter((p) => p.asye_start !== null && dayFromIso(p.asye_start) > day - 365).length, socialInPost.length),
    vacancyRate: ratio(vacantFte, vacantFte + employedFte),
    agencyRate: ratio(agencyFte, agencyFte + employedFte),
    turnoverRate: ratio(leaverFte, employedFte),
    absenceRate: ratio(daysLost, employedFte * WORKING_DAYS_A_YEAR),
    trend,
  };
}
