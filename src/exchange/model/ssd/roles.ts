import type { PractitionerRow } from '../../../kernel/register.ts';

/**
 * Involvement role codes are CMS-native; nothing national says which means "allocated social
 * worker". Each council keeps a mapping (configuration). A code not in it is listed in the
 * report and its rows are not imported: never guessed.
 */
export type RoleTarget = 'lead' | 'support' | 'ignore';
export type RoleMapping = Record<string, RoleTarget>;

/**
 * Defaults from the SSD notes (standards/ssd/README.md): Liquidlogic LCS 'CW' is the allocated
 * case worker ('16PLUS' the personal adviser, 'IRO' the reviewing officer); Mosaic
 * 'REL.ALLWORK' / 'REL.ALLWORKCF' the allocated worker. Eclipse uses each council's own
 * relationship class codes, so it has no default: its codes are listed as unmapped until the
 * council maps them.
 */
export const DEFAULT_ROLE_MAPPING: Readonly<RoleMapping> = {
  CW: 'lead',
  '16PLUS': 'support',
  IRO: 'ignore',
  'REL.ALLWORK': 'lead',
  'REL.ALLWORKCF': 'lead',
};

/** Role codes are compared without case or surrounding spaces (extracts differ). */
export const normaliseRole = (code: string): string => code.trim().toUpperCase();

export function lookupRole(mapping: Readonly<RoleMapping>, code: string): RoleTarget | undefined {
  const wanted = normaliseRole(code);
  for (const [k, v] of Object.entries(mapping)) if (normaliseRole(k) === wanted) return v;
  return undefined;
}

/** The code `export ssd` writes for a register allocation role: the mapping's first code for it. */
export function roleCodeFor(mapping: Readonly<RoleMapping>, role: string): string {
  const hit = Object.entries(mapping).find(([, v]) => v === role);
  return hit ? hit[0] : role === 'lead' ? 'CW' : '16PLUS';
}

type Role = PractitionerRow['role'];

export const JOB_TITLES: Record<string, string> = {
  social_worker: 'Social Worker',
  senior_practitioner: 'Senior Practitioner',
  team_manager: 'Team Manager',
  family_help_practitioner: 'Family Help Practitioner',
  family_support_worker: 'Family Support Worker',
};

/** The register role from a free-text job title (LCS JOB_TITLE); social worker when unclear. */
export function roleFromJobTitle(title: string | null): Role {
  const t = (title ?? '').toLowerCase();
  if (/manager|head of|service lead/.test(t)) return 'team_manager';
  if (/senior|advanced|consultant|principal/.test(t)) return 'senior_practitioner';
  if (/family support|support worker|assistant/.test(t)) return 'family_support_worker';
  if (/family help|early help|personal advis|practitioner|key worker/.test(t)) return 'family_help_practitioner';
  return 'social_worker';
}

/** A team's service from its name, for councils whose extract has no Caseweight team table. */
export function serviceFromTeamName(name: string): string {
  const n = name.toLowerCase();
  if (/front door|mash|duty|contact/.test(n)) return 'front_door';
  if (/leaving care|care leaver|16\+|aftercare/.test(n)) return 'care_leavers';
  if (/in care|looked after|\bcla\b|corporate parent/.test(n)) return 'children_in_care';
  if (/disab/.test(n)) return 'disabled_children';
  if (/early help|family help/.test(n)) return 'family_help';
  if (/assessment/.test(n)) return 'assessment';
  if (/court|proceedings|legal/.test(n)) return 'court';
  if (/protection|safeguard/.test(n)) return 'child_protection';
  if (/child in need|\bcin\b/.test(n)) return 'child_in_need';
  return 'other';
}
