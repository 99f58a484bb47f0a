/**
 * Recording's tables: what was done on a case (`recorded_activities`, written by imports and by
 * recording here) and how it was recorded in Caseweight (`recordings`).
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

/** One child's recordings, newest first. */
export async function listRecordings(db: Db, councilId: string, childId: string): Promise<RecordingRow[]> {
  return db.selectFrom('recordings').selectAll().where('council_id', '=', councilId).where('child_id', '=', childId)
    .orderBy('happened_at', 'desc').orderBy('recording_id').execute();
}
