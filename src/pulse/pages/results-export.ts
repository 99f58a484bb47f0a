import type { Cell, ColumnKind, DataTable } from '../../standards/downloads.ts';
import { monthName } from '../model/months.ts';
import { agreementText } from './results.ts';
import type { PulseResultsData, TeamResult } from '../service/index.ts';

const share = (x: number) => Math.round(x * 100) / 100;

/**
 * The service's pulse table as a download: the same published table as the page (a withheld team
 * has words in its first figure column and no numbers), never an answer. Pure.
 */
export function pulseDataTable(data: PulseResultsData): DataTable {
  const f = (t: TeamResult) => (t.cell.shown ? t.cell.figures : null);
  const columns: { header: string; kind: ColumnKind; value: (t: TeamResult) => Cell }[] = [
    { header: 'Team', kind: 'text', value: (t) => t.name },
    { header: 'Shown', kind: 'text', value: (t) => (t.cell.shown ? 'yes' : t.cell.why === 'too_few' ? `no: fewer than ${data.minGroup} answered` : 'no: protects a smaller team') },
    { header: 'People who answered', kind: 'integer', value: (t) => f(t)?.respondents ?? null },
    { header: 'Workload manageable', kind: 'percent', value: (t) => (f(t) ? share(f(t)!.manageable) : null) },
    { header: 'More than 5 hours beyond contract a week', kind: 'percent', value: (t) => (f(t) ? share(f(t)!.overFiveExtraHours) : null) },
    { header: 'Average hours beyond contract a week', kind: 'decimal', value: (t) => (f(t) ? Math.round(f(t)!.averageExtraHours * 10) / 10 : null) },
    { header: 'Feel safe in practice', kind: 'percent', value: (t) => (f(t) ? share(f(t)!.feelSafe) : null) },
    { header: 'May leave within a year', kind: 'percent', value: (t) => (f(t) ? share(f(t)!.mayLeave) : null) },
    { header: 'Modelled workload (middle person)', kind: 'percent', value: (t) => (t.modelled.medianRatio === null ? null : share(t.modelled.medianRatio)) },
    { header: 'Modelled: people over the safe band', kind: 'integer', value: (t) => t.modelled.overBand },
    { header: 'Model and people', kind: 'text', value: (t) => agreementText(t.agreement) },
  ];
  const s = data.service;
  return {
    title: `How people are doing: ${monthName(data.month)}`,
    sheetName: 'Pulse',
    columns: columns.map(({ header, kind }) => ({ header, kind })),
    rows: [
      ...data.teams.map((t) => columns.map((c) => c.value(t))),
      ['All teams (the service)', s ? 'yes' : `no: fewer than ${data.minGroup} answered`, s?.respondents ?? null, s ? share(s.manageable) : null, s ? share(s.overFiveExtraHours) : null,
        s ? Math.round(s.averageExtraHours * 10) / 10 : null, s ? share(s.feelSafe) : null, s ? share(s.mayLeave) : null, null, null, null],
    ],
  };
}
