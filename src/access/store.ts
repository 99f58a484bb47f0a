import type { Kysely } from 'kysely';
import type { Database } from '../platform/tables.ts';

type Db = Kysely<Database>;

export async function listActiveGrantChildIds(db: Db, councilId: string, userId: string, now: Date): Promise<string[]> {
  const rows = await db.selectFrom('access_grants').select('child_id')
    .where('council_id', '=', councilId).where('user_id', '=', userId).where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)])).execute();
  return rows.map((r) => r.child_id);
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

