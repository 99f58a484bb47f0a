/**
 * Reading what allocation decides on: the open cases and who holds them, the people who could
 * take a case with their workload now, and the council's rules. No access checks here: the use
 * cases in index.ts ask first and audit in the same transaction.
 */
import type { Db } from '../../platform/database.ts';
import { toCaseInputs } from '../../cases/model/index.ts';
import * as casesStore from '../../cases/store.ts';
import * as accessStore from '../../access/store.ts';
import * as workforceStore from '../../workforce/store.ts';
import { ROLE_NAMES, toPractitionerInput } from '../../workforce/model.ts';
import { dayFromIso, isoFromDay, type CaseInput } from '../../workload/model/index.ts';
import { loadModelContext, loadWorkloadInputs, runWorkloads, type VersionedContext } from '../../workload/service/index.ts';
import { DEFAULT_POLICY, parseAllocationPolicy, type AllocationPolicy, type OpenCase, type WhatIfCandidate } from '../model/index.ts';
import * as store from '../store.ts';

/** Teams whose manager allocates new cases nobody has held yet (a referral goes to the front door or assessment). */
export const INTAKE_SERVICES = ['front_door', 'assessment'] as const;

export const roleName = (role: string) => ROLE_NAMES[role] ?? role;

export async function loadPolicy(db: Db, councilId: string): Promise<{ policy: AllocationPolicy; version: number }> {
  const stored = await store.getLatestSettings(db, councilId);
  if (!stored) return { policy: DEFAULT_POLICY, version: 0 };
  const parsed = parseAllocationPolicy(stored.settings);
  if (!parsed.ok) throw new Error(`Allocation settings version ${stored.version} of ${councilId} are invalid: ${parsed.problems.join('; ')}`);
  return { policy: parsed.policy, version: stored.version };
}

export interface OpenCases {
  cases: OpenCase[];
  inputs: Map<string, CaseInput>;
  /** team id → its service, for the intake rule. */
  teamServices: Map<string, string>;
  teamNames: Map<string, string>;
}

/** Every child with an open status on the day, with the lead worker (and their absence) or the last one. */
export async function loadOpenCases(db: Db, councilId: string, date: string): Promise<OpenCases> {
  const day = dayFromIso(date);
  const [records, leads, teams] = await Promise.all([
    casesStore.loadCaseRecords(db, councilId),
    store.listOpenLeads(db, councilId, date),
    workforceStore.listTeams(db, councilId, date),
  ]);
  const inputs = toCaseInputs(records.children, records.episodes, records.factors);
  const open = [...inputs.values()].filter((c) => c.episodes.some((e) => e.start <= day && (e.end === null || e.end > day)));
  const openIds = new Set(open.map((c) => c.childId));
  const leadBy = new Map(leads.filter((l) => openIds.has(l.child_id)).map((l) => [l.child_id, l]));
  const withoutLead = open.filter((c) => !leadBy.has(c.childId)).map((c) => c.childId);
  const ended = await store.listEndedLeads(db, councilId, date, withoutLead);
  const lastBy = new Map<string, (typeof ended)[number]>();
  for (const e of ended) lastBy.set(e.child_id, e); // ordered by end date: the last one wins
  const holderIds = [...new Set([...leadBy.values(), ...lastBy.values()].map((a) => a.practitioner_id))];
  const [people, absences, restricted] = await Promise.all([
    workforceStore.listPractitionersByIds(db, councilId, holderIds),
    workforceStore.listAbsences(db, councilId, date, date, [...new Set([...leadBy.values()].map((a) => a.practitioner_id))]),
    casesStore.listRestrictedChildIds(db, councilId, [...openIds]).then((r) => new Set(r)),
  ]);
  const person = new Map(people.map((p) => [p.practitioner_id, p]));
  const absenceBy = new Map(absences.map((a) => [a.practitioner_id, a]));
  const names = new Map(records.children.map((c) => [c.child_id, c.name]));
  const cases: OpenCase[] = open.map((c) => {
    const lead = leadBy.get(c.childId);
    const last = lastBy.get(c.childId);
    const p = lead ? person.get(lead.practitioner_id) : undefined;
    const away = lead ? absenceBy.get(lead.practitioner_id) : undefined;
    return {
      childId: c.childId, name: names.get(c.childId) ?? c.childId, familyId: c.familyId, restricted: restricted.has(c.childId), input: c,
      lead: lead ? {
        practitionerId: lead.practitioner_id, name: p?.name ?? lead.practitioner_id, teamId: lead.team_id,
        leftOn: p?.left_on ? dayFromIso(p.left_on) : null,
        absence: away ? { start: dayFromIso(away.start_date), end: dayFromIso(away.end_date) } : null,
      } : null,
      lastLead: !lead && last ? { practitionerId: last.practitioner_id, name: person.get(last.practitioner_id)?.name ?? last.practitioner_id, teamId: last.team_id, end: dayFromIso(last.end_date!) } : null,
    };
  });
  return { cases, inputs, teamServices: new Map(teams.map((t) => [t.team_id, t.service])), teamNames: new Map(teams.map((t) => [t.team_id, t.name])) };
}

