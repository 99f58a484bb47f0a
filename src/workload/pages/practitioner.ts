import { barChart } from '../../platform/web/charts.ts';
import { bandFor } from '../../kernel/bands.ts';
import { en } from '../../platform/web/locales/en.ts';
import { STATE_WORDS, type SupervisionState } from '../../supervision/model/schedule.ts';
import { formatDate, formatHours, formatNumber, formatPercent } from '../../platform/web/nunjucks.ts';
import { ROLE_NAMES } from '../../workforce/model.ts';
import type { BandName } from '../../statistics/model.ts';
import { STATUS_NAMES, type CaseStatus } from '../model/index.ts';
import type { BreakdownView } from '../model/views.ts';

export interface DueItem {
  childId: string;
  childName: string;
  name: string;
  activityCode: string;
  dueOn: string;
  state: string;
  daysOverdue: number;
  conditional: boolean;
}

export interface PractitionerPageData {
  breakdown: BreakdownView;
  bands: { greenUpTo: number; amberUpTo: number };
  due: DueItem[];
  /** Children whose record this viewer may open (the case page's rule): the others are named, not linked. */
  openableChildIds?: string[];
  /** Minutes recorded in Caseweight over the last `days` days, by kind. */
  recordedTime?: { days: number; recordings: number; direct: number; travel: number; recording: number; meeting: number };
  /** Your own page: tasks business support handed back that you have not yet opened, and tasks overdue. */
  tasks?: { handedBack: number; overdue: number };
  /** Restricted records among the cases: no task can be handed over on them. */
  restrictedChildIds?: string[];
  /** Where their supervision stands (supervision's status), for those who may see it. */
  supervision?: { state: SupervisionState; dueOn: string; lastOn: string | null; frequency: string; daysOverdue: number };
}

/** What is due this week and next (and everything overdue), from the cases' schedules. */
const DUE_WINDOW_DAYS = 14;

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const bandOf = (hours: number, casework: number, bands: PractitionerPageData['bands']): BandName => bandFor(hours, casework, bands);

