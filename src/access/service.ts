import type { Db } from '../platform/database.ts';
import { randomUUID } from 'node:crypto';
import { getChildAccessFacts } from '../cases/store.ts';
import { listAuditEvents, recordAudit } from '../platform/audit.ts';
import { InvalidInputError, NotFoundError } from '../kernel/errors.ts';
import { ukDay } from '../kernel/time.ts';
import type { Origin, RequestContext } from '../kernel/context.ts';
import { BREAK_GLASS_MINUTES, decide, decideGrant, GRANT_DEFAULT_DAYS, grantProblems, validateBreakGlassReason, type Action, type Actor, type Resource } from './model/index.ts';
import * as store from './store.ts';
import * as identityStore from '../identity/store.ts';

export type { Origin };
export type { StoredAuditEvent } from '../platform/audit.ts';

type ChildResource = Extract<Resource, { kind: 'child' | 'case_schedule' }>;

/**
 * Checks a child-level access. Call it *before* opening the transaction of the read: a refusal
 * answers 404 (the record's existence stays hidden) and is audited at once, so it survives
 * the refusal. An allowed read is audited by auditChildRead inside the read's transaction.
 */
export async function authoriseChild(
  db: Db, actor: Actor, childId: string, action: Action, kind: 'child' | 'case_schedule', date: string, page: string, origin: Origin,
): Promise<{ resource: ChildResource; breakGlass: boolean }> {
  const facts = await getChildAccessFacts(db, actor.councilId, childId, date);
  const resource = facts ? { kind, councilId: actor.councilId, ...facts } : undefined;
  const decision = resource ? decide(actor, action, resource) : undefined;
  if (!resource || !decision?.allowed) {
    await recordAudit(db, {
      councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'denied', recordType: 'child', recordId: childId,
      childId: facts ? childId : null, fields: page, ip: origin.ip, reason: decision && !decision.allowed ? decision.reason : 'no such record',
    });
    throw new NotFoundError(`There is no case "${childId}" that you can see.`);
  }
  return { resource, breakGlass: decision.basis === 'break_glass' };
}

/** The audit event for an allowed read or write of a child's record; write it in the same transaction. */
export async function auditChildAccess(db: Db, actor: Actor, childId: string, action: 'read' | 'write', page: string, origin: Origin, breakGlass = false): Promise<void> {
  await recordAudit(db, {
    councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action, recordType: 'child', recordId: childId, childId,
    fields: page, ip: origin.ip, reason: breakGlass ? 'break-glass' : null,
  });
}

/** Asks the policy about a non-child resource; a refusal is a 404, audited at once (call it before the read's transaction). */
export async function authorise(db: Db, actor: Actor, action: Action, resource: Resource, page: string, origin: Origin): Promise<void> {
  const decision = decide(actor, action, resource);
  if (!decision.allowed) {
    await recordAudit(db, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'denied', recordType: resource.kind, recordId: resourceId(resource), fields: page, ip: origin.ip, reason: decision.reason });
    throw new NotFoundError('There is nothing here that you can see.');
  }
}

function resourceId(r: Resource): string | null {
  switch (r.kind) {
    case 'practitioner_workload':
      return r.practitionerId;
    case 'team_workload':
      return r.teamId;
    case 'child':
    case 'case_schedule':
      return r.childId;
    default:
      return r.councilId;
  }
}

/** Emergency access: a typed reason, 60 minutes, read-only, and flagged for a manager's review. */
export async function breakGlass(db: Db, actor: Actor, childId: string, reason: string, origin: Origin, now: Date = new Date()): Promise<{ expiresAt: Date }> {
  // The policy first: someone who may not use emergency access learns nothing, not even what a reason needs.
  const facts = await getChildAccessFacts(db, actor.councilId, childId, ukDay(now));
  const decision = facts ? decide(actor, 'break_glass', { kind: 'child', councilId: actor.councilId, ...facts }) : undefined;
  if (!facts || !decision?.allowed) throw new NotFoundError(`There is no case "${childId}".`);
  const problem = validateBreakGlassReason(reason);
  if (problem) throw new InvalidInputError(problem, [{ field: 'reason', message: problem }]);
  const expiresAt = new Date(now.getTime() + BREAK_GLASS_MINUTES * 60_000);
  await db.transaction().execute(async (trx) => {
    await store.insertBreakGlass(trx, { council_id: actor.councilId, break_glass_id: randomUUID(), user_id: actor.userId, child_id: childId, reason: reason.trim(), expires_at: expiresAt });
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'break_glass', recordType: 'child', recordId: childId, childId, ip: origin.ip, reason: reason.trim() }, now);
  });
  return { expiresAt };
}

