/**
 * Six months of supervision history for a generated council (pure): each person supervised by
 * their team's manager (team managers by the head of service) on the schedule the model itself
 * computes — most on time, some overdue, a few short sessions that do not count — so the team
 * page, the supervisee's page and the service view have something true to show.
 */
import { DAYS_PER_MONTH, dayFromIso, isoFromDay } from '../kernel/calendar.ts';
import type { SupervisionTime } from '../workload/model/capacity.ts';
import { inPostOn } from '../kernel/register.ts';
import type { CouncilData } from './generate.ts';
import { Random } from './random.ts';
import { DEFAULT_SCHEDULE, supervisionStatus, type SessionInput } from '../supervision/model/schedule.ts';
import type { NewSession } from '../supervision/store/index.ts';

const HISTORY_DAYS = 183;
/** The demo's head of service (demo/users.ts) supervises the team managers. */
const HEAD_OF_SERVICE = { userId: 'demo-service-manager', name: 'Morgan Hale' };

const WELLBEING = [
  'Talked about the pressure of two court cases at once; agreed to protect Friday mornings for statements.',
  'Feeling settled in the team. Discussed a difficult home visit and what helped afterwards.',
  'Tired after covering duty for a colleague; agreed no new allocations for two weeks.',
  'Good month. Asked for more time with the team’s senior practitioner on parenting assessments.',
];
const DEVELOPMENT = [
  'Reflected on direct work with a teenager who will not engage; will try the relationship-based tools from the course.',
  'ASYE: reviewed the portfolio evidence for the critical reflection log; next observation booked.',
  'Booked onto the court skills training; will shadow a final hearing first.',
  'Discussed using research on neglect in assessments; will bring an example to the next session.',
];

export interface SupervisionHistory {
  sessions: NewSession[];
  reflections: { council_id: string; session_id: string; wellbeing: string; development: string }[];
}

export function simulateSupervision(data: CouncilData, asOf: string, seed = 7): SupervisionHistory {
  const rnd = new Random(seed);
  const day = dayFromIso(asOf);
  const councilId = data.council.council_id;
  const inPost = data.practitioners.filter((p) => inPostOn(p, asOf));
  const managerOf = new Map<string, (typeof inPost)[number]>();
  for (const p of inPost) if (p.role === 'team_manager' && !managerOf.has(p.team_id)) managerOf.set(p.team_id, p);
  const history: SupervisionHistory = { sessions: [], reflections: [] };
  for (const p of inPost) {
    const manager = managerOf.get(p.team_id);
    const supervisor = p.role === 'team_manager' || !manager || manager.practitioner_id === p.practitioner_id
      ? { user: HEAD_OF_SERVICE.userId, practitionerId: null, name: HEAD_OF_SERVICE.name }
      : { user: null, practitionerId: manager.practitioner_id, name: manager.name };
    const person = { startedOn: dayFromIso(p.started_on), asyeStart: p.asye_start ? dayFromIso(p.asye_start) : null };
    // About one in nine has slipped: their last session was some weeks ago (what "overdue" means on the pages).
    const slipped = rnd.chance(0.11);
    const stopBy = slipped ? day - rnd.int(20, 45) : day;
    const done: SessionInput[] = [];
    let cursor = Math.max(person.startedOn, day - HISTORY_DAYS);
    for (let guard = 0; guard < 60; guard++) {
      const due = supervisionStatus(person, done, cursor, DEFAULT_SCHEDULE).dueOn;
      // Mostly a few days early; sometimes late (a sickness, a court day).
      const on = rnd.chance(0.85) ? due - rnd.int(0, 4) : due + rnd.int(1, 6);
      if (on > stopBy || on > day) break;
      const minutes = rnd.chance(0.07) ? 45 : rnd.chance(0.7) ? 90 : rnd.pick([75, 105, 120]);
      done.push({ heldOn: Math.max(on, cursor), minutes });
      cursor = Math.max(on, cursor) + 1;
    }
    for (const [i, s] of done.entries()) {
      const sessionId = `${p.practitioner_id}-S${String(i + 1).padStart(2, '0')}`;
      history.sessions.push({
        council_id: councilId, session_id: sessionId, supervisee_id: p.practitioner_id, supervisor_user_id: supervisor.user, supervisor_practitioner_id: supervisor.practitionerId,
        supervisor_name: supervisor.name, held_on: isoFromDay(s.heldOn), minutes: s.minutes, recorded_by: 'seed',
      });
      if (rnd.chance(0.6)) history.reflections.push({ council_id: councilId, session_id: sessionId, wellbeing: rnd.pick(WELLBEING), development: rnd.pick(DEVELOPMENT) });
    }
  }
  return history;
}

/**
 * The seeded history's supervision time per practitioner in the month to `asOf` (30 days ending
 * on it): what the workload service reads from the database (loadSupervisionTime), in memory.
 */
export function supervisionTimeInMemory(data: CouncilData, asOf: string): Map<string, SupervisionTime> {
  const by = new Map<string, SupervisionTime>();
  if (!data.asOf) return by;
  const to = dayFromIso(asOf);
  const from = to - Math.floor(DAYS_PER_MONTH) + 1;
  const entry = (id: string) => by.get(id) ?? by.set(id, { receivedHours: 0, receivedSessions: 0, givenHours: 0, givenSessions: 0 }).get(id)!;
  for (const s of simulateSupervision(data, data.asOf).sessions) {
    const on = dayFromIso(s.held_on);
    if (on < from || on > to) continue;
    const received = entry(s.supervisee_id);
    received.receivedHours += s.minutes / 60;
    received.receivedSessions += 1;
    if (s.supervisor_practitioner_id) {
      const given = entry(s.supervisor_practitioner_id);
      given.givenHours += s.minutes / 60;
      given.givenSessions += 1;
    }
  }
  return by;
}
