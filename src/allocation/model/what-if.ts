/**
 * What-if, without saving anything: a worker leaves, a vacancy is filled, a long absence starts,
 * or a team receives more cases. The team's bands before and after, from one read of the
 * register, with the cases that need a worker shared out by the plan optimiser (plan.ts) as a
 * manager would share them. Pure.
 */
import { bandFor, type Band } from '../../kernel/bands.ts';
import type { Day } from '../../kernel/calendar.ts';
import { ZERO, type Range } from '../../kernel/range.ts';
import { capacity, type CapacityInput } from '../../workload/model/capacity.ts';
import type { ModelContext } from '../../workload/model/demand.ts';
import type { CaseInput } from '../../workload/model/episodes.ts';
import { HEADROOM_TYPES, type HeadroomType } from '../../workload/model/bands.ts';
import { STATUS_NAMES } from '../../workload/model/catalogue.ts';
import { buildPlanProblem, unitsOf, type UnitSource } from './plan-problem.ts';
import { suggestPlan, type Plan } from './plan.ts';
import type { AllocationPolicy } from './policy.ts';
import type { Candidate } from './suggest.ts';

export type Scenario =
  | { kind: 'leaver'; practitionerId: string }
  | { kind: 'starter'; role: string; asye: boolean; fte: number; contractedWeeklyHours: number }
  | { kind: 'absence'; practitionerId: string; start: Day; end: Day }
  | { kind: 'more_cases'; caseType: HeadroomType; count: number };

export const NEW_STARTER_ID = 'new-starter';

/** The kinds of new case a what-if can add: those the headroom figures price. */
export const WHAT_IF_CASE_TYPES: readonly { value: HeadroomType; text: string }[] = HEADROOM_TYPES.map((t) => ({ value: t, text: STATUS_NAMES[t] }));

export interface WhatIfRow {
  practitionerId: string;
  name: string;
  before: { hours: Range; ratio: number | null; band: Band; cases: number };
  after: { hours: Range; ratio: number | null; band: Band; cases: number } | null;
  /** Cases the plan gives them (+) or takes (−). */
  gains: number;
  losses: number;
}

export interface WhatIfResult {
  rows: WhatIfRow[];
  /** Who moves to a different band, in the order of the rows. */
  crossings: { practitionerId: string; name: string; from: Band; to: Band | 'gone' }[];
  /** Cases nobody in the team may take under the rules. */
  unplaced: number;
  /** Cases the scenario puts in play (the leaver's, the absent worker's, the new ones). */
  moving: number;
  overRed: { practitionerId: string; name: string; shortfallHours: number }[];
}

/** A candidate's CapacityInput (role, hours, ASYE, absences), which what-if needs to re-compute capacity. */
export type WhatIfCandidate = Candidate & { capacityInput: CapacityInput };

const load = (hours: Range, caseworkHours: number, cases: number, ctx: ModelContext) => ({
  hours, cases, ratio: caseworkHours > 0 ? hours.central / caseworkHours : null, band: bandFor(hours.central, caseworkHours, ctx.config.bands),
});

/** A new case of a type, opening on the day, like the reference case the headroom figures use. */
const newCase = (type: HeadroomType, day: Day, i: number): CaseInput => ({ childId: `new-${type}-${i}`, familyId: null, factors: [], episodes: [{ id: `new-${i}`, kind: type, start: day, end: null }] });

