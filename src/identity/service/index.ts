import { ukDateTime } from '../../kernel/time.ts';
import type { Db } from '../../platform/database.ts';
import { listActiveBreakGlassChildIds, listActiveGrantChildIds } from '../../access/store.ts';
import type { Origin, RequestContext } from '../../kernel/context.ts';
import { ROLES, type Actor, type Role } from '../../kernel/roles.ts';
import { recordAudit } from '../../platform/audit.ts';
import { defineJob } from '../../platform/jobs.ts';
import { getPractitioner } from '../../workforce/store.ts';
import { verifyPassword } from './passwords.ts';
import { InvalidInputError } from '../../kernel/errors.ts';
import type { OidcSignIn } from './oidc.ts';
import { mappedTeamsMissing } from './single-sign-on.ts';
import type { GroupMapping } from '../../kernel/sso-groups.ts';
import { DatabaseSessionStore } from './session-store.ts';
import * as store from '../store.ts';
import * as accounts from './accounts.ts';
import type { NewAccountInput } from '../model.ts';

export type { Account, OneTimeLink } from './accounts.ts';
export type { Refusal } from './single-sign-on.ts';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;

/** Everything the policy needs to know about a signed-in person, fresh on every request. */
export async function loadActor(db: Db, councilId: string, userId: string, now: Date): Promise<Actor | null> {
  const user = await store.getUser(db, councilId, userId);
  if (!user || user.disabled) return null;
  const [grants, breakGlass, practitioner] = await Promise.all([
    listActiveGrantChildIds(db, councilId, userId, now),
    listActiveBreakGlassChildIds(db, councilId, userId, now),
    user.practitioner_id ? getPractitioner(db, councilId, user.practitioner_id) : Promise.resolve(undefined),
  ]);
  const teamIds = new Set(user.team_ids);
  if (practitioner) teamIds.add(practitioner.team_id);
  return {
    userId: user.user_id,
    councilId: user.council_id,
    name: user.name,
    roles: user.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    practitionerId: user.practitioner_id,
    teamIds: [...teamIds],
    grantedChildIds: grants,
    breakGlassChildIds: breakGlass,
  };
}

export type SignInResult = { ok: true; councilId: string; userId: string } | { ok: false; message: string };

const WRONG = 'Enter a correct email address and password.';

/** "2 December at 14:05", as people in England read a time (Europe/London, summer time included). */

/**
 * Local account sign-in. The same message for an unknown email and a wrong password (so
 * accounts cannot be discovered); lockout after repeated failures; every attempt audited.
 */
export async function signInWithPassword(db: Db, email: string, password: string, origin: Origin, now: Date = new Date()): Promise<SignInResult> {
  if (!email.trim() || !password) return { ok: false, message: 'Enter your email address and password.' };
  const user = await store.findUserByEmail(db, email);
  const valid = await verifyPassword(user?.password_hash ?? null, password);
  if (!user) return { ok: false, message: WRONG };
  const audit = (action: 'sign_in' | 'sign_in_failed', reason: string | null) =>
    recordAudit(db, { councilId: user.council_id, actorUserId: user.user_id, actorRoles: user.roles, action, recordType: 'session', recordId: user.user_id, ip: origin.ip, reason }, now);

  if (user.disabled) {
    await audit('sign_in_failed', 'account disabled');
    return { ok: false, message: WRONG };
  }
  if (user.locked_until && user.locked_until > now) {
    await audit('sign_in_failed', 'account locked');
    return { ok: false, message: `This account is locked after too many attempts. Try again after ${ukDateTime(user.locked_until)}, or ask your system administrator.` };
  }
  if (!valid) {
    const count = await store.recordFailedSignIn(db, user.council_id, user.user_id, null);
    if (count >= MAX_FAILED_SIGN_INS) await store.lockUser(db, user.council_id, user.user_id, new Date(now.getTime() + LOCKOUT_MINUTES * 60_000));
    await audit('sign_in_failed', count >= MAX_FAILED_SIGN_INS ? 'wrong password; account locked' : 'wrong password');
    if (count >= MAX_FAILED_SIGN_INS) return { ok: false, message: `${WRONG} This account is now locked for ${LOCKOUT_MINUTES} minutes.` };
    // Warned once, before the attempt that locks: someone who has mistyped can stop and ask.
    if (count === MAX_FAILED_SIGN_INS - 1) return { ok: false, message: `${WRONG} One more wrong attempt will lock this account for ${LOCKOUT_MINUTES} minutes.` };
    return { ok: false, message: WRONG };
  }
  await store.clearFailedSignIns(db, user.council_id, user.user_id);
  await audit('sign_in', 'password');
  return { ok: true, councilId: user.council_id, userId: user.user_id };
}


