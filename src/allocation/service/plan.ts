/**
 * Planning many cases at once, and what-if: a leaver's caseload, the team's waiting cases or the
 * whole team brought under the band, as one plan the manager edits and accepts (each allocation
 * written and audited in one transaction); and what-if scenarios that save nothing. Each asks
 * access first; reads of children's records are audited in the read's transaction.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { decide } from '../../access/model/index.ts';
import { auditChildAccess, authorise } from '../../access/service.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { InvalidInputError, NotAllowedError, NotFoundError, type FieldProblem } from '../../kernel/errors.ts';
import type { Range } from '../../kernel/range.ts';
import type { Band } from '../../kernel/bands.ts';
import * as workforceStore from '../../workforce/store.ts';
import { dayFromIso, englandCalendar, STATUS_NAMES } from '../../workload/model/index.ts';
import {
  buildPlanProblem, editPlan, isReasonCode, NOTE_MAX, suggestPlan, unitsOf, waitingCases, whatIf,
  type Plan, type Scenario, type UnitSource, type WhatIfResult,
} from '../model/index.ts';
import { loadCandidates, loadOpenCases, loadPolicy, responsibleTeams, roleName } from './facts.ts';
import { recordAllocation } from './record.ts';
import { allocationResource } from './resource.ts';
import * as store from '../store.ts';

export const PLAN_MODES = ['leaver', 'waiting', 'balance'] as const;
export type PlanMode = (typeof PLAN_MODES)[number];

export interface PlanRequest {
  mode: PlanMode;
  teamId: string;
  /** The leaver, for mode 'leaver'. */
  practitionerId?: string;
  date: string;
  /** The manager's changes to the suggested plan: unit id → worker id. */
  edits?: ReadonlyMap<string, string>;
}

export interface PlanView {
  request: Omit<PlanRequest, 'edits'>;
  teamName: string;
  leaverName: string | null;
  /** Everyone in the team, for choosing a leaver. */
  people: { practitionerId: string; name: string }[];
  units: {
    unitId: string; names: string[]; statuses: string[]; hours: Range;
    from: string | null; fromName: string | null; to: string | null; toName: string | null;
    moved: boolean; continuity: boolean; edited: boolean;
    options: { practitionerId: string; name: string }[];
    reason: string | null;
  }[];
  workers: { practitionerId: string; name: string; role: string; before: { hours: Range; ratio: number | null; band: Band }; after: { hours: Range; ratio: number | null; band: Band }; gains: number; losses: number; leaving: boolean }[];
  objective: Plan['objective'];
  overRed: { name: string; shortfallHours: number }[];
  editProblems: FieldProblem[];
  /** Identifies the plan as suggested from this register (kept with the decisions it produces). */
  planId: string;
}

interface Built {
  view: PlanView;
  plan: Plan;
  problem: ReturnType<typeof buildPlanProblem>;
  childNames: Map<string, string>;
  openLeads: Awaited<ReturnType<typeof store.listOpenLeads>>;
}

