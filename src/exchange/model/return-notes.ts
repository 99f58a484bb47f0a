import type { ReportBuilder } from '../../standards/report.ts';
import { DEFAULT_ACTIVITIES } from '../../workload/model/catalogue.ts';
import type { Coverage } from './coverage.ts';
import type { Snapshot } from './snapshot.ts';
import type { RegisterState } from './sync.ts';

/** The two DfE returns about children: what each is called in a note, and the case statuses it carries. */
const RETURNS = {
  cin: { name: 'a CIN census', statuses: ['referral', 's47', 'cp_plan', 'cin_plan'] },
  '903': { name: 'an SSDA903 return', statuses: ['looked_after'] },
} as const;

const list = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/**
 * What a CIN census or SSDA903 import left out and what the register then assumes, as report
 * notes in plain words (pure), as an SSD-only import says in `ssd/notes.ts`. Both returns are
 * about children: they carry no absences, posts or contracted hours, no names or families, and
 * (the CIN census) no worker; the 903 names workers only in social worker episodes, which join
 * workers already held.
 */
export function returnNotes(format: keyof typeof RETURNS, register: Pick<RegisterState, 'practitioners' | 'children'>, s: Pick<Snapshot, 'children' | 'allocations'>, coverage: readonly Coverage[], report: ReportBuilder): void {
  const { name, statuses } = RETURNS[format];
  if (register.practitioners.length === 0) {
    report.note(format === 'cin'
      ? `No social workers, teams or allocations: ${name} does not say who holds each case, and Caseweight holds no workers yet. The children are on no one's caseload and count in no one's workload until the SSD extract or the workforce census brings the council's workers and allocations.`
      : `No social workers or teams: Caseweight holds no workers yet, and ${name} cannot add them (its social worker episodes only name workers already held). The children are on no one's caseload and count in no one's workload until the SSD extract or the workforce census brings the council's workers.`);
  } else if (format === 'cin') {
    report.note(`No allocations: ${name} does not say who holds each case. Allocations already held are kept; a child no one holds is on no one's caseload.`);
  } else if (s.allocations.length === 0) {
    report.note(`No social worker episodes were imported: allocations already held are kept; a child no one holds is on no one's caseload.`);
  }
  report.note(`No absences, posts or contracted hours: ${name} is about children, not staff. Capacity and vacancy figures stay as held (none until the SSD extract, the workforce census or HR data is imported), and everyone is counted as at work unless an absence is already held.`);
  const held = new Set(register.children.map((c) => c.child_id));
  const fresh = s.children.filter((c) => !held.has(c.child_id)).length;
  if (fresh > 0) {
    report.note(`No names or families: ${fresh} ${fresh === 1 ? 'child new to Caseweight is' : 'children new to Caseweight are'} shown as "Child" and their id until the SSD extract brings names, and brothers and sisters are not linked, so a visit they share counts for each child.`);
  }
  const carried = new Set(coverage.filter((c) => c.carried).map((c) => c.activityCode));
  const missing = DEFAULT_ACTIVITIES.filter((a) => a.rule.kind !== 'monthly' && (statuses as readonly string[]).includes(a.status) && !carried.has(a.code)).map((a) => a.name.toLowerCase());
  if (missing.length > 0) {
    report.note(`${name.charAt(0).toUpperCase()}${name.slice(1)} does not show when these are done: ${list(missing)}. Unless another import shows them, schedules show them as not in your data rather than overdue, and they still count in workload.`);
  }
}
