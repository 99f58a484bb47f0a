import { randomUUID } from 'node:crypto';
import type { Origin } from '../../kernel/context.ts';
import type { GroupMapping } from '../../kernel/sso-groups.ts';
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { getTeam } from '../../workforce/store.ts';
import { accessFromGroups, hasAccess, type GroupClaim } from '../model.ts';
import * as store from '../store.ts';

/** Who the identity provider says signed in, after openid-client has checked the ID token. */
export interface ProviderPerson {
  issuer: string;
  subject: string;
  /** From the ID token (email, else preferred_username) or UserInfo; may be empty. */
  email: string;
  name: string;
  groups: GroupClaim;
}

/** Why someone the provider signed in may not use Caseweight: each has its own page saying whom to ask. */
export type Refusal = 'no_access' | 'disabled' | 'groups_overage';

export type ProviderSignIn =
  | { ok: true; councilId: string; userId: string }
  | { ok: false; refusal: Refusal; email: string };

/**
 * Finds, links or creates the person's account and, when the council maps groups to roles, sets
 * their roles and teams from their groups: one transaction with its audit events.
 *
 * - The account: by the provider's subject, else on first sign-in by email (any case), in the
 *   provider's council and not yet linked to another subject.
 * - With a mapping and a `groups` claim, the mapping decides: an account gets exactly the roles
 *   and teams its groups give (written and audited only when they change); someone with no
 *   account whose groups give a role gets one; groups that give no role are refused.
 * - Entra's "groups overage" (more than 200 groups) is refused: reading them needs Microsoft
 *   Graph, and guessing would give the wrong access.
 * - Without a mapping, or with no `groups` claim, an account keeps the roles set in Caseweight.
 */
export async function signInFromProvider(
  db: Db, settings: { councilId: string; groups?: GroupMapping | undefined }, person: ProviderPerson, origin: Origin, now: Date = new Date(),
): Promise<ProviderSignIn> {
  const { councilId } = settings;
  return db.transaction().execute(async (trx) => {
    // Two first sign-ins of one new person at once make one account.
    await store.lockCouncilAccounts(trx, councilId);
    let user = await store.findUserByOidc(trx, person.issuer, person.subject);
    if (user && user.council_id !== councilId) user = undefined; // this provider signs in one council's staff
    let link = false;
    if (!user && person.email) {
      const byEmail = await store.findUserByEmail(trx, person.email);
      if (byEmail && byEmail.council_id === councilId && !byEmail.oidc_subject) {
        user = byEmail;
        link = true;
      }
    }
    const refuse = async (refusal: Refusal, reason: string): Promise<ProviderSignIn> => {
      await recordAudit(trx, {
        councilId: user?.council_id ?? councilId, actorUserId: user?.user_id ?? null, actorRoles: user?.roles ?? [], action: 'sign_in_failed',
        recordType: 'session', recordId: person.subject, fields: `email ${person.email || '(none given)'}`, ip: origin.ip, reason: `single sign-on: ${reason}`,
      }, now);
      return { ok: false, refusal, email: person.email };
    };
    const audit = (userId: string, roles: readonly string[], fields: string) =>
      recordAudit(trx, { councilId, actorUserId: userId, actorRoles: roles, action: 'write', recordType: 'user', recordId: userId, fields, ip: origin.ip, reason: 'single sign-on' }, now);

    if (user?.disabled) return refuse('disabled', 'account disabled');

    if (settings.groups && person.groups.kind === 'overage') return refuse('groups_overage', 'more groups than the ID token can carry (groups overage); not read');
    if (settings.groups && person.groups.kind === 'groups') {
      const mapped = accessFromGroups(settings.groups, person.groups.groupIds);
      if (mapped.roles.length === 0) return refuse('no_access', user ? 'account’s groups give no Caseweight role' : 'no Caseweight account and no group gives a role');
      // A team named in the mapping but not (yet) in the council's register gives nothing.
      const teamIds: string[] = [];
      for (const t of mapped.teamIds) if (await getTeam(trx, councilId, t)) teamIds.push(t);
      const access = { roles: mapped.roles, teamIds };
      const described = `roles ${access.roles.join(', ')}; teams ${teamIds.join(', ') || 'none'} (groups ${mapped.groupIds.join(', ')})`;
      if (!user) {
        if (!person.email) return refuse('no_access', 'no email address from the provider, so no account can be made');
        if (await store.emailInUse(trx, person.email)) return refuse('no_access', 'the email address belongs to an account linked to another sign-in or council');
        const userId = randomUUID();
        await store.insertUser(trx, {
          council_id: councilId, user_id: userId, email: person.email, name: person.name || person.email, roles: access.roles, practitioner_id: null,
          team_ids: teamIds, password_hash: null, oidc_issuer: person.issuer, oidc_subject: person.subject,
        });
        await audit(userId, access.roles, `account added from single sign-on groups: ${person.email}; ${described}`);
        user = await store.getUser(trx, councilId, userId);
        link = false;
      } else if (!hasAccess(user, access)) {
        await store.updateAccount(trx, user.council_id, user.user_id, { roles: access.roles, team_ids: teamIds });
        await audit(user.user_id, access.roles, `roles set from single sign-on groups: ${described}; were roles ${user.roles.join(', ') || 'none'}; teams ${user.team_ids.join(', ') || 'none'}: ${user.email}`);
        user = { ...user, roles: access.roles, team_ids: teamIds };
      }
    }

    if (!user) return refuse('no_access', 'no Caseweight account');
    if (link) await store.linkOidcIdentity(trx, user.council_id, user.user_id, person.issuer, person.subject);
    await recordAudit(trx, { councilId: user.council_id, actorUserId: user.user_id, actorRoles: user.roles, action: 'sign_in', recordType: 'session', recordId: user.user_id, ip: origin.ip, reason: 'single sign-on' }, now);
    return { ok: true, councilId: user.council_id, userId: user.user_id };
  });
}

/** Teams the mapping names that the council's register does not hold (yet): start-up warns, since such a group gives no team. */
export async function mappedTeamsMissing(db: Db, councilId: string, mapping: GroupMapping): Promise<{ teamId: string; line: number }[]> {
  const missing: { teamId: string; line: number }[] = [];
  for (const rule of mapping) for (const teamId of rule.teamIds) if (!(await getTeam(db, councilId, teamId))) missing.push({ teamId, line: rule.line });
  return missing;
}
