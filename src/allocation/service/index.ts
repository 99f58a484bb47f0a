/**
 * Allocation's use cases: the work waiting for a worker, suggestions for one case, recording a
 * decision, the decisions as a file for the case management system, and checking them against
 * the next import. Each asks access first and audits in the transaction of its read or write.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { decide, type Actor } from '../../access/model/index.ts';
import { auditChildAccess, authorise } from '../../access/service.ts';
import { today, type RequestContext } from '../../kernel/context.ts';
import { InvalidInputError, NotAllowedError, NotFoundError, type FieldProblem } from '../../kernel/errors.ts';
import * as casesStore from '../../cases/store.ts';
import * as workforceStore from '../../workforce/store.ts';
import { caseloadDemand, caseSchedule, dayFromIso, englandCalendar, isoFromDay, STATUS_NAMES, type CaseInput } from '../../workload/model/index.ts';
import { loadModelContext, loadNotInData } from '../../workload/service/index.ts';
import {
  dueWork, isEligible, parseAllocationPolicy, type AllocationPolicy, isReasonCode, NOTE_MAX, reconcile, REASON_LABELS, suggest, waitingCases,
  type ProblemCode, type ReasonCode, type Suggestion, type WaitingCase,
} from '../model/index.ts';
import * as store from '../store.ts';
import { loadCandidates, loadOpenCases, loadPolicy, responsibleTeams, roleName } from './facts.ts';
import { allocationResource } from './resource.ts';
import { recordAllocation } from './record.ts';
import { acceptPlan, planFor, planOptions, whatIfFor, type AcceptInput, type PlanRequest, type WhatIfRequest } from './plan.ts';
export { PLAN_MODES, type PlanMode, type PlanView, type WhatIfView } from './plan.ts';


/** The API names the council in its address: another council's ids answer 404, audited, like a record you may not see. */
async function inCouncil(db: Db, ctx: RequestContext, councilId: string | undefined, page: string): Promise<void> {
  if (councilId === undefined || councilId === ctx.actor.councilId) return;
  await authorise(db, ctx.actor, 'read', { kind: 'allocation', councilId, teamIds: [] }, page, ctx.origin);
}

/** The teams whose work this person allocates: all of them for a service manager. */
function allocatingTeams(actor: Actor, all: readonly string[]): string[] {
  return all.filter((t) => decide(actor, 'read', allocationResource(actor, [t])).allowed);
}

export interface WaitingView extends WaitingCase {
  teamName: string | null;
  due: { name: string; dueOn: string; state: string; daysOverdue: number }[];
  statusNames: string[];
  /** A restricted record the viewer has no grant to: counted, not named. */
  hidden: boolean;
}

export interface UnallocatedData {
  date: string;
  teams: { teamId: string; name: string }[];
  teamId: string | null;
  cases: WaitingView[];
}

