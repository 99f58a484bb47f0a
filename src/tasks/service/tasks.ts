/**
 * Tasks' use cases: hand a task over, list them, open one, and move it on (claim, hand back,
 * return with a question, answer, cancel). Each asks access first; each read and write and its
 * audit event share one transaction, and a hand-back's case note is written in it too, through
 * recording's service.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { auditChildAccess, authorise, authoriseChild } from '../../access/service.ts';
import { decide } from '../../access/model/index.ts';
import { getChild, getChildAccessFacts, listOpenLeadAllocations } from '../../cases/store.ts';
import { listAccounts } from '../../identity/store.ts';
import { addTaskHandBackNote } from '../../recording/service/task-notes.ts';
import { loadModelContext } from '../../workload/service/index.ts';
import { today, type RequestContext } from '../../kernel/context.ts';
import { InvalidInputError, NotFoundError } from '../../kernel/errors.ts';
import {
  checkStepText, checkTaskForm, handBackNote, isOverdue, stepsFor, takeStep, TASK_TYPE_INFO, TASK_TYPES,
  type Side, type Step, type TaskForm, type TaskStatus, type TaskType,
} from '../model/index.ts';
import * as store from '../store/index.ts';
import { auditTask, authoriseTask, taskResource } from './access.ts';

/** How long a task handed back or cancelled stays on the lists. */
const CLOSED_DAYS = 14;
const closedSince = (now: Date) => new Date(now.getTime() - CLOSED_DAYS * 86_400_000);

export interface Person { userId: string; name: string }

/** A task as the pages and the API show it: what it needs, never the child's record. */
export interface TaskData {
  taskId: string;
  childId: string;
  /** The child's name (a letter and minutes need it); shown only to those who may see the task. */
  childName: string;
  teamId: string;
  type: TaskType;
  typeName: string;
  /** What business support is shown, in words. */
  shows: string;
  title: string;
  instructions: string;
  details: { key: string; label: string; value: string }[];
  dueOn: string;
  status: TaskStatus;
  overdue: boolean;
  assignedTo: string | null;
  claimedByName: string | null;
  requestedByName: string;
  requestedAt: Date;
  question: string | null;
  answer: string | null;
  outcome: string | null;
  doneAt: Date | null;
  noteId: string | null;
  /** A hand-back the asker has not yet opened. */
  unseen: boolean;
}

export interface TaskPageData {
  task: TaskData;
  side: Side;
  steps: Step[];
  /** The case page opens for this person (caseworkers; never business support). */
  mayOpenCase: boolean;
}

export function toTaskData(row: store.TaskRow, childName: string, day: string): TaskData {
  const info = TASK_TYPE_INFO[row.type];
  const details = row.details ?? {};
  return {
    taskId: row.task_id, childId: row.child_id, childName, teamId: row.team_id, type: row.type, typeName: info.name, shows: info.shows,
    title: row.title, instructions: row.instructions,
    details: info.fields.filter((f) => details[f.key]).map((f) => ({ key: f.key, label: f.label, value: details[f.key]! })),
    dueOn: row.due_on, status: row.status, overdue: isOverdue(row.status, row.due_on, day), assignedTo: row.assigned_to, claimedByName: row.claimed_by_name,
    requestedByName: row.requested_by_name, requestedAt: new Date(row.requested_at), question: row.question, answer: row.answer, outcome: row.outcome,
    doneAt: row.done_at ? new Date(row.done_at) : null, noteId: row.note_id, unseen: row.status === 'done' && row.acknowledged_at === null,
  };
}

async function childNameOf(db: Db, councilId: string, childId: string): Promise<string> {
  return (await getChild(db, councilId, childId))?.name ?? childId;
}

/** The team's business support officers who can sign in: those a task may be sent to by name. */
async function supportPeople(db: Db, councilId: string, teamId: string): Promise<Person[]> {
  return (await listAccounts(db, councilId))
    .filter((u) => !u.disabled && u.roles.includes('business_support') && u.team_ids.includes(teamId))
    .map((u) => ({ userId: u.user_id, name: u.name }));
}

export interface NewTaskData {
  childId: string;
  childName: string;
  teamId: string;
  people: Person[];
  /** Each type with the hours it moves to business support (the workload model's figure). */
  types: { type: TaskType; name: string; hours: number }[];
}

/** The queue a task goes to: the asker's team that holds the case, else the case's team. */
const queueTeam = (actorTeams: readonly string[], caseTeams: readonly string[]) => caseTeams.find((t) => actorTeams.includes(t)) ?? caseTeams[0] ?? actorTeams[0];

async function newTaskFacts(db: Db, ctx: RequestContext, childId: string, page: string) {
  const { actor, origin } = ctx;
  const { resource } = await authoriseChild(db, actor, childId, 'write', 'child', today(ctx), page, origin);
  // Business support would see the child's name and the details on a restricted record: the restriction's point.
  if (resource.restricted) throw new InvalidInputError('Tasks cannot be handed to business support on a restricted record: ask your team manager how to arrange this work.');
  const teamId = queueTeam(actor.teamIds, resource.teamIds);
  if (!teamId) throw new InvalidInputError('This case has no team, so there is no business support queue to send a task to.');
  return { teamId };
}

