import type { Db } from '../../platform/database.ts';
import { computeWorkloads } from '../../workload/service/index.ts';
import { replaceSnapshots, type SnapshotRow } from '../store.ts';

const r2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Takes the day's workload snapshot for a council: what the model says about everyone in post
 * on `date`, with the configuration version it used. A daily job calls this; the demo seeding
 * can back-fill past days so trends have a history.
 */
export async function takeSnapshot(db: Db, councilId: string, date: string): Promise<number> {
  const { ctx, results } = await computeWorkloads(db, councilId, date);
  const rows: SnapshotRow[] = results.map(({ practitioner: p, workload: w }) => ({
    council_id: councilId,
    snapshot_date: date,
    practitioner_id: p.practitioner_id,
    team_id: p.team_id,
    role: p.role,
    fte: p.fte,
    agency: p.agency,
    in_asye: w.capacity.inAsye,
    cases: w.caseCount,
    demand_low: r2(w.demand.total.low),
    demand_central: r2(w.demand.total.central),
    demand_high: r2(w.demand.total.high),
    casework_hours: r2(w.capacity.caseworkHours),
    band: w.band,
    config_version: ctx.version,
  }));
  return replaceSnapshots(db, councilId, date, rows);
}

/**
 * Snapshots for past dates, every `everyDays` days back to `days` before `to`, oldest first:
 * for a new installation or the demo council, so trends and "over the safe band since" have a
 * history from the first day. Each date is computed from the register as it stood then.
 */
export async function backfillSnapshots(db: Db, councilId: string, to: string, days: number, everyDays = 7): Promise<string[]> {
  const end = Date.parse(`${to}T00:00:00Z`);
  const dates: string[] = [];
  for (let back = Math.floor(days / everyDays) * everyDays; back >= 0; back -= everyDays) {
    dates.push(new Date(end - back * 86_400_000).toISOString().slice(0, 10));
  }
  for (const date of dates) await takeSnapshot(db, councilId, date);
  return dates;
}
