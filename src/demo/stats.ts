import { toCaseInputs } from '../cases/model.ts';
import { toPractitionerInput } from '../workforce/model.ts';
import { dayFromIso, practitionerWorkload, referenceDemands, type CaseInput, type ModelContext, type PractitionerWorkload } from '../workload/model/index.ts';
import type { CouncilData } from './generate.ts';

/** Runs the model over a generated council held in memory: the "in-memory" path of the benchmark. */
export function workloadsInMemory(data: CouncilData, asOf: string, ctx: ModelContext): PractitionerWorkload[] {
  const day = dayFromIso(asOf);
  const cases = toCaseInputs(data.children, data.episodes, data.factors);
  const held = new Map<string, CaseInput[]>();
  for (const a of data.allocations) {
    if (a.role !== 'lead' || a.start_date > asOf || (a.end_date !== null && a.end_date <= asOf)) continue;
    const input = cases.get(a.child_id);
    if (!input) continue;
    const list = held.get(a.practitioner_id);
    if (list) list.push(input);
    else held.set(a.practitioner_id, [input]);
  }
  const absences = new Map<string, CouncilData['absences']>();
  for (const a of data.absences) {
    const list = absences.get(a.practitioner_id);
    if (list) list.push(a);
    else absences.set(a.practitioner_id, [a]);
  }
  const references = referenceDemands(day, ctx);
  return data.practitioners
    .filter((p) => p.started_on <= asOf && (p.left_on === null || p.left_on > asOf))
    .map((p) => practitionerWorkload(toPractitionerInput(p, absences.get(p.practitioner_id) ?? []), held.get(p.practitioner_id) ?? [], day, ctx, references));
}
