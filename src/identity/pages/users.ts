import { ukDateTime } from '../../kernel/time.ts';
import { ROLES, ROLE_LABELS, type Role } from '../../kernel/roles.ts';
import { STATUS_LABELS, type AccountStatus } from '../model.ts';
import type { Account, OneTimeLink } from '../service/index.ts';

const TAG: Record<AccountStatus, string> = { active: 'govuk-tag--green', disabled: 'govuk-tag--grey', locked: 'govuk-tag--red', invited: 'govuk-tag--blue' };
const roleNames = (roles: readonly Role[]) => roles.map((r) => ROLE_LABELS[r]).join(', ');
const userHref = (a: Account) => `/users/${encodeURIComponent(a.userId)}`;

/** The users table: one row a person, their name linking to their account. */
export function toUsersTable(accounts: readonly Account[]) {
  return accounts.map((a) => [
    { html: `<a class="govuk-link" href="${userHref(a)}">${escape(a.name)}</a>` },
    { text: a.email },
    { text: roleNames(a.roles) },
    { text: a.teamIds.join(', ') || 'None' },
    { html: `<strong class="govuk-tag ${TAG[a.status]}">${escape(STATUS_LABELS[a.status])}</strong>` },
  ]);
}

/**
 * One account, and what an administrator can do to it. `rolesFromGroups`: the council maps
 * single sign-on groups to roles, so a single sign-on account's roles and teams are the groups'.
 */
export function toUserView(a: Account, rolesFromGroups = false) {
  return {
    rolesFromGroups: rolesFromGroups && a.singleSignOn,
    userId: a.userId, name: a.name, href: userHref(a), status: a.status, disabled: a.status === 'disabled', locked: a.status === 'locked',
    summary: [
      { key: { text: 'Email address' }, value: { text: a.email } },
      { key: { text: 'Roles' }, value: { text: roleNames(a.roles) } },
      { key: { text: 'Teams' }, value: { text: a.teamIds.join(', ') || 'None' } },
      { key: { text: 'Practitioner record' }, value: { text: a.practitionerId ?? 'None' } },
      { key: { text: 'Status' }, value: { text: a.lockedUntil ? `Locked until ${ukDateTime(a.lockedUntil)}` : STATUS_LABELS[a.status] } },
      { key: { text: 'Signs in with' }, value: { text: a.singleSignOn ? 'The council’s single sign-on' : 'A Caseweight password' } },
    ],
    roleItems: roleItems(a.roles),
    teams: a.teamIds.join(', '),
  };
}

/** The role checkboxes, ticked for the roles given. */
export function roleItems(selected: readonly string[]) {
  return ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], checked: selected.includes(r) }));
}

/** A one-time link for the administrator to pass on, shown this once. */
export function toLinkView(account: Account, link: OneTimeLink, origin: string) {
  return { name: account.name, email: account.email, href: `/users/${encodeURIComponent(account.userId)}`, url: `${origin}${link.path}`, expires: ukDateTime(link.expiresAt) };
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
