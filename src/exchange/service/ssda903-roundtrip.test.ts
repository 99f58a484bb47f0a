// SSDA903 round trip (issue 8, item 4): export a generated council's 903 tables, import them into
// an empty council, and the looked-after facts come back; imported back into the council they
// came from, they change nothing.
import { fc } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCouncilId, openTestDatabase, testBackends } from '../../../test/support/database.ts';
import { generateCouncil } from '../../demo/generate.ts';
import { seedCouncil } from '../../demo/service.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import { confirm } from './index.ts';
import { listFlags, loadRegisterState } from '../store.ts';
import type { RegisterState } from '../model/sync.ts';
import { export903 } from './ssda903.ts';
import './ssda903.ts';

const AS_OF = '2026-03-31';

/** What the 903 carries about looked-after children, without register ids. */
function facts(state: RegisterState) {
  // A placement that ends the day it starts is left out of the 903 (DECOM is unique per child).
  const care = state.episodes.filter((e) => e.kind === 'looked_after' && e.end_date !== e.start_date);
  const inCare = new Set(care.map((e) => e.child_id));
  const born = new Set(state.children.filter((c) => c.date_of_birth !== null).map((c) => c.child_id));
  const lac = (id: string) => inCare.has(id) && born.has(id);
  const sorted = (xs: string[]) => [...new Set(xs)].sort();
  // Proceedings show in the 903 only while the child is looked after: compare the days both cover.
  const courtDays = state.episodes.filter((e) => e.kind === 'court_proceedings' && lac(e.child_id)).flatMap((c) =>
    care.filter((e) => e.child_id === c.child_id).map((e) => {
      const start = c.start_date > e.start_date ? c.start_date : e.start_date;
      const ends = [c.end_date, e.end_date].filter((d): d is string => d !== null).sort();
      const end = ends[0] ?? null;
      return end !== null && end <= start ? '' : `${c.child_id} ${start} ${end}`;
    })).filter(Boolean);
  return {
    children: sorted(state.children.filter((c) => lac(c.child_id)).map((c) => `${c.child_id} ${c.date_of_birth} ${c.sex}`)),
    care: sorted(care.filter((e) => lac(e.child_id)).map((e) => `${e.child_id} ${e.start_date} ${e.end_date} ${e.placement_distance_miles === null ? null : Number(e.placement_distance_miles)} ${e.placement_long_term}`)),
    court: sorted(courtDays),
    missing: sorted(state.factors.filter((f) => f.factor === 'missing' && lac(f.child_id)).map((f) => `${f.child_id} ${f.start_date} ${f.end_date}`)),
    reviews: sorted(state.recorded.filter((r) => r.activity_code === 'lac_review' && lac(r.child_id)).map((r) => `${r.child_id} ${r.occurred_on}`)),
  };
}

