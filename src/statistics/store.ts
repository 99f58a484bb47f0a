import { sql, type Kysely } from 'kysely';
import { bulkInsert } from '../platform/bulk.ts';
import type { Database, WorkloadSnapshotsTable } from '../platform/tables.ts';

type Db = Kysely<Database>;

/** A row of workload_snapshots (migration 0004), with the band narrowed to the model's bands. */
export type SnapshotRow = Omit<WorkloadSnapshotsTable, 'band'> & { band: 'green' | 'amber' | 'red' | 'cover' | 'none' };

const COLUMNS = [
  ['council_id', 'text'], ['snapshot_date', 'date'], ['practitioner_id', 'text'], ['team_id', 'text'], ['role', 'text'],
  ['fte', 'numeric'], ['agency', 'boolean'], ['in_asye', 'boolean'], ['cases', 'integer'], ['demand_low', 'numeric'],
  ['demand_central', 'numeric'], ['demand_high', 'numeric'], ['casework_hours', 'numeric'], ['band', 'text'], ['config_version', 'integer'],
] as const;

/**
 * Writes one day's snapshot for a council, replacing any taken earlier the same day, in one
 * statement each (PGlite has one connection: few big statements).
 */
export async function replaceSnapshots(db: Db, councilId: string, date: string, rows: readonly SnapshotRow[]): Promise<number> {
  await db.transaction().execute(async (trx) => {
    await sql`delete from workload_snapshots where council_id = ${councilId} and snapshot_date = ${date}`.execute(trx);
    if (rows.length === 0) return;
    await bulkInsert(trx, 'workload_snapshots', COLUMNS, rows);
  });
  return rows.length;
}

/** Snapshots in [from, to] for one team, or the whole council when teamId is undefined. */
export async function listSnapshots(db: Db, councilId: string, from: string, to: string, teamId?: string): Promise<SnapshotRow[]> {
  const team = teamId === undefined ? sql`` : sql`and team_id = ${teamId}`;
  const result = await sql<SnapshotRow>`
    select * from workload_snapshots
    where council_id = ${councilId} and snapshot_date between ${from} and ${to} ${team}
    order by snapshot_date, practitioner_id`.execute(db);
  return result.rows;
}

/** Whether a council's snapshot for this day has been taken. */
export async function hasSnapshot(db: Db, councilId: string, date: string): Promise<boolean> {
  const have = await sql<{ n: number }>`select count(*)::int as n from workload_snapshots where council_id = ${councilId} and snapshot_date = ${date}`.execute(db);
  return have.rows[0]!.n > 0;
}
