import type { CaseStatus } from './catalogue.ts';
import type { Day } from '../../kernel/calendar.ts';

/** One stretch of a child's status, as the register holds it. `end` is the day it ended (exclusive). */
export interface EpisodeInput {
  id: string;
  kind: CaseStatus;
  start: Day;
  end: Day | null;
  placementDistanceMiles?: number | null;
  placementLongTerm?: boolean | null;
  s47Outcome?: 'conference' | 'no_further_action' | null;
}

export type FactorKind = 'interpreter' | 'disability' | 'exploitation' | 'missing';

export interface FactorInput {
  factor: FactorKind;
  start: Day;
  end: Day | null;
}

/** What the model needs to know about one child's case. */
export interface CaseInput {
  childId: string;
  familyId: string | null;
  episodes: EpisodeInput[];
  factors: FactorInput[];
}

export const isActiveOn = (e: { start: Day; end: Day | null }, day: Day): boolean => e.start <= day && (e.end === null || e.end > day);

/** An episode open on the day, with the start of its unbroken period of the same kind. */
export interface ActiveEpisode {
  episode: EpisodeInput;
  periodStart: Day;
}

/**
 * The episodes open on `day`, one per kind, each with the start of its period: contiguous
 * episodes of one kind (a looked-after child's successive placements) form one period, which
 * is what reviews run from; visits run from the placement (episode) itself.
 */
export function activeEpisodes(episodes: readonly EpisodeInput[], day: Day): Map<CaseStatus, ActiveEpisode> {
  const active = new Map<CaseStatus, ActiveEpisode>();
  for (const e of episodes) {
    if (!isActiveOn(e, day)) continue;
    const current = active.get(e.kind);
    // Two open episodes of one kind: the later start is the current one.
    if (current && current.episode.start >= e.start) continue;
    active.set(e.kind, { episode: e, periodStart: periodStartOf(episodes, e) });
  }
  return active;
}

function periodStartOf(episodes: readonly EpisodeInput[], episode: EpisodeInput): Day {
  let start = episode.start;
  // Walk back through episodes of the same kind that end where this one begins (a day's gap allowed).
  for (let guard = 0; guard < episodes.length; guard++) {
    let moved = false;
    for (const e of episodes) {
      if (e.kind === episode.kind && e.end !== null && e.start < start && e.end >= start - 1 && e.end <= start) {
        start = e.start;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return start;
}
