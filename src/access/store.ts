import type { Kysely } from 'kysely';
import type { Database } from '../platform/tables.ts';

type Db = Kysely<Database>;

export async function listActiveGrantChildIds(db: Db, councilId: string, userId: string, now: Date): Promise<string[]> {
  const rows = await db.selectFrom('access_grants').select('child_id')
    .where('council_id', '=', councilId).where('user_id', '=', userId).where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)])).execute();
  return rows.map((r) => r.child_id);
}

/** Which practitioners (through their accounts) hold a live grant to each of these restricted children. */
export async function listGrantedPractitioners(db: Db, councilId: string, childIds: readonly string[], now: Date): Promise<{ child_id: string; practitioner_id: string }[]> {
  if (childIds.length === 0) return [];
  const rows = await db.selectFrom('access_grants as g')
    .innerJoin('users as u', (j) => j.onRef('u.council_id', '=', 'g.council_id').onRef('u.user_id', '=', 'g.user_id'))
    .select(['g.child_id', 'u.practitioner_id'])
    .where('g.council_id', '=', councilId).where('g.child_id', 'in', [...new Set(childIds)]).where('g.revoked_at', 'is', null)
    .where('u.practitioner_id', 'is not', null)
    .where((eb) => eb.or([eb('g.expires_at', 'is', null), eb('g.expires_at', '>', now)])).execute();
  return rows.map((r) => ({ child_id: r.child_id, practitioner_id: r.practitioner_id! }));
}

export async function insertGrant(db: Db, row: { council_id: string; grant_id: string; user_id: string; child_id: string; reason: string; granted_by: string; expires_at: Date | null }): Promise<void> {
  await db.insertInto('access_grants').values({ ...row, revoked_at: null }).execute();
}

export async function listActiveBreakGlassChildIds(db: Db, councilId: string, userId: string, now: Date): Promise<string[]> {
  const rows = await db.selectFrom('break_glass').select('child_id')
    .where('council_id', '=', councilId).where('user_id', '=', userId).where('expires_at', '>', now).execute();
  return rows.map((r) => r.child_id);
}

export async function insertBreakGlass(db: Db, row: { council_id: string; break_glass_id: string; user_id: string; child_id: string; reason: string; expires_at: Date }): Promise<void> {
  await db.insertInto('break_glass').values({ ...row, reviewed_by: null, reviewed_at: null, review_outcome: null, review_note: null }).execute();
}

export interface BreakGlassRow {
  break_glass_id: string;
  user_id: string;
  user_name: string;
  user_team_ids: string[];
  child_id: string;
  reason: string;
  started_at: Date;
  expires_at: Date;
  reviewed_by: string | null;
  review_outcome: string | null;
}

/** Emergency accesses awaiting review (or all, newest first). */
export async function listBreakGlass(db: Db, councilId: string, onlyUnreviewed: boolean): Promise<BreakGlassRow[]> {
  let q = db.selectFrom('break_glass as b')
    .innerJoin('users as u', (j) => j.onRef('u.council_id', '=', 'b.council_id').onRef('u.user_id', '=', 'b.user_id'))
    .select(['b.break_glass_id', 'b.user_id', 'u.name as user_name', 'u.team_ids as user_team_ids', 'b.child_id', 'b.reason', 'b.started_at', 'b.expires_at', 'b.reviewed_by', 'b.review_outcome'])
    .where('b.council_id', '=', councilId);
  if (onlyUnreviewed) q = q.where('b.reviewed_at', 'is', null);
  return q.orderBy('b.started_at', 'desc').limit(500).execute();
}

export async function reviewBreakGlass(db: Db, councilId: string, id: string, reviewer: string, outcome: 'justified' | 'not_justified', note: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('break_glass')
    .set({ reviewed_by: reviewer, reviewed_at: now, review_outcome: outcome, review_note: note })
    .where('council_id', '=', councilId).where('break_glass_id', '=', id).where('reviewed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}


export interface GrantRow {
  grant_id: string;
  user_id: string;
  user_name: string | null;
  child_id: string;
  reason: string;
  granted_by: string;
  granted_by_name: string | null;
  granted_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  revoked_by_name: string | null;
}

/** Grants running at `now`, and those that ended (expired or were ended early) since `since`: the review list. */
export async function listGrantsForReview(db: Db, councilId: string, now: Date, since: Date): Promise<GrantRow[]> {
  return db.selectFrom('access_grants as g')
    .leftJoin('users as u', (j) => j.onRef('u.council_id', '=', 'g.council_id').onRef('u.user_id', '=', 'g.user_id'))
    .leftJoin('users as b', (j) => j.onRef('b.council_id', '=', 'g.council_id').onRef('b.user_id', '=', 'g.granted_by'))
    .leftJoin('users as r', (j) => j.onRef('r.council_id', '=', 'g.council_id').onRef('r.user_id', '=', 'g.revoked_by'))
    .select(['g.grant_id', 'g.user_id', 'u.name as user_name', 'g.child_id', 'g.reason', 'g.granted_by', 'b.name as granted_by_name', 'g.granted_at',
      'g.expires_at', 'g.revoked_at', 'g.revoked_by', 'r.name as revoked_by_name'])
    .where('g.council_id', '=', councilId)
    .where((eb) => eb.or([
      eb.and([eb('g.revoked_at', 'is', null), eb.or([eb('g.expires_at', 'is', null), eb('g.expires_at', '>', since)])]),
      eb('g.revoked_at', '>', since),
    ]))
    .orderBy('g.granted_at', 'desc').orderBy('g.grant_id').limit(2000).execute();
}

export async function getGrant(db: Db, councilId: string, grantId: string) {
  return db.selectFrom('access_grants').select(['grant_id', 'user_id', 'child_id', 'expires_at', 'revoked_at'])
    .where('council_id', '=', councilId).where('grant_id', '=', grantId).executeTakeFirst();
}

/** Ends a running grant at `now`; false when it had already ended (expired or ended before). */
export async function revokeGrant(db: Db, councilId: string, grantId: string, by: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('access_grants').set({ revoked_at: now, revoked_by: by })
    .where('council_id', '=', councilId).where('grant_id', '=', grantId).where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
