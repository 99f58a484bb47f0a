import { en } from '../../platform/web/locales/en.ts';
import { formatDate, formatNumber } from '../../platform/web/nunjucks.ts';
import { STATUS_NAMES, type CaseStatus, type Range } from '../../workload/model/index.ts';
import type { ScheduleView } from '../../workload/model/views.ts';

export interface CasePageData {
  date: string;
  configVersion: number;
  child: { childId: string; name: string; dateOfBirth: string | null; sex: string | null; familyId: string | null; restricted: boolean };
  episodes: { kind: string; start: string; end: string | null; placementDistanceMiles: number | null; placementLongTerm: boolean | null; s47Outcome: string | null }[];
  factors: { factor: string; start: string; end: string | null }[];
  /** `openable`: whether this viewer may open the worker's page (false: named, not linked). */
  allocations: { practitionerId: string; practitionerName: string; teamId: string; role: string; start: string; end: string | null; openable?: boolean }[];
  schedule: ScheduleView;
  demand: { statuses: string[]; total: Range; activities: { name: string; occurrences: number; multiplier: number; hours: Range; why: string[] }[] };
  sources: Record<string, string>;
  /** Whether this viewer may record a visit or contact on the case. */
  mayRecord?: boolean;
}

const SEX: Record<string, string> = { M: 'Male', F: 'Female', U: 'Not known' };
const FACTORS: Record<string, string> = { interpreter: 'Needs an interpreter', disability: 'Disability or complex health', exploitation: 'Exploitation', missing: 'Missing episodes' };
const STATE_TAG: Record<string, string> = { overdue: 'govuk-tag--red', due_soon: 'govuk-tag--yellow', upcoming: 'govuk-tag--blue', done: 'govuk-tag--green', not_in_data: 'govuk-tag--grey' };

/** Whole years between two dates: the child's age on the page's date. */
export function ageOn(dateOfBirth: string, date: string): number {
  const [y1, m1, d1] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = date.split('-').map(Number) as [number, number, number];
  return y2 - y1 - (m2 < m1 || (m2 === m1 && d2 < d1) ? 1 : 0);
}

const isOpen = (e: { start: string; end: string | null }, date: string) => e.start <= date && (e.end === null || e.end > date);

/** The case page: pure, from what the loader read. */
export function toCasePageView(data: CasePageData) {
  const { child, date } = data;
  const current = data.allocations.filter((a) => a.role === 'lead' && isOpen(a, date));
  const statusName = (kind: string) => STATUS_NAMES[kind as CaseStatus] ?? kind;
  return {
    title: child.name,
    child,
    recordHref: data.mayRecord ? `/children/${encodeURIComponent(child.childId)}/record` : null,
    // Notes and the chronology follow the record's read rule: whoever sees this page may open them.
    notesHref: `/children/${encodeURIComponent(child.childId)}/notes`,
    chronologyHref: `/children/${encodeURIComponent(child.childId)}/chronology`,
    dateText: formatDate(date),
    configVersion: data.configVersion,
    summary: [
      { key: 'Date of birth', value: child.dateOfBirth ? `${formatDate(child.dateOfBirth)} (age ${ageOn(child.dateOfBirth, date)})` : 'Not recorded' },
      { key: 'Sex', value: SEX[child.sex ?? ''] ?? 'Not recorded' },
      { key: 'Status now', value: data.demand.statuses.map(statusName).join(', ') || 'No open episode' },
      { key: 'Allocated to', value: current.map((a) => a.practitionerName).join(', ') || 'Not allocated' },
      { key: 'Complexity', value: data.factors.filter((f) => isOpen(f, date)).map((f) => FACTORS[f.factor] ?? f.factor).join(', ') || 'None recorded' },
      ...(child.restricted ? [{ key: 'Access', value: 'Restricted record: only people with a grant can see it' }] : []),
    ],
    episodes: [...data.episodes].reverse().map((e) => ({
      status: statusName(e.kind),
      from: formatDate(e.start),
      to: e.end ? formatDate(e.end) : 'Open',
      details: [
        e.placementDistanceMiles !== null ? `Placement ${formatNumber(e.placementDistanceMiles)} miles away` : null,
        e.placementLongTerm ? 'intended to last until 18' : null,
        e.s47Outcome === 'conference' ? 'Outcome: initial conference' : e.s47Outcome === 'no_further_action' ? 'Outcome: no further action' : null,
      ].filter(Boolean).join(', '),
    })),
    allocations: [...data.allocations].reverse().map((a) => ({
      name: a.practitionerName,
      href: a.openable === false ? null : `/practitioners/${encodeURIComponent(a.practitionerId)}?date=${date}`,
      team: a.teamId,
      role: a.role === 'lead' ? 'Allocated worker' : 'Supporting',
      from: formatDate(a.start),
      to: a.end ? formatDate(a.end) : 'Now',
    })),
    overdue: data.schedule.overdue,
    notInData: data.schedule.notInData,
    schedule: data.schedule.items.map((i) => ({
      name: i.name,
      status: i.status,
      // Not in the data: when it would fall due if nothing had been done, since nothing says it was.
      due: i.state === 'not_in_data' ? `From ${formatDate(i.dueOn)}` : formatDate(i.dueOn),
      lastDone: i.lastDoneOn ? formatDate(i.lastDoneOn) : i.state === 'not_in_data' ? 'Not recorded in your data' : 'Not yet',
      state: i.state,
      stateText: i.state === 'overdue' ? `Overdue by ${i.daysOverdue} ${i.daysOverdue === 1 ? 'day' : 'days'}` : en.scheduleStates[i.state] ?? i.state,
      tag: STATE_TAG[i.state] ?? 'govuk-tag--grey',
      conditional: i.conditional,
      source: i.ruleSource,
    })),
    hours: { central: formatNumber(data.demand.total.central), low: formatNumber(data.demand.total.low), high: formatNumber(data.demand.total.high) },
    activities: data.demand.activities.filter((a) => a.hours.central > 0).map((a) => ({
      name: a.name,
      occurrences: formatNumber(a.occurrences),
      hours: formatNumber(a.hours.central),
      range: `${formatNumber(a.hours.low)} to ${formatNumber(a.hours.high)}`,
      why: a.why.join('; '),
      source: data.sources[a.name] ?? '',
    })),
  };
}

