/**
 * Where supervision stands for many people at once: beside each person's band on the team page,
 * and the share supervised on time by team on the service view. These read no reflective part
 * and no child's record. The caller has asked access (the team page, the statistics) and audits
 * its own read; this file imports nothing that imports the workload area, so workload and
 * statistics can use it.
 */
import type { Db } from '../../platform/database.ts';
import { dayFromIso, isoFromDay } from '../../kernel/calendar.ts';
import { shareOnTime, supervisionStatus, intervalText, type SupervisionStatus } from '../model/schedule.ts';
import * as workforceStore from '../../workforce/store.ts';
import * as store from '../store/index.ts';
import { loadSettings, toSupervisee, type PractitionerRow } from './common.ts';

export interface PersonSupervision {
  state: SupervisionStatus['state'];
  dueOn: string;
  lastOn: string | null;
  frequency: string;
  daysOverdue: number;
}

const toPerson = (s: SupervisionStatus): PersonSupervision =>
  ({ state: s.state, dueOn: isoFromDay(s.dueOn), lastOn: s.lastOn === null ? null : isoFromDay(s.lastOn), frequency: intervalText(s.interval), daysOverdue: s.daysOverdue });

async function statusesOf(db: Db, councilId: string, people: readonly PractitionerRow[], date: string): Promise<Map<string, SupervisionStatus>> {
  const { settings } = await loadSettings(db, councilId);
  const sessions = await store.listSessions(db, councilId, { superviseeIds: people.map((p) => p.practitioner_id) });
  const by = new Map<string, { heldOn: number; minutes: number }[]>();
  for (const s of sessions) by.set(s.supervisee_id, [...(by.get(s.supervisee_id) ?? []), { heldOn: dayFromIso(s.held_on), minutes: s.minutes }]);
  const day = dayFromIso(date);
  return new Map(people.map((p) => [p.practitioner_id, supervisionStatus(toSupervisee(p), by.get(p.practitioner_id) ?? [], day, settings.schedule)]));
}

/** Each person's supervision on the date, by practitioner id. */
export async function supervisionOf(db: Db, councilId: string, people: readonly PractitionerRow[], date: string): Promise<Map<string, PersonSupervision>> {
  const statuses = await statusesOf(db, councilId, people, date);
  return new Map([...statuses].map(([id, s]) => [id, toPerson(s)]));
}

/** The share of staff in post supervised on time, by team (counts only: no names). */
export async function onTimeByTeam(db: Db, councilId: string, date: string): Promise<{ teamId: string; people: number; onTime: number; share: number | null }[]> {
  const people = await workforceStore.listPractitionersInPost(db, councilId, date);
  const statuses = await statusesOf(db, councilId, people, date);
  const teams = new Map<string, SupervisionStatus[]>();
  for (const p of people) teams.set(p.team_id, [...(teams.get(p.team_id) ?? []), statuses.get(p.practitioner_id)!]);
  return [...teams].map(([teamId, list]) => ({ teamId, ...shareOnTime(list) })).sort((a, b) => a.teamId.localeCompare(b.teamId));
}
