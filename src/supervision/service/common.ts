/**
 * What supervision's use cases share: the council's policy, the supervisee's facts, the access
 * resources built from them, and the audit event of a read or write.
 */
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Resource } from '../../access/model/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { dayFromIso } from '../../kernel/calendar.ts';
import { NotFoundError } from '../../kernel/errors.ts';
import * as workforceStore from '../../workforce/store.ts';
import { DEFAULT_SETTINGS, parseSettings, type SupervisionSettings } from '../model/settings.ts';
import type { Supervisee } from '../model/schedule.ts';
import * as store from '../store/index.ts';

/** The council's current supervision policy (version 0: the defaults, never saved). */
export async function loadSettings(db: Db, councilId: string): Promise<{ settings: SupervisionSettings; version: number }> {
  const stored = await store.getLatestSettings(db, councilId);
  if (!stored) return { settings: DEFAULT_SETTINGS, version: 0 };
  const parsed = parseSettings(stored.settings);
  if (!parsed.ok) throw new Error(`Supervision settings version ${stored.version} of ${councilId} are invalid: ${parsed.problems.map((p) => p.message).join('; ')}`);
  return { settings: parsed.settings, version: stored.version };
}

export type PractitionerRow = workforceStore.PractitionerRow;

/** The supervisee's register row, or the same audited 404 as one the person may not see. */
export async function getSupervisee(db: Db, ctx: RequestContext, practitionerId: string, page: string): Promise<PractitionerRow> {
  const p = await workforceStore.getPractitioner(db, ctx.actor.councilId, practitionerId);
  if (!p) {
    await auditDenied(db, ctx, practitionerId, page, 'no such record');
    throw new NotFoundError('There is nothing here that you can see.');
  }
  return p;
}

export async function auditDenied(db: Db, ctx: RequestContext, recordId: string, page: string, reason: string): Promise<void> {
  const { actor, origin, now } = ctx;
  await recordAudit(db, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'denied', recordType: 'supervision', recordId, fields: page, ip: origin.ip, reason }, now);
}

export const toSupervisee = (p: PractitionerRow): Supervisee => ({ startedOn: dayFromIso(p.started_on), asyeStart: p.asye_start ? dayFromIso(p.asye_start) : null });

export const supervisionResource = (councilId: string, p: PractitionerRow): Extract<Resource, { kind: 'supervision' }> =>
  ({ kind: 'supervision', councilId, superviseeId: p.practitioner_id, teamId: p.team_id });

export const reflectiveResource = (councilId: string, session: store.SessionRow, settings: SupervisionSettings): Extract<Resource, { kind: 'supervision_reflective' }> => ({
  kind: 'supervision_reflective', councilId, superviseeId: session.supervisee_id, supervisorUserId: session.supervisor_user_id,
  supervisorPractitionerId: session.supervisor_practitioner_id, readers: settings.reflective,
});

/** One audit event about a supervisee's supervision (record type "supervision", the supervisee's id). */
export async function auditSupervision(db: Db, ctx: RequestContext, action: 'read' | 'write', recordId: string, fields: string): Promise<void> {
  const { actor, origin, now } = ctx;
  await recordAudit(db, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action, recordType: 'supervision', recordId, fields, ip: origin.ip }, now);
}

/** Another council's ids do not exist for this person. */
export function sameCouncil(ctx: RequestContext, councilId: string | undefined): void {
  if (councilId !== undefined && councilId !== ctx.actor.councilId) throw new NotFoundError('There is nothing here that you can see.');
}