describe.each(testBackends())('SSDA903 round trip on %s', (kind) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database?.close());

  it('gives back the looked-after facts in an empty council, and changes nothing in the council it came from', async () => {
    await fc.assert(fc.asyncProperty(
      fc.record({ seed: fc.integer({ min: 1, max: 1_000_000 }), staffScale: fc.double({ min: 0.06, max: 0.12, noNaN: true }), caseScale: fc.double({ min: 0.03, max: 0.06, noNaN: true }) }),
      async ({ seed, staffScale, caseScale }) => {
        const from = newCouncilId();
        const to = newCouncilId();
        await seedCouncil(database.db, generateCouncil({ councilId: from, name: 'From', seed, asOf: AS_OF, staffScale, caseScale }));
        const { files } = await export903(database.db, from, { withDistance: true });
        const first = await confirm(database.db, { councilId: to, format: '903', files, importedBy: 'test', extractDate: AS_OF });
        expect(first.report.problems.filter((p) => p.severity === 'error')).toEqual([]);
        expect(first.status).toBe('imported');
        const a = await loadRegisterState(database.db, from, '903');
        const b = await loadRegisterState(database.db, to, '903');
        expect(facts(b)).toEqual(facts(a));
        expect(facts(b).care.length).toBeGreaterThan(0);
        // An empty council has no workers yet: social worker episodes wait for the SSD or workforce census.
        expect(b.allocations).toEqual([]);
        expect(b.recorded.every((r) => r.practitioner_id === null)).toBe(true);

        const back = await confirm(database.db, { councilId: from, format: '903', files, importedBy: 'test', extractDate: AS_OF });
        expect(back.report.problems.filter((p) => p.severity === 'error')).toEqual([]);
        for (const [table, c] of Object.entries(back.report.counts)) expect([table, c.added + c.changed + c.closed]).toEqual([table, 0]);
        expect(back.status).toBe('unchanged');
      },
    ), { numRuns: 2, endOnFailure: true });
  });

  it('flags a content-rule failure on the record, rejects clashing rows (keeping what they held), and stops on a file-level error without writing', async () => {
    const council = newCouncilId();
    const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });
    const header = file('children.csv', 'CHILD,SEX,DOB,ETHNIC,UPN\nC1,1,01/01/2015,WBRI,A1\n');
    const episodes = file('eps.csv', 'CHILD,DECOM,RNE,LS,CIN,PLACE,DEC,REC\nC1,01/01/2025,S,C1,N1,U4,01/03/2025,X1\nC1,01/03/2025,L,C2,N1,U4,,\n');
    const ok = await confirm(database.db, { councilId: council, format: '903', files: [header, episodes], importedBy: 'test', extractDate: AS_OF });
    expect(ok.status).toBe('imported');
    const state = await loadRegisterState(database.db, council, '903');
    expect(state.episodes.map((e) => [e.kind, e.start_date, e.end_date, e.placement_long_term]).sort()).toEqual([
      ['court_proceedings', '2025-01-01', '2025-03-01', null], ['looked_after', '2025-01-01', null, true],
    ]);
    expect(state.children[0]).toMatchObject({ child_id: 'C1', sex: 'M', name: 'Child C1' });
    expect((await listFlags(database.db, council)).map((f) => [f.entity, f.record_id, f.rule_code])).toEqual([['children', 'C1', '101']]);

    // Two episodes for one child and start with different values: neither is guessed between,
    // both are reported, and the episodes they may describe stay open.
    const clash = file('eps.csv', 'CHILD,DECOM,RNE,LS,CIN,PLACE,DEC,REC\nC1,01/01/2025,S,C1,N1,U4,01/03/2025,X1\nC1,01/01/2025,P,C2,N1,U6,,\n');
    const rejected = await confirm(database.db, { councilId: council, format: '903', files: [header, clash], importedBy: 'test', extractDate: AS_OF });
    expect(rejected.status).toBe('unchanged');
    expect(rejected.report.problems.filter((p) => p.severity === 'rejected').map((p) => [p.file, p.line, p.key])).toEqual([['eps.csv', 2, 'CHILD C1, DECOM 2025-01-01'], ['eps.csv', 3, 'CHILD C1, DECOM 2025-01-01']]);
    expect(rejected.report.totals).toEqual({ read: 3, imported: 1, rejected: 2, flagged: 1 });
    expect(await loadRegisterState(database.db, council, '903')).toEqual(state);

    const broken = file('eps.csv', 'CHILD,DECOM,RNE,LS,CIN,PLACE,DEC,REC,COLOUR\nC1,01/01/2025,S,C1,N1,U4,01/03/2025,X1,red\n');
    const stopped = await confirm(database.db, { councilId: council, format: '903', files: [header, broken], importedBy: 'test', extractDate: AS_OF });
    expect(stopped.status).toBe('stopped');
    expect(stopped.report.totals).toMatchObject({ imported: 0 });
    expect(await loadRegisterState(database.db, council, '903')).toEqual(state);
  });
});
