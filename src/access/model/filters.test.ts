import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countVisibleChildren, getChildAccessFacts, insertChildren, listVisibleChildIds, type AllocationRow, type ChildRow } from '../../cases/store.ts';
import { insertAllocations } from '../../allocation/store.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import { insertCouncil, insertPractitioners, insertTeams, listPractitionersInPost, listVisiblePractitionerIds, type PractitionerRow, type TeamRow } from '../../workforce/store.ts';
import { newCouncilId, openTestDatabase, testBackends } from '../../../test/support/database.ts';
import { childListFilter, practitionerListFilter } from './filters.ts';
import { decide, ROLES, type Action, type Actor } from './index.ts';

/**
 * A list filtered in SQL shows exactly what decide() allows when asked record by record. The
 * oracle is the single-record path services use today: getChildAccessFacts for each child, then
 * decide(); listPractitionersInPost, then decide() on practitioner_workload.
 */
const DATE = '2025-03-01';
const ACTIONS: Action[] = ['read', 'write', 'break_glass'];
const KINDS = ['child', 'case_schedule'] as const;

// Ids are plain ('C0', 'P1') so another council's actor names ids that also exist here, and each
// pool holds ids that exist nowhere ('C-x').
const TEAM_IDS = ['T0', 'T1', 'T2'];
const PRACTITIONER_IDS = ['P0', 'P1', 'P2', 'P3', 'P4'];
const CHILD_IDS = ['C0', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6'];

interface Council {
  teams: number;
  practitioners: { team: number; startedOn: string; leftOn: string | null }[];
  children: { restricted: boolean }[];
  allocations: { child: number; practitioner: number; team: number | 'own' | 'elsewhere'; role: 'lead' | 'support'; start: string; end: string | null }[];
}

// Dates around DATE, both edges included: an allocation ending on DATE is closed, one starting on it open.
// Weighted towards open allocations, so most runs have cases that someone reaches.
const startDay = fc.constantFrom('2024-01-01', '2024-01-01', '2025-02-28', DATE, '2025-03-02');
const endDay = fc.constantFrom(null, null, null, '2025-02-28', DATE, '2025-03-02', '2026-01-01');
const laterOrNull = (start: string, end: string | null) => (end !== null && end < start ? null : end);

const councilArb: fc.Arbitrary<Council> = fc.integer({ min: 1, max: TEAM_IDS.length }).chain((teams) =>
  fc.record({
    practitioners: fc.array(fc.record({ team: fc.nat(teams - 1), startedOn: startDay, leftOn: endDay }), { minLength: 1, maxLength: PRACTITIONER_IDS.length }),
    children: fc.array(fc.record({ restricted: fc.boolean() }), { maxLength: CHILD_IDS.length }),
  }).chain(({ practitioners, children }) =>
    fc.record({
      teams: fc.constant(teams),
      practitioners: fc.constant(practitioners.map((p) => ({ ...p, leftOn: laterOrNull(p.startedOn, p.leftOn) }))),
      children: fc.constant(children),
      allocations: children.length === 0 ? fc.constant([]) : fc.array(fc.record({
        child: fc.nat(children.length - 1),
        practitioner: fc.nat(practitioners.length - 1),
        // Usually the holder's own team; sometimes another team, or a team id the register lacks.
        team: fc.oneof({ arbitrary: fc.constant('own' as const), weight: 2 }, { arbitrary: fc.nat(teams - 1), weight: 2 }, { arbitrary: fc.constant('elsewhere' as const), weight: 1 }),
        role: fc.constantFrom('lead' as const, 'lead' as const, 'support' as const),
        start: startDay,
        end: endDay,
      }), { maxLength: 12 }),
    })));

const pick = (ids: readonly string[], extra: string) => fc.subarray([...ids, extra], { maxLength: 3 });
// The council is named when the run writes it (a fresh id each time, shrinking included), so an
// actor carries 'here' or 'elsewhere' until then.
const actorArb: fc.Arbitrary<Actor> = fc.record({
  userId: fc.constant('u'),
  councilId: fc.constantFrom('here', 'here', 'here', 'here', 'elsewhere'),
  name: fc.constant('Someone'),
  roles: fc.subarray([...ROLES], { maxLength: 3 }),
  practitionerId: fc.option(fc.constantFrom(...PRACTITIONER_IDS, 'P-x'), { nil: null }),
  teamIds: pick(TEAM_IDS, 'T-x'),
  grantedChildIds: pick(CHILD_IDS, 'C-x'),
  breakGlassChildIds: pick(CHILD_IDS, 'C-x'),
});

async function writeCouncil(database: DatabaseHandle, councilId: string, council: Council): Promise<void> {
  const teams: TeamRow[] = TEAM_IDS.slice(0, council.teams).map((team_id) => ({ council_id: councilId, team_id, name: team_id, service: 'other', parent_team_id: null }));
  const practitioners: PractitionerRow[] = council.practitioners.map((p, i) => ({
    council_id: councilId, practitioner_id: PRACTITIONER_IDS[i]!, name: `P${i}`, team_id: TEAM_IDS[p.team]!, role: 'social_worker',
    swe_number: null, staff_id: null, qualified_on: null, asye_start: null, agency: false, fte: 1, contracted_weekly_hours: 37,
    working_pattern: 'full_time', started_on: p.startedOn, left_on: p.leftOn,
  }));
  const children: ChildRow[] = council.children.map((c, i) => ({
    council_id: councilId, child_id: CHILD_IDS[i]!, name: `Child ${i}`, date_of_birth: null, sex: null, family_id: null, restricted: c.restricted,
  }));
  const allocations: AllocationRow[] = council.allocations.map((a, i) => ({
    council_id: councilId, allocation_id: `A${i}`, child_id: CHILD_IDS[a.child]!, practitioner_id: PRACTITIONER_IDS[a.practitioner]!,
    team_id: a.team === 'own' ? TEAM_IDS[council.practitioners[a.practitioner]!.team]! : a.team === 'elsewhere' ? 'T-elsewhere' : TEAM_IDS[a.team]!,
    role: a.role, start_date: a.start, end_date: laterOrNull(a.start, a.end),
  }));
  await database.db.transaction().execute(async (trx) => {
    await insertCouncil(trx, { council_id: councilId, name: councilId, la_code: null });
    await insertTeams(trx, teams);
    await insertPractitioners(trx, practitioners);
    await insertChildren(trx, children);
    await insertAllocations(trx, allocations);
  });
}

describe.each(testBackends())('list filters on %s', (kind) => {
  // One database per file; each run and the edge cases below make their own councils.
  let database: DatabaseHandle;
  // An empty council that only exists so "another council" is a real council id.
  const otherCouncilId = newCouncilId();
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await insertCouncil(database.db, { council_id: otherCouncilId, name: 'Elsewhere', la_code: null });
  });
  afterAll(async () => database?.close());

  it('lists, counts and narrows children and practitioners exactly as decide() allows one by one', async () => {
    await fc.assert(fc.asyncProperty(
      councilArb,
      fc.array(actorArb, { minLength: 1, maxLength: 6 }),
      fc.subarray([...CHILD_IDS, 'C-x']),
      fc.constantFrom(...TEAM_IDS, 'T-x'),
      async (council, someone, among, team) => {
        const councilId = newCouncilId();
        // Beside the random actors, each team's manager, a practitioner and business support alone:
        // cases reached only through an allocation's team (not the holder's own) show up every run.
        const aimed = TEAM_IDS.slice(0, council.teams).flatMap((t) => (['team_manager', 'practitioner', 'business_support'] as const).map((role) => ({ ...someone[0]!, councilId: 'here', roles: [role], practitionerId: null, teamIds: [t], grantedChildIds: [], breakGlassChildIds: [] })));
        const actors = [...someone, ...aimed].map((a) => ({ ...a, councilId: a.councilId === 'here' ? councilId : otherCouncilId }));
        await writeCouncil(database, councilId, council);
        const childIds = CHILD_IDS.slice(0, council.children.length);
        const facts = await Promise.all(childIds.map(async (id) => (await getChildAccessFacts(database.db, councilId, id, DATE))!));
        const inPost = await listPractitionersInPost(database.db, councilId, DATE);

        for (const actor of actors) {
          for (const action of ACTIONS) {
            for (const kind of KINDS) {
              const expected = facts.filter((f) => decide(actor, action, { kind, councilId, ...f }).allowed).map((f) => f.childId).sort();
              const filter = childListFilter(actor, action, kind);
              const where = { actor, action, kind, filter };
              expect({ ...where, ids: await listVisibleChildIds(database.db, councilId, DATE, filter) }).toEqual({ ...where, ids: expected });
              expect(await countVisibleChildren(database.db, councilId, DATE, filter)).toBe(expected.length);
              expect(await listVisibleChildIds(database.db, councilId, DATE, filter, among)).toEqual(expected.filter((id) => among.includes(id)));
            }
            const allowed = inPost.filter((p) => decide(actor, action, { kind: 'practitioner_workload', councilId, practitionerId: p.practitioner_id, teamId: p.team_id }).allowed);
            const filter = practitionerListFilter(actor, action);
            const where = { actor, action, filter };
            expect({ ...where, ids: await listVisiblePractitionerIds(database.db, councilId, DATE, filter) }).toEqual({ ...where, ids: allowed.map((p) => p.practitioner_id).sort() });
            expect(await listVisiblePractitionerIds(database.db, councilId, DATE, filter, team)).toEqual(allowed.filter((p) => p.team_id === team).map((p) => p.practitioner_id).sort());
          }
        }
      },
    ), { numRuns: 35 });
  });

  describe('edges', () => {
    const councilId = newCouncilId();
    const actor = (over: Partial<Actor>): Actor => ({
      userId: 'u', councilId, name: 'Someone', roles: [], practitionerId: null, teamIds: [], grantedChildIds: [], breakGlassChildIds: [], ...over,
    });
    const children = (a: Actor, action: Action, k: 'child' | 'case_schedule' = 'child') => listVisibleChildIds(database.db, councilId, DATE, childListFilter(a, action, k));

    beforeAll(async () => {
      // T0 holds C0 (open) and C1 (restricted, open); C2 is restricted and held by T1; C3 has no holder.
      await writeCouncil(database, councilId, {
        teams: 2,
        practitioners: [{ team: 0, startedOn: '2024-01-01', leftOn: null }, { team: 1, startedOn: '2024-01-01', leftOn: null }],
        children: [{ restricted: false }, { restricted: true }, { restricted: true }, { restricted: false }],
        allocations: [
          { child: 0, practitioner: 0, team: 'own', role: 'lead', start: '2024-01-01', end: null },
          { child: 1, practitioner: 0, team: 'own', role: 'lead', start: '2024-01-01', end: null },
          { child: 2, practitioner: 1, team: 'own', role: 'lead', start: '2024-01-01', end: null },
        ],
      });
    });

    it('a grant to a restricted record opens it for reading, not writing, to someone who does not hold it', async () => {
      const outsider = actor({ roles: ['practitioner'], practitionerId: 'P1', teamIds: ['T1'], grantedChildIds: ['C1'] });
      // C1 through the grant; C2 stays hidden although P1 holds it: restricted, and no grant.
      expect(await children(outsider, 'read')).toEqual(['C1']);
      expect(await children(outsider, 'write')).toEqual([]);
      // Without the grant, the team's own restricted case stays hidden too.
      expect(await children(actor({ roles: ['team_manager'], teamIds: ['T1'] }), 'read')).toEqual([]);
      expect(await children(actor({ roles: ['team_manager'], teamIds: ['T0'], grantedChildIds: ['C1'] }), 'write')).toEqual(['C0', 'C1']);
    });

    it('break-glass opens a record for reading only, restricted or not', async () => {
      const emergency = actor({ roles: ['practitioner'], breakGlassChildIds: ['C2', 'C3'] });
      expect(await children(emergency, 'read')).toEqual(['C2', 'C3']);
      expect(await children(emergency, 'write')).toEqual([]);
    });

    it("business support sees their team's schedules but not the records", async () => {
      const support = actor({ roles: ['business_support'], teamIds: ['T0'] });
      expect(await children(support, 'read', 'case_schedule')).toEqual(['C0']);
      expect(await children(support, 'write', 'case_schedule')).toEqual([]);
      expect(await children(support, 'read', 'child')).toEqual([]);
    });

    it("another council's actor sees and counts nothing, whatever ids they hold", async () => {
      const stranger = actor({ councilId: otherCouncilId, roles: [...ROLES], practitionerId: 'P0', teamIds: ['T0', 'T1'], grantedChildIds: ['C1'], breakGlassChildIds: ['C2'] });
      for (const action of ACTIONS) {
        expect(await children(stranger, action)).toEqual([]);
        expect(await countVisibleChildren(database.db, councilId, DATE, childListFilter(stranger, action, 'case_schedule'))).toBe(0);
        expect(await listVisiblePractitionerIds(database.db, councilId, DATE, practitionerListFilter(stranger, action))).toEqual([]);
      }
    });

    it('a service manager reads every unrestricted case and every practitioner, and writes neither', async () => {
      const head = actor({ roles: ['service_manager'] });
      expect(await children(head, 'read')).toEqual(['C0', 'C3']);
      expect(await children(head, 'write')).toEqual([]);
      expect(await listVisiblePractitionerIds(database.db, councilId, DATE, practitionerListFilter(head, 'read'))).toEqual(['P0', 'P1']);
      expect(await listVisiblePractitionerIds(database.db, councilId, DATE, practitionerListFilter(head, 'write'))).toEqual([]);
    });
  });
});
