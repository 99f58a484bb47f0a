/**
 * Case notes' use cases. Reading notes follows the child's read rule; writing follows its write
 * rule (the allocated worker, the team manager). A draft changes only by its author; a final
 * version never changes (here, in the store's `where`, and in the table's trigger); a correction
 * is the next version, by the author or a manager. Every read and write is audited in its transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { decide } from '../../access/model/index.ts';
import { auditChildAccess, authoriseChild } from '../../access/service.ts';
import { getChild } from '../../cases/store.ts';
import { today, type RequestContext } from '../../kernel/context.ts';
import { InvalidInputError, NotAllowedError, NotFoundError } from '../../kernel/errors.ts';
import { ukDay } from '../../kernel/time.ts';
import { checkNote, noteThreads, noteTypesFor, seesAllVersions, type NoteForm, type NoteThread, type NoteType, type NoteVersion } from '../model/notes.ts';
import * as store from '../store/notes.ts';
import { listRecordings } from '../store/index.ts';
import { loadModelContext } from '../../workload/service/index.ts';

export const toNoteVersion = (r: store.CaseNoteRow): NoteVersion => ({
  noteId: r.note_id, version: r.version, type: r.type, text: r.text, status: r.status, significant: r.significant, happenedOn: r.happened_on,
  writtenAt: r.written_at, finalisedAt: r.finalised_at, authorUserId: r.author_user_id, authorName: r.author_name, correctionReason: r.correction_reason,
});

/** Another council's ids do not exist for this person: the same audited 404 as a record they may not see. */
async function sameCouncil(db: Db, ctx: RequestContext, childId: string, councilId: string, page: string): Promise<void> {
  if (councilId === ctx.actor.councilId) return;
  const { actor, origin } = ctx;
  await recordAudit(db, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'denied', recordType: 'child', recordId: childId, fields: page, ip: origin.ip, reason: 'another council' });
  throw new NotFoundError(`There is no case "${childId}" that you can see.`);
}

async function childName(db: Db, councilId: string, childId: string): Promise<string> {
  const child = await getChild(db, councilId, childId);
  if (!child) throw new NotFoundError(`There is no case "${childId}" that you can see.`);
  return child.name;
}

export interface NotesPageData {
  childId: string;
  childName: string;
  notes: NoteThread[];
  viewerUserId: string;
  /** May add notes and correct their own (the child's write rule). */
  mayWrite: boolean;
  /** May correct anyone's final note: a manager with write access. */
  mayCorrectAny: boolean;
  types: NoteType[];
  /** The notes written with recorded visits, contacts and meetings: part of the record, changed only by recording again. */
  visitNotes: VisitNote[];
}

export interface VisitNote {
  recordingId: string;
  activityName: string;
  happenedAt: Date;
  recordedAt: Date;
  authorName: string;
  /** Null where it was not asked (a meeting without the child). */
  childSeen: boolean | null;
  seenAlone: boolean | null;
  text: string;
}

/** A child's notes, newest first: the latest version of each, and for managers every earlier version. */
export async function listNotes(db: Db, ctx: RequestContext, childId: string, councilId = ctx.actor.councilId): Promise<NotesPageData> {
  await sameCouncil(db, ctx, childId, councilId, 'case notes');
  const { actor, origin } = ctx;
  const { breakGlass, resource } = await authoriseChild(db, actor, childId, 'read', 'child', today(ctx), 'case notes', origin);
  const mayWrite = decide(actor, 'write', resource).allowed;
  return db.transaction().execute(async (trx) => {
    const name = await childName(trx, actor.councilId, childId);
    const [rows, recordings, model] = await Promise.all([
      store.listCaseNotes(trx, actor.councilId, childId), listRecordings(trx, actor.councilId, childId), loadModelContext(trx, actor.councilId),
    ]);
    await auditChildAccess(trx, actor, childId, 'read', 'case notes', origin, breakGlass);
    const activityName = new Map(model.config.activities.map((a) => [a.code, a.name]));
    return {
      visitNotes: recordings.filter((r) => r.note.trim() !== '').map((r) => ({
        recordingId: r.recording_id, activityName: activityName.get(r.activity_code) ?? 'Other activity', happenedAt: new Date(r.happened_at), recordedAt: new Date(r.recorded_at),
        authorName: r.recorded_by_name, childSeen: r.child_seen, seenAlone: r.seen_alone, text: r.note,
      })),
      childId, childName: name, viewerUserId: actor.userId, mayWrite, mayCorrectAny: mayWrite && noteTypesFor(actor.roles).length > 1, types: noteTypesFor(actor.roles),
      notes: noteThreads(rows.map(toNoteVersion), { userId: actor.userId, allVersions: seesAllVersions(actor.roles) }),
    };
  });
}

