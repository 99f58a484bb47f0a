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
