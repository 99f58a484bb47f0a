import { barChart } from '../../platform/web/charts.ts';
import { downloadLinks } from '../../platform/web/downloads.ts';
import { formatDate } from '../../platform/web/nunjucks.ts';
import type { Cell, ColumnKind, DataTable } from '../../standards/downloads.ts';
import { dfeRound, type Indicator } from '../model/workforce.ts';
import type { CouncilMeasures } from '../service/measures.ts';

const one = (x: number) => x.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const whole = (x: number) => Math.round(x).toLocaleString('en-GB');

/** A DfE indicator as the DfE prints it: one decimal for FTE, rates and caseload, headcounts whole; 'z' for no denominator. */
export function indicatorText(i: Indicator | undefined): string {
  if (!i || i.value === null) return 'z';
  switch (i.unit) {
    case 'percent': return `${one(i.value)}%`;
    case 'headcount': case 'cases': return whole(i.value);
    case 'days': return one(i.value);
    default: return one(i.value);
  }
}

const pct = (x: number | null) => (x === null ? 'No figure' : `${one(dfeRound(x * 100))}%`);
const fig = (x: number | null) => (x === null ? 'No figure' : one(dfeRound(x)));

/** The service view's DfE indicators and what the caseload hides, worded for the page, the files and the PDF. Pure. */
export function toMeasuresView(m: CouncilMeasures, search: string) {
  const census = new Map((m.census?.indicators ?? []).map((i) => [i.key, i]));
  const indicators = m.register.map((i) => ({
    key: i.key, label: i.label, definition: i.definition, register: indicatorText(i),
    census: m.census ? indicatorText(census.get(i.key)) : null,
    registerValue: i.value, censusValue: census.get(i.key)?.value ?? null, unit: i.unit,
  }));
  const h = m.hidden;
  const hidden = [
    { key: 'distribution', label: 'Median cases per FTE (middle half)', value: `${fig(h.distribution.median)} (${fig(h.distribution.lowerQuartile)} to ${fig(h.distribution.upperQuartile)})`, reading: h.readings.distribution },
    { key: 'without-asye', label: 'The measure without newly qualified (ASYE) staff', value: fig(h.withoutAsye), reading: h.readings.asye },
    { key: 'asye-only', label: 'The measure for ASYE staff alone', value: `${fig(h.asyeOnly)} (${h.asyePeople} people)`, reading: h.readings.asye },
    { key: 'fewer-than-five', label: 'Share of case-holder FTE holding fewer than five cases', value: pct(h.fewerThanFiveShare), reading: h.readings.fewerThanFive },
    { key: 'hours-per-fte', label: 'Modelled hours of casework a month per case-holder FTE (central)', value: h.hoursPerFte === null ? 'No figure' : whole(h.hoursPerFte), reading: h.readings.hours },
    { key: 'over-safe-band', label: 'Staff over the safe band', value: `${h.overSafeBand} (${pct(h.overSafeBandShare)})`, reading: h.readings.overSafeBand },
    { key: 'vacancy-adjusted', label: 'Vacancy-adjusted caseload (cases ÷ case holders’ FTE plus posts nobody fills)', value: fig(h.vacancyAdjusted), reading: h.readings.vacancy },
  ];
  const distribution = barChart({
    id: 'caseload-distribution',
    title: 'How many cases per FTE people hold',
    summary: `${h.distribution.people} social workers holding cases, by cases per FTE. ${h.readings.distribution}`,
    unit: '',
    data: h.distribution.bins.map((b) => ({ label: `${b.label} cases per FTE`, value: b.people, band: 'none' as const, note: b.people === 1 ? 'person' : 'people', cells: [String(b.people)] })),
    tableHead: ['Cases per FTE', 'People'],
  });
  return {
    basisLabel: m.basis === 'FTE30' ? 'FTE on the census date' : 'contracted FTE',
    workingDaysInYear: m.workingDaysInYear,
    censusDateText: m.census ? formatDate(m.census.censusDate) : null,
    indicators,
    hidden,
    distribution,
    bins: h.distribution.bins,
    downloads: {
      indicators: downloadLinks('/service/indicators', search, ['csv', 'xlsx']),
      hidden: downloadLinks('/service/hidden', search, ['csv', 'xlsx']),
      distribution: downloadLinks('/service/distribution', search, ['csv', 'xlsx']),
    },
  };
}
export type MeasuresView = ReturnType<typeof toMeasuresView>;

const table = (title: string, sheetName: string, columns: { header: string; kind: ColumnKind }[], rows: Cell[][], about: DataTable['about']): DataTable =>
  ({ title, sheetName, columns, rows, about });

/** The indicators as a file: the figures as published (rounded), and what each means. */
export function indicatorsDataTable(view: MeasuresView, dateText: string): DataTable {
  return table(`DfE workforce indicators on ${dateText}`, 'Indicators', [
    { header: 'Indicator', kind: 'text' }, { header: 'From the register', kind: 'decimal' },
    ...(view.censusDateText ? [{ header: `From the census of ${view.censusDateText}`, kind: 'decimal' as const }] : []),
    { header: 'Unit', kind: 'text' }, { header: 'What it means', kind: 'text' },
  ], view.indicators.map((i) => [i.label, i.registerValue, ...(view.censusDateText ? [i.censusValue] : []), i.unit, i.definition]), [
    { label: 'Caseload counted in', value: view.basisLabel },
    { label: 'Working days in the year (absence rate)', value: view.workingDaysInYear, kind: 'integer' },
    { label: 'Rounding', value: 'FTE, rates and caseload to one decimal place after summing (DfE)' },
  ]);
}

export function hiddenDataTable(view: MeasuresView, dateText: string): DataTable {
  return table(`What the caseload measure hides, on ${dateText}`, 'What it hides', [
    { header: 'Measure', kind: 'text' }, { header: 'Figure', kind: 'text' }, { header: 'Reading', kind: 'text' },
  ], view.hidden.map((h) => [h.label, h.value, h.reading]), undefined);
}

export function distributionDataTable(view: MeasuresView, dateText: string): DataTable {
  return table(`Cases per FTE on ${dateText}`, 'Cases per FTE', [
    { header: 'Cases per FTE from', kind: 'integer' }, { header: 'To under', kind: 'integer' }, { header: 'People', kind: 'integer' },
  ], view.bins.map((b) => [b.from, b.to, b.people]), undefined);
}
