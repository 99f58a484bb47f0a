import type { Db } from '../../platform/database.ts';
import { dayFromIso, englandCalendar } from '../../kernel/calendar.ts';
import { computeWorkloads } from '../../workload/service/index.ts';
import { listAbsences, listAgencyEngagements, listPosts, listPractitionersByIds, listPractitionersInPeriod, listTeamNames } from '../../workforce/store.ts';
import { getCensusOnOrBefore } from '../../exchange/store.ts';
import type { CaseloadFteBasis } from '../model.ts';
import { censusYear, measureWorkforce, type Indicator } from '../model/workforce.ts';
import { CENSUS_ROLES, censusWorkforce, registerWorkforce } from '../model/sources.ts';
import { hiddenMeasures, type HiddenMeasures } from '../model/hidden.ts';
import { checkAgencyRules, quarterlyReturn, type AgencyEngagement, type QuarterlyReturn, type RuleFinding } from '../model/agency.ts';

type Workloads = Awaited<ReturnType<typeof computeWorkloads>>;

/** Working days in [from, to], both included, on the England calendar. */
const workingDays = (from: string, to: string) => englandCalendar().workingDaysBetween(dayFromIso(from), dayFromIso(to) + 1);

export interface CouncilMeasures {
  date: string;
  basis: CaseloadFteBasis;
  /** The DfE indicators from the register, counted as if the census were taken on `date`. */
  register: Indicator[];
  /** The same indicators from the latest imported workforce census on or before `date`. */
  census: { censusDate: string; indicators: Indicator[] } | null;
  hidden: HiddenMeasures;
  workingDaysInYear: number;
}

/**
 * Every measure for a council from the register on `date` (and from its latest census): the
 * DfE indicators and what the caseload hides. No access check and no audit: the callers (the
 * service view, the API, the bench) do both. `workloads` reuses figures already computed.
 */
export async function councilMeasures(db: Db, councilId: string, date: string, basis: CaseloadFteBasis, workloads?: Workloads): Promise<CouncilMeasures> {
  const { from, to } = censusYear(date);
  const [computed, practitioners, absences, posts, census] = await Promise.all([
    workloads ?? computeWorkloads(db, councilId, date),
    listPractitionersInPeriod(db, councilId, from, to),
    listAbsences(db, councilId, from, to),
    listPosts(db, councilId),
    getCensusOnOrBefore(db, councilId, date),
  ]);
  const casesOn = new Map(computed.results.map((r) => [r.practitioner.practitioner_id, r.workload.caseCount]));
  const input = registerWorkforce({ practitioners, casesOn, absences, posts, workingDays }, date);
  const options = { caseloadBasis: basis };
  const inPost = new Set(computed.results.map((r) => r.practitioner.practitioner_id));
  const uncovered = posts.filter((p) => p.status === 'vacant' && CENSUS_ROLES.has(p.role) && (p.covered_by === null || !inPost.has(p.covered_by)))
    .reduce((s, p) => s + Number(p.fte), 0);
  return {
    date, basis,
    register: measureWorkforce(input, options),
    census: census ? {
      censusDate: census.censusDate,
      indicators: measureWorkforce(censusWorkforce(census, workingDays(censusYear(census.censusDate).from, census.censusDate)), options),
    } : null,
    hidden: hiddenMeasures(computed.results.map(({ practitioner: p, workload: w }) => ({
      cases: w.caseCount, fte: Number(p.fte), inAsye: w.capacity.inAsye, socialWorker: CENSUS_ROLES.has(p.role),
      demandCentral: w.demand.total.central, caseworkHours: w.capacity.caseworkHours, band: w.band,
    })), uncovered),
    workingDaysInYear: input.workingDaysInYear,
  };
}

export interface AgencyCheck {
  date: string;
  findings: (RuleFinding & { teamName: string })[];
  quarterly: QuarterlyReturn;
  engagements: number;
}

/** The agency rules checked against the council's agency engagements on `date`. No access check: the caller asks. */
export async function agencyCheck(db: Db, councilId: string, date: string): Promise<AgencyCheck> {
  const [rows, posts] = await Promise.all([listAgencyEngagements(db, councilId, date), listPosts(db, councilId)]);
  const people = new Map((await listPractitionersByIds(db, councilId, rows.map((r) => r.practitioner_id))).map((p) => [p.practitioner_id, p]));
  const teams = new Map((await listTeamNames(db, councilId, [...people.values()].map((p) => p.team_id))).map((t) => [t.team_id, t.name]));
  const covering = new Set(posts.map((p) => p.covered_by).filter((id) => id !== null));
  const engagements: AgencyEngagement[] = rows.flatMap((r) => {
    const p = people.get(r.practitioner_id);
    if (!p) return [];
    return [{
      practitionerId: r.practitioner_id, name: p.name, teamId: p.team_id, role: p.role, fte: Number(p.fte),
      engagedOn: r.engaged_on, endedOn: r.ended_on ?? p.left_on, agencyName: r.agency_name,
      pqeDirectYears: r.pqe_direct_years === null ? null : Number(r.pqe_direct_years), qualifiedOn: p.qualified_on,
      referencesRequestedOn: r.references_requested_on, referencesReceivedOn: r.references_received_on,
      previousPermanentLeftOn: r.previous_permanent_left_on, previousPermanentEmployer: r.previous_permanent_employer, coolOffExemption: r.cool_off_exemption,
      hourlyCharge: r.hourly_charge === null ? null : Number(r.hourly_charge), priceCap: r.price_cap === null ? null : Number(r.price_cap),
      capSignedOff: r.cap_signed_off, projectTeam: r.project_team, coversVacancy: covering.has(r.practitioner_id),
    }];
  });
  return {
    date,
    findings: checkAgencyRules(engagements, date).map((f) => ({ ...f, teamName: teams.get(f.teamId) ?? f.teamId })),
    quarterly: quarterlyReturn(engagements, date),
    engagements: engagements.length,
  };
}
