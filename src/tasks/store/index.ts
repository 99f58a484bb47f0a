/**
 * The tasks area's tables (migration 0017): `tasks` and `support_capacity`. Declared here, with
 * the store that owns them, rather than in platform/tables.ts (Kysely's `withTables`), so the
 * columns are written in one place.
 */
import type { ColumnType, Kysely, Selectable } from 'kysely';
import type { Database } from '../../platform/tables.ts';
import type { TaskStatus, TaskType } from '../model/index.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface TasksTable {
  council_id: string;
  task_id: string;
  child_id: string;
  team_id: string;
  type: TaskType;
  title: string;
  instructions: string;
  details: ColumnType<Record<string, string>, string, string>;
  /** A date column: read back as YYYY-MM-DD. */
  due_on: string;
  status: TaskStatus;
  assigned_to: string | null;
  claimed_by: string | null;
  claimed_by_name: string | null;
  claimed_at: Timestamp | null;
  requested_by: string;
  requested_by_name: string;
  requested_at: Timestamp;
  question: string | null;
  answer: string | null;
  outcome: string | null;
  done_at: Timestamp | null;
  note_id: string | null;
  acknowledged_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface SupportCapacityTable {
  council_id: string;
  user_id: string;
  weekly_hours: ColumnType<string, number, number>;
  set_by: string;
  set_at: Timestamp;
}

type TasksTables = {
  tasks: TasksTable;
  support_capacity: SupportCapacityTable;
};

type Db = Kysely<Database>;
export type TaskRow = Selectable<TasksTable>;
const t = (db: Db) => db.withTables<TasksTables>();

export async function insertTask(db: Db, row: Omit<TaskRow, 'details'> & { details: Record<string, string> }): Promise<void> {
  await t(db).insertInto('tasks').values({ ...row, details: JSON.stringify(row.details) }).execute();
}

/** One task; `forUpdate` holds it for the transaction, so two people cannot claim it at once. */
export async function getTask(db: Db, councilId: string, taskId: string, forUpdate = false): Promise<TaskRow | undefined> {
  let q = t(db).selectFrom('tasks').selectAll().where('council_id', '=', councilId).where('task_id', '=', taskId);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Moves a task on from the status the service checked; false when someone else moved it first. */
export async function updateTask(db: Db, councilId: string, taskId: string, from: TaskStatus, values: Partial<Omit<TaskRow, 'council_id' | 'task_id' | 'details'>>): Promise<boolean> {
  const result = await t(db).updateTable('tasks').set(values)
    .where('council_id', '=', councilId).where('task_id', '=', taskId).where('status', '=', from).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A team's tasks still to do, and those handed back or cancelled since a moment, soonest due first. */
export async function listTeamTasks(db: Db, councilId: string, teamIds: readonly string[], closedSince: Date): Promise<TaskRow[]> {
  if (teamIds.length === 0) return [];
  return t(db).selectFrom('tasks').selectAll().where('council_id', '=', councilId).where('team_id', 'in', [...teamIds])
    .where((eb) => eb.or([eb('status', 'in', ['open', 'claimed', 'returned']), eb('updated_at', '>=', closedSince)]))
    .orderBy('due_on').orderBy('task_id').execute();
}

/**
 * Tasks someone asked for, or on the cases they hold, still to do or closed since a moment (the
 * practitioner's "tasks" page and the handed back list on My workload).
 */
export async function listTasksFor(db: Db, councilId: string, userId: string, childIds: readonly string[], closedSince: Date): Promise<TaskRow[]> {
  return t(db).selectFrom('tasks').selectAll().where('council_id', '=', councilId)
    .where((eb) => eb.or([eb('requested_by', '=', userId), ...(childIds.length ? [eb('child_id', 'in', [...childIds])] : [])]))
    .where((eb) => eb.or([eb('status', 'in', ['open', 'claimed', 'returned']), eb('updated_at', '>=', closedSince), eb.and([eb('status', '=', 'done'), eb('acknowledged_at', 'is', null)])]))
    .orderBy('due_on').orderBy('task_id').execute();
}

/**
 * Tasks on these cases whose work may fall in the month from `date` (the workload model decides
 * which do: workload/model/delegation.ts taskInMonth): not cancelled, asked by then, not handed
 * back before it.
 */
export async function listDelegatedTasks(db: Db, councilId: string, date: string, childIds?: readonly string[]): Promise<TaskRow[]> {
  if (childIds !== undefined && childIds.length === 0) return [];
  let q = t(db).selectFrom('tasks').selectAll().where('council_id', '=', councilId).where('status', '<>', 'cancelled')
    .where('requested_at', '<', new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000))
    .where((eb) => eb.or([eb('done_at', 'is', null), eb('done_at', '>=', new Date(`${date}T00:00:00Z`))]));
  if (childIds !== undefined) q = q.where('child_id', 'in', [...childIds]);
  return q.execute();
}

export async function getSupportCapacity(db: Db, councilId: string, userIds: readonly string[]): Promise<Selectable<SupportCapacityTable>[]> {
  if (userIds.length === 0) return [];
  return t(db).selectFrom('support_capacity').selectAll().where('council_id', '=', councilId).where('user_id', 'in', [...userIds]).execute();
}

export async function setSupportCapacity(db: Db, row: { council_id: string; user_id: string; weekly_hours: number; set_by: string; set_at: Date }): Promise<void> {
  await t(db).insertInto('support_capacity').values(row)
    .onConflict((oc) => oc.columns(['council_id', 'user_id']).doUpdateSet({ weekly_hours: row.weekly_hours, set_by: row.set_by, set_at: row.set_at }))
    .execute();
}

/** How many of someone's tasks are handed back and not yet seen, and how many are overdue (My workload's banner). */
export async function countTasksFor(db: Db, councilId: string, userId: string, childIds: readonly string[], today: string): Promise<{ handedBack: number; overdue: number }> {
  const row = await t(db).selectFrom('tasks')
    .select((eb) => [
      eb.fn.countAll<string>().filterWhere((w) => w.and([w('status', '=', 'done'), w('acknowledged_at', 'is', null), w('requested_by', '=', userId)])).as('handed_back'),
      eb.fn.countAll<string>().filterWhere((w) => w.and([w('status', 'in', ['open', 'claimed', 'returned']), w('due_on', '<', today)])).as('overdue'),
    ])
    .where('council_id', '=', councilId)
    .where((eb) => eb.or([eb('requested_by', '=', userId), ...(childIds.length ? [eb('child_id', 'in', [...childIds])] : [])]))
    .executeTakeFirstOrThrow();
  return { handedBack: Number(row.handed_back), overdue: Number(row.overdue) };
}