/** Records that someone signed out (their session is destroyed by the route). */
async function signOut(db: Db, actor: Actor, origin: Origin): Promise<void> {
  await recordAudit(db, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'sign_out', recordType: 'session', recordId: actor.userId, ip: origin.ip });
}

/** Identity's use cases, built once by the composition root. */
export function createIdentityService(deps: { db: Db; oidc?: OidcSignIn | undefined }) {
  const { db, oidc } = deps;
  return {
    loadActor: (councilId: string, userId: string, now: Date) => loadActor(db, councilId, userId, now),
    signInWithPassword: (email: string, password: string, origin: Origin, now?: Date) => signInWithPassword(db, email, password, origin, now),
    signOut: (ctx: RequestContext) => signOut(db, ctx.actor, ctx.origin),
    oidc: oidc
      ? { accessContact: oidc.accessContact, start: () => oidc.start(), finish: (query: string, expected: Parameters<OidcSignIn['finish']>[2], origin: Origin) => oidc.finish(db, query, expected, origin) }
      : undefined,
    /** Single sign-on sets roles and teams from the provider's groups (OIDC_GROUPS_FILE). */
    rolesFromGroups: oidc?.groupsMapped ?? false,
    mappedTeamsMissing: (councilId: string, mapping: GroupMapping) => mappedTeamsMissing(db, councilId, mapping),
    sessionStore: (fallbackMs: number) => new DatabaseSessionStore(db, fallbackMs),
    commandLineOperator: (councilId: string, as: string) => commandLineOperator(db, councilId, as),
    // Accounts, managed by a system administrator (pages, `caseweight users …`): each asks access, each change audited once.
    checkMayManageAccounts: (ctx: RequestContext) => accounts.checkMayManageAccounts(db, ctx),
    listAccounts: (ctx: RequestContext) => accounts.listAccounts(db, ctx),
    getAccount: (ctx: RequestContext, ref: accounts.AccountRef) => accounts.getAccount(db, ctx, ref),
    addAccount: (ctx: RequestContext, input: NewAccountInput) => accounts.addAccount(db, ctx, input),
    disableAccount: (ctx: RequestContext, ref: accounts.AccountRef) => accounts.disableAccount(db, ctx, ref),
    enableAccount: (ctx: RequestContext, ref: accounts.AccountRef) => accounts.enableAccount(db, ctx, ref),
    unlockAccount: (ctx: RequestContext, ref: accounts.AccountRef) => accounts.unlockAccount(db, ctx, ref),
    setRoles: (ctx: RequestContext, ref: accounts.AccountRef, roles: readonly string[]) => accounts.setRoles(db, ctx, ref, roles),
    setTeams: (ctx: RequestContext, ref: accounts.AccountRef, teams: readonly string[]) => accounts.setTeams(db, ctx, ref, teams),
    resetPassword: (ctx: RequestContext, ref: accounts.AccountRef) => accounts.resetPassword(db, ctx, ref),
    // The one-time links, used by someone not signed in.
    describeLink: (token: string, now: Date = new Date()) => accounts.describeLink(db, token, now),
    setPasswordWithLink: (token: string, password: string, confirm: string, origin: Origin) => accounts.setPasswordWithLink(db, token, password, confirm, origin),
    createFirstAdministrator: (token: string, input: { name: string; email: string; password: string; confirm: string }, origin: Origin) => accounts.createFirstAdministrator(db, token, input, origin),
    issueSetupLinks: (now?: Date, onlyCouncilId?: string) => accounts.issueSetupLinks(db, now, onlyCouncilId),
  };
}
export type IdentityService = ReturnType<typeof createIdentityService>;

/**
 * The person running a command on the server, named for the audit log: the account with the
 * email given by `--as`, or the configured operator's name.
 */
export async function commandLineOperator(db: Db, councilId: string, as: string): Promise<{ userId: string; name: string }> {
  if (as.includes('@')) {
    const user = await store.findUserByEmail(db, as);
    if (!user || user.council_id !== councilId) {
      throw new InvalidInputError(`There is no account for ${as} in council "${councilId}". Give your own email with --as, or leave --as out to be named by your login name.`);
    }
    return { userId: user.user_id, name: user.name };
  }
  return { userId: `operator:${as}`, name: as };
}

/** Signed-out and timed-out sessions, removed hourly on the job queue (the table would otherwise only grow). */
export function sessionSweepJob(db: Db) {
  return defineJob<{ councilId: null }>('identity.session-sweep', async () => {
    await store.deleteExpiredSessions(db, new Date());
  }, { retryLimit: 1, retryDelaySeconds: 300 });
}
