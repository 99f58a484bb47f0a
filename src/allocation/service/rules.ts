/** The council's allocation rules (versioned) and declared conflicts of interest. */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorise } from '../../access/service.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { InvalidInputError, NotFoundError, type FieldProblem } from '../../kernel/errors.ts';
import * as workforceStore from '../../workforce/store.ts';
import { parseAllocationPolicy, type AllocationPolicy } from '../model/index.ts';
import * as store from '../store.ts';
import { loadPolicy } from './facts.ts';
import { allocationResource } from './resource.ts';

/** The council's allocation rules, as everyone who reads the workload model's settings sees them. */
export async function readPolicy(db: Db, ctx: RequestContext): Promise<{ version: number; policy: AllocationPolicy }> {
  await authorise(db, ctx.actor, 'read', { kind: 'workload_config', councilId: ctx.actor.councilId }, 'allocation rules', ctx.origin);
  return loadPolicy(db, ctx.actor.councilId);
}

/** Saves new allocation rules as the next version (configuration, like the workload model: the system administrator's). */
export async function savePolicy(db: Db, ctx: RequestContext, value: unknown, note: string): Promise<{ version: number }> {
  const { actor, origin } = ctx;
  await authorise(db, actor, 'write', { kind: 'workload_config', councilId: actor.councilId }, 'allocation rules', origin);
  const parsed = parseAllocationPolicy(value);
  const problems: FieldProblem[] = parsed.ok ? [] : parsed.problems.map((message) => ({ field: 'settings', message }));
  if (note.trim().length < 5) problems.push({ field: 'note', message: 'Say why the rules change (at least 5 characters).' });
  if (!parsed.ok || problems.length > 0) throw new InvalidInputError('The allocation rules could not be saved.', problems);
  return db.transaction().execute(async (trx) => {
    const version = ((await store.getLatestSettings(trx, actor.councilId))?.version ?? 0) + 1;
    await store.insertSettings(trx, { council_id: actor.councilId, version, settings: parsed.policy, note: note.trim(), created_by: actor.userId, created_by_name: actor.name });
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'write', recordType: 'allocation_settings', recordId: String(version), fields: 'allocation rules', ip: origin.ip, reason: note.trim() }, ctx.now);
    return { version };
  });
}

export interface ConflictInput {
  practitionerId: string;
  childId?: string;
  familyId?: string;
  reason: string;
}

/**
 * A declared conflict of interest (a relative, a neighbour, a past relationship): the person is
 * then never offered that child or family. People declare their own; their managers record one for them.
 */
export async function declareConflict(db: Db, ctx: RequestContext, input: ConflictInput): Promise<{ conflictId: string }> {
  const { actor, origin } = ctx;
  const person = await workforceStore.getPractitioner(db, actor.councilId, input.practitionerId);
  const own = person !== undefined && actor.practitionerId === person.practitioner_id;
  if (!own) await authorise(db, actor, 'read', allocationResource(actor, person ? [person.team_id] : []), 'conflict of interest', origin);
  if (!person) throw new NotFoundError(`There is no practitioner "${input.practitionerId}".`);
  const problems: FieldProblem[] = [];
  if (!input.childId && !input.familyId) problems.push({ field: 'childId', message: 'Name the child or the family the conflict is with.' });
  if (input.reason.trim().length < 5) problems.push({ field: 'reason', message: 'Say what the conflict is (at least 5 characters); it is seen only by managers.' });
  if (problems.length > 0) throw new InvalidInputError('The conflict of interest could not be recorded.', problems);
  return db.transaction().execute(async (trx) => {
    const conflictId = randomUUID();
    await store.insertConflict(trx, { council_id: actor.councilId, conflict_id: conflictId, practitioner_id: person.practitioner_id, child_id: input.childId ?? null, family_id: input.familyId ?? null, reason: input.reason.trim(), declared_by: actor.userId });
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'write', recordType: 'allocation', recordId: person.team_id, childId: input.childId ?? null, fields: `conflict of interest declared for ${person.name}`, ip: origin.ip }, ctx.now);
    return { conflictId };
  });
}
