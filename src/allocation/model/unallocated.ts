/**
 * Work waiting for a worker: open cases with no lead allocation, or whose worker has left or is
 * away long-term. Pure: the service reads the register, this decides who is waiting, since when,
 * and in what order a manager should see them.
 */
import type { Day, WorkingCalendar } from '../../kernel/calendar.ts';
import type { CaseStatus } from '../../workload/model/catalogue.ts';
import { activeEpisodes, type CaseInput } from '../../workload/model/episodes.ts';
import type { ScheduleItem } from '../../workload/model/schedule.ts';
import type { AllocationPolicy } from './policy.ts';

export interface Holder {
  practitionerId: string;
  name: string;
  teamId: string;
  leftOn: Day | null;
  /** An absence covering the day (last day inclusive), if any. */
  absence: { start: Day; end: Day } | null;
}

/** One open case as the register holds it. */
export interface OpenCase {
  childId: string;
  name: string;
  familyId: string | null;
  restricted: boolean;
  input: CaseInput;
  /** The open lead allocation's worker, if any. */
  lead: Holder | null;
  /** The lead allocation that ended last, if the case has none open. */
  lastLead: { practitionerId: string; name: string; teamId: string; end: Day } | null;
}

export type WaitReason = 'never_allocated' | 'released' | 'worker_left' | 'worker_absent';

export const WAIT_REASON_TEXT: Record<WaitReason, string> = {
  never_allocated: 'Not yet allocated',
  released: 'Released: needs a new worker',
  worker_left: 'Worker has left: needs a new worker',
  worker_absent: 'Worker away long-term: needs a new worker',
};

export interface WaitingCase {
  childId: string;
  name: string;
  familyId: string | null;
  restricted: boolean;
  statuses: CaseStatus[];
  reason: WaitReason;
  /** The team that held it last (or holds it through an absent or departed worker); null for a new case. */
  teamId: string | null;
  formerWorker: { practitionerId: string; name: string } | null;
  /** When the case opened (its earliest open status) and since when it has had no working worker. */
  openedOn: Day;
  waitingSince: Day;
  ageWorkingDays: number;
  waitingWorkingDays: number;
  /** The family's other open cases. */
  siblings: { childId: string; name: string; waiting: boolean }[];
}

/** Why an open case needs a worker on the day, or null when its worker can carry it. */
export function waitReason(c: OpenCase, day: Day, policy: AllocationPolicy): { reason: WaitReason; since: Day } | null {
  const opened = openedOn(c.input, day);
  if (opened === null) return null;
  if (c.lead === null) return c.lastLead ? { reason: 'released', since: Math.max(c.lastLead.end, opened) } : { reason: 'never_allocated', since: opened };
  if (c.lead.leftOn !== null && c.lead.leftOn <= day) return { reason: 'worker_left', since: Math.max(c.lead.leftOn, opened) };
  const a = c.lead.absence;
  if (a !== null && a.start <= day && a.end >= day && a.end - a.start + 1 >= policy.longTermAbsenceDays) return { reason: 'worker_absent', since: Math.max(a.start, opened) };
  return null;
}

/** The first day of the case's open statuses, or null when nothing is open on the day. */
function openedOn(input: CaseInput, day: Day): Day | null {
  const active = [...activeEpisodes(input.episodes, day).values()];
  return active.length === 0 ? null : Math.min(...active.map((a) => a.periodStart));
}

/**
 * Every case waiting for a worker, longest wait first (a case waiting longer is more at risk of
 * drift); a family's cases appear together.
 */
export function waitingCases(cases: readonly OpenCase[], day: Day, calendar: WorkingCalendar, policy: AllocationPolicy): WaitingCase[] {
  const waiting: WaitingCase[] = [];
  const reasons = new Map<string, { reason: WaitReason; since: Day }>();
  for (const c of cases) {
    const r = waitReason(c, day, policy);
    if (r) reasons.set(c.childId, r);
  }
  const byFamily = new Map<string, OpenCase[]>();
  for (const c of cases) {
    if (c.familyId === null || openedOn(c.input, day) === null) continue;
    byFamily.set(c.familyId, [...(byFamily.get(c.familyId) ?? []), c]);
  }
  for (const c of cases) {
    const r = reasons.get(c.childId);
    if (!r) continue;
    const opened = openedOn(c.input, day)!;
    const holder = c.lead ?? c.lastLead;
    waiting.push({
      childId: c.childId, name: c.name, familyId: c.familyId, restricted: c.restricted,
      statuses: [...activeEpisodes(c.input.episodes, day).keys()],
      reason: r.reason,
      teamId: holder?.teamId ?? null,
      formerWorker: holder ? { practitionerId: holder.practitionerId, name: holder.name } : null,
      openedOn: opened, waitingSince: r.since,
      ageWorkingDays: calendar.workingDaysBetween(opened, day),
      waitingWorkingDays: calendar.workingDaysBetween(r.since, day),
      siblings: (c.familyId ? byFamily.get(c.familyId) ?? [] : []).filter((s) => s.childId !== c.childId)
        .map((s) => ({ childId: s.childId, name: s.name, waiting: reasons.has(s.childId) })),
    });
  }
  const familyWait = new Map<string, Day>();
  for (const w of waiting) if (w.familyId) familyWait.set(w.familyId, Math.min(familyWait.get(w.familyId) ?? Infinity, w.waitingSince));
  const key = (w: WaitingCase) => (w.familyId ? familyWait.get(w.familyId)! : w.waitingSince);
  return waiting.sort((a, b) => key(a) - key(b) || (a.familyId ?? a.childId).localeCompare(b.familyId ?? b.childId) || a.childId.localeCompare(b.childId));
}

/** The statutory work due on a waiting case: overdue first, then due in the next fortnight. */
export function dueWork(schedule: readonly ScheduleItem[]): ScheduleItem[] {
  return schedule.filter((s) => s.state === 'overdue' || s.state === 'due_soon').sort((a, b) => a.dueOn - b.dueOn);
}
