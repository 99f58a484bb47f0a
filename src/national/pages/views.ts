/** The national view's pages: view models from the service's figures (pure), charts with their tables. */
import { barChart, lineChart, type Chart } from '../../platform/web/charts.ts';
import type { Cell, DataTable } from '../../standards/downloads.ts';
import type { CouncilPosition, MeasureFigure, NationalMeasureKey } from '../model/aggregate.ts';
import type { Figure, ReturnMeasures } from '../model/format.ts';
import type { CouncilViewData, NationalViewData } from '../service/index.ts';

const SYMBOL_TEXT: Record<string, string> = { c: 'c (suppressed)', x: 'x (not available)', z: 'z (not applicable)' };
const num = (x: number, places = 1) => x.toLocaleString('en-GB', { minimumFractionDigits: places, maximumFractionDigits: places });
export const figureText = (f: Figure | null | undefined, unit = ''): string => (f === null || f === undefined ? 'No figure' : typeof f === 'number' ? `${num(f)}${unit}` : SYMBOL_TEXT[f] ?? f);
const measureText = (m: MeasureFigure) => (m.value === null ? 'No figure' : `${num(m.value)}${m.unit}`);
const QUARTER = ['', 'lowest quarter', 'second quarter', 'third quarter', 'highest quarter'];
const SHOWN: NationalMeasureKey[] = ['caseload', 'vacancyRate', 'agencyRate', 'turnoverRate', 'absenceRate', 'shareOverSafeBand'];
const yearQuery = (year: number | null) => (year === null ? '' : `?year=${year}`);

export function toNationalView(d: NationalViewData) {
  const byKey = (ms: readonly MeasureFigure[], k: NationalMeasureKey) => ms.find((m) => m.key === k)!;
  const trend: Chart | null = d.trend.length === 0 ? null : lineChart({
    id: 'national-trend', title: 'National figures by census year',
    summary: `The national caseload and the vacancy, agency and turnover rates in each census year from ${d.trend[0]!.censusYear} to ${d.trend.at(-1)!.censusYear}, recomputed from councils’ returns.`,
    dates: d.trend.map((y) => String(y.censusYear)),
    series: [
      { name: 'Caseload', unit: '', values: d.trend.map((y) => byKey(y.measures, 'caseload').value) },
      { name: 'Vacancy rate', unit: '%', values: d.trend.map((y) => byKey(y.measures, 'vacancyRate').value) },
      { name: 'Agency rate', unit: '%', values: d.trend.map((y) => byKey(y.measures, 'agencyRate').value) },
      { name: 'Turnover rate', unit: '%', values: d.trend.map((y) => byKey(y.measures, 'turnoverRate').value) },
    ],
  });
  const national = byKey(d.measures, 'caseload').value;
  const histogram: Chart | null = d.histogram.length === 0 ? null : barChart({
    id: 'national-distribution', title: 'Councils by caseload (cases per case-holder FTE)',
    summary: `How many councils have each caseload, in steps of one case per FTE, from ${d.histogram[0]!.from} to ${d.histogram.at(-1)!.from + 1}; the national figure is ${national === null ? 'not available' : num(national)}.`,
    unit: '', tableHead: ['Caseload', 'Councils'],
    data: d.histogram.map((h) => ({ label: `${h.from} to under ${h.from + 1}`, value: h.councils, band: 'none', note: h.councils === 1 ? 'council' : 'councils', cells: [String(h.councils)] })),
  });
  const regions: Chart | null = d.regions.length === 0 ? null : barChart({
    id: 'national-regions', title: 'Caseload by region',
    summary: `Each region’s caseload, summed over its councils’ returns: from ${num(Math.min(...d.regions.map((r) => byKey(r.measures, 'caseload').value ?? Infinity)))} to ${num(Math.max(...d.regions.map((r) => byKey(r.measures, 'caseload').value ?? 0)))}.`,
    unit: '', tableHead: ['Region', 'Caseload', 'Councils'],
    data: d.regions.map((r) => ({ label: r.region, value: byKey(r.measures, 'caseload').value ?? 0, band: 'none', note: '', cells: [measureText(byKey(r.measures, 'caseload')), String(r.councils)] })),
    ...(national === null ? {} : { lines: [{ value: national, label: `England ${num(national)}` }] }),
  });
  return {
    title: 'National view',
    year: d.year,
    years: d.years.map((y) => ({ text: String(y), href: `/national?year=${y}`, current: y === d.year })),
    returns: d.returns,
    headline: SHOWN.map((k) => byKey(d.measures, k)).map((m) => ({ key: m.key, label: m.label, value: measureText(m), covers: `${m.councils} of ${d.returns} councils` })),
    totals: [
      { label: 'Cases held by registered social workers', value: num(byKey(d.measures, 'caseload').numerator, 0) },
      { label: 'Case-holder FTE', value: num(byKey(d.measures, 'caseload').denominator) },
    ],
    bands: d.bands,
    trend, histogram, regionsChart: regions,
    regions: d.regions.map((r) => ({ region: r.region, councils: r.councils, cells: SHOWN.map((k) => measureText(byKey(r.measures, k))) })),
    councils: d.councils.map((c) => toCouncilRow(c, d.year)),
    measureLabels: SHOWN.map((k) => byKey(d.measures, k).label),
    imports: d.imports.map((i) => ({ when: new Date(i.imported_at).toISOString().slice(0, 16).replace('T', ' '), by: i.imported_by, files: i.files, accepted: i.accepted, rejected: i.rejected })),
    downloads: d.year === null ? [] : (['csv', 'xlsx'] as const).map((f) => ({ text: `Download as ${f === 'csv' ? 'CSV' : 'Excel'}`, href: `/national/export.${f}${yearQuery(d.year)}` })),
    breadcrumbs: [{ text: 'Home', href: '/' }],
  };
}

