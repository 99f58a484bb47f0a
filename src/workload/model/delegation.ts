/**
 * Hours move with the work (issue 16, item 2): a task handed to business support takes its hours
 * out of the case holder's demand and into the hours business support holds. Pure: plain data and
 * the day in, plain data out.
 *
 * The one rule that keeps the team's total demand unchanged: a task moves the same hours off the
 * practitioner as it puts on business support. A task moves its type's hours, but never more than
 * the case still has in the categories the task comes out of (a letter comes out of case
 * management): the model's month for the case is the ceiling, so handing over many letters on one
 * case never makes the holder's demand negative, and the line says so when it is capped.
 */
import type { Day, WorkingCalendar } from '../../kernel/calendar.ts';
import { capacity, type Capacity } from './capacity.ts';
import { sumRanges, ZERO, type Range } from '../../kernel/range.ts';
import type { ActivityCategory, TaskType, WorkloadConfig } from './catalogue.ts';
import type { CaseloadDemand } from './demand.ts';

/** A task on a case, as the model needs it. */
export interface DelegatedTask {
  taskId: string;
  childId: string;
  type: TaskType;
  /** What the task is, in the asker's words ("Letter to school"). */
  title: string;
  /** Who holds it now: a business support person's user id, or null for the team's queue. */
  holderUserId: string | null;
  requestedOn: Day;
  dueOn: Day;
  /** The day it was handed back done; null while it is still to do. */
  doneOn: Day | null;
  cancelled: boolean;
}

/** One task's hours moved off the case's holder. */
export interface HandOffLine {
  taskId: string;
  childId: string;
  type: TaskType;
  title: string;
  holderUserId: string | null;
  /** Hours moved (positive): they leave the practitioner and land on business support. */
  hours: Range;
  /** The task's own hours were more than the case had left in its categories. */
  capped: boolean;
  /** "Letter to school handed to business support: −1.5 h" */
  text: string;
}

export interface DelegatedDemand extends CaseloadDemand {
  /** The case demand before anything was handed over. */
  beforeHandOff: Range;
  handedOff: HandOffLine[];
}

const COMPONENTS = ['low', 'central', 'high'] as const;
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Whether a task's work falls in the month that starts on `day`: asked by then, not cancelled, and
 * either still to do and due before the month ends (overdue work included: it is still to be done
 * this month) or handed back during the month. Work handed back before `day` is past: the month
 * ahead is the model's full expectation again.
 */
export function taskInMonth(task: DelegatedTask, day: Day, horizonDays: number): boolean {
  if (task.cancelled || task.requestedOn > day) return false;
  const end = day + horizonDays;
  if (task.doneOn === null) return task.dueOn < end;
  return task.doneOn >= day && task.doneOn < end;
}

/**
 * Takes the hours of tasks handed over out of a practitioner's caseload demand. Tasks on cases
 * they do not hold are ignored (their hours move off whoever holds the case). Tasks are taken in
 * due order, so when a case's ceiling is reached it is the latest task that is capped.
 */
export function handOff(caseload: CaseloadDemand, tasks: readonly DelegatedTask[], day: Day, config: WorkloadConfig): DelegatedDemand {
  const byChild = new Map(caseload.cases.map((c) => [c.childId, c]));
  // What each case still has, category by category, as tasks take their hours out of it.
  const left = new Map<string, Map<ActivityCategory, Range>>();
  const pools = (childId: string) => {
    let m = left.get(childId);
    if (!m) {
      m = new Map();
      for (const a of byChild.get(childId)!.activities) m.set(a.category, sumRanges([m.get(a.category) ?? ZERO, a.hours]));
      left.set(childId, m);
    }
    return m;
  };
  const lines: HandOffLine[] = [];
  const ordered = tasks.filter((t) => byChild.has(t.childId) && taskInMonth(t, day, config.horizonDays))
    .sort((a, b) => a.dueOn - b.dueOn || a.taskId.localeCompare(b.taskId));
  for (const task of ordered) {
    const rule = config.taskHours.find((h) => h.type === task.type);
    if (!rule) continue;
    const pool = pools(task.childId);
    const moved = { low: 0, central: 0, high: 0 };
    for (const k of COMPONENTS) {
      // From the first category the task comes out of, then the next.
      let want = rule.hours[k];
      for (const category of rule.from) {
        const have = pool.get(category);
        if (!have || want <= 0) continue;
        const take = Math.min(want, have[k]);
        pool.set(category, { ...have, [k]: have[k] - take });
        moved[k] += take;
        want -= take;
      }
    }
    const capped = moved.central < rule.hours.central - 1e-9;
    lines.push({
      taskId: task.taskId, childId: task.childId, type: task.type, title: task.title, holderUserId: task.holderUserId, hours: moved, capped,
      text: `${task.title} handed to business support: −${round1(moved.central)} h${capped ? ` (all the model gives this case for it; the task takes ${rule.hours.central} h)` : ''}`,
    });
  }
  const moved = lines.length ? sumRanges(lines.map((l) => l.hours)) : ZERO;
  const total = { low: caseload.total.low - moved.low, central: caseload.total.central - moved.central, high: caseload.total.high - moved.high };
  return { ...caseload, beforeHandOff: caseload.total, handedOff: lines, total };
}

/** Business support's own demand: the hours of the tasks they hold, each a line that opens to the task. */
export function supportDemand(lines: readonly HandOffLine[], holderUserId: string | null): { lines: HandOffLine[]; total: Range } {
  const mine = lines.filter((l) => l.holderUserId === holderUserId);
  return { lines: mine, total: mine.length ? sumRanges(mine.map((l) => l.hours)) : ZERO };
}

/**
 * Business support's capacity, as anyone's (capacity.ts): contracted hours less averaged leave and
 * protected time, times the share of their time that goes on tasks handed over (the rest is the
 * team's phones, post and diaries). They are not practitioners and hold no cases, so no ASYE and
 * no casework-time range; absences are not known here (HR's absences are for the register's staff).
 */
export function supportCapacity(weeklyHours: number, day: Day, config: WorkloadConfig, calendar: WorkingCalendar): Capacity {
  const fte = Math.min(1, weeklyHours / config.capacity.fullTimeWeeklyHours);
  const asSupport: WorkloadConfig = {
    ...config,
    capacity: { ...config.capacity, caseworkShareByRole: { business_support: config.businessSupport.taskShare }, caseworkTime: { low: 1, central: 1, high: 1, source: config.businessSupport.source } },
  };
  return capacity({ role: 'business_support', fte, contractedWeeklyHours: weeklyHours, asyeStart: null, leftOn: null, absences: [] }, day, asSupport, calendar);
}
