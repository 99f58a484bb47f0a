/**
 * Supervision sessions' use cases: a supervisee's page (where their supervision stands and the
 * sessions so far), the form to record one, recording it, one session, and the supervisee's
 * comments. Access first (a refusal is an audited 404); each read and write with its audit event
 * in one transaction. The case part goes to each child's record through the recording service;
 * the reflective part is read only when the reflective rule allows it.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/database.ts';
import { decide } from '../../access/model/index.ts';
import { childListFilter } from '../../access/model/filters.ts';
import { authorise } from '../../access/service.ts';
import * as casesStore from '../../cases/store.ts';
import { authoriseCaseDecisions, writeCaseDecisions } from '../../recording/service/index.ts';
import { today, type RequestContext } from '../../kernel/context.ts';
import { addMonths, dayFromIso, isoFromDay } from '../../kernel/calendar.ts';
import { InvalidInputError, NotAllowedError, NotFoundError } from '../../kernel/errors.ts';
import { checkComment, checkSession, decisionNoteText, type SessionForm } from '../model/session.ts';
import { intervalText, supervisionStatus } from '../model/schedule.ts';
import * as store from '../store/index.ts';
import { auditDenied, auditSupervision, getSupervisee, loadSettings, reflectiveResource, sameCouncil, supervisionResource, toSupervisee, type PractitionerRow } from './common.ts';

export interface StatusData {
  state: 'on_time' | 'due_soon' | 'overdue';
  dueOn: string;
  lastOn: string | null;
  lastAnyOn: string | null;
  frequency: string;
  daysOverdue: number;
}

export interface SuperviseePageData {
  practitioner: { practitionerId: string; name: string; teamId: string; role: string; inAsye: boolean };
  date: string;
  self: boolean;
  status: StatusData;
  policy: { source: string; minimumMinutes: number; version: number; mayOpen: boolean };
  sessions: { sessionId: string; heldOn: string; minutes: number; supervisorName: string }[];
  mayRecord: boolean;
}

const statusData = (p: PractitionerRow, sessions: readonly store.SessionRow[], date: string, settings: Awaited<ReturnType<typeof loadSettings>>['settings']): StatusData => {
  const s = supervisionStatus(toSupervisee(p), sessions.map((r) => ({ heldOn: dayFromIso(r.held_on), minutes: r.minutes })), dayFromIso(date), settings.schedule);
  return { state: s.state, dueOn: isoFromDay(s.dueOn), lastOn: s.lastOn === null ? null : isoFromDay(s.lastOn), lastAnyOn: s.lastAnyOn === null ? null : isoFromDay(s.lastAnyOn), frequency: intervalText(s.interval), daysOverdue: s.daysOverdue };
};

/** Where a supervisee's supervision stands, and their sessions in outline: for them, their team manager and service managers. */
export async function superviseePage(db: Db, ctx: RequestContext, practitionerId: string, councilId?: string): Promise<SuperviseePageData> {
  sameCouncil(ctx, councilId);
  const { actor, origin } = ctx;
  const p = await getSupervisee(db, ctx, practitionerId, 'supervision');
  const resource = supervisionResource(actor.councilId, p);
  await authorise(db, actor, 'read', resource, 'supervision', origin);
  const date = today(ctx);
  return db.transaction().execute(async (trx) => {
    const [{ settings, version }, sessions] = await Promise.all([loadSettings(trx, actor.councilId), store.listSessions(trx, actor.councilId, { superviseeIds: [practitionerId] })]);
    await auditSupervision(trx, ctx, 'read', practitionerId, `supervision: due date and ${sessions.length} sessions in outline`);
    const inAsye = p.asye_start !== null && p.asye_start <= date && date < isoFromDay(addMonths(dayFromIso(p.asye_start), 12));
    return {
      practitioner: { practitionerId, name: p.name, teamId: p.team_id, role: p.role, inAsye },
      date, self: actor.practitionerId === practitionerId,
      status: statusData(p, sessions, date, settings),
      policy: { source: settings.schedule.source, minimumMinutes: settings.schedule.minimumMinutes, version, mayOpen: decide(actor, 'read', { kind: 'supervision_settings', councilId: actor.councilId }).allowed },
      sessions: sessions.map((s) => ({ sessionId: s.session_id, heldOn: s.held_on, minutes: s.minutes, supervisorName: s.supervisor_name })),
      mayRecord: decide(actor, 'write', resource).allowed,
    };
  });
}

