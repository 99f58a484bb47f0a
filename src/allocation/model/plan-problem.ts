/**
 * From the register's people and cases to the optimiser's problem (plan.ts): each unit (a child,
 * or siblings going together) with its demand, its holder, the workers who keep continuity and
 * everyone the council's rules allow to take it. Pure.
 */
import type { Day } from '../../kernel/calendar.ts';
import { sumRanges, type Range } from '../../kernel/range.ts';
import { caseloadDemand, type ModelContext } from '../../workload/model/demand.ts';
import type { CaseInput } from '../../workload/model/episodes.ts';
import { activeEpisodes } from '../../workload/model/episodes.ts';
import { eligibilityProblems, type CaseFacts } from './eligibility.ts';
import type { PlanProblem, PlanUnit } from './plan.ts';
import type { AllocationPolicy } from './policy.ts';
import type { Candidate } from './suggest.ts';

/** One unit as the service knows it: its children's cases and who holds them now. */
export interface UnitSource {
  id: string;
  cases: readonly CaseInput[];
  restrictedChildIds: readonly string[];
  /** The holder; null when waiting. */
  current: string | null;
}

export interface BuiltProblem {
  problem: PlanProblem;
  /** Each unit's demand and why anyone is not allowed it, for the page. */
  units: { id: string; childIds: string[]; hours: Range; ineligible: Map<string, string[]> }[];
}

const statusesOn = (input: CaseInput, day: Day) => [...activeEpisodes(input.episodes, day).keys()];

/**
 * The problem for these units and workers. `leaving` workers receive nothing and everything they
 * hold in the problem must move. Eligibility is checked as if each unit were the only one a worker
 * took (the ASYE caps count one case more, not every case the plan gives them): the page re-checks
 * the whole plan before it is accepted.
 */
export function buildPlanProblem(
  sources: readonly UnitSource[], candidates: readonly Candidate[], policy: AllocationPolicy, day: Day, ctx: ModelContext,
  options: { leaving?: ReadonlySet<string> } = {},
): BuiltProblem {
  const leaving = options.leaving ?? new Set<string>();
  const inProblem = new Map<string, Range[]>();
  const units: BuiltProblem['units'] = [];
  const planUnits: PlanUnit[] = [];
  for (const s of sources) {
    const hours = caseloadDemand(s.cases, day, ctx).total;
    const childIds = s.cases.map((c) => c.childId);
    const familyIds = [...new Set(s.cases.map((c) => c.familyId).filter((f) => f !== null))];
    const facts: CaseFacts = { childIds, familyIds, statuses: [...new Set(s.cases.flatMap((c) => statusesOn(c, day)))], restrictedChildIds: s.restrictedChildIds };
    if (s.current !== null) inProblem.set(s.current, [...(inProblem.get(s.current) ?? []), hours]);
    const eligible: number[] = [];
    const preferred: string[] = [];
    const ineligible = new Map<string, string[]>();
    candidates.forEach((c, index) => {
      const held = c.held.filter((h) => !childIds.includes(h.childId)).length;
      const ratio = c.caseworkHours > 0 ? (c.hours.central + (s.current === c.practitionerId ? 0 : hours.central)) / c.caseworkHours : null;
      const problems = eligibilityProblems(c, facts, { cases: held + childIds.length, ratio }, policy, day);
      if (problems.length === 0 && !leaving.has(c.practitionerId)) eligible.push(index);
      else ineligible.set(c.practitionerId, leaving.has(c.practitionerId) ? ['Is leaving, in this plan.'] : problems.map((p) => p.text));
      const sibling = c.held.some((h) => h.familyId !== null && familyIds.includes(h.familyId) && !childIds.includes(h.childId));
      if (c.practitionerId !== s.current && (sibling || childIds.some((id) => c.formerChildIds.has(id)))) preferred.push(c.practitionerId);
    });
    units.push({ id: s.id, childIds, hours, ineligible });
    planUnits.push({ id: s.id, hours, current: s.current, preferred, eligible });
  }
  const problem: PlanProblem = {
    units: planUnits,
    workers: candidates.map((c) => {
      const moving = sumRanges(inProblem.get(c.practitionerId) ?? []);
      // What they hold outside the problem (never below nothing: sibling sharing makes the parts sum to more than the whole).
      const fixed = { low: Math.max(0, c.hours.low - moving.low), central: Math.max(0, c.hours.central - moving.central), high: Math.max(0, c.hours.high - moving.high) };
      return { id: c.practitionerId, caseworkHours: c.caseworkHours, fixedHours: fixed, leaving: leaving.has(c.practitionerId) };
    }),
    bands: ctx.config.bands,
  };
  return { problem, units };
}

/** Families stay together: the units of a set of cases, siblings (same family id) in one unit. */
export function unitsOf(cases: readonly { childId: string; familyId: string | null; holder: string | null }[]): { id: string; childIds: string[]; holder: string | null }[] {
  const byKey = new Map<string, { id: string; childIds: string[]; holder: string | null }>();
  for (const c of cases) {
    // Siblings with different holders stay apart: moving one should not move the other's worker's case.
    const key = c.familyId === null ? `child:${c.childId}` : `family:${c.familyId}:${c.holder ?? ''}`;
    const unit = byKey.get(key);
    if (unit) unit.childIds.push(c.childId);
    else byKey.set(key, { id: c.childId, childIds: [c.childId], holder: c.holder });
  }
  return [...byKey.values()];
}
