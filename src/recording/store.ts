/**
 * Recording's tables: what was done on a case (`recorded_activities`, written by imports and by
 * recording here), how it was recorded in Caseweight (`recordings`), and case notes with every
 * version (`case_notes`).
 */
import type { Kysely, Selectable } from 'kysely';
import type { RecordedRow } from '../kernel/register.ts';
import { insertRegisterRows } from '../platform/bulk.ts';
import type { CaseNotesTable, Database, RecordingsTable } from '../platform/tables.ts';

type Db = Kysely<Database>;
export type RecordingRow = Selectable<RecordingsTable>;

export const insertRecorded = (db: Db, rows: readonly RecordedRow[]) => insertRegisterRows(db, 'recorded', rows);

export async function insertRecording(db: Db, row: Omit<RecordingRow, 'recorded_at'>): Promise<void> {
  await db.insertInto('recordings').values(row).execute();
}

/** What was done on one child's case, oldest first (imports' rows and those recorded here). */
export async function listRecordedForChild(db: Db, councilId: string, childId: string): Promise<RecordedRow[]> {
  return db.selectFrom('recorded_activities').selectAll().where('council_id', '=', councilId).where('child_id', '=', childId)
    .orderBy('occurred_on').orderBy('recorded_id').execute();
}

/** One child's recordings, newest first. */
export async function listRecordings(db: Db, councilId: string, childId: string): Promise<RecordingRow[]> {
  return db.selectFrom('recordings').selectAll().where('council_id', '=', councilId).where('child_id', '=', childId)
    .orderBy('happened_at', 'desc').orderBy('recording_id').execute();
}

/** Time recorded per occurrence since a day (for calibrating the model): activity, who, total minutes. */
export async function listRecordedTime(db: Db, councilId: string, since: Date): Promise<{ activity_code: string; practitioner_id: string | null; minutes: number }[]> {
  const rows = await db.selectFrom('recordings')
    .select(['activity_code', 'practitioner_id', 'direct_minutes', 'travel_minutes', 'recording_minutes', 'meeting_minutes'])
    .where('council_id', '=', councilId).where('happened_at', '>=', since).execute();
  return rows.map((r) => ({ activity_code: r.activity_code, practitioner_id: r.practitioner_id, minutes: r.direct_minutes + r.travel_minutes + r.recording_minutes + r.meeting_minutes }));
}

export type CaseNoteRow = Selectable<CaseNotesTable>;

/** Every version of every note on one child's record (the notes page, the chronology, the subject access bundle). */
export async function listCaseNotes(db: Db, councilId: string, childId: string): Promise<CaseNoteRow[]> {
  return db.selectFrom('case_notes').selectAll().where('council_id', '=', councilId).where('child_id', '=', childId)
    .orderBy('note_id').orderBy('version').execute();
}

/** One note's versions, oldest first; `forUpdate` holds them for the transaction (a correction takes the next version number). */
export async function getCaseNote(db: Db, councilId: string, childId: string, noteId: string, forUpdate = false): Promise<CaseNoteRow[]> {
  let q = db.selectFrom('case_notes').selectAll().where('council_id', '=', councilId).where('child_id', '=', childId).where('note_id', '=', noteId).orderBy('version');
  if (forUpdate) q = q.forUpdate();
  return q.execute();
}

export async function insertCaseNote(db: Db, row: CaseNoteRow): Promise<void> {
  await db.insertInto('case_notes').values(row).execute();
}

/**
 * Saves a draft (and marks it final, when `finalisedAt` is given). Only a draft by this author
 * changes: the service checks first, this `where` makes it so (and the table's trigger refuses
 * any change to a final version). Returns whether a row changed.
 */
export async function updateDraftNote(db: Db, councilId: string, noteId: string, authorUserId: string, values: Pick<CaseNoteRow, 'type' | 'text' | 'significant' | 'happened_on' | 'updated_at'> & { finalised_at: Date | null }): Promise<boolean> {
  const result = await db.updateTable('case_notes')
    .set({ ...values, ...(values.finalised_at ? { status: 'final' as const } : {}) })
    .where('council_id', '=', councilId).where('note_id', '=', noteId).where('version', '=', 1)
    .where('status', '=', 'draft').where('author_user_id', '=', authorUserId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