/**
 * An explicit grant to a restricted record: given by the child's team manager or a service
 * manager, only to someone whose role works with children's records, always with a reason and
 * an end (30 days unless chosen), and audited in the same transaction.
 */
export async function grantAccess(db: Db, actor: Actor, userId: string, childId: string, reason: string, origin: Origin, now: Date = new Date(), days = GRANT_DEFAULT_DAYS): Promise<{ expiresAt: Date }> {
  // Decided before the write's transaction, so a refusal's audit event survives the refusal; and
  // before the form's own checks, so someone who may not grant learns nothing from them.
  const facts = await getChildAccessFacts(db, actor.councilId, childId, ukDay(now));
  const target = await identityStore.getUser(db, actor.councilId, userId);
  const decision = facts ? decideGrant(actor, { councilId: actor.councilId, roles: target?.roles ?? ['practitioner'] }, { councilId: actor.councilId, teamIds: facts.teamIds }) : undefined;
  if (!decision?.allowed) {
    await recordAudit(db, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'denied', recordType: 'child', recordId: childId, childId: facts ? childId : null, fields: `grant to ${userId}`, ip: origin.ip, reason: decision && !decision.allowed ? decision.reason : 'no such record' });
    // The child's manager (who may grant, but not to this person) and anyone who may read the record
    // are told why; anyone else learns nothing about the record.
    const manages = facts !== undefined && decideGrant(actor, { councilId: actor.councilId, roles: ['practitioner'] }, { councilId: actor.councilId, teamIds: facts.teamIds }).allowed;
    const reads = facts !== undefined && decide(actor, 'read', { kind: 'child', councilId: actor.councilId, ...facts }).allowed;
    if (decision && !decision.allowed && (manages || reads)) throw new InvalidInputError(decision.reason, [{ field: 'userId', message: decision.reason }]);
    throw new NotFoundError(`There is no case "${childId}" that you can give access to.`);
  }
  if (!target) throw new InvalidInputError(`There is no account "${userId}" in this council.`, [{ field: 'userId', message: 'Choose someone with an account.' }]);
  const problems = grantProblems(reason, days);
  if (problems.length > 0) throw new InvalidInputError(problems.map((p) => p.message).join(' '), problems);
  const expiresAt = new Date(now.getTime() + days * 86_400_000);
  await db.transaction().execute(async (trx) => {
    await store.insertGrant(trx, { council_id: actor.councilId, grant_id: randomUUID(), user_id: userId, child_id: childId, reason: reason.trim(), granted_by: actor.userId, expires_at: expiresAt });
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'grant', recordType: 'child', recordId: childId, childId, fields: `grant to ${userId} until ${expiresAt.toISOString().slice(0, 10)}`, ip: origin.ip, reason: reason.trim() }, now);
  });
  return { expiresAt };
}

/** Emergency accesses this person may review: all for auditors and service managers, their teams' for team managers. */
export async function listBreakGlassForReview(db: Db, actor: Actor, origin: Origin, onlyUnreviewed: boolean): Promise<Omit<store.BreakGlassRow, 'user_team_ids'>[]> {
  const teamScoped = !actor.roles.some((r) => r === 'auditor' || r === 'service_manager');
  await authorise(db, actor, 'read', { kind: 'access_review', councilId: actor.councilId, ...(teamScoped ? { teamIds: actor.teamIds } : {}) }, 'break-glass review list', origin);
  return (await store.listBreakGlass(db, actor.councilId, onlyUnreviewed))
    .filter((r) => !teamScoped || r.user_team_ids.some((t) => actor.teamIds.includes(t)))
    .map(({ user_team_ids: _teams, ...r }) => r);
}

