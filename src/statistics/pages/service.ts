import { barChart, lineChart } from '../../platform/web/charts.ts';
import { downloadLinks } from '../../platform/web/downloads.ts';
import { bandFor } from '../../kernel/bands.ts';
import { en } from '../../platform/web/locales/en.ts';
import { formatDate, formatNumber, formatPercent } from '../../platform/web/nunjucks.ts';
import type { CouncilMeasures } from '../service/measures.ts';
import { toMeasuresView } from './measures.ts';
import { censusCaseload, dfeCaseload, workloadMeasures, type CensusReturnFigures, type BandName, type CaseloadFteBasis, type CensusWorker, type WorkloadFigure } from '../model.ts';

export interface ServicePageData {
  date: string;
  configVersion: number;
  bands: { greenUpTo: number; amberUpTo: number };
  /** `openable`: whether this viewer may open the team's page (false: shown, not linked). */
  teams: { teamId: string; name: string; service: string; vacancies: number; openable?: boolean }[];
  people: (WorkloadFigure & { teamId: string; role: string; agency: boolean })[];
  snapshots: { date: string; role: string; fte: number; cases: number; band: BandName }[];
  /** The latest workforce census imported on or before the date, as received; null when none. */
  census: { censusDate: string; workers: CensusReturnFigures[] } | null;
  /** Every DfE indicator and what the caseload hides (service/measures.ts); absent in older tests. */
  measures?: CouncilMeasures;
  /** Whether this viewer may open the agency rules check (the policy's answer). */
  agencyRulesOpenable?: boolean;
  /** Staff in post supervised on time (not overdue on the schedule), by team: counts only. */
  supervision?: { teamId: string; people: number; onTime: number; share: number | null }[];
  /** Whether this viewer may open Sufficiency and the safe range (the policy's answer). */
  sufficiency?: boolean;
}

/** Registered social workers: the DfE measure counts only children and family social workers. */
export const SOCIAL_WORKER_ROLES = new Set(['social_worker', 'senior_practitioner', 'team_manager']);

// The register holds one FTE; on the census date it is also FTE30.
const census = (p: { role: string; fte: number; cases: number; agency?: boolean }): CensusWorker =>
  ({ cases: p.cases, fte: p.fte, fte30: p.fte, agency: p.agency ?? false, socialWorker: SOCIAL_WORKER_ROLES.has(p.role) });

/** The two ways of counting FTE, in words (the census's own field names stay in the address). */
export const BASIS_LABEL: Record<CaseloadFteBasis, string> = { FTE30: 'FTE on the census date', FTE: 'contracted FTE' };

