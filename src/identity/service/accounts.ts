import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { authorise } from '../../access/service.ts';
import type { Origin, RequestContext } from '../../kernel/context.ts';
import { InvalidInputError, NotFoundError, type FieldProblem } from '../../kernel/errors.ts';
import type { Role } from '../../kernel/roles.ts';
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { getCouncil, getPractitioner, getTeam, listCouncils } from '../../workforce/store.ts';
import { accountStatus, checkNewAccount, checkTeamIds, newPasswordProblems, parseRoles, SET_PASSWORD_HOURS, SETUP_HOURS, type AccountStatus, type NewAccountInput } from '../model.ts';
import * as store from '../store.ts';
import { hashPassword } from './passwords.ts';

/** Which account: by email (the command line) or by id (the pages). */
export type AccountRef = { email: string } | { userId: string };

export interface Account {
  userId: string;
  email: string;
  name: string;
  roles: Role[];
  teamIds: string[];
  practitionerId: string | null;
  status: AccountStatus;
  lockedUntil: Date | null;
  singleSignOn: boolean;
}

/** A one-time link, shown once: the token itself is never stored (only its SHA-256). */
export interface OneTimeLink {
  token: string;
  /** The path to open, like /set-password?token=…; put the service's address in front. */
  path: string;
  expiresAt: Date;
}

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

function toAccount(u: store.AccountRow | store.UserRow, now: Date): Account {
  const hasPassword = 'has_password' in u ? u.has_password : u.password_hash !== null;
  return {
    userId: u.user_id, email: u.email, name: u.name, roles: u.roles as Role[], teamIds: u.team_ids, practitionerId: u.practitioner_id,
    status: accountStatus({ disabled: u.disabled, locked_until: u.locked_until, password_hash: hasPassword ? 'set' : null, oidc_subject: u.oidc_subject }, now),
    lockedUntil: u.locked_until && u.locked_until > now ? u.locked_until : null, singleSignOn: u.oidc_subject !== null,
  };
}

const invalid = (problems: FieldProblem[]) => new InvalidInputError(problems.map((p) => p.message).join(' '), problems);

/** Asks the policy first: managing accounts is for system administrators (and the server's operator). */
const gate = (db: Db, ctx: RequestContext, action: 'read' | 'write', page: string) =>
  authorise(db, ctx.actor, action, { kind: 'users', councilId: ctx.actor.councilId }, page, ctx.origin);

const audit = (db: Db, ctx: RequestContext, action: 'read' | 'write', userId: string | null, fields: string) =>
  recordAudit(db, { councilId: ctx.actor.councilId, actorUserId: ctx.actor.userId, actorRoles: ctx.actor.roles, action, recordType: 'user', recordId: userId, fields, ip: ctx.origin.ip }, ctx.now);

async function findAccount(db: Db, ctx: RequestContext, ref: AccountRef): Promise<store.UserRow> {
  const user = 'email' in ref ? await store.findUserInCouncilByEmail(db, ctx.actor.councilId, ref.email) : await store.getUser(db, ctx.actor.councilId, ref.userId);
  if (!user) throw new NotFoundError('email' in ref ? `There is no account for ${ref.email} in this council. Run "caseweight users list" to see the accounts.` : 'There is no such account.');
  return user;
}

/** Issues a set-password link for one person, ending any earlier one (same transaction as its audit event). */
async function issueSetPassword(trx: Db, councilId: string, userId: string, createdBy: string, now: Date): Promise<OneTimeLink> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SET_PASSWORD_HOURS * 3_600_000);
  await store.revokeAccountTokens(trx, councilId, 'set_password', userId, now);
  await store.insertAccountToken(trx, { council_id: councilId, token_hash: hashToken(token), purpose: 'set_password', user_id: userId, created_by: createdBy, expires_at: expiresAt });
  return { token, path: `/set-password?token=${token}`, expiresAt };
}

/** Asks only: may this person manage accounts? (The empty "add a user" form.) A refusal is a 404, audited. */
export const checkMayManageAccounts = (db: Db, ctx: RequestContext) => gate(db, ctx, 'write', 'add user form');

/** Every account of the council, for the users page and `caseweight users list`. */
export async function listAccounts(db: Db, ctx: RequestContext): Promise<Account[]> {
  await gate(db, ctx, 'read', 'users list');
  return db.transaction().execute(async (trx) => {
    const rows = await store.listAccounts(trx, ctx.actor.councilId);
    await audit(trx, ctx, 'read', null, `users list (${rows.length} accounts)`);
    return rows.map((r) => toAccount(r, ctx.now));
  });
}

