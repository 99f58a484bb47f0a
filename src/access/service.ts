import type { Db } from '../platform/database.ts';
import { randomUUID } from 'node:crypto';
import { getChildAccessFacts, listChildTeamIds } from '../cases/store.ts';
import { dayFromIso } from '../kernel/calendar.ts';
import { countAuditEvents, listAuditEvents, recordAudit, type StoredAuditEvent } from '../platform/audit.ts';
import { AUDIT_DAYS_ALONE, AUDIT_DOWNLOAD_MAX, AUDIT_PAGE_SIZE, auditMoments, pageOf } from './model/audit-search.ts';
import { longDay, namesWanted, NO_NAMES, personName, type AuditNames } from './model/audit-words.ts';
import * as workforceStore from '../workforce/store.ts';
import { InvalidInputError, NotFoundError } from '../kernel/errors.ts';
import { ukDay } from '../kernel/time.ts';
import type { Origin, RequestContext } from '../kernel/context.ts';
import { BREAK_GLASS_MINUTES, decide, decideGrant, GRANT_DEFAULT_DAYS, grantProblems, hasRole, validateBreakGlassReason, type Action, type Actor, type Resource } from './model/index.ts';
import * as store from './store.ts';
import * as identityStore from '../identity/store.ts';

export type { Origin };
export type { StoredAuditEvent };
export type { AuditNames };

type ChildResource = Extract<Resource, { kind: 'child' | 'case_schedule' }>;

/**
 * Checks a child-level access. Call it *before* opening the transaction of the read: a refusal
 * answers 404 (the record's existence stays hidden) and is audited at once, so it survives
 * the refusal. An allowed read is audited by auditChildRead inside the read's transaction.
 */
export async function authoriseChild(
  db: Db, actor: Actor, childId: string, action: Action, kind: 'child' | 'case_schedule', date: string, page: string, origin: Origin,
): Promise<{ resource: ChildResource; breakGlass: boolean }> {
  const facts = await getChildAccessFacts(db, actor.councilId, childId, date);
  const resource = facts ? { kind, councilId: actor.councilId, ...facts } : undefined;
  const decision = resource ? decide(actor, action, resource) : undefined;
  if (!resource || !decision?.allowed) {
    await recordAudit(db, {
      councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'denied', recordType: 'child', recordId: childId,
      childId: facts ? childId : null, fields: page, ip: origin.ip, reason: decision && !decision.allowed ? decision.reason : 'no such record',
    });
    throw new NotFoundError(`There is no case "${childId}" that you can see.`);
  }
  return { resource, breakGlass: decision.basis === 'break_glass' };
}

/** The audit event for an allowed read or write of a child's record; write it in the same transaction. */
export async function auditChildAccess(db: Db, actor: Actor, childId: string, action: 'read' | 'write', page: string, origin: Origin, breakGlass = false): Promise<void> {
  await recordAudit(db, {
    councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action, recordType: 'child', recordId: childId, childId,
    fields: page, ip: origin.ip, reason: breakGlass ? 'break-glass' : null,
  });
}

/** Asks the policy about a non-child resource; a refusal is a 404, audited at once (call it before the read's transaction). */
export async function authorise(db: Db, actor: Actor, action: Action, resource: Resource, page: string, origin: Origin): Promise<void> {
  const decision = decide(actor, action, resource);
  if (!decision.allowed) {
    await recordAudit(db, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'denied', recordType: resource.kind, recordId: resourceId(resource), fields: page, ip: origin.ip, reason: decision.reason });
    throw new NotFoundError('There is nothing here that you can see.');
  }
}

function resourceId(r: Resource): string | null {
  switch (r.kind) {
    case 'practitioner_workload':
      return r.practitionerId;
    case 'team_workload':
    case 'team_casework':
      return r.teamId;
    case 'child':
    case 'case_schedule':
      return r.childId;
    case 'supervision':
    case 'supervision_reflective':
      return r.superviseeId;
    default:
      return r.councilId;
  }
}

