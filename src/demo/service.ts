import { sql, type Kysely } from 'kysely';
import * as casesStore from '../cases/store.ts';
import * as allocationStore from '../allocation/store.ts';
import * as recordingStore from '../recording/store/index.ts';
import * as pulseStore from '../pulse/store/index.ts';
import { demoPulseAnswers } from './pulse.ts';
import * as supervisionStore from '../supervision/store/index.ts';
import { simulateSupervision } from './supervision.ts';
import type { Database } from '../platform/tables.ts';
import * as workforceStore from '../workforce/store.ts';
import { DEFAULT_CONFIG } from '../workload/model/index.ts';
import * as workloadStore from '../workload/store.ts';
import type { CouncilData } from './generate.ts';
import { pilotRecordings } from './pilot.ts';
import { DEMO_TEAM } from './users.ts';
import { seedDemoTasks } from './tasks.ts';

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

/**
 * What the demo council shows beyond the register, after the council and its accounts are
 * written: the pilot team's recorded time (SF1, the demo accounts' team), the monthly pulse and
 * tasks handed to business support.
 */
export async function seedDemoExtras(db: Kysely<Database>, data: CouncilData, asOf: string): Promise<void> {
  await seedPilotRecordings(db, data, DEMO_TEAM, asOf);
  await seedDemoPulse(db, data, asOf);
  // Tasks with business support in every state, written through the tasks service as the demo people.
  await seedDemoTasks(db, data.council.council_id, asOf);
}

/**
 * The demo's pilot team's recorded time (demo/pilot.ts), written after the council itself.
 * Returns how many recordings were written.
 */
export async function seedPilotRecordings(db: Kysely<Database>, data: CouncilData, teamId: string, asOf: string): Promise<number> {
  const rows = pilotRecordings(data, teamId, asOf);
  await db.transaction().execute(async (trx) => {
    await recordingStore.insertRecorded(trx, rows.recorded);
    await recordingStore.insertRecordings(trx, rows.recordings);
  });
  return rows.recordings.length;
}

/** Removes one council's rows, children before parents. The audit log stays: it is append-only by design. */
export async function deleteCouncil(db: Kysely<Database>, councilId: string): Promise<void> {
  const tables = ['pulse_answers', 'pulse_responses', 'workload_snapshots', 'record_flags', 'import_records', 'imports', 'import_settings', 'access_grants', 'break_glass', 'sessions', 'users', 'allocation_decisions', 'allocation_conflicts', 'allocation_settings', 'supervision_comments', 'supervision_case_items', 'supervision_reflections', 'supervision_sessions', 'supervision_settings', 'tasks', 'support_capacity', 'case_notes', 'recordings', 'recorded_activities', 'allocations', 'complexity_factors', 'case_episodes', 'children', 'posts', 'absences', 'practitioners', 'teams', 'workload_configs', 'councils'];
  for (const table of tables) await sql`delete from ${sql.table(table)} where council_id = ${councilId}`.execute(db);
}

/** The demo council's monthly pulse answers (fictional, anonymous: no one answered them, so nobody has a marker). */
export async function seedDemoPulse(db: Kysely<Database>, data: CouncilData, asOf: string): Promise<void> {
  await pulseStore.insertAnswers(db, data.council.council_id, demoPulseAnswers(data, asOf));
}