export interface NoteFormData {
  childId: string;
  childName: string;
  types: NoteType[];
  /** The note being edited or corrected, when there is one. */
  note: NoteVersion | null;
}

/**
 * Runs a use case on one note; a refusal about the note itself (someone else's draft, a note they
 * may not correct) is audited after the rollback, so the denial survives it.
 */
async function onNote<T>(db: Db, ctx: RequestContext, childId: string, page: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof NotAllowedError) {
      const { actor, origin } = ctx;
      await recordAudit(db, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'denied', recordType: 'child', recordId: childId, childId, fields: page, ip: origin.ip, reason: error.message });
    }
    throw error;
  }
}

type Purpose = 'add' | 'edit' | 'correct';
const PURPOSE_WORDS: Record<Purpose, string> = { add: 'add a case note', edit: 'edit a draft case note', correct: 'correct a case note' };

/** The note a form changes, checked: a draft of one's own to edit, a final note one may correct. */
function noteFor(ctx: RequestContext, rows: readonly store.CaseNoteRow[], childId: string, noteId: string, purpose: Purpose): NoteVersion {
  const latest = rows.length ? toNoteVersion(rows[rows.length - 1]!) : undefined;
  const mine = latest?.authorUserId === ctx.actor.userId;
  // Someone else's draft is hidden from everyone but its author: the same 404 as no note at all.
  if (!latest || (latest.status === 'draft' && !mine)) throw new NotFoundError(`There is no note "${noteId}" on case "${childId}" that you can change.`);
  if (purpose === 'edit' && latest.status !== 'draft') throw new InvalidInputError('This note is final, so it cannot be edited: correct it instead, and the original stays on the record.');
  if (purpose === 'correct') {
    if (latest.status !== 'final') throw new InvalidInputError('This note is still a draft: edit it instead.');
    if (!mine && noteTypesFor(ctx.actor.roles).length === 1) throw new NotAllowedError('Only the author of a note or a manager can correct it.');
  }
  return latest;
}

/** The form to add a note, edit a draft or correct a final note: for those who may write on the case. */
export async function noteForm(db: Db, ctx: RequestContext, childId: string, noteId: string | null, purpose: Purpose): Promise<NoteFormData> {
  const { actor, origin } = ctx;
  const { breakGlass } = await authoriseChild(db, actor, childId, 'write', 'child', today(ctx), PURPOSE_WORDS[purpose], origin);
  return onNote(db, ctx, childId, PURPOSE_WORDS[purpose], () => db.transaction().execute(async (trx) => {
    const name = await childName(trx, actor.councilId, childId);
    const note = noteId === null ? null : noteFor(ctx, await store.getCaseNote(trx, actor.councilId, childId, noteId), childId, noteId, purpose);
    await auditChildAccess(trx, actor, childId, 'read', `${PURPOSE_WORDS[purpose]}${noteId ? ` ${noteId}` : ''}`, origin, breakGlass);
    return { childId, childName: name, types: noteTypesFor(actor.roles), note };
  }));
}

