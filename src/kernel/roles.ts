/**
 * Who may be signed in, as every area sees them. Pure types; the policy that decides what each
 * may do lives in access/model.ts.
 */

export const ROLES = [
  'practitioner',
  'team_manager',
  'service_manager',
  'business_support',
  'performance_analyst',
  'data_officer',
  'system_administrator',
  'auditor',
  // Reads the national view of councils' returns (issue 17), held in a national tenant; nothing of any council's records.
  'national_analyst',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  practitioner: 'Practitioner',
  team_manager: 'Team manager',
  service_manager: 'Service manager or head of service',
  business_support: 'Business support',
  performance_analyst: 'Performance analyst',
  data_officer: 'Data officer',
  system_administrator: 'System administrator',
  auditor: 'Auditor',
  national_analyst: 'National analyst',
};

/** "system_administrator", "system-administrator" or "System administrator": the role, or undefined. */
export function parseRole(text: string): Role | undefined {
  const key = text.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return (ROLES as readonly string[]).includes(key) ? (key as Role) : ROLES.find((r) => ROLE_LABELS[r].toLowerCase() === text.trim().toLowerCase());
}

/** A team's id as the register holds it (SSD and the workforce files): letters, numbers, dots, dashes, underscores. */
export const TEAM_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Who is acting, as the policy sees them:
 * - 'staff' (the default): a signed-in member of the council's staff, decided by role and facts;
 * - 'operator': the person running a command on the server (`caseweight import`, `sar`, …). They
 *   already hold the database, so the policy lets them act on their council's records; what it
 *   adds is that every command is named and audited as theirs;
 * - 'family' (the portal, next): a child or family member, decided by their own rules
 *   (access/model.ts `decideFamily`), so adding them touches no staff rule.
 */
export type ActorKind = 'staff' | 'operator' | 'family';

export interface Actor {
  kind?: ActorKind;
  userId: string;
  councilId: string;
  name: string;
  roles: readonly Role[];
  /** Their own practitioner record, when they hold cases. */
  practitionerId: string | null;
  /** Teams they belong to or manage. */
  teamIds: readonly string[];
  /** Children they hold an explicit grant for (restricted records). */
  grantedChildIds: readonly string[];
  /** Children they have opened by break-glass, still within its time limit. */
  breakGlassChildIds: readonly string[];
}

/** The operator of a command-line run, named for the audit log. */
export function operatorActor(councilId: string, operator: { userId: string; name: string }): Actor {
  return { kind: 'operator', userId: operator.userId, councilId, name: operator.name, roles: [], practitionerId: null, teamIds: [], grantedChildIds: [], breakGlassChildIds: [] };
}
