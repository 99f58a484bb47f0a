import type { ReportBuilder } from '../../../standards/report.ts';
import type { SsdTables } from '../../../standards/ssd/read.ts';
import { DEFAULT_ACTIVITIES } from '../../../workload/model/catalogue.ts';
import type { Coverage } from '../coverage.ts';
import type { Snapshot } from '../snapshot.ts';

const NAMES = new Map(DEFAULT_ACTIVITIES.map((a) => [a.code, a.name.toLowerCase()]));

const list = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/**
 * What an SSD extract left out and what the register then assumes, as report notes in plain
 * words (pure). The SSD has no absences, posts or contracted hours and, in most extracts, no FTE
 * or agency flag: a council's own extract (without Caseweight's extension tables) leaves them out.
 */
export function ssdNotes(tables: SsdTables, s: Pick<Snapshot, 'practitioners'>, coverage: readonly Coverage[], fullTimeWeeklyHours: number, report: ReportBuilder): void {
  if (!tables.has('caseweight_absences')) {
    report.note('No absences: the files do not say who is off sick, on parental leave or away training. Caseweight counts everyone as at work (annual leave is averaged in), so capacity may be higher than it is. Absences already held are kept.');
  }
  if (!tables.has('caseweight_posts')) {
    report.note('No posts or vacancies: the files do not list the establishment. Vacancy figures stay as held, or show none, until the workforce census or HR data is imported.');
  }
  if (!tables.has('caseweight_practitioners')) {
    report.note(`No contracted hours or working patterns: each worker is taken to work ${fullTimeWeeklyHours} hours a week in proportion to their FTE, and their start date is their first allocation. Import HR data or the workforce census to correct this.`);
  }
  const noFte = s.practitioners.filter((p) => p.unknown.includes('fte')).length;
  if (noFte > 0) report.note(`${noFte} ${noFte === 1 ? 'worker has' : 'workers have'} no FTE in the files: taken as full time until the workforce census or HR data gives it.`);
  const noAgency = s.practitioners.filter((p) => p.unknown.includes('agency')).length;
  if (noAgency > 0) report.note(`${noAgency} ${noAgency === 1 ? 'worker has' : 'workers have'} no agency flag in the files: taken as employed by the council until the workforce census gives it.`);
  const missing = coverage.filter((c) => !c.carried && NAMES.has(c.activityCode)).map((c) => NAMES.get(c.activityCode)!);
  if (missing.length > 0 && !coverage.some((c) => c.activityCode === '*' && c.carried)) {
    report.note(`The files do not show when these are done: ${list(missing)}. Schedules show them as not in your data rather than overdue, and they still count in workload.`);
  }
}
