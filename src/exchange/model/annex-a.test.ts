import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { EpisodeRow } from '../../kernel/register.ts';
import { ANNEX_A_LISTS } from '../../standards/annex-a/lists.ts';
import { ageOn, annexAList, annexAPeriod, indexAnnexA, type AnnexAState } from './annex-a.ts';

const DATE = '2026-11-23';
const KINDS = ['family_help', 'referral', 's47', 'cin_plan', 'cp_plan', 'looked_after', 'care_leaver', 'court_proceedings'] as const;
// Days either side of the date, the period's first day (184 days before) and a year before weighted in: where the rules' edges are.
const offset = (min: number, max: number) => fc.oneof(fc.integer({ min, max }), fc.constantFrom(-366, -365, -364, -185, -184, -183, -1, 0, 1));
const day = (offset: number) => new Date(Date.UTC(2026, 10, 23) + offset * 86_400_000).toISOString().slice(0, 10);

/** A small register around the reference date: episodes two years either side, some still open. */
const registers = fc.record({
  children: fc.array(fc.record({ dob: fc.option(fc.integer({ min: -8000, max: 200 })), sex: fc.constantFrom('M', 'F', 'U', null) }), { minLength: 1, maxLength: 6 }),
  episodes: fc.array(fc.record({ child: fc.nat(5), kind: fc.constantFrom(...KINDS), start: offset(-700, 60), length: fc.option(fc.oneof(fc.integer({ min: 0, max: 400 }), fc.constantFrom(0, 1, 184, 185))), outcome: fc.constantFrom('conference', 'no_further_action', null) }), { maxLength: 25 }),
  recorded: fc.array(fc.record({ child: fc.nat(5), code: fc.constantFrom('cin_visit', 'cp_visit', 'lac_visit', 'lac_review', 'review_conference', 'pathway_plan_review', 'care_leaver_contact'), on: offset(-400, 30) }), { maxLength: 20 }),
  missing: fc.array(fc.record({ child: fc.nat(5), on: offset(-500, 30) }), { maxLength: 5 }),
}).map(({ children, episodes, recorded, missing }): AnnexAState => {
  const ids = children.map((_, i) => `C${i}`);
  const child = (i: number) => ids[i % ids.length]!;
  return {
    teams: [{ council_id: 'x', team_id: 'T', name: 'Team', service: 's', parent_team_id: null }],
    practitioners: [],
    children: children.map((c, i) => ({ council_id: 'x', child_id: ids[i]!, name: 'n', date_of_birth: c.dob === null ? null : day(c.dob), sex: c.sex, family_id: null, restricted: false })),
    episodes: episodes.map((e, i): EpisodeRow => ({
      council_id: 'x', episode_id: `E${i}`, child_id: child(e.child), kind: e.kind, start_date: day(e.start), end_date: e.length === null ? null : day(e.start + e.length),
      placement_distance_miles: null, placement_long_term: null, s47_outcome: e.kind === 's47' ? e.outcome : null,
    })),
    factors: missing.map((m, i) => ({ council_id: 'x', factor_id: `F${i}`, child_id: child(m.child), factor: 'missing', start_date: day(m.on), end_date: null })),
    allocations: ids.map((id) => ({ council_id: 'x', allocation_id: `A${id}`, child_id: id, practitioner_id: 'P', team_id: 'T', role: 'lead', start_date: day(-800), end_date: null })),
    recorded: recorded.map((r, i) => ({ council_id: 'x', recorded_id: `R${i}`, child_id: child(r.child), activity_code: r.code, occurred_on: day(r.on), practitioner_id: null, hours: null })),
  };
});

const all = (state: AnnexAState) => {
  const ix = indexAnnexA(state, DATE);
  return new Map(ANNEX_A_LISTS.map((l) => [l.number, annexAList(ix, l.number, 'Council')]));
};

