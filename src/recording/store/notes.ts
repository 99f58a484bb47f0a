/**
 * Case notes (`case_notes`, migration 0016): one row per version. The only write to an existing
 * row is a draft's own update; a final version is never updated (the table's trigger refuses it).
 */
import type { Kysely, Selectable } from 'kysely';
import type { CaseNotesTable, Database } from '../../platform/tables.ts';

type Db = Kysely<Database>;
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
