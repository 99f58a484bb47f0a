/**
 * The team's overdue list as a page and as a file: filtered and sorted on the server (works
 * without JavaScript), the same rows in the download as on the page. Pure.
 */
import type { DataTable } from '../../standards/downloads.ts';
import { formatDate } from '../../platform/web/nunjucks.ts';
import { downloadLinks } from '../../platform/web/downloads.ts';
import type { OverdueRow, TeamOverdueData } from '../service/overdue.ts';

export const OVERDUE_SORTS = ['due', 'worker', 'child', 'activity'] as const;
type Sort = (typeof OVERDUE_SORTS)[number];

export interface OverdueQuery {
  worker: string;
  state: '' | 'overdue' | 'due_soon';
  sort: Sort;
}

export function parseOverdueQuery(raw: Record<string, unknown>): OverdueQuery {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const state = str(raw.state);
  const sort = str(raw.sort);
  return {
    worker: /^[A-Za-z0-9_.-]{0,64}$/.test(str(raw.worker)) ? str(raw.worker) : '',
    state: state === 'overdue' || state === 'due_soon' ? state : '',
    sort: (OVERDUE_SORTS as readonly string[]).includes(sort) ? (sort as Sort) : 'due',
  };
}

const ORDER: Record<Sort, (a: OverdueRow, b: OverdueRow) => number> = {
  due: (a, b) => a.dueOn.localeCompare(b.dueOn),
  worker: (a, b) => a.workerName.localeCompare(b.workerName) || a.dueOn.localeCompare(b.dueOn),
  child: (a, b) => a.childName.localeCompare(b.childName) || a.dueOn.localeCompare(b.dueOn),
  activity: (a, b) => a.activity.localeCompare(b.activity) || a.dueOn.localeCompare(b.dueOn),
};

export function selectRows(data: TeamOverdueData, q: OverdueQuery): OverdueRow[] {
  return data.rows.filter((r) => (!q.worker || r.practitionerId === q.worker) && (!q.state || r.state === q.state))
    .sort((a, b) => ORDER[q.sort](a, b) || a.childId.localeCompare(b.childId) || a.activityCode.localeCompare(b.activityCode));
}

const when = (r: OverdueRow) => (r.state === 'overdue' ? `${r.daysOverdue} ${r.daysOverdue === 1 ? 'day' : 'days'} overdue` : r.workingDaysLeft === 0 ? 'Due today' : `Due in ${r.workingDaysLeft} working ${r.workingDaysLeft === 1 ? 'day' : 'days'}`);

export function toOverdueView(data: TeamOverdueData, q: OverdueQuery) {
  const rows = selectRows(data, q);
  const workers = [...new Map(data.rows.map((r) => [r.practitionerId, r.workerName])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const search = new URLSearchParams({ date: data.date, ...(q.worker ? { worker: q.worker } : {}), ...(q.state ? { state: q.state } : {}), sort: q.sort }).toString();
  const base = `/teams/${encodeURIComponent(data.team.teamId)}/overdue`;
  return {
    title: `What is overdue or due soon: ${data.team.name}`,
    date: data.date, dateText: formatDate(data.date), teamId: data.team.teamId, teamHref: `/teams/${encodeURIComponent(data.team.teamId)}?date=${data.date}`,
    overdue: data.rows.filter((r) => r.state === 'overdue').length,
    dueSoon: data.rows.filter((r) => r.state === 'due_soon').length,
    workerItems: [{ value: '', text: 'Everyone', selected: q.worker === '' }, ...workers.map(([value, text]) => ({ value, text, selected: q.worker === value }))],
    stateItems: [{ value: '', text: 'Overdue and due soon', selected: q.state === '' }, { value: 'overdue', text: 'Overdue only', selected: q.state === 'overdue' }, { value: 'due_soon', text: 'Due in the next 10 working days', selected: q.state === 'due_soon' }],
    sortItems: OVERDUE_SORTS.map((s) => ({ value: s, text: { due: 'Due date', worker: 'Worker', child: 'Child', activity: 'What' }[s], selected: q.sort === s })),
    downloads: downloadLinks(base, `?${search}`, ['csv', 'xlsx']),
    rows: rows.map((r) => ({
      ...r, dueText: formatDate(r.dueOn), whenText: when(r), tag: r.state === 'overdue' ? 'govuk-tag--red' : 'govuk-tag--yellow',
      childHref: `/children/${encodeURIComponent(r.childId)}?date=${data.date}`,
    })),
  };
}

export function overdueTable(data: TeamOverdueData, q: OverdueQuery): DataTable {
  return {
    title: `What is overdue or due soon, ${data.team.name}, ${data.date}`,
    sheetName: 'Overdue and due soon',
    columns: [
      { header: 'Worker', kind: 'text' }, { header: 'Child', kind: 'text' }, { header: 'Child ID', kind: 'text' }, { header: 'What', kind: 'text' },
      { header: 'Status', kind: 'text' }, { header: 'Due', kind: 'date' }, { header: 'Days overdue', kind: 'integer' }, { header: 'Working days left', kind: 'integer' },
    ],
    rows: selectRows(data, q).map((r) => [r.workerName, r.childName, r.childId, r.activity, r.status, new Date(`${r.dueOn}T00:00:00Z`), r.daysOverdue, r.workingDaysLeft]),
    about: [{ label: 'Team', value: data.team.name }, { label: 'Date', value: new Date(`${data.date}T00:00:00Z`), kind: 'date' }],
  };
}
