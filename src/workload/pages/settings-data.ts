import type { Kysely } from 'kysely';
import { toCaseInputs } from '../../cases/model.ts';
import * as casesStore from '../../cases/store.ts';
import type { Database } from '../../platform/tables.ts';
import { toPractitionerInput } from '../../workforce/model.ts';
import * as workforceStore from '../../workforce/store.ts';
import {
  dayFromIso, englandCalendar, isoFromDay, practitionerWorkload, referenceDemands, type CaseInput, type ModelContext, type WorkloadConfig,
} from '../model/index.ts';
import { loadModelContext } from '../service.ts';
import * as workloadStore from '../store.ts';
import type { PreviewPerson, StoredVersion } from './settings.ts';

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
  const day = dayFromIso(date);
  const practitioners = await workforceStore.listPractitionersInPost(db, councilId, date);
  // Absences over the longer of the two horizons, so a draft horizon sees its own month.
  const horizon = Math.max(current.horizonDays, draft.horizonDays);
  const [absences, allocations, records] = await Promise.all([
    workforceStore.listAbsences(db, councilId, date, isoFromDay(Math.ceil(day + horizon))),
    casesStore.listOpenLeadAllocations(db, councilId, date),
    casesStore.loadCaseRecords(db, councilId),
  ]);
  const cases = toCaseInputs(records.children, records.episodes, records.factors);
  const held = new Map<string, CaseInput[]>();
  for (const a of allocations) {
    const input = cases.get(a.child_id);
    if (!input) continue;
    held.set(a.practitioner_id, [...(held.get(a.practitioner_id) ?? []), input]);
  }
  const run = (config: WorkloadConfig): PreviewPerson[] => {
    const ctx: ModelContext = { config, calendar: englandCalendar() };
    const references = referenceDemands(day, ctx);
    return practitioners.map((p) => {
      const w = practitionerWorkload(toPractitionerInput(p, absences), held.get(p.practitioner_id) ?? [], day, ctx, references);
      return { practitionerId: p.practitioner_id, name: p.name, teamId: p.team_id, band: w.band, ratio: w.ratio?.central ?? null };
    });
  };
  return { before: run(current), after: run(draft) };
}
