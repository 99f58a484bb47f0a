import type { Day } from '../../kernel/calendar.ts';
import type { CaseStatus } from './catalogue.ts';
import type { ModelContext } from './demand.ts';
import { activeEpisodes, type CaseInput } from './episodes.ts';
import { addInterval } from './intervals.ts';

export interface RecordedInput {
  activityCode: string;
  on: Day;
}

/**
 * `not_in_data`: the council's imported data does not record when this activity is done (the SSD
 * has no core group table, for instance), so whether it is late cannot be known. It is never
 * shown as overdue, and it still counts in demand (demand does not read the schedule).
 */
export type ScheduleState = 'overdue' | 'due_soon' | 'upcoming' | 'done' | 'not_in_data';

export interface ScheduleOptions {
  /** Due within this many days is "due soon" (default 14). */
  soonDays?: number;
  /** Activities whose completion the council's data does not record (see `notInYourData`). */
  notInData?: ReadonlySet<string>;
}

/** What one source's last import could show about an activity's completion. */
export interface CoverageEntry {
  activityCode: string;
  carried: boolean;
}
/** A source that records every activity (Caseweight's own extension tables). */
export const EVERY_ACTIVITY = '*';

/**
 * The activities whose completion none of the council's imported sources records. A council
 * with no coverage at all (the demo council, or one entering its records in Caseweight) records
 * everything itself, so nothing is missing. An activity no source mentions (one the council added
 * to its catalogue) is missing once any source has said what it carries.
 */
export function notInYourData(coverage: readonly CoverageEntry[], activityCodes: readonly string[]): Set<string> {
  if (coverage.length === 0 || coverage.some((c) => c.activityCode === EVERY_ACTIVITY && c.carried)) return new Set();
  const carried = new Set(coverage.filter((c) => c.carried).map((c) => c.activityCode));
  return new Set(activityCodes.filter((code) => !carried.has(code)));
}

export interface ScheduleItem {
  activityCode: string;
  name: string;
  status: CaseStatus;
  episodeId: string;
  dueOn: Day;
  lastDoneOn: Day | null;
  state: ScheduleState;
  /** Days past due (0 unless overdue). */
  daysOverdue: number;
  /** Only if a section 47 enquiry leads to a conference. */
  conditional: boolean;
  ruleSource: string;
}

/**
 * What is due on a case and when, from its status history and the work recorded so far.
 * Recurring duties run from the last time they were done ("at most every 6 weeks"), so a
 * late visit moves the next one too. Monthly work (court, family help) has no due date.
 */
export function caseSchedule(input: CaseInput, recorded: readonly RecordedInput[], day: Day, ctx: ModelContext, options: ScheduleOptions = {}): ScheduleItem[] {
  const { config, calendar } = ctx;
  const soonDays = options.soonDays ?? 14;
  const notInData = options.notInData ?? new Set<string>();
  const active = activeEpisodes(input.episodes, day);
  const superseded = new Set<CaseStatus>();
  for (const status of active.keys()) for (const s of config.supersedes[status] ?? []) superseded.add(s);

  const items: ScheduleItem[] = [];
  for (const activity of config.activities) {
    if (activity.status === 'open_case' || activity.rule.kind === 'monthly') continue;
    const episode = active.get(activity.status);
    if (!episode || superseded.has(activity.status)) continue;
    const rule = activity.rule;
    const anchor = rule.anchor === 'period_start' ? episode.periodStart : episode.episode.start;
    const done = recorded
      .filter((r) => r.activityCode === activity.code && r.on >= anchor && r.on <= day)
      .map((r) => r.on)
      .sort((a, b) => a - b);
    const lastDoneOn = done.length > 0 ? done[done.length - 1]! : null;

    let dueOn: Day;
    let conditional = false;
    let complete = false;
    if (rule.kind === 'once') {
      if (rule.onlyIf) {
        if (episode.episode.s47Outcome === 'no_further_action') continue;
        conditional = episode.episode.s47Outcome !== 'conference';
      }
      // Work that starts the episode (a strategy discussion starts the section 47 enquiry) is due
      // before it and was done on its first day: the enquiry's start date is the discussion's
      // (SSD s47e_s47_start_date; CIN census S47ActualStartDate).
      dueOn = rule.startsEpisode ? anchor : addInterval(calendar, anchor, rule.within);
      complete = lastDoneOn !== null || rule.startsEpisode === true;
    } else {
      if (lastDoneOn === null) {
        dueOn = addInterval(calendar, anchor, rule.first);
      } else {
        const useLater = rule.later && lastDoneOn >= addInterval(calendar, anchor, rule.later.after) &&
          (!rule.later.onlyIfLongTermPlacement || episode.episode.placementLongTerm === true);
        const interval = useLater ? rule.later!.every : done.length === 1 && rule.second ? rule.second : rule.every;
        dueOn = addInterval(calendar, lastDoneOn, interval);
      }
    }
    // Not in the data: nothing of it recorded, and no source the council imports could record it.
    const unknown = !complete && lastDoneOn === null && notInData.has(activity.code);
    const state: ScheduleState = complete ? 'done' : unknown ? 'not_in_data' : dueOn < day ? 'overdue' : dueOn <= day + soonDays ? 'due_soon' : 'upcoming';
    items.push({
      activityCode: activity.code,
      name: activity.name,
      status: activity.status,
      episodeId: episode.episode.id,
      dueOn,
      lastDoneOn: lastDoneOn ?? (rule.kind === 'once' && rule.startsEpisode ? anchor : null),
      state,
      daysOverdue: state === 'overdue' ? day - dueOn : 0,
      conditional,
      ruleSource: activity.ruleSource,
    });
  }
  return items.sort((a, b) => a.dueOn - b.dueOn || a.activityCode.localeCompare(b.activityCode));
}
