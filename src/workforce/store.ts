import type { Kysely } from 'kysely';
import { IN_POST, type AbsenceRow, type PostRow, type PractitionerRow, type TeamRow } from '../kernel/register.ts';
import { coversDaySql, insertRegisterRows } from '../platform/bulk.ts';
import type { CouncilsTable, Database } from '../platform/tables.ts';
import type { PractitionerListFilter } from '../kernel/list-filters.ts';

type Db = Kysely<Database>;
export type CouncilRow = Omit<CouncilsTable, 'created_at'>;
export type { AbsenceRow, PostRow, PractitionerRow, TeamRow };

export async function insertCouncil(db: Db, council: CouncilRow): Promise<void> {
  await db.insertInto('councils').values(council).execute();
}

export async function getCouncil(db: Db, councilId: string): Promise<CouncilRow | undefined> {
  return db.selectFrom('councils').select(['council_id', 'name', 'la_code']).where('council_id', '=', councilId).executeTakeFirst();
}

export async function listCouncils(db: Db): Promise<CouncilRow[]> {
  return db.selectFrom('councils').select(['council_id', 'name', 'la_code']).orderBy('council_id').execute();
}

export const insertTeams = (db: Db, rows: readonly TeamRow[]) => insertRegisterRows(db, 'teams', rows);

export const insertPractitioners = (db: Db, rows: readonly PractitionerRow[]) => insertRegisterRows(db, 'practitioners', rows);

export const insertAbsences = (db: Db, rows: readonly AbsenceRow[]) => insertRegisterRows(db, 'absences', rows);

export const insertPosts = (db: Db, rows: readonly PostRow[]) => insertRegisterRows(db, 'posts', rows);

export interface TeamSummary extends TeamRow {
  practitioners: number;
  fte: number;
  vacancies: number;
}

/** Teams with headcount and FTE in post on `date`, and vacant posts. */
export async function listTeams(db: Db, councilId: string, date: string): Promise<TeamSummary[]> {
  const rows = await db
    .selectFrom('teams as t')
    .leftJoin('practitioners as p', (join) =>
      join.onRef('p.council_id', '=', 't.council_id').onRef('p.team_id', '=', 't.team_id')
        .on((eb) => coversDaySql(eb, IN_POST, date, 'p')))
    .select((eb) => [
      't.council_id', 't.team_id', 't.name', 't.service', 't.parent_team_id',
      eb.fn.count<number>('p.practitioner_id').as('practitioners'),
      eb.fn.coalesce(eb.fn.sum<number>('p.fte'), eb.lit(0)).as('fte'),
      eb.selectFrom('posts as v').whereRef('v.council_id', '=', 't.council_id').whereRef('v.team_id', '=', 't.team_id')
        .where('v.status', '=', 'vacant').select((e) => e.fn.count<number>('v.post_id').as('n')).as('vacancies'),
    ])
    .where('t.council_id', '=', councilId)
    .groupBy(['t.council_id', 't.team_id', 't.name', 't.service', 't.parent_team_id'])
    .orderBy('t.team_id')
    .execute();
  return rows.map((r) => ({ ...r, practitioners: Number(r.practitioners), fte: Number(r.fte), vacancies: Number(r.vacancies ?? 0) }));
}

export async function getTeam(db: Db, councilId: string, teamId: string): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where('council_id', '=', councilId).where('team_id', '=', teamId).executeTakeFirst();
}

/** Practitioners in post on `date`: in one team, or (teamId undefined) the whole council. */
export async function listPractitionersInPost(db: Db, councilId: string, date: string, teamId?: string): Promise<PractitionerRow[]> {
  let query = db.selectFrom('practitioners').selectAll()
    .where('council_id', '=', councilId)
    .where((eb) => coversDaySql(eb, IN_POST, date));
  if (teamId !== undefined) query = query.where('team_id', '=', teamId);
  return query.orderBy('practitioner_id').execute();
}

/** Practitioners by id, in post or not (a case's former worker may have left). */
/**
 * Staff who started or left in (from, to]: the year's starters and leavers, for the council's
 * return (a leaving date of `to` is a leaver in the year: not in post on that day).
 */
