import type { AbsenceRow, PostRow } from '../../../kernel/register.ts';
import { absentOn, openOn } from '../../../kernel/register.ts';
import type { CswwCensus, CswwWorker } from '../../../standards/csww/read.ts';
import type { ReportBuilder } from '../../../standards/report.ts';
import { emptySnapshot, type CensusReturnWorker, type IncomingPractitioner, type PractitionerField, type Snapshot } from '../snapshot.ts';
import type { RegisterState } from '../sync.ts';

export interface MapCswwOptions {
  councilId: string;
  /** The census date: the header's ReferenceDate, else the extract date. */
  censusDate: string;
  fullTimeWeeklyHours: number;
  register: Omit<RegisterState, 'sourced'>;
}

/** OrgRole → register role, for workers the register does not hold yet (1 and 2 are managers above team level). */
const ROLE_FOR: Record<string, string> = { '1': 'team_manager', '2': 'team_manager', '3': 'team_manager', '4': 'senior_practitioner', '5': 'social_worker', '6': 'social_worker' };
/** ReasonAbsence → register absence kind. */
const ABSENCE_KIND: Record<string, string> = { SIC: 'sickness', MAT: 'parental', TRN: 'training', OTH: 'other', PUB: 'other', UNA: 'other', UNP: 'other' };
export const UNASSIGNED_TEAM = 'UNASSIGNED';

/**
 * Workforce census → register rows (pure). Workers are matched on their Social Work England
 * number. What the census gives (agency, FTE, role start and end) is written; what it leaves
 * out keeps the register's value, and the register's team, name and role stand. Cases30,
 * FTE30, OrgRole, absence and leaving have no place in the register: they are kept per worker
 * and census date as received (`snapshot.census`), and Cases30 is compared with the register in
 * the report.
 */
export function mapCsww(received: CswwCensus, file: string, options: MapCswwOptions, report: ReportBuilder): Snapshot {
  const s = emptySnapshot();
  const c = options.councilId;
  const reg = options.register;
  const bySwe = new Map(reg.practitioners.filter((p) => p.swe_number).map((p) => [p.swe_number!, p]));
  const at = (w: CswwWorker) => ({ ...(w.line !== undefined ? { line: w.line } : {}), element: 'CSWWWorker' });
  let needsTeam = false;
  const census: CensusReturnWorker[] = [];
  let cases = 0;
  let held = 0;
  for (const w of received.workers) {
    const match = bySwe.get(w.swe);
    const id = match?.practitioner_id ?? `CSWW-${w.swe}`;
    let end = w.roleEnd;
    if (end !== null && w.roleStart !== null && end < w.roleStart) {
      report.rule(file, undefined, `RoleEndDate ${end} is before RoleStartDate ${w.roleStart}; the end date was not imported. Correct it at source.`, at(w));
      s.flags.push({ entity: 'practitioners', recordId: id, code: null, field: 'RoleEndDate', message: 'The role ends before it starts.' });
      end = null;
    }
    const inPost = (w.roleStart ?? '') <= options.censusDate && (end === null || end >= options.censusDate);
    // FTE30 is the FTE on the census date; FTE the contracted FTE (leavers have no FTE30).
    const fte = (inPost ? w.fte30 : null) ?? w.fte;
    const unknown: PractitionerField[] = match ? ['name', 'team_id', 'role', 'staff_id', 'qualified_on', 'asye_start', 'contracted_weekly_hours', 'working_pattern'] : [];
    if (fte === null) unknown.push('fte');
    if (w.roleStart === null) unknown.push('started_on');
    if (end === null && match) unknown.push('left_on');
    const role = ROLE_FOR[w.orgRole ?? ''] ?? 'social_worker';
    const startedOn = w.roleStart ?? match?.started_on ?? options.censusDate;
    const p: IncomingPractitioner = {
      council_id: c, practitioner_id: id, sourceKey: id, unknown,
      name: match?.name ?? `Social worker ${w.swe}`, team_id: match?.team_id ?? UNASSIGNED_TEAM, role: match?.role ?? role,
      swe_number: w.swe, staff_id: match?.staff_id ?? null, qualified_on: match?.qualified_on ?? null, asye_start: match?.asye_start ?? null,
      agency: w.agency, fte: fte ?? match?.fte ?? 1,
      contracted_weekly_hours: match?.contracted_weekly_hours ?? Math.round(options.fullTimeWeeklyHours * (fte ?? 1) * 100) / 100,
      working_pattern: match?.working_pattern ?? ((fte ?? 1) < 1 ? 'part_time' : 'full_time'),
      started_on: startedOn, left_on: end !== null && end >= startedOn ? end : match?.left_on ?? null,
    };
    if (!match) needsTeam = true;
    s.practitioners.push(p);
    census.push({
      swe: w.swe, practitionerId: id, agency: w.agency, fte: w.fte, fte30: w.fte30, orgRole: w.orgRole,
      roleStart: w.roleStart, roleEnd: w.roleEnd, startOrigin: w.startOrigin, leaverDestination: w.leaverDestination, reasonLeave: w.reasonLeave,
      cases30: w.cases30, workingDaysLost: w.workingDaysLost, absentOn30Sept: w.absentOn30Sept, reasonAbsence: w.reasonAbsence,
    });

    // Absent on 30 September: a one-day absence on the census date, unless one is already held.
    if (w.absentOn30Sept) {
      const covered = reg.absences.some((a) => a.practitioner_id === id && absentOn(a, options.censusDate));
      if (!covered) {
        s.absences.push({ council_id: c, absence_id: `CSWW-ABS-${w.swe}-${options.censusDate}`, practitioner_id: id, kind: ABSENCE_KIND[w.reasonAbsence ?? ''] ?? 'other', start_date: options.censusDate, end_date: options.censusDate } satisfies AbsenceRow);
      }
    }
    if (w.cases30 !== null && match) {
      const open = reg.allocations.filter((a) => a.practitioner_id === id && a.role === 'lead' && openOn(a, options.censusDate)).length;
      cases += w.cases30;
      held += open;
      if (open !== w.cases30) report.warning(file, `The census gives ${w.swe} ${w.cases30} cases on ${options.censusDate} (Cases30); the register holds ${open} lead allocations for them that day.`, at(w));
    }
  }
  if (cases !== held) report.warning(file, `Across matched workers the census counts ${cases} cases on ${options.censusDate} and the register ${held}. The census's counts are kept beside the register for the DfE caseload measure; the register's allocations drive workload.`);
  s.census = { censusDate: options.censusDate, vacancies: { ...received.vacancies }, workers: census };
  if (needsTeam && !reg.teams.some((t) => t.team_id === UNASSIGNED_TEAM)) {
    s.teams.push({ council_id: c, team_id: UNASSIGNED_TEAM, name: 'Not yet in a team', service: 'other', parent_team_id: null });
  }
  s.posts = vacancyPosts(received, s, options, file, report);
  return s;
}

