import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/access/model/index.ts';
import { generateCouncil } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import type { RequestContext } from '../src/kernel/context.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { takeSnapshot } from '../src/statistics/service/snapshots.ts';
import { computeWorkloads, createWorkloadService } from '../src/workload/service/index.ts';
import { newCouncilId, openTestDatabase, testBackends } from './support/database.ts';

/**
 * The settings history through the service: every save a new version with who and why, a
 * restore a new version equal to the old one (history never rewritten), audited in its
 * transaction, and the figures computed with whatever version is current.
 */
const AS_OF = '2026-11-23';

describe.each(testBackends())('workload model settings history on %s', (kind) => {
  let database: DatabaseHandle;
  let councilId: string;
  let service: ReturnType<typeof createWorkloadService>;
  const actor = (userId: string, name: string, roles: Actor['roles'], teamIds: string[] = []): Actor =>
    ({ kind: 'staff', userId, councilId, name, roles, practitionerId: null, teamIds, grantedChildIds: [], breakGlassChildIds: [] });
  const ctx = (a: Actor, now = new Date('2026-11-23T10:30:00Z')): RequestContext => ({ actor: a, origin: { ip: '203.0.113.9' }, now });
  let admin: RequestContext;

  /** Demand across the council, hour by hour per practitioner: the same figures or not. */
  const councilDemand = async () => {
    const { ctx: model, results } = await computeWorkloads(database.db, councilId, AS_OF);
    return { version: model.version, total: results.reduce((s, r) => s + r.workload.demand.total.central, 0), each: results.map((r) => [r.practitioner.practitioner_id, r.workload.demand.total]) };
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    councilId = newCouncilId();
    await seedCouncil(database.db, generateCouncil({ councilId, name: 'History', seed: 31, asOf: AS_OF, staffScale: 0.2, caseScale: 0.2, recordHistory: false }));
    service = createWorkloadService({ db: database.db });
    admin = ctx(actor('admin-1', 'Morgan Ellis', ['system_administrator']));
  });
  afterAll(async () => {
    await database?.close();
  });

  it('saves, lists newest first with names, restores as a new version, and the figures follow the version in use', async () => {
    const first = await service.readSettings(admin);
    expect(first.current.version).toBe(1);
    const demandV1 = await councilDemand();
    const snapshotV1 = await takeSnapshot(database.db, councilId, AS_OF).then(() => snapshotTotal());

    const changed = structuredClone(first.current.config);
    for (const a of changed.activities) a.hours = { low: a.hours.low * 2, central: a.hours.central * 2, high: a.hours.high * 2 };
    const v2 = await service.saveSettings(ctx(admin.actor, new Date('2026-11-23T11:00:00Z')), changed, 'Everything takes twice as long: time audit');
    expect(v2).toBe(2);
    const demandV2 = await councilDemand();
    expect(demandV2.version).toBe(2);
    expect(demandV2.total).toBeGreaterThan(demandV1.total * 1.5);

    const reviewer = ctx(actor('admin-2', 'Sam Okafor', ['system_administrator']), new Date('2026-11-24T09:00:00Z'));
    const v3 = await service.restoreSettingsVersion(reviewer, 1, '  The doubling was a mistake  ');
    expect(v3).toBe(3);

    // The figures use the restored version: the same as when version 1 was in use.
    const demandV3 = await councilDemand();
    expect(demandV3.version).toBe(3);
    expect(demandV3.each).toEqual(demandV1.each);
    await takeSnapshot(database.db, councilId, AS_OF);
    expect(await snapshotTotal()).toEqual({ ...snapshotV1, version: 3 });

    const { entries, canEdit } = await service.settingsHistory(admin);
    expect(canEdit).toBe(true);
    expect(entries.map((e) => [e.version, e.createdBy, e.note, e.restoredFrom])).toEqual([
      [3, 'Sam Okafor', 'The doubling was a mistake', 1],
      [2, 'Morgan Ellis', 'Everything takes twice as long: time audit', null],
      [1, 'Caseweight (demo data)', expect.any(String), null],
    ]);
    expect(entries[0]!.createdAt.toISOString()).toBe('2026-11-24T09:00:00.000Z');

    // Nothing rewritten: version 2 is still there as it was, and version 3 equals version 1.
    const v2Page = await service.settingsVersion(admin, 2, 'previous');
    expect(v2Page.config).toEqual(changed);
    const v3Page = await service.settingsVersion(admin, 3, 'previous');
    expect(v3Page.config).toEqual(first.current.config);
    expect(v3Page.other.entry?.version).toBe(2);
    const v1Now = await service.settingsVersion(admin, 1, 'current');
    expect(v1Now.other.entry?.version).toBe(3);

    // The restore and its audit event: one write event, with the reason, naming both versions.
    const audit = await sql<{ fields: string; reason: string; actor_user_id: string }>`
      select fields, reason, actor_user_id from audit_events where council_id = ${councilId} and action = 'write' and record_type = 'workload_config' and record_id = '3'`.execute(database.db);
    expect(audit.rows).toEqual([{ fields: 'workload model: version 1 restored as version 3', reason: 'The doubling was a mistake', actor_user_id: 'admin-2' }]);
  });

  it('refuses a restore without a reason, of the version in use, or of a version that is not there', async () => {
    const before = (await service.settingsHistory(admin)).entries.length;
    await expect(service.restoreSettingsVersion(admin, 1, ' ok ')).rejects.toMatchObject({ statusCode: 400, problems: [{ field: 'reason', message: 'Say why, in a few words' }] });
    const latest = (await service.settingsHistory(admin)).entries[0]!.version;
    await expect(service.restoreSettingsVersion(admin, latest, 'Put it back as it is')).rejects.toMatchObject({ statusCode: 400 });
    await expect(service.restoreSettingsVersion(admin, 999, 'A version from nowhere')).rejects.toMatchObject({ statusCode: 404 });
    expect((await service.settingsHistory(admin)).entries).toHaveLength(before);
  });

  it('lets read-only roles see the history but not restore; others see nothing', async () => {
    const manager = ctx(actor('tm-1', 'Team Manager', ['team_manager'], ['SF1']));
    const history = await service.settingsHistory(manager);
    expect(history.canEdit).toBe(false);
    expect((await service.settingsVersion(manager, 1, 'previous')).canEdit).toBe(false);
    const count = (await service.settingsHistory(admin)).entries.length;
    await expect(service.restoreSettingsVersion(manager, 1, 'I would like the old one')).rejects.toMatchObject({ statusCode: 404 });
    expect((await service.settingsHistory(admin)).entries).toHaveLength(count);
    const practitioner = ctx(actor('p-1', 'Practitioner', ['practitioner'], ['SF1']));
    await expect(service.settingsHistory(practitioner)).rejects.toMatchObject({ statusCode: 404 });
    await expect(service.settingsVersion(practitioner, 1, 'previous')).rejects.toMatchObject({ statusCode: 404 });
  });

  async function snapshotTotal() {
    const r = await sql<{ demand: string; version: number }>`
      select sum(demand_central)::text as demand, max(config_version) as version from workload_snapshots where council_id = ${councilId} and snapshot_date = ${AS_OF}`.execute(database.db);
    return { demand: r.rows[0]!.demand, version: r.rows[0]!.version };
  }
});
