/** Identity's pure rules. */
import { parseRole, ROLES, TEAM_ID_PATTERN, type Role } from '../kernel/roles.ts';
import type { FieldProblem } from '../kernel/errors.ts';
import type { GroupMapping } from '../kernel/sso-groups.ts';

/** Only same-site paths: an open redirect after sign-in would hand people to a phishing page. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/** A one-time set-password link lasts three days: long enough to pass on over a weekend, short enough not to linger. */
export const SET_PASSWORD_HOURS = 72;
/** The setup link printed at start-up; a new one is printed at each start until a system administrator exists. */
export const SETUP_HOURS = 24;
export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 256;

/** Roles from what someone typed or ticked; every unknown one named, with the roles there are. */
export function parseRoles(texts: readonly string[]): { roles: Role[]; problems: FieldProblem[] } {
  const roles: Role[] = [];
  const problems: FieldProblem[] = [];
  for (const text of texts.filter((t) => t.trim())) {
    const role = parseRole(text);
    if (role) {
      if (!roles.includes(role)) roles.push(role);
    } else {
      problems.push({ field: 'roles', message: `There is no role called "${text.trim()}". Choose from: ${ROLES.join(', ')}.` });
    }
  }
  // The page offers every role as a checkbox, so the message need not list their internal names.
  if (roles.length === 0 && problems.length === 0) problems.push({ field: 'roles', message: 'Choose at least one role.' });
  return { roles, problems };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TEAM_ID = TEAM_ID_PATTERN;

export interface NewAccountInput {
  email: string;
  name: string;
  roles: readonly string[];
  teamIds: readonly string[];
  practitionerId: string | null;
}

export interface NewAccount {
  email: string;
  name: string;
  roles: Role[];
  teamIds: string[];
  practitionerId: string | null;
}

/** Checks a new account's details; every problem at once, in the order the form asks. */
export function checkNewAccount(input: NewAccountInput): { account: NewAccount; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const name = input.name.trim();
  const email = input.email.trim();
  if (!name) problems.push({ field: 'name', message: 'Enter the person’s full name.' });
  else if (name.length > 200) problems.push({ field: 'name', message: 'Enter a name of 200 characters or fewer.' });
  if (!email) problems.push({ field: 'email', message: 'Enter the person’s work email address.' });
  else if (!EMAIL.test(email) || email.length > 320) problems.push({ field: 'email', message: 'Enter an email address in the correct format, like name@council.gov.uk.' });
  const { roles, problems: roleProblems } = parseRoles(input.roles);
  problems.push(...roleProblems);
  const teams = checkTeamIds(input.teamIds);
  problems.push(...teams.problems);
  const practitionerId = input.practitionerId?.trim() || null;
  if (practitionerId && !TEAM_ID.test(practitionerId)) problems.push({ field: 'practitionerId', message: 'Enter the practitioner id using letters, numbers, dots, dashes or underscores.' });
  return { account: { email, name, roles, teamIds: teams.teamIds, practitionerId }, problems };
}

/** Team ids, each once; "SF1, SF2" as well as separate values. */
export function checkTeamIds(texts: readonly string[]): { teamIds: string[]; problems: FieldProblem[] } {
  const teamIds = [...new Set(texts.flatMap((t) => t.split(/[\s,]+/)).map((t) => t.trim()).filter(Boolean))];
  const bad = teamIds.filter((t) => !TEAM_ID.test(t));
  return { teamIds, problems: bad.length ? [{ field: 'teamIds', message: `Enter team ids using letters, numbers, dots, dashes or underscores (not "${bad[0]}").` }] : [] };
}

/** A new password: long enough to resist guessing (NCSC: length over complexity rules), typed the same twice. */
export function newPasswordProblems(password: string, confirm: string): FieldProblem[] {
  if (password.length < MIN_PASSWORD_LENGTH) return [{ field: 'password', message: `Enter a password of at least ${MIN_PASSWORD_LENGTH} characters. Three or four random words are easy to remember.` }];
  if (password.length > MAX_PASSWORD_LENGTH) return [{ field: 'password', message: `Enter a password of ${MAX_PASSWORD_LENGTH} characters or fewer.` }];
  if (password !== confirm) return [{ field: 'confirm', message: 'The passwords do not match. Type the same password twice.' }];
  return [];
}

export type AccountStatus = 'active' | 'disabled' | 'locked' | 'invited';

/** What an administrator needs to know first about an account. */
export function accountStatus(user: { disabled: boolean; locked_until: Date | null; password_hash: string | null; oidc_subject: string | null }, now: Date): AccountStatus {
  if (user.disabled) return 'disabled';
  if (user.locked_until && user.locked_until > now) return 'locked';
  if (!user.password_hash && !user.oidc_subject) return 'invited';
  return 'active';
}

export const STATUS_LABELS: Record<AccountStatus, string> = {
  active: 'Active',
  disabled: 'Disabled',
  locked: 'Locked',
  invited: 'Invited (no password yet)',
};

// Single sign-on groups (the mapping itself is read at start-up: kernel/sso-groups.ts).

/** What the identity provider said about someone's groups. */
export type GroupClaim =
  | { kind: 'groups'; groupIds: string[] }
  /** Entra ID leaves the groups out when someone is in more than 200 (more than 6 in a URL) and points at Microsoft Graph instead. */
  | { kind: 'overage' }
  | { kind: 'absent' };

/** Reads the `groups` claim of an ID token or UserInfo, noticing Entra's "groups overage" stand-in for it. */
export function readGroupClaim(claims: Readonly<Record<string, unknown>>): GroupClaim {
  const { groups } = claims;
  if (Array.isArray(groups)) return { kind: 'groups', groupIds: groups.filter((g): g is string => typeof g === 'string') };
  if (typeof groups === 'string') return { kind: 'groups', groupIds: [groups] };
  const names = claims._claim_names;
  const overage = (typeof names === 'object' && names !== null && 'groups' in names) || claims.hasgroups === true || claims.hasgroups === 'true';
  return overage ? { kind: 'overage' } : { kind: 'absent' };
}

export interface GroupAccess {
  /** In the order of ROLES, whatever order the groups came in. */
  roles: Role[];
  /** Sorted, each once. */
  teamIds: string[];
  /** The mapped groups the person is in, sorted: what the audit names. */
  groupIds: string[];
}

/**
 * The roles and teams a person's groups give them: the union over every mapped group they are in.
 * Groups the mapping does not name give nothing; ids compare without regard to case.
 */
export function accessFromGroups(mapping: GroupMapping, groupIds: readonly string[]): GroupAccess {
  const mine = new Set(groupIds.map((g) => g.trim().toLowerCase()));
  const matched = mapping.filter((rule) => mine.has(rule.groupId));
  return {
    roles: ROLES.filter((role) => matched.some((rule) => rule.roles.includes(role))),
    teamIds: [...new Set(matched.flatMap((rule) => rule.teamIds))].sort(byCodePoint),
    groupIds: matched.map((rule) => rule.groupId).sort(byCodePoint),
  };
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sameSet = (a: readonly string[], b: readonly string[]) => new Set(a).size === new Set(b).size && a.every((x) => b.includes(x));

/** Whether an account already has exactly these roles and teams (order aside), so nothing need be written or audited. */
export function hasAccess(user: { roles: readonly string[]; team_ids: readonly string[] }, access: Pick<GroupAccess, 'roles' | 'teamIds'>): boolean {
  return sameSet(user.roles, access.roles) && sameSet(user.team_ids, access.teamIds);
}
