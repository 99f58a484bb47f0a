/** Identity's pure rules. */
import { ROLES, ROLE_LABELS, type Role } from '../kernel/roles.ts';
import type { FieldProblem } from '../kernel/errors.ts';

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

/** "system_administrator", "system-administrator" or "System administrator": the role, or undefined. */
export function parseRole(text: string): Role | undefined {
  const key = text.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return (ROLES as readonly string[]).includes(key) ? (key as Role) : ROLES.find((r) => ROLE_LABELS[r].toLowerCase() === text.trim().toLowerCase());
}

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
const TEAM_ID = /^[A-Za-z0-9_.-]{1,64}$/;

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
