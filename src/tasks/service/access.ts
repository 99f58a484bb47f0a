/**
 * The tasks service's questions to access, in one place: what a task is as a Resource, which
 * side of the hand-over someone is on, and refusals answered as an audited 404.
 */
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { decide, type Action, type Decision, type Resource } from '../../access/model/index.ts';
import { getChildAccessFacts } from '../../cases/store.ts';
import { today, type RequestContext } from '../../kernel/context.ts';
import { NotFoundError } from '../../kernel/errors.ts';
import type { Side } from '../model/index.ts';
import * as store from '../store/index.ts';

export const taskResource = (row: store.TaskRow, holderIds: readonly string[]): Extract<Resource, { kind: 'task' }> => ({
  kind: 'task', councilId: row.council_id, teamId: row.team_id, requestedBy: row.requested_by, assignedTo: row.assigned_to, claimedBy: row.claimed_by, holderIds,
});

/** Business support work the task; everyone else the policy lets in asked for it, holds the case or manages the team. */
export const sideOf = (ctx: RequestContext, decision: Extract<Decision, { allowed: true }>): Side =>
  decision.basis === 'team' && ctx.actor.roles.includes('business_support') ? 'support' : 'caseworker';

/** A refusal, audited at once (so it survives), as the same 404 as no task at all. */
export async function refuse(db: Db, ctx: RequestContext, taskId: string, page: string, reason: string): Promise<never> {
  const { actor, origin } = ctx;
  await recordAudit(db, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'denied', recordType: 'task', recordId: taskId, fields: page, ip: origin.ip, reason });
  throw new NotFoundError(`There is no task "${taskId}" that you can see.`);
}

/** Loads a task and asks the policy; a refusal is an audited 404. Call it before the use case's transaction. */
export async function authoriseTask(db: Db, ctx: RequestContext, taskId: string, action: Action, page: string, councilId = ctx.actor.councilId) {
  if (councilId !== ctx.actor.councilId) return refuse(db, ctx, taskId, page, 'another council');
  const row = await store.getTask(db, ctx.actor.councilId, taskId);
  if (!row) return refuse(db, ctx, taskId, page, 'no such task');
  const facts = await getChildAccessFacts(db, row.council_id, row.child_id, today(ctx));
  const decision = decide(ctx.actor, action, taskResource(row, facts?.holderIds ?? []));
  if (!decision.allowed) return refuse(db, ctx, taskId, page, decision.reason);
  return { row, side: sideOf(ctx, decision), holderIds: facts?.holderIds ?? [] };
}

/** The audit event of an allowed read or write of a task, in the use case's transaction: recorded as the task's, naming the child. */
export async function auditTask(db: Db, ctx: RequestContext, row: store.TaskRow, action: 'read' | 'write', fields: string): Promise<void> {
  const { actor, origin } = ctx;
  await recordAudit(db, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action, recordType: 'task', recordId: row.task_id, childId: row.child_id, fields, ip: origin.ip }, ctx.now);
}
