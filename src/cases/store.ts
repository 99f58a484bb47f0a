import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { OPEN_PERIOD, type AllocationRow, type ChildRow, type EpisodeRow, type FactorRow, type RecordedRow } from '../kernel/register.ts';
import type { ChildListFilter } from '../kernel/list-filters.ts';
import { coversDaySql, insertRegisterRows } from '../platform/bulk.ts';
import type { ChildrenTable, Database } from '../platform/tables.ts';

type Db = Kysely<Database>;
export type { AllocationRow, ChildRow, EpisodeRow, FactorRow, RecordedRow };

export const insertChildren = (db: Db, rows: readonly ChildRow[]) => insertRegisterRows(db, 'children', rows);

export const insertEpisodes = (db: Db, rows: readonly EpisodeRow[]) => insertRegisterRows(db, 'episodes', rows);

export const insertFactors = (db: Db, rows: readonly FactorRow[]) => insertRegisterRows(db, 'factors', rows);


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
/** The teams holding each of these children's cases on `date` (lead allocations open that day): one read for a list of grants. */
export async function listChildTeamIds(db: Db, councilId: string, childIds: readonly string[], date: string): Promise<Map<string, string[]>> {
  const teams = new Map<string, string[]>(childIds.map((c) => [c, []]));
  if (childIds.length === 0) return teams;
  const rows = await db.selectFrom('allocations').select(['child_id', 'team_id']).distinct()
    .where('council_id', '=', councilId).where('child_id', 'in', [...new Set(childIds)]).where('role', '=', 'lead')
    .where((eb) => coversDaySql(eb, OPEN_PERIOD, date)).execute();
  for (const r of rows) teams.get(r.child_id)?.push(r.team_id);
  return teams;
}

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

/**
 * Children whose lead allocation is open on `date` (start <= date < end) through `reach`: held
 * by this practitioner or through one of these teams. The same rows getChildAccessFacts reads
 * for one child (its holders and their teams), asked for the whole council at once.
 */
function heldOpenOn(eb: ExpressionBuilder<Database & { c: ChildrenTable }, 'c'>, date: string, holderId: string | null, teamIds: readonly string[]) {
  return eb.exists(eb.selectFrom('allocations as a').select(eb.lit(1).as('one'))
    .whereRef('a.council_id', '=', 'c.council_id').whereRef('a.child_id', '=', 'c.child_id')
    .where('a.role', '=', 'lead')
    .where((e) => coversDaySql(e, OPEN_PERIOD, date, 'a'))
    .where((e) => e.or([
      ...(holderId === null ? [] : [e('a.practitioner_id', '=', holderId)]),
      ...(teamIds.length === 0 ? [] : [e('a.team_id', 'in', teamIds)]),
    ])));
}

/**
 * The children of `councilId` that `filter` (access/filters.ts childListFilter) lets a list show on
 * `date`, as a query on `children as c`; `among` narrows it to some children. Another council's
 * filter, or scope 'none', matches nothing.
 */
function visibleChildren(db: Db, councilId: string, date: string, filter: ChildListFilter, among?: readonly string[]) {
  let query = db.selectFrom('children as c').where('c.council_id', '=', councilId);
  if (among) query = among.length === 0 ? query.where(sql<boolean>`false`) : query.where('c.child_id', 'in', among);
  if (filter.councilId !== councilId || filter.scope === 'none') return query.where(sql<boolean>`false`);
  if (filter.scope === 'all') return query;
  const { openChildIds, holderId, teamIds, everyCase, grantedChildIds } = filter;
  return query.where((eb) => {
    const reached = everyCase ? sql<boolean>`true` : holderId === null && teamIds.length === 0 ? sql<boolean>`false` : heldOpenOn(eb, date, holderId, teamIds);
    const passesRestriction = grantedChildIds.length === 0
      ? eb('c.restricted', '=', false)
      : eb.or([eb('c.restricted', '=', false), eb('c.child_id', 'in', grantedChildIds)]);
    return eb.or([
      ...(openChildIds.length === 0 ? [] : [eb('c.child_id', 'in', openChildIds)]),
      eb.and([passesRestriction, reached]),
    ]);
  });
}

/** The ids of the children a list may show this actor (see childListFilter), in child_id order. */
export async function listVisibleChildIds(db: Db, councilId: string, date: string, filter: ChildListFilter, among?: readonly string[]): Promise<string[]> {
  const rows = await visibleChildren(db, councilId, date, filter, among).select('c.child_id').orderBy('c.child_id').execute();
  return rows.map((r) => r.child_id);
}

/** How many children a list may show this actor: the count beside listVisibleChildIds. */
export async function countVisibleChildren(db: Db, councilId: string, date: string, filter: ChildListFilter, among?: readonly string[]): Promise<number> {
  const row = await visibleChildren(db, councilId, date, filter, among).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
