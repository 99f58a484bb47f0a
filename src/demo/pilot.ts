/**
 * The demo council's pilot team records its time in Caseweight. For a year before the demo's
 * "today", team SF1's workers record each visit, review and meeting the register shows them
 * doing, a monthly line of case management per case they hold, and court work for children in
 * proceedings, each with minutes drawn around a "true" figure that differs from the model's
 * defaults on purpose (court work and looked-after work take longer, child protection visits a
 * little less), with a few typing errors. The calibration page then has something real to find,
 * and a practitioner's page shows recorded time beside the modelled month.
 */
import type { RecordedRow } from '../cases/store.ts';
import type { RecordingRow } from '../recording/store/index.ts';
import { DEFAULT_CONFIG } from '../workload/model/index.ts';
import { dayFromIso, isoFromDay } from '../kernel/calendar.ts';
import type { CouncilData } from './generate.ts';
import { Random } from './random.ts';

/** The true hours as a multiple of the default central: what calibration should find. */
export const PILOT_TRUTH: Readonly<Record<string, number>> = {
  court_work: 1.3, lac_visit: 1.25, lac_review: 1.2, cp_visit: 0.85, assessment: 1.1, case_management: 1.4,
};
const SPREAD = 0.35;
const TYPO_SHARE = 0.02;
/** One row holds at most a day of each kind of minutes (the table's check). */
const MAX_MINUTES = 1440;

export interface PilotRows {
  recorded: RecordedRow[];
  recordings: (Omit<RecordingRow, 'recorded_at'> & { recorded_at: Date })[];
}

export function pilotRecordings(data: CouncilData, teamId: string, asOf: string, seed = 7): PilotRows {
  const rnd = new Random(seed);
  const today = dayFromIso(asOf);
  const from = today - 365;
  const people = new Map(data.practitioners.filter((p) => p.team_id === teamId).map((p) => [p.practitioner_id, p]));
  const central = new Map(DEFAULT_CONFIG.activities.map((a) => [a.code, a.hours.central]));
  const category = new Map(DEFAULT_CONFIG.activities.map((a) => [a.code, a.category]));
  const out: PilotRows = { recorded: [], recordings: [] };
  let n = 0;

  /** One recording; `recordedId` is the register's row for the visit when it is there already. */
  const add = (childId: string, practitionerId: string, code: string, day: number, recordedId?: string) => {
    const person = people.get(practitionerId);
    const typical = central.get(code);
    if (!person || typical === undefined) return;
    const truth = typical * (PILOT_TRUTH[code] ?? 1);
    // The model's hours are means, so the draw's median is the truth over exp(σ²/2).
    const hours = rnd.lognormal(truth / Math.exp((SPREAD * SPREAD) / 2), SPREAD) * (rnd.chance(TYPO_SHARE) ? 10 : 1);
    const minutes = Math.max(5, Math.round(hours * 60));
    const split = splitMinutes(minutes, category.get(code) ?? 'direct');
    if (!split) return;
    const id = recordedId ?? `${childId}-P${String(++n).padStart(5, '0')}`;
    // A working-hours start (UTC, near enough to UK time for a demo).
    const happened = new Date(`${isoFromDay(day)}T${String(9 + rnd.int(0, 7)).padStart(2, '0')}:${String(rnd.int(0, 11) * 5).padStart(2, '0')}:00Z`);
    const seen = category.get(code) === 'direct' || category.get(code) === 'assessment';
    if (!recordedId) out.recorded.push({ council_id: data.council.council_id, recorded_id: id, child_id: childId, activity_code: code, occurred_on: isoFromDay(day), practitioner_id: practitionerId, hours: Math.round((minutes / 60) * 100) / 100 });
    out.recordings.push({
      council_id: data.council.council_id, recording_id: `pilot-${id}`, child_id: childId, activity_code: code, recorded_id: id, happened_at: happened,
      recorded_at: new Date(Math.min(happened.getTime() + rnd.int(1, 48) * 3_600_000, Date.parse(`${asOf}T23:00:00Z`))), recorded_by: `pilot:${practitionerId}`, recorded_by_name: person.name,
      practitioner_id: practitionerId, child_seen: seen ? true : null, seen_alone: seen ? rnd.chance(0.7) : null, attendees: '', ...split, note: '',
    });
  };

  // Each visit, review and meeting the register shows the team doing in the year: recorded as it happened.
  for (const r of data.recorded) {
    const day = dayFromIso(r.occurred_on);
    if (day < from || day > today || r.practitioner_id === null) continue;
    add(r.child_id, r.practitioner_id, r.activity_code, day, r.recorded_id);
  }
  // Each whole month: a line of case management for each case held, and court work where proceedings ran.
  const court = data.episodes.filter((e) => e.kind === 'court_proceedings');
  for (const a of data.allocations) {
    if (a.role !== 'lead' || !people.has(a.practitioner_id)) continue;
    const start = Math.max(dayFromIso(a.start_date), from);
    const end = Math.min(a.end_date ? dayFromIso(a.end_date) : today, today);
    for (let monthStart = firstOfMonth(start); monthStart + 28 <= end; monthStart = firstOfMonth(monthStart + 32)) {
      if (monthStart < start) continue;
      const day = monthStart + rnd.int(0, 27);
      add(a.child_id, a.practitioner_id, 'case_management', day);
      if (court.some((e) => e.child_id === a.child_id && dayFromIso(e.start_date) <= day && (e.end_date === null || dayFromIso(e.end_date) >= day))) {
        add(a.child_id, a.practitioner_id, 'court_work', day);
      }
    }
  }
  return out;
}

const firstOfMonth = (day: number) => {
  const d = new Date(day * 86_400_000);
  return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 86_400_000);
};

/** Minutes by kind for the activity's category, or null for a row too long to hold (a typo left out). */
function splitMinutes(minutes: number, category: string) {
  const parts = category === 'direct' ? { direct: 0.5, travel: 0.25, recording: 0.25, meeting: 0 }
    : category === 'meeting' ? { direct: 0, travel: 0.15, recording: 0.25, meeting: 0.6 }
      : category === 'court' ? { direct: 0.3, travel: 0.1, recording: 0.3, meeting: 0.3 }
        : category === 'assessment' ? { direct: 0.45, travel: 0.15, recording: 0.3, meeting: 0.1 }
          : { direct: 0.2, travel: 0, recording: 0.8, meeting: 0 };
  const travel = Math.round(minutes * parts.travel);
  const recording = Math.round(minutes * parts.recording);
  const meeting = Math.round(minutes * parts.meeting);
  const direct = minutes - travel - recording - meeting;
  const split = { direct_minutes: direct, travel_minutes: travel, recording_minutes: recording, meeting_minutes: meeting };
  return Object.values(split).every((m) => m >= 0 && m <= MAX_MINUTES) ? split : null;
}
