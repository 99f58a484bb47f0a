/**
 * The two sources of the DfE workforce indicators, adapted to one input shape (workforce.ts):
 * the register on a census date, and an imported workforce census as received. Pure.
 */
import { inPostOn } from '../../kernel/register.ts';
import { censusYear, type WorkforceInput, type WorkforceWorker } from './workforce.ts';

/** Registered social work roles: the census covers children and family social workers only. */
export const CENSUS_ROLES: ReadonlySet<string> = new Set(['social_worker', 'senior_practitioner', 'team_manager']);

export interface RegisterWorkforceFacts {
  /** Practitioners in post at any time in the census year (any role: others are left out here). */
  practitioners: readonly { practitioner_id: string; role: string; agency: boolean; fte: number; started_on: string; left_on: string | null }[];
  /** Children allocated to each practitioner on the census date. */
  casesOn: ReadonlyMap<string, number>;
  absences: readonly { practitioner_id: string; kind: string; start_date: string; end_date: string }[];
  /** The establishment as the register holds it now (posts carry no history). */
  posts: readonly { role: string; fte: number; status: string; covered_by: string | null }[];
  /** Working days in [from, to], both included (the England working calendar). */
  workingDays(from: string, to: string): number;
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

/**
 * The register as the census would count it on `censusDate`. A leaver is someone whose leaving
 * day (the first day not in post) falls in the census year, so each departure counts in exactly
 * one year; a starter started in the year. Days lost are the working days of sickness in the
 * year, times the worker's FTE (the census's FTE-adjusted WorkingDaysLost).
 */
export function registerWorkforce(facts: RegisterWorkforceFacts, censusDate: string): WorkforceInput {
  const { from, to } = censusYear(censusDate);
  const workers: WorkforceWorker[] = [];
  const sickness = new Map<string, { start_date: string; end_date: string }[]>();
  for (const a of facts.absences) {
    if (a.kind !== 'sickness' || a.end_date < from || a.start_date > to) continue;
    const list = sickness.get(a.practitioner_id) ?? [];
    list.push(a);
    sickness.set(a.practitioner_id, list);
  }
  const inPost = new Set<string>();
  for (const p of facts.practitioners) {
    if (!CENSUS_ROLES.has(p.role) || p.started_on > to || (p.left_on !== null && p.left_on < from)) continue;
    const here = inPostOn(p, censusDate);
    if (here) inPost.add(p.practitioner_id);
    const fte = Number(p.fte);
    const days = (sickness.get(p.practitioner_id) ?? []).reduce((n, a) => n + facts.workingDays(later(a.start_date, from), earlier(a.end_date, to)), 0);
    workers.push({
      agency: p.agency, fte, fte30: here ? fte : null, inPost: here,
      starter: p.started_on >= from && p.started_on <= to,
      leaver: p.left_on !== null && p.left_on >= from && p.left_on <= to,
      cases30: here ? facts.casesOn.get(p.practitioner_id) ?? 0 : 0,
      workingDaysLost: p.agency ? 0 : days * fte,
    });
  }
  const vacant = facts.posts.filter((p) => p.status === 'vacant' && CENSUS_ROLES.has(p.role));
  return {
    censusDate,
    workers,
    vacancyFte: vacant.reduce((n, p) => n + Number(p.fte), 0),
    agencyCoverFte: vacant.filter((p) => p.covered_by !== null && inPost.has(p.covered_by)).reduce((n, p) => n + Number(p.fte), 0),
    workingDaysInYear: facts.workingDays(from, to),
  };
}

/** A worker of an imported workforce census, as the census holds them (CSWWWorker). */
export interface CensusWorkerFacts {
  agency: boolean;
  fte: number | null;
  fte30: number | null;
  roleStart: string | null;
  roleEnd: string | null;
  cases30: number | null;
  workingDaysLost: number | null;
}

/**
 * An imported workforce census as the indicators read it. A worker with a RoleEndDate on or
 * before the census date is a leaver and not in post (the register's reading: leaving on 30
 * September is leaving in the year). LALevelVacancies' NoAgencyFTE is read as the FTE of agency
 * workers covering vacancies, as the census import reads it.
 */
export function censusWorkforce(census: { censusDate: string; vacancies: { fte: number; agencyFte: number }; workers: readonly CensusWorkerFacts[] }, workingDaysInYear: number): WorkforceInput {
  const { from, to } = censusYear(census.censusDate);
  return {
    censusDate: census.censusDate,
    workers: census.workers.map((w) => {
      const left = w.roleEnd !== null && w.roleEnd <= to;
      const here = !left && (w.roleStart === null || w.roleStart <= to);
      return {
        agency: w.agency, fte: w.fte ?? w.fte30 ?? 0, fte30: here ? w.fte30 : null, inPost: here,
        starter: w.roleStart !== null && w.roleStart >= from && w.roleStart <= to,
        leaver: left && w.roleEnd! >= from,
        cases30: here ? w.cases30 ?? 0 : 0,
        workingDaysLost: w.workingDaysLost ?? 0,
      };
    }),
    vacancyFte: census.vacancies.fte,
    agencyCoverFte: census.vacancies.agencyFte,
    workingDaysInYear,
  };
}
