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
};

/**
 * The signed-in person, as the policy sees them. Today always a member of staff; the family
 * portal will add a second audience (`kind: 'family'`) without touching the staff rules.
 */
export interface Actor {
  kind?: 'staff';
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