/** Emergency access: a typed reason, 60 minutes, read-only, and flagged for a manager's review. */
export async function breakGlass(db: Db, actor: Actor, childId: string, reason: string, origin: Origin, now: Date = new Date()): Promise<{ expiresAt: Date }> {
  // The policy first: someone who may not use emergency access learns nothing, not even what a reason needs.
  const facts = await getChildAccessFacts(db, actor.councilId, childId, ukDay(now));
  const decision = facts ? decide(actor, 'break_glass', { kind: 'child', councilId: actor.councilId, ...facts }) : undefined;
  if (!facts || !decision?.allowed) throw new NotFoundError(`There is no case "${childId}".`);
  const problem = validateBreakGlassReason(reason);
  if (problem) throw new InvalidInputError(problem, [{ field: 'reason', message: problem }]);
  const expiresAt = new Date(now.getTime() + BREAK_GLASS_MINUTES * 60_000);
  await db.transaction().execute(async (trx) => {
    await store.insertBreakGlass(trx, { council_id: actor.councilId, break_glass_id: randomUUID(), user_id: actor.userId, child_id: childId, reason: reason.trim(), expires_at: expiresAt });
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'break_glass', recordType: 'child', recordId: childId, childId, ip: origin.ip, reason: reason.trim() }, now);
  });
  return { expiresAt };
}

/**
 * An explicit grant to a restricted record: given by the child's team manager or a service
 * manager, only to someone whose role works with children's records, always with a reason and
 * an end (30 days unless chosen), and audited in the same transaction.
 */
export async function grantAccess(db: Db, actor: Actor, userId: string, childId: string, reason: string, origin: Origin, now: Date = new Date(), days = GRANT_DEFAULT_DAYS): Promise<{ expiresAt: Date }> {
  // Decided before the write's transaction, so a refusal's audit event survives the refusal; and
  // before the form's own checks, so someone who may not grant learns nothing from them.
  const facts = await getChildAccessFacts(db, actor.councilId, childId, ukDay(now));
  const target = await identityStore.getUser(db, actor.councilId, userId);
  const decision = facts ? decideGrant(actor, { councilId: actor.councilId, roles: target?.roles ?? ['practitioner'] }, { councilId: actor.councilId, teamIds: facts.teamIds }) : undefined;
  if (!decision?.allowed) {
    await recordAudit(db, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'denied', recordType: 'child', recordId: childId, childId: facts ? childId : null, fields: `grant to ${userId}`, ip: origin.ip, reason: decision && !decision.allowed ? decision.reason : 'no such record' });
    // The child's manager (who may grant, but not to this person) and anyone who may read the record
    // are told why; anyone else learns nothing about the record.
    const manages = facts !== undefined && decideGrant(actor, { councilId: actor.councilId, roles: ['practitioner'] }, { councilId: actor.councilId, teamIds: facts.teamIds }).allowed;
    const reads = facts !== undefined && decide(actor, 'read', { kind: 'child', councilId: actor.councilId, ...facts }).allowed;
    if (decision && !decision.allowed && (manages || reads)) throw new InvalidInputError(decision.reason, [{ field: 'userId', message: decision.reason }]);
    throw new NotFoundError(`There is no case "${childId}" that you can give access to.`);
  }
  if (!target) throw new InvalidInputError(`There is no account "${userId}" in this council.`, [{ field: 'userId', message: 'Choose someone with an account.' }]);
  const problems = grantProblems(reason, days);
  if (problems.length > 0) throw new InvalidInputError(problems.map((p) => p.message).join(' '), problems);
  const expiresAt = new Date(now.getTime() + days * 86_400_000);
  await db.transaction().execute(async (trx) => {
    await store.insertGrant(trx, { council_id: actor.councilId, grant_id: randomUUID(), user_id: userId, child_id: childId, reason: reason.trim(), granted_by: actor.userId, expires_at: expiresAt });
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'grant', recordType: 'child', recordId: childId, childId, fields: `grant to ${userId} until ${expiresAt.toISOString().slice(0, 10)}`, ip: origin.ip, reason: reason.trim() }, now);
  });
  return { expiresAt };
}

/** Emergency accesses this person may review: all for auditors and service managers, their teams' for team managers. */
export async function listBreakGlassForReview(db: Db, actor: Actor, origin: Origin, onlyUnreviewed: boolean): Promise<Omit<store.BreakGlassRow, 'user_team_ids'>[]> {
  const teamScoped = !actor.roles.some((r) => r === 'auditor' || r === 'service_manager');
  await authorise(db, actor, 'read', { kind: 'access_review', councilId: actor.councilId, ...(teamScoped ? { teamIds: actor.teamIds } : {}) }, 'break-glass review list', origin);
  return (await store.listBreakGlass(db, actor.councilId, onlyUnreviewed))
    .filter((r) => !teamScoped || r.user_team_ids.some((t) => actor.teamIds.includes(t)))
    .map(({ user_team_ids: _teams, ...r }) => r);
}

