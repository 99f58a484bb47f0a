/**
 * Recording's use cases: the form for a case (what can be recorded, what is due) and recording a
 * visit, contact or meeting. Only the allocated worker and the team manager record on a case (the
 * access policy's write rule for a child's record); each read and write is audited in its
 * transaction, and the statutory schedule counts from the recorded date at once.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { auditChildAccess, authoriseChild } from '../../access/service.ts';
import { today, type RequestContext } from '../../kernel/context.ts';
import { InvalidInputError, NotFoundError } from '../../kernel/errors.ts';
import { ukDay } from '../../kernel/time.ts';
import { caseScheduleUnchecked, loadModelContext } from '../../workload/service/index.ts';
import { checkRecording, recordableActivities, totalHours, type RecordableActivity, type RecordingForm } from '../model/visit.ts';
import * as store from '../store/index.ts';
import { getPractitioner } from '../../workforce/store.ts';
import { addNote, correctNote, listNotes, noteForm, saveDraft } from './notes.ts';
import { chronology } from './chronology.ts';
import type { NoteForm } from '../model/notes.ts';
import type { ChronologyKind } from '../model/chronology.ts';

export type { NotesPageData, NoteFormData } from './notes.ts';
// Supervision's case part posts its decisions through these (issue 16 item 3).
export { authoriseCaseDecisions, writeCaseDecisions } from './notes.ts';
export type { ChronologyData } from './chronology.ts';

export interface RecordFormData {
  childId: string;
  childName: string;
  date: string;
  activities: RecordableActivity[];
  /** What is overdue or due soon on the case, to record against. */
  due: { activityCode: string; name: string; dueOn: string; state: string; daysOverdue: number }[];
}

async function formData(db: Db, ctx: RequestContext, childId: string, date: string): Promise<RecordFormData> {
  const [schedule, model] = await Promise.all([caseScheduleUnchecked(db, ctx.actor.councilId, childId, date), loadModelContext(db, ctx.actor.councilId)]);
  const scheduled = new Set(schedule.items.map((i) => i.activityCode));
  return {
    childId, childName: schedule.childName, date,
    activities: recordableActivities(model.config.activities, scheduled),
    due: schedule.items.filter((i) => i.state === 'overdue' || i.state === 'due_soon').map((i) => ({ activityCode: i.activityCode, name: i.name, dueOn: i.dueOn, state: i.state, daysOverdue: i.daysOverdue })),
  };
}

/** The recording form for a case: for those who may record on it. */
export async function recordForm(db: Db, ctx: RequestContext, childId: string): Promise<RecordFormData> {
  const date = today(ctx);
  const { breakGlass } = await authoriseChild(db, ctx.actor, childId, 'write', 'child', date, 'record a visit or contact', ctx.origin);
  return db.transaction().execute(async (trx) => {
    const data = await formData(trx, ctx, childId, date);
    await auditChildAccess(trx, ctx.actor, childId, 'read', 'record a visit or contact: name, what is due', ctx.origin, breakGlass);
    return data;
  });
}

export interface RecordResult {
  recordingId: string;
  /** When the same activity falls due next, now that this one is recorded (none for one-off work). */
  nextDue: { name: string; dueOn: string } | null;
}

/**
 * Records what was done: the register row the schedule reads, the recording, and the audit event,
 * in one transaction. Signed-in staff record their own work. The operator at the command line
 * (entering visits written on paper while the service was down, say) names the worker whose
 * visit it was, so the time and the schedule are theirs; the audit names both.
 */