/** The practitioner page (My workload, and a manager's drill-down): pure, from the breakdown. */
export function toPractitionerPageView(data: PractitionerPageData, options: { self: boolean }) {
  const b = data.breakdown;
  const c = b.capacity;
  const until = addDays(b.date, DUE_WINDOW_DAYS);
  const openable = data.openableChildIds ? new Set(data.openableChildIds) : null;
  const childHref = (childId: string) => (openable && !openable.has(childId) ? null : `/children/${encodeURIComponent(childId)}?date=${b.date}`);
  const due = data.due
    // Work the council's data cannot show as done is not listed as due: it would sit here for ever (the case page shows it).
    .filter((d) => d.state === 'overdue' || (d.state !== 'done' && d.state !== 'not_in_data' && d.dueOn <= until))
    .sort((x, y) => x.dueOn.localeCompare(y.dueOn) || x.childName.localeCompare(y.childName))
    .map((d) => ({
      ...d,
      href: childHref(d.childId),
      // Your own cases: record the visit straight from the list (the allocated worker may record on them).
      recordHref: options.self ? `/children/${encodeURIComponent(d.childId)}/record?activity=${encodeURIComponent(d.activityCode)}` : null,
      dueText: formatDate(d.dueOn),
      stateText: d.state === 'overdue' ? `Overdue by ${d.daysOverdue} ${d.daysOverdue === 1 ? 'day' : 'days'}` : en.scheduleStates[d.state] ?? d.state,
      tag: d.state === 'overdue' ? 'govuk-tag--red' : 'govuk-tag--yellow',
    }));
  const safeHours = data.bands.greenUpTo * c.caseworkHours;
  const chart = barChart({
    id: 'my-workload-chart',
    title: options.self ? 'Your hours of casework a month against your safe band' : `${b.name}: hours of casework a month against the safe band`,
    summary: `Cases need ${formatNumber(b.demandHours.central)} hours a month (between ${formatNumber(b.demandHours.low)} and ${formatNumber(b.demandHours.high)}). ` +
      `The safe band ends at ${formatNumber(safeHours)} hours and casework time is ${formatNumber(c.caseworkHours)} hours.`,
    unit: ' h',
    data: (['low', 'central', 'high'] as const).map((k) => {
      const band = bandOf(b.demandHours[k], c.caseworkHours, data.bands);
      return { label: `${k === 'central' ? 'Central' : k === 'low' ? 'Low' : 'High'} estimate`, value: b.demandHours[k], band, note: en.bandShort[band]!, cells: [formatHours(b.demandHours[k]), en.bands[band]!] };
    }),
    lines: [{ value: safeHours, label: `Safe ${formatNumber(safeHours)} h` }, { value: c.caseworkHours, label: `Full ${formatNumber(c.caseworkHours)} h` }],
    tableHead: ['Estimate', 'Hours a month', 'Band'],
    width: 680,
  });
  const protectedTime = [
    ...c.protectedTime.map((p) => ({ name: p.name, hours: formatHours(p.hours) })),
    ...(c.asyeHours > 0 ? [{ name: 'ASYE development time and extra supervision', hours: formatHours(c.asyeHours) }] : []),
  ];
  const rt = data.recordedTime;
  const hoursOf = (m: number) => formatNumber(Math.round((m / 60) * 10) / 10);
  const recorded = rt && rt.recordings > 0 ? {
    total: hoursOf(rt.direct + rt.travel + rt.recording + rt.meeting),
    perWeek: hoursOf(((rt.direct + rt.travel + rt.recording + rt.meeting) * 7) / rt.days),
    parts: [['Direct work', rt.direct], ['Travel', rt.travel], ['Recording', rt.recording], ['Meetings', rt.meeting]].map(([text, m]) => ({ text, hours: hoursOf(m as number) })),
    recordings: rt.recordings, days: rt.days,
  } : null;
  const handedOff = b.handedOff ?? [];
  const t = data.tasks;
  const sv = data.supervision;
  return {
    tasks: t && (t.handedBack > 0 || t.overdue > 0) ? {
      text: [t.handedBack > 0 ? `${t.handedBack} ${t.handedBack === 1 ? 'task' : 'tasks'} handed back by business support` : null, t.overdue > 0 ? `${t.overdue} ${t.overdue === 1 ? 'task is' : 'tasks are'} overdue` : null].filter(Boolean).join('; '),
      href: '/tasks',
    } : null,
    handedOff: handedOff.length ? {
      casesHours: formatNumber(b.casesHours?.central ?? b.demandHours.central),
      movedHours: formatNumber(handedOff.reduce((s, l) => s + l.hours.central, 0)),
      lines: handedOff.map((l) => ({ text: l.text, childName: b.caseList.find((k) => k.childId === l.childId)?.childName ?? l.childId })),
    } : null,
    supervision: sv ? {
      text: STATE_WORDS[sv.state].text, tag: STATE_WORDS[sv.state].tag, frequency: sv.frequency,
      due: sv.state === 'overdue' ? `was due by ${formatDate(sv.dueOn)} (${sv.daysOverdue} ${sv.daysOverdue === 1 ? 'day' : 'days'} ago)` : `next due by ${formatDate(sv.dueOn)}`,
      last: sv.lastOn ? formatDate(sv.lastOn) : null,
      href: `/practitioners/${encodeURIComponent(b.practitionerId)}/supervision`,
    } : null,
    recorded,
    recordedDays: rt?.days ?? 28,
    title: options.self ? 'My workload' : `${b.name}: workload`,
    self: options.self,
    practitionerId: b.practitionerId,
    name: b.name,
    role: ROLE_NAMES[b.role] ?? b.role,
    details: [b.agency ? 'Agency worker' : null, b.inAsye ? 'In their ASYE (newly qualified)' : null, `${formatNumber(b.fte)} FTE`].filter(Boolean).join(' · '),
    date: b.date,
    dateText: formatDate(b.date),
    configVersion: b.configVersion,
    band: b.band,
    bandText: en.bands[b.band],
    ratio: b.ratio ? formatPercent(b.ratio.central) : '–',
    ratioRange: b.ratio ? `${formatPercent(b.ratio.low)} to ${formatPercent(b.ratio.high)}` : 'no casework time this month',
    safeBand: formatPercent(data.bands.greenUpTo),
    cases: b.cases,
    demand: { central: formatNumber(b.demandHours.central), low: formatNumber(b.demandHours.low), high: formatNumber(b.demandHours.high) },
    caseworkHours: formatNumber(c.caseworkHours),
    caseworkHoursLow: c.caseworkHoursLow !== undefined && c.caseworkHoursLow < c.caseworkHours - 0.05 ? formatNumber(c.caseworkHoursLow) : null,
    chart,
    capacityRows: [
      { key: 'Contracted hours this month', value: formatHours(c.contractedHours) },
      { key: 'Annual leave and bank holidays (averaged)', value: `− ${formatHours(c.leaveHours)}` },
      // Recorded supervision says so, and from how many sessions: the figure can be traced (DESIGN.md "explain everything").
      ...c.protectedTime.map((p) => ({ key: p.basis ? `${p.name} (recorded: ${p.basis.recordedSessions} ${p.basis.recordedSessions === 1 ? 'session' : 'sessions'} in the month to this date)` : p.name, value: `− ${formatHours(p.hours)}` })),
      ...(c.asyeHours > 0 ? [{ key: 'ASYE development time', value: `− ${formatHours(c.asyeHours)}` }] : []),
      ...(c.absenceHours > 0 ? [{ key: 'Absence this month', value: `− ${formatHours(c.absenceHours)}` }] : []),
      { key: 'Available hours', value: formatHours(c.availableHours) },
      ...(c.caseworkShare < 1 ? [{ key: 'Share of time for casework in this role', value: formatPercent(c.caseworkShare) }] : []),
      { key: 'Hours for casework', value: formatHours(c.caseworkHours) },
    ],
    protectedTime,
    due,
    overdue: due.filter((d) => d.state === 'overdue').length,
    caseList: b.caseList.map((k) => ({
      childId: k.childId,
      href: childHref(k.childId),
      // Your own cases: hand a letter, minutes or a booking to business support (the tasks area's form).
      taskHref: options.self && childHref(k.childId) && !data.restrictedChildIds?.includes(k.childId) ? `/children/${encodeURIComponent(k.childId)}/tasks/new` : null,
      childName: k.childName,
      statuses: k.statuses.join(', '),
      hours: formatNumber(k.hours.central),
      range: `${formatNumber(k.hours.low)} to ${formatNumber(k.hours.high)}`,
      activities: k.activities.filter((a) => a.hours.central > 0).map((a) => ({
        name: a.name, occurrences: formatNumber(a.occurrences), hours: formatNumber(a.hours.central), why: a.why.join('; '),
      })),
    })),
    headroom: Object.entries(b.headroom).map(([type, h]) => ({
      type: STATUS_NAMES[type as CaseStatus],
      text: h.central === null ? 'No limit' : h.fewest === h.most ? `${h.central}` : `${h.central} (${h.fewest} to ${h.most === null ? 'no limit' : h.most})`,
    })),
  };
}