/** The teams responsible for a waiting case: the team that holds or held it, or for a new case the intake teams. */
export function responsibleTeams(teamId: string | null, teamServices: ReadonlyMap<string, string>): string[] {
  if (teamId !== null) return [teamId];
  return [...teamServices].filter(([, service]) => (INTAKE_SERVICES as readonly string[]).includes(service)).map(([id]) => id);
}

export interface CandidatePool {
  ctx: VersionedContext;
  candidates: WhatIfCandidate[];
}

/**
 * Everyone in post in the given teams (the whole council when omitted) as allocation
 * candidates: their workload now from one read of the register, grants to the restricted
 * children named, conflicts, former cases and allocations in the recent window.
 */
export async function loadCandidates(db: Db, councilId: string, date: string, policy: AllocationPolicy, teamIds: readonly string[] | undefined, restrictedChildIds: readonly string[], now: Date): Promise<CandidatePool> {
  const ctx = await loadModelContext(db, councilId);
  const day = dayFromIso(date);
  const inputsList = teamIds === undefined
    ? [await loadWorkloadInputs(db, councilId, date, Math.max(ctx.config.horizonDays, policy.lookAheadDays + 31), undefined)]
    : await Promise.all([...new Set(teamIds)].map((t) => loadWorkloadInputs(db, councilId, date, Math.max(ctx.config.horizonDays, policy.lookAheadDays + 31), t)));
  const [conflicts, granted, recent, ended] = await Promise.all([
    store.listConflicts(db, councilId),
    accessStore.listGrantedPractitioners(db, councilId, restrictedChildIds, now),
    store.countLeadsStartedBetween(db, councilId, isoFromDay(day - policy.recentDays + 1), date),
    store.listEndedLeads(db, councilId, date),
  ]);
  const formerBy = new Map<string, Set<string>>();
  for (const e of ended) formerBy.set(e.practitioner_id, (formerBy.get(e.practitioner_id) ?? new Set()).add(e.child_id));
  const grantsBy = new Map<string, Set<string>>();
  for (const g of granted) grantsBy.set(g.practitioner_id, (grantsBy.get(g.practitioner_id) ?? new Set()).add(g.child_id));
  const candidates: WhatIfCandidate[] = [];
  for (const inputs of inputsList) {
    for (const { practitioner: p, workload } of runWorkloads(inputs, ctx)) {
      candidates.push({
        practitionerId: p.practitioner_id, name: p.name, teamId: p.team_id, role: p.role,
        asyeStart: workload.capacity.inAsye && p.asye_start ? dayFromIso(p.asye_start) : null,
        leftOn: p.left_on ? dayFromIso(p.left_on) : null,
        absences: (inputs.absencesBy.get(p.practitioner_id) ?? []).map((a) => ({ start: dayFromIso(a.start_date), end: dayFromIso(a.end_date) })),
        caseworkHours: workload.capacity.caseworkHours,
        grantedChildIds: grantsBy.get(p.practitioner_id) ?? new Set(),
        conflicts: conflicts.filter((c) => c.practitioner_id === p.practitioner_id).map((c) => ({ childId: c.child_id, familyId: c.family_id })),
        held: inputs.heldBy.get(p.practitioner_id) ?? [],
        hours: workload.demand.total,
        formerChildIds: formerBy.get(p.practitioner_id) ?? new Set(),
        recentAllocations: recent.get(p.practitioner_id) ?? 0,
        capacityInput: toPractitionerInput(p, inputs.absencesBy.get(p.practitioner_id) ?? []),
      });
    }
  }
  return { ctx, candidates };
}