export async function record(db: Db, ctx: RequestContext, childId: string, form: RecordingForm, councilId: string = ctx.actor.councilId, forWorker?: string): Promise<RecordResult> {
  const { actor, origin } = ctx;
  if (forWorker !== undefined && actor.kind !== 'operator') throw new InvalidInputError('Only the command line records a visit for another worker.', [{ field: 'worker', message: 'Record your own visits.' }]);
  const date = today(ctx);
  if (councilId !== actor.councilId) {
    // Another council's ids do not exist for this person: the same 404 as a record they may not see.
    await recordAudit(db, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'denied', recordType: 'child', recordId: childId, fields: 'record a visit or contact', ip: origin.ip, reason: 'another council' });
    throw new NotFoundError(`There is no case "${childId}" that you can see.`);
  }
  await authoriseChild(db, actor, childId, 'write', 'child', date, 'record a visit or contact', origin);
  return db.transaction().execute(async (trx) => {
    const data = await formData(trx, ctx, childId, date);
    const checked = checkRecording(form, new Set(data.activities.map((a) => a.code)), ctx.now);
    const worker = forWorker === undefined ? null : await getPractitioner(trx, actor.councilId, forWorker);
    const problems = [...(checked.ok ? [] : checked.problems), ...(forWorker !== undefined && !worker ? [{ field: 'worker', message: `There is no worker "${forWorker}" in this council.` }] : [])];
    if (!checked.ok || problems.length > 0) throw new InvalidInputError('There is a problem with the recording.', problems);
    const practitionerId = worker ? worker.practitioner_id : actor.practitionerId;
    const v = checked.value;
    const recordedId = `cw-rec-${randomUUID()}`;
    const recordingId = randomUUID();
    await store.insertRecorded(trx, [{
      council_id: actor.councilId, recorded_id: recordedId, child_id: childId, activity_code: v.activityCode, occurred_on: v.happenedOn,
      practitioner_id: practitionerId, hours: totalHours(v.minutes),
    }]);
    await store.insertRecording(trx, {
      council_id: actor.councilId, recording_id: recordingId, child_id: childId, activity_code: v.activityCode, recorded_id: recordedId,
      happened_at: v.happenedAt, recorded_by: actor.userId, recorded_by_name: worker ? `${worker.name} (entered by ${actor.name})` : actor.name, practitioner_id: practitionerId,
      child_seen: v.childSeen, seen_alone: v.seenAlone, attendees: v.attendees,
      direct_minutes: v.minutes.directMinutes, travel_minutes: v.minutes.travelMinutes, recording_minutes: v.minutes.recordingMinutes, meeting_minutes: v.minutes.meetingMinutes,
      note: v.note,
    });
    const activity = data.activities.find((a) => a.code === v.activityCode)!;
    await recordAudit(trx, {
      councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'write', recordType: 'child', recordId: childId, childId,
      fields: `recording: ${activity.name} on ${v.happenedOn}${v.happenedOn !== ukDay(ctx.now) ? ` (recorded ${ukDay(ctx.now)})` : ''}${worker ? ` for ${worker.name} (${worker.practitioner_id})` : ''}`, ip: origin.ip,
    }, ctx.now);
    const after = await caseScheduleUnchecked(trx, actor.councilId, childId, date);
    const next = after.items.filter((i) => i.activityCode === v.activityCode && i.lastDoneOn !== null).sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];
    return { recordingId, nextDue: next ? { name: next.name, dueOn: next.dueOn } : null };
  });
}

/** Recording's use cases, built once by the composition root. */
export function createRecordingService(deps: { db: Db }) {
  const { db } = deps;
  return {
    recordForm: (ctx: RequestContext, childId: string) => recordForm(db, ctx, childId),
    record: (ctx: RequestContext, childId: string, form: RecordingForm, councilId?: string, forWorker?: string) => record(db, ctx, childId, form, councilId, forWorker),
    listNotes: (ctx: RequestContext, childId: string, councilId?: string) => listNotes(db, ctx, childId, councilId),
    newNoteForm: (ctx: RequestContext, childId: string) => noteForm(db, ctx, childId, null, 'add'),
    draftForm: (ctx: RequestContext, childId: string, noteId: string) => noteForm(db, ctx, childId, noteId, 'edit'),
    correctionForm: (ctx: RequestContext, childId: string, noteId: string) => noteForm(db, ctx, childId, noteId, 'correct'),
    addNote: (ctx: RequestContext, childId: string, form: NoteForm, finalise: boolean, councilId?: string) => addNote(db, ctx, childId, form, finalise, councilId),
    saveDraft: (ctx: RequestContext, childId: string, noteId: string, form: NoteForm | null, finalise: boolean) => saveDraft(db, ctx, childId, noteId, form, finalise),
    correctNote: (ctx: RequestContext, childId: string, noteId: string, form: NoteForm) => correctNote(db, ctx, childId, noteId, form),
    chronology: (ctx: RequestContext, childId: string, kinds: readonly ChronologyKind[], use?: 'page' | 'csv' | 'pdf' | 'api', councilId?: string) => chronology(db, ctx, childId, kinds, use, councilId),
  };
}
export type RecordingService = ReturnType<typeof createRecordingService>;
