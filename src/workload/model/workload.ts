import type { Day } from '../../kernel/calendar.ts';
import { bandFor, headroom, HEADROOM_TYPES, referenceCaseDemand, workloadRatio, type Band, type Headroom, type HeadroomType } from './bands.ts';
import { capacity, type Capacity, type CapacityInput } from './capacity.ts';
import { caseloadDemand, type ModelContext } from './demand.ts';
import { handOff, type DelegatedDemand, type DelegatedTask } from './delegation.ts';
import type { CaseInput } from './episodes.ts';
import type { Range } from '../../kernel/range.ts';

export interface PractitionerInput extends CapacityInput {
  practitionerId: string;
}

export interface PractitionerWorkload {
  practitionerId: string;
  caseCount: number;
  /** The cases' demand less the hours of tasks handed to business support (each a line). */
  demand: DelegatedDemand;
  capacity: Capacity;
  ratio: Range | null;
  band: Band;
  headroom: Record<HeadroomType, Headroom>;
}

export type ReferenceDemands = Record<HeadroomType, Range>;

/** Reference demand of each case type on a date; compute once and share across practitioners. */
export function referenceDemands(day: Day, ctx: ModelContext): ReferenceDemands {
  return Object.fromEntries(HEADROOM_TYPES.map((t) => [t, referenceCaseDemand(t, day, ctx)])) as ReferenceDemands;
}

/** Everything the model says about one practitioner on one date. */
export function practitionerWorkload(
  practitioner: PractitionerInput,
  cases: readonly CaseInput[],
  day: Day,
  ctx: ModelContext,
  references: ReferenceDemands = referenceDemands(day, ctx),
  tasks: readonly DelegatedTask[] = [],
): PractitionerWorkload {
  const demand = handOff(caseloadDemand(cases, day, ctx), tasks, day, ctx.config);
  const cap = capacity(practitioner, day, ctx.config, ctx.calendar);
  const room = {} as Record<HeadroomType, Headroom>;
  for (const type of HEADROOM_TYPES) room[type] = headroom(demand.total, cap.caseworkHours, references[type], ctx.config);
  return {
    practitionerId: practitioner.practitionerId,
    caseCount: demand.cases.filter((c) => c.statuses.length > 0).length,
    demand,
    capacity: cap,
    ratio: workloadRatio(demand.total, cap.caseworkRange),
    band: bandFor(demand.total.central, cap.caseworkHours, ctx.config),
    headroom: room,
  };
}
