import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, UsersTable } from '../platform/tables.ts';

type Db = Kysely<Database>;

/** A user as identity reads it (everything but when the account was made). */
export type UserRow = Omit<Selectable<UsersTable>, 'created_at'>;

const userColumns = ['council_id', 'user_id', 'email', 'name', 'roles', 'practitioner_id', 'team_ids', 'password_hash', 'oidc_issuer',
  'oidc_subject', 'failed_sign_ins', 'locked_until', 'disabled'] as const satisfies readonly (keyof UsersTable)[];

/**
 * One account per email across the deployment: sign-in looks people up by email before it knows the
 * council. The database enforces it only within a council (migration 0006, for distribution by council_id).
 */
export async function insertUser(db: Db, user: Omit<UserRow, 'failed_sign_ins' | 'locked_until' | 'disabled'>): Promise<void> {
  const elsewhere = await db.selectFrom('users').select('council_id')
    .where(sql`lower(email)`, '=', user.email.toLowerCase()).where('council_id', '<>', user.council_id).executeTakeFirst();
  if (elsewhere) throw new Error(`Another council already has an account with the email address ${user.email}.`);
  await db.insertInto('users').values(user).execute();
}

/** The one account with this email; none when two councils hold it (each index is unique only within a council). */
export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const rows = await db.selectFrom('users').select(userColumns).where(sql`lower(email)`, '=', email.trim().toLowerCase()).limit(2).execute();
  return rows.length === 1 ? rows[0] : undefined;
}

export async function findUserByOidc(db: Db, issuer: string, subject: string): Promise<UserRow | undefined> {
  const rows = await db.selectFrom('users').select(userColumns).where('oidc_issuer', '=', issuer).where('oidc_subject', '=', subject).limit(2).execute();
  return rows.length === 1 ? rows[0] : undefined;
}

export async function getUser(db: Db, councilId: string, userId: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(userColumns).where('council_id', '=', councilId).where('user_id', '=', userId).executeTakeFirst();
}

export async function linkOidcIdentity(db: Db, councilId: string, userId: string, issuer: string, subject: string): Promise<void> {
  await db.updateTable('users').set({ oidc_issuer: issuer, oidc_subject: subject })
    .where('council_id', '=', councilId).where('user_id', '=', userId).execute();
}

/** Counts a failed sign-in; returns the new count. Locks the account when told to. */
export async function recordFailedSignIn(db: Db, councilId: string, userId: string, lockUntil: Date | null): Promise<number> {
  const row = await db.updateTable('users')
    .set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1), ...(lockUntil ? { locked_until: lockUntil } : {}) }))
    .where('council_id', '=', councilId).where('user_id', '=', userId)
    .returning('failed_sign_ins').executeTakeFirst();
  return row?.failed_sign_ins ?? 0;
}

export async function lockUser(db: Db, councilId: string, userId: string, until: Date): Promise<void> {
  await db.updateTable('users').set({ locked_until: until }).where('council_id', '=', councilId).where('user_id', '=', userId).execute();
}

export async function clearFailedSignIns(db: Db, councilId: string, userId: string): Promise<void> {
  await db.updateTable('users').set({ failed_sign_ins: 0, locked_until: null }).where('council_id', '=', councilId).where('user_id', '=', userId).execute();
}

// Sessions (used by the @fastify/session store).
export async function getSessionData(db: Db, sid: string, now: Date): Promise<unknown | undefined> {
  const row = await db.selectFrom('sessions').select('data').where('sid', '=', sid).where('expires_at', '>', now).executeTakeFirst();
  return row?.data;
}

export async function saveSession(db: Db, sid: string, data: unknown, expiresAt: Date, councilId: string | null, userId: string | null): Promise<void> {
  await db.insertInto('sessions')
    .values({ sid, data: JSON.stringify(data), expires_at: expiresAt, council_id: councilId, user_id: userId })
    .onConflict((oc) => oc.column('sid').doUpdateSet({ data: JSON.stringify(data), expires_at: expiresAt, council_id: councilId, user_id: userId }))
    .execute();
}

export async function deleteSession(db: Db, sid: string): Promise<void> {
  await db.deleteFrom('sessions').where('sid', '=', sid).execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
