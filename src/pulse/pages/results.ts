/**
 * The pulse's aggregate pages (the service's teams, one team) as view models. Every figure comes
 * from the published table the service returns; a withheld group is words, never a number. Pure.
 */
import { formatNumber, formatPercent } from '../../platform/web/nunjucks.ts';
import type { Agreement, ModelledTeam } from '../model/compare.ts';
import { monthName } from '../model/months.ts';
import type { GroupFigures, TeamCell } from '../model/publish.ts';
import type { PulseResultsData, TeamPulseData, TeamResult } from '../service/index.ts';

const AGREEMENT: Record<Agreement, { text: string; tag: string }> = {
  people_report_more_strain: { text: 'People report more strain than the model shows', tag: 'govuk-tag--orange' },
  model_shows_more_strain: { text: 'The model shows more strain than people report', tag: 'govuk-tag--yellow' },
  agree: { text: 'Model and people agree', tag: 'govuk-tag--green' },
  not_enough: { text: 'Not enough answers to compare', tag: 'govuk-tag--grey' },
};

export const agreementText = (a: Agreement): string => AGREEMENT[a].text;

const WITHHELD = {
  too_few: (min: number) => `Not shown: fewer than ${min} people answered`,
  protects_others: () => 'Not shown, so that a smaller team’s answers cannot be worked out from the total',
};

/** The figures of a shown group, worded as the pages and downloads show them. */
export function figureTexts(f: GroupFigures) {
  return {
    respondents: String(f.respondents),
    manageable: formatPercent(f.manageable),
    overFiveExtraHours: formatPercent(f.overFiveExtraHours),
    averageExtraHours: formatNumber(Math.round(f.averageExtraHours * 10) / 10),
    feelSafe: formatPercent(f.feelSafe),
    mayLeave: formatPercent(f.mayLeave),
  };
}

export const withheldText = (cell: Extract<TeamCell, { shown: false }>, min: number) => WITHHELD[cell.why](min);

function modelledTexts(m: ModelledTeam) {
  return {
    median: m.medianRatio === null ? '–' : formatPercent(m.medianRatio),
    over: m.people === 0 ? 'nobody with casework time' : `${m.overBand} of ${m.people} over the safe band`,
  };
}

function teamRow(t: TeamResult, min: number) {
  return {
    teamId: t.teamId, name: t.name,
    href: t.openable ? `/teams/${encodeURIComponent(t.teamId)}/pulse` : null,
    shown: t.cell.shown,
    figures: t.cell.shown ? figureTexts(t.cell.figures) : null,
    answeredOf: t.cell.shown ? `${t.cell.figures.respondents} of ${t.staff}` : null,
    withheld: t.cell.shown ? null : withheldText(t.cell, min),
    modelled: modelledTexts(t.modelled),
    agreement: AGREEMENT[t.agreement],
  };
}

const monthLinks = (data: PulseResultsData, path: string) =>
  data.months.map((m) => ({ text: monthName(m), href: `${path}?month=${m}`, current: m === data.month }));

const explain = (data: PulseResultsData) => [
  `Answers are anonymous. A team’s figures are shown only when at least ${data.minGroup} people in it answered; when the service total would otherwise let a smaller team’s answers be worked out by subtraction, the next smallest team is not shown either.`,
  'A month is shown once it has ended, so its figures never change afterwards. Modelled workload is the workload model’s figure on the month’s last day: the middle person’s demand against their casework time.',
];

export function toServiceResultsView(data: PulseResultsData) {
  const path = '/pulse/results';
  return {
    title: `How people are doing: ${monthName(data.month)}`,
    monthText: monthName(data.month),
    explain: explain(data),
    service: data.service ? figureTexts(data.service) : null,
    serviceWithheld: data.service ? null : `Not shown: fewer than ${data.minGroup} people answered across the service.`,
    teams: data.teams.map((t) => teamRow(t, data.minGroup)),
    disagreements: data.teams.filter((t) => t.agreement === 'people_report_more_strain' || t.agreement === 'model_shows_more_strain').length,
    months: monthLinks(data, path),
    downloads: [{ text: 'Download as CSV', href: `${path}/export.csv?month=${data.month}` }],
    breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Service view', href: '/service' }],
  };
}

export function toTeamResultsView(data: TeamPulseData) {
  const row = teamRow(data.team, data.minGroup);
  return {
    ...row,
    title: `${data.team.name}: how people are doing`,
    monthText: monthName(data.month),
    explain: explain(data),
    service: data.service ? figureTexts(data.service) : null,
    history: data.history.map((h) => ({
      month: monthName(h.month), href: `/teams/${encodeURIComponent(data.team.teamId)}/pulse?month=${h.month}`,
      figures: h.cell.shown ? figureTexts(h.cell.figures) : null, withheld: h.cell.shown ? null : withheldText(h.cell, data.minGroup),
    })),
    months: monthLinks(data, `/teams/${encodeURIComponent(data.team.teamId)}/pulse`),
    breadcrumbs: [{ text: 'Home', href: '/' }, { text: data.team.name, href: `/teams/${encodeURIComponent(data.team.teamId)}` }],
  };
}
