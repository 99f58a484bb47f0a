import type { Kysely } from 'kysely';
import { OPEN_PERIOD, type AllocationRow, type ChildRow, type EpisodeRow, type FactorRow, type RecordedRow } from '../kernel/register.ts';
import { coversDaySql, insertRegisterRows } from '../platform/bulk.ts';
import type { Database } from '../platform/tables.ts';

type Db = Kysely<Database>;
export type { AllocationRow, ChildRow, EpisodeRow, FactorRow, RecordedRow };

export const insertChildren = (db: Db, rows: readonly ChildRow[]) => insertRegisterRows(db, 'children', rows);

export const insertEpisodes = (db: Db, rows: readonly EpisodeRow[]) => insertRegisterRows(db, 'episodes', rows);

export const insertFactors = (db: Db, rows: readonly FactorRow[]) => insertRegisterRows(db, 'factors', rows);

export const insertAllocations = (db: Db, rows: readonly AllocationRow[]) => insertRegisterRows(db, 'allocations', rows);

export const insertRecorded = (db: Db, rows: readonly RecordedRow[]) => insertRegisterRows(db, 'recorded', rows);

/**
 * Lead allocations open on `date` (start <= date < end): who holds which case. Scoped to some
 * practitioners, or the whole council when `practitionerIds` is omitted.
 */
export async function listOpenLeadAllocations(db: Db, councilId: string, date: string, practitionerIds?: readonly string[]): Promise<AllocationRow[]> {
  if (practitionerIds && practitionerIds.length === 0) return [];
  let query = db.selectFrom('allocations').selectAll()
    .where('council_id', '=', councilId)
    .where('role', '=', 'lead')
    .where((eb) => coversDaySql(eb, OPEN_PERIOD, date));
  if (practitionerIds) query = query.where('practitioner_id', 'in', practitionerIds);
  return query.orderBy('child_id').execute();
}

export async function getChild(db: Db, councilId: string, childId: string): Promise<ChildRow | undefined> {
  return db.selectFrom('children').selectAll().where('council_id', '=', councilId).where('child_id', '=', childId).executeTakeFirst();
}

/** Children, their episodes and factors; the whole council when `childIds` is omitted. */
export async function loadCaseRecords(db: Db, councilId: string, childIds?: readonly string[]) {
  if (childIds && childIds.length === 0) return { children: [], episodes: [], factors: [] };
  let children = db.selectFrom('children').select(['child_id', 'family_id', 'name']).where('council_id', '=', councilId);
  let episodes = db.selectFrom('case_episodes').selectAll().where('council_id', '=', councilId);
  let factors = db.selectFrom('complexity_factors').selectAll().where('council_id', '=', councilId);
  if (childIds) {
    children = children.where('child_id', 'in', childIds);
    episodes = episodes.where('child_id', 'in', childIds);
    factors = factors.where('child_id', 'in', childIds);
  }
  const [c, e, f] = await Promise.all([children.execute(), episodes.orderBy('start_date').execute(), factors.execute()]);
  return { children: c, episodes: e, factors: f };
}

export async function listAllocationHistory(db: Db, councilId: string, childId: string): Promise<(AllocationRow & { practitioner_name: string })[]> {
  return db.selectFrom('allocations as a')
    .innerJoin('practitioners as p', (j) => j.onRef('p.council_id', '=', 'a.council_id').onRef('p.practitioner_id', '=', 'a.practitioner_id'))
    .selectAll('a').select('p.name as practitioner_name')
    .where('a.council_id', '=', councilId).where('a.child_id', '=', childId)
    .orderBy('a.start_date').execute();
}

export async function listRecorded(db: Db, councilId: string, childId: string): Promise<RecordedRow[]> {
  return db.selectFrom('recorded_activities').selectAll()
    .where('council_id', '=', councilId).where('child_id', '=', childId).orderBy('occurred_on').execute();
}

/** What need-to-know decisions about one child rest on: restriction, and who holds the case today. */
export async function getChildAccessFacts(db: Db, councilId: string, childId: string, date: string) {
  const child = await db.selectFrom('children').select(['child_id', 'restricted']).where('council_id', '=', councilId).where('child_id', '=', childId).executeTakeFirst();
  if (!child) return undefined;
  const holders = await db.selectFrom('allocations').select(['practitioner_id', 'team_id'])
    .where('council_id', '=', councilId).where('child_id', '=', childId).where('role', '=', 'lead')
    .where((eb) => coversDaySql(eb, OPEN_PERIOD, date)).execute();
  return {
    childId: child.child_id,
    restricted: child.restricted,
    holderIds: [...new Set(holders.map((h) => h.practitioner_id))],
    teamIds: [...new Set(holders.map((h) => h.team_id))],
  };
}

export async function listRestrictedChildIds(db: Db, councilId: string, childIds: readonly string[]): Promise<string[]> {
  if (childIds.length === 0) return [];
  const rows = await db.selectFrom('children').select('child_id').where('council_id', '=', councilId).where('child_id', 'in', childIds).where('restricted', '=', true).execute();
  return rows.map((r) => r.child_id);
}

/** Work recorded on several children's cases (pages: what is due across a caseload). */
export async function listRecordedForChildren(db: Db, councilId: string, childIds: readonly string[]): Promise<RecordedRow[]> {
  if (childIds.length === 0) return [];
  return db.selectFrom('recorded_activities').selectAll()
    .where('council_id', '=', councilId).where('child_id', 'in', childIds).orderBy('occurred_on').execute();
}

/** One child's status history, oldest first. */
export async function listEpisodes(db: Db, councilId: string, childId: string): Promise<EpisodeRow[]> {
  return db.selectFrom('case_episodes').selectAll()
    .where('council_id', '=', councilId).where('child_id', '=', childId).orderBy('start_date').orderBy('episode_id').execute();
}

/** One child's complexity factors, oldest first. */
export async function listFactors(db: Db, councilId: string, childId: string): Promise<FactorRow[]> {
  return db.selectFrom('complexity_factors').selectAll()
    .where('council_id', '=', councilId).where('child_id', '=', childId).orderBy('start_date').execute();
}

/** What the retention schedule needs of every child: date of birth and each period of involvement. */
export async function listRetentionFacts(db: Db, councilId: string) {
  const [children, episodes] = await Promise.all([
    db.selectFrom('children').select(['child_id', 'date_of_birth']).where('council_id', '=', councilId).execute(),
    db.selectFrom('case_episodes').select(['child_id', 'kind', 'start_date', 'end_date']).where('council_id', '=', councilId).execute(),
  ]);
  return { children, episodes };
}