/** Cases waiting for a worker in the teams this person allocates for (or one of them). */
export async function unallocated(db: Db, ctx: RequestContext, date: string, teamId?: string): Promise<UnallocatedData> {
  const { actor, origin } = ctx;
  const mine = actor.roles.includes('service_manager') ? undefined : actor.teamIds;
  await authorise(db, actor, 'read', allocationResource(actor, teamId ? [teamId] : (mine ?? [])), 'unallocated work', origin);
  return db.transaction().execute(async (trx) => {
    const [{ policy }, open] = await Promise.all([loadPolicy(trx, actor.councilId), loadOpenCases(trx, actor.councilId, date)]);
    const day = dayFromIso(date);
    const mayAllocate = allocatingTeams(actor, [...open.teamServices.keys()]);
    if (teamId && !mayAllocate.includes(teamId)) throw new NotFoundError(`There is no team "${teamId}" whose work you allocate.`);
    const scope = new Set(teamId ? [teamId] : mayAllocate);
    const waiting = waitingCases(open.cases, day, englandCalendar(), policy)
      .filter((w) => responsibleTeams(w.teamId, open.teamServices).some((t) => scope.has(t)));
    const ids = waiting.map((w) => w.childId);
    const [{ config }, recorded] = await Promise.all([
      loadModelContext(trx, actor.councilId),
      casesStore.listRecordedForChildren(trx, actor.councilId, ids),
    ]);
    const notInData = await loadNotInData(trx, actor.councilId, config);
    const doneBy = new Map<string, { activityCode: string; on: number }[]>();
    for (const r of recorded) doneBy.set(r.child_id, [...(doneBy.get(r.child_id) ?? []), { activityCode: r.activity_code, on: dayFromIso(r.occurred_on) }]);
    const model = { config, calendar: englandCalendar() };
    const cases: WaitingView[] = [];
    for (const w of waiting) {
      const hidden = w.restricted && !actor.grantedChildIds.includes(w.childId);
      const schedule = caseSchedule(open.inputs.get(w.childId)!, doneBy.get(w.childId) ?? [], day, model, { notInData });
      cases.push({
        ...w,
        name: hidden ? 'Restricted record' : w.name,
        teamName: w.teamId ? open.teamNames.get(w.teamId) ?? w.teamId : null,
        statusNames: w.statuses.map((s) => STATUS_NAMES[s]),
        due: dueWork(schedule).map((s) => ({ name: s.name, dueOn: isoFromDay(s.dueOn), state: s.state, daysOverdue: s.daysOverdue })),
        hidden,
      });
      if (!hidden) await auditChildAccess(trx, actor, w.childId, 'read', 'unallocated work: name, statuses, what is due', origin);
    }
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'read', recordType: 'allocation', recordId: teamId ?? null, fields: `unallocated work: ${cases.length} cases`, ip: origin.ip }, ctx.now);
    return {
      date,
      teams: mayAllocate.map((t) => ({ teamId: t, name: open.teamNames.get(t) ?? t })).sort((a, b) => a.name.localeCompare(b.name)),
      teamId: teamId ?? null,
      cases,
    };
  });
}

export interface SuggestionsData {
  date: string;
  child: { childId: string; name: string; statuses: string[]; familyId: string | null };
  /** The children allocated together (the case and its waiting siblings, unless split). */
  unit: { childId: string; name: string }[];
  /** Siblings waiting too, left out because the manager split them. */
  splitOut: { childId: string; name: string }[];
  current: { practitionerId: string; name: string } | null;
  suggestions: (Suggestion & { roleName: string })[];
  teamNames: Record<string, string>;
  unitHours: { low: number; central: number; high: number };
  policyVersion: number;
}

/** Every practitioner this person may allocate to, ranked for the case, with reasons. */
export async function suggestions(db: Db, ctx: RequestContext, childId: string, date: string, options: { split?: boolean; overridden?: ReadonlySet<ProblemCode> } = {}): Promise<SuggestionsData> {
  const { actor, origin } = ctx;
  const facts = await caseFacts(db, actor, childId, date);
  await authorise(db, actor, 'read', allocationResource(actor, facts.teamIds, { childId, restricted: facts.restricted }), 'allocation suggestions', origin);
  return db.transaction().execute(async (trx) => {
    const data = await suggestionsUnchecked(trx, ctx, facts, date, options);
    for (const u of data.unit) await auditChildAccess(trx, actor, u.childId, 'read', 'allocation suggestions: name, statuses, hours', origin);
    return data;
  });
}

interface CaseFactsRead {
  teamIds: string[];
  restricted: boolean;
  open: Awaited<ReturnType<typeof loadOpenCases>>;
  waitingIds: Set<string>;
}

async function caseFacts(db: Db, actor: Actor, childId: string, date: string): Promise<CaseFactsRead & { childId: string }> {
  const child = await casesStore.getChild(db, actor.councilId, childId);
  if (!child) {
    await recordAudit(db, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'denied', recordType: 'allocation', recordId: null, childId: null, fields: 'allocation suggestions', reason: 'no such record' });
    throw new NotFoundError(`There is no case "${childId}" that you can see.`);
  }
  const [open, { policy }] = await Promise.all([loadOpenCases(db, actor.councilId, date), loadPolicy(db, actor.councilId)]);
  const c = open.cases.find((x) => x.childId === childId);
  const holder = c?.lead ?? c?.lastLead ?? null;
  const waitingIds = new Set(waitingCases(open.cases, dayFromIso(date), englandCalendar(), policy).map((w) => w.childId));
  return { childId, teamIds: responsibleTeams(holder?.teamId ?? null, open.teamServices), restricted: child.restricted, open, waitingIds };
}