export async function getAccount(db: Db, ctx: RequestContext, ref: AccountRef): Promise<Account> {
  await gate(db, ctx, 'read', 'user account');
  return db.transaction().execute(async (trx) => {
    const user = await findAccount(trx, ctx, ref);
    await audit(trx, ctx, 'read', user.user_id, 'user account');
    return toAccount(user, ctx.now);
  });
}

async function checkTeamsAndPractitioner(db: Db, councilId: string, teamIds: readonly string[], practitionerId: string | null): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const unknown: string[] = [];
  for (const t of teamIds) if (!(await getTeam(db, councilId, t))) unknown.push(t);
  if (unknown.length) problems.push({ field: 'teamIds', message: `There is no team ${unknown.map((t) => `"${t}"`).join(' or ')} in this council. Use the team ids on the service view, like SF1.` });
  if (practitionerId && !(await getPractitioner(db, councilId, practitionerId))) problems.push({ field: 'practitionerId', message: `There is no practitioner "${practitionerId}" in this council's workforce data.` });
  return problems;
}

/**
 * A new account with no password, and its one-time set-password link (72 hours) for the
 * administrator to pass on: nobody, the administrator included, ever sees the password.
 */
export async function addAccount(db: Db, ctx: RequestContext, input: NewAccountInput): Promise<{ account: Account; link: OneTimeLink }> {
  await gate(db, ctx, 'write', 'add user');
  if (!(await getCouncil(db, ctx.actor.councilId))) throw new NotFoundError(`There is no council "${ctx.actor.councilId}". Give its id with --council, or import its data first.`);
  const { account, problems } = checkNewAccount(input);
  if (problems.length === 0) problems.push(...await checkTeamsAndPractitioner(db, ctx.actor.councilId, account.teamIds, account.practitionerId));
  if (!problems.some((p) => p.field === 'email') && account.email && (await store.emailInUse(db, account.email))) {
    problems.unshift({ field: 'email', message: `There is already an account for ${account.email}. Find it in the list of users instead.` });
  }
  if (problems.length) throw invalid(problems);
  const userId = randomUUID();
  return db.transaction().execute(async (trx) => {
    await store.insertUser(trx, { council_id: ctx.actor.councilId, user_id: userId, email: account.email, name: account.name, roles: account.roles, practitioner_id: account.practitionerId, team_ids: account.teamIds, password_hash: null, oidc_issuer: null, oidc_subject: null });
    const link = await issueSetPassword(trx, ctx.actor.councilId, userId, ctx.actor.userId, ctx.now);
    await audit(trx, ctx, 'write', userId, `account added: ${account.email}; roles ${account.roles.join(', ')}; teams ${account.teamIds.join(', ') || 'none'}; set-password link until ${link.expiresAt.toISOString()}`);
    const row = await store.getUser(trx, ctx.actor.councilId, userId);
    return { account: toAccount(row!, ctx.now), link };
  });
}

/** A change to one account, audited once in its transaction. */
async function change(db: Db, ctx: RequestContext, ref: AccountRef, page: string, apply: (trx: Db, user: store.UserRow) => Promise<string>): Promise<Account> {
  await gate(db, ctx, 'write', page);
  const user = await findAccount(db, ctx, ref);
  return db.transaction().execute(async (trx) => {
    await store.lockCouncilAccounts(trx, ctx.actor.councilId);
    const fields = await apply(trx, user);
    await audit(trx, ctx, 'write', user.user_id, `${fields}: ${user.email}`);
    return toAccount((await store.getUser(trx, ctx.actor.councilId, user.user_id))!, ctx.now);
  });
}

/** The council must keep someone who can manage accounts. */
async function keepAnAdministrator(trx: Db, ctx: RequestContext, user: store.UserRow): Promise<void> {
  if (!user.roles.includes('system_administrator') || user.disabled) return;
  if ((await store.countSystemAdministrators(trx, ctx.actor.councilId)).enabled <= 1) {
    throw new InvalidInputError(`${user.name} is the council's only system administrator who can sign in. Make someone else a system administrator first.`);
  }
}