describe('Annex A lists from the register', () => {
  test.prop([registers])('every row names only its list’s columns, and carries the child-level columns first', (state) => {
    for (const [n, rows] of all(state)) {
      const headers = new Set(ANNEX_A_LISTS.find((l) => l.number === n)!.columns.map((c) => c.header));
      for (const row of rows) {
        expect(Object.keys(row).filter((k) => !headers.has(k))).toEqual([]);
        expect(typeof row['Child Unique ID']).toBe('string');
      }
    }
  });

  test.prop([registers])('the inspection knows nothing after its date: no date in any list (but a birth) is later', (state) => {
    for (const rows of all(state).values()) {
      for (const row of rows) for (const [k, v] of Object.entries(row)) if (k !== 'Date of Birth' && typeof v === 'string' && /^\d{4}-\d\d-\d\d$/.test(v)) expect(v <= DATE, k).toBe(true);
    }
  });

  test.prop([registers])('referrals and enquiries are those begun in the six months; care leavers those open on the date', (state) => {
    const lists = all(state);
    const { start } = annexAPeriod(DATE);
    const began = (kind: string) => state.episodes.filter((e) => e.kind === kind && e.start_date >= start && e.start_date <= DATE).length;
    expect(lists.get(3)!.length).toBe(began('referral'));
    expect(lists.get(5)!.length).toBe(began('s47'));
    const leavers = state.episodes.filter((e) => e.kind === 'care_leaver' && e.start_date <= DATE && (e.end_date === null || e.end_date > DATE));
    expect(lists.get(9)!.map((r) => r['Child Unique ID']).sort()).toEqual(leavers.map((e) => e.child_id).sort());
  });

  test.prop([registers])('child protection plans open in the period each have one row; periods of care are never more than placements', (state) => {
    const lists = all(state);
    const { start } = annexAPeriod(DATE);
    const touches = (e: EpisodeRow) => e.start_date <= DATE && (e.end_date === null || e.end_date >= start);
    expect(lists.get(7)!.length).toBe(state.episodes.filter((e) => e.kind === 'cp_plan' && touches(e)).length);
    expect(lists.get(8)!.length).toBeLessThanOrEqual(state.episodes.filter((e) => e.kind === 'looked_after' && touches(e)).length);
    for (const row of lists.get(8)!) expect(row['Number of Placements in the Last 12 months']).toBeGreaterThanOrEqual(1);
  });

  test.prop([registers])('the lists the register holds nothing for stay empty', (state) => {
    const lists = all(state);
    for (const n of [1, 10, 11]) expect(lists.get(n)).toEqual([]);
  });

  it('joins placements that run end to end into one period of care, and counts a second period within a year', () => {
    const ep = (id: string, start: string, end: string | null): EpisodeRow => ({ council_id: 'x', episode_id: id, child_id: 'C', kind: 'looked_after', start_date: start, end_date: end, placement_distance_miles: null, placement_long_term: null, s47_outcome: null });
    const state: AnnexAState = {
      teams: [], practitioners: [], factors: [], allocations: [], recorded: [],
      children: [{ council_id: 'x', child_id: 'C', name: 'n', date_of_birth: '2015-01-01', sex: 'F', family_id: null, restricted: false }],
      episodes: [ep('E1', '2026-01-10', '2026-03-01'), ep('E2', '2026-03-01', '2026-04-01'), ep('E3', '2026-08-01', '2026-09-01'), ep('E4', '2026-09-01', null)],
    };
    const rows = annexAList(indexAnnexA(state, DATE), 8, 'Council');
    expect(rows.map((r) => [r['Date Started to be Looked After'], r['Date Ceased to be Looked After'], r['Start Date of Most Recent Placement'], r['Number of Placements in the Last 12 months']]))
      .toEqual([['2026-08-01', null, '2026-09-01', 2]]);
    expect(rows[0]!['Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)']).toBe('a) Yes');
  });
});

describe('age of the child', () => {
  test.prop([fc.date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }), fc.date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })])(
    'is whole years at the date, and -1 before birth', (born, on) => {
      const dob = born.toISOString().slice(0, 10);
      const date = on.toISOString().slice(0, 10);
      const age = ageOn(dob, date)!;
      if (dob > date) return void expect(age).toBe(-1);
      // The birthday of the age reached is on or before the date; the next one is after it.
      const birthday = (years: number) => `${String(Number(dob.slice(0, 4)) + years).padStart(4, '0')}${dob.slice(4)}`;
      expect(birthday(age) <= date).toBe(true);
      expect(birthday(age + 1) > date).toBe(true);
    });
});
