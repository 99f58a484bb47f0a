import { dayFromIso, type PractitionerInput } from '../workload/model/index.ts';
import type { AbsenceRow, PractitionerRow } from '../kernel/register.ts';

export const ROLE_NAMES: Record<string, string> = {
  social_worker: 'Social worker',
  senior_practitioner: 'Senior or advanced practitioner',
  team_manager: 'Team manager',
  family_help_practitioner: 'Family help practitioner',
  family_support_worker: 'Family support worker',
};

/** The services a team can belong to (the teams table's check constraint, migration 0001). */
export const TEAM_SERVICES = [
  'front_door', 'assessment', 'child_in_need', 'child_protection', 'children_in_care', 'care_leavers', 'family_help', 'disabled_children', 'court', 'other',
] as const;

/** Register rows → the workload model's practitioner input. */
export function toPractitionerInput(p: PractitionerRow, absences: readonly AbsenceRow[]): PractitionerInput {
  return {
    practitionerId: p.practitioner_id,
    role: p.role,
    fte: p.fte,
    contractedWeeklyHours: p.contracted_weekly_hours,
    asyeStart: p.asye_start ? dayFromIso(p.asye_start) : null,
    leftOn: p.left_on ? dayFromIso(p.left_on) : null,
    absences: absences
      .filter((a) => a.practitioner_id === p.practitioner_id)
      .map((a) => ({ kind: a.kind, start: dayFromIso(a.start_date), end: dayFromIso(a.end_date) })),
  };
}
