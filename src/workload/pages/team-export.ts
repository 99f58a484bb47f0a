import type { Cell, ColumnKind, DataTable, PrintDocument } from '../../standards/downloads.ts';
import { ratioAsShown, roundAsShown } from '../../platform/web/nunjucks.ts';
import type { toTeamPageView } from './team.ts';

type TeamPageView = ReturnType<typeof toTeamPageView>;

/**
 * The team page as downloads, built from the page's own view (the same rows, in the same order,
 * under the same filters), so a file cannot disagree with the page. Pure.
 */

const yesNo = (b: boolean) => (b ? 'Yes' : 'No');
const ratio = (r: { central: number; low: number; high: number } | null, k: 'central' | 'low' | 'high'): Cell => (r ? ratioAsShown(r[k]) : null);

/** The table of people, numbers as numbers (hours to one decimal place and whole percentages, as the page shows them). */
export function teamDataTable(view: TeamPageView): DataTable {
  const roomHeader = view.head.find((h) => h.text.startsWith('Room for more'))?.text ?? 'Room for more cases';
  const columns: { header: string; kind: ColumnKind; value: (r: TeamPageView['rows'][number]) => Cell }[] = [
    { header: 'Name', kind: 'text', value: (r) => r.name },
    { header: 'Role', kind: 'text', value: (r) => r.role },
    { header: 'FTE', kind: 'decimal', value: (r) => roundAsShown(r.figures.fte) },
    { header: 'Agency', kind: 'text', value: (r) => yesNo(r.figures.agency) },
    { header: 'ASYE', kind: 'text', value: (r) => yesNo(r.figures.inAsye) },
    { header: 'Cases', kind: 'integer', value: (r) => r.cases },
    { header: 'Hours a month (central)', kind: 'decimal', value: (r) => roundAsShown(r.figures.hours.central) },
    { header: 'Hours a month (low)', kind: 'decimal', value: (r) => roundAsShown(r.figures.hours.low) },
    { header: 'Hours a month (high)', kind: 'decimal', value: (r) => roundAsShown(r.figures.hours.high) },
    { header: 'Casework hours', kind: 'decimal', value: (r) => roundAsShown(r.figures.capacity) },
    { header: 'Workload (central)', kind: 'percent', value: (r) => ratio(r.figures.ratio, 'central') },
    { header: 'Workload (low)', kind: 'percent', value: (r) => ratio(r.figures.ratio, 'low') },
    { header: 'Workload (high)', kind: 'percent', value: (r) => ratio(r.figures.ratio, 'high') },
    { header: 'Band', kind: 'text', value: (r) => r.bandText ?? r.band },
    // "No limit" as the page words it: an empty cell would read as zero room.
    { header: `${roomHeader} (central)`, kind: 'integer', value: (r) => r.figures.headroom.central ?? 'No limit' },
    { header: `${roomHeader} (fewest)`, kind: 'integer', value: (r) => r.figures.headroom.fewest ?? 'No limit' },
    { header: `${roomHeader} (most)`, kind: 'integer', value: (r) => r.figures.headroom.most ?? 'No limit' },
  ];
  return {
    title: view.title,
    sheetName: 'Team workload',
    columns: columns.map(({ header, kind }) => ({ header, kind })),
    rows: view.rows.map((r) => columns.map((c) => c.value(r))),
    about: [
      { label: 'Team', value: view.team.name },
      { label: 'Figures on', value: new Date(`${view.date}T00:00:00Z`) },
      { label: 'Workload model version', value: view.configVersion },
      { label: 'Safe band ends at', value: view.safeBand },
      { label: 'People shown', value: `${view.shown} of ${view.total}` },
      ...view.summary.map((s) => s.figure === null ? { label: s.label, value: s.value }
        : s.kind === 'percent' ? { label: s.label, value: ratioAsShown(s.figure), kind: 'percent' as const } : { label: s.label, value: roundAsShown(s.figure) }),
    ],
  };
}

/** The team page to print: heading, summary, and everyone's workload range and band, worded exactly as on the page. */
export function teamPrintDocument(view: TeamPageView): PrintDocument {
  const head = ['Name', 'Role', 'Cases', 'Hours a month (range)', 'Casework hours', 'Workload (range)', 'Band'];
  return {
    title: view.title,
    intro: [
      `Team workload on ${view.dateText}. Model version ${view.configVersion}.`,
      `Workload is the hours each person’s cases take a month, against the hours they have for casework. The safe band ends at ${view.safeBand}. Each figure is a central estimate with its range (low to high).`,
    ],
    summary: view.summary.map((s) => ({ label: s.label, value: s.value })),
    table: {
      caption: `Everyone in the team (${view.shown} of ${view.total} people)`,
      head,
      numeric: [false, false, true, true, true, true, false],
      rows: view.rows.map((r) => [r.notes ? `${r.name} (${r.notes})` : r.name, r.role, String(r.cases), r.hours, r.capacity, r.ratio, r.bandText ?? r.band]),
    },
    footnote: 'From Caseweight. This file holds personal information about staff: keep it as you would the page.',
  };
}