/** A manager's verdict on one emergency access; nobody reviews their own. */
export async function reviewBreakGlassUse(db: Db, actor: Actor, id: string, outcome: unknown, note: string, origin: Origin): Promise<void> {
  const target = (await store.listBreakGlass(db, actor.councilId, true)).find((r) => r.break_glass_id === id);
  await authorise(db, actor, 'read', { kind: 'access_review', councilId: actor.councilId, teamIds: target?.user_team_ids ?? [] }, 'break-glass review', origin);
  if (!target) throw new NotFoundError('There is no unreviewed emergency access with that id.');
  if (target.user_id === actor.userId) throw new InvalidInputError('Someone else must review your own emergency access.');
  if (outcome !== 'justified' && outcome !== 'not_justified') {
    throw new InvalidInputError('Choose whether the access was justified or not justified.', [{ field: 'outcome', message: 'Choose justified or not justified.' }]);
  }
  await db.transaction().execute(async (trx) => {
    const done = await store.reviewBreakGlass(trx, actor.councilId, id, actor.userId, outcome, note.trim().slice(0, 2000), new Date());
    if (!done) throw new NotFoundError('That emergency access has already been reviewed.');
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'review', recordType: 'break_glass', recordId: id, childId: target.child_id, ip: origin.ip, reason: outcome });
  });
}

/**
 * An audit search: one person's actions, one child's record (or that person on that child), or
 * neither (the whole council's log, AUDIT_DAYS_ALONE days at most), between UK days, a page at a time.
 */
export interface AuditQuery {
  userId?: string | null;
  childId?: string | null;
  /** UK days, YYYY-MM-DD, both included. */
  from?: string | null;
  to?: string | null;
  page?: number;
  pageSize?: number;
}

export interface AuditResult {
  subject: { userId: string; name: string } | null;
  childId: string | null;
  events: StoredAuditEvent[];
  names: AuditNames;
  total: number;
  page: number;
  pages: number;
  pageSize: number;
}

const union = (...lists: (readonly string[] | undefined)[]) => [...new Set(lists.flatMap((l) => l ?? []))];

/** The search in words, for its own audit event: "who looked at this child (from 1 March 2026 to 27 March 2026, page 2)". */
function searchWords(q: AuditQuery, page: number, download?: string): string {
  const base = q.userId ? 'what this person looked at' : q.childId ? 'who looked at this child' : 'everything in the audit log';
  const parts = [
    ...(q.userId && q.childId ? [`child ${q.childId}`] : []),
    ...(q.from ? [`from ${longDay(q.from)}`] : []),
    ...(q.to ? [`to ${longDay(q.to)}`] : []),
    ...(!download && page > 1 ? [`page ${page}`] : []),
  ];
  return `${base}${parts.length ? ` (${parts.join(', ')})` : ''}${download ? `: ${download} download` : ''}`;
}

/** Names for the people, practitioners and teams a page of events mentions, and which people the viewer may audit. */
async function namesFor(db: Db, actor: Actor, events: readonly StoredAuditEvent[]): Promise<AuditNames> {
  const wanted = namesWanted(events);
  // One after another: inside a transaction they share one connection.
  const people = await identityStore.listUserNames(db, actor.councilId, wanted.userIds);
  const practitioners = await workforceStore.listPractitionerNames(db, actor.councilId, wanted.practitionerIds);
  const teams = await workforceStore.listTeamNames(db, actor.councilId, wanted.teamIds);
  return {
    people: Object.fromEntries(people.map((p) => [p.user_id, p.name])),
    practitioners: Object.fromEntries(practitioners.map((p) => [p.practitioner_id, p.name])),
    teams: Object.fromEntries(teams.map((t) => [t.team_id, t.name])),
    auditable: people.filter((p) => decide(actor, 'read', { kind: 'audit_log', councilId: actor.councilId, teamIds: p.team_ids }).allowed).map((p) => p.user_id),
  };
}

