// The plain SQL demand (demand-sql.ts) against the model (computeWorkloads): two independent
// implementations of one formula, compared per practitioner on PGlite and, when DATABASE_URL
// is set, on PostgreSQL. Any drift in either one fails here.
import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCouncilId, openTestDatabase, testBackends } from './support/database.ts';
import { generateCouncil, type CouncilData } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { practitionerDemandsSql } from '../bench/demand-sql.ts';
import {
  ACTIVITY_CATEGORIES, addMonths, CASE_STATUSES, dayFromIso, DEFAULT_CONFIG, isoFromDay, parseWorkloadConfig,
  type Activity, type Interval, type WorkloadConfig,
} from '../src/workload/model/index.ts';
import { computeWorkloads, loadModelContext } from '../src/workload/service/index.ts';
import { insertConfigVersion } from '../src/workload/store.ts';

const AS_OF = '2026-11-23';
const TOLERANCE = 0.01; // hours

/** Compares SQL with the model for every practitioner in post; returns the model's council total. */
async function expectSqlMatchesModel(database: DatabaseHandle, councilId: string, date: string): Promise<number> {
  const model = await computeWorkloads(database.db, councilId, date);
  const ctx = await loadModelContext(database.db, councilId);
  const rows = await practitionerDemandsSql(database.db, councilId, date, ctx);
  expect(rows.map((r) => r.practitionerId)).toEqual(model.results.map((r) => r.practitioner.practitioner_id).sort());
  const bySql = new Map(rows.map((r) => [r.practitionerId, r]));
  let total = 0;
  for (const { practitioner, workload } of model.results) {
    const fromSql = bySql.get(practitioner.practitioner_id)!;
    const where = `${practitioner.practitioner_id} on ${date}`;
    expect(fromSql.cases, `${where}: cases`).toBe(workload.caseCount);
    for (const k of ['low', 'central', 'high'] as const) {
      expect(Math.abs(fromSql.demand[k] - workload.demand.total[k]), `${where}: ${k} ${fromSql.demand[k]} vs ${workload.demand.total[k]}`).toBeLessThanOrEqual(TOLERANCE);
    }
    total += workload.demand.total.central;
  }
  return total;
}

const shift = (iso: string, days: number) => isoFromDay(dayFromIso(iso) + days);

describe.each(testBackends())('plain SQL demand on %s', (kind) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database?.close());

  it('matches the model per practitioner for a generated council, on and around its date', async () => {
    const councilId = newCouncilId();
    await seedCouncil(database.db, generateCouncil({ councilId, name: 'SQL check', seed: 7, asOf: AS_OF, staffScale: 0.3, caseScale: 0.4, recordHistory: false }));
    for (const date of [AS_OF, shift(AS_OF, -120), shift(AS_OF, 40)]) {
      // Not a vacuous match: the council holds hundreds of hours of work.
      expect(await expectSqlMatchesModel(database, councilId, date)).toBeGreaterThan(500);
    }
  });

  it('matches the model on edge cases the generator never makes', async () => {
    const councilId = newCouncilId();
    const data = generateCouncil({ councilId, name: 'Edges', seed: 3, asOf: AS_OF, staffScale: 0.1, caseScale: 0.05, recordHistory: false });
    addEdgeCases(data, AS_OF);
    await seedCouncil(database.db, data);
    for (const date of [AS_OF, shift(AS_OF, -1), shift(AS_OF, 1), shift(AS_OF, 30)]) await expectSqlMatchesModel(database, councilId, date);
  });

  it('stays the same formula when the configuration changes', async () => {
    const councilId = newCouncilId();
    const data = generateCouncil({ councilId, name: 'Config', seed: 9, asOf: AS_OF, staffScale: 0.15, caseScale: 0.2, recordHistory: false });
    addEdgeCases(data, AS_OF);
    await seedCouncil(database.db, data);
    // No config can be written out of step: each property run below adds the next version.
    await fc.assert(fc.asyncProperty(configArb, fc.integer({ min: -200, max: 200 }), async (config, offset) => {
      await insertConfigVersion(database.db, councilId, config, 'property test', 'test');
      await expectSqlMatchesModel(database, councilId, shift(AS_OF, offset));
    }), { numRuns: 8 });
  });

  test.prop([fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: -400, max: 120 })], { numRuns: 3 })(
    'matches the model for any generated council and date',
    async (seed, offset) => {
      const councilId = newCouncilId();
      await seedCouncil(database.db, generateCouncil({ councilId, name: 'Any', seed, asOf: AS_OF, staffScale: 0.15, caseScale: 0.2, recordHistory: false }));
      await expectSqlMatchesModel(database, councilId, shift(AS_OF, offset));
    },
  );
});