async function suggestionsUnchecked(db: Db, ctx: RequestContext, facts: CaseFactsRead & { childId: string }, date: string, options: { split?: boolean; overridden?: ReadonlySet<ProblemCode> }): Promise<SuggestionsData> {
  const { actor } = ctx;
  const day = dayFromIso(date);
  const { policy, version } = await loadPolicy(db, actor.councilId);
  const target = facts.open.cases.find((c) => c.childId === facts.childId);
  if (!target) throw new InvalidInputError('This child has no open case on the date, so there is nothing to allocate.');
  // Siblings waiting too go with the case, unless the manager splits them (with a reason, when deciding).
  const siblings = target.familyId === null ? [] : facts.open.cases.filter((c) => c.familyId === target.familyId && c.childId !== target.childId && facts.waitingIds.has(c.childId));
  const unitCases = [target, ...(options.split ? [] : siblings)];
  const scope = actor.roles.includes('service_manager') ? undefined : actor.teamIds.filter((t) => decide(actor, 'read', allocationResource(actor, [t])).allowed);
  const restricted = unitCases.filter((c) => c.restricted).map((c) => c.childId);
  const pool = await loadCandidates(db, actor.councilId, date, policy, scope, restricted, ctx.now);
  const inputs: CaseInput[] = unitCases.map((c) => c.input);
  const alone = caseloadDemand(inputs, day, pool.ctx).total;
  const unit = {
    cases: inputs,
    facts: { childIds: unitCases.map((c) => c.childId), familyIds: [...new Set(unitCases.map((c) => c.familyId).filter((f) => f !== null))], statuses: [...new Set(unitCases.flatMap((c) => statusesOn(c.input, day)))], restrictedChildIds: restricted },
    alone,
  };
  // Nobody is offered the case they are leaving, and a manager is never offered their own name.
  const current = target.lead;
  const candidates = pool.candidates.filter((c) => c.practitionerId !== actor.practitionerId && (current === null || c.practitionerId !== current.practitionerId || !waitingNow(facts, target.childId)));
  const ranked = suggest(unit, candidates, policy, day, pool.ctx, { overridden: options.overridden ?? new Set(), roleName });
  return {
    date,
    child: { childId: target.childId, name: target.name, statuses: statusesOn(target.input, day).map((s) => STATUS_NAMES[s]), familyId: target.familyId },
    unit: unitCases.map((c) => ({ childId: c.childId, name: c.name })),
    splitOut: options.split ? siblings.map((c) => ({ childId: c.childId, name: c.name })) : [],
    current: current ? { practitionerId: current.practitionerId, name: current.name } : null,
    suggestions: ranked.map((r) => ({ ...r, roleName: roleName(r.role) })),
    teamNames: Object.fromEntries(facts.open.teamNames),
    unitHours: alone,
    policyVersion: version,
  };
}

/** Who held the child last, when its lead allocation has already ended (a released case). */
const lastHolder = (facts: CaseFactsRead, childId: string) => facts.open.cases.find((c) => c.childId === childId)?.lastLead?.practitionerId ?? null;
const waitingNow = (facts: CaseFactsRead, childId: string) => facts.waitingIds.has(childId);
const statusesOn = (input: CaseInput, day: number) => [...new Set(input.episodes.filter((e) => e.start <= day && (e.end === null || e.end > day)).map((e) => e.kind))];

export interface AllocateInput {
  childId: string;
  practitionerId: string;
  reasonCode: string;
  note: string;
  /** Siblings waiting too are left for another worker: the manager says why. */
  splitReason?: string;
  /** The rules the manager overrides (the ASYE child protection rule), with one reason. */
  overrides?: readonly string[];
  overrideReason?: string;
  planId?: string;
}

export interface AllocateResult {
  decisions: { decisionId: string; childId: string; name: string }[];
  practitioner: { practitionerId: string; name: string };
}

