import type { AbsenceRow, PostRow, PractitionerRow } from '../../../kernel/register.ts';
import type { SsdTables } from '../../../standards/ssd/read.ts';
import { parseNumber } from '../../../standards/values.ts';
import type { ReportBuilder } from '../../../standards/report.ts';

const ROLES = new Set(['social_worker', 'senior_practitioner', 'team_manager', 'family_help_practitioner', 'family_support_worker']);
const PATTERNS = new Set(['full_time', 'part_time', 'compressed_hours', 'term_time', 'job_share']);
const ABSENCE_KINDS = new Set(['annual_leave', 'sickness', 'parental', 'training', 'other']);

export type PractitionerExtension = Pick<PractitionerRow, 'team_id' | 'role' | 'qualified_on' | 'asye_start' | 'contracted_weekly_hours' | 'working_pattern' | 'started_on' | 'left_on'>;

/** Caseweight's own extension tables (written by `export ssd`): HR fields the SSD lacks. */
export function mapWorkforceExtensions(tables: SsdTables, councilId: string, report: ReportBuilder) {
  const practitioners = new Map<string, PractitionerExtension>();
  for (const r of tables.get('caseweight_practitioners') ?? []) {
    const x = r.values;
    const hours = parseNumber(x.contracted_weekly_hours ?? '', 0, 60);
    if (!hours.ok || !x.team_id || !x.role || !ROLES.has(x.role) || !x.started_on || (x.working_pattern && !PATTERNS.has(x.working_pattern))) {
      report.reject(r.file, 'This row needs team_id, a known role, contracted_weekly_hours from 0 to 60, a known working_pattern and started_on; it was not imported.', { line: r.line });
      continue;
    }
    practitioners.set(x.prof_professional_id!, {
      team_id: x.team_id, role: x.role, qualified_on: x.qualified_on ?? null, asye_start: x.asye_start ?? null, contracted_weekly_hours: hours.value,
      working_pattern: x.working_pattern ?? 'full_time', started_on: x.started_on, left_on: x.left_on ?? null,
    });
  }
  const absences: AbsenceRow[] = [];
  for (const r of tables.get('caseweight_absences') ?? []) {
    const x = r.values;
    if (!x.prof_professional_id || !x.kind || !ABSENCE_KINDS.has(x.kind) || !x.start_date || !x.end_date || x.end_date < x.start_date) {
      report.reject(r.file, 'This absence needs a worker, a known kind (annual_leave, sickness, parental, training, other) and dates that do not end before they start; it was not imported.', { line: r.line });
      continue;
    }
    absences.push({ council_id: councilId, absence_id: x.absence_id!, practitioner_id: x.prof_professional_id, kind: x.kind, start_date: x.start_date, end_date: x.end_date });
  }
  const posts: PostRow[] = [];
  for (const r of tables.get('caseweight_posts') ?? []) {
    const x = r.values;
    const fte = parseNumber(x.fte ?? '', 0.000001, 1);
    const status = x.status === 'filled' || x.status === 'vacant' ? x.status : undefined;
    if (!fte.ok || !status || !x.team_id || !x.role || (status === 'filled') !== (x.held_by !== null)) {
      report.reject(r.file, 'This post needs a team, a role, an FTE above 0 up to 1, and a status of filled (with held_by) or vacant; it was not imported.', { line: r.line });
      continue;
    }
    posts.push({ council_id: councilId, post_id: x.post_id!, team_id: x.team_id, role: x.role, fte: fte.value, status, held_by: x.held_by ?? null, covered_by: x.covered_by ?? null });
  }
  return { practitioners, absences, posts };
}
