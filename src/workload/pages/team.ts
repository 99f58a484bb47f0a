import { barChart, type Chart } from '../../platform/web/charts.ts';
import { downloadLinks } from '../../platform/web/downloads.ts';
import { en } from '../../platform/web/locales/en.ts';
import { formatDate, formatHours, formatNumber, formatPercent } from '../../platform/web/nunjucks.ts';
import { daysBetween, overSafeBandSince, type BandName } from '../../statistics/model.ts';
import { ROLE_NAMES } from '../../workforce/model.ts';
import { HEADROOM_TYPES, STATUS_NAMES, type HeadroomType, type Range } from '../model/index.ts';
import type { PractitionerSummaryView } from '../model/views.ts';
import { STATE_WORDS, type SupervisionState } from '../../supervision/model/schedule.ts';

export interface TeamPageData {
  team: { teamId: string; name: string; service: string };
  date: string;
  configVersion: number;
  bands: { greenUpTo: number; amberUpTo: number };
  practitioners: PractitionerSummaryView[];
  /** False when the viewer may not see who is absent: the page shows counts by kind. */
  absencesNamed?: boolean;
  /** Whether this viewer may open the team's overdue list (child by child). */
  mayListOverdue?: boolean;
  /** Practitioners whose own page this viewer may open (the policy's answer); others are not links. */
  openablePractitionerIds?: readonly string[];
  /** Each person's supervision (supervision's status), for those who may see it; absent: no column. */
  supervision?: Record<string, { state: SupervisionState; dueOn: string; lastOn: string | null; daysOverdue: number }>;
  absences: { practitionerId: string; kind: string; start: string; end: string }[];
  posts: { postId: string; role: string; fte: number; status: string; coveredBy: string | null }[];
  history: { practitionerId: string; date: string; band: BandName }[];
}

