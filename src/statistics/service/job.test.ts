import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil } from '../../demo/generate.ts';
import { seedCouncil } from '../../demo/service.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import { newCouncilId, openTestDatabase } from '../../../test/support/database.ts';
import { registerSnapshotJobs, snapshotDue } from './job.ts';
import { startJobs } from '../../platform/jobs.ts';
import { listSnapshots } from '../store.ts';

describe('daily snapshot job', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
  });
  afterAll(async () => database?.close());

  it("takes today's snapshot once per council, and skips a council that has one", async () => {
    const councilId = newCouncilId();
    const data = generateCouncil({ councilId, name: 'Job', seed: 61, asOf: '2026-11-23', staffScale: 0.2, caseScale: 0.1, recordHistory: false });
    await seedCouncil(database.db, data);
    expect(await snapshotDue(database.db, '2026-11-23')).toContain(councilId);
    const rows = await listSnapshots(database.db, councilId, '2026-11-23', '2026-11-23');
    expect(rows.length).toBe(data.practitioners.filter((p) => p.left_on === null || p.left_on > '2026-11-23').length);
    expect(await snapshotDue(database.db, '2026-11-23')).not.toContain(councilId);
    expect(await snapshotDue(database.db, '2026-11-24')).toContain(councilId);
  });

  it('runs on the job queue: at start-up it takes the missing snapshot for each council, once', async () => {
    const councilId = newCouncilId();
    const data = generateCouncil({ councilId, name: 'Queue', seed: 62, asOf: '2026-11-23', staffScale: 0.2, caseScale: 0.1, recordHistory: false });
    await seedCouncil(database.db, data);
    const quiet = { debug() {}, info() {}, warn() {}, error() {} };
    const jobs = await startJobs({ pool: database.pool, log: quiet, kind: database.kind, schema: `pgboss_snap_${councilId.replace(/-/g, '_')}` });
    try {
      await registerSnapshotJobs(jobs, database.db, () => new Date('2026-11-25T09:00:00Z'));
      const until = Date.now() + 30_000;
      while ((await listSnapshots(database.db, councilId, '2026-11-25', '2026-11-25')).length === 0) {
        if (Date.now() > until) throw new Error('the snapshot job did not run');
        await new Promise((r) => setTimeout(r, 100));
      }
      const schedules = await jobs.schedules();
      expect(schedules.map((x) => x.name)).toContain('statistics.snapshot-due');
    } finally {
      await jobs.stop();
    }
    const rows = await listSnapshots(database.db, councilId, '2026-11-25', '2026-11-25');
    expect(rows.length).toBe(data.practitioners.filter((p) => p.left_on === null || p.left_on > '2026-11-25').length);
  });
});
