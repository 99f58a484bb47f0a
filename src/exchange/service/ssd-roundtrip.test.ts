// Round trip (issue 8, item 4): export a generated council as an SSD CSV set, import it into an
// empty council, and the register and every workload figure come back the same.
import { fc } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCouncilId, openTestDatabase, testBackends } from '../../../test/support/database.ts';
import { generateCouncil } from '../../demo/generate.ts';
import { seedCouncil } from '../../demo/service.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import { computeWorkloads } from '../../workload/service/index.ts';
import { exportSsd } from './exports.ts';
import { confirm, listImportHistory } from './index.ts';
import { loadRegisterState } from '../store.ts';
import type { RegisterState } from '../model/sync.ts';
import { ReportBuilder } from '../../standards/report.ts';
import { readSsdFiles } from '../../standards/ssd/read.ts';

const AS_OF = '2026-03-31';

/** The register with import-made ids set aside where the SSD keys rows by table (episodes, factors, recorded work). */
function canonical(state: RegisterState) {
  const sortBy = <T>(rows: T[], key: (r: T) => string) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
  const strip = <T extends Record<string, unknown>>(rows: T[], drop: string[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !drop.includes(k) && k !== 'council_id')));
  return {
    teams: sortBy(strip(state.teams as never, []), (r) => String(r.team_id)),
    practitioners: sortBy(strip(state.practitioners as never, []), (r) => String(r.practitioner_id)),
    absences: sortBy(strip(state.absences as never, []), (r) => String(r.absence_id)),
    posts: sortBy(strip(state.posts as never, []), (r) => String(r.post_id)),
    children: sortBy(strip(state.children as never, []), (r) => String(r.child_id)),
    allocations: sortBy(strip(state.allocations as never, []), (r) => String(r.allocation_id)),
    episodes: sortBy(strip(state.episodes as never, ['episode_id']), (r) => JSON.stringify(r)),
    factors: sortBy(strip(state.factors as never, ['factor_id']), (r) => JSON.stringify(r)),
    // The generator credits all past work to today's holder; the SSD has no worker on a visit,
    // so the import credits whoever held the child that day (checked separately below).
    recorded: sortBy(strip(state.recorded as never, ['recorded_id', 'practitioner_id']), (r) => JSON.stringify(r)),
  };
}

