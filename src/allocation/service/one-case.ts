/**
 * One case: every practitioner ranked for it, with reasons, and the manager's decision written
 * with its audit event in one transaction. Caseweight does not write to the case management system.
 */
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { decide, type Actor } from '../../access/model/index.ts';
import { auditChildAccess, authorise } from '../../access/service.ts';
import { today, type RequestContext } from '../../kernel/context.ts';
import { InvalidInputError, NotAllowedError, NotFoundError, type FieldProblem } from '../../kernel/errors.ts';
import * as casesStore from '../../cases/store.ts';
import * as workforceStore from '../../workforce/store.ts';
import { caseloadDemand, dayFromIso, englandCalendar, STATUS_NAMES, type CaseInput } from '../../workload/model/index.ts';
import { isEligible, isReasonCode, NOTE_MAX, suggest, waitingCases, type ProblemCode, type ReasonCode, type Suggestion } from '../model/index.ts';
import * as store from '../store.ts';
import { loadCandidates, loadOpenCases, loadPolicy, responsibleTeams, roleName } from './facts.ts';
import { allocationResource } from './resource.ts';
import { recordAllocation } from './record.ts';

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