export interface SessionFormData {
  practitioner: { practitionerId: string; name: string };
  /** The supervisee's cases this supervisor may write on: each can take a decision. */
  cases: { childId: string; childName: string }[];
  minimumMinutes: number;
}

async function formCases(db: Db, ctx: RequestContext, p: PractitionerRow): Promise<SessionFormData['cases']> {
  const date = today(ctx);
  const held = await casesStore.listOpenLeadAllocations(db, ctx.actor.councilId, date, [p.practitioner_id]);
  // Only cases this person may write on (the child's write rule, as SQL): the decisions are written there.
  const writable = await casesStore.listVisibleChildIds(db, ctx.actor.councilId, date, childListFilter(ctx.actor, 'write', 'child'), held.map((a) => a.child_id));
  const records = await casesStore.loadCaseRecords(db, ctx.actor.councilId, writable);
  return records.children.map((c) => ({ childId: c.child_id, childName: c.name })).sort((a, b) => a.childName.localeCompare(b.childName));
}

/** The form to record a session with this supervisee: for their team manager or a service manager, never themselves. */
export async function sessionForm(db: Db, ctx: RequestContext, practitionerId: string): Promise<SessionFormData> {
  const p = await getSupervisee(db, ctx, practitionerId, 'record supervision');
  await authorise(db, ctx.actor, 'write', supervisionResource(ctx.actor.councilId, p), 'record supervision', ctx.origin);
  return db.transaction().execute(async (trx) => {
    const [cases, { settings }] = await Promise.all([formCases(trx, ctx, p), loadSettings(trx, ctx.actor.councilId)]);
    await auditSupervision(trx, ctx, 'read', practitionerId, `record supervision: the form, ${cases.length} cases offered`);
    return { practitioner: { practitionerId, name: p.name }, cases, minimumMinutes: settings.schedule.minimumMinutes };
  });
}

/**
 * Records a session: the outline, the reflective part (apart), and each case decision as a case
 * note on that child's record (recording's service), with every audit event, in one transaction.
 */
export async function recordSession(db: Db, ctx: RequestContext, practitionerId: string, form: SessionForm, councilId?: string): Promise<{ sessionId: string; notes: { childId: string; noteId: string }[] }> {
  sameCouncil(ctx, councilId);
  const { actor } = ctx;
  const p = await getSupervisee(db, ctx, practitionerId, 'record supervision');
  await authorise(db, actor, 'write', supervisionResource(actor.councilId, p), 'record supervision', ctx.origin);
  const cases = await formCases(db, ctx, p);
  const checked = checkSession(form, cases.map((c) => c.childId), ctx.now);
  if (!checked.ok) throw new InvalidInputError('There is a problem with the supervision record.', checked.problems);
  const v = checked.value;
  await authoriseCaseDecisions(db, ctx, v.decisions.map((d) => d.childId), 'record supervision: case decisions');
  const sessionId = randomUUID();
  return db.transaction().execute(async (trx) => {
    const about = { heldOn: v.heldOn, superviseeName: p.name, supervisorName: actor.name };
    const notes = await writeCaseDecisions(trx, ctx, v.decisions.map((d) => ({ childId: d.childId, text: decisionNoteText(d.text, about), happenedOn: v.heldOn })), `supervision ${sessionId}`);
    const reflective = v.wellbeing !== '' || v.development !== '';
    await store.insertSession(trx, {
      council_id: actor.councilId, session_id: sessionId, supervisee_id: practitionerId, supervisor_user_id: actor.userId,
      // A supervisor's own practitioner record, so the session counts in their capacity too.
      supervisor_practitioner_id: actor.practitionerId !== null && actor.practitionerId !== practitionerId ? actor.practitionerId : null,
      supervisor_name: actor.name, held_on: v.heldOn, minutes: v.minutes, recorded_by: actor.userId,
    }, reflective ? { wellbeing: v.wellbeing, development: v.development } : null, notes);
    // The audit names what was written, never what the reflective part says.
    await auditSupervision(trx, ctx, 'write', practitionerId, `supervision session ${sessionId} on ${v.heldOn}, ${v.minutes} minutes: ${notes.length} case decisions${reflective ? ', a reflective part' : ''}`);
    return { sessionId, notes };
  });
}

