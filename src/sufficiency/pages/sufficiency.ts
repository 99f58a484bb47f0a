import type { Cell, ColumnKind, DataTable } from '../../standards/downloads.ts';
import { lineChart, tornadoChart, type Chart } from '../../platform/web/charts.ts';
import { downloadLinks } from '../../platform/web/downloads.ts';
import { formatDate, formatNumber, formatPercent, roundAsShown } from '../../platform/web/nunjucks.ts';
import { STATUS_NAMES } from '../../workload/model/catalogue.ts';
import type { Range } from '../../kernel/range.ts';
import { CASE_TYPES, COVERAGE, FLAT_SPREAD, HORIZON_MONTHS, MIN_TREND_MONTHS, type Driver, type Sufficiency, type WhatIf } from '../model/index.ts';
import type { SufficiencyData } from '../service/index.ts';

/** The tables the page shows, each also a CSV and Excel download under /sufficiency/{key}/export.{csv,xlsx}. */
export const TABLE_KEYS = ['safe-range', 'sensitivity', 'needed', 'forecast', 'history', 'drivers', 'what-if'] as const;
export type TableKey = (typeof TABLE_KEYS)[number];

/** One table: typed cells for the downloads and the same figures worded for the page. */
export interface SufficiencyTable {
  key: TableKey;
  caption: string;
  columns: { header: string; kind: ColumnKind }[];
  rows: Cell[][];
  shown: string[][];
  /** For govukTable: the page's own column heads and cells (numbers right-aligned). */
  head: { text: string; format?: 'numeric' }[];
  govukRows: { text: string; format?: 'numeric' }[][];
  downloads: ReturnType<typeof downloadLinks>;
}

/** The what-if's ticks in the address: `change=fill-vacancies&change=halve-agency&change=demand-10`. */
export const CHANGES = [
  { value: 'fill-vacancies', text: 'Fill every vacant post no agency worker covers' },
  { value: 'halve-agency', text: 'Cut agency workers by half' },
  { value: 'demand-10', text: 'Demand 10% higher' },
] as const;

export function parseWhatIf(change: unknown): WhatIf {
  const ticked = new Set((Array.isArray(change) ? change : [change]).filter((c): c is string => typeof c === 'string'));
  return { fillVacancies: ticked.has('fill-vacancies'), halveAgency: ticked.has('halve-agency'), demandUp: ticked.has('demand-10') ? 0.1 : 0 };
}

const ticks = (w: WhatIf): string[] => [...(w.fillVacancies ? ['fill-vacancies'] : []), ...(w.halveAgency ? ['halve-agency'] : []), ...(w.demandUp > 0 ? ['demand-10'] : [])];