/** Problems with the form, in page order. */
function allocateProblems(input: AllocateInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!input.practitionerId) problems.push({ field: 'practitionerId', message: 'Choose who takes the case.' });
  if (!isReasonCode(input.reasonCode)) problems.push({ field: 'reasonCode', message: 'Choose the reason for the allocation.' });
  const note = input.note?.trim() ?? '';
  if (note.length < 5) problems.push({ field: 'note', message: 'Write a note about the decision (at least 5 characters): what the worker needs to know, or why this worker.' });
  else if (note.length > NOTE_MAX) problems.push({ field: 'note', message: `Keep the note under ${NOTE_MAX.toLocaleString('en-GB')} characters.` });
  if (input.splitReason !== undefined && input.splitReason.trim().length < 10) problems.push({ field: 'splitReason', message: 'Say why the siblings go to different workers (at least 10 characters).' });
  if ((input.overrides?.length ?? 0) > 0 && (input.overrideReason?.trim().length ?? 0) < 10) problems.push({ field: 'overrideReason', message: 'Say why you override the rule (at least 10 characters).' });
  return problems;
}

/**
 * Records the manager's decision: the case (and its waiting siblings, unless split) goes to the
 * worker, the previous lead allocation ends today, and each write is audited in the same
 * transaction. Caseweight does not write to the case management system.
 */
export async function allocate(db: Db, ctx: RequestContext, input: AllocateInput, date: string = today(ctx)): Promise<AllocateResult> {
  const { actor, origin } = ctx;
  const facts = await caseFacts(db, actor, input.childId, date);
  const to = await workforceStore.getPractitioner(db, actor.councilId, input.practitionerId);
  await authorise(db, actor, 'read', allocationResource(actor, facts.teamIds, { childId: input.childId, restricted: facts.restricted }), 'allocation', origin);
  if (to) {
    const decision = decide(actor, 'write', allocationResource(actor, facts.teamIds, { childId: input.childId, restricted: facts.restricted, to: { practitionerId: to.practitioner_id, teamId: to.team_id } }));
    if (!decision.allowed) {
      await recordAudit(db, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'denied', recordType: 'allocation', recordId: to.team_id, childId: input.childId, fields: 'allocation', ip: origin.ip, reason: decision.reason });
      throw new NotAllowedError(decision.reason);
    }
  }
  const problems = allocateProblems(input);
  if (!to && input.practitionerId) problems.unshift({ field: 'practitionerId', message: 'Choose someone from the list: that person is not on record.' });
  if (problems.length > 0) throw new InvalidInputError('There is a problem with the decision.', problems);
  const overridden = new Set((input.overrides ?? []) as ProblemCode[]);
  return db.transaction().execute(async (trx) => {
    const data = await suggestionsUnchecked(trx, ctx, facts, date, { split: input.splitReason !== undefined, overridden });
    if (data.splitOut.length === 0 && input.splitReason !== undefined) throw new InvalidInputError('There is a problem with the decision.', [{ field: 'splitReason', message: 'No siblings are waiting, so there is nothing to split.' }]);
    const row = data.suggestions.find((s) => s.practitionerId === input.practitionerId);
    if (!row) throw new InvalidInputError('There is a problem with the decision.', [{ field: 'practitionerId', message: 'Choose someone from the list: that person cannot take cases in the teams you allocate for.' }]);
    if (!isEligible(row.problems, overridden)) {
      throw new InvalidInputError('There is a problem with the decision.', row.problems.filter((p) => !(p.overridable && overridden.has(p.code))).map((p) => ({ field: p.overridable ? 'overrides' : 'practitionerId', message: `${row.name}: ${p.text}` })));
    }
    const firstEligible = data.suggestions.find((s) => s.eligible);
    const open = await store.listOpenLeads(trx, actor.councilId, date, data.unit.map((u) => u.childId));
    const decisions: AllocateResult['decisions'] = [];
    const reason = input.reasonCode as ReasonCode;
    const overrideText = [
      input.splitReason !== undefined ? `Siblings split: ${input.splitReason.trim()}` : null,
      overridden.size > 0 ? `Rule overridden (${[...overridden].join(', ')}): ${input.overrideReason!.trim()}` : null,
    ].filter((t) => t !== null).join(' ');
    for (const u of data.unit) {
      const decisionId = await recordAllocation(trx, ctx, {
        childId: u.childId, to: to!, reason, note: input.note.trim(), date, open, lastHolder: lastHolder(facts, u.childId),
        suggested: firstEligible?.practitionerId ?? null, overrideText: overrideText || null, planId: input.planId ?? null,
      });
      decisions.push({ decisionId, childId: u.childId, name: u.name });
    }
    return { decisions, practitioner: { practitionerId: to!.practitioner_id, name: to!.name } };
  });
}

