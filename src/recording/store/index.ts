/**
 * Recording's tables: what was done on a case (`recorded_activities`, written by imports and by
 * recording here), how it was recorded in Caseweight (`recordings`); case notes are in store/notes.ts.
 */
import type { Kysely, Selectable } from 'kysely';
import type { RecordedRow } from '../../kernel/register.ts';
import { insertRegisterRows } from '../../platform/bulk.ts';
import type { Database, RecordingsTable } from '../../platform/tables.ts';

type Db = Kysely<Database>;
export type RecordingRow = Selectable<RecordingsTable>;

export const insertRecorded = (db: Db, rows: readonly RecordedRow[]) => insertRegisterRows(db, 'recorded', rows);

export async function insertRecording(db: Db, row: Omit<RecordingRow, 'recorded_at'>): Promise<void> {
  await db.insertInto('recordings').values(row).execute();
}

/** Many recordings at once (the demo's pilot team): in batches, so one statement stays well under PostgreSQL's 65,535 parameters. */
export async function insertRecordings(db: Db, rows: readonly (Omit<RecordingRow, 'recorded_at'> & { recorded_at?: Date })[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) await db.insertInto('recordings').values(rows.slice(i, i + 2000)).execute();
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
export async function listRecordedTime(db: Db, councilId: string, since: Date): Promise<{ activity_code: string; practitioner_id: string | null; minutes: number; happened_at: Date }[]> {
  const rows = await db.selectFrom('recordings')
    .select(['activity_code', 'practitioner_id', 'direct_minutes', 'travel_minutes', 'recording_minutes', 'meeting_minutes', 'happened_at'])
    .where('council_id', '=', councilId).where('happened_at', '>=', since).execute();
  return rows.map((r) => ({ activity_code: r.activity_code, practitioner_id: r.practitioner_id, minutes: r.direct_minutes + r.travel_minutes + r.recording_minutes + r.meeting_minutes, happened_at: new Date(r.happened_at) }));
}

/** One practitioner's recorded minutes by kind since a moment: what they recorded beside what the model expects. */
export async function sumRecordedMinutes(db: Db, councilId: string, practitionerId: string, since: Date): Promise<{ recordings: number; direct: number; travel: number; recording: number; meeting: number }> {
  const row = await db.selectFrom('recordings')
    .select((eb) => [
      eb.fn.countAll<string>().as('recordings'),
      eb.fn.coalesce(eb.fn.sum<string>('direct_minutes'), eb.lit(0)).as('direct'),
      eb.fn.coalesce(eb.fn.sum<string>('travel_minutes'), eb.lit(0)).as('travel'),
      eb.fn.coalesce(eb.fn.sum<string>('recording_minutes'), eb.lit(0)).as('recording'),
      eb.fn.coalesce(eb.fn.sum<string>('meeting_minutes'), eb.lit(0)).as('meeting'),
    ])
    .where('council_id', '=', councilId).where('practitioner_id', '=', practitionerId).where('happened_at', '>=', since)
    .executeTakeFirstOrThrow();
  return { recordings: Number(row.recordings), direct: Number(row.direct), travel: Number(row.travel), recording: Number(row.recording), meeting: Number(row.meeting) };
}
