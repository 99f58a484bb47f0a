import { describe, expect, it } from 'vitest';
import { emptySnapshot } from './snapshot.ts';
import { planSync, type RegisterState } from './sync.ts';

const child = (id: string) => ({ council_id: 'C', child_id: id, name: `Child ${id}`, date_of_birth: '2015-01-01', sex: 'F', family_id: null, restricted: false });
const state = (sourced: RegisterState['sourced']): RegisterState => ({
  teams: [], practitioners: [], absences: [], posts: [], children: [child('1'), child('2')], episodes: [], factors: [], allocations: [], recorded: [], sourced,
});

describe('planSync provenance', () => {
  it('records only the rows the source’s record does not already hold with the same key', () => {
    const incoming = emptySnapshot();
    incoming.children = ['1', '2', '3'].map((id) => ({ ...child(id), unknown: [] }));
    const first = planSync(incoming, state({}), '2026-03-31');
    expect(first.sourced.map((s) => s.registerId)).toEqual(['1', '2', '3']);
    const again = planSync(incoming, state({ children: new Map([['1', '1'], ['2', 'old-key']]) }), '2026-03-31');
    expect(again.sourced).toEqual([{ entity: 'children', registerId: '2', externalId: '2' }, { entity: 'children', registerId: '3', externalId: '3' }]);
    expect(again.counts.children).toMatchObject({ added: 1, unchanged: 2 });
  });
});

describe('planSync matching rows the register holds under other ids', () => {
  const episode = (id: string, start: string) => ({ council_id: 'C', episode_id: id, child_id: '1', kind: 'cp_plan', start_date: start, end_date: null, placement_distance_miles: null, placement_long_term: null, s47_outcome: null });
  const visit = (id: string, practitioner: string | null) => ({ council_id: 'C', recorded_id: id, child_id: '1', activity_code: 'cp_visit', occurred_on: '2026-01-05', practitioner_id: practitioner, hours: null });

  it('matches episodes by child, kind and start date, and visits by child, activity and day, keeping the worker credited', () => {
    const held = { ...state({}), episodes: [episode('E1', '2025-06-01')], recorded: [visit('R1', 'P1')] };
    const incoming = emptySnapshot();
    incoming.closes = ['episodes'];
    incoming.episodes = [episode('CPP-E1', '2025-06-01'), episode('CPP-9', '2025-09-01')];
    incoming.recorded = [visit('CPPV-R1', 'P2')];
    incoming.flags = [{ entity: 'episodes', recordId: 'CPP-E1', code: null, field: null, message: 'flagged' }];
    const plan = planSync(incoming, held, '2026-03-31');
    expect(plan.counts.episodes).toMatchObject({ added: 1, changed: 0, unchanged: 1, closed: 0 });
    expect(plan.inserts.episodes.map((e) => e.episode_id)).toEqual(['CPP-9']);
    expect(plan.counts.recorded).toMatchObject({ added: 0, changed: 0, unchanged: 1 });
    expect(plan.flags[0]!.recordId).toBe('E1');
    // The SSD now vouches for E1 under its own key, so a later extract that drops it closes it.
    expect(plan.sourced).toContainEqual({ entity: 'episodes', registerId: 'E1', externalId: 'CPP-E1' });

    // A later extract with the start date corrected still finds E1 through that key.
    const later = emptySnapshot();
    later.episodes = [episode('CPP-E1', '2025-06-02')];
    const next = planSync(later, { ...held, sourced: { episodes: new Map([['E1', 'CPP-E1']]) } }, '2026-03-31');
    expect(next.updates.episodes).toEqual([expect.objectContaining({ episode_id: 'E1', start_date: '2025-06-02' })]);
    expect(next.counts.episodes.added).toBe(0);
  });

  it('matches each held row once: a second visit on the same day is new', () => {
    const held = { ...state({}), recorded: [visit('R1', 'P1')] };
    const incoming = emptySnapshot();
    incoming.recorded = [visit('CPPV-A', null), visit('CPPV-B', null)];
    const plan = planSync(incoming, held, '2026-03-31');
    expect(plan.counts.recorded).toMatchObject({ added: 1, unchanged: 1 });
  });
});
