import type { Cell, ColumnKind, DataTable } from '../../standards/downloads.ts';
import { ratioAsShown, roundAsShown } from '../../platform/web/nunjucks.ts';
import type { toServicePageView } from './service.ts';

type ServicePageView = ReturnType<typeof toServicePageView>;
type TeamRow = ServicePageView['teams'][number];

const shownRatio = (x: number | null) => (x === null ? null : ratioAsShown(x));
const shown = (x: number | null) => (x === null ? null : roundAsShown(x));

/**
 * The service view's table of teams as a download, built from the page's own view (the same
 * teams in the same order, each figure rounded as the page shows it). Pure.
 */
export function serviceDataTable(view: ServicePageView): DataTable {
  const columns: { header: string; kind: ColumnKind; value: (t: TeamRow) => Cell }[] = [
    { header: 'Team', kind: 'text', value: (t) => t.name },
    { header: 'People', kind: 'integer', value: (t) => t.people },
    { header: 'FTE', kind: 'decimal', value: (t) => roundAsShown(t.figures.fte) },
    { header: 'Cases', kind: 'integer', value: (t) => t.cases },
    { header: `DfE caseload (${view.basisLabel})`, kind: 'decimal', value: (t) => shown(t.figures.caseload) },
    { header: 'Workload', kind: 'percent', value: (t) => shownRatio(t.ratio) },
    { header: 'People over the safe band', kind: 'integer', value: (t) => t.over },
    { header: 'Share over the safe band', kind: 'percent', value: (t) => shownRatio(t.figures.shareOverSafeBand) },
    { header: 'Agency staff', kind: 'integer', value: (t) => t.agency },
    { header: 'Vacant posts', kind: 'integer', value: (t) => t.vacancies },
  ];
  return {
    title: `${view.title} on ${view.dateText}`,
    sheetName: 'Teams',
    columns: columns.map(({ header, kind }) => ({ header, kind })),
    rows: view.teams.map((t) => columns.map((c) => c.value(t))),
    about: [
      { label: 'Figures on', value: new Date(`${view.date}T00:00:00Z`) },
      { label: 'Workload model version', value: view.configVersion },
      { label: 'Safe band ends at', value: view.safeBand },
      { label: `DfE caseload measure (${view.basisLabel}): cases per case-holder FTE`, value: view.dfeCaseload === null ? view.dfe.caseload : roundAsShown(view.dfeCaseload) },
      ...view.measures.map((m) => ({ label: m.key, value: m.value })),
    ],
  };
}
