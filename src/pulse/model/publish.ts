/**
 * What of a month's pulse may be shown: one published table per council and month, from which
 * every page, download and API answer takes its rows, so no combination of them reveals more
 * than the table. Pure.
 *
 * The rules (statistical disclosure control):
 * 1. A group is shown only when at least MIN_GROUP people in it answered (primary suppression).
 * 2. The service total is shown only when at least MIN_GROUP answered in all.
 * 3. Secondary disclosure: the service total minus the teams shown is the answers of the teams
 *    not shown (and of people in no one team). When that remainder is 1–4 people, subtracting
 *    would reveal them, so the smallest shown team is withheld too, and the next, until the
 *    remainder is nobody or at least MIN_GROUP (complementary suppression).
 * 4. Each month stands alone and is published only once closed (months.ts), so two views of the
 *    same month never differ by one person's answer.
 * Only headline shares are published, never the count of each answer, and never a single answer.
 */
import { EXTRA_HOURS_MIDPOINTS, type PulseAnswers } from './questions.ts';
import type { Month } from './months.ts';

/** The fewest answers a shown group may have: the usual threshold for staff surveys. */
export const MIN_GROUP = 5;

export interface AnswerRow extends PulseAnswers {
  /** The person's team when they answered; null when they were not in exactly one team. */
  teamId: string | null;
}

/** A group's headline figures: shares are 0–1 of those who answered. */
export interface GroupFigures {
  respondents: number;
  /** Agree or strongly agree that their workload was manageable. */
  manageable: number;
  /** More than 5 hours a week beyond contract. */
  overFiveExtraHours: number;
  /** Estimated from the middle of each answer's band. */
  averageExtraHours: number;
  /** Agree or strongly agree that they felt safe in their practice. */
  feelSafe: number;
  /** Probably or definitely not here a year from now. */
  mayLeave: number;
}

export type TeamCell =
  | { teamId: string; shown: true; figures: GroupFigures }
  /** 'too_few': under MIN_GROUP answered; 'protects_others': withheld so a smaller group cannot be worked out by subtraction. */
  | { teamId: string; shown: false; why: 'too_few' | 'protects_others' };

export interface PublishedMonth {
  month: Month;
  /** Every team and the people in no one team; null when fewer than MIN_GROUP answered in all. */
  service: GroupFigures | null;
  teams: TeamCell[];
}

export function groupFigures(rows: readonly PulseAnswers[]): GroupFigures {
  const n = rows.length;
  const share = (test: (r: PulseAnswers) => boolean) => rows.filter(test).length / n;
  return {
    respondents: n,
    manageable: share((r) => r.workload <= 2),
    overFiveExtraHours: share((r) => r.extraHours >= 4),
    averageExtraHours: rows.reduce((s, r) => s + EXTRA_HOURS_MIDPOINTS[r.extraHours], 0) / n,
    feelSafe: share((r) => r.safe <= 2),
    mayLeave: share((r) => r.stay >= 4),
  };
}

/** The month's published table for these teams (answers from a team not listed count in the service total only). */
export function publishMonth(month: Month, answers: readonly AnswerRow[], teamIds: readonly string[]): PublishedMonth {
  const byTeam = new Map<string, AnswerRow[]>(teamIds.map((t) => [t, []]));
  for (const a of answers) if (a.teamId !== null) byTeam.get(a.teamId)?.push(a);
  const shown = new Set(teamIds.filter((t) => byTeam.get(t)!.length >= MIN_GROUP));
  const why = new Map<string, 'too_few' | 'protects_others'>(teamIds.filter((t) => !shown.has(t)).map((t) => [t, 'too_few']));
  const count = (t: string) => byTeam.get(t)!.length;
  let remainder = answers.length - [...shown].reduce((s, t) => s + count(t), 0);
  while (remainder > 0 && remainder < MIN_GROUP && shown.size > 0) {
    // Withhold the smallest shown team (ties by id, so the table is the same whoever asks).
    const next = [...shown].sort((a, b) => count(a) - count(b) || a.localeCompare(b))[0]!;
    shown.delete(next);
    why.set(next, 'protects_others');
    remainder += count(next);
  }
  return {
    month,
    service: answers.length >= MIN_GROUP ? groupFigures(answers) : null,
    teams: teamIds.map((teamId): TeamCell => (shown.has(teamId) ? { teamId, shown: true, figures: groupFigures(byTeam.get(teamId)!) } : { teamId, shown: false, why: why.get(teamId)! })),
  };
}
