import type { EpisodeRow, FactorRow, RecordedRow } from '../cases/store.ts';
import { toCaseInputs } from '../cases/model/index.ts';
import { caseSchedule, DEFAULT_CONFIG, englandCalendar, isoFromDay, type Day, type RecordedInput } from '../workload/model/index.ts';
import type { Random } from './random.ts';

/**
 * Visits, reviews and conferences "done so far" on an open case, following the statutory
 * schedule the model itself computes: most on time, some late, and a few recent ones missed
 * (so the demo has overdue work to find). History older than two years is not simulated.
 */
export function simulateRecordedWork(
  councilId: string, childId: string, practitionerId: string, episodes: readonly EpisodeRow[], factors: readonly FactorRow[], asOf: Day, rnd: Random,
): RecordedRow[] {
  const input = toCaseInputs([{ child_id: childId, family_id: null }], episodes, factors).get(childId)!;
  const ctx = { config: DEFAULT_CONFIG, calendar: englandCalendar() };
  const done: RecordedInput[] = [];
  const missed = new Set<string>();
  const horizon = asOf - 730;
  for (let guard = 0; guard < 400; guard++) {
    const next = caseSchedule(input, done, asOf, ctx).find((i) => i.state === 'overdue' && !missed.has(i.activityCode));
    if (!next) break;
    // A recent duty is sometimes still outstanding: that is what "overdue" means on the pages.
    if (asOf - next.dueOn < 30 && rnd.chance(0.12)) {
      missed.add(next.activityCode);
      continue;
    }
    const on = Math.min(asOf, rnd.chance(0.8) ? next.dueOn - rnd.int(0, 4) : next.dueOn + rnd.int(1, 12));
    done.push({ activityCode: next.activityCode, on: Math.max(on, next.dueOn - 30) });
  }
  return done
    .filter((d) => d.on >= horizon)
    .map((d, i) => ({
      council_id: councilId, recorded_id: `${childId}-R${String(i + 1).padStart(3, '0')}`, child_id: childId, activity_code: d.activityCode,
      occurred_on: isoFromDay(d.on), practitioner_id: practitionerId, hours: null,
    }));
}