const problem = (problems: NonNullable<ConstructorParameters<typeof InvalidInputError>[1]>) => new InvalidInputError('There is a problem with the note.', problems);
const backDated = (happenedOn: string, now: Date) => (happenedOn !== ukDay(now) ? ` about ${happenedOn} (written ${ukDay(now)})` : ` about ${happenedOn}`);

/** Adds a note: a draft, or final at once. The note and its audit event in one transaction. */
export async function addNote(db: Db, ctx: RequestContext, childId: string, form: NoteForm, finalise: boolean, councilId = ctx.actor.councilId): Promise<{ noteId: string; status: 'draft' | 'final' }> {
  await sameCouncil(db, ctx, childId, councilId, PURPOSE_WORDS.add);
  const { actor, origin, now } = ctx;
  await authoriseChild(db, actor, childId, 'write', 'child', today(ctx), PURPOSE_WORDS.add, origin);
  const checked = checkNote(form, noteTypesFor(actor.roles), now);
  if (!checked.ok) throw problem(checked.problems);
  const v = checked.value;
  const noteId = randomUUID();
  const status = finalise ? 'final' : 'draft';
  await db.transaction().execute(async (trx) => {
    await store.insertCaseNote(trx, {
      council_id: actor.councilId, note_id: noteId, version: 1, child_id: childId, type: v.type, text: v.text, status, significant: v.significant,
      happened_on: v.happenedOn, written_at: now, updated_at: now, finalised_at: finalise ? now : null, author_user_id: actor.userId, author_name: actor.name,
      supersedes: null, correction_reason: null,
    });
    await auditChildAccess(trx, actor, childId, 'write', `case note ${noteId}: ${status === 'final' ? 'written as final' : 'draft written'}${backDated(v.happenedOn, now)}`, origin);
  });
  return { noteId, status };
}

/** Saves the author's draft, and marks it final when asked. */
export async function saveDraft(db: Db, ctx: RequestContext, childId: string, noteId: string, form: NoteForm | null, finalise: boolean): Promise<void> {
  const { actor, origin, now } = ctx;
  await authoriseChild(db, actor, childId, 'write', 'child', today(ctx), PURPOSE_WORDS.edit, origin);
  await onNote(db, ctx, childId, finalise ? 'mark a case note final' : PURPOSE_WORDS.edit, () => db.transaction().execute(async (trx) => {
    const draft = noteFor(ctx, await store.getCaseNote(trx, actor.councilId, childId, noteId, true), childId, noteId, 'edit');
    // "Mark final" from the list sends no form: the draft as it stands becomes final.
    const checked = form ? checkNote(form, noteTypesFor(actor.roles), now) : ({ ok: true, value: { type: draft.type, text: draft.text, significant: draft.significant, happenedOn: draft.happenedOn } } as const);
    if (!checked.ok) throw problem(checked.problems);
    const v = checked.value;
    const changed = await store.updateDraftNote(trx, actor.councilId, noteId, actor.userId, { type: v.type, text: v.text, significant: v.significant, happened_on: v.happenedOn, updated_at: now, finalised_at: finalise ? now : null });
    if (!changed) throw new NotFoundError(`There is no draft note "${noteId}" of yours on case "${childId}".`);
    await auditChildAccess(trx, actor, childId, 'write', `case note ${noteId}: ${finalise ? 'marked final' : 'draft saved'}${backDated(v.happenedOn, now)}`, origin);
  }));
}

