import { teamOverdue } from './overdue.ts';
import { calibrationReport } from './calibration.ts';
import type { Db } from '../../platform/database.ts';
import type { Actor } from '../../access/model/index.ts';
import { childListFilter } from '../../access/model/filters.ts';
import { auditChildAccess, authorise, authoriseChild, type Origin } from '../../access/service.ts';
import { recordAudit } from '../../platform/audit.ts';
import { toCaseInputs } from '../../cases/model/index.ts';
import * as casesStore from '../../cases/store.ts';
import { NotFoundError } from '../../kernel/errors.ts';
import { toPractitionerInput } from '../../workforce/model.ts';
import * as workforceStore from '../../workforce/store.ts';
import {
  caseSchedule, notInYourData, DEFAULT_CONFIG, englandCalendar, isoFromDay, dayFromIso, parseWorkloadConfig, practitionerWorkload, referenceDemands,
  type CaseInput, type DelegatedTask, type ModelContext, type PractitionerWorkload, type WorkloadConfig,
} from '../model/index.ts';
import * as tasksStore from '../../tasks/store/index.ts';
import { ukDay } from '../../kernel/time.ts';
import * as workloadStore from '../store.ts';
import * as exchangeStore from '../../exchange/store.ts';
import { sumSupervisionMinutes } from '../../supervision/store/index.ts';
import type { SupervisionTime } from '../model/capacity.ts';
import { DAYS_PER_MONTH } from '../../kernel/calendar.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { loadPractitionerPage, loadTeamPage } from './pages.ts';
import { previewSettings, readSettings, saveSettings, settingsForEditing } from './settings.ts';
import { restoreSettingsVersion, settingsHistory, settingsVersion } from './settings-history.ts';
import { toBreakdownView, toScheduleView, toSummaryView, type BreakdownView, type ScheduleView, type PractitionerSummaryView } from '../model/views.ts';

export interface VersionedContext extends ModelContext {
  version: number;
}

