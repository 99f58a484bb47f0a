import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../../platform/tables.ts';
import { listCouncils } from '../../workforce/store.ts';
import { takeSnapshot } from './snapshots.ts';

const DAY_MS = 86_400_000;

/** Takes today's snapshot for every council that has none yet; returns the councils done. */
export async function snapshotDue(db: Kysely<Database>, today: string): Promise<string[]> {
  const done: string[] = [];
  for (const council of await listCouncils(db)) {
    const have = await sql<{ n: number }>`select count(*)::int as n from workload_snapshots where council_id = ${council.council_id} and snapshot_date = ${today}`.execute(db);
    if (have.rows[0]!.n > 0) continue;
    await takeSnapshot(db, council.council_id, today);
    done.push(council.council_id);
  }
  return done;
}

/**
 * The daily snapshot, in-process: once at start-up (if today's is missing) and then shortly
 * after each midnight UTC. One deployment runs one app process per database (PGlite cannot be
 * shared); where several run against one PostgreSQL, each skips what another has taken.
 */
export function startSnapshotJob(db: Kysely<Database>, log: FastifyBaseLogger, now: () => Date = () => new Date()): { stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = async () => {
    try {
      const done = await snapshotDue(db, now().toISOString().slice(0, 10));
      if (done.length > 0) log.info({ councils: done }, 'took the daily workload snapshot');
    } catch (error) {
      log.error({ err: error }, 'the daily workload snapshot failed; it will be tried again');
    }
    if (stopped) return;
    const t = now().getTime();
    timer = setTimeout(run, DAY_MS - (t % DAY_MS) + 5 * 60_000);
    timer.unref();
  };
  void run();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
