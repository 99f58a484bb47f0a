/**
 * The council's supervision policy: read by managers, analysts and administrators; saved, as a
 * new version with a note, by a head of service (the principal social worker owns it).
 */
import type { Db } from '../../platform/database.ts';
import { authorise } from '../../access/service.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { InvalidInputError } from '../../kernel/errors.ts';
import { decide } from '../../access/model/index.ts';
import { parseSettings, type SupervisionSettings } from '../model/settings.ts';
import * as store from '../store/index.ts';
import { auditSupervision, loadSettings } from './common.ts';

export interface SettingsData {
  settings: SupervisionSettings;
  version: number;
  mayChange: boolean;
}

export async function readSettings(db: Db, ctx: RequestContext): Promise<SettingsData> {
  const { actor } = ctx;
  await authorise(db, actor, 'read', { kind: 'supervision_settings', councilId: actor.councilId }, 'supervision policy', ctx.origin);
  const { settings, version } = await loadSettings(db, actor.councilId);
  return { settings, version, mayChange: decide(actor, 'write', { kind: 'supervision_settings', councilId: actor.councilId }).allowed };
}

/** Saves the policy as the next version, with what changed and why. */
export async function saveSettings(db: Db, ctx: RequestContext, raw: unknown, note: string): Promise<{ version: number }> {
  const { actor } = ctx;
  await authorise(db, actor, 'write', { kind: 'supervision_settings', councilId: actor.councilId }, 'save the supervision policy', ctx.origin);
  const parsed = parseSettings(raw);
  const problems = parsed.ok ? [] : parsed.problems;
  if (note.trim() === '') problems.push({ field: 'note', message: 'Say what changed and why, for example "Following the DfE summary, agreed by the principal social worker".' });
  if (!parsed.ok || problems.length) throw new InvalidInputError('There is a problem with the supervision policy.', problems);
  return db.transaction().execute(async (trx) => {
    const { version } = await loadSettings(trx, actor.councilId);
    const next = version + 1;
    await store.insertSettings(trx, { council_id: actor.councilId, version: next, settings: parsed.settings, note: note.trim(), created_by: actor.userId, created_by_name: actor.name });
    await auditSupervision(trx, ctx, 'write', actor.councilId, `supervision policy version ${next}`);
    return { version: next };
  });
}
