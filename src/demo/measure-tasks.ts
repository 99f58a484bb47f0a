/**
 * How many hours a month move off social workers when business support takes the letters and
 * the minutes (issue 16, item 2), measured on a generated council in memory. The scenario: every
 * open case held by a registered social worker (social worker, senior practitioner, team manager)
 * hands over one letter a month, and the minutes of every meeting the model expects that month
 * (core groups, conferences, reviews: the "meeting" activities, as expected occurrences). Each
 * case goes through the model's own handOff, so the caps and hours are the ones My workload shows.
 */
import { handOff, sumRanges, type DelegatedTask, type Range, type WorkloadConfig } from '../workload/model/index.ts';
import type { ModelContext } from '../workload/model/index.ts';
import { runWorkloads } from '../workload/service/index.ts';
import type { CouncilData } from './generate.ts';
import { inputsInMemory } from './stats.ts';

const SOCIAL_WORK_ROLES = ['social_worker', 'senior_practitioner', 'team_manager'];

export interface HandOffFigures {
  socialWorkers: number;
  cases: number;
  /** Hours a month moved off social workers: letters, minutes, both. */
  letters: Range;
  minutes: Range;
  moved: Range;
  /** Social workers' case demand before the hand-over. */
  before: Range;
}

/** The minutes task scaled to `k` meetings in the month: one task, k meetings' worth of hours. */
const minutesFor = (config: WorkloadConfig, k: number): WorkloadConfig => ({
  ...config,
  taskHours: config.taskHours.map((t) => (t.type === 'minutes' ? { ...t, hours: { low: t.hours.low * k, central: t.hours.central * k, high: t.hours.high * k } } : t)),
});

export function measureLettersAndMinutes(data: CouncilData, asOf: string, ctx: ModelContext): HandOffFigures {
  const inputs = inputsInMemory(data, asOf);
  const results = runWorkloads(inputs, ctx).filter((r) => SOCIAL_WORK_ROLES.includes(r.practitioner.role));
  const letters: Range[] = [];
  const minutes: Range[] = [];
  const before: Range[] = [];
  let cases = 0;
  for (const { workload } of results) {
    before.push(workload.demand.total);
    for (const c of workload.demand.cases) {
      if (c.statuses.length === 0) continue;
      cases += 1;
      const meetings = c.activities.filter((a) => a.category === 'meeting').reduce((s, a) => s + a.occurrences, 0);
      const task = (type: DelegatedTask['type']): DelegatedTask => ({ taskId: `${c.childId}-${type}`, childId: c.childId, type, title: type, holderUserId: null, requestedOn: inputs.day, dueOn: inputs.day + 1, doneOn: null, cancelled: false });
      const one = handOff({ cases: [c], total: c.total }, [task('letter'), ...(meetings > 0 ? [task('minutes')] : [])], inputs.day, minutesFor(ctx.config, meetings));
      for (const line of one.handedOff) (line.type === 'letter' ? letters : minutes).push(line.hours);
    }
  }
  return { socialWorkers: results.length, cases, letters: sumRanges(letters), minutes: sumRanges(minutes), moved: sumRanges([...letters, ...minutes]), before: sumRanges(before) };
}