export interface SessionPageData {
  sessionId: string;
  practitioner: { practitionerId: string; name: string };
  heldOn: string;
  minutes: number;
  supervisorName: string;
  /** The cases decided on: a child's name only for those who may open the record. */
  cases: { childId: string; childName: string | null; noteId: string }[];
  /** Null when this person may not read the reflective part (the page says whose it is, nothing more). */
  reflective: { wellbeing: string; development: string; comments: { authorName: string; text: string; writtenAt: Date }[] } | null;
  mayComment: boolean;
}

/** One session: the outline for whoever may read the supervisee's supervision; the reflective part only for those its rule allows. */
export async function sessionPage(db: Db, ctx: RequestContext, sessionId: string, councilId?: string): Promise<SessionPageData> {
  sameCouncil(ctx, councilId);
  const { actor, origin } = ctx;
  const session = await store.getSession(db, actor.councilId, sessionId);
  if (!session) {
    await auditDenied(db, ctx, sessionId, `supervision session ${sessionId}`, 'no such record');
    throw new NotFoundError('There is nothing here that you can see.');
  }
  const p = await getSupervisee(db, ctx, session.supervisee_id, `supervision session ${sessionId}`);
  const { settings } = await loadSettings(db, actor.councilId);
  const mayReflect = decide(actor, 'read', reflectiveResource(actor.councilId, session, settings)).allowed;
  // Someone the policy names (an auditor, when it names auditors) opens the session for its reflective part.
  if (!mayReflect) await authorise(db, actor, 'read', supervisionResource(actor.councilId, p), `supervision session ${sessionId}`, origin);
  return db.transaction().execute(async (trx) => {
    const items = await store.listCaseItems(trx, actor.councilId, sessionId);
    const visible = new Set(await casesStore.listVisibleChildIds(trx, actor.councilId, today(ctx), childListFilter(actor, 'read', 'child'), items.map((i) => i.child_id)));
    const names = new Map((await casesStore.loadCaseRecords(trx, actor.councilId, [...visible])).children.map((c) => [c.child_id, c.name]));
    let reflective: SessionPageData['reflective'] = null;
    if (mayReflect) {
      const [r, comments] = await Promise.all([store.getReflection(trx, actor.councilId, sessionId), store.listComments(trx, actor.councilId, sessionId)]);
      reflective = { wellbeing: r?.wellbeing ?? '', development: r?.development ?? '', comments: comments.map((c) => ({ authorName: c.author_name, text: c.text, writtenAt: c.written_at })) };
    }
    await auditSupervision(trx, ctx, 'read', session.supervisee_id, `supervision session ${sessionId}: outline${mayReflect ? ' and reflective part' : ''}`);
    return {
      sessionId, practitioner: { practitionerId: p.practitioner_id, name: p.name }, heldOn: session.held_on, minutes: session.minutes, supervisorName: session.supervisor_name,
      cases: items.map((i) => ({ childId: i.child_id, childName: names.get(i.child_id) ?? null, noteId: i.note_id })),
      reflective, mayComment: actor.practitionerId === session.supervisee_id,
    };
  });
}

/** The supervisee adds a comment to their own session (as private as the reflective part). */
export async function addComment(db: Db, ctx: RequestContext, sessionId: string, text: string, councilId?: string): Promise<{ commentId: string }> {
  sameCouncil(ctx, councilId);
  const { actor, origin, now } = ctx;
  const session = await store.getSession(db, actor.councilId, sessionId);
  if (!session) {
    await auditDenied(db, ctx, sessionId, `comment on supervision session ${sessionId}`, 'no such record');
    throw new NotFoundError('There is nothing here that you can see.');
  }
  const { settings } = await loadSettings(db, actor.councilId);
  await authorise(db, actor, 'write', reflectiveResource(actor.councilId, session, settings), `comment on supervision session ${sessionId}`, origin);
  if (actor.practitionerId !== session.supervisee_id) throw new NotAllowedError('Only the supervisee adds comments to their supervision.');
  const problems = checkComment(text);
  if (problems.length) throw new InvalidInputError('There is a problem with the comment.', problems);
  const commentId = randomUUID();
  await db.transaction().execute(async (trx) => {
    await store.insertComment(trx, { council_id: actor.councilId, comment_id: commentId, session_id: sessionId, author_user_id: actor.userId, author_name: actor.name, text: text.trim(), written_at: now });
    await auditSupervision(trx, ctx, 'write', session.supervisee_id, `supervision session ${sessionId}: the supervisee's comment ${commentId}`);
  });
  return { commentId };
}
