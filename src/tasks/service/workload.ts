/**
 * Business support's own workload (issue 16, item 2): the hours of the tasks they hold against
 * their capacity, with a band like anyone else's. The hours are the ones the team's workload
 * moved off the case holders (workload/model/delegation.ts), so the two always agree.
 *
 * Their capacity comes from their contracted weekly hours kept in this area (support_capacity),
 * set by their team manager from HR's figure, or the model's full-time week until it is. Not from
 * the register's practitioners: that table feeds the DfE's social worker statistics, and business
 * support are not social workers.
 */
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorise } from '../../access/service.ts';
import { decide } from '../../access/model/index.ts';
import { getUser } from '../../identity/store.ts';
import { computeWorkloads, loadModelContext } from '../../workload/service/index.ts';
import { bandFor, dayFromIso, supportCapacity, supportDemand, workloadRatio, type Band, type HandOffLine, type Range } from '../../workload/model/index.ts';
import { today, type RequestContext } from '../../kernel/context.ts';
import { InvalidInputError, NotFoundError } from '../../kernel/errors.ts';
import { TASK_TYPE_INFO, isOverdue } from '../model/index.ts';
import * as store from '../store/index.ts';

export interface SupportLine {
  taskId: string;
  title: string;
  typeName: string;
  dueOn: string;
  overdue: boolean;
  hours: Range;
}

export interface SupportWorkloadData {
  userId: string;
  name: string;
  teamIds: string[];
  date: string;
  configVersion: number;
  weeklyHours: number;
  /** Whether the hours were set for them, or are the model's full-time week. */
  hoursSet: boolean;
  mine: { lines: SupportLine[]; total: Range };
  /** Unclaimed tasks in their teams' queues: the team's to share out. */
  queue: { lines: SupportLine[]; total: Range };
  capacity: { contractedHours: number; leaveHours: number; protectedTime: { name: string; hours: number }[]; availableHours: number; taskShare: number; taskHours: number };
  ratio: Range | null;
  band: Band;
  bands: { greenUpTo: number; amberUpTo: number };
  /** May set their contracted hours (their team manager, a service manager). */
  maySetHours: boolean;
}

async function supportPerson(db: Db, ctx: RequestContext, userId: string, action: 'read' | 'write', page: string, councilId = ctx.actor.councilId) {
  const user = councilId === ctx.actor.councilId ? await getUser(db, ctx.actor.councilId, userId) : undefined;
  const teamIds = user?.roles.includes('business_support') ? user.team_ids : [];
  // Someone who is not in business support has no such page: the same audited 404 as a refusal.
  // (Another council's people do not exist for this person: the policy refuses the council first.)
  await authorise(db, ctx.actor, action, { kind: 'support_workload', councilId, userId: user?.roles.includes('business_support') ? userId : `not-support:${userId}`, teamIds }, page, ctx.origin);
  return { user: user!, teamIds };
}

/** A business support officer's workload on a date: theirs, their team manager's and service managers'. */
export async function supportWorkload(db: Db, ctx: RequestContext, userId: string, date = today(ctx), councilId = ctx.actor.councilId): Promise<SupportWorkloadData> {
  const { user, teamIds } = await supportPerson(db, ctx, userId, 'read', 'business support workload', councilId);
  const maySetHours = decide(ctx.actor, 'write', { kind: 'support_workload', councilId: ctx.actor.councilId, userId, teamIds }).allowed;
  return db.transaction().execute(async (trx) => {
    const model = await loadModelContext(trx, ctx.actor.councilId);
    const lines: HandOffLine[] = [];
    // One team after another: inside a transaction they share one connection.
    for (const teamId of teamIds) for (const r of (await computeWorkloads(trx, ctx.actor.councilId, date, teamId)).results) lines.push(...r.workload.demand.handedOff);
    const rows = new Map((await store.listTeamTasks(trx, ctx.actor.councilId, teamIds, new Date(`${date}T00:00:00Z`))).map((r) => [r.task_id, r]));
    const toLine = (l: HandOffLine): SupportLine | null => {
      const row = rows.get(l.taskId);
      return row ? { taskId: l.taskId, title: l.title, typeName: TASK_TYPE_INFO[row.type].name, dueOn: row.due_on, overdue: isOverdue(row.status, row.due_on, date), hours: l.hours } : null;
    };
    const group = (holder: string | null) => {
      const d = supportDemand(lines.filter((l) => rows.has(l.taskId)), holder);
      return { lines: d.lines.map(toLine).filter((l): l is SupportLine => l !== null).sort((a, b) => a.dueOn.localeCompare(b.dueOn)), total: d.total };
    };
    const mine = group(userId);
    const queue = group(null);
    const set = (await store.getSupportCapacity(trx, ctx.actor.councilId, [userId]))[0];
    const weeklyHours = set ? Number(set.weekly_hours) : model.config.capacity.fullTimeWeeklyHours;
    const cap = supportCapacity(weeklyHours, dayFromIso(date), model.config, model.calendar);
    await recordAudit(trx, { councilId: ctx.actor.councilId, actorUserId: ctx.actor.userId, actorRoles: ctx.actor.roles, action: 'read', recordType: 'support_workload', recordId: userId, fields: 'business support workload: task titles and hours', ip: ctx.origin.ip }, ctx.now);
    return {
      userId, name: user.name, teamIds: [...teamIds], date, configVersion: model.version, weeklyHours, hoursSet: set !== undefined, mine, queue,
      capacity: {
        contractedHours: cap.contractedHours, leaveHours: cap.leaveHours, protectedTime: cap.protectedTime.map((p) => ({ name: p.name, hours: p.hours })),
        availableHours: cap.availableHours, taskShare: cap.caseworkShare, taskHours: cap.caseworkHours,
      },
      ratio: workloadRatio(mine.total, cap.caseworkHours), band: bandFor(mine.total.central, cap.caseworkHours, model.config),
      bands: { greenUpTo: model.config.bands.greenUpTo, amberUpTo: model.config.bands.amberUpTo }, maySetHours,
    };
  });
}

/** Sets a business support officer's contracted weekly hours (HR's figure): their team manager or a service manager. */
export async function setSupportHours(db: Db, ctx: RequestContext, userId: string, text: string): Promise<void> {
  await supportPerson(db, ctx, userId, 'write', 'business support hours');
  const hours = /^\s*\d{1,2}(\.\d{1,2})?\s*$/.test(text) ? Number(text) : NaN;
  if (!(hours > 0 && hours <= 60)) {
    throw new InvalidInputError('There is a problem with the hours.', [{ field: 'weeklyHours', message: 'Enter contracted hours a week as a number from 1 to 60, like 37 or 22.5.' }]);
  }
  if (!(await getUser(db, ctx.actor.councilId, userId))) throw new NotFoundError('There is nothing here that you can see.');
  await db.transaction().execute(async (trx) => {
    await store.setSupportCapacity(trx, { council_id: ctx.actor.councilId, user_id: userId, weekly_hours: hours, set_by: ctx.actor.userId, set_at: ctx.now });
    await recordAudit(trx, { councilId: ctx.actor.councilId, actorUserId: ctx.actor.userId, actorRoles: ctx.actor.roles, action: 'write', recordType: 'support_workload', recordId: userId, fields: `contracted hours set to ${hours} a week`, ip: ctx.origin.ip }, ctx.now);
  });
}
