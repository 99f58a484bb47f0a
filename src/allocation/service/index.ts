/**
 * Allocation's use cases: the work waiting for a worker, suggestions for one case, recording a
 * decision, the decisions as a file for the case management system, and checking them against
 * the next import. Each asks access first and audits in the transaction of its read or write.
 */
import type { Db } from '../../platform/database.ts';
import { authorise } from '../../access/service.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { unallocated } from './unallocated.ts';
import { allocate, suggestions, type AllocateInput } from './one-case.ts';
import { decisions } from './decisions.ts';
import { declareConflict, readPolicy, savePolicy, type ConflictInput } from './rules.ts';
import { acceptPlan, planFor, planOptions, whatIfFor, type AcceptInput, type PlanRequest, type WhatIfRequest } from './plan.ts';
export { PLAN_MODES, type PlanMode, type PlanView, type WhatIfView } from './plan.ts';
export { checkDecisionsAfterImport, type DecisionCheck, type DecisionsData, type DecisionView } from './decisions.ts';
export type { UnallocatedData } from './unallocated.ts';
export type { AllocateInput, SuggestionsData } from './one-case.ts';

/** The API names the council in its address: another council's ids answer 404, audited, like a record you may not see. */
async function inCouncil(db: Db, ctx: RequestContext, councilId: string | undefined, page: string): Promise<void> {
  if (councilId === undefined || councilId === ctx.actor.councilId) return;
  await authorise(db, ctx.actor, 'read', { kind: 'allocation', councilId, teamIds: [] }, page, ctx.origin);
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