export const SORT_KEYS = ['name', 'role', 'cases', 'hours', 'capacity', 'ratio', 'headroom'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
const BAND_FILTERS = ['green', 'amber', 'red', 'cover', 'none', 'over'] as const;

export interface TeamQuery {
  sort: SortKey;
  order: 'asc' | 'desc';
  role: string;
  band: string;
  type: HeadroomType;
}

/** The team's usual case type, for the headroom column until the manager picks another. */
const SERVICE_TYPE: Record<string, HeadroomType> = {
  front_door: 'referral', assessment: 'referral', child_in_need: 'cin_plan', child_protection: 'cp_plan',
  children_in_care: 'looked_after', care_leavers: 'care_leaver', family_help: 'family_help', disabled_children: 'cin_plan',
};

/** Reads the query string leniently: anything unknown falls back to the default, never an error. */
export function parseTeamQuery(raw: Record<string, unknown>, service: string): TeamQuery {
  const pick = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T =>
    typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
  return {
    sort: pick(raw.sort, SORT_KEYS, 'ratio'),
    order: pick(raw.order, ['asc', 'desc'] as const, raw.sort === undefined ? 'desc' : 'asc'),
    role: pick(raw.role, Object.keys(ROLE_NAMES), '' as string),
    band: pick(raw.band, BAND_FILTERS, '' as string),
    type: pick(raw.type, HEADROOM_TYPES, SERVICE_TYPE[service] ?? 'cin_plan'),
  };
}

const rangeText = (r: Range) => `${formatNumber(r.central)} (${formatNumber(r.low)} to ${formatNumber(r.high)})`;
const ratioText = (r: Range | null) => (r ? `${formatPercent(r.central)} (${formatPercent(r.low)} to ${formatPercent(r.high)})` : en.bands.none!);

function sortValue(p: PractitionerSummaryView, key: SortKey, type: HeadroomType): string | number {
  switch (key) {
    case 'name': return p.name;
    case 'role': return ROLE_NAMES[p.role] ?? p.role;
    case 'cases': return p.cases;
    case 'hours': return p.demandHours.central;
    case 'capacity': return p.capacityHours;
    // No capacity sorts as the heaviest load: its cases are in effect unallocated.
    case 'ratio': return p.ratio ? p.ratio.central : p.cases > 0 ? Number.MAX_VALUE : -1;
    case 'headroom': return p.headroom[type].central ?? Number.MAX_VALUE;
  }
}

/** Supervision under the band: the state as a tag and when the next is due (the last session is on the supervisee's page). */
function supervisionCell(data: TeamPageData, practitionerId: string) {
  const s = data.supervision?.[practitionerId];
  if (!s) return null;
  const words = STATE_WORDS[s.state];
  return {
    text: words.text, tag: words.tag,
    due: s.state === 'overdue' ? `Was due ${formatDate(s.dueOn)}` : `Due by ${formatDate(s.dueOn)}`,
    href: `/practitioners/${encodeURIComponent(practitionerId)}/supervision`,
  };
}

export function toTeamPageView(data: TeamPageData, query: TeamQuery) {
  const openable = (id: string) => data.openablePractitionerIds === undefined || data.openablePractitionerIds.includes(id);
  const { team, bands } = data;
  const names = new Map(data.practitioners.map((p) => [p.practitionerId, p.name]));
  const historyBy = new Map<string, { date: string; band: BandName }[]>();
  for (const h of data.history) {
    const list = historyBy.get(h.practitionerId);
    if (list) list.push(h);
    else historyBy.set(h.practitionerId, [h]);
  }

  const filtered = data.practitioners.filter((p) =>
    (query.role === '' || p.role === query.role) &&
    (query.band === '' || (query.band === 'over' ? p.band === 'amber' || p.band === 'red' : p.band === query.band)));
  const dir = query.order === 'asc' ? 1 : -1;
  const sorted = [...filtered].sort((a, b) => {
    const va = sortValue(a, query.sort, query.type);
    const vb = sortValue(b, query.sort, query.type);
    const c = typeof va === 'string' ? va.localeCompare(vb as string) : va - (vb as number);
    return c * dir || a.name.localeCompare(b.name);
  });

  const baseQuery = (changes: Partial<TeamQuery>) => {
    const q = { ...query, ...changes };
    const params = new URLSearchParams({ sort: q.sort, order: q.order });
    if (q.role) params.set('role', q.role);
    if (q.band) params.set('band', q.band);
    params.set('type', q.type);
    params.set('date', data.date);
    return `?${params.toString()}`;
  };
  const columns: { key: SortKey; text: string; numeric: boolean }[] = [
    { key: 'name', text: 'Name', numeric: false },
    { key: 'role', text: 'Role', numeric: false },
    { key: 'cases', text: 'Cases', numeric: true },
    { key: 'hours', text: 'Hours a month (range)', numeric: true },
    { key: 'capacity', text: 'Casework hours', numeric: true },
    { key: 'ratio', text: 'Workload (range)', numeric: true },
    { key: 'headroom', text: `Room for more ${STATUS_NAMES[query.type].toLowerCase()} cases`, numeric: true },
  ];
  const head = columns.map((c) => {
    const active = query.sort === c.key;
    const nextOrder = active ? (query.order === 'asc' ? 'desc' : 'asc') : c.numeric ? 'desc' : 'asc';
    return {
      text: c.text, numeric: c.numeric, active,
      ariaSort: active ? (query.order === 'asc' ? 'ascending' : 'descending') : 'none',
      href: baseQuery({ sort: c.key, order: nextOrder }),
    };
  });

  const rows = sorted.map((p) => {
    const room = p.headroom[query.type];
    return {
      practitionerId: p.practitionerId,
      href: openable(p.practitionerId) ? `/practitioners/${encodeURIComponent(p.practitionerId)}?date=${data.date}` : null,
      name: p.name,
      role: ROLE_NAMES[p.role] ?? p.role,
      notes: [p.agency ? 'agency' : null, p.inAsye ? 'ASYE' : null, p.fte < 1 ? `${formatNumber(p.fte)} FTE` : null].filter(Boolean).join(', '),
      cases: p.cases,
      hours: rangeText(p.demandHours),
      capacity: formatNumber(p.capacityHours),
      ratio: ratioText(p.ratio),
      band: p.band,
      bandText: en.bands[p.band],
      supervision: supervisionCell(data, p.practitionerId),
      headroom: room.central === null ? 'No limit' : room.fewest === room.most ? `${room.central}` : `${room.central} (${room.fewest} to ${room.most})`,
      // The same figures split for the table: the central figure, and its range on a line below,
      // so each stays on one line and the table fits 1280 px.
      split: {
        hours: { central: formatNumber(p.demandHours.central), range: `${formatNumber(p.demandHours.low)} to ${formatNumber(p.demandHours.high)}` },
        ratio: p.ratio ? { central: formatPercent(p.ratio.central), range: `${formatPercent(p.ratio.low)} to ${formatPercent(p.ratio.high)}` } : { central: en.bands.none!, range: '' },
        headroom: room.central === null ? { central: 'No limit', range: '' } : { central: `${room.central}`, range: room.fewest === room.most ? '' : `${room.fewest} to ${room.most}` },
      },
      // The numbers the text above is worded from, for the downloads (pages/team-export.ts).
      figures: { fte: p.fte, agency: p.agency, inAsye: p.inAsye, hours: p.demandHours, capacity: p.capacityHours, ratio: p.ratio, headroom: room },
    };
  });

  const over = data.practitioners
    .filter((p) => p.band === 'amber' || p.band === 'red')
    .map((p) => {
      const since = overSafeBandSince(historyBy.get(p.practitionerId) ?? []);
      return {
        name: p.name, href: openable(p.practitionerId) ? `/practitioners/${encodeURIComponent(p.practitionerId)}?date=${data.date}` : null, band: p.band, bandText: en.bands[p.band],
        ratio: ratioText(p.ratio),
        since: since ? `Since ${formatDate(since)} (${daysBetween(since, data.date)} days)` : 'No earlier snapshot: from today',
        days: since ? daysBetween(since, data.date) : 0,
      };
    })
    .sort((a, b) => b.days - a.days || a.name.localeCompare(b.name));

  const totals = data.practitioners.reduce(
    (t, p) => ({ cases: t.cases + p.cases, hours: t.hours + p.demandHours.central, capacity: t.capacity + p.capacityHours, fte: t.fte + p.fte }),
    { cases: 0, hours: 0, capacity: 0, fte: 0 },
  );
  const vacant = data.posts.filter((p) => p.status === 'vacant');
  const coverCases = data.practitioners.filter((p) => p.band === 'cover').reduce((n, p) => n + p.cases, 0);

  const chart: Chart = barChart({
    id: 'team-workload-chart',
    title: `Workload of each person in ${team.name}`,
    summary: `${rows.length} people shown. ${over.length} of the team ${over.length === 1 ? 'is' : 'are'} over the safe band of ${formatPercent(bands.greenUpTo)}. The table below gives every figure.`,
    unit: '%',
    data: sorted.map((p) => ({
      label: p.name,
      value: p.ratio ? p.ratio.central * 100 : 0,
      band: p.band,
      note: p.ratio ? en.bandShort[p.band]! : 'no casework time',
      cells: [p.ratio ? formatPercent(p.ratio.central) : '–', en.bands[p.band]!],
    })),
    lines: [{ value: bands.greenUpTo * 100, label: `Safe ${formatPercent(bands.greenUpTo)}` }, { value: bands.amberUpTo * 100, label: `Full ${formatPercent(bands.amberUpTo)}` }],
    tableHead: ['Name', 'Workload (central estimate)', 'Band'],
  });

  return {
    title: `${team.name}: team workload`,
    showSupervision: data.supervision !== undefined && Object.keys(data.supervision).length > 0,
    team,
    date: data.date,
    dateText: formatDate(data.date),
    configVersion: data.configVersion,
    safeBand: formatPercent(bands.greenUpTo),
    // `figure` is the number each value is worded from (a fraction for the workload), for the downloads.
    summary: [
      { label: 'People in post', kind: 'number' as 'number' | 'percent', figure: data.practitioners.length as number | null, value: formatNumber(data.practitioners.length) },
      { label: 'Cases held', kind: 'number', figure: totals.cases, value: formatNumber(totals.cases) },
      { label: 'Hours of casework a month', kind: 'number', figure: totals.hours, value: formatNumber(totals.hours) },
      { label: 'Team workload', kind: 'percent', figure: totals.capacity > 0 ? totals.hours / totals.capacity : null, value: totals.capacity > 0 ? formatPercent(totals.hours / totals.capacity) : '–' },
      { label: 'Over the safe band', kind: 'number', figure: over.length, value: formatNumber(over.length) },
      { label: 'Cases needing cover', kind: 'number', figure: coverCases, value: formatNumber(coverCases) },
      { label: 'Vacant posts', kind: 'number', figure: vacant.length, value: formatNumber(vacant.length) },
    ],
    totals: { cases: totals.cases, hours: totals.hours, capacity: totals.capacity, fte: totals.fte, hoursText: formatHours(totals.hours) },
    filters: {
      roles: [{ value: '', text: 'All roles', selected: query.role === '' },
        ...Object.entries(ROLE_NAMES).map(([value, text]) => ({ value, text, selected: query.role === value }))],
      bands: [{ value: '', text: 'Any', selected: query.band === '' }, { value: 'over', text: 'Over the safe band (amber or red)', selected: query.band === 'over' },
        ...(['green', 'amber', 'red', 'cover', 'none'] as const).map((b) => ({ value: b, text: en.bands[b]!, selected: query.band === b }))],
      types: HEADROOM_TYPES.map((t) => ({ value: t, text: STATUS_NAMES[t], selected: query.type === t })),
      sort: query.sort,
      order: query.order,
      active: query.role !== '' || query.band !== '',
      clearHref: `?date=${data.date}`,
    },
    head,
    rows,
    downloads: downloadLinks(`/teams/${encodeURIComponent(team.teamId)}`, baseQuery({}), ['csv', 'xlsx', 'pdf']),
    shown: rows.length,
    total: data.practitioners.length,
    chart,
    over,
    // Cases held by someone with no casework time this month: the team's work needing cover, not a person over the band.
    needingCover: data.practitioners.filter((p) => p.band === 'cover').map((p) => ({
      name: p.name, href: openable(p.practitionerId) ? `/practitioners/${encodeURIComponent(p.practitionerId)}?date=${data.date}` : null, cases: p.cases,
    })),
    absencesNamed: data.absencesNamed !== false,
    overdueHref: data.mayListOverdue ? `/teams/${encodeURIComponent(data.team.teamId)}/overdue?date=${data.date}` : null,
    absenceCounts: Object.entries(data.absences.filter((a) => a.end >= data.date).reduce<Record<string, number>>((n, a) => ({ ...n, [a.kind]: (n[a.kind] ?? 0) + 1 }), {}))
      .map(([kind, count]) => ({ kind: en.absenceKinds[kind] ?? kind, count })),
    absences: data.absencesNamed === false ? [] : data.absences
      .filter((a) => a.end >= data.date)
      .sort((a, b) => a.start.localeCompare(b.start))
      .map((a) => ({ name: names.get(a.practitionerId) ?? a.practitionerId, kind: en.absenceKinds[a.kind] ?? a.kind, from: formatDate(a.start), to: formatDate(a.end) })),
    vacancies: vacant.map((p) => ({ role: ROLE_NAMES[p.role] ?? p.role, fte: formatNumber(p.fte), cover: p.coveredBy ? 'Covered by an agency worker' : 'Not covered' })),
  };
}

