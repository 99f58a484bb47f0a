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

// Accounts, as a system administrator manages them (migration 0008 for the one-time links).

/** An account as the users pages and `caseweight users list` show it: never the password hash itself. */
export type AccountRow = Omit<UserRow, 'password_hash'> & { has_password: boolean };

export async function listAccounts(db: Db, councilId: string): Promise<AccountRow[]> {
  return db.selectFrom('users').select([...userColumns.filter((c) => c !== 'password_hash'), sql<boolean>`password_hash is not null`.as('has_password')])
    .where('council_id', '=', councilId).orderBy(sql`lower(name)`).orderBy('user_id').execute();
}

export async function findUserInCouncilByEmail(db: Db, councilId: string, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(userColumns).where('council_id', '=', councilId).where(sql`lower(email)`, '=', email.trim().toLowerCase()).executeTakeFirst();
}

/** Any account with this email in any council (one account per email across the deployment). */
export async function emailInUse(db: Db, email: string): Promise<boolean> {
  return (await db.selectFrom('users').select('user_id').where(sql`lower(email)`, '=', email.trim().toLowerCase()).limit(1).executeTakeFirst()) !== undefined;
}

export async function updateAccount(db: Db, councilId: string, userId: string,
  change: Partial<{ disabled: boolean; roles: string[]; team_ids: string[]; password_hash: string; failed_sign_ins: number; locked_until: Date | null }>): Promise<void> {
  await db.updateTable('users').set(change).where('council_id', '=', councilId).where('user_id', '=', userId).execute();
}

/** Ends every session of one person at once (disable, a new password). */
export async function deleteUserSessions(db: Db, councilId: string, userId: string): Promise<number> {
  const r = await db.deleteFrom('sessions').where('council_id', '=', councilId).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** System administrators of a council: every one, and those who can still sign in. */
export async function countSystemAdministrators(db: Db, councilId: string): Promise<{ all: number; enabled: number }> {
  const row = await db.selectFrom('users')
    .select([sql<string>`count(*)`.as('all'), sql<string>`count(*) filter (where not disabled)`.as('enabled')])
    .where('council_id', '=', councilId).where(sql<boolean>`'system_administrator' = any(roles)`).executeTakeFirstOrThrow();
  return { all: Number(row.all), enabled: Number(row.enabled) };
}

/** Orders the first-administrator setup of one council, so two uses of the link at once make one account. */
export async function lockCouncilAccounts(db: Db, councilId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`accounts:${councilId}`}))`.execute(db);
}

export type AccountTokenRow = Selectable<Database['account_tokens']>;

export async function insertAccountToken(db: Db, token: Omit<AccountTokenRow, 'created_at' | 'used_at' | 'revoked_at'>): Promise<void> {
  await db.insertInto('account_tokens').values(token).execute();
}

/** Ends the unused links of one purpose (for one person, or the council's setup links) when a new one is issued. */
export async function revokeAccountTokens(db: Db, councilId: string, purpose: AccountTokenRow['purpose'], userId: string | null, now: Date): Promise<void> {
  let q = db.updateTable('account_tokens').set({ revoked_at: now })
    .where('council_id', '=', councilId).where('purpose', '=', purpose).where('used_at', 'is', null).where('revoked_at', 'is', null);
  q = userId === null ? q.where('user_id', 'is', null) : q.where('user_id', '=', userId);
  await q.execute();
}

/** A link that can still be used: found by its hash (the council is not known yet), unused, unrevoked, unexpired. */
export async function findUsableAccountToken(db: Db, tokenHash: string, now: Date): Promise<AccountTokenRow | undefined> {
  const rows = await db.selectFrom('account_tokens').selectAll().where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null).where('revoked_at', 'is', null).where('expires_at', '>', now).limit(2).execute();
  return rows.length === 1 ? rows[0] : undefined;
}

/** Uses a link once: true only for the one caller that marked it (a second, concurrent use finds it used). */
export async function consumeAccountToken(db: Db, councilId: string, tokenHash: string, now: Date): Promise<boolean> {
  const row = await db.updateTable('account_tokens').set({ used_at: now })
    .where('council_id', '=', councilId).where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null).where('revoked_at', 'is', null).where('expires_at', '>', now)
    .returning('token_hash').executeTakeFirst();
  return row !== undefined;
}

// People as the audit log names them.

export interface PersonName {
  user_id: string;
  name: string;
  email: string;
  team_ids: string[];
}

/** Names (and teams) of these accounts, disabled ones included: the audit log outlives an account's use. */
export async function listUserNames(db: Db, councilId: string, userIds: readonly string[]): Promise<PersonName[]> {
  if (userIds.length === 0) return [];
  return db.selectFrom('users').select(['user_id', 'name', 'email', 'team_ids'])
    .where('council_id', '=', councilId).where('user_id', 'in', [...new Set(userIds)]).execute();
}

/** Accounts whose name or email contains `text` (any case), by name: the audit search's "who". */
export async function findUsersByNameOrEmail(db: Db, councilId: string, text: string, limit: number): Promise<PersonName[]> {
  // % and _ are LIKE's wildcards: a search for "a_b" means those three characters.
  const pattern = `%${text.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db.selectFrom('users').select(['user_id', 'name', 'email', 'team_ids'])
    .where('council_id', '=', councilId)
    .where((eb) => eb.or([eb(sql`lower(name)`, 'like', pattern), eb(sql`lower(email)`, 'like', pattern)]))
    .orderBy(sql`lower(name)`).orderBy('user_id').limit(limit).execute();
}
