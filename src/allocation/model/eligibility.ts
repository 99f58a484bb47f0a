/**
 * Who may take a case, and why not: each rule of the council's allocation policy as a plain
 * reason. Pure: the service gathers the facts, this decides.
 */
import { addMonths, type Day } from '../../kernel/calendar.ts';
import type { CaseStatus } from '../../workload/model/catalogue.ts';
import { STATUS_NAMES } from '../../workload/model/catalogue.ts';
import { CHILD_PROTECTION_STATUSES, type AllocationPolicy } from './policy.ts';

/** What the rules need to know about one person who might take the case. */
export interface CandidateFacts {
  practitionerId: string;
  name: string;
  role: string;
  /** The first day of their ASYE year, when they are in it on the day. */
  asyeStart: Day | null;
  leftOn: Day | null;
  /** Absences, last day inclusive. */
  absences: readonly { start: Day; end: Day }[];
  caseworkHours: number;
  /** Restricted records they hold a grant for. */
  grantedChildIds: ReadonlySet<string>;
  /** Declared conflicts of interest, for a child or a whole family. */
  conflicts: readonly { childId: string | null; familyId: string | null }[];
}

/** The case (one child, or siblings going together) being allocated. */
export interface CaseFacts {
  childIds: readonly string[];
  familyIds: readonly string[];
  statuses: readonly CaseStatus[];
  restrictedChildIds: readonly string[];
}

export type ProblemCode = 'role' | 'no_capacity' | 'leaving' | 'absence' | 'asye_cases' | 'asye_workload' | 'asye_child_protection' | 'restricted' | 'conflict';

export interface EligibilityProblem {
  code: ProblemCode;
  text: string;
  /** A manager may override it, giving a reason (only the ASYE child protection rule). */
  overridable: boolean;
}

const fmt = (n: number) => `${Math.round(n * 100)}%`;

/** Every rule the person breaks for this case; none means eligible. `after` is their load if they took it. */
export function eligibilityProblems(
  person: CandidateFacts,
  kase: CaseFacts,
  after: { cases: number; ratio: number | null },
  policy: AllocationPolicy,
  day: Day,
  roleName: (role: string) => string = (r) => r,
): EligibilityProblem[] {
  const problems: EligibilityProblem[] = [];
  const refused = kase.statuses.filter((s) => !policy.mayHold[s].includes(person.role));
  if (refused.length > 0) {
    problems.push({ code: 'role', text: `A ${roleName(person.role).toLowerCase()} may not lead ${refused.map((s) => STATUS_NAMES[s].toLowerCase()).join(' or ')} work under the council’s rules.`, overridable: false });
  }
  if (person.caseworkHours <= 0) problems.push({ code: 'no_capacity', text: 'Has no casework time this month.', overridable: false });
  const horizon = day + policy.lookAheadDays;
  if (person.leftOn !== null && person.leftOn <= horizon) {
    problems.push({ code: 'leaving', text: person.leftOn <= day ? 'Has left.' : `Leaves within ${policy.lookAheadDays} days.`, overridable: false });
  }
  const away = person.absences.find((a) => a.end >= day && a.start <= horizon && a.end - a.start + 1 >= policy.absenceMinDays);
  if (away) problems.push({ code: 'absence', text: away.start <= day ? 'Is away now, for more than a week.' : `Is away for ${away.end - away.start + 1} days starting within ${policy.lookAheadDays} days.`, overridable: false });
  if (person.asyeStart !== null) {
    if (after.cases > policy.asye.maxCases) problems.push({ code: 'asye_cases', text: `In their ASYE year: would hold ${after.cases} cases, more than the council’s limit of ${policy.asye.maxCases}.`, overridable: false });
    if (after.ratio !== null && after.ratio > policy.asye.maxRatio) problems.push({ code: 'asye_workload', text: `In their ASYE year: workload would be ${fmt(after.ratio)}, above the council’s limit of ${fmt(policy.asye.maxRatio)}.`, overridable: false });
    const months = policy.asye.noChildProtectionLeadMonths;
    if (months > 0 && day < addMonths(person.asyeStart, months) && kase.statuses.some((s) => CHILD_PROTECTION_STATUSES.includes(s))) {
      problems.push({ code: 'asye_child_protection', text: `In the first ${months} months of their ASYE year: no child protection lead unless you override with a reason.`, overridable: true });
    }
  }
  const closed = kase.restrictedChildIds.filter((c) => !person.grantedChildIds.has(c));
  if (closed.length > 0) problems.push({ code: 'restricted', text: 'Has no grant to this restricted record.', overridable: false });
  const conflict = person.conflicts.some((c) => (c.childId !== null && kase.childIds.includes(c.childId)) || (c.familyId !== null && kase.familyIds.includes(c.familyId)));
  if (conflict) problems.push({ code: 'conflict', text: 'Has declared a conflict of interest with this family.', overridable: false });
  return problems;
}

/** Eligible once the manager's overrides (with a reason) are taken into account. */
export const isEligible = (problems: readonly EligibilityProblem[], overridden: ReadonlySet<ProblemCode> = new Set()): boolean =>
  problems.every((p) => p.overridable && overridden.has(p.code));