async function buildPlan(db: Db, ctx: RequestContext, request: PlanRequest): Promise<Built> {
  const { actor } = ctx;
  const day = dayFromIso(request.date);
  const [{ policy }, open] = await Promise.all([loadPolicy(db, actor.councilId), loadOpenCases(db, actor.councilId, request.date)]);
  if (!open.teamNames.has(request.teamId)) throw new NotFoundError(`There is no team "${request.teamId}" whose work you allocate.`);
  const restrictedIds = open.cases.filter((c) => c.restricted).map((c) => c.childId);
  const pool = await loadCandidates(db, actor.councilId, request.date, policy, [request.teamId], restrictedIds, ctx.now);
  // A manager never plans work onto themselves.
  const candidates = pool.candidates.filter((c) => c.practitionerId !== actor.practitionerId);
  const byChild = new Map(open.cases.map((c) => [c.childId, c]));
  // A restricted record the manager has no grant to stays out of the plan: they could not allocate it.
  const hidden = (id: string) => byChild.get(id)?.restricted === true && !actor.grantedChildIds.includes(id);
  const sourcesOf = (units: { id: string; childIds: string[]; holder: string | null }[]): UnitSource[] => units
    .filter((u) => !u.childIds.some(hidden))
    .map((u) => ({ id: u.id, cases: u.childIds.map((id) => open.inputs.get(id)!), current: u.holder, restrictedChildIds: u.childIds.filter((id) => byChild.get(id)?.restricted) }));
  const leaving = new Set<string>();
  let sources: UnitSource[];
  let leaverName: string | null = null;
  if (request.mode === 'leaver') {
    const leaver = pool.candidates.find((c) => c.practitionerId === request.practitionerId);
    if (!leaver) throw new InvalidInputError('Choose who is leaving from the team.', [{ field: 'practitioner', message: 'Choose who is leaving from the team.' }]);
    leaverName = leaver.name;
    leaving.add(leaver.practitionerId);
    sources = sourcesOf(unitsOf(leaver.held.map((h) => ({ childId: h.childId, familyId: h.familyId, holder: leaver.practitionerId }))));
  } else if (request.mode === 'waiting') {
    const waiting = waitingCases(open.cases, day, englandCalendar(), policy).filter((w) => responsibleTeams(w.teamId, open.teamServices).includes(request.teamId));
    const inTeam = new Set(pool.candidates.map((c) => c.practitionerId));
    const holderOf = (childId: string) => {
      const lead = byChild.get(childId)?.lead ?? null;
      return lead && inTeam.has(lead.practitionerId) ? lead.practitionerId : null;
    };
    for (const w of waiting) {
      const h = holderOf(w.childId);
      if (h) leaving.add(h);
    }
    sources = sourcesOf(unitsOf(waiting.map((w) => ({ childId: w.childId, familyId: w.familyId, holder: holderOf(w.childId) }))));
  } else {
    sources = sourcesOf(unitsOf(candidates.flatMap((c) => c.held.map((h) => ({ childId: h.childId, familyId: h.familyId, holder: c.practitionerId })))));
  }
  const problem = buildPlanProblem(sources, candidates.concat(pool.candidates.filter((c) => c.practitionerId === actor.practitionerId && leaving.has(c.practitionerId))), policy, day, pool.ctx, { leaving });
  let plan = suggestPlan(problem.problem);
  const planId = createHash('sha256').update(JSON.stringify([request.mode, request.teamId, request.practitionerId ?? '', request.date, plan.rows.map((r) => [r.unitId, r.to])])).digest('hex').slice(0, 16);
  const editProblems: FieldProblem[] = [];
  const edited = new Set<string>();
  for (const [unitId, workerId] of request.edits ?? []) {
    const row = plan.rows.find((r) => r.unitId === unitId);
    if (!row || row.to === workerId || workerId === '') continue;
    const result = editPlan(problem.problem, plan, unitId, workerId);
    if (result.ok) {
      plan = result.plan;
      edited.add(unitId);
    } else editProblems.push({ field: `to-${unitId}`, message: result.reason });
  }
  const people = new Map(pool.candidates.map((c) => [c.practitionerId, c]));
  const nameOf = (id: string | null) => (id === null ? null : people.get(id)?.name ?? byChild.get(id)?.lead?.name ?? id);
  const unitById = new Map(problem.units.map((u) => [u.id, u]));
  const view: PlanView = {
    request: { mode: request.mode, teamId: request.teamId, practitionerId: request.practitionerId, date: request.date },
    teamName: open.teamNames.get(request.teamId) ?? request.teamId,
    leaverName,
    people: pool.candidates.map((c) => ({ practitionerId: c.practitionerId, name: c.name })).sort((a, b) => a.name.localeCompare(b.name)),
    units: plan.rows.map((r, i) => {
      const u = unitById.get(r.unitId)!;
      const eligible = problem.problem.units[i]!.eligible.map((w) => problem.problem.workers[w]!).filter((w) => !w.leaving);
      return {
        unitId: r.unitId,
        names: u.childIds.map((id) => byChild.get(id)?.name ?? id),
        statuses: [...new Set(u.childIds.flatMap((id) => [...(open.inputs.get(id)?.episodes ?? [])].filter((e) => e.start <= day && (e.end === null || e.end > day)).map((e) => STATUS_NAMES[e.kind])))],
        hours: u.hours, from: r.from, fromName: nameOf(r.from), to: r.to, toName: nameOf(r.to), moved: r.moved, continuity: r.continuity, edited: edited.has(r.unitId),
        options: eligible.map((w) => ({ practitionerId: w.id, name: people.get(w.id)?.name ?? w.id })).sort((a, b) => a.name.localeCompare(b.name)),
        reason: plan.unplaceable.find((x) => x.unitId === r.unitId)?.reason ?? null,
      };
    }),
    workers: plan.workers.map((w) => {
      const c = people.get(w.workerId)!;
      return { practitionerId: w.workerId, name: c.name, role: roleName(c.role), before: w.before, after: w.after, gains: w.gains, losses: w.losses, leaving: leaving.has(w.workerId) };
    }),
    objective: plan.objective,
    overRed: plan.overRed.map((o) => ({ name: people.get(o.workerId)?.name ?? o.workerId, shortfallHours: o.shortfallHours })),
    editProblems,
    planId,
  };
  const childNames = new Map(open.cases.map((c) => [c.childId, c.name]));
  const openLeads = await store.listOpenLeads(db, actor.councilId, request.date, problem.units.flatMap((u) => u.childIds));
  return { view, plan, problem, childNames, openLeads };
}