/** A manager's verdict on one emergency access; nobody reviews their own. */
export async function reviewBreakGlassUse(db: Db, actor: Actor, id: string, outcome: unknown, note: string, origin: Origin): Promise<void> {
  const target = (await store.listBreakGlass(db, actor.councilId, true)).find((r) => r.break_glass_id === id);
  await authorise(db, actor, 'read', { kind: 'access_review', councilId: actor.councilId, teamIds: target?.user_team_ids ?? [] }, 'break-glass review', origin);
  if (!target) throw new NotFoundError('There is no unreviewed emergency access with that id.');
  if (target.user_id === actor.userId) throw new InvalidInputError('Someone else must review your own emergency access.');
  if (outcome !== 'justified' && outcome !== 'not_justified') {
    throw new InvalidInputError('Choose whether the access was justified or not justified.', [{ field: 'outcome', message: 'Choose justified or not justified.' }]);
  }
  await db.transaction().execute(async (trx) => {
    const done = await store.reviewBreakGlass(trx, actor.councilId, id, actor.userId, outcome, note.trim().slice(0, 2000), new Date());
    if (!done) throw new NotFoundError('That emergency access has already been reviewed.');
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'review', recordType: 'break_glass', recordId: id, childId: target.child_id, ip: origin.ip, reason: outcome });
  });
}

/** "Who looked at this child's record": for auditors, service managers and the child's team managers. The question is itself audited. */
export async function auditOfChild(db: Db, actor: Actor, childId: string, origin: Origin, download?: string) {
  const facts = await getChildAccessFacts(db, actor.councilId, childId, ukDay(new Date()));
  await authorise(db, actor, 'read', { kind: 'audit_log', councilId: actor.councilId, teamIds: facts?.teamIds ?? [] }, `audit of child ${childId}${download ? ` (${download} download)` : ''}`, origin);
  return db.transaction().execute(async (trx) => {
    await recordAudit(trx, {
      councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: download ? 'export' : 'read', recordType: 'audit', recordId: childId,
      fields: download ? `who looked at this child: ${download} download` : 'who looked at this child', ip: origin.ip,
    });
    return listAuditEvents(trx, actor.councilId, { childId, limit: 500 });
  });
}

/** "What did this person look at": for auditors, service managers and the person's team managers. Audited. */
export async function auditOfPerson(db: Db, actor: Actor, userId: string, origin: Origin, download?: string) {
  const subject = await identityStore.getUser(db, actor.councilId, userId);
  await authorise(db, actor, 'read', { kind: 'audit_log', councilId: actor.councilId, teamIds: subject?.team_ids ?? [] }, `audit of user ${userId}${download ? ` (${download} download)` : ''}`, origin);
  return db.transaction().execute(async (trx) => {
    await recordAudit(trx, {
      councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: download ? 'export' : 'read', recordType: 'audit', recordId: userId,
      fields: download ? `what this person looked at: ${download} download` : 'what this person looked at', ip: origin.ip,
    });
    return { subject: subject ? { userId: subject.user_id, name: subject.name } : null, events: await listAuditEvents(trx, actor.councilId, { actorUserId: userId, limit: 500 }) };
  });
}

/** Whether this person's role may use emergency access at all (the policy, not a role check). */
export const mayBreakGlass = (actor: Actor) =>
  decide(actor, 'break_glass', { kind: 'child', councilId: actor.councilId, childId: '', restricted: false, holderIds: [], teamIds: [] }).allowed;

/** The access area's use cases, built once by the composition root over the one database. */
export function createAccessService(deps: { db: Db }) {
  const { db } = deps;
  return {
    mayBreakGlass,
    breakGlass: (ctx: RequestContext, childId: string, reason: string) => breakGlass(db, ctx.actor, childId, reason, ctx.origin, ctx.now),
    grantAccess: (ctx: RequestContext, userId: string, childId: string, reason: string, days?: number) => grantAccess(db, ctx.actor, userId, childId, reason, ctx.origin, ctx.now, days),
    listBreakGlassForReview: (ctx: RequestContext, onlyUnreviewed: boolean) => listBreakGlassForReview(db, ctx.actor, ctx.origin, onlyUnreviewed),
    reviewBreakGlassUse: (ctx: RequestContext, id: string, outcome: unknown, note: string) => reviewBreakGlassUse(db, ctx.actor, id, outcome, note, ctx.origin),
    /** `download` names a file format ("CSV", "Excel"): the same check, audited as an export. */
    auditOfChild: (ctx: RequestContext, childId: string, download?: string) => auditOfChild(db, ctx.actor, childId, ctx.origin, download),
    auditOfPerson: (ctx: RequestContext, userId: string, download?: string) => auditOfPerson(db, ctx.actor, userId, ctx.origin, download),
  };
}
export type AccessService = ReturnType<typeof createAccessService>;
