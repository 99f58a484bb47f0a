import type { Kysely } from 'kysely';
import type { Database } from '../../platform/tables.ts';
import { englandCalendar, type WorkloadConfig } from '../model/index.ts';
import { loadModelContext, loadWorkloadInputs, runWorkloads } from './index.ts';
import * as workloadStore from '../store.ts';
import type { PreviewPerson, StoredVersion } from '../pages/settings.ts';

type Db = Kysely<Database>;

export async function loadCurrentVersion(db: Db, councilId: string): Promise<StoredVersion> {
  const [ctx, stored] = await Promise.all([loadModelContext(db, councilId), workloadStore.getLatestConfig(db, councilId)]);
  return {
    version: ctx.version,
    config: ctx.config,
    note: stored?.note ?? 'Built-in defaults',
    createdBy: stored?.created_by ?? 'Caseweight',
    createdAt: stored ? new Date(stored.created_at).toISOString().slice(0, 10) : null,
  };
}

/**
 * Everyone's band under the current model and under a draft, from one read of the register: the
 * "what changes if I change this" preview. Nothing is saved.
 */
export async function previewBands(db: Db, councilId: string, date: string, current: WorkloadConfig, draft: WorkloadConfig): Promise<{ before: PreviewPerson[]; after: PreviewPerson[] }> {
  // Absences over the longer of the two horizons, so a draft horizon sees its own month.
  const inputs = await loadWorkloadInputs(db, councilId, date, Math.max(current.horizonDays, draft.horizonDays));
  const run = (config: WorkloadConfig): PreviewPerson[] =>
    runWorkloads(inputs, { config, calendar: englandCalendar() }).map(({ practitioner: p, workload: w }) => (
      { practitionerId: p.practitioner_id, name: p.name, teamId: p.team_id, band: w.band, ratio: w.ratio?.central ?? null }
    ));
  return { before: run(current), after: run(draft) };
}
