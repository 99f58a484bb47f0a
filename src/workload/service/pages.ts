import type { Db } from '../../platform/database.ts';
import type { Actor } from '../../access/model/index.ts';
import { auditChildAccess, type Origin } from '../../access/service.ts';
import { childListFilter } from '../../access/model/filters.ts';
import { decide } from '../../access/model/index.ts';
import { toCaseInputs } from '../../cases/model/index.ts';
import * as casesStore from '../../cases/store.ts';
import { listSnapshots } from '../../statistics/store.ts';
import * as workforceStore from '../../workforce/store.ts';
import * as recordingStore from '../../recording/store/index.ts';
import * as tasksStore from '../../tasks/store/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import { supervisionOf } from '../../supervision/service/status.ts';
import { addMonths, caseSchedule, dayFromIso, isoFromDay } from '../model/index.ts';
import { loadModelContext, loadNotInData, practitionerBreakdown, teamWorkload } from './index.ts';
import type { PractitionerPageData } from '../pages/practitioner.ts';
import type { TeamPageData } from '../pages/team.ts';

/** How far ahead the team page lists absences, and how far back it reads snapshots. */
const ABSENCE_DAYS = 56;
const SNAPSHOT_MONTHS = 6;
/** The window of recorded time shown beside the model's month. */
const RECORDED_DAYS = 28;

/**
 * Everything the team page shows. The figures come from the checked, audited team service
 * (a refusal is a 404 and is audited there); absences, posts and snapshots are read after it.
 */
export async function loadTeamPage(db: Db, actor: Actor, origin: Origin, teamId: string, date: string, download?: string): Promise<TeamPageData> {
  const day = dayFromIso(date);
  const view = await teamWorkload(db, actor, origin, actor.councilId, teamId, date, download);
  const ids = view.practitioners.map((p) => p.practitionerId);
  const [ctx, posts, snapshots, absences] = await Promise.all([
    loadModelContext(db, actor.councilId),
    workforceStore.listPosts(db, actor.councilId, teamId),
    listSnapshots(db, actor.councilId, isoFromDay(addMonths(day, -SNAPSHOT_MONTHS)), date, teamId),
    workforceStore.listAbsences(db, actor.councilId, date, isoFromDay(day + ABSENCE_DAYS), ids),
  ]);
  // Analysts (and anyone who does not manage these people) see how many are away, never who by name.
  const named = decide(actor, 'read', { kind: 'staff_absence', councilId: actor.councilId, teamId }).allowed;
  // Supervision due dates beside each band, for those the supervision rule lets see them (never the reflective part).
  const supervised = ids.filter((superviseeId) => decide(actor, 'read', { kind: 'supervision', councilId: actor.councilId, superviseeId, teamId }).allowed);
  const supervision = supervised.length === 0 ? new Map() : await db.transaction().execute(async (trx) => {
    const rows = (await workforceStore.listPractitionersInPost(trx, actor.councilId, date, teamId)).filter((p) => supervised.includes(p.practitioner_id));
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'read', recordType: 'supervision', recordId: teamId, fields: `team page: supervision due dates of ${rows.length} people`, ip: origin.ip });
    return supervisionOf(trx, actor.councilId, rows, date);
  });
  return {
    team: view.team,
    date,
    configVersion: view.configVersion,
    bands: { greenUpTo: ctx.config.bands.greenUpTo, amberUpTo: ctx.config.bands.amberUpTo },
    practitioners: view.practitioners,
    absencesNamed: named,
    // The child-by-child overdue list is offered only to those who may open it.
    mayListOverdue: decide(actor, 'read', { kind: 'team_casework', councilId: actor.councilId, teamId }).allowed,
    openablePractitionerIds: view.practitioners.map((p) => p.practitionerId)
      .filter((practitionerId) => decide(actor, 'read', { kind: 'practitioner_workload', councilId: actor.councilId, practitionerId, teamId }).allowed),
    supervision: Object.fromEntries(supervision),
    absences: absences.map((a) => ({ practitionerId: named ? a.practitioner_id : '', kind: a.kind, start: a.start_date, end: a.end_date })),
    posts: posts.map((p) => ({ postId: p.post_id, role: p.role, fte: p.fte, status: p.status, coveredBy: p.covered_by })),
    history: snapshots.map((s) => ({ practitionerId: s.practitioner_id, date: s.snapshot_date, band: s.band })),
  };
}

/**
 * A practitioner's breakdown (checked and audited per child by the workload service), then what
 * is due on each of those cases.
 */