/** The form to hand a task over, for those who may write on the case (the allocated worker, the team manager). */
export async function newTaskForm(db: Db, ctx: RequestContext, childId: string): Promise<NewTaskData> {
  const { teamId } = await newTaskFacts(db, ctx, childId, 'hand a task to business support');
  return db.transaction().execute(async (trx) => {
    const [childName, people, model] = [await childNameOf(trx, ctx.actor.councilId, childId), await supportPeople(trx, ctx.actor.councilId, teamId), await loadModelContext(trx, ctx.actor.councilId)];
    await auditChildAccess(trx, ctx.actor, childId, 'read', 'hand a task to business support: name', ctx.origin);
    const hours = (type: TaskType) => model.config.taskHours.find((h) => h.type === type)?.hours.central ?? 0;
    return { childId, childName, teamId, people, types: TASK_TYPES.map((type) => ({ type, name: TASK_TYPE_INFO[type].name, hours: hours(type) })) };
  });
}

/** Hands a task to the team's business support queue (or a named person): the task and its audit events in one transaction. */
export async function createTask(db: Db, ctx: RequestContext, childId: string, form: TaskForm, councilId = ctx.actor.councilId): Promise<{ taskId: string }> {
  const { actor, origin, now } = ctx;
  if (councilId !== actor.councilId) {
    await recordAudit(db, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'denied', recordType: 'child', recordId: childId, fields: 'hand a task to business support', ip: origin.ip, reason: 'another council' });
    throw new NotFoundError(`There is no case "${childId}" that you can see.`);
  }
  const { teamId } = await newTaskFacts(db, ctx, childId, 'hand a task to business support');
  const people = await supportPeople(db, actor.councilId, teamId);
  const checked = checkTaskForm(form, today(ctx), people.map((p) => p.userId));
  if (!checked.ok) throw new InvalidInputError('There is a problem with the task.', checked.problems);
  const v = checked.value;
  const taskId = randomUUID();
  await db.transaction().execute(async (trx) => {
    const row: store.TaskRow = {
      council_id: actor.councilId, task_id: taskId, child_id: childId, team_id: teamId, type: v.type, title: v.title, instructions: v.instructions, details: v.details,
      due_on: v.dueOn, status: 'open', assigned_to: v.assignTo, claimed_by: null, claimed_by_name: null, claimed_at: null,
      requested_by: actor.userId, requested_by_name: actor.name, requested_at: now, question: null, answer: null, outcome: null, done_at: null,
      note_id: null, acknowledged_at: null, updated_at: now,
    };
    await store.insertTask(trx, row);
    await auditTask(trx, ctx, row, 'write', `task handed to business support (${TASK_TYPE_INFO[v.type].name.toLowerCase()}, due ${v.dueOn}${v.assignTo ? `, to ${v.assignTo}` : `, team ${teamId}'s queue`})`);
  });
  return { taskId };
}

/** One task: the purpose-limited view. Business support sees only what the task needs; the view is audited as the task's. */
export async function openTask(db: Db, ctx: RequestContext, taskId: string, councilId?: string): Promise<TaskPageData> {
  const { row, side } = await authoriseTask(db, ctx, taskId, 'read', 'task', councilId);
  return db.transaction().execute(async (trx) => {
    const name = await childNameOf(trx, ctx.actor.councilId, row.child_id);
    // Opening a hand-back is the asker's acknowledgement: it leaves the "handed back" list.
    if (row.status === 'done' && row.acknowledged_at === null && row.requested_by === ctx.actor.userId) {
      await store.updateTask(trx, row.council_id, row.task_id, 'done', { acknowledged_at: ctx.now });
    }
    await auditTask(trx, ctx, row, 'read', `task view: ${TASK_TYPE_INFO[row.type].shows}`);
    const facts = await getChildAccessFacts(trx, row.council_id, row.child_id, today(ctx));
    const mayOpenCase = facts !== undefined && decide(ctx.actor, 'read', { kind: 'child', councilId: row.council_id, ...facts }).allowed;
    return { task: toTaskData(row, name, today(ctx)), side, steps: stepsFor(row.status, side), mayOpenCase };
  });
}

const STEP_WORDS: Record<Step, string> = { claim: 'claimed', complete: 'handed back done', return: 'returned with a question', answer: 'question answered', cancel: 'cancelled' };

