/**
 * Recording's tables: what was done on a case (`recorded_activities`, written by imports and by
 * recording here), how it was recorded in Caseweight (`recordings`); case notes are in store/notes.ts.
 */
import type { Kysely, Selectable } from 'kysely';
import type { RecordedRow } from '../kernel/register.ts';
import { insertRegisterRows } from '../platform/bulk.ts';
import type { Database, RecordingsTable } from '../platform/tables.ts';

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
