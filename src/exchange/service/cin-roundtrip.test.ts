// Round trip (issue 8): export a generated council's CIN census, import it into an empty council,
// and what the census carries comes back the same; a second import changes nothing.
import { fc } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCouncilId, openTestDatabase, testBackends } from '../../../test/support/database.ts';
import { generateCouncil } from '../../demo/generate.ts';
import { seedCouncil } from '../../demo/service.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import { confirm } from './index.ts';
import { loadRegisterState } from '../store.ts';
import type { RegisterState } from '../model/sync.ts';
import { exportCin } from './cin.ts';

const AS_OF = '2026-03-31';
const YEAR_START = '2025-04-01';

/**
 * What a CIN census carries for the year, worked out from the register directly: children with
 * a referral, enquiry or plan open in the year, and those episodes with dates after the census
 * date left out. An enquiry's end is carried only as the date of the conference it led to.
 */
function cinFacts(state: RegisterState, censusDate: string) {
  const clip = (d: string | null) => (d === null || d > censusDate ? null : d);
  const episodes = state.episodes
    .filter((e) => ['referral', 's47', 'cin_plan', 'cp_plan'].includes(e.kind) && e.start_date <= censusDate && (e.end_date === null || e.end_date >= YEAR_START))
    .map((e) => {
      if (e.kind !== 's47') return { child: e.child_id, kind: e.kind, start: e.start_date, end: clip(e.end_date), outcome: null };
      const outcome = e.s47_outcome === 'conference' ? (clip(e.end_date) === null ? null : 'conference') : e.s47_outcome;
      return { child: e.child_id, kind: e.kind, start: e.start_date, end: outcome === 'conference' ? clip(e.end_date) : 'not carried', outcome };
    })
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const ids = new Set(episodes.map((e) => e.child));
  const children = state.children.filter((c) => ids.has(c.child_id)).map((c) => ({ id: c.child_id, dob: c.date_of_birth, sex: c.sex })).sort((a, b) => a.id.localeCompare(b.id));
  const disabled = [...new Set(state.factors.filter((f) => f.factor === 'disability' && ids.has(f.child_id) && f.start_date <= censusDate && (f.end_date === null || f.end_date >= YEAR_START)).map((f) => f.child_id))].sort();
  return { children, episodes, disabled };
}

describe.each(testBackends())('CIN census round trip on %s', (kind) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database?.close());

  it('gives back the children and episodes of the year, and a second import changes nothing', async () => {
    await fc.assert(fc.asyncProperty(
      fc.record({ seed: fc.integer({ min: 1, max: 1_000_000 }), staffScale: fc.double({ min: 0.05, max: 0.1, noNaN: true }), caseScale: fc.double({ min: 0.02, max: 0.05, noNaN: true }) }),
      async ({ seed, staffScale, caseScale }) => {
        const from = newCouncilId();
        const to = newCouncilId();
        await seedCouncil(database.db, generateCouncil({ councilId: from, name: 'From', seed, asOf: AS_OF, staffScale, caseScale }));
        const { xml } = await exportCin(database.db, from, AS_OF);
        const files = [{ name: 'cin.xml', bytes: new TextEncoder().encode(xml) }];
        const first = await confirm(database.db, { councilId: to, format: 'cin', files, importedBy: 'test', extractDate: AS_OF });
        expect(first.report.problems.filter((p) => p.severity !== 'warning')).toEqual([]);
        expect(first.status).toBe('imported');

        const a = cinFacts(await loadRegisterState(database.db, from, 'cin'), AS_OF);
        const b = await loadRegisterState(database.db, to, 'cin');
        expect(a.children.length).toBeGreaterThan(0);
        expect(cinFacts(b, AS_OF)).toEqual(a);
        // The census names no worker: nothing is allocated.
        expect(b.allocations).toEqual([]);

        const again = await confirm(database.db, { councilId: to, format: 'cin', files, importedBy: 'test', extractDate: AS_OF });
        expect(again.status).toBe('unchanged');
      },
    ), { numRuns: 3, endOnFailure: true });
  });
});
