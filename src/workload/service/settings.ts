import type { Db } from '../../platform/database.ts';
import { decide } from '../../access/model/index.ts';
import { authorise } from '../../access/service.ts';
import { today, type RequestContext } from '../../kernel/context.ts';
import { recordAudit } from '../../platform/audit.ts';
import { englandCalendar, type WorkloadConfig } from '../model/index.ts';
import { loadModelContext, loadWorkloadInputs, runWorkloads } from './index.ts';
import * as workloadStore from '../store.ts';
import { namesFor } from './settings-history.ts';
import type { PreviewPerson, StoredVersion } from '../pages/settings.ts';

const PAGE = 'workload model settings';

async function currentVersion(db: Db, councilId: string): Promise<StoredVersion> {
  const [ctx, stored] = await Promise.all([loadModelContext(db, councilId), workloadStore.getLatestConfig(db, councilId)]);
  const names = stored ? await namesFor(db, councilId, [stored]) : new Map<number, string>();
  return {
    version: ctx.version,
    config: ctx.config,
    note: stored?.note ?? 'Built-in defaults',
    createdBy: stored ? names.get(stored.version)! : 'Caseweight',
    createdAt: stored ? new Date(stored.created_at) : null,
  };
}

/** The settings as they stand, for anyone the policy lets read them, and whether this person may change them. */
export async function readSettings(db: Db, ctx: RequestContext): Promise<{ current: StoredVersion; canEdit: boolean }> {
  const resource = { kind: 'workload_config', councilId: ctx.actor.councilId } as const;
  await authorise(db, ctx.actor, 'read', resource, PAGE, ctx.origin);
  return { current: await currentVersion(db, ctx.actor.councilId), canEdit: decide(ctx.actor, 'write', resource).allowed };
}

/** The settings for someone about to change them (a system administrator); refused otherwise. */
export async function settingsForEditing(db: Db, ctx: RequestContext): Promise<StoredVersion> {
  await authorise(db, ctx.actor, 'write', { kind: 'workload_config', councilId: ctx.actor.councilId }, PAGE, ctx.origin);
  return currentVersion(db, ctx.actor.councilId);
}

/** Saves a new version of the model, audited in the same transaction. Old figures keep the version they used. */
export async function saveSettings(db: Db, ctx: RequestContext, config: WorkloadConfig, note: string): Promise<number> {
  const { actor, origin } = ctx;
  await authorise(db, actor, 'write', { kind: 'workload_config', councilId: actor.councilId }, PAGE, origin);
  return db.transaction().execute(async (trx) => {
    const v = await workloadStore.insertConfigVersion(trx, actor.councilId, config, note, actor.userId, { createdByName: actor.name, at: ctx.now });
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'write', recordType: 'workload_config', recordId: String(v), fields: 'workload model: activities, rules, factors, capacity and safe bands', ip: origin.ip, reason: note }, ctx.now);
    return v;
  });
}

/**
 * Everyone's band under the current model and under a draft, from one read of the register: the
 * "what changes if I change this" preview. Nothing is saved.
 */
export async function previewSettings(db: Db, ctx: RequestContext, current: WorkloadConfig, draft: WorkloadConfig): Promise<{ before: PreviewPerson[]; after: PreviewPerson[] }> {
  await authorise(db, ctx.actor, 'write', { kind: 'workload_config', councilId: ctx.actor.councilId }, PAGE, ctx.origin);
  // Absences over the longer of the two horizons, so a draft horizon sees its own month.
  const inputs = await loadWorkloadInputs(db, ctx.actor.councilId, today(ctx), Math.max(current.horizonDays, draft.horizonDays));
  const run = (config: WorkloadConfig): PreviewPerson[] =>
    runWorkloads(inputs, { config, calendar: englandCalendar() }).map(({ practitioner: p, workload: w }) => (
      { practitionerId: p.practitioner_id, name: p.name, teamId: p.team_id, band: w.band, ratio: w.ratio?.central ?? null }
    ));
  return { before: run(current), after: run(draft) };
}
