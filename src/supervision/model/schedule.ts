/**
 * When each person's next supervision is due, from their ASYE start and their sessions. Pure:
 * plain data and the day in, plain data out.
 *
 * Defaults (DOMAIN.md §10): the LGA Standards for Employers of Social Workers, standard 5 —
 * newly qualified social workers at least weekly for the first 6 weeks, at least fortnightly to
 * 6 months, then at least monthly; everyone else at least monthly; each session at least 1.5
 * hours. The DfE's support-for-social-workers summary says NQSW fortnightly, others monthly,
 * 90 minutes: a council that follows it changes the stages (the policy is configurable).
 */
import { addMonths, type Day } from '../../kernel/calendar.ts';

/** An interval between sessions: every N weeks or every N calendar months. */
export interface Interval {
  every: number;
  unit: 'week' | 'month';
}

/** One stage of the newly qualified schedule: this interval until so long after the ASYE start. */
export interface Stage {
  interval: Interval;
  /** The stage ends this long after the ASYE start (weeks or months, as written in the standard). */
  until: Interval;
}

export interface SchedulePolicy {
  /** Newly qualified (ASYE) stages, in order; after the last, the standard interval. */
  newlyQualified: Stage[];
  standard: Interval;
  /** A session shorter than this does not count as supervision on the schedule (0: every session counts). */
  minimumMinutes: number;
  /** How many days before it is due a session shows as "due soon". */
  dueSoonDays: number;
  source: string;
}

export const LGA_STANDARD_5 =
  'LGA Standards for Employers of Social Workers in England, standard 5: regular, uninterrupted supervision of at least 1.5 hours; newly qualified social workers at least weekly for the first 6 weeks, at least fortnightly to 6 months, then at least monthly; everyone else at least monthly.';

export const DEFAULT_SCHEDULE: SchedulePolicy = {
  newlyQualified: [
    { interval: { every: 1, unit: 'week' }, until: { every: 6, unit: 'week' } },
    { interval: { every: 2, unit: 'week' }, until: { every: 6, unit: 'month' } },
  ],
  standard: { every: 1, unit: 'month' },
  minimumMinutes: 90,
  dueSoonDays: 5,
  source: LGA_STANDARD_5,
};

export const addInterval = (day: Day, i: Interval): Day => (i.unit === 'week' ? day + 7 * i.every : addMonths(day, i.every));

/** Who is supervised: the facts the schedule needs. */
export interface Supervisee {
  /** When their first post here began: with no session yet, the first is due an interval after it. */
  startedOn: Day;
  /** The start of their ASYE (newly qualified year), or null. */
  asyeStart: Day | null;
}

export interface SessionInput {
  heldOn: Day;
  minutes: number;
}

/** The interval that applies on a day: the newly qualified stage they are in, or the standard. */
export function intervalOn(person: Supervisee, day: Day, policy: SchedulePolicy): Interval {
  if (person.asyeStart !== null && day >= person.asyeStart) {
    for (const stage of policy.newlyQualified) if (day < addInterval(person.asyeStart, stage.until)) return stage.interval;
  }
  return policy.standard;
}

/** Plain words for an interval: "weekly", "every 2 weeks", "monthly". */
export function intervalText(i: Interval): string {
  if (i.every === 1) return i.unit === 'week' ? 'weekly' : 'monthly';
  if (i.every === 2 && i.unit === 'week') return 'fortnightly';
  return `every ${i.every} ${i.unit}s`;
}

export type SupervisionState = 'on_time' | 'due_soon' | 'overdue';

export interface SupervisionStatus {
  state: SupervisionState;
  dueOn: Day;
  /** The last session that counts (long enough, since they started), or null when there is none yet. */
  lastOn: Day | null;
  /** The last session of any length (a short one is shown, but does not reset the clock). */
  lastAnyOn: Day | null;
  /** The interval now, for the page ("weekly", "monthly"). */
  interval: Interval;
  daysOverdue: number;
}

/**
 * Where someone's supervision stands on `day`. The next session is due one interval after the
 * last one that counts — the interval of the stage they were in on that day — or, with none yet,
 * one interval after they started (or began the ASYE, if later). Sessions after `day` are ignored.
 */
export function supervisionStatus(person: Supervisee, sessions: readonly SessionInput[], day: Day, policy: SchedulePolicy): SupervisionStatus {
  const held = sessions.filter((s) => s.heldOn <= day);
  // A session before they started here (or began the ASYE) does not start their clock.
  const start = Math.max(person.startedOn, person.asyeStart ?? person.startedOn);
  const counting = held.filter((s) => s.minutes >= policy.minimumMinutes && s.heldOn >= start);
  const lastOn = counting.length ? Math.max(...counting.map((s) => s.heldOn)) : null;
  const lastAnyOn = held.length ? Math.max(...held.map((s) => s.heldOn)) : null;
  const from = lastOn ?? start;
  const dueOn = addInterval(from, intervalOn(person, from, policy));
  const state: SupervisionState = day > dueOn ? 'overdue' : dueOn - day <= policy.dueSoonDays ? 'due_soon' : 'on_time';
  return { state, dueOn, lastOn, lastAnyOn, interval: intervalOn(person, day, policy), daysOverdue: Math.max(0, day - dueOn) };
}

/** Supervised on time: not overdue on the day (due soon is still on time). */
export const onTime = (s: SupervisionStatus): boolean => s.state !== 'overdue';

/** The share of people supervised on time, or null for nobody. */
export function shareOnTime(statuses: readonly SupervisionStatus[]): { onTime: number; people: number; share: number | null } {
  const n = statuses.filter(onTime).length;
  return { onTime: n, people: statuses.length, share: statuses.length ? n / statuses.length : null };
}

/** The state in words, and the GOV.UK tag colour it shows in (the team page and the supervisee's page). */
export const STATE_WORDS: Record<SupervisionState, { text: string; tag: string }> = {
  on_time: { text: 'On time', tag: 'govuk-tag--green' },
  due_soon: { text: 'Due soon', tag: 'govuk-tag--yellow' },
  overdue: { text: 'Overdue', tag: 'govuk-tag--red' },
};
