import { sql, type Kysely } from 'kysely';
import * as casesStore from '../cases/store.ts';
import * as allocationStore from '../allocation/store.ts';
import * as recordingStore from '../recording/store/index.ts';
import * as supervisionStore from '../supervision/store/index.ts';
import { simulateSupervision } from './supervision.ts';
import type { Database } from '../platform/tables.ts';
import * as workforceStore from '../workforce/store.ts';
import { DEFAULT_CONFIG } from '../workload/model/index.ts';
import * as workloadStore from '../workload/store.ts';
import type { CouncilData } from './generate.ts';

export type Progress = (step: string, done: number, total: number) => void;

const STEPS = ['council', 'teams', 'practitioners', 'absences', 'posts', 'children', 'episodes', 'factors', 'allocations', 'recorded work', 'supervision'] as const;

/** Writes a generated council in one transaction: it is all there, or none of it is. */
export async function seedCouncil(db: Kysely<Database>, data: CouncilData, options: { replace?: boolean; progress?: Progress; supervision?: boolean } = {}): Promise<void> {
  const tick = (i: number) => options.progress?.(STEPS[i]!, i + 1, STEPS.length);
  await db.transaction().execute(async (trx) => {
    if (options.replace) await deleteCouncil(trx, data.council.council_id);
    await workforceStore.insertCouncil(trx, data.council);
    await workloadStore.insertConfigVersion(trx, data.council.council_id, DEFAULT_CONFIG, 'Caseweight’s defaults, from national timescales and time-use evidence', 'seed', { createdByName: 'Caseweight (demo data)' });
    tick(0);
    await workforceStore.insertTeams(trx, data.teams);
    tick(1);
    await workforceStore.insertPractitioners(trx, data.practitioners);
    tick(2);
    await workforceStore.insertAbsences(trx, data.absences);
    tick(3);
    await workforceStore.insertPosts(trx, data.posts);
    tick(4);
    await casesStore.insertChildren(trx, data.children);
    tick(5);
    await casesStore.insertEpisodes(trx, data.episodes);
    tick(6);
    await casesStore.insertFactors(trx, data.factors);
    tick(7);
    await allocationStore.insertAllocations(trx, data.allocations);
    tick(8);
    await recordingStore.insertRecorded(trx, data.recorded);
    tick(9);
    // Supervision is Caseweight's own record (no import carries it): off for a council meant to match an imported twin.
    if (data.asOf && options.supervision !== false) {
      const supervision = simulateSupervision(data, data.asOf);
      await supervisionStore.insertSessions(trx, supervision.sessions, supervision.reflections);
    }
    tick(10);
  });
}

/** Removes one council's rows, children before parents. The audit log stays: it is append-only by design. */
export async function deleteCouncil(db: Kysely<Database>, councilId: string): Promise<void> {
  const tables = ['workload_snapshots', 'record_flags', 'import_records', 'imports', 'import_settings', 'access_grants', 'break_glass', 'sessions', 'users', 'allocation_decisions', 'allocation_conflicts', 'allocation_settings', 'supervision_comments', 'supervision_case_items', 'supervision_reflections', 'supervision_sessions', 'supervision_settings', 'case_notes', 'recordings', 'recorded_activities', 'allocations', 'complexity_factors', 'case_episodes', 'children', 'posts', 'absences', 'practitioners', 'teams', 'workload_configs', 'councils'];
  for (const table of tables) await sql`delete from ${sql.table(table)} where council_id = ${councilId}`.execute(db);
}