/** The suggested plan (with the manager's edits), read and audited. */
export async function planFor(db: Db, ctx: RequestContext, request: PlanRequest): Promise<PlanView> {
  const { actor, origin } = ctx;
  await authorise(db, actor, 'read', allocationResource(actor, [request.teamId]), 'allocation plan', origin);
  return db.transaction().execute(async (trx) => {
    const { view, problem } = await buildPlan(trx, ctx, request);
    for (const id of problem.units.flatMap((u) => u.childIds)) await auditChildAccess(trx, actor, id, 'read', 'allocation plan: name, statuses, hours', origin);
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'read', recordType: 'allocation', recordId: request.teamId, fields: `allocation plan (${request.mode}): ${view.units.length} cases`, ip: origin.ip }, ctx.now);
    return view;
  });
}

export interface AcceptInput {
  /** The rows the manager accepts: unit id → worker id (part of the plan, or all of it). */
  accepted: ReadonlyMap<string, string>;
  reasonCode: string;
  note: string;
}

/**
 * Accepts the plan, or part of it, with one reason: every child of every accepted row that
 * moves gets its new lead allocation, decision and audit event in one transaction. Each row is
 * checked again against the rules and the access policy; one refusal writes nothing.
 */
export async function acceptPlan(db: Db, ctx: RequestContext, request: PlanRequest, input: AcceptInput): Promise<{ decisions: number; planId: string }> {
  const { actor, origin } = ctx;
  await authorise(db, actor, 'read', allocationResource(actor, [request.teamId]), 'allocation plan', origin);
  const problems: FieldProblem[] = [];
  if (input.accepted.size === 0) problems.push({ field: 'accept', message: 'Choose at least one row of the plan to accept.' });
  if (!isReasonCode(input.reasonCode)) problems.push({ field: 'reasonCode', message: 'Choose the reason for the allocations.' });
  const note = input.note.trim();
  if (note.length < 5) problems.push({ field: 'note', message: 'Write a note about the plan (at least 5 characters).' });
  else if (note.length > NOTE_MAX) problems.push({ field: 'note', message: `Keep the note under ${NOTE_MAX.toLocaleString('en-GB')} characters.` });
  if (problems.length > 0) throw new InvalidInputError('There is a problem with the plan.', problems);
  return db.transaction().execute(async (trx) => {
    const { view, problem, plan, openLeads } = await buildPlan(trx, ctx, { ...request, edits: input.accepted });
    const reason = input.reasonCode as Parameters<typeof recordAllocation>[2]['reason'];
    let written = 0;
    for (const [unitId, workerId] of input.accepted) {
      const i = problem.problem.units.findIndex((u) => u.id === unitId);
      const unit = problem.units[i];
      const row = plan.rows[i];
      if (!unit || !row) throw new InvalidInputError('There is a problem with the plan.', [{ field: 'accept', message: 'The register changed since the plan was made: look at the plan again.' }]);
      if (row.to !== workerId) throw new InvalidInputError('There is a problem with the plan.', [{ field: `to-${unitId}`, message: view.editProblems.find((p) => p.field === `to-${unitId}`)?.message ?? 'That worker may not take this case.' }]);
      if (!row.moved) continue;
      const to = await workforceStore.getPractitioner(trx, actor.councilId, workerId);
      if (!to) throw new NotFoundError(`There is no practitioner "${workerId}".`);
      for (const childId of unit.childIds) {
        const decision = decide(actor, 'write', allocationResource(actor, [request.teamId], { childId, to: { practitionerId: to.practitioner_id, teamId: to.team_id } }));
        if (!decision.allowed) throw new NotAllowedError(decision.reason);
        await recordAllocation(trx, ctx, {
          childId, to, reason, note, date: request.date, open: openLeads, lastHolder: row.from,
          suggested: row.to, overrideText: null, planId: view.planId,
        });
        written++;
      }
    }
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'write', recordType: 'allocation', recordId: request.teamId, fields: `allocation plan ${view.planId} accepted: ${written} cases`, ip: origin.ip, reason: note }, ctx.now);
    return { decisions: written, planId: view.planId };
  });
}