/** The access check of an audit search (audited when refused); the person searched for, when there is one. */
async function authoriseSearch(db: Db, actor: Actor, q: Pick<AuditQuery, 'userId' | 'childId'>, origin: Origin, download?: string) {
  // No one in particular: the whole council's log, which only those who may read all of it (no team to share) may search.
  if (!q.userId && !q.childId) {
    await authorise(db, actor, 'read', { kind: 'audit_log', councilId: actor.councilId, teamIds: [] }, `audit of the council by date${download ? ` (${download} download)` : ''}`, origin);
    return undefined;
  }
  const subject = q.userId ? await identityStore.getUser(db, actor.councilId, q.userId) : undefined;
  const facts = q.childId ? await getChildAccessFacts(db, actor.councilId, q.childId, ukDay(new Date())) : undefined;
  // Someone's actions on one child are a part of both searches: either one's manager may ask.
  const teamIds = union(subject?.team_ids, facts?.teamIds);
  const asked = q.userId ? `audit of user ${q.userId}` : `audit of child ${q.childId}`;
  await authorise(db, actor, 'read', { kind: 'audit_log', councilId: actor.councilId, teamIds }, `${asked}${download ? ` (${download} download)` : ''}`, origin);
  return subject;
}

/**
 * The audit log searched: for auditors, service managers, and team managers of the person or of
 * the child's team. The search is itself audited, in the transaction of its read. `download`
 * names a file format ("CSV", "Excel"): every page at once (up to AUDIT_DOWNLOAD_MAX), audited as an export.
 */
export async function searchAudit(db: Db, actor: Actor, q: AuditQuery, origin: Origin, download?: string): Promise<AuditResult> {
  const subject = await authoriseSearch(db, actor, q, origin, download);
  if (!q.userId && !q.childId && !withinDaysAlone(q.from, q.to)) {
    throw new InvalidInputError(`Give a start and end date no more than ${AUDIT_DAYS_ALONE} days apart, or a person or child to search for.`, [{ field: 'from', message: `Give dates no more than ${AUDIT_DAYS_ALONE} days apart.` }]);
  }
  const filter = { ...(q.userId ? { actorUserId: q.userId } : {}), ...(q.childId ? { childId: q.childId } : {}), ...auditMoments({ from: q.from ?? null, to: q.to ?? null }) };
  const pageSize = download ? AUDIT_DOWNLOAD_MAX : Math.min(Math.max(1, Math.floor(q.pageSize ?? AUDIT_PAGE_SIZE)), 500);
  return db.transaction().execute(async (trx) => {
    const total = await countAuditEvents(trx, actor.councilId, filter);
    const { page, pages, offset } = pageOf(total, q.page ?? 1, pageSize);
    // Read before this search's own event is written, so a search of one's own actions pages steadily.
    const events = await listAuditEvents(trx, actor.councilId, { ...filter, limit: pageSize, offset });
    await recordAudit(trx, {
      councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: download ? 'export' : 'read', recordType: 'audit',
      recordId: q.userId ?? q.childId ?? null, fields: searchWords(q, page, download), ip: origin.ip,
    });
    return {
      subject: subject ? { userId: subject.user_id, name: subject.name } : null, childId: q.childId ?? null,
      events, names: await namesFor(trx, actor, events), total, page, pages, pageSize,
    };
  });
}

const withinDaysAlone = (from?: string | null, to?: string | null) =>
  Boolean(from && to) && dayFromIso(to!) - dayFromIso(from!) < AUDIT_DAYS_ALONE && dayFromIso(to!) >= dayFromIso(from!);

/** Whether the actor may search the whole council's log by date alone (auditors and service managers). */
export const mayAuditCouncil = (actor: Actor) => decide(actor, 'read', { kind: 'audit_log', councilId: actor.councilId, teamIds: [] }).allowed;

/**
 * People whose name or email contains `text`, among those whose audit the viewer may open (an
 * auditor or service manager: everyone; a team manager: their teams). The look-up is audited.
 */
