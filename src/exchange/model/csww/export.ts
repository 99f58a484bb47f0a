import type { CswwWorker } from '../../../standards/csww/read.ts';
import { absentOn, inPostOn, openOn } from '../../../kernel/register.ts';
import type { CswwOut } from '../../../standards/csww/write.ts';
import type { RegisterState } from '../sync.ts';

/** Registered social work roles the census covers (family help and support workers are not social workers). */
const SOCIAL_WORK_ROLES = new Set(['social_worker', 'senior_practitioner', 'team_manager']);
/** Register absence kind → ReasonAbsence; annual leave is not an absence the census asks about. */
const REASON: Record<string, string> = { sickness: 'SIC', parental: 'MAT', training: 'TRN', other: 'OTH' };

const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
/** Monday to Friday days from a to b inclusive (bank holidays are not taken off: an estimate the census allows for). */
function weekdays(a: string, b: string): number {
  let n = 0;
  for (let d = day(a); d <= day(b); d++) {
    const w = new Date(d * 86_400_000).getUTCDay();
    if (w !== 0 && w !== 6) n++;
  }
  return n;
}

/**
 * The register as a workforce census for the year to `censusDate` (pure): one CSWWWorker per
 * registered social worker in post on the census date or who left during the year. Cases30
 * counts open lead allocations on the day; OrgRole comes from the role (team manager 3, senior
 * practitioner 4, social worker 5 with cases, else 6); WorkingDaysLost counts weekdays of
 * sickness in the year. Vacancies are the vacant posts' FTE; agency FTE the agency workers in post.
 */
export function registerToCsww(state: Omit<RegisterState, 'sourced'>, censusDate: string, lea: string | null): CswwOut {
  const yearStart = `${Number(censusDate.slice(0, 4)) - 1}${censusDate.slice(4)}`; // the day after: the census year runs 1 October to 30 September
  const inYear = (p: { started_on: string; left_on: string | null }) => p.started_on <= censusDate && (p.left_on === null || p.left_on > yearStart);
  const workers: CswwWorker[] = [];
  let agencyFte = 0;
  let agencyHeadcount = 0;
  for (const p of state.practitioners) {
    if (!p.swe_number || !SOCIAL_WORK_ROLES.has(p.role) || !inYear(p)) continue;
    const inPost = inPostOn(p, censusDate);
    const cases = inPost ? state.allocations.filter((a) => a.practitioner_id === p.practitioner_id && a.role === 'lead' && openOn(a, censusDate)).length : null;
    const mine = state.absences.filter((a) => a.practitioner_id === p.practitioner_id);
    const sick = mine.filter((a) => a.kind === 'sickness' && a.end_date > yearStart && a.start_date <= censusDate)
      .reduce((n, a) => n + weekdays(a.start_date > yearStart ? a.start_date : nextDay(yearStart), a.end_date < censusDate ? a.end_date : censusDate), 0);
    const absent = inPost ? mine.find((a) => REASON[a.kind] && absentOn(a, censusDate)) : undefined;
    const orgRole = p.role === 'team_manager' ? '3' : p.role === 'senior_practitioner' ? '4' : (cases ?? 0) > 0 ? '5' : '6';
    workers.push({
      line: undefined, agency: p.agency, swe: p.swe_number, fte: Number(p.fte), fte30: inPost ? Number(p.fte) : null, orgRole,
      roleStart: p.started_on, roleEnd: p.left_on !== null && p.left_on <= censusDate ? p.left_on : null, cases30: cases,
      // The register keeps no origin or leaving reason: left out, as the schema allows.
      startOrigin: null, leaverDestination: null, reasonLeave: null,
      workingDaysLost: sick, absentOn30Sept: inPost ? absent !== undefined : null, reasonAbsence: absent ? REASON[absent.kind]! : null,
    });
    if (p.agency && inPost) {
      agencyFte += Number(p.fte);
      agencyHeadcount++;
    }
  }
  const vacant = state.posts.filter((p) => p.status === 'vacant').reduce((n, p) => n + Number(p.fte), 0);
  return {
    lea: lea !== null && /^\d{3}$/.test(lea) ? lea : null, year: Number(censusDate.slice(0, 4)), referenceDate: censusDate,
    vacancies: { fte: Math.round(vacant * 100) / 100, agencyFte: Math.round(agencyFte * 100) / 100, agencyHeadcount },
    workers: workers.sort((a, b) => a.swe.localeCompare(b.swe)),
  };
}

function nextDay(iso: string): string {
  return new Date((day(iso) + 1) * 86_400_000).toISOString().slice(0, 10);
}