function toCouncilRow(c: CouncilPosition, year: number | null) {
  return {
    code: c.code, name: c.name, region: c.region, href: `/national/councils/${encodeURIComponent(c.code)}${yearQuery(year)}`,
    caseload: figureText(c.values.caseload), caseloadRank: c.ranks.caseload === null ? '' : `${c.ranks.caseload}`,
    vacancy: figureText(c.values.vacancyRate, '%'), agency: figureText(c.values.agencyRate, '%'), turnover: figureText(c.values.turnoverRate, '%'),
  };
}

const MEASURE_ROWS: { key: keyof ReturnMeasures; label: string; unit: string }[] = [
  { key: 'cases', label: 'Cases held by registered social workers', unit: '' }, { key: 'caseHolderFte', label: 'Case-holder FTE', unit: '' },
  { key: 'caseload', label: 'Caseload (cases per case-holder FTE)', unit: '' }, { key: 'inPostFte', label: 'Council-employed social workers in post (FTE)', unit: '' },
  { key: 'agencyFte', label: 'Agency social workers (FTE)', unit: '' }, { key: 'vacancyFte', label: 'Vacancies (FTE)', unit: '' },
  { key: 'leaverFte', label: 'Leavers in the year (FTE)', unit: '' }, { key: 'starterFte', label: 'Starters in the year (FTE)', unit: '' },
  { key: 'daysLost', label: 'Working days lost to sickness', unit: '' }, { key: 'vacancyRate', label: 'Vacancy rate', unit: '%' },
  { key: 'agencyRate', label: 'Agency rate', unit: '%' }, { key: 'turnoverRate', label: 'Turnover rate', unit: '%' },
  { key: 'absenceRate', label: 'Sickness absence rate', unit: '%' }, { key: 'shareOverSafeBand', label: 'Case holders over the safe band', unit: '%' },
];

export function toCouncilView(d: CouncilViewData) {
  const region = d.region;
  return {
    title: `${d.council.name}: return for ${d.year}`,
    council: d.council, year: d.year,
    positions: SHOWN.map((k) => {
      const nat = d.national.find((m) => m.key === k)!;
      const reg = region?.measures.find((m) => m.key === k);
      const rank = d.council.ranks[k];
      const quartile = d.council.quartiles[k];
      return {
        label: nat.label, council: figureText(d.council.values[k], nat.unit), region: reg ? measureText(reg) : 'No figure', england: measureText(nat),
        position: rank === null ? 'No figure (suppressed or not given)' : `${rank} of ${nat.councils} (1 is lowest), ${QUARTER[quartile ?? 0]}`,
      };
    }),
    measures: MEASURE_ROWS.map((m) => ({ label: m.label, value: figureText(d.document.measures[m.key], m.unit) })),
    tables: d.document.tables.map((t) => ({
      title: t.title, head: ['', ...t.columns.map((c) => c.label)],
      rows: t.rows.map((r, i) => [r.label, ...t.columns.map((_, j) => figureText(t.headcount[i]![j], '').replace(/\.0$/, ''))]),
    })),
    history: d.history.map((h) => ({ year: h.censusYear, cells: ['caseload', 'vacancyRate', 'agencyRate', 'turnoverRate'].map((k) => figureText(h.measures[k as keyof ReturnMeasures], k === 'caseload' ? '' : '%')) })),
    regionName: d.document.council.region,
    breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'National view', href: `/national?year=${d.year}` }],
  };
}

/** The councils' table as a download: the same figures as the page. */
export function nationalDataTable(d: NationalViewData): DataTable {
  const rows: Cell[][] = d.councils.map((c) => [c.code, c.name, c.region, ...SHOWN.flatMap((k) => [c.values[k], c.ranks[k]])]);
  rows.push(['ENGLAND', 'All councils with a return', '', ...SHOWN.flatMap((k) => [d.measures.find((m) => m.key === k)!.value, null])]);
  return {
    title: `National view: councils' returns for ${d.year ?? 'no year'}`,
    sheetName: `Returns ${d.year ?? ''}`.trim(),
    columns: [
      { header: 'Council code', kind: 'text' }, { header: 'Council', kind: 'text' }, { header: 'Region', kind: 'text' },
      ...SHOWN.flatMap((k) => {
        const label = d.measures.find((m) => m.key === k)!.label;
        return [{ header: k === 'caseload' ? label : `${label} (%)`, kind: 'decimal' as const }, { header: `${label}: rank (1 lowest)`, kind: 'integer' as const }];
      }),
    ],
    rows,
    about: [
      { label: 'Census year', value: d.year ?? '' }, { label: 'Councils with a return', value: d.returns, kind: 'integer' },
      { label: 'Method', value: 'National figures sum each measure’s numerator and denominator over the councils that published both, then divide and round to one decimal place. An empty cell is suppressed in the council’s return (c).' },
    ],
  };
}
