/**
 * Supervision's store: sessions in outline, their reflective part (read only by the one function
 * named for it, so no list or figure reads it by accident), which case notes the decisions
 * became, the supervisee's comments, and the council's policy. Each function takes councilId first.
 */
import type { Kysely, Selectable } from 'kysely';
import { bulkInsert } from '../../platform/bulk.ts';
import type { Database } from '../../platform/tables.ts';
import { withSupervision, type SupervisionCommentsTable, type SupervisionSessionsTable } from './tables.ts';

type Db = Kysely<Database>;
export type SessionRow = Selectable<SupervisionSessionsTable>;
export type CommentRow = Selectable<SupervisionCommentsTable>;
export type NewSession = Omit<SessionRow, 'recorded_at'>;

const SESSION_COLUMNS = [
  ['council_id', 'text'], ['session_id', 'text'], ['supervisee_id', 'text'], ['supervisor_user_id', 'text'], ['supervisor_practitioner_id', 'text'],
  ['supervisor_name', 'text'], ['held_on', 'date'], ['minutes', 'integer'], ['recorded_by', 'text'],
] as const;
const REFLECTION_COLUMNS = [['council_id', 'text'], ['session_id', 'text'], ['wellbeing', 'text'], ['development', 'text']] as const;

/** One session with its reflective part (when there is one) and the notes its decisions became. */
export async function insertSession(db: Db, row: NewSession, reflection: { wellbeing: string; development: string } | null, items: { childId: string; noteId: string }[]): Promise<void> {
  const sv = withSupervision(db);
  await sv.insertInto('supervision_sessions').values(row).execute();
  if (reflection) await sv.insertInto('supervision_reflections').values({ council_id: row.council_id, session_id: row.session_id, ...reflection }).execute();
  if (items.length) {
    await sv.insertInto('supervision_case_items')
      .values(items.map((i, n) => ({ council_id: row.council_id, session_id: row.session_id, item_no: n + 1, child_id: i.childId, note_id: i.noteId }))).execute();
  }
}

/** Many sessions at once (the demo council's history), in a few statements. */
export async function insertSessions(db: Db, rows: readonly NewSession[], reflections: readonly { council_id: string; session_id: string; wellbeing: string; development: string }[]): Promise<void> {
  await bulkInsert(db, 'supervision_sessions', SESSION_COLUMNS, rows as unknown as Record<string, unknown>[]);
  await bulkInsert(db, 'supervision_reflections', REFLECTION_COLUMNS, reflections as unknown as Record<string, unknown>[]);
}

/** Sessions in outline (never the reflective part), newest first: for some supervisees, or everyone; held on or after `since`. */
export async function listSessions(db: Db, councilId: string, options: { superviseeIds?: readonly string[]; since?: string } = {}): Promise<SessionRow[]> {
  if (options.superviseeIds?.length === 0) return [];
  let q = withSupervision(db).selectFrom('supervision_sessions').selectAll().where('council_id', '=', councilId);
  if (options.superviseeIds) q = q.where('supervisee_id', 'in', [...options.superviseeIds]);
  if (options.since) q = q.where('held_on', '>=', options.since);
  return q.orderBy('held_on', 'desc').orderBy('session_id').execute();
}

export async function getSession(db: Db, councilId: string, sessionId: string): Promise<SessionRow | undefined> {
  return withSupervision(db).selectFrom('supervision_sessions').selectAll().where('council_id', '=', councilId).where('session_id', '=', sessionId).executeTakeFirst();
}

/** The reflective part of one session: only after the reflective rule has been asked. */
export async function getReflection(db: Db, councilId: string, sessionId: string): Promise<{ wellbeing: string; development: string } | undefined> {
  return withSupervision(db).selectFrom('supervision_reflections').select(['wellbeing', 'development'])
    .where('council_id', '=', councilId).where('session_id', '=', sessionId).executeTakeFirst();
}

export async function listCaseItems(db: Db, councilId: string, sessionId: string): Promise<{ child_id: string; note_id: string }[]> {
  return withSupervision(db).selectFrom('supervision_case_items').select(['child_id', 'note_id'])
    .where('council_id', '=', councilId).where('session_id', '=', sessionId).orderBy('item_no').execute();
}

export async function listComments(db: Db, councilId: string, sessionId: string): Promise<CommentRow[]> {
  return withSupervision(db).selectFrom('supervision_comments').selectAll().where('council_id', '=', councilId).where('session_id', '=', sessionId)
    .orderBy('written_at').orderBy('comment_id').execute();
}

export async function insertComment(db: Db, row: CommentRow): Promise<void> {
  await withSupervision(db).insertInto('supervision_comments').values(row).execute();
}

/** Minutes of supervision held in [from, to], per practitioner: as supervisee (received) and as supervisor (given). */
export async function sumSupervisionMinutes(db: Db, councilId: string, from: string, to: string, practitionerIds?: readonly string[]): Promise<{ practitionerId: string; receivedMinutes: number; receivedSessions: number; givenMinutes: number; givenSessions: number }[]> {
  if (practitionerIds?.length === 0) return [];
  const sv = withSupervision(db);
  const base = sv.selectFrom('supervision_sessions').where('council_id', '=', councilId).where('held_on', '>=', from).where('held_on', '<=', to);
  const [received, given] = await Promise.all([
    (practitionerIds ? base.where('supervisee_id', 'in', [...practitionerIds]) : base)
      .select((eb) => ['supervisee_id as id', eb.fn.sum<string>('minutes').as('minutes'), eb.fn.countAll<string>().as('sessions')]).groupBy('supervisee_id').execute(),
    (practitionerIds ? base.where('supervisor_practitioner_id', 'in', [...practitionerIds]) : base.where('supervisor_practitioner_id', 'is not', null))
      .select((eb) => ['supervisor_practitioner_id as id', eb.fn.sum<string>('minutes').as('minutes'), eb.fn.countAll<string>().as('sessions')]).groupBy('supervisor_practitioner_id').execute(),
  ]);
  const by = new Map<string, { practitionerId: string; receivedMinutes: number; receivedSessions: number; givenMinutes: number; givenSessions: number }>();
  const entry = (id: string) => by.get(id) ?? by.set(id, { practitionerId: id, receivedMinutes: 0, receivedSessions: 0, givenMinutes: 0, givenSessions: 0 }).get(id)!;
  for (const r of received) Object.assign(entry(r.id), { receivedMinutes: Number(r.minutes), receivedSessions: Number(r.sessions) });
  for (const r of given) if (r.id !== null) Object.assign(entry(r.id), { givenMinutes: Number(r.minutes), givenSessions: Number(r.sessions) });
  return [...by.values()];
}

export async function getLatestSettings(db: Db, councilId: string): Promise<{ version: number; settings: unknown } | undefined> {
  return withSupervision(db).selectFrom('supervision_settings').select(['version', 'settings']).where('council_id', '=', councilId)
    .orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export async function insertSettings(db: Db, row: { council_id: string; version: number; settings: unknown; note: string; created_by: string; created_by_name: string | null }): Promise<void> {
  await withSupervision(db).insertInto('supervision_settings').values({ ...row, settings: JSON.stringify(row.settings) }).execute();
}