export interface DecisionView {
  decisionId: string;
  childId: string;
  childName: string;
  practitionerId: string;
  practitionerName: string;
  previousName: string | null;
  teamName: string;
  reason: string;
  note: string;
  effectiveDate: string;
  decidedBy: string;
  decidedAt: Date;
  status: string;
  mismatch: string | null;
  followedSuggestion: boolean;
}

/** Decisions made in the teams this person allocates for, since a date: the page, and the file business support enters. */
export interface DecisionsData {
  rows: DecisionView[];
  /** Whether this person allocates (and so may open the waiting work), or only enters decisions. */
  mayAllocate: boolean;
}

export async function decisions(db: Db, ctx: RequestContext, since: string, download?: string): Promise<DecisionsData> {
  const { actor, origin } = ctx;
  await authorise(db, actor, 'read', { kind: 'allocation_decisions', councilId: actor.councilId, teamIds: actor.teamIds }, 'allocation decisions', origin);
  return db.transaction().execute(async (trx) => {
    const rows = await store.listDecisions(trx, actor.councilId, { since });
    const wholeCouncil = actor.roles.includes('service_manager') || actor.roles.includes('data_officer');
    const visible = rows.filter((r) => wholeCouncil || actor.teamIds.includes(r.team_id));
    const people = await workforceStore.listPractitionerNames(trx, actor.councilId, [...new Set(visible.flatMap((r) => [r.practitioner_id, r.previous_practitioner_id ?? r.practitioner_id]))]);
    const teams = await workforceStore.listTeamNames(trx, actor.councilId, [...new Set(visible.map((r) => r.team_id))]);
    const restricted = new Set(await casesStore.listRestrictedChildIds(trx, actor.councilId, visible.map((r) => r.child_id)));
    const records = await casesStore.loadCaseRecords(trx, actor.councilId, visible.map((r) => r.child_id));
    const childName = new Map(records.children.map((c) => [c.child_id, c.name]));
    const name = new Map(people.map((p) => [p.practitioner_id, p.name]));
    const teamName = new Map(teams.map((t) => [t.team_id, t.name]));
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: download ? 'export' : 'read', recordType: 'allocation_decisions', fields: `allocation decisions since ${since}${download ? `: ${download} download` : ''}: ${visible.length}`, ip: origin.ip }, ctx.now);
    const mayAllocate = decide(actor, 'read', allocationResource(actor, actor.teamIds)).allowed;
    return { mayAllocate, rows: visible.map((r) => ({
      decisionId: r.decision_id, childId: r.child_id,
      childName: restricted.has(r.child_id) && !actor.grantedChildIds.includes(r.child_id) ? 'Restricted record' : childName.get(r.child_id) ?? r.child_id,
      practitionerId: r.practitioner_id,
      practitionerName: name.get(r.practitioner_id) ?? r.practitioner_id,
      previousName: r.previous_practitioner_id ? name.get(r.previous_practitioner_id) ?? r.previous_practitioner_id : null,
      teamName: teamName.get(r.team_id) ?? r.team_id,
      reason: isReasonCode(r.reason_code) ? REASON_LABELS[r.reason_code] : r.reason_code,
      // Business support enters the allocation and the data officer checks it; the manager's note stays with managers.
      note: actor.roles.includes('team_manager') || actor.roles.includes('service_manager') ? r.note : '',
      effectiveDate: r.effective_date, decidedBy: r.decided_by_name, decidedAt: r.decided_at, status: r.status, mismatch: r.mismatch,
      followedSuggestion: r.suggested_practitioner_id === r.practitioner_id,
    })) };
  });
}

