import { dayFromIso, type PractitionerInput } from '../workload/model/index.ts';
import type { AbsenceRow, PractitionerRow } from './store.ts';

export const ROLE_NAMES: Record<string, string> = {
  social_worker: 'Social worker',
  senior_practitioner: 'Senior or advanced practitioner',
  team_manager: 'Team manager',
  family_help_practitioner: 'Family help practitioner',
  family_support_worker: 'Family support worker',
};

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