/** Disabled: cannot sign in, and every session they hold ends at once. */
export const disableAccount = (db: Db, ctx: RequestContext, ref: AccountRef) => change(db, ctx, ref, 'disable user', async (trx, user) => {
  if (user.user_id === ctx.actor.userId) throw new InvalidInputError('You cannot disable your own account. Ask another system administrator.');
  await keepAnAdministrator(trx, ctx, user);
  await store.updateAccount(trx, ctx.actor.councilId, user.user_id, { disabled: true });
  await store.revokeAccountTokens(trx, ctx.actor.councilId, 'set_password', user.user_id, ctx.now);
  const ended = await store.deleteUserSessions(trx, ctx.actor.councilId, user.user_id);
  return `account disabled (${ended} ${ended === 1 ? 'session' : 'sessions'} ended)`;
});

export const enableAccount = (db: Db, ctx: RequestContext, ref: AccountRef) => change(db, ctx, ref, 'enable user', async (trx, user) => {
  await store.updateAccount(trx, ctx.actor.councilId, user.user_id, { disabled: false });
  return 'account enabled';
});

/** Lifts a lock after too many wrong passwords, before its 15 minutes are up. */
export const unlockAccount = (db: Db, ctx: RequestContext, ref: AccountRef) => change(db, ctx, ref, 'unlock user', async (trx, user) => {
  await store.updateAccount(trx, ctx.actor.councilId, user.user_id, { failed_sign_ins: 0, locked_until: null });
  return 'account unlocked';
});

export async function setRoles(db: Db, ctx: RequestContext, ref: AccountRef, texts: readonly string[]): Promise<Account> {
  const { roles, problems } = parseRoles(texts);
  if (problems.length) throw invalid(problems);
  return change(db, ctx, ref, 'set user roles', async (trx, user) => {
    if (!roles.includes('system_administrator')) await keepAnAdministrator(trx, ctx, user);
    await store.updateAccount(trx, ctx.actor.councilId, user.user_id, { roles });
    return `roles set to ${roles.join(', ')} (were ${user.roles.join(', ')})`;
  });
}

export async function setTeams(db: Db, ctx: RequestContext, ref: AccountRef, texts: readonly string[]): Promise<Account> {
  const { teamIds, problems } = checkTeamIds(texts);
  if (problems.length === 0) problems.push(...await checkTeamsAndPractitioner(db, ctx.actor.councilId, teamIds, null));
  if (problems.length) throw invalid(problems);
  return change(db, ctx, ref, 'set user teams', async (trx, user) => {
    await store.updateAccount(trx, ctx.actor.councilId, user.user_id, { team_ids: teamIds });
    return `teams set to ${teamIds.join(', ') || 'none'} (were ${user.team_ids.join(', ') || 'none'})`;
  });
}

/** A new one-time link to set a password (the old password keeps working until the link is used). */
export async function resetPassword(db: Db, ctx: RequestContext, ref: AccountRef): Promise<{ account: Account; link: OneTimeLink }> {
  let link: OneTimeLink | undefined;
  const account = await change(db, ctx, ref, 'reset user password', async (trx, user) => {
    if (user.disabled) throw new InvalidInputError(`${user.name}'s account is disabled. Enable it first.`);
    link = await issueSetPassword(trx, ctx.actor.councilId, user.user_id, ctx.actor.userId, ctx.now);
    return `set-password link issued until ${link.expiresAt.toISOString()}`;
  });
  return { account, link: link! };
}

// The one-time links themselves, used by someone not signed in.

export type LinkView = { purpose: 'set_password'; name: string; email: string } | { purpose: 'first_administrator'; councilId: string };

/** What a link is for, or undefined when it is unknown, used, revoked or past its time. */
export async function describeLink(db: Db, token: string, now: Date): Promise<LinkView | undefined> {
  if (!token || token.length > 100) return undefined;
  const row = await store.findUsableAccountToken(db, hashToken(token), now);
  if (!row) return undefined;
  if (row.purpose === 'first_administrator') return { purpose: 'first_administrator', councilId: row.council_id };
  const user = await store.getUser(db, row.council_id, row.user_id!);
  return user && !user.disabled ? { purpose: 'set_password', name: user.name, email: user.email } : undefined;
}

const LINK_ENDED = 'This link has been used or has ended. Ask your system administrator for a new one.';