/**
 * After an import: each decision not yet confirmed is checked against what the extract shows
 * (see model/reconcile.ts), in the import's transaction. Returns the mismatches for the data officer.
 */
export interface DecisionCheck {
  confirmed: number;
  mismatches: { childId: string; text: string }[];
  awaiting: number;
}

export async function checkDecisionsAfterImport(db: Db, councilId: string, importId: string, date: string): Promise<DecisionCheck> {
  const pending = await store.listDecisions(db, councilId, { status: 'recorded' });
  if (pending.length === 0) return { confirmed: 0, mismatches: [], awaiting: 0 };
  const leads = await store.listOpenLeads(db, councilId, date, pending.map((d) => d.child_id));
  const people = await workforceStore.listPractitionerNames(db, councilId, [...new Set([...leads.map((l) => l.practitioner_id), ...pending.map((d) => d.practitioner_id)])]);
  const name = new Map(people.map((p) => [p.practitioner_id, p.name]));
  const results = reconcile(
    pending.map((d) => ({ decisionId: d.decision_id, childId: d.child_id, practitionerId: d.practitioner_id, allocationId: d.allocation_id, effective: dayFromIso(d.effective_date) })),
    leads.map((l) => ({ allocationId: l.allocation_id, childId: l.child_id, practitionerId: l.practitioner_id, start: dayFromIso(l.start_date) })),
    (id) => name.get(id) ?? id, isoFromDay,
  );
  const out: DecisionCheck = { confirmed: 0, mismatches: [], awaiting: 0 };
  for (const r of results) {
    const d = pending.find((p) => p.decision_id === r.decisionId)!;
    if (r.outcome === 'confirmed') {
      await store.endAllocation(db, councilId, r.closeAllocation.allocationId, isoFromDay(r.closeAllocation.end));
      await store.markDecision(db, councilId, r.decisionId, 'confirmed', importId, null);
      out.confirmed++;
    } else if (r.outcome === 'mismatch') {
      await store.endAllocation(db, councilId, r.closeAllocation.allocationId, isoFromDay(r.closeAllocation.end));
      await store.markDecision(db, councilId, r.decisionId, 'mismatch', importId, r.text);
      out.mismatches.push({ childId: d.child_id, text: r.text });
    } else {
      for (const c of r.closeAllocations) await store.endAllocation(db, councilId, c.allocationId, isoFromDay(c.end));
      out.awaiting++;
    }
  }
  return out;
}

/** The council's allocation rules, as everyone who reads the workload model's settings sees them. */
export async function readPolicy(db: Db, ctx: RequestContext): Promise<{ version: number; policy: AllocationPolicy }> {
  await authorise(db, ctx.actor, 'read', { kind: 'workload_config', councilId: ctx.actor.councilId }, 'allocation rules', ctx.origin);
  return loadPolicy(db, ctx.actor.councilId);
}

/** Saves new allocation rules as the next version (configuration, like the workload model: the system administrator's). */
export async function savePolicy(db: Db, ctx: RequestContext, value: unknown, note: string): Promise<{ version: number }> {
  const { actor, origin } = ctx;
  await authorise(db, actor, 'write', { kind: 'workload_config', councilId: actor.councilId }, 'allocation rules', origin);
  const parsed = parseAllocationPolicy(value);
  const problems: FieldProblem[] = parsed.ok ? [] : parsed.problems.map((message) => ({ field: 'settings', message }));
  if (note.trim().length < 5) problems.push({ field: 'note', message: 'Say why the rules change (at least 5 characters).' });
  if (!parsed.ok || problems.length > 0) throw new InvalidInputError('The allocation rules could not be saved.', problems);
  return db.transaction().execute(async (trx) => {
    const version = ((await store.getLatestSettings(trx, actor.councilId))?.version ?? 0) + 1;
    await store.insertSettings(trx, { council_id: actor.councilId, version, settings: parsed.policy, note: note.trim(), created_by: actor.userId, created_by_name: actor.name });
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'write', recordType: 'allocation_settings', recordId: String(version), fields: 'allocation rules', ip: origin.ip, reason: note.trim() }, ctx.now);
    return { version };
  });
}

