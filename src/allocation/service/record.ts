/** Writing one allocation decision: shared by single decisions and accepted plans. */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { REASON_LABELS, type ReasonCode } from '../model/index.ts';
import * as store from '../store.ts';

/**
 * One child's new lead allocation, in the caller's transaction: the open lead ends on the day,
 * Caseweight's row and the decision are written, and the write is audited.
 */
export async function recordAllocation(trx: Db, ctx: RequestContext, w: {
  childId: string; to: { practitioner_id: string; team_id: string; name: string }; reason: ReasonCode; note: string; date: string;
  open: readonly { child_id: string; allocation_id: string; start_date: string; practitioner_id: string }[]; lastHolder: string | null;
  suggested: string | null; overrideText: string | null; planId: string | null;
}): Promise<string> {
  const { actor, origin } = ctx;
  const previous = w.open.filter((a) => a.child_id === w.childId);
  for (const a of previous) await store.endAllocation(trx, actor.councilId, a.allocation_id, a.start_date > w.date ? a.start_date : w.date);
  const allocationId = `cw-${randomUUID()}`;
  await store.insertAllocations(trx, [{ council_id: actor.councilId, allocation_id: allocationId, child_id: w.childId, practitioner_id: w.to.practitioner_id, team_id: w.to.team_id, role: 'lead', start_date: w.date, end_date: null }]);
  const decisionId = randomUUID();
  await store.insertDecisions(trx, [{
    council_id: actor.councilId, decision_id: decisionId, child_id: w.childId, practitioner_id: w.to.practitioner_id,
    previous_practitioner_id: previous[0]?.practitioner_id ?? w.lastHolder, team_id: w.to.team_id, allocation_id: allocationId,
    reason_code: w.reason, note: w.note, effective_date: w.date, suggested_practitioner_id: w.suggested,
    override_reason: w.overrideText, plan_id: w.planId, decided_by: actor.userId, decided_by_name: actor.name,
  }]);
  await recordAudit(trx, {
    councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'write', recordType: 'child', recordId: w.childId, childId: w.childId,
    fields: `allocation: lead to ${w.to.name} (${REASON_LABELS[w.reason]})${w.planId ? ', in a plan' : ''}`, ip: origin.ip, reason: w.overrideText,
  }, ctx.now);
  return decisionId;
}