const intervalArb: fc.Arbitrary<Interval> = fc.record({
  n: fc.integer({ min: 1, max: 40 }),
  unit: fc.constantFrom('working_days', 'days', 'weeks', 'months'),
});
const hundredths = (min: number, max: number) => fc.integer({ min: min * 100, max: max * 100 }).map((n) => n / 100);
const categoriesArb = fc.subarray([...ACTIVITY_CATEGORIES], { minLength: 1 });

/** An activity with its figures and, unlike the defaults, any rule intervals, anchors and units. */
function activityArb(a: Activity): fc.Arbitrary<Activity> {
  return fc.record({
    scale: hundredths(0, 3), spread: hundredths(1, 2),
    anchor: fc.constantFrom('period_start' as const, 'episode_start' as const),
    within: intervalArb, first: intervalArb, second: fc.option(intervalArb, { nil: undefined }), every: intervalArb,
    later: fc.option(fc.record({ after: intervalArb, every: intervalArb, onlyIfLongTermPlacement: fc.boolean() }), { nil: undefined }),
    pending: hundredths(0, 1), beyondMiles: fc.integer({ min: 0, max: 60 }),
  }).map((g) => {
    const c = Math.round(a.hours.central * g.scale * 100) / 100;
    const hours = { low: c / g.spread, central: c, high: c * g.spread };
    const r = a.rule;
    const rule: Activity['rule'] = r.kind === 'monthly' ? r
      : r.kind === 'once' ? { ...r, anchor: g.anchor, within: g.within, ...(r.onlyIf ? { onlyIf: { ...r.onlyIf, probabilityWhilePending: g.pending } } : {}) }
      : { kind: 'recurring', anchor: g.anchor, first: g.first, every: g.every, ...(g.second ? { second: g.second } : {}), ...(g.later ? { later: g.later } : {}) };
    return { ...a, rule, hours, ...(a.travel ? { travel: { beyondMiles: g.beyondMiles, extraHours: hours } } : {}) };
  });
}

const configArb: fc.Arbitrary<WorkloadConfig> = fc.record({
  activities: fc.tuple(...DEFAULT_CONFIG.activities.map(activityArb)),
  horizonDays: fc.constantFrom(DEFAULT_CONFIG.horizonDays, 7, 14, 45.5),
  share: hundredths(0, 1), siblingCategories: fc.subarray([...ACTIVITY_CATEGORIES]),
  multipliers: fc.tuple(hundredths(1, 2), hundredths(1, 2), hundredths(1, 2)),
  categories: fc.tuple(categoriesArb, categoriesArb, categoriesArb),
  lookbackMonths: fc.integer({ min: 0, max: 12 }),
  supersedes: fc.constantFrom(DEFAULT_CONFIG.supersedes, {}, { s47: ['referral'], court_proceedings: ['cp_plan', 'looked_after'] }),
  // A monthly rule on a status, which the defaults only use for court work and family help.
  monthlyStatus: fc.constantFrom(...CASE_STATUSES),
}).map((g) => {
  const d = DEFAULT_CONFIG;
  const [mi, md, me] = g.multipliers;
  const [ci, cd, ce] = g.categories;
  const extra: Activity = { ...d.activities[0]!, code: 'extra_monthly', status: g.monthlyStatus, category: 'direct', rule: { kind: 'monthly', perMonth: 2 } };
  const parsed = parseWorkloadConfig({
    ...d,
    name: 'generated',
    horizonDays: g.horizonDays,
    activities: [...g.activities, extra],
    supersedes: g.supersedes,
    siblings: { ...d.siblings, share: g.share, categories: g.siblingCategories },
    factors: {
      interpreter: { ...d.factors.interpreter, multiplier: mi, categories: ci },
      disability: { ...d.factors.disability, multiplier: md, categories: cd },
      exploitationOrMissing: { ...d.factors.exploitationOrMissing, multiplier: me, categories: ce, lookbackMonths: g.lookbackMonths },
    },
  });
  if (!parsed.ok) throw new Error(`The test made an invalid configuration: ${JSON.stringify(parsed.problems)}`);
  return parsed.config;
});

/**
 * Adds children the generator never makes, held by the council's first two case holders:
 * chained and overlapping placements (the period-start walk), pending and decided section 47
 * enquiries, factors ending around the lookback, placements at exactly the travel threshold,
 * siblings with identical demand, allocations and episodes starting or ending on the date, a
 * support allocation, a case with nothing open, and a leaver still named on a case.
 */
