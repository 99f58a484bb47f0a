import { describe, expect, it } from 'vitest';
import { adoptHeld, NATURAL_KEY } from './adopt.ts';

describe('adopting held rows', () => {
  it('matches two held placements that start the same day to the incoming rows they agree with', () => {
    const held = [
      { episode_id: 'E1', child_id: 'C', kind: 'looked_after', start_date: '2026-03-30', end_date: '2026-03-30', placement_distance_miles: 6.3 },
      { episode_id: 'E2', child_id: 'C', kind: 'looked_after', start_date: '2026-03-30', end_date: null, placement_distance_miles: 15.9 },
    ];
    const incoming = [{ episode_id: 'LA-C-2026-03-30', child_id: 'C', kind: 'looked_after', start_date: '2026-03-30', end_date: null, placement_distance_miles: 15.9 }];
    const { rows } = adoptHeld(incoming, held, 'episode_id', NATURAL_KEY.episodes!, undefined);
    expect(rows[0]!.episode_id).toBe('E2');
  });
});