export function whatIf(team: readonly WhatIfCandidate[], scenario: Scenario, policy: AllocationPolicy, day: Day, ctx: ModelContext): WhatIfResult {
  let people: WhatIfCandidate[] = [...team];
  const leaving = new Set<string>();
  let sources: UnitSource[] = [];
  const heldUnits = (c: Candidate): UnitSource[] =>
    unitsOf(c.held.map((h) => ({ childId: h.childId, familyId: h.familyId, holder: c.practitionerId })))
      .map((u) => ({ id: u.id, cases: c.held.filter((h) => u.childIds.includes(h.childId)), restrictedChildIds: [], current: c.practitionerId }));

  if (scenario.kind === 'leaver') {
    const who = people.find((p) => p.practitionerId === scenario.practitionerId);
    if (who) {
      leaving.add(who.practitionerId);
      sources = heldUnits(who);
    }
  } else if (scenario.kind === 'absence') {
    people = people.map((p) => {
      if (p.practitionerId !== scenario.practitionerId) return p;
      const input = { ...p.capacityInput, absences: [...p.capacityInput.absences, { kind: 'sickness', start: scenario.start, end: scenario.end }] };
      return { ...p, capacityInput: input, caseworkHours: capacity(input, day, ctx.config, ctx.calendar).caseworkHours };
    });
    const who = people.find((p) => p.practitionerId === scenario.practitionerId);
    // A long absence leaves the cases needing a new worker (policy.longTermAbsenceDays); a short one only lowers capacity.
    if (who && scenario.end - scenario.start + 1 >= policy.longTermAbsenceDays) {
      leaving.add(who.practitionerId);
      sources = heldUnits(who);
    }
  } else if (scenario.kind === 'starter') {
    const input: CapacityInput = { role: scenario.role, fte: scenario.fte, contractedWeeklyHours: scenario.contractedWeeklyHours, asyeStart: scenario.asye ? day : null, leftOn: null, absences: [] };
    const teamId = people[0]?.teamId ?? '';
    people.push({
      practitionerId: NEW_STARTER_ID, name: scenario.asye ? 'New starter (ASYE)' : 'New starter (experienced)', teamId, role: scenario.role,
      asyeStart: scenario.asye ? day : null, leftOn: null, absences: [], caseworkHours: capacity(input, day, ctx.config, ctx.calendar).caseworkHours,
      grantedChildIds: new Set(), conflicts: [], held: [], hours: ZERO, formerChildIds: new Set(), recentAllocations: 0, capacityInput: input,
    });
    // Filling a vacancy is a chance to rebalance: everyone over the band may pass work to the new starter.
    sources = people.flatMap((p) => (p.hours.central > ctx.config.bands.greenUpTo * p.caseworkHours ? heldUnits(p) : []));
  } else {
    sources = Array.from({ length: scenario.count }, (_, i) => {
      const c = newCase(scenario.caseType, day, i);
      return { id: c.childId, cases: [c], restrictedChildIds: [], current: null };
    });
  }

  const built = buildPlanProblem(sources, people, policy, day, ctx, { leaving });
  // With a new starter, the plan starts from the team's plan without them too: adding a worker
  // then never leaves anyone more over capacity (plan.ts's guarantee).
  const start = scenario.kind === 'starter'
    ? new Map(suggestPlan(buildPlanProblem(sources, team, policy, day, ctx, { leaving }).problem).rows.filter((r) => r.to !== null).map((r) => [r.unitId, r.to!]))
    : undefined;
  const plan: Plan = suggestPlan(built.problem, start ? { start } : {});
  const byWorker = new Map(plan.workers.map((w) => [w.workerId, w]));
  const casesMoved = new Map<string, number>();
  const unitSize = new Map(built.units.map((u) => [u.id, u.childIds.length]));
  for (const r of plan.rows) {
    if (!r.moved || r.to === null) continue;
    casesMoved.set(r.to, (casesMoved.get(r.to) ?? 0) + unitSize.get(r.unitId)!);
    if (r.from !== null) casesMoved.set(r.from, (casesMoved.get(r.from) ?? 0) - unitSize.get(r.unitId)!);
  }
  const rows: WhatIfRow[] = people.map((p) => {
    const original = team.find((t) => t.practitionerId === p.practitionerId);
    const before = original ? load(original.hours, original.caseworkHours, original.held.length, ctx) : load(ZERO, 0, 0, ctx);
    const w = byWorker.get(p.practitionerId)!;
    const gone = scenario.kind === 'leaver' && leaving.has(p.practitionerId);
    const plannedHours = w.after.hours;
    return {
      practitionerId: p.practitionerId, name: p.name, before,
      after: gone ? null : load(plannedHours, p.caseworkHours, p.held.length + (casesMoved.get(p.practitionerId) ?? 0), ctx),
      gains: w.gains, losses: w.losses,
    };
  });
  const crossings = rows.filter((r) => r.after === null || r.after.band !== r.before.band)
    .map((r) => ({ practitionerId: r.practitionerId, name: r.name, from: r.before.band, to: r.after === null ? 'gone' as const : r.after.band }));
  const name = new Map(people.map((p) => [p.practitionerId, p.name]));
  return {
    rows, crossings,
    unplaced: plan.unplaceable.reduce((n, u) => n + (unitSize.get(u.unitId) ?? 0), 0),
    moving: sources.reduce((n, s) => n + s.cases.length, 0),
    overRed: plan.overRed.map((o) => ({ practitionerId: o.workerId, name: name.get(o.workerId) ?? o.workerId, shortfallHours: o.shortfallHours })),
  };
}