/** Sets a password from a one-time link: the link is used up, locks are lifted, and other sessions end. */
export async function setPasswordWithLink(db: Db, token: string, password: string, confirm: string, origin: Origin, now: Date = new Date()): Promise<{ email: string }> {
  const problems = newPasswordProblems(password, confirm);
  if (problems.length) throw invalid(problems);
  const row = token && token.length <= 100 ? await store.findUsableAccountToken(db, hashToken(token), now) : undefined;
  if (!row || row.purpose !== 'set_password') throw new InvalidInputError(LINK_ENDED);
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const user = await store.getUser(trx, row.council_id, row.user_id!);
    if (!user || user.disabled || !(await store.consumeAccountToken(trx, row.council_id, row.token_hash, now))) throw new InvalidInputError(LINK_ENDED);
    await store.updateAccount(trx, user.council_id, user.user_id, { password_hash: passwordHash, failed_sign_ins: 0, locked_until: null });
    await store.deleteUserSessions(trx, user.council_id, user.user_id);
    await recordAudit(trx, { councilId: user.council_id, actorUserId: user.user_id, actorRoles: user.roles, action: 'write', recordType: 'user', recordId: user.user_id, fields: 'password set with a one-time link', ip: origin.ip }, now);
    return { email: user.email };
  });
}

/**
 * At start-up: a setup link for each council with no system administrator (a fresh instance,
 * real data imported, nobody able to sign in). Each start ends the links printed before.
 */
export async function issueSetupLinks(db: Db, now: Date = new Date(), onlyCouncilId?: string): Promise<(OneTimeLink & { councilId: string })[]> {
  const links: (OneTimeLink & { councilId: string })[] = [];
  for (const council of (await listCouncils(db)).filter((c) => onlyCouncilId === undefined || c.council_id === onlyCouncilId)) {
    await db.transaction().execute(async (trx) => {
      await store.lockCouncilAccounts(trx, council.council_id);
      if ((await store.countSystemAdministrators(trx, council.council_id)).all > 0) return;
      const token = newToken();
      const expiresAt = new Date(now.getTime() + SETUP_HOURS * 3_600_000);
      await store.revokeAccountTokens(trx, council.council_id, 'first_administrator', null, now);
      await store.insertAccountToken(trx, { council_id: council.council_id, token_hash: hashToken(token), purpose: 'first_administrator', user_id: null, created_by: 'start-up', expires_at: expiresAt });
      await recordAudit(trx, { councilId: council.council_id, actorUserId: null, action: 'write', recordType: 'user', recordId: null, fields: `first-administrator setup link issued at start-up, until ${expiresAt.toISOString()}`, ip: null }, now);
      links.push({ councilId: council.council_id, token, path: `/setup?token=${token}`, expiresAt });
    });
  }
  return links;
}

/** The first system administrator, from the setup link: once, and never once any system administrator exists. */
export async function createFirstAdministrator(db: Db, token: string, input: { name: string; email: string; password: string; confirm: string }, origin: Origin, now: Date = new Date()): Promise<{ email: string }> {
  const { account, problems } = checkNewAccount({ name: input.name, email: input.email, roles: ['system_administrator'], teamIds: [], practitionerId: null });
  problems.push(...newPasswordProblems(input.password, input.confirm));
  const row = token && token.length <= 100 ? await store.findUsableAccountToken(db, hashToken(token), now) : undefined;
  if (!row || row.purpose !== 'first_administrator') throw new InvalidInputError('This setup link has been used or has ended. Restart Caseweight to print a new one, or ask the council’s system administrator for an account.');
  if (!problems.some((p) => p.field === 'email') && (await store.emailInUse(db, account.email))) problems.push({ field: 'email', message: `There is already an account for ${account.email}.` });
  if (problems.length) throw invalid(problems);
  const passwordHash = await hashPassword(input.password);
  const userId = randomUUID();
  return db.transaction().execute(async (trx) => {
    await store.lockCouncilAccounts(trx, row.council_id);
    if ((await store.countSystemAdministrators(trx, row.council_id)).all > 0 || !(await store.consumeAccountToken(trx, row.council_id, row.token_hash, now))) {
      throw new InvalidInputError('This Caseweight already has a system administrator. Ask them for an account.');
    }
    await store.insertUser(trx, { council_id: row.council_id, user_id: userId, email: account.email, name: account.name, roles: ['system_administrator'], practitioner_id: null, team_ids: [], password_hash: passwordHash, oidc_issuer: null, oidc_subject: null });
    await store.revokeAccountTokens(trx, row.council_id, 'first_administrator', null, now);
    await recordAudit(trx, { councilId: row.council_id, actorUserId: userId, actorRoles: ['system_administrator'], action: 'write', recordType: 'user', recordId: userId, fields: `first system administrator created with the setup link: ${account.email}`, ip: origin.ip }, now);
    return { email: account.email };
  });
}
