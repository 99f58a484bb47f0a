import type { Day } from '../../kernel/calendar.ts';
import type { CaseStatus } from './catalogue.ts';
import type { ModelContext } from './demand.ts';
import { activeEpisodes, type CaseInput } from './episodes.ts';
import { addInterval } from './intervals.ts';

export interface RecordedInput {
  activityCode: string;
  on: Day;
}

export type ScheduleState = 'overdue' | 'due_soon' | 'upcoming' | 'done';

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
export function caseSchedule(input: CaseInput, recorded: readonly RecordedInput[], day: Day, ctx: ModelContext, soonDays = 14): ScheduleItem[] {
  const { config, calendar } = ctx;
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
      dueOn = addInterval(calendar, anchor, rule.within);
      complete = lastDoneOn !== null;
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
    const state: ScheduleState = complete ? 'done' : dueOn < day ? 'overdue' : dueOn <= day + soonDays ? 'due_soon' : 'upcoming';
    items.push({
      activityCode: activity.code,
      name: activity.name,
      status: activity.status,
      episodeId: episode.episode.id,
      dueOn,
      lastDoneOn,
      state,
      daysOverdue: state === 'overdue' ? day - dueOn : 0,
      conditional,
      ruleSource: activity.ruleSource,
    });
  }
  return items.sort((a, b) => a.dueOn - b.dueOn || a.activityCode.localeCompare(b.activityCode));
}
