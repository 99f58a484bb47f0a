import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { migrate } from '../src/platform/migrations.ts';
import { getCouncil, listPractitionersInPost } from '../src/workforce/store.ts';
import { getLatestConfig, insertConfigVersion } from '../src/workload/store.ts';
import { DEFAULT_CONFIG } from '../src/workload/model/index.ts';
import { newCouncilId, openTestDatabase, testBackends } from './support/database.ts';

describe.each(testBackends())('register store on %s', (kind) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database?.close());

  it('migrates idempotently', async () => {
    const again = await migrate(database.pool);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBeGreaterThan(0);
  });

  it('writes nothing when any part of a council fails to save', async () => {
    const councilId = newCouncilId();
    const data = generateCouncil({ councilId, name: 'Broken', seed: 3, asOf: '2026-11-23', staffScale: 0.2, caseScale: 0.1, recordHistory: false });
    // An allocation to someone who does not exist: the last table written fails its foreign key.
    data.allocations.push({ ...data.allocations[0]!, allocation_id: 'bad', practitioner_id: 'NOBODY' });
    await expect(seedCouncil(database.db, data)).rejects.toThrow();
    expect(await getCouncil(database.db, councilId)).toBeUndefined();
    const rows = await database.pool.query('select count(*)::int as n from children where council_id = $1', [councilId]);
    expect(rows.rows[0].n).toBe(0);
  });

  it('round-trips practitioners, with dates as plain dates and FTE as numbers', async () => {
    const councilId = newCouncilId();
    const data = generateCouncil({ councilId, name: 'Round trip', seed: 4, asOf: '2026-11-23', staffScale: 0.2, caseScale: 0.1, recordHistory: false });
    await seedCouncil(database.db, data);
    const stored = await listPractitionersInPost(database.db, councilId, '2026-11-23');
    const expected = data.practitioners.filter((p) => p.left_on === null || p.left_on > '2026-11-23').sort((a, b) => a.practitioner_id.localeCompare(b.practitioner_id));
    expect(stored).toEqual(expected);
  });

  it('versions the workload configuration: each save is the next number', async () => {
    const councilId = newCouncilId();
    await seedCouncil(database.db, generateCouncil({ councilId, name: 'Versions', seed: 5, asOf: '2026-11-23', staffScale: 0.1, caseScale: 0.05, recordHistory: false }));
    expect((await getLatestConfig(database.db, councilId))?.version).toBe(1);
    const changed = { ...DEFAULT_CONFIG, bands: { ...DEFAULT_CONFIG.bands, greenUpTo: 0.8 } };
    expect(await insertConfigVersion(database.db, councilId, changed, 'Tighter green band', 'test')).toBe(2);
    const latest = await getLatestConfig(database.db, councilId);
    expect(latest?.version).toBe(2);
    expect((latest?.config as typeof DEFAULT_CONFIG).bands.greenUpTo).toBe(0.8);
  });
});

describe('demo council generator', () => {
  it('is deterministic from its seed and date', () => {
    const a = generateCouncil({ councilId: 'x', name: 'x', seed: 11, asOf: '2026-11-23', staffScale: 0.3, caseScale: 0.3 });
    const b = generateCouncil({ councilId: 'x', name: 'x', seed: 11, asOf: '2026-11-23', staffScale: 0.3, caseScale: 0.3 });
    const c = generateCouncil({ councilId: 'x', name: 'x', seed: 12, asOf: '2026-11-23', staffScale: 0.3, caseScale: 0.3 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('makes a medium council with the shape DOMAIN.md describes', () => {
    const d = generateCouncil({ councilId: 'demo', name: 'Demo', seed: 1, asOf: '2026-11-23' });
    const inPost = d.practitioners.filter((p) => p.left_on === null);
    const open = new Set(d.allocations.filter((a) => a.end_date === null).map((a) => a.child_id));
    expect(d.teams.length).toBe(15);
    expect(inPost.length).toBeGreaterThanOrEqual(170);
    expect(inPost.length).toBeLessThanOrEqual(200);
    expect(open.size).toBeGreaterThan(2700);
    const social = inPost.filter((p) => p.swe_number !== null);
    const share = (xs: unknown[], of: unknown[]) => xs.length / of.length;
    expect(share(social.filter((p) => p.asye_start), social)).toBeGreaterThan(0.05);
    expect(share(social.filter((p) => p.agency), social)).toBeGreaterThan(0.06);
    expect(share(inPost.filter((p) => p.fte < 1), inPost)).toBeGreaterThan(0.08);
    expect(d.posts.some((p) => p.status === 'vacant' && p.covered_by === null)).toBe(true);
    const kinds = new Set(d.episodes.filter((e) => e.end_date === null).map((e) => e.kind));
    for (const k of ['family_help', 'referral', 's47', 'cin_plan', 'cp_plan', 'looked_after', 'care_leaver', 'court_proceedings']) expect(kinds).toContain(k);
    expect(d.episodes.some((e) => (e.placement_distance_miles ?? 0) > 20)).toBe(true);
    const firstInvolvement = new Map<string, string>();
    for (const e of d.episodes) if (!firstInvolvement.has(e.child_id) || e.start_date < firstInvolvement.get(e.child_id)!) firstInvolvement.set(e.child_id, e.start_date);
    expect(d.children.filter((c) => c.date_of_birth! >= firstInvolvement.get(c.child_id)!)).toEqual([]);
    const families = new Map<string, number>();
    for (const c of d.children) if (c.family_id) families.set(c.family_id, (families.get(c.family_id) ?? 0) + 1);
    expect([...families.values()].some((n) => n >= 3)).toBe(true);
  });
});
