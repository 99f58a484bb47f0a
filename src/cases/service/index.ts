import type { Db } from '../../platform/database.ts';
import { decide, type Actor } from '../../access/model/index.ts';
import { auditChildAccess, authoriseChild, type Origin } from '../../access/service.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { caseDemand, dayFromIso } from '../../workload/model/index.ts';
import { caseScheduleUnchecked, loadModelContext } from '../../workload/service/index.ts';
import { toCaseInputs } from '../model/index.ts';
import * as casesStore from '../store.ts';
import { listPractitionersInPost } from '../../workforce/store.ts';
import type { CasePageData } from '../pages/case.ts';
import { retentionDue, subjectAccessBundle } from './records.ts';

/**
 * The case page. The schedule service decides access (a refusal is an audited 404); the rest of
 * the record is then read with its own audit event in the same transaction.
 */
export async function loadCasePage(db: Db, actor: Actor, origin: Origin, childId: string, date: string): Promise<CasePageData> {
  // The whole record is shown, so the whole record's rule is asked (not the schedule's: business
  // support may read a schedule, never the record). One transaction: the reads and their audit event.
  const { breakGlass, resource } = await authoriseChild(db, actor, childId, 'read', 'child', date, 'case page', origin);
  // Recording is offered only to those who may write on the case (the allocated worker, the team manager).
  const mayRecord = decide(actor, 'write', resource).allowed;
  return db.transaction().execute(async (trx) => {
    const ctx = await loadModelContext(trx, actor.councilId);
    const schedule = await caseScheduleUnchecked(trx, actor.councilId, childId, date);
    const child = await casesStore.getChild(trx, actor.councilId, childId);
    const episodes = await casesStore.listEpisodes(trx, actor.councilId, childId);
    const allocations = await casesStore.listAllocationHistory(trx, actor.councilId, childId);
    const records = await casesStore.loadCaseRecords(trx, actor.councilId, [childId]);
    // A past worker is a link only when their page would open for this viewer: in post on the date, and the policy allows it.
    const inPost = new Map((await listPractitionersInPost(trx, actor.councilId, date)).map((p) => [p.practitioner_id, p.team_id]));
    const openable = (practitionerId: string) => {
      const teamId = inPost.get(practitionerId);
      return teamId !== undefined && decide(actor, 'read', { kind: 'practitioner_workload', councilId: actor.councilId, practitionerId, teamId }).allowed;
    };
    await auditChildAccess(trx, actor, childId, 'read', 'case page: summary, schedule, status history, allocation history, workload', origin, breakGlass);
    const input = toCaseInputs(records.children, records.episodes, records.factors).get(childId)!;
    const demand = caseDemand(input, dayFromIso(date), ctx);
    return {
      date,
      configVersion: ctx.version,
      child: { childId, name: child!.name, dateOfBirth: child!.date_of_birth, sex: child!.sex, familyId: child!.family_id, restricted: child!.restricted },
      episodes: episodes.map((e) => ({ kind: e.kind, start: e.start_date, end: e.end_date, placementDistanceMiles: e.placement_distance_miles, placementLongTerm: e.placement_long_term, s47Outcome: e.s47_outcome })),
      factors: records.factors.map((f) => ({ factor: f.factor, start: f.start_date, end: f.end_date })),
      allocations: allocations.map((a) => ({ practitionerId: a.practitioner_id, practitionerName: a.practitioner_name, teamId: a.team_id, role: a.role, start: a.start_date, end: a.end_date, openable: openable(a.practitioner_id) })),
      schedule,
      demand: { statuses: demand.statuses, total: demand.total, activities: demand.activities.map((a) => ({ name: a.name, occurrences: a.occurrences, multiplier: a.multiplier, hours: a.hours, why: a.why })) },
      sources: Object.fromEntries(ctx.config.activities.map((a) => [a.name, a.hoursSource])),
      mayRecord,
    };
  });
}

/** The cases area's use cases, built once by the composition root. */
export function createCasesService(deps: { db: Db }) {
  const { db } = deps;
  return {
    casePage: (ctx: RequestContext, childId: string, date: string) => loadCasePage(db, ctx.actor, ctx.origin, childId, date),
    subjectAccessBundle: (ctx: RequestContext, childId: string) => subjectAccessBundle(db, ctx, childId),
    retentionDue: (ctx: RequestContext, date: string) => retentionDue(db, ctx, date),
  };
}
export type CasesService = ReturnType<typeof createCasesService>;