export interface WhatIfRequest {
  teamId: string;
  date: string;
  scenario: Scenario;
}

export interface WhatIfView extends WhatIfResult {
  teamName: string;
}

/** What-if, from one read of the team's register: nothing is saved (the read is audited, without child-level data). */
export async function whatIfFor(db: Db, ctx: RequestContext, request: WhatIfRequest): Promise<WhatIfView> {
  const { actor, origin } = ctx;
  await authorise(db, actor, 'read', allocationResource(actor, [request.teamId]), 'what-if', origin);
  return db.transaction().execute(async (trx) => {
    const { policy } = await loadPolicy(trx, actor.councilId);
    const team = await workforceStore.getTeam(trx, actor.councilId, request.teamId);
    if (!team) throw new NotFoundError(`There is no team "${request.teamId}".`);
    const pool = await loadCandidates(trx, actor.councilId, request.date, policy, [request.teamId], [], ctx.now);
    const who = 'practitionerId' in request.scenario ? request.scenario.practitionerId : null;
    if (who !== null && !pool.candidates.some((c) => c.practitionerId === who)) {
      throw new InvalidInputError('There is a problem with the what-if.', [{ field: 'practitioner', message: 'Choose someone in the team.' }]);
    }
    const result = whatIf(pool.candidates, request.scenario, policy, dayFromIso(request.date), pool.ctx);
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'read', recordType: 'allocation', recordId: request.teamId, fields: `what-if (${request.scenario.kind}) on ${request.date}`, ip: origin.ip }, ctx.now);
    return { ...result, teamName: team.name };
  });
}

export interface PlanOptions {
  teams: { teamId: string; name: string }[];
  teamId: string;
  people: { practitionerId: string; name: string }[];
}

/** The teams this person plans for, and the people in post in the one chosen (or their first). */
export async function planOptions(db: Db, ctx: RequestContext, date: string, teamId?: string): Promise<PlanOptions> {
  const { actor, origin } = ctx;
  const all = await workforceStore.listTeams(db, actor.councilId, date);
  const teams = all.filter((t) => decide(actor, 'read', allocationResource(actor, [t.team_id])).allowed).map((t) => ({ teamId: t.team_id, name: t.name }));
  const chosen = teamId ?? teams[0]?.teamId;
  await authorise(db, actor, 'read', allocationResource(actor, chosen ? [chosen] : []), 'allocation plan', origin);
  if (!teams.some((t) => t.teamId === chosen)) throw new NotFoundError(`There is no team "${chosen}" whose work you allocate.`);
  const people = await workforceStore.listPractitionersInPost(db, actor.councilId, date, chosen);
  return { teams, teamId: chosen!, people: people.map((p) => ({ practitionerId: p.practitioner_id, name: p.name })).sort((a, b) => a.name.localeCompare(b.name)) };
}
