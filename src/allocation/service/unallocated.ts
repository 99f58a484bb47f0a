/** The work waiting for a worker in the teams someone allocates for: asked of access first, each child's read audited. */
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { decide, type Actor } from '../../access/model/index.ts';
import { auditChildAccess, authorise } from '../../access/service.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { NotFoundError } from '../../kernel/errors.ts';
import * as casesStore from '../../cases/store.ts';
import { caseSchedule, dayFromIso, englandCalendar, isoFromDay, STATUS_NAMES } from '../../workload/model/index.ts';
import { loadModelContext, loadNotInData } from '../../workload/service/index.ts';
import { dueWork, waitingCases, type WaitingCase } from '../model/index.ts';
import { loadOpenCases, loadPolicy, responsibleTeams } from './facts.ts';
import { allocationResource } from './resource.ts';

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