export async function findPeopleToAudit(db: Db, actor: Actor, text: string, origin: Origin): Promise<{ people: { userId: string; name: string; email: string }[]; more: boolean }> {
  await authorise(db, actor, 'read', { kind: 'audit_log', councilId: actor.councilId, teamIds: actor.teamIds }, 'audit search: people by name or email', origin);
  const limit = 50;
  return db.transaction().execute(async (trx) => {
    const found = (await identityStore.findUsersByNameOrEmail(trx, actor.councilId, text, 500))
      .filter((p) => decide(actor, 'read', { kind: 'audit_log', councilId: actor.councilId, teamIds: p.team_ids }).allowed);
    await recordAudit(trx, {
      councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'read', recordType: 'audit', recordId: null,
      fields: `people whose name or email contains “${text.trim().slice(0, 100)}”: ${found.length} found`, ip: origin.ip,
    });
    return { people: found.slice(0, limit).map((p) => ({ userId: p.user_id, name: p.name, email: p.email })), more: found.length > limit };
  });
}

/** How long an ended grant stays on the review list. */
export const ENDED_GRANTS_DAYS = 30;

export interface GrantForReview {
  grantId: string;
  userId: string;
  userName: string;
  childId: string;
  reason: string;
  grantedBy: string;
  grantedByName: string;
  grantedAt: Date;
  expiresAt: Date | null;
  endedAt: Date | null;
  state: 'running' | 'expired' | 'ended_early';
  endedByName: string | null;
  /** Whole UK days until it ends (0 on its last day); null when it has no end or has ended. */
  daysLeft: number | null;
  mayRevoke: boolean;
  /** Whether the viewer may open the person's audit (to link their name). */
  mayAuditPerson: boolean;
}

const personOrSetUp = (userId: string, name: string | null) => name ?? (userId === 'seed' ? 'The demo council’s set-up' : personName(userId, NO_NAMES));

/**
 * Grants to restricted records, running and recently ended, for review: auditors and service
 * managers see all, team managers their teams' children's. Each row asks the policy, and the
 * list is audited in its read's transaction.
 */
export async function listGrantsForReview(db: Db, actor: Actor, origin: Origin, now: Date = new Date()): Promise<GrantForReview[]> {
  const teamScoped = !hasRole(actor, 'auditor', 'service_manager');
  await authorise(db, actor, 'read', { kind: 'access_grants', councilId: actor.councilId, ...(teamScoped ? { teamIds: actor.teamIds } : {}) }, 'access grants list', origin);
  return db.transaction().execute(async (trx) => {
    const rows = await store.listGrantsForReview(trx, actor.councilId, now, new Date(now.getTime() - ENDED_GRANTS_DAYS * 86_400_000));
    const teams = await listChildTeamIds(trx, actor.councilId, rows.map((r) => r.child_id), ukDay(now));
    const people = await identityStore.listUserNames(trx, actor.councilId, rows.map((r) => r.user_id));
    const peopleTeams = new Map(people.map((p) => [p.user_id, p.team_ids]));
    const today = dayFromIso(ukDay(now));
    const shown = rows.flatMap((r): GrantForReview[] => {
      const resource = { kind: 'access_grants' as const, councilId: actor.councilId, teamIds: teams.get(r.child_id) ?? [] };
      if (!decide(actor, 'read', resource).allowed) return [];
      const expired = r.revoked_at === null && r.expires_at !== null && r.expires_at <= now;
      const state = r.revoked_at !== null ? 'ended_early' : expired ? 'expired' : 'running';
      return [{
        grantId: r.grant_id, userId: r.user_id, userName: personOrSetUp(r.user_id, r.user_name), childId: r.child_id, reason: r.reason,
        grantedBy: r.granted_by, grantedByName: personOrSetUp(r.granted_by, r.granted_by_name), grantedAt: r.granted_at, expiresAt: r.expires_at,
        endedAt: r.revoked_at ?? (expired ? r.expires_at : null), state, endedByName: r.revoked_by ? personOrSetUp(r.revoked_by, r.revoked_by_name) : null,
        daysLeft: state === 'running' && r.expires_at ? Math.max(0, dayFromIso(ukDay(r.expires_at)) - today) : null,
        mayRevoke: state === 'running' && decide(actor, 'write', resource).allowed,
        mayAuditPerson: decide(actor, 'read', { kind: 'audit_log', councilId: actor.councilId, teamIds: peopleTeams.get(r.user_id) ?? [] }).allowed,
      }];
    });
    await recordAudit(trx, {
      councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'read', recordType: 'access_grants', recordId: null,
      fields: `grants to restricted records: ${shown.filter((g) => g.state === 'running').length} running, ${shown.filter((g) => g.state !== 'running').length} ended in the last ${ENDED_GRANTS_DAYS} days`, ip: origin.ip,
    }, now);
    return shown;
  });
}