export async function listPractitionersMovingIn(db: Db, councilId: string, from: string, to: string): Promise<PractitionerRow[]> {
  return db.selectFrom('practitioners').selectAll().where('council_id', '=', councilId)
    .where((eb) => eb.or([eb.and([eb('started_on', '>', from), eb('started_on', '<=', to)]), eb.and([eb('left_on', '>', from), eb('left_on', '<=', to)])]))
    .orderBy('practitioner_id').execute() as Promise<PractitionerRow[]>;
}

export async function listPractitionersByIds(db: Db, councilId: string, practitionerIds: readonly string[]): Promise<PractitionerRow[]> {
  if (practitionerIds.length === 0) return [];
  return db.selectFrom('practitioners').selectAll()
    .where('council_id', '=', councilId).where('practitioner_id', 'in', [...new Set(practitionerIds)]).execute();
}

export async function getPractitioner(db: Db, councilId: string, practitionerId: string): Promise<PractitionerRow | undefined> {
  return db.selectFrom('practitioners').selectAll()
    .where('council_id', '=', councilId).where('practitioner_id', '=', practitionerId).executeTakeFirst();
}

/** Absences touching [from, to] for the given practitioners (all of the council's when omitted). */
export async function listAbsences(db: Db, councilId: string, from: string, to: string, practitionerIds?: readonly string[]): Promise<AbsenceRow[]> {
  if (practitionerIds && practitionerIds.length === 0) return [];
  let query = db.selectFrom('absences').selectAll()
    .where('council_id', '=', councilId).where('end_date', '>=', from).where('start_date', '<=', to);
  if (practitionerIds) query = query.where('practitioner_id', 'in', practitionerIds);
  return query.orderBy('start_date').execute();
}

export async function listPosts(db: Db, councilId: string, teamId?: string): Promise<PostRow[]> {
  let query = db.selectFrom('posts').selectAll().where('council_id', '=', councilId);
  if (teamId !== undefined) query = query.where('team_id', '=', teamId);
  return query.orderBy('post_id').execute();
}

/**
 * The ids of practitioners in post on `date` (as listPractitionersInPost) whose workload a list
 * may show this actor (access/filters.ts practitionerListFilter): in one team, or the whole
 * council when `teamId` is undefined. Another council's filter, or scope 'none', matches nothing.
 */
export async function listVisiblePractitionerIds(db: Db, councilId: string, date: string, filter: PractitionerListFilter, teamId?: string): Promise<string[]> {
  if (filter.councilId !== councilId || filter.scope === 'none') return [];
  let query = db.selectFrom('practitioners').select('practitioner_id')
    .where('council_id', '=', councilId)
    .where((eb) => coversDaySql(eb, IN_POST, date));
  if (teamId !== undefined) query = query.where('team_id', '=', teamId);
  if (filter.scope === 'some') {
    const { practitionerIds, teamIds } = filter;
    if (practitionerIds.length === 0 && teamIds.length === 0) return [];
    query = query.where((eb) => eb.or([
      ...(practitionerIds.length === 0 ? [] : [eb('practitioner_id', 'in', practitionerIds)]),
      ...(teamIds.length === 0 ? [] : [eb('team_id', 'in', teamIds)]),
    ]));
  }
  const rows = await query.orderBy('practitioner_id').execute();
  return rows.map((r) => r.practitioner_id);
}

/** Names of practitioners and of teams by id, for a page that names the records it lists (the audit log). */
export async function listPractitionerNames(db: Db, councilId: string, practitionerIds: readonly string[]): Promise<{ practitioner_id: string; name: string }[]> {
  if (practitionerIds.length === 0) return [];
  return db.selectFrom('practitioners').select(['practitioner_id', 'name'])
    .where('council_id', '=', councilId).where('practitioner_id', 'in', [...new Set(practitionerIds)]).execute();
}

export async function listTeamNames(db: Db, councilId: string, teamIds: readonly string[]): Promise<{ team_id: string; name: string }[]> {
  if (teamIds.length === 0) return [];
  return db.selectFrom('teams').select(['team_id', 'name'])
    .where('council_id', '=', councilId).where('team_id', 'in', [...new Set(teamIds)]).execute();
}
