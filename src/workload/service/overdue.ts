/**
 * The team's overdue list: every statutory activity overdue or due in the next 10 working days on
 * the team's cases, by worker. For the team's manager and service managers; each case listed is
 * a read of its schedule, audited in the read's transaction, and the list shows only what a
 * single read would allow (the list rule in SQL).
 */
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { childListFilter } from '../../access/model/filters.ts';
import { auditChildAccess, authorise } from '../../access/service.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { NotFoundError } from '../../kernel/errors.ts';
import { toCaseInputs } from '../../cases/model/index.ts';
import * as casesStore from '../../cases/store.ts';
import * as workforceStore from '../../workforce/store.ts';
import { caseSchedule, dayFromIso, englandCalendar, isoFromDay, STATUS_NAMES } from '../model/index.ts';
import { loadModelContext, loadNotInData } from './index.ts';

/** How far ahead "due soon" reaches on the team's list (the issue's 10 working days). */
export const DUE_WITHIN_WORKING_DAYS = 10;

export interface OverdueRow {
  practitionerId: string;
  workerName: string;
  childId: string;
  childName: string;
  activityCode: string;
  activity: string;
  status: string;
  dueOn: string;
  state: 'overdue' | 'due_soon';
  daysOverdue: number;
  /** Working days until due (0 when overdue). */
  workingDaysLeft: number;
}

export interface TeamOverdueData {
  team: { teamId: string; name: string };
  date: string;
  rows: OverdueRow[];
}

export async function teamOverdue(db: Db, ctx: RequestContext, teamId: string, date: string, download?: string, councilId: string = ctx.actor.councilId): Promise<TeamOverdueData> {
  const { actor, origin } = ctx;
  // Another council's ids (from the API's address) are refused by the policy, audited, as 404.
  await authorise(db, actor, 'read', { kind: 'team_casework', councilId, teamId }, 'team overdue list', origin);
  return db.transaction().execute(async (trx) => {
    const team = await workforceStore.getTeam(trx, actor.councilId, teamId);
    if (!team) throw new NotFoundError(`There is no team "${teamId}".`);
    const day = dayFromIso(date);
    const calendar = englandCalendar();
    const people = await workforceStore.listPractitionersInPost(trx, actor.councilId, date, teamId);
    const leads = await casesStore.listOpenLeadAllocations(trx, actor.councilId, date, people.map((p) => p.practitioner_id));
    const inTeam = new Map(people.map((p) => [p.practitioner_id, p.name]));
    const held = leads.filter((l) => inTeam.has(l.practitioner_id));
    const visible = new Set(await casesStore.listVisibleChildIds(trx, actor.councilId, date, childListFilter(actor, 'read', 'case_schedule'), held.map((l) => l.child_id)));
    const shown = held.filter((l) => visible.has(l.child_id));
    const ids = shown.map((l) => l.child_id);
    const [model, records, recorded] = await Promise.all([
      loadModelContext(trx, actor.councilId),
      casesStore.loadCaseRecords(trx, actor.councilId, ids),
      casesStore.listRecordedForChildren(trx, actor.councilId, ids),
    ]);
    const notInData = await loadNotInData(trx, actor.councilId, model.config);
    const inputs = toCaseInputs(records.children, records.episodes, records.factors);
    const names = new Map(records.children.map((c) => [c.child_id, c.name]));
    const doneBy = new Map<string, { activityCode: string; on: number }[]>();
    for (const r of recorded) doneBy.set(r.child_id, [...(doneBy.get(r.child_id) ?? []), { activityCode: r.activity_code, on: dayFromIso(r.occurred_on) }]);
    const rows: OverdueRow[] = [];
    for (const lead of shown) {
      const input = inputs.get(lead.child_id);
      if (!input) continue;
      for (const item of caseSchedule(input, doneBy.get(lead.child_id) ?? [], day, model, { notInData })) {
        const left = item.dueOn > day ? calendar.workingDaysBetween(day, item.dueOn) : 0;
        const overdue = item.state === 'overdue';
        // Work the council's data cannot show done is never listed as due (it is "not in your data").
        if (!overdue && !((item.state === 'due_soon' || item.state === 'upcoming') && left <= DUE_WITHIN_WORKING_DAYS)) continue;
        rows.push({
          practitionerId: lead.practitioner_id, workerName: inTeam.get(lead.practitioner_id)!, childId: lead.child_id, childName: names.get(lead.child_id) ?? lead.child_id,
          activityCode: item.activityCode, activity: item.name, status: STATUS_NAMES[item.status], dueOn: isoFromDay(item.dueOn),
          state: overdue ? 'overdue' : 'due_soon', daysOverdue: item.daysOverdue, workingDaysLeft: left,
        });
      }
    }
    for (const childId of new Set(rows.map((r) => r.childId))) await auditChildAccess(trx, actor, childId, 'read', 'team overdue list: name, what is due', origin);
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: download ? 'export' : 'read', recordType: 'team_casework', recordId: teamId, fields: `team overdue list${download ? `: ${download} download` : ''}: ${rows.length} items`, ip: origin.ip }, ctx.now);
    return { team: { teamId, name: team.name }, date, rows };
  });
}
