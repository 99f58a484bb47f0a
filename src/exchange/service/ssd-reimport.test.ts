// A council seeded directly (not imported) exports its SSD set and imports it into itself:
// nothing may change. Before episodes were matched by child, kind and start date, every
// episode and visit came back again under a table-prefixed id (CPP-…, CINV-…).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCouncilId, openTestDatabase } from '../../../test/support/database.ts';
import { generateCouncil } from '../../demo/generate.ts';
import { seedCouncil } from '../../demo/service.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import { computeWorkloads } from '../../workload/service/index.ts';
import { exportSsd } from './exports.ts';
import { confirm } from './index.ts';
import { loadRegisterState } from '../store.ts';

const AS_OF = '2026-03-31';

describe('importing a seeded council’s own SSD export into itself', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
  });
  afterAll(async () => database?.close());

  it('adds, changes and closes nothing, and the workload stays the same', async () => {
    const council = newCouncilId();
    await seedCouncil(database.db, generateCouncil({ councilId: council, name: 'Seeded', seed: 77, asOf: AS_OF, staffScale: 0.1, caseScale: 0.05 }));
    const before = await loadRegisterState(database.db, council, 'ssd');
    const workloadBefore = await computeWorkloads(database.db, council, AS_OF);
    const files = await exportSsd(database.db, council);
    const result = await confirm(database.db, { councilId: council, format: 'ssd', files, importedBy: 'test', extractDate: AS_OF });
    const moved = Object.fromEntries(Object.entries(result.report.counts).map(([t, c]) => [t, { added: c.added, changed: c.changed, closed: c.closed }]));
    for (const [table, c] of Object.entries(moved)) expect(c, table).toEqual({ added: 0, changed: 0, closed: 0 });
    expect(result.status).toBe('unchanged');
    const after = await loadRegisterState(database.db, council, 'ssd');
    expect(after.episodes.length).toBe(before.episodes.length);
    expect(after.recorded.length).toBe(before.recorded.length);
    expect((await computeWorkloads(database.db, council, AS_OF)).results).toEqual(workloadBefore.results);
    // Matched rows are now vouched for by the SSD, so a second import is unchanged too.
    const again = await confirm(database.db, { councilId: council, format: 'ssd', files, importedBy: 'test', extractDate: AS_OF });
    expect(again.status).toBe('unchanged');
  }, 60_000);
});