export interface ConflictInput {
  practitionerId: string;
  childId?: string;
  familyId?: string;
  reason: string;
}

/**
 * A declared conflict of interest (a relative, a neighbour, a past relationship): the person is
 * then never offered that child or family. People declare their own; their managers record one for them.
 */
export async function declareConflict(db: Db, ctx: RequestContext, input: ConflictInput): Promise<{ conflictId: string }> {
  const { actor, origin } = ctx;
  const person = await workforceStore.getPractitioner(db, actor.councilId, input.practitionerId);
  const own = person !== undefined && actor.practitionerId === person.practitioner_id;
  if (!own) await authorise(db, actor, 'read', allocationResource(actor, person ? [person.team_id] : []), 'conflict of interest', origin);
  if (!person) throw new NotFoundError(`There is no practitioner "${input.practitionerId}".`);
  const problems: FieldProblem[] = [];
  if (!input.childId && !input.familyId) problems.push({ field: 'childId', message: 'Name the child or the family the conflict is with.' });
  if (input.reason.trim().length < 5) problems.push({ field: 'reason', message: 'Say what the conflict is (at least 5 characters); it is seen only by managers.' });
  if (problems.length > 0) throw new InvalidInputError('The conflict of interest could not be recorded.', problems);
  return db.transaction().execute(async (trx) => {
    const conflictId = randomUUID();
    await store.insertConflict(trx, { council_id: actor.councilId, conflict_id: conflictId, practitioner_id: person.practitioner_id, child_id: input.childId ?? null, family_id: input.familyId ?? null, reason: input.reason.trim(), declared_by: actor.userId });
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'write', recordType: 'allocation', recordId: person.team_id, childId: input.childId ?? null, fields: `conflict of interest declared for ${person.name}`, ip: origin.ip }, ctx.now);
    return { conflictId };
  });
}

/** The allocation area's use cases, built once by the composition root. */
export function createAllocationService(deps: { db: Db }) {
  const { db } = deps;
  return {
    inCouncil: (ctx: RequestContext, councilId: string, page: string) => inCouncil(db, ctx, councilId, page),
    readPolicy: (ctx: RequestContext) => readPolicy(db, ctx),
    plan: (ctx: RequestContext, request: PlanRequest) => planFor(db, ctx, request),
    planOptions: (ctx: RequestContext, date: string, teamId?: string) => planOptions(db, ctx, date, teamId),
    acceptPlan: (ctx: RequestContext, request: PlanRequest, input: AcceptInput) => acceptPlan(db, ctx, request, input),
    whatIf: (ctx: RequestContext, request: WhatIfRequest) => whatIfFor(db, ctx, request),
    savePolicy: (ctx: RequestContext, value: unknown, note: string) => savePolicy(db, ctx, value, note),
    declareConflict: (ctx: RequestContext, input: ConflictInput) => declareConflict(db, ctx, input),
    unallocated: async (ctx: RequestContext, date: string, teamId?: string, councilId?: string) => {
      await inCouncil(db, ctx, councilId, 'unallocated work');
      return unallocated(db, ctx, date, teamId);
    },
    suggestions: async (ctx: RequestContext, childId: string, date: string, options?: { split?: boolean }, councilId?: string) => {
      await inCouncil(db, ctx, councilId, 'allocation suggestions');
      return suggestions(db, ctx, childId, date, options);
    },
    allocate: async (ctx: RequestContext, input: AllocateInput, date?: string, councilId?: string) => {
      await inCouncil(db, ctx, councilId, 'allocation');
      return allocate(db, ctx, input, date);
    },
    decisions: async (ctx: RequestContext, since: string, download?: string, councilId?: string) => {
      await inCouncil(db, ctx, councilId, 'allocation decisions');
      return decisions(db, ctx, since, download);
    },
  };
}
export type AllocationService = ReturnType<typeof createAllocationService>;