function addEdgeCases(data: CouncilData, asOf: string): void {
  const c = data.council.council_id;
  const d = dayFromIso(asOf);
  const iso = (day: number | null) => (day === null ? null : isoFromDay(day));
  const holders = data.practitioners.filter((p) => p.left_on === null && p.role === 'social_worker');
  const [p, q] = [holders[0]!, holders[1] ?? holders[0]!];
  const leaver = data.practitioners.find((x) => x.left_on !== null && x.left_on < asOf);
  let n = 0;
  const child = (family: string | null, episodes: [string, number, number | null, Partial<CouncilData['episodes'][number]>?][], holder = p, factors: [string, number, number | null][] = []) => {
    const childId = `EDGE${++n}`;
    data.children.push({ council_id: c, child_id: childId, name: `Edge ${n}`, date_of_birth: iso(d - 3000), sex: 'F', family_id: family, restricted: false });
    episodes.forEach(([kind, start, end, extra], i) => data.episodes.push({
      council_id: c, episode_id: `${childId}-E${i}`, child_id: childId, kind, start_date: iso(start)!, end_date: iso(end),
      placement_distance_miles: null, placement_long_term: null, s47_outcome: null, ...extra,
    }));
    factors.forEach(([factor, start, end], i) => data.factors.push({ council_id: c, factor_id: `${childId}-X${i}`, child_id: childId, factor, start_date: iso(start)!, end_date: iso(end) }));
    data.allocations.push({ council_id: c, allocation_id: `${childId}-A`, child_id: childId, practitioner_id: holder.practitioner_id, team_id: holder.team_id, role: 'lead', start_date: iso(d - 60)!, end_date: null });
    return childId;
  };
  // Placements chained with a day's gap, and two that both end where the current one starts:
  // the walk steps to the earlier start, so a placement chained only to the later one is not
  // reached. Recent enough that the period start moves the reviews due in the horizon.
  child(null, [['looked_after', d - 150, d - 60], ['looked_after', d - 59, d - 10], ['looked_after', d - 10, null, { placement_distance_miles: 20.1, placement_long_term: true }]]);
  child(null, [['looked_after', d - 400, d - 40], ['looked_after', d - 70, d - 20], ['looked_after', d - 40, d - 20], ['looked_after', d - 20, null, { placement_long_term: true, placement_distance_miles: 80 }]]);
  // Two open episodes of one kind: the later start is the current one.
  child(null, [['cin_plan', d - 300, null], ['cin_plan', d - 20, null]]);
  // A placement exactly at the travel threshold (not beyond it).
  child(null, [['looked_after', d - 30, null, { placement_distance_miles: 20 }]]);
  // Section 47: pending, no further action, conference; with a superseded family help episode.
  for (const outcome of [null, 'no_further_action', 'conference']) {
    child(null, [['referral', d - 12, null], ['s47', d - 10, null, { s47_outcome: outcome }], ['family_help', d - 100, null]]);
  }
  // Exploitation that ended inside and outside the lookback; interpreter starting on the date; disability ending on it.
  child(null, [['cp_plan', d - 80, null]], p, [['exploitation', d - 200, addMonths(d, -2)], ['interpreter', d, null], ['disability', d - 100, d]]);
  child(null, [['cp_plan', d - 80, null]], p, [['missing', d - 200, addMonths(d, -4)]]);
  // Identical siblings (a tie on shared hours), one sibling held by someone else, and one with nothing open.
  for (let i = 0; i < 3; i++) child('EDGEFAM', [['cp_plan', d - 45, null], ['court_proceedings', d - 30, null]]);
  child('EDGEFAM', [['cp_plan', d - 45, null]], q);
  child('EDGEFAM', [['cp_plan', d - 400, d - 10]]);
  // Episodes starting and ending on the date.
  child(null, [['referral', d - 40, d], ['cin_plan', d, null]]);
  // An allocation ending on the date, one starting on it, a support allocation and a leaver's.
  const moved = child(null, [['care_leaver', d - 500, null]]);
  data.allocations.find((a) => a.allocation_id === `${moved}-A`)!.end_date = iso(d);
  data.allocations.push({ council_id: c, allocation_id: `${moved}-B`, child_id: moved, practitioner_id: q.practitioner_id, team_id: q.team_id, role: 'lead', start_date: iso(d)!, end_date: null });
  data.allocations.push({ council_id: c, allocation_id: `${moved}-S`, child_id: moved, practitioner_id: p.practitioner_id, team_id: p.team_id, role: 'support', start_date: iso(d - 10)!, end_date: null });
  if (leaver) child(null, [['family_help', d - 30, null]], leaver);
}
