import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil } from '../demo/generate.ts';
import { seedCouncil } from '../demo/service.ts';
import type { DatabaseHandle } from '../platform/database.ts';
import { computeWorkloads } from '../workload/service/index.ts';
import { newCouncilId, openTestDatabase, testBackends } from '../../test/support/database.ts';
import { backfillSnapshots, takeSnapshot } from './service/snapshots.ts';
import { listSnapshots } from './store.ts';

const AS_OF = '2026-11-23';

describe.each(testBackends())('workload snapshots on %s', (kind) => {
  let database: DatabaseHandle;
  let councilId: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    councilId = newCouncilId();
    await seedCouncil(database.db, generateCouncil({ councilId, name: 'Snapshot council', seed: 5, asOf: AS_OF, staffScale: 0.2, caseScale: 0.3 }));
  });
  afterAll(async () => database?.close());

  it('stores what the model says about everyone in post that day, once per day', async () => {
    const { results, ctx } = await computeWorkloads(database.db, councilId, AS_OF);
    expect(await takeSnapshot(database.db, councilId, AS_OF)).toBe(results.length);
    // Taking it again replaces the day's rows rather than doubling them.
    await takeSnapshot(database.db, councilId, AS_OF);
    const rows = await listSnapshots(database.db, councilId, AS_OF, AS_OF);
    expect(rows).toHaveLength(results.length);
    const first = results[0]!;
    const row = rows.find((r) => r.practitioner_id === first.practitioner.practitioner_id)!;
    expect(row).toMatchObject({ snapshot_date: AS_OF, cases: first.workload.caseCount, band: first.workload.band, config_version: ctx.version });
    expect(row.demand_central).toBeCloseTo(first.workload.demand.total.central, 1);
  });

  it('back-fills weekly snapshots and reads them by team', async () => {
    const dates = await backfillSnapshots(database.db, councilId, AS_OF, 14, 7);
    expect(dates).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
    const all = await listSnapshots(database.db, councilId, '2026-11-01', AS_OF);
    expect([...new Set(all.map((r) => r.snapshot_date))]).toEqual(dates);
    const team = all[0]!.team_id;
    const teamRows = await listSnapshots(database.db, councilId, '2026-11-01', AS_OF, team);
    expect(teamRows.length).toBeGreaterThan(0);
    expect(teamRows.every((r) => r.team_id === team)).toBe(true);
  });
});