const one = formatNumber;
const interval = (r: Range) => `${one(r.central)} (${one(r.low)} to ${one(r.high)})`;
const limit = (x: number) => (Number.isFinite(x) ? one(x) : 'no limit');
const safeText = (r: Range) => `${limit(r.central)} (${limit(r.low)} to ${limit(r.high)})`;
const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${one(Math.abs(x))}`;
const num = (x: number): Cell => (Number.isFinite(x) ? roundAsShown(x) : null);

const DRIVER_NAMES: Record<Driver['code'], string> = {
  demand_growth: `Demand growth over ${HORIZON_MONTHS} months (the forecast)`,
  vacancies: 'Vacant posts that no agency worker covers',
  agency: 'Agency workers in post (cover, not establishment)',
  absence: 'Absence this month (sickness, parental leave and other absence)',
  asye: 'ASYE protected development time',
};
const DRIVER_WHY: Record<Driver['code'], string> = {
  demand_growth: 'Hours a month more (or fewer) that the open cases need in a year, as FTE needed.',
  vacancies: 'Hours of casework the empty posts would give, at today’s casework hours per FTE.',
  agency: 'Hours agency workers give now: part of what the council has, but not its own staff.',
  absence: 'Casework hours lost to absence this month, as FTE of people in post.',
  asye: 'Casework hours newly qualified staff spend on their protected development time, as FTE.',
};

export function toSufficiencyView(data: SufficiencyData) {
  const search = (extra: Record<string, string | string[]> = {}) => {
    const q = new URLSearchParams({ date: data.date });
    for (const t of ticks(data.whatIf)) q.append('change', t);
    for (const [k, v] of Object.entries(extra)) for (const x of [v].flat()) q.append(k, x);
    return `?${q.toString()}`;
  };
  const table = (key: TableKey, caption: string, columns: SufficiencyTable['columns'], rows: Cell[][], shownHead: string[], shown: string[][]): SufficiencyTable => {
    // Every column after the first is figures, but for words ("What it means").
    const numeric = shownHead.map((h, i) => i > 0 && h !== 'What it means' && h !== 'Low value' && h !== 'High value');
    const cell = (text: string, i: number) => (numeric[i] ? { text, format: 'numeric' as const } : { text });
    return {
      key, caption, columns, rows, shown, head: shownHead.map(cell), govukRows: shown.map((r) => r.map(cell)),
      downloads: downloadLinks(`/sufficiency/${key}`, search(), ['csv', 'xlsx']),
    };
  };
  const s = data.current;
  const w = data.withWhatIf;

  const safeRange = table('safe-range', 'Safe cases per full-time worker, by case type', [
    { header: 'Case type', kind: 'text' }, { header: 'Open cases', kind: 'integer' }, { header: 'Share of cases', kind: 'percent' },
    { header: 'Hours a case a month (central)', kind: 'decimal' }, { header: 'Hours a case a month (low)', kind: 'decimal' }, { header: 'Hours a case a month (high)', kind: 'decimal' },
    { header: 'Safe cases per FTE (central)', kind: 'decimal' }, { header: 'Safe cases per FTE (fewest)', kind: 'decimal' }, { header: 'Safe cases per FTE (most)', kind: 'decimal' },
  ], [
    ['Your case mix', data.safe.mix.cases, 1, ...[data.safe.mix.perCase.central, data.safe.mix.perCase.low, data.safe.mix.perCase.high].map(num), ...[data.safe.mix.safe.central, data.safe.mix.safe.low, data.safe.mix.safe.high].map(num)],
    ...data.safe.byType.map((t) => [STATUS_NAMES[t.type], t.cases, Math.round(t.share * 100) / 100, ...[t.perCase.central, t.perCase.low, t.perCase.high].map(num), ...[t.safe.central, t.safe.low, t.safe.high].map(num)]),
  ], ['Case type', 'Open cases', 'Share', 'Hours a case a month', 'Safe cases per full-time worker'], [
    ['Your case mix', one(data.safe.mix.cases), '100%', interval(data.safe.mix.perCase), safeText(data.safe.mix.safe)],
    ...data.safe.byType.map((t) => [STATUS_NAMES[t.type], one(t.cases), formatPercent(t.share), interval(t.perCase), safeText(t.safe)]),
  ]);

  const sensitivity = table('sensitivity', 'What moves the safe range: each parameter at its low and high value, the others at their central', [
    { header: 'Parameter', kind: 'text' }, { header: 'Low value', kind: 'text' }, { header: 'Safe cases per FTE at the low value', kind: 'decimal' },
    { header: 'High value', kind: 'text' }, { header: 'Safe cases per FTE at the high value', kind: 'decimal' }, { header: 'Swing', kind: 'decimal' },
  ], data.sensitivities.map((x) => [x.parameter, x.lowValue, num(x.atLow), x.highValue, num(x.atHigh), num(x.swing)]),
  ['Parameter', 'Low value', 'Safe cases', 'High value', 'Safe cases', 'Swing'],
  data.sensitivities.map((x) => [x.parameter, x.lowValue, limit(x.atLow), x.highValue, limit(x.atHigh), limit(x.swing)]));

  const neededRows = (x: Sufficiency): { label: string; now: Range; later: Range }[] => [
    { label: 'Demand (hours a month)', now: x.demandNow, later: x.demandIn12 },
    { label: 'FTE needed to keep everyone in the safe band', now: x.neededNow, later: x.neededIn12 },
    { label: 'Establishment (FTE of posts)', now: flat(x.establishment.fte), later: flat(x.establishment.fte) },
    { label: 'In post (FTE, agency included)', now: flat(x.inPost.fte), later: flat(x.inPost.fte) },
    { label: 'Gap against the establishment (FTE)', now: x.gapNow.establishment, later: x.gapIn12.establishment },
    { label: 'Gap against the people in post (FTE)', now: x.gapNow.inPost, later: x.gapIn12.inPost },
  ];
  const rangeColumns = (when: string): SufficiencyTable['columns'] => [
    { header: `${when} (central)`, kind: 'decimal' }, { header: `${when} (low)`, kind: 'decimal' }, { header: `${when} (high)`, kind: 'decimal' },
  ];
  const rangeCells = (r: Range) => [num(r.central), num(r.low), num(r.high)];
  const rangeShown = (r: Range) => (r.low === r.high ? one(r.central) : interval(r));
  const needed = table('needed', `FTE needed to keep every worker in the safe band, today and in ${HORIZON_MONTHS} months`,
    [{ header: 'Measure', kind: 'text' }, ...rangeColumns('Today'), ...rangeColumns(`In ${HORIZON_MONTHS} months`)],
    neededRows(s).map((r) => [r.label, ...rangeCells(r.now), ...rangeCells(r.later)]),
    ['Measure', 'Today', `In ${HORIZON_MONTHS} months`], neededRows(s).map((r) => [r.label, rangeShown(r.now), rangeShown(r.later)]));

  const f = data.forecast;
  const forecast = table('forecast', `Open cases today and in ${HORIZON_MONTHS} months, by case type`, [
    { header: 'Case type', kind: 'text' }, { header: 'Open today', kind: 'integer' }, { header: 'Change a year (trend)', kind: 'decimal' },
    { header: `In ${HORIZON_MONTHS} months (forecast)`, kind: 'decimal' }, { header: `In ${HORIZON_MONTHS} months (lower)`, kind: 'decimal' }, { header: `In ${HORIZON_MONTHS} months (upper)`, kind: 'decimal' },
  ], [
    ...f.byType.map((t) => [STATUS_NAMES[t.type], t.now, t.perYear === null ? null : num(t.perYear), num(t.forecast), num(t.lower), num(t.upper)]),
    ['All open cases', f.total.now, null, num(f.total.forecast), num(f.total.lower), num(f.total.upper)],
  ], ['Case type', 'Open today', 'Change a year', `In ${HORIZON_MONTHS} months (${formatPercent(COVERAGE)} interval)`], [
    ...f.byType.map((t) => [STATUS_NAMES[t.type], one(t.now), t.perYear === null ? 'No trend' : signed(t.perYear), `${one(t.forecast)} (${one(t.lower)} to ${one(t.upper)})`]),
    ['All open cases', one(f.total.now), '–', `${one(f.total.forecast)} (${one(f.total.lower)} to ${one(f.total.upper)})`],
  ]);

  const history = table('history', 'Open cases on the same day of each month, by case type', [
    { header: 'Date', kind: 'date' }, ...CASE_TYPES.map((t) => ({ header: STATUS_NAMES[t], kind: 'integer' as const })), { header: 'All open cases', kind: 'integer' }, { header: 'Cases closed in the month', kind: 'integer' },
  ], data.history.map((h) => [new Date(`${h.date}T00:00:00Z`), ...CASE_TYPES.map((t) => h.byType[t]), h.total, h.closures]),
  ['Date', 'All open cases', 'Cases closed in the month'], data.history.map((h) => [formatDate(h.date), one(h.total), one(h.closures)]));
  const first = data.history[0];
  const last = data.history.at(-1);
  const historyChart = first && last ? lineChart({
    id: 'history-chart',
    title: 'Open cases each month, and cases closed',
    summary: `${one(first.total)} open cases on ${formatDate(first.date)}, ${one(last.total)} on ${formatDate(last.date)}. ${f.method === 'flat' ? `Closed cases appear only from ${formatDate(f.from)}: before then the register holds only the cases still open later, so the climb is missing history, not demand.` : `The line is fitted through the ${f.monthsUsed} months from ${formatDate(f.from)}.`}`,
    dates: data.history.map((h) => h.date),
    series: [{ name: 'Open cases', values: data.history.map((h) => h.total), unit: '' }, { name: 'Closed in the month', values: data.history.map((h, i) => (i === 0 ? null : h.closures)), unit: '' }],
  }) : null;

  const drivers = table('drivers', 'What drives the gap: hours a month and FTE', [
    { header: 'Driver', kind: 'text' }, { header: 'Hours a month', kind: 'decimal' }, { header: 'FTE', kind: 'decimal' }, { header: 'What it means', kind: 'text' },
  ], s.drivers.map((d) => [DRIVER_NAMES[d.code], num(d.hours), num(d.fte), DRIVER_WHY[d.code]]),
  ['Driver', 'Hours a month', 'FTE', 'What it means'],
  s.drivers.map((d) => [DRIVER_NAMES[d.code], d.code === 'demand_growth' ? signed(d.hours) : one(d.hours), d.code === 'demand_growth' ? signed(d.fte) : one(d.fte), DRIVER_WHY[d.code]]));

  const whatIfRows = w === null ? [] : [
    { label: 'In post (FTE)', before: flat(s.inPost.fte), after: flat(w.inPost.fte) },
    { label: 'Casework hours a month', before: s.inPost.casework, after: w.inPost.casework },
    { label: 'FTE needed today', before: s.neededNow, after: w.neededNow },
    { label: 'Gap against the people in post today (FTE)', before: s.gapNow.inPost, after: w.gapNow.inPost },
    { label: `FTE needed in ${HORIZON_MONTHS} months`, before: s.neededIn12, after: w.neededIn12 },
    { label: `Gap against the people in post in ${HORIZON_MONTHS} months (FTE)`, before: s.gapIn12.inPost, after: w.gapIn12.inPost },
  ];
  const whatIf = table('what-if', 'As things are, and with your changes',
    [{ header: 'Measure', kind: 'text' }, ...rangeColumns('As things are'), ...rangeColumns('With your changes')],
    whatIfRows.map((r) => [r.label, ...rangeCells(r.before), ...rangeCells(r.after)]),
    ['Measure', 'As things are', 'With your changes'], whatIfRows.map((r) => [r.label, rangeShown(r.before), rangeShown(r.after)]));

  const mix = data.safe.mix.safe;
  const top = data.sensitivities.slice(0, 10);
  const tornado: Chart | null = top.length === 0 ? null : tornadoChart({
    id: 'sensitivity-chart',
    title: 'What moves the safe range most',
    summary: `With every parameter at its central value a full-time worker stays in the safe band with ${limit(mix.central)} cases. ${top.slice(0, 3).map((x) => `${x.parameter} moves it from ${limit(x.atLow)} to ${limit(x.atHigh)}`).join('; ')}.`,
    baseline: mix.central, baselineLabel: `Central: ${limit(mix.central)} cases`, unit: '',
    data: top.map((x) => ({ label: x.parameter, atLow: x.atLow, atHigh: x.atHigh, lowValue: x.lowValue, highValue: x.highValue })),
    tableHead: ['Parameter', 'Low value', 'Safe cases at the low value', 'High value', 'Safe cases at the high value', 'Swing'],
  });

  const gapNow = s.gapNow.inPost.central;
  return {
    title: 'Sufficiency and the safe range',
    date: data.date,
    dateText: formatDate(data.date),
    configVersion: data.configVersion,
    safeBand: formatPercent(data.greenUpTo),
    headline: {
      safe: safeText(mix),
      fullTimeHours: interval(data.safe.fullTime),
      neededNow: interval(s.neededNow),
      neededIn12: interval(s.neededIn12),
      establishment: one(s.establishment.fte),
      inPost: one(s.inPost.fte),
      gap: gapNow > 0 ? `${one(gapNow)} FTE short of what is needed today` : `${one(-gapNow)} FTE more than is needed today`,
      cases: one(data.mix.cases),
      unallocated: data.unallocated.cases,
    },
    forecastMethod: forecastWords(data),
    tables: { safeRange, sensitivity, needed, forecast, history, drivers, whatIf },
    tornado,
    historyChart,
    whatIfAsked: w !== null,
    changeItems: CHANGES.map((c) => ({ value: c.value, text: c.text, checked: ticks(data.whatIf).includes(c.value) })),
  };
}

const flat = (x: number): Range => ({ low: x, central: x, high: x });

function forecastWords(data: SufficiencyData): string[] {
  const f = data.forecast;
  const coverage = formatPercent(COVERAGE);
  const why = 'A straight line is the simplest forecast you can check by hand, it says how sure it is, and three years of monthly counts are too few to trust a seasonal pattern or a curve.';
  if (f.method === 'linear_trend') {
    return [
      `Method: a straight line (least squares) through the open cases of each type on the same day of each month, over the ${f.monthsUsed} months from ${formatDate(f.from)}, carried on ${HORIZON_MONTHS} months; the range is its ${coverage} prediction interval (4 in 5 years like the last ones would land inside it). ${why}`,
      'Demand in 12 months is each type’s demand today scaled by its forecast. The ends of the FTE range pair the model’s low hours with the forecast’s lower end and its high hours with the upper end, so it is a cautious envelope rather than a probability.',
    ];
  }
  return [
    `Method: no trend. A straight line through the open cases of each type each month needs at least ${MIN_TREND_MONTHS} months of complete history, and your register holds only ${f.completeMonths} (closed cases appear only from ${formatDate(f.from)}). Before then it shows only the cases still open later, so their number seems to climb when it is the history that is missing, not demand that grew.`,
    `So the forecast carries today’s open cases forward, with a range of ${formatPercent(FLAT_SPREAD)} either way (a Caseweight assumption, not evidence). Import a fuller history (the SSD extract’s closed cases) and the page fits the line, with its ${coverage} prediction interval, by itself. ${why}`,
  ];
}

/** One table of the page as a download (the same figures, typed). */
export function sufficiencyDataTable(view: ReturnType<typeof toSufficiencyView>, key: TableKey): DataTable {
  const t = Object.values(view.tables).find((x) => x.key === key)!;
  return {
    title: `${t.caption}, ${view.dateText}`,
    sheetName: key.replace(/-/g, ' ').slice(0, 31),
    columns: t.columns,
    rows: t.rows,
    about: [
      { label: 'Figures on', value: new Date(`${view.date}T00:00:00Z`), kind: 'date' },
      { label: 'Workload model version', value: view.configVersion },
      { label: 'Safe band ends at', value: view.safeBand },
      { label: 'Forecast', value: view.forecastMethod.join(' ') },
    ],
  };
}