export function toServicePageView(data: ServicePageData, basis: CaseloadFteBasis = 'FTE30') {
  const council = dfeCaseload(data.people.map(census), basis);
  const measures = workloadMeasures(data.people);
  const teams = data.teams.map((t) => {
    const people = data.people.filter((p) => p.teamId === t.teamId);
    const dfe = dfeCaseload(people.map(census), basis);
    const m = workloadMeasures(people);
    return {
      teamId: t.teamId,
      name: t.name,
      href: t.openable === false ? null : `/teams/${encodeURIComponent(t.teamId)}?date=${data.date}`,
      people: people.length,
      fte: formatNumber(people.reduce((s, p) => s + p.fte, 0)),
      cases: people.reduce((s, p) => s + p.cases, 0),
      caseload: dfe.caseload === null ? '–' : formatNumber(dfe.caseload),
      ratio: m.overallRatio,
      ratioText: formatPercent(m.overallRatio),
      band: bandFor(m.demandCentral, m.caseworkHours, data.bands),
      over: m.overSafeBand,
      overShare: formatPercent(m.shareOverSafeBand),
      agency: people.filter((p) => p.agency).length,
      vacancies: t.vacancies,
      // The numbers the text above is worded from, for the downloads (pages/service-export.ts).
      figures: { fte: people.reduce((s, p) => s + p.fte, 0), caseload: dfe.caseload, shareOverSafeBand: m.shareOverSafeBand },
    };
  });
  const chart = barChart({
    id: 'teams-chart',
    title: 'Team workload compared',
    summary: `Each team's hours of casework as a share of the hours it has. ${teams.filter((t) => t.band !== 'green' && t.band !== 'none').length} of ${teams.length} teams are over the safe band of ${formatPercent(data.bands.greenUpTo)} as a whole.`,
    unit: '%',
    data: teams.map((t) => ({
      label: t.name, value: (t.ratio ?? 0) * 100, band: t.band, note: en.bandShort[t.band]!,
      cells: [t.ratioText, `${t.over} of ${t.people}`, t.caseload],
    })),
    lines: [{ value: data.bands.greenUpTo * 100, label: `Safe ${formatPercent(data.bands.greenUpTo)}` }],
    tableHead: ['Team', 'Workload (central)', 'People over the safe band', 'DfE caseload'],
  });

  // Trends: one point per snapshot day.
  const byDate = new Map<string, ServicePageData['snapshots']>();
  for (const s of data.snapshots) {
    const list = byDate.get(s.date) ?? [];
    list.push(s);
    byDate.set(s.date, list);
  }
  const dates = [...byDate.keys()].sort();
  const trendCaseload = dates.map((d) => dfeCaseload(byDate.get(d)!.map(census), basis).caseload);
  const trendOver = dates.map((d) => {
    const rows = byDate.get(d)!.filter((r) => r.band !== 'none');
    return rows.length ? (rows.filter((r) => r.band === 'amber' || r.band === 'red').length / rows.length) * 100 : null;
  });
  const trends = dates.length >= 2
    ? [
        lineChart({ id: 'trend-caseload', title: 'DfE caseload measure over time', summary: `From ${formatDate(dates[0])} to ${formatDate(dates.at(-1))}: ${formatNumber(trendCaseload[0])} then ${formatNumber(trendCaseload.at(-1))} cases per case-holder FTE.`,
          dates: dates.map((d) => d), series: [{ name: 'Cases per case-holder FTE', values: trendCaseload, unit: '' }] }),
        lineChart({ id: 'trend-over', title: 'Share of staff over the safe band over time', summary: `From ${formatDate(dates[0])} to ${formatDate(dates.at(-1))}: ${formatNumber(trendOver[0])}% then ${formatNumber(trendOver.at(-1))}% of staff were over the safe band.`,
          dates: dates.map((d) => d), series: [{ name: 'Staff over the safe band', values: trendOver, unit: '%' }] }),
      ]
    : [];

  const sup = data.supervision ?? [];
  const supTotal = sup.reduce((t, r) => ({ people: t.people + r.people, onTime: t.onTime + r.onTime }), { people: 0, onTime: 0 });
  const teamName = new Map(data.teams.map((t) => [t.teamId, t.name]));
  return {
    supervision: sup.length ? {
      rows: sup.map((r) => ({ teamId: r.teamId, name: teamName.get(r.teamId) ?? r.teamId, people: r.people, onTime: r.onTime, share: r.share === null ? '–' : formatPercent(r.share) })),
      total: { people: supTotal.people, onTime: supTotal.onTime, share: supTotal.people ? formatPercent(supTotal.onTime / supTotal.people) : '–' },
    } : null,
    title: 'Service view',
    date: data.date,
    dateText: formatDate(data.date),
    configVersion: data.configVersion,
    basis,
    basisLabel: BASIS_LABEL[basis],
    otherBasis: basis === 'FTE30' ? 'FTE' : 'FTE30',
    otherBasisLabel: BASIS_LABEL[basis === 'FTE30' ? 'FTE' : 'FTE30'],
    dfe: {
      caseload: council.caseload === null ? '–' : formatNumber(council.caseload),
      cases: formatNumber(council.cases),
      caseHolders: council.caseHolders,
      fte: formatNumber(council.caseHolderFte),
    },
    /** The same measure from the council's own workforce census, when one has been imported. */
    census: data.census === null ? null : (() => {
      const m = censusCaseload(data.census.workers, basis);
      return {
        dateText: formatDate(data.census.censusDate),
        caseload: m.caseload === null ? '–' : formatNumber(m.caseload),
        cases: formatNumber(m.cases),
        caseHolders: m.caseHolders,
        fte: formatNumber(m.caseHolderFte),
      };
    })(),
    /** The DfE measure as a number (null when nobody holds cases), for the downloads. */
    dfeCaseload: council.caseload,
    measures: [
      { key: 'Median cases per FTE (middle half)', value: `${formatNumber(measures.casesPerFte.median)} (${formatNumber(measures.casesPerFte.lowerQuartile)} to ${formatNumber(measures.casesPerFte.upperQuartile)})` },
      { key: 'Median cases per FTE, newly qualified (ASYE) staff left out', value: formatNumber(measures.casesPerFteExcludingAsye) },
      { key: 'Council workload: hours of casework ÷ hours available', value: formatPercent(measures.overallRatio) },
      { key: 'Median individual workload', value: formatPercent(measures.medianRatio) },
      { key: 'Staff over the safe band', value: `${measures.overSafeBand} (${formatPercent(measures.shareOverSafeBand)})` },
      { key: 'Vacant posts', value: formatNumber(data.teams.reduce((s, t) => s + t.vacancies, 0)) },
      { key: 'Agency staff in post', value: formatNumber(data.people.filter((p) => p.agency).length) },
    ],
    teams,
    downloads: downloadLinks('/service', `?${new URLSearchParams({ basis, date: data.date }).toString()}`, ['csv', 'xlsx', 'pdf']),
    workforce: data.measures ? toMeasuresView(data.measures, `?${new URLSearchParams({ basis, date: data.date }).toString()}`) : null,
    agencyRulesHref: data.agencyRulesOpenable ? `/service/agency?date=${data.date}` : null,
    chart,
    trends,
    safeBand: formatPercent(data.bands.greenUpTo),
    sufficiencyHref: data.sufficiency ? `/sufficiency?date=${data.date}` : null,
  };
}

