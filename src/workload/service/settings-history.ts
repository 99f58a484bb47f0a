import type { Db } from '../../platform/database.ts';
import { decide } from '../../access/model/index.ts';
import { authorise } from '../../access/service.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { InvalidInputError, NotFoundError } from '../../kernel/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import * as identityStore from '../../identity/store.ts';
import { checkWorkloadConfig, DEFAULT_CONFIG, type WorkloadConfig } from '../model/index.ts';
import * as workloadStore from '../store.ts';
import type { HistoryEntry, VersionComparison } from '../pages/settings-history.ts';

const PAGE = 'workload model settings history';
/** A reason is required on every save and restore: a few words, not an essay. */
export const REASON = { min: 5, max: 500 } as const;

export function reasonProblem(reason: string): string | null {
  if (reason.length < REASON.min) return 'Say why, in a few words';
  if (reason.length > REASON.max) return `Keep the reason under ${REASON.max} characters`;
  return null;
}

const resourceOf = (ctx: RequestContext) => ({ kind: 'workload_config', councilId: ctx.actor.councilId }) as const;

/**
 * Who saved each version, by name. Versions saved since names were kept carry the name as it was;
 * older ones are looked up among the council's accounts (never shown as an id).
 */
export async function namesFor(db: Db, councilId: string, rows: readonly workloadStore.StoredConfigSummary[]): Promise<Map<number, string>> {
  const lookup = new Map<string, string>();
  for (const id of new Set(rows.filter((r) => !r.created_by_name).map((r) => r.created_by))) {
    if (id === 'seed') lookup.set(id, 'Caseweight (demo data)');
    else lookup.set(id, (await identityStore.getUser(db, councilId, id))?.name ?? 'A former user');
  }
  return new Map(rows.map((r) => [r.version, r.created_by_name ?? lookup.get(r.created_by) ?? 'A former user']));
}

const toEntry = (r: workloadStore.StoredConfigSummary, names: Map<number, string>): HistoryEntry => ({
  version: r.version, note: r.note, createdBy: names.get(r.version)!, createdAt: new Date(r.created_at), restoredFrom: r.restored_from,
});

/** Every saved version, newest first, for anyone who may read the settings; and whether this person may restore. */
export async function settingsHistory(db: Db, ctx: RequestContext): Promise<{ entries: HistoryEntry[]; canEdit: boolean }> {
  await authorise(db, ctx.actor, 'read', resourceOf(ctx), PAGE, ctx.origin);
  const rows = await workloadStore.listConfigVersions(db, ctx.actor.councilId);
  const names = await namesFor(db, ctx.actor.councilId, rows);
  return { entries: rows.map((r) => toEntry(r, names)), canEdit: decide(ctx.actor, 'write', resourceOf(ctx)).allowed };
}

function parsed(row: workloadStore.StoredConfig): WorkloadConfig {
  const result = checkWorkloadConfig(row.config);
  if (!result.ok) throw new Error(`Workload configuration version ${row.version} is invalid: ${result.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
  return result.config;
}

/**
 * One version and what changed: against the version before it (the built-in defaults before the
 * first), or against the version in use now.
 */
export async function settingsVersion(db: Db, ctx: RequestContext, version: number, against: 'previous' | 'current'): Promise<VersionComparison> {
  await authorise(db, ctx.actor, 'read', resourceOf(ctx), PAGE, ctx.origin);
  const councilId = ctx.actor.councilId;
  const rows = await workloadStore.listConfigVersions(db, councilId);
  const index = rows.findIndex((r) => r.version === version);
  if (index < 0) throw new NotFoundError(`There is no version ${version} of the workload model.`);
  const names = await namesFor(db, councilId, rows);
  const other = against === 'current' ? rows[0]! : rows[index + 1];
  const [row, otherRow] = await Promise.all([
    workloadStore.getConfigVersion(db, councilId, version),
    other ? workloadStore.getConfigVersion(db, councilId, other.version) : Promise.resolve(undefined),
  ]);
  return {
    entry: toEntry(rows[index]!, names),
    config: parsed(row!),
    against,
    other: otherRow ? { entry: toEntry(other!, names), config: parsed(otherRow) } : { entry: null, config: DEFAULT_CONFIG },
    currentVersion: rows[0]!.version,
    canEdit: decide(ctx.actor, 'write', resourceOf(ctx)).allowed,
  };
}

/**
 * Restores an earlier version by saving a copy of it as a new version, with the reason: history
 * is never rewritten. The read, the new version and its audit event are one transaction.
 */
export async function restoreSettingsVersion(db: Db, ctx: RequestContext, version: number, reason: string): Promise<number> {
  const { actor, origin } = ctx;
  await authorise(db, actor, 'write', resourceOf(ctx), PAGE, origin);
  const problem = reasonProblem(reason.trim());
  if (problem) throw new InvalidInputError(problem, [{ field: 'reason', message: problem }]);
  return db.transaction().execute(async (trx) => {
    const [row, latest] = await Promise.all([workloadStore.getConfigVersion(trx, actor.councilId, version), workloadStore.getLatestConfig(trx, actor.councilId)]);
    if (!row) throw new NotFoundError(`There is no version ${version} of the workload model.`);
    if (latest?.version === version) {
      throw new InvalidInputError('This version is already in use', [{ field: 'reason', message: `Version ${version} is already the one in use: there is nothing to restore` }]);
    }
    const config = parsed(row);
    const v = await workloadStore.insertConfigVersion(trx, actor.councilId, config, reason.trim(), actor.userId, { createdByName: actor.name, restoredFrom: version, at: ctx.now });
    await recordAudit(trx, {
      councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'write', recordType: 'workload_config', recordId: String(v),
      fields: `workload model: version ${version} restored as version ${v}`, ip: origin.ip, reason: reason.trim(),
    }, ctx.now);
    return v;
  });
}