/** Whether this person may end any grant at all (the "Revoke" buttons and the link's words). */
export const mayRevokeGrants = (actor: Actor) => decide(actor, 'write', { kind: 'access_grants', councilId: actor.councilId, teamIds: actor.teamIds }).allowed;

/**
 * Ends a grant at once: the child's team manager or a service manager (those who may give one).
 * A refusal is a 404, audited; the end and its audit event are one transaction.
 */
export async function revokeGrant(db: Db, actor: Actor, grantId: string, origin: Origin, now: Date = new Date()): Promise<{ childId: string; userName: string }> {
  const grant = await store.getGrant(db, actor.councilId, grantId);
  const teamIds = grant ? (await listChildTeamIds(db, actor.councilId, [grant.child_id], ukDay(now))).get(grant.child_id) ?? [] : [];
  const decision = grant ? decide(actor, 'write', { kind: 'access_grants', councilId: actor.councilId, teamIds }) : undefined;
  if (!grant || !decision?.allowed) {
    await recordAudit(db, {
      councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'denied', recordType: 'access_grant', recordId: grantId,
      childId: grant?.child_id ?? null, fields: grant ? `grant to ${grant.user_id} ended` : null, ip: origin.ip, reason: decision && !decision.allowed ? decision.reason : 'no such grant',
    }, now);
    throw new NotFoundError('There is no access grant here that you can end.');
  }
  const [person] = await identityStore.listUserNames(db, actor.councilId, [grant.user_id]);
  const userName = personOrSetUp(grant.user_id, person?.name ?? null);
  await db.transaction().execute(async (trx) => {
    if (!(await store.revokeGrant(trx, actor.councilId, grantId, actor.userId, now))) throw new InvalidInputError(`${userName}’s access to child ${grant.child_id} has already ended.`);
    await recordAudit(trx, {
      councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'revoke', recordType: 'access_grant', recordId: grantId,
      childId: grant.child_id, fields: `grant to ${grant.user_id} ended`, ip: origin.ip,
    }, now);
  });
  return { childId: grant.child_id, userName };
}

/** Whether this person's role may use emergency access at all (the policy, not a role check). */
export const mayBreakGlass = (actor: Actor) =>
  decide(actor, 'break_glass', { kind: 'child', councilId: actor.councilId, childId: '', restricted: false, holderIds: [], teamIds: [] }).allowed;

/** The access area's use cases, built once by the composition root over the one database. */
export function createAccessService(deps: { db: Db }) {
  const { db } = deps;
  return {
    mayBreakGlass,
    breakGlass: (ctx: RequestContext, childId: string, reason: string) => breakGlass(db, ctx.actor, childId, reason, ctx.origin, ctx.now),
    grantAccess: (ctx: RequestContext, userId: string, childId: string, reason: string, days?: number) => grantAccess(db, ctx.actor, userId, childId, reason, ctx.origin, ctx.now, days),
    listBreakGlassForReview: (ctx: RequestContext, onlyUnreviewed: boolean) => listBreakGlassForReview(db, ctx.actor, ctx.origin, onlyUnreviewed),
    reviewBreakGlassUse: (ctx: RequestContext, id: string, outcome: unknown, note: string) => reviewBreakGlassUse(db, ctx.actor, id, outcome, note, ctx.origin),
    /** `download` names a file format ("CSV", "Excel"): the same check, every page, audited as an export. */
    searchAudit: (ctx: RequestContext, query: AuditQuery, download?: string) => searchAudit(db, ctx.actor, query, ctx.origin, download),
    findPeopleToAudit: (ctx: RequestContext, text: string) => findPeopleToAudit(db, ctx.actor, text, ctx.origin),
    checkAuditSearch: (ctx: RequestContext, who: { userId?: string | null; childId?: string | null }) => authoriseSearch(db, ctx.actor, who, ctx.origin),
    listGrantsForReview: (ctx: RequestContext) => listGrantsForReview(db, ctx.actor, ctx.origin, ctx.now),
    mayRevokeGrants,
    mayAuditCouncil,
    revokeGrant: (ctx: RequestContext, grantId: string) => revokeGrant(db, ctx.actor, grantId, ctx.origin, ctx.now),
  };
}
export type AccessService = ReturnType<typeof createAccessService>;
