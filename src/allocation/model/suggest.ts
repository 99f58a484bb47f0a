/**
 * Suggestions for one case: every practitioner ranked, with their workload now and after taking
 * it, recent allocations, continuity, and why anyone is not eligible. Only people who hold one
 * of the family's children are re-computed in full (sibling visits are shared); for everyone
 * else "after" is "now" plus the case's own demand. Pure.
 */
import { bandFor, type Band, type BandThresholds } from '../../kernel/bands.ts';
import type { Day } from '../../kernel/calendar.ts';
import { sumRanges, type Range } from '../../kernel/range.ts';
import { caseloadDemand, type ModelContext } from '../../workload/model/demand.ts';
import type { CaseInput } from '../../workload/model/episodes.ts';
import { eligibilityProblems, isEligible, type CandidateFacts, type CaseFacts, type EligibilityProblem, type ProblemCode } from './eligibility.ts';
import type { AllocationPolicy } from './policy.ts';

export interface Candidate extends CandidateFacts {
  teamId: string;
  /** What they hold now, and its demand. */
  held: readonly CaseInput[];
  hours: Range;
  /** Children they held before (closed lead allocations). */
  formerChildIds: ReadonlySet<string>;
  /** Lead allocations they were given in the policy's recent window. */
  recentAllocations: number;
}

export interface Load {
  hours: Range;
  ratio: number | null;
  band: Band;
  cases: number;
}

export interface Suggestion {
  practitionerId: string;
  name: string;
  teamId: string;
  role: string;
  eligible: boolean;
  problems: EligibilityProblem[];
  now: Load;
  after: Load;
  recentAllocations: number;
  holdsSibling: boolean;
  heldBefore: boolean;
}

const load = (hours: Range, caseworkHours: number, cases: number, bands: BandThresholds): Load => ({
  hours, cases, ratio: caseworkHours > 0 ? hours.central / caseworkHours : null, band: bandFor(hours.central, caseworkHours, bands),
});

/** A case's demand when it joins what someone holds: in full, or with sibling visits shared when they hold a sibling. */
export function hoursAfter(held: readonly CaseInput[], now: Range, unit: readonly CaseInput[], unitAlone: Range, day: Day, ctx: ModelContext): Range {
  const families = new Set(unit.map((c) => c.familyId).filter((f) => f !== null));
  if (!held.some((c) => c.familyId !== null && families.has(c.familyId))) return sumRanges([now, unitAlone]);
  return caseloadDemand([...held, ...unit], day, ctx).total;
}

const BAND_ORDER: Record<Band, number> = { none: 0, green: 1, amber: 2, red: 3, cover: 4 };

/**
 * Ranked: eligible first; then someone who already holds a sibling (siblings go together); then
 * anyone the case would not push over capacity (red) before anyone it would; then someone who held
 * this child before; then the band after taking the case; then the lower workload after, each
 * case given to them in the past week counting as RECENT_WEIGHT of capacity (its work is not in
 * the hours until its visits are scheduled); then name. Continuity with the past ranks below the
 * red band: a former worker already over capacity is not the best choice for a child.
 */
export function suggest(
  unit: { cases: readonly CaseInput[]; facts: CaseFacts; alone: Range },
  candidates: readonly Candidate[],
  policy: AllocationPolicy,
  day: Day,
  ctx: ModelContext,
  options: { overridden?: ReadonlySet<ProblemCode>; roleName?: (role: string) => string } = {},
): Suggestion[] {
  const bands = ctx.config.bands;
  const childIds = new Set(unit.facts.childIds);
  const families = new Set(unit.facts.familyIds);
  const rows = candidates.map((c): Suggestion => {
    const heldHere = c.held.filter((h) => !childIds.has(h.childId));
    const after = hoursAfter(heldHere, c.hours, unit.cases, unit.alone, day, ctx);
    const casesAfter = heldHere.length + unit.cases.length;
    const afterLoad = load(after, c.caseworkHours, casesAfter, bands);
    const problems = eligibilityProblems(c, unit.facts, { cases: casesAfter, ratio: afterLoad.ratio }, policy, day, options.roleName);
    return {
      practitionerId: c.practitionerId, name: c.name, teamId: c.teamId, role: c.role,
      eligible: isEligible(problems, options.overridden), problems,
      now: load(c.hours, c.caseworkHours, c.held.length, bands), after: afterLoad,
      recentAllocations: c.recentAllocations,
      holdsSibling: heldHere.some((h) => h.familyId !== null && families.has(h.familyId)),
      heldBefore: unit.facts.childIds.some((id) => c.formerChildIds.has(id)),
    };
  });
  return rows.sort(compareSuggestions);
}

/** A case allocated in the past week weighs as a twentieth of a month's casework time. */
export const RECENT_WEIGHT = 0.05;
const effective = (s: Suggestion) => (s.after.ratio ?? Number.MAX_VALUE) + RECENT_WEIGHT * s.recentAllocations;

const overCapacity = (s: Suggestion) => s.after.band === 'red' || s.after.band === 'cover';

export function compareSuggestions(a: Suggestion, b: Suggestion): number {
  return Number(b.eligible) - Number(a.eligible)
    || Number(b.holdsSibling) - Number(a.holdsSibling)
    || Number(overCapacity(a)) - Number(overCapacity(b))
    || Number(b.heldBefore) - Number(a.heldBefore)
    || BAND_ORDER[a.after.band] - BAND_ORDER[b.after.band]
    || effective(a) - effective(b)
    || a.name.localeCompare(b.name);
}
