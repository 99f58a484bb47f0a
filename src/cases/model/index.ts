import { dayFromIso, type CaseInput, type CaseStatus, type EpisodeInput, type FactorKind } from '../../workload/model/index.ts';
import type { EpisodeRow, FactorRow } from '../../kernel/register.ts';

interface ChildLike {
  child_id: string;
  family_id: string | null;
}

/** Register rows → the workload model's case inputs, keyed by child id. */
export function toCaseInputs(children: readonly ChildLike[], episodes: readonly EpisodeRow[], factors: readonly FactorRow[]): Map<string, CaseInput> {
  const cases = new Map<string, CaseInput>();
  for (const c of children) cases.set(c.child_id, { childId: c.child_id, familyId: c.family_id, episodes: [], factors: [] });
  for (const e of episodes) cases.get(e.child_id)?.episodes.push(toEpisodeInput(e));
  for (const f of factors) {
    cases.get(f.child_id)?.factors.push({ factor: f.factor as FactorKind, start: dayFromIso(f.start_date), end: f.end_date ? dayFromIso(f.end_date) : null });
  }
  return cases;
}

export function toEpisodeInput(e: EpisodeRow): EpisodeInput {
  return {
    id: e.episode_id,
    kind: e.kind as CaseStatus,
    start: dayFromIso(e.start_date),
    end: e.end_date ? dayFromIso(e.end_date) : null,
    placementDistanceMiles: e.placement_distance_miles,
    placementLongTerm: e.placement_long_term,
    s47Outcome: (e.s47_outcome as EpisodeInput['s47Outcome']) ?? null,
  };
}