/** Corrects a final note: the next version, final at once, with the reason; the original stays. */
export async function correctNote(db: Db, ctx: RequestContext, childId: string, noteId: string, form: NoteForm): Promise<{ version: number }> {
  const { actor, origin, now } = ctx;
  await authoriseChild(db, actor, childId, 'write', 'child', today(ctx), PURPOSE_WORDS.correct, origin);
  return onNote(db, ctx, childId, PURPOSE_WORDS.correct, () => db.transaction().execute(async (trx) => {
    // Held for the transaction, so two corrections at once take versions one after the other.
    const latest = noteFor(ctx, await store.getCaseNote(trx, actor.councilId, childId, noteId, true), childId, noteId, 'correct');
    // A correction keeps the note's type unless a manager changes it; a worker cannot turn a decision into a case note.
    const types = noteTypesFor(actor.roles).includes(latest.type) ? noteTypesFor(actor.roles) : [latest.type];
    const checked = checkNote(form, types, now, true);
    if (!checked.ok) throw problem(checked.problems);
    const v = checked.value;
    const version = latest.version + 1;
    await store.insertCaseNote(trx, {
      council_id: actor.councilId, note_id: noteId, version, child_id: childId, type: v.type, text: v.text, status: 'final', significant: v.significant,
      happened_on: v.happenedOn, written_at: now, updated_at: now, finalised_at: now, author_user_id: actor.userId, author_name: actor.name,
      supersedes: latest.version, correction_reason: form.reason.trim(),
    }).catch((error: unknown) => {
      // Two corrections at the same moment: on PostgreSQL the second cannot see the first's new
      // version until it commits, so both take the same number and the key refuses the second.
      if ((error as { code?: string }).code === '23505') throw new InvalidInputError('Someone else corrected this note at the same moment. Open the note again to see their version, then correct that if you still need to.');
      throw error;
    });
    await auditChildAccess(trx, actor, childId, 'write', `case note ${noteId}: corrected (version ${version} replaces ${latest.version})${backDated(v.happenedOn, now)}`, origin);
    return { version };
  }));
}

/** A case decision another area's use case posts to a child's record (supervision's case part). */
export interface CaseDecision {
  childId: string;
  text: string;
  happenedOn: string;
}

/**
 * Asks each child's write rule for case decisions another use case will post (supervision): call
 * it before that use case's transaction, so a refusal is an audited 404 that survives the refusal.
 */
export async function authoriseCaseDecisions(db: Db, ctx: RequestContext, childIds: readonly string[], page: string): Promise<void> {
  for (const childId of new Set(childIds)) await authoriseChild(db, ctx.actor, childId, 'write', 'child', today(ctx), page, ctx.origin);
}

/**
 * Posts case decisions as final, significant case notes (so each is on the child's record and
 * chronology, for whoever may read the record), inside the caller's transaction, each with its
 * child's audit event. The caller has asked authoriseCaseDecisions first.
 */
export async function writeCaseDecisions(trx: Db, ctx: RequestContext, decisions: readonly CaseDecision[], source: string): Promise<{ childId: string; noteId: string }[]> {
  const { actor, origin, now } = ctx;
  const written: { childId: string; noteId: string }[] = [];
  for (const d of decisions) {
    const checked = checkNote({ type: 'case_decision', text: d.text, significant: 'yes', day: d.happenedOn.slice(8, 10), month: d.happenedOn.slice(5, 7), year: d.happenedOn.slice(0, 4), reason: '' }, ['case_decision'], now);
    if (!checked.ok) throw problem(checked.problems.map((p) => ({ ...p, field: p.field === 'text' ? `decision-${d.childId}` : p.field })));
    const noteId = randomUUID();
    await store.insertCaseNote(trx, {
      council_id: actor.councilId, note_id: noteId, version: 1, child_id: d.childId, type: 'case_decision', text: checked.value.text, status: 'final', significant: true,
      happened_on: checked.value.happenedOn, written_at: now, updated_at: now, finalised_at: now, author_user_id: actor.userId, author_name: actor.name, supersedes: null, correction_reason: null,
    });
    await auditChildAccess(trx, actor, d.childId, 'write', `case note ${noteId}: case decision from ${source}${backDated(checked.value.happenedOn, now)}`, origin);
    written.push({ childId: d.childId, noteId });
  }
  return written;
}
