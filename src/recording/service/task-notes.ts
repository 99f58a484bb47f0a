/**
 * The case note a task's hand-back adds to the child's record (issue 16, item 1). Business support
 * may not write on a child's record, so they never reach addNote; the tasks service asks access
 * about the task (theirs to hand back) and calls this inside its own transaction, so the task's
 * hand-back, the note and both audit events stand or fall together. The note is final at once:
 * it records what was done, by whom, and a correction is a new version as for any note.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/database.ts';
import { auditChildAccess } from '../../access/service.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { ukDay } from '../../kernel/time.ts';
import { NOTE_TEXT_LIMIT } from '../model/notes.ts';
import * as store from '../store/notes.ts';

/** Writes the hand-back note in the caller's transaction (`trx`); returns its id. */
export async function addTaskHandBackNote(trx: Db, ctx: RequestContext, childId: string, taskId: string, text: string): Promise<string> {
  if (!trx.isTransaction) throw new Error('A hand-back note is written in the task’s transaction.');
  const { actor, origin, now } = ctx;
  const noteId = randomUUID();
  await store.insertCaseNote(trx, {
    council_id: actor.councilId, note_id: noteId, version: 1, child_id: childId, type: 'case_note', text: text.slice(0, NOTE_TEXT_LIMIT), status: 'final', significant: false,
    happened_on: ukDay(now), written_at: now, updated_at: now, finalised_at: now, author_user_id: actor.userId, author_name: actor.name,
    supersedes: null, correction_reason: null,
  });
  await auditChildAccess(trx, actor, childId, 'write', `case note ${noteId}: written as final on handing back task ${taskId}`, origin);
  return noteId;
}