export async function loadPractitionerPage(db: Db, actor: Actor, origin: Origin, practitionerId: string, date: string): Promise<PractitionerPageData> {
  const day = dayFromIso(date);
  const breakdown = await practitionerBreakdown(db, actor, origin, actor.councilId, practitionerId, date);
  // What is due, only on the cases whose schedule this person may read (the list rule is the
  // single-read rule, in SQL); each schedule shown is a read, audited with the reads.
  const { ctx, records, recorded, notInData, openableChildIds } = await db.transaction().execute(async (trx) => {
    const childIds = await casesStore.listVisibleChildIds(trx, actor.councilId, date, childListFilter(actor, 'read', 'case_schedule'), breakdown.caseList.map((c) => c.childId));
    // A case links to its page only when the page would open (the record's rule, not the schedule's).
    const openableChildIds = await casesStore.listVisibleChildIds(trx, actor.councilId, date, childListFilter(actor, 'read', 'child'), breakdown.caseList.map((c) => c.childId));
    const [ctx, records, recorded] = await Promise.all([
      loadModelContext(trx, actor.councilId),
      casesStore.loadCaseRecords(trx, actor.councilId, childIds),
      casesStore.listRecordedForChildren(trx, actor.councilId, childIds),
    ]);
    const notInData = await loadNotInData(trx, actor.councilId, ctx.config);
    for (const childId of childIds) await auditChildAccess(trx, actor, childId, 'read', 'practitioner page: what is due', origin);
    return { ctx, records, recorded, notInData, openableChildIds };
  });
  const inputs = toCaseInputs(records.children, records.episodes, records.factors);
  // The breakdown has already hidden restricted names from those without a grant: use its names.
  const names = new Map(breakdown.caseList.map((c) => [c.childId, c.childName]));
  const doneBy = new Map<string, { activityCode: string; on: number }[]>();
  for (const r of recorded) {
    const list = doneBy.get(r.child_id) ?? [];
    list.push({ activityCode: r.activity_code, on: dayFromIso(r.occurred_on) });
    doneBy.set(r.child_id, list);
  }
  const due = [...inputs.values()].flatMap((input) =>
    caseSchedule(input, doneBy.get(input.childId) ?? [], day, ctx, { notInData }).map((item) => ({
      childId: input.childId, childName: names.get(input.childId) ?? input.childId, name: item.name, activityCode: item.activityCode,
      dueOn: isoFromDay(item.dueOn), state: item.state, daysOverdue: item.daysOverdue, conditional: item.conditional,
    })));
  // Beside the modelled month: what they recorded in Caseweight over the past four weeks (aggregate time, no child-level data).
  const since = new Date(`${isoFromDay(day - RECORDED_DAYS)}T00:00:00Z`);
  const recorded4w = await recordingStore.sumRecordedMinutes(db, actor.councilId, practitionerId, since);
  // Your own page says when business support has handed tasks back, or any are overdue (counts only: the tasks page lists them).
  const tasks = actor.practitionerId === practitionerId
    ? await tasksStore.countTasksFor(db, actor.councilId, actor.userId, breakdown.caseList.map((c) => c.childId), date) : undefined;
  // Tasks are not handed over on a restricted record (business support would see what the restriction hides): no link to offer.
  const restrictedChildIds = await casesStore.listRestrictedChildIds(db, actor.councilId, breakdown.caseList.map((c) => c.childId));
  // Where their supervision stands, for the supervisee and those the supervision rule lets see it.
  const person = await workforceStore.getPractitioner(db, actor.councilId, practitionerId);
  const mayReadSupervision = person !== undefined && decide(actor, 'read', { kind: 'supervision', councilId: actor.councilId, superviseeId: practitionerId, teamId: person.team_id }).allowed;
  const supervision = !mayReadSupervision ? undefined : await db.transaction().execute(async (trx) => {
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'read', recordType: 'supervision', recordId: practitionerId, fields: 'practitioner page: supervision due date', ip: origin.ip });
    return (await supervisionOf(trx, actor.councilId, [person], date)).get(practitionerId);
  });
  return {
    tasks, restrictedChildIds, breakdown, bands: { greenUpTo: ctx.config.bands.greenUpTo, amberUpTo: ctx.config.bands.amberUpTo }, due, openableChildIds, recordedTime: { ...recorded4w, days: RECORDED_DAYS },
    ...(supervision ? { supervision } : {}),
  };
}
