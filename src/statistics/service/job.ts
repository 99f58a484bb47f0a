import type { Db } from '../../platform/database.ts';
import { defineJob, type Jobs } from '../../platform/jobs.ts';
import { listCouncils } from '../../workforce/store.ts';
import { hasSnapshot } from '../store.ts';
import { takeSnapshot } from './snapshots.ts';

/** Takes today's snapshot for every council that has none yet; returns the councils done. */
export async function snapshotDue(db: Db, today: string): Promise<string[]> {
  const done: string[] = [];
  for (const council of await listCouncils(db)) {
    if (await hasSnapshot(db, council.council_id, today)) continue;
    await takeSnapshot(db, council.council_id, today);
    done.push(council.council_id);
  }
  return done;
}


/**
 * The daily snapshot on the job queue: a schedule shortly after midnight fans out one job per
 * council and day. pg-boss elects one scheduler across processes and the singleton key
 * (council and day) queues each council's snapshot once, so two servers on one PostgreSQL never
 * take it twice; a failed snapshot is retried. Dates are UTC days, as the register's are.
 */
export async function registerSnapshotJobs(jobs: Jobs, db: Db, now: () => Date = () => new Date()): Promise<void> {
  const council = defineJob<{ councilId: string; date: string }>('statistics.snapshot', async ({ councilId, date }) => {
    if (await hasSnapshot(db, councilId, date)) return; // a retry, or another process, got here first
    await takeSnapshot(db, councilId, date);
  }, { retryLimit: 3, retryDelaySeconds: 600, retryBackoff: true, expireInSeconds: 30 * 60 });
  const due = defineJob<{ councilId: null }>('statistics.snapshot-due', async () => {
    const date = now().toISOString().slice(0, 10);
    for (const c of await listCouncils(db)) await jobs.send(council, { councilId: c.council_id, date }, { singletonKey: `${c.council_id}:${date}` });
  }, { retryLimit: 2, retryDelaySeconds: 300 });
  await jobs.register(council);
  await jobs.register(due);
  await jobs.schedule(due, '5 0 * * *', { councilId: null }, { tz: 'UTC' });
  // At start-up too, as before: today's snapshot if it is missing.
  await jobs.send(due, { councilId: null }, { singletonKey: `due:${now().toISOString().slice(0, 10)}` });
}