/** The council's current model configuration (version 0 = built-in defaults, never saved). */
export async function loadModelContext(db: Db, councilId: string): Promise<VersionedContext> {
  const stored = await workloadStore.getLatestConfig(db, councilId);
  if (!stored) return { config: DEFAULT_CONFIG, version: 0, calendar: englandCalendar() };
  const parsed = parseWorkloadConfig(stored.config);
  if (!parsed.ok) {
    throw new Error(`Workload configuration version ${stored.version} of ${councilId} is invalid: ${parsed.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  }
  return { config: parsed.config, version: stored.version, calendar: englandCalendar() };
}

async function requireCouncil(db: Db, councilId: string) {
  const council = await workforceStore.getCouncil(db, councilId);
  if (!council) throw new NotFoundError(`There is no council "${councilId}".`);
  return council;
}

/** What the model needs from the register for one date: read once, run under any configuration. */
export interface WorkloadInputs {
  day: number;
  practitioners: workforceStore.PractitionerRow[];
  absencesBy: Map<string, workforceStore.AbsenceRow[]>;
  heldBy: Map<string, CaseInput[]>;
  childNames: Map<string, string>;
  /** Every case loaded, held or not (the whole council's when no team is named): sufficiency reads their history. */
  cases?: Map<string, CaseInput>;
  /** Tasks handed to business support on the cases held, by child: their hours leave the holder's demand. */
  tasksByChild?: Map<string, DelegatedTask[]>;
  /** Supervision recorded in the month to the date, per practitioner (received and given); none read, the estimate stands. */
  supervisionBy?: Map<string, SupervisionTime>;
}

/** A stored task as the model sees it: days, and who holds it (the claimer, else the named person, else the queue). */
export function toDelegatedTask(r: tasksStore.TaskRow): DelegatedTask {
  return {
    taskId: r.task_id, childId: r.child_id, type: r.type, title: r.title, holderUserId: r.claimed_by ?? r.assigned_to,
    requestedOn: dayFromIso(ukDay(new Date(r.requested_at))), dueOn: dayFromIso(r.due_on),
    doneOn: r.done_at ? dayFromIso(ukDay(new Date(r.done_at))) : null, cancelled: r.status === 'cancelled',
  };
}

/** Tasks on these cases whose hours may move this month (the tasks area's read). */
async function loadDelegatedTasks(db: Db, councilId: string, date: string, childIds?: readonly string[]): Promise<Map<string, DelegatedTask[]>> {
  const rows = await tasksStore.listDelegatedTasks(db, councilId, date, childIds);
  return groupBy(rows.map(toDelegatedTask), (t) => t.childId);
}

/**
 * Supervision recorded in the month to `date` (30 days ending on the date), per
 * practitioner: the recorded figure replaces the flat estimate in capacity where there is one.
 */
export async function loadSupervisionTime(db: Db, councilId: string, date: string, ids?: readonly string[]): Promise<Map<string, SupervisionTime>> {
  const day = dayFromIso(date);
  // One month (the capacity model scales it to its horizon), whatever look-ahead the caller reads absences for.
  const rows = await sumSupervisionMinutes(db, councilId, isoFromDay(day - Math.floor(DAYS_PER_MONTH) + 1), date, ids);
  return new Map(rows.map((r) => [r.practitionerId, { receivedHours: r.receivedMinutes / 60, receivedSessions: r.receivedSessions, givenHours: r.givenMinutes / 60, givenSessions: r.givenSessions }]));
}

/**
 * Loads practitioners in post, their absences over `horizonDays`, what they hold and those
 * children's histories. Scoped to one team, or the whole council when teamId is undefined.
 */
export async function loadWorkloadInputs(db: Db, councilId: string, date: string, horizonDays: number, teamId?: string): Promise<WorkloadInputs> {
  const day = dayFromIso(date);
  const practitioners = await workforceStore.listPractitionersInPost(db, councilId, date, teamId);
  const ids = practitioners.map((p) => p.practitioner_id);
  const horizonEnd = isoFromDay(Math.ceil(day + horizonDays));
  const whole = teamId === undefined;
  const [absences, allocations, supervisionBy] = await Promise.all([
    workforceStore.listAbsences(db, councilId, date, horizonEnd, whole ? undefined : ids),
    casesStore.listOpenLeadAllocations(db, councilId, date, whole ? undefined : ids),
    loadSupervisionTime(db, councilId, date, whole ? undefined : ids),
  ]);
  const heldIds = whole ? undefined : [...new Set(allocations.map((a) => a.child_id))];
  const records = await casesStore.loadCaseRecords(db, councilId, heldIds);
  const tasksByChild = await loadDelegatedTasks(db, councilId, date, heldIds);
  const cases = toCaseInputs(records.children, records.episodes, records.factors);
  const heldBy = new Map<string, CaseInput[]>();
  for (const a of allocations) {
    const input = cases.get(a.child_id);
    if (input) heldBy.set(a.practitioner_id, [...(heldBy.get(a.practitioner_id) ?? []), input]);
  }
  return { day, practitioners, absencesBy: groupBy(absences, (a) => a.practitioner_id), heldBy, childNames: new Map(records.children.map((c) => [c.child_id, c.name])), tasksByChild, supervisionBy, cases };
}

const withSupervision = <T extends object>(input: T, supervision: SupervisionTime | undefined): T => (supervision ? { ...input, supervision } : input);

/** Runs the model over loaded inputs: pure, so a draft configuration can be previewed on the same read. */
export function runWorkloads(inputs: WorkloadInputs, ctx: ModelContext) {
  const references = referenceDemands(inputs.day, ctx);
  return inputs.practitioners.map((p) => {
    const held = inputs.heldBy.get(p.practitioner_id) ?? [];
    const tasks = inputs.tasksByChild ? held.flatMap((c) => inputs.tasksByChild!.get(c.childId) ?? []) : [];
    return { practitioner: p, workload: practitionerWorkload(withSupervision(toPractitionerInput(p, inputs.absencesBy.get(p.practitioner_id) ?? []), inputs.supervisionBy?.get(p.practitioner_id)), held, inputs.day, ctx, references, tasks) };
  });
}

/** The model over the register for one date, with the council's current configuration. */
export async function computeWorkloads(db: Db, councilId: string, date: string, teamId?: string) {
  const ctx = await loadModelContext(db, councilId);
  const inputs = await loadWorkloadInputs(db, councilId, date, ctx.config.horizonDays, teamId);
  return { ctx, day: inputs.day, results: runWorkloads(inputs, ctx), childNames: inputs.childNames };
}

export interface TeamWorkloadView {
  councilId: string;
  team: { teamId: string; name: string; service: string };
  date: string;
  configVersion: number;
  practitioners: PractitionerSummaryView[];
}

/** A team's figures with no access check: for the local command line and benchmarks only. */
async function teamWorkloadUnchecked(db: Db, councilId: string, teamId: string, date: string): Promise<TeamWorkloadView> {
  await requireCouncil(db, councilId);
  const team = await workforceStore.getTeam(db, councilId, teamId);
  if (!team) throw new NotFoundError(`There is no team "${teamId}" in this council.`);
  const { ctx, results } = await computeWorkloads(db, councilId, date, teamId);
  return {
    councilId,
    team: { teamId: team.team_id, name: team.name, service: team.service },
    date,
    configVersion: ctx.version,
    practitioners: results.map((r) => toSummaryView(r.practitioner, r.workload)),
  };
}

/**
 * A team's workload for someone allowed to see it; the read is audited in the same transaction.
 * `download` names the file format when the figures leave as a file: the event is then an export.
 */
export async function teamWorkload(db: Db, actor: Actor, origin: Origin, councilId: string, teamId: string, date: string, download?: string): Promise<TeamWorkloadView> {
  if (councilId !== actor.councilId) throw new NotFoundError(`There is no team "${teamId}" that you can see.`);
  await authorise(db, actor, 'read', { kind: 'team_workload', councilId, teamId }, download ? `team workload (${download} download)` : 'team workload', origin);
  return db.transaction().execute(async (trx) => {
    const view = await teamWorkloadUnchecked(trx, councilId, teamId, date);
    await recordAudit(trx, {
      councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: download ? 'export' : 'read', recordType: 'team', recordId: teamId,
      fields: download ? `team workload: ${download} download` : 'team workload', ip: origin.ip,
    });
    return view;
  });
}

/**
 * One practitioner's breakdown, case by case. Each child listed is a read of that child's
 * record and is audited as such; a restricted child's name shows only to those with a grant.
 */
export async function practitionerBreakdown(db: Db, actor: Actor, origin: Origin, councilId: string, practitionerId: string, date: string): Promise<BreakdownView> {
  if (councilId !== actor.councilId) throw new NotFoundError(`There is no practitioner "${practitionerId}" that you can see.`);
  const practitioner = await workforceStore.getPractitioner(db, councilId, practitionerId);
  await authorise(db, actor, 'read', { kind: 'practitioner_workload', councilId, practitionerId, teamId: practitioner?.team_id ?? '' }, 'practitioner workload', origin);
  return db.transaction().execute(async (trx) => {
    const view = await practitionerBreakdownUnchecked(trx, councilId, practitionerId, date);
    const ids = view.caseList.map((c) => c.childId);
    // The same rule as opening each child's record (access turns it into SQL): names only for those.
    const [restricted, open] = await Promise.all([
      casesStore.listRestrictedChildIds(trx, councilId, ids).then((r) => new Set(r)),
      casesStore.listVisibleChildIds(trx, councilId, date, childListFilter(actor, 'read', 'child'), ids).then((r) => new Set(r)),
    ]);
    for (const c of view.caseList) {
      const visible = open.has(c.childId);
      if (!visible) c.childName = restricted.has(c.childId) ? 'Restricted record' : 'A case you cannot open';
      await recordAudit(trx, { councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'read', recordType: 'child', recordId: c.childId, childId: c.childId, fields: visible ? 'practitioner workload: name, statuses, hours' : 'practitioner workload: hours only (restricted)', ip: origin.ip });
    }
    await recordAudit(trx, { councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'read', recordType: 'practitioner', recordId: practitionerId, fields: 'practitioner workload', ip: origin.ip });
    return view;
  });
}

async function practitionerBreakdownUnchecked(db: Db, councilId: string, practitionerId: string, date: string): Promise<BreakdownView> {
  await requireCouncil(db, councilId);
  const practitioner = await workforceStore.getPractitioner(db, councilId, practitionerId);
  if (!practitioner) throw new NotFoundError(`There is no practitioner "${practitionerId}" in this council.`);
  const day = dayFromIso(date);
  const ctx = await loadModelContext(db, councilId);
  const horizonEnd = isoFromDay(Math.ceil(day + ctx.config.horizonDays));
  const [absences, allocations, supervision] = await Promise.all([
    workforceStore.listAbsences(db, councilId, date, horizonEnd, [practitionerId]),
    casesStore.listOpenLeadAllocations(db, councilId, date, [practitionerId]),
    loadSupervisionTime(db, councilId, date, [practitionerId]),
  ]);
  const records = await casesStore.loadCaseRecords(db, councilId, allocations.map((a) => a.child_id));
  const tasks = await loadDelegatedTasks(db, councilId, date, allocations.map((a) => a.child_id));
  const cases = toCaseInputs(records.children, records.episodes, records.factors);
  const workload: PractitionerWorkload = practitionerWorkload(
    withSupervision(toPractitionerInput(practitioner, absences), supervision.get(practitionerId)), [...cases.values()], day, ctx, undefined, [...tasks.values()].flat(),
  );
  return toBreakdownView(practitioner, workload, date, ctx.version, new Map(records.children.map((c) => [c.child_id, c.name])));
}

/** One case's statutory schedule, for someone allowed to see it; audited. */
export async function caseScheduleView(db: Db, actor: Actor, origin: Origin, councilId: string, childId: string, date: string): Promise<ScheduleView> {
  if (councilId !== actor.councilId) throw new NotFoundError(`There is no case "${childId}" that you can see.`);
  const { breakGlass } = await authoriseChild(db, actor, childId, 'read', 'case_schedule', date, 'case schedule', origin);
  return db.transaction().execute(async (trx) => {
    await auditChildAccess(trx, actor, childId, 'read', 'case schedule', origin, breakGlass);
    return caseScheduleUnchecked(trx, councilId, childId, date);
  });
}

/** The activities whose completion none of the council's imported sources records (see notInYourData). */
export async function loadNotInData(db: Db, councilId: string, config: WorkloadConfig): Promise<Set<string>> {
  return notInYourData(await exchangeStore.listCoverage(db, councilId), config.activities.map((a) => a.code));
}

/** A case's schedule inside a caller's transaction, once the caller has asked access and audited the read. */
export async function caseScheduleUnchecked(db: Db, councilId: string, childId: string, date: string): Promise<ScheduleView> {
  await requireCouncil(db, councilId);
  const child = await casesStore.getChild(db, councilId, childId);
  if (!child) throw new NotFoundError(`There is no child "${childId}" in this council.`);
  const day = dayFromIso(date);
  const ctx = await loadModelContext(db, councilId);
  const [records, recorded, notInData] = await Promise.all([
    casesStore.loadCaseRecords(db, councilId, [childId]),
    casesStore.listRecorded(db, councilId, childId),
    loadNotInData(db, councilId, ctx.config),
  ]);
  const input = toCaseInputs(records.children, records.episodes, records.factors).get(childId)!;
  const items = caseSchedule(input, recorded.map((r) => ({ activityCode: r.activity_code, on: dayFromIso(r.occurred_on) })), day, ctx, { notInData });
  return toScheduleView(child, input, items, date, ctx.version, day);
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** The workload area's use cases, built once by the composition root. */
export function createWorkloadService(deps: { db: Db }) {
  const { db } = deps;
  return {
    teamWorkload: (ctx: RequestContext, councilId: string, teamId: string, date: string) => teamWorkload(db, ctx.actor, ctx.origin, councilId, teamId, date),
    practitionerBreakdown: (ctx: RequestContext, councilId: string, practitionerId: string, date: string) => practitionerBreakdown(db, ctx.actor, ctx.origin, councilId, practitionerId, date),
    caseSchedule: (ctx: RequestContext, councilId: string, childId: string, date: string) => caseScheduleView(db, ctx.actor, ctx.origin, councilId, childId, date),
    teamPage: (ctx: RequestContext, teamId: string, date: string) => loadTeamPage(db, ctx.actor, ctx.origin, teamId, date),
    calibration: (ctx: RequestContext, councilId?: string, include?: ReadonlySet<string>) => calibrationReport(db, ctx, councilId, include),
    teamOverdue: (ctx: RequestContext, teamId: string, date: string, download?: string, councilId?: string) => teamOverdue(db, ctx, teamId, date, download, councilId),
    /** The team page's data for a download: the same check, audited as an export naming the format ("CSV", "Excel", "PDF"). */
    teamDownload: (ctx: RequestContext, teamId: string, date: string, format: string) => loadTeamPage(db, ctx.actor, ctx.origin, teamId, date, format),
    practitionerPage: (ctx: RequestContext, practitionerId: string, date: string) => loadPractitionerPage(db, ctx.actor, ctx.origin, practitionerId, date),
    readSettings: (ctx: RequestContext) => readSettings(db, ctx),
    settingsForEditing: (ctx: RequestContext) => settingsForEditing(db, ctx),
    saveSettings: (ctx: RequestContext, config: WorkloadConfig, note: string) => saveSettings(db, ctx, config, note),
    previewSettings: (ctx: RequestContext, current: WorkloadConfig, draft: WorkloadConfig) => previewSettings(db, ctx, current, draft),
    settingsHistory: (ctx: RequestContext) => settingsHistory(db, ctx),
    settingsVersion: (ctx: RequestContext, version: number, against: 'previous' | 'current') => settingsVersion(db, ctx, version, against),
    restoreSettingsVersion: (ctx: RequestContext, version: number, reason: string) => restoreSettingsVersion(db, ctx, version, reason),
  };
}
export type WorkloadService = ReturnType<typeof createWorkloadService>;
