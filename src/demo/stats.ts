import { toCaseInputs } from '../cases/model/index.ts';
import { inPostOn, openOn } from '../kernel/register.ts';
import type { AbsenceRow } from '../workforce/store.ts';
import { dayFromIso, type CaseInput, type ModelContext, type PractitionerWorkload } from '../workload/model/index.ts';
import { runWorkloads, type WorkloadInputs } from '../workload/service/index.ts';
import type { CouncilData } from './generate.ts';
import { supervisionTimeInMemory } from './supervision.ts';

/**
 * A generated council's register rows, held in memory, turned into the model's inputs: the same
 * shape the database path loads (loadWorkloadInputs), so both run the same runWorkloads.
 */
export function inputsInMemory(data: CouncilData, asOf: string): WorkloadInputs {
  const cases = toCaseInputs(data.children, data.episodes, data.factors);
  const heldBy = new Map<string, CaseInput[]>();
  for (const a of data.allocations) {
    if (a.role !== 'lead' || !openOn(a, asOf)) continue;
    const input = cases.get(a.child_id);
    if (!input) continue;
    const list = heldBy.get(a.practitioner_id);
    if (list) list.push(input);
    else heldBy.set(a.practitioner_id, [input]);
  }
  const absencesBy = new Map<string, AbsenceRow[]>();
  for (const a of data.absences) {
    const list = absencesBy.get(a.practitioner_id);
    if (list) list.push(a);
    else absencesBy.set(a.practitioner_id, [a]);
  }
  return {
    day: dayFromIso(asOf),
    practitioners: data.practitioners.filter((p) => inPostOn(p, asOf)),
    absencesBy,
    heldBy,
    childNames: new Map(data.children.map((c) => [c.child_id, c.name])),
    // The seeder writes supervision history too: its time counts in capacity, as on the database path.
    supervisionBy: supervisionTimeInMemory(data, asOf),
  };
}

/** Rows in memory → every practitioner's workload: conversion and model together. */
export function workloadsInMemory(data: CouncilData, asOf: string, ctx: ModelContext): PractitionerWorkload[] {
  return runWorkloads(inputsInMemory(data, asOf), ctx).map((r) => r.workload);
}