/** Moves a task on. A hand-back adds a final note to the child's record in the same transaction. */
export async function moveTask(db: Db, ctx: RequestContext, taskId: string, step: Step, text: string, councilId?: string): Promise<{ status: TaskStatus; noteId: string | null }> {
  const { actor, now } = ctx;
  const { row: seen, side, holderIds } = await authoriseTask(db, ctx, taskId, 'write', `task: ${step}`, councilId);
  const allowed = takeStep(seen.status, step, side);
  if (!allowed.ok) throw new InvalidInputError(allowed.message);
  const words = checkStepText(step, text);
  if (!words.ok) throw new InvalidInputError('There is a problem with your answer.', words.problems);
  return db.transaction().execute(async (trx) => {
    // Held for the transaction, and checked again: someone else may have claimed it a moment ago.
    const row = (await store.getTask(trx, actor.councilId, taskId, true))!;
    if (!decide(actor, 'write', taskResource(row, holderIds)).allowed) throw new InvalidInputError('Another business support officer has just claimed this task.');
    const again = takeStep(row.status, step, side);
    if (!again.ok) throw new InvalidInputError(again.message);
    let noteId: string | null = null;
    if (step === 'complete') {
      const note = handBackNote({ title: row.title, type: row.type, requestedByName: row.requested_by_name }, actor.name, words.text!);
      noteId = await addTaskHandBackNote(trx, ctx, row.child_id, row.task_id, note);
    }
    const values: Parameters<typeof store.updateTask>[4] = { status: again.to, updated_at: now };
    if (step === 'claim') Object.assign(values, { claimed_by: actor.userId, claimed_by_name: actor.name, claimed_at: now });
    if (step === 'return') Object.assign(values, { question: words.text, answer: null });
    if (step === 'answer') Object.assign(values, { answer: words.text });
    if (step === 'complete') Object.assign(values, { outcome: words.text, done_at: now, note_id: noteId });
    if (!(await store.updateTask(trx, actor.councilId, taskId, row.status, values))) throw new InvalidInputError('Someone else changed this task at the same moment. Open it again to see where it is.');
    await auditTask(trx, ctx, row, 'write', `task ${STEP_WORDS[step]}`);
    return { status: again.to, noteId };
  });
}

export interface MyTasksData {
  tasks: TaskData[];
}

/** Tasks this person asked for or that are on the cases they hold: still to do, and those closed in the past two weeks. */
export async function myTasks(db: Db, ctx: RequestContext, councilId = ctx.actor.councilId): Promise<MyTasksData> {
  const { actor, origin } = ctx;
  if (councilId !== actor.councilId) throw new NotFoundError('There is nothing here that you can see.');
  return db.transaction().execute(async (trx) => {
    const rows = await store.listTasksFor(trx, actor.councilId, actor.userId, await heldChildIds(trx, ctx), closedSince(ctx.now));
    const visible: TaskData[] = [];
    for (const row of rows) {
      const facts = await getChildAccessFacts(trx, row.council_id, row.child_id, today(ctx));
      if (!decide(actor, 'read', taskResource(row, facts?.holderIds ?? [])).allowed) continue;
      visible.push(toTaskData(row, await childNameOf(trx, actor.councilId, row.child_id), today(ctx)));
    }
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'read', recordType: 'task', recordId: null, fields: `your tasks: ${visible.length}`, ip: origin.ip }, ctx.now);
    return { tasks: visible };
  });
}

async function heldChildIds(db: Db, ctx: RequestContext): Promise<string[]> {
  if (!ctx.actor.practitionerId) return [];
  return (await listOpenLeadAllocations(db, ctx.actor.councilId, today(ctx), [ctx.actor.practitionerId])).map((a) => a.child_id);
}

export interface QueueData {
  teamId: string;
  /** The teams whose queue this person may open (to switch between). */
  teamIds: string[];
  viewerUserId: string;
  tasks: (TaskData & { mine: boolean })[];
}

/** A team's business support queue: for its business support officers and managers. Titles and due dates; the details open with the task. */
export async function teamQueue(db: Db, ctx: RequestContext, teamId: string | undefined, councilId = ctx.actor.councilId): Promise<QueueData> {
  const { actor, origin } = ctx;
  const teamIds = actor.teamIds.filter((t) => decide(actor, 'read', { kind: 'task_queue', councilId: actor.councilId, teamId: t }).allowed);
  const team = teamId ?? teamIds[0] ?? '';
  if (councilId !== actor.councilId) throw new NotFoundError('There is nothing here that you can see.');
  await authorise(db, actor, 'read', { kind: 'task_queue', councilId: actor.councilId, teamId: team }, 'business support queue', origin);
  return db.transaction().execute(async (trx) => {
    const rows = await store.listTeamTasks(trx, actor.councilId, [team], closedSince(ctx.now));
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'read', recordType: 'task_queue', recordId: team, fields: `business support queue: ${rows.length} tasks (titles, due dates)`, ip: origin.ip }, ctx.now);
    // The queue names no child: the name comes with the task's own, audited view.
    return { teamId: team, teamIds, viewerUserId: actor.userId, tasks: rows.map((r) => ({ ...toTaskData(r, '', today(ctx)), mine: (r.claimed_by ?? r.assigned_to) === actor.userId })) };
  });
}