describe.each(testBackends())('SSD round trip on %s', (kind) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database?.close());

  it('gives back the same register and the same workload figures, and a second import changes nothing', async () => {
    await fc.assert(fc.asyncProperty(
      fc.record({ seed: fc.integer({ min: 1, max: 1_000_000 }), staffScale: fc.double({ min: 0.06, max: 0.15, noNaN: true }), caseScale: fc.double({ min: 0.03, max: 0.08, noNaN: true }) }),
      async ({ seed, staffScale, caseScale }) => {
        const from = newCouncilId();
        const to = newCouncilId();
        // No supervision history: Caseweight's own record, which no SSD extract carries, would make the twins' capacity differ.
        await seedCouncil(database.db, generateCouncil({ councilId: from, name: 'From', seed, asOf: AS_OF, staffScale, caseScale }), { supervision: false });
        const files = await exportSsd(database.db, from);
        const first = await confirm(database.db, { councilId: to, format: 'ssd', files, importedBy: 'test', extractDate: AS_OF });
        expect(first.report.problems.filter((p) => p.severity !== 'warning')).toEqual([]);
        expect(first.status).toBe('imported');

        const a = await loadRegisterState(database.db, from, 'ssd');
        const b = await loadRegisterState(database.db, to, 'ssd');
        const ca = canonical(a);
        const cb = canonical(b);
        for (const table of Object.keys(ca) as (keyof typeof ca)[]) expect(cb[table], table).toEqual(ca[table]);

        // Every recorded visit is credited to the lead who held the child that day, or no one.
        for (const r of b.recorded) {
          const holders = b.allocations.filter((x) => x.child_id === r.child_id && x.role === 'lead' && x.start_date <= r.occurred_on && (x.end_date === null || x.end_date > r.occurred_on));
          if (holders.length === 0) expect(r.practitioner_id).toBeNull();
          else expect(holders.map((h) => h.practitioner_id)).toContain(r.practitioner_id);
        }

        const wa = await computeWorkloads(database.db, from, AS_OF);
        const wb = await computeWorkloads(database.db, to, AS_OF);
        // A case's statuses are a set: episodes starting the same day may load in either order.
        const figures = (w: typeof wa) => JSON.parse(JSON.stringify(w.results.map((r) => ({ id: r.practitioner.practitioner_id, workload: r.workload })),
          (k, v) => (k === 'statuses' && Array.isArray(v) ? [...v].sort() : v)));
        expect(figures(wb)).toEqual(figures(wa));

        const again = await confirm(database.db, { councilId: to, format: 'ssd', files, importedBy: 'test', extractDate: AS_OF });
        expect(again.status).toBe('unchanged');
        for (const c of Object.values(again.report.counts)) expect(c.added + c.changed + c.closed).toBe(0);
        const history = await listImportHistory(database.db, to);
        expect(history.map((h) => h.status)).toEqual(['unchanged', 'imported']);
        expect(history[0]!.files.map((f) => f.sha256)).toEqual(history[1]!.files.map((f) => f.sha256));
      },
    ), { numRuns: 3, endOnFailure: true });
  });

  it('writes each care leaver\'s latest pathway plan review and contact into ssd_care_leavers, which an extract without Caseweight\'s own tables brings back', async () => {
    const from = newCouncilId();
    await seedCouncil(database.db, generateCouncil({ councilId: from, name: 'From', seed: 11, asOf: AS_OF, staffScale: 0.1, caseScale: 0.08 }));
    const state = await loadRegisterState(database.db, from, 'ssd');
    const latest = (s: RegisterState, code: string) => {
      const leavers = new Set(s.episodes.filter((e) => e.kind === 'care_leaver' && e.end_date === null).map((e) => e.child_id));
      const out = new Map<string, string>();
      for (const r of s.recorded) if (r.activity_code === code && leavers.has(r.child_id) && r.occurred_on > (out.get(r.child_id) ?? '')) out.set(r.child_id, r.occurred_on);
      return [...out].sort();
    };
    expect(latest(state, 'pathway_plan_review').length).toBeGreaterThan(0);
    expect(latest(state, 'care_leaver_contact').length).toBeGreaterThan(0);

    const files = await exportSsd(database.db, from);
    const { tables } = readSsdFiles(files.filter((f) => f.name === 'ssd_care_leavers.csv'), new ReportBuilder());
    const column = (col: string) => tables.get('ssd_care_leavers')!.filter((r) => r.values[col] !== null).map((r) => [r.values.clea_person_id!, r.values[col]!]).sort();
    expect(column('clea_pathway_plan_review_date')).toEqual(latest(state, 'pathway_plan_review'));
    expect(column('clea_care_leaver_latest_contact')).toEqual(latest(state, 'care_leaver_contact'));

    // A council's own extract has no caseweight_recorded_activities: the SSD's own columns carry the latest of each.
    const to = newCouncilId();
    const result = await confirm(database.db, { councilId: to, format: 'ssd', files: files.filter((f) => f.name !== 'caseweight_recorded_activities.csv'), importedBy: 'test', extractDate: AS_OF });
    expect(result.report.problems.filter((p) => p.severity === 'error' || p.severity === 'rejected')).toEqual([]);
    const back = await loadRegisterState(database.db, to, 'ssd');
    expect(latest(back, 'pathway_plan_review')).toEqual(latest(state, 'pathway_plan_review'));
    expect(latest(back, 'care_leaver_contact')).toEqual(latest(state, 'care_leaver_contact'));
  });
});