/**
 * The council-level vacancy figures as vacant posts: NumberOfVacancies FTE in posts of up to
 * 1 FTE, the first NoAgencyFTE of them covered by the census's agency workers (a post covered
 * by an agency worker still counts as vacant, DfE). The census names no team, so they sit in
 * "Not yet in a team". A register that already holds vacant posts keeps them: the establishment
 * the council keeps is finer than one council-wide figure.
 */
function vacancyPosts(census: CswwCensus, s: Snapshot, options: MapCswwOptions, file: string, report: ReportBuilder): PostRow[] {
  const heldVacant = options.register.posts.filter((p) => p.status === 'vacant');
  if (heldVacant.length > 0) {
    const fte = heldVacant.reduce((n, p) => n + Number(p.fte), 0);
    if (Math.abs(fte - census.vacancies.fte) > 0.005) report.warning(file, `The census gives ${census.vacancies.fte} vacant FTE; the register's posts give ${Math.round(fte * 100) / 100}. The register's posts were kept.`);
    return [];
  }
  const agency = s.practitioners.filter((p) => p.agency && p.left_on === null).map((p) => p.practitioner_id);
  const posts: PostRow[] = [];
  let left = census.vacancies.fte;
  let covered = census.vacancies.agencyFte;
  for (let i = 1; left > 0.0000005; i++) {
    const fte = Math.min(1, Math.round(left * 1e6) / 1e6);
    const cover = covered > 0.0000005 ? agency.shift() ?? null : null;
    if (cover) covered -= fte;
    posts.push({ council_id: options.councilId, post_id: `CSWW-VAC-${i}`, team_id: UNASSIGNED_TEAM, role: 'social_worker', fte, status: 'vacant', held_by: null, covered_by: cover });
    left -= fte;
  }
  if (posts.length > 0 && !s.teams.some((t) => t.team_id === UNASSIGNED_TEAM) && !options.register.teams.some((t) => t.team_id === UNASSIGNED_TEAM)) {
    s.teams.push({ council_id: options.councilId, team_id: UNASSIGNED_TEAM, name: 'Not yet in a team', service: 'other', parent_team_id: null });
  }
  return posts;
}
