/** The register's rows for one census date, as the return counts them (pure). */
import type { ReturnInputs, ReturnMover, ReturnPerson } from './figures.ts';

interface StaffRow { practitioner_id: string; role: string; fte: number; agency: boolean; started_on: string; left_on: string | null }
interface AbsenceRow { practitioner_id: string; kind: string; start_date: string; end_date: string }
interface PostRow { role: string; fte: number; status: 'filled' | 'vacant'; covered_by: string | null }

const DAY = 86_400_000;
const dayOf = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);

/** Monday-to-Friday days from a to b inclusive, as the workforce census counts WorkingDaysLost. */
export function weekdaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = dayOf(from); d <= dayOf(to); d++) {
    const w = new Date(d * DAY).getUTCDay();
    if (w !== 0 && w !== 6) n++;
  }
  return n;
}

/** The day a year before the census date: the census year runs from the day after it. */
export const yearBefore = (date: string): string => `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;

export function returnInputs(censusDate: string, rows: {
  /** Everyone in post on the census date with the model's figures. */
  inPost: readonly (StaffRow & { cases: number; band: ReturnPerson['band'] })[];
  /** Staff who started or left in the year to the census date. */
  movers: readonly StaffRow[];
  absences: readonly AbsenceRow[];
  posts: readonly PostRow[];
}): ReturnInputs {
  const from = yearBefore(censusDate);
  const firstDay = new Date((dayOf(from) + 1) * DAY).toISOString().slice(0, 10);
  const daysLost = new Map<string, number>();
  for (const a of rows.absences) {
    if (a.kind !== 'sickness') continue;
    const start = a.start_date > firstDay ? a.start_date : firstDay;
    const end = a.end_date < censusDate ? a.end_date : censusDate;
    if (start > end) continue;
    daysLost.set(a.practitioner_id, (daysLost.get(a.practitioner_id) ?? 0) + weekdaysBetween(start, end));
  }
  const movers: ReturnMover[] = [];
  for (const m of rows.movers) {
    if (m.started_on > from && m.started_on <= censusDate) movers.push({ role: m.role, fte: Number(m.fte), agency: m.agency, kind: 'starter' });
    if (m.left_on !== null && m.left_on > from && m.left_on <= censusDate) movers.push({ role: m.role, fte: Number(m.fte), agency: m.agency, kind: 'leaver' });
  }
  return {
    inPost: rows.inPost.map((p) => ({ role: p.role, fte: Number(p.fte), agency: p.agency, cases: p.cases, band: p.band, daysLost: daysLost.get(p.practitioner_id) ?? 0 })),
    movers,
    posts: rows.posts.map((p) => ({ role: p.role, fte: Number(p.fte), status: p.status, covered: p.covered_by !== null })),
  };
}
