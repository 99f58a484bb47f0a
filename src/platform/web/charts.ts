import * as echarts from 'echarts';

/**
 * Charts as SVG rendered on the server by echarts, made accessible by hand: echarts' SSR output
 * carries no role, label or title even with `aria.enabled` (STACK.md), so we add them, and every
 * chart comes with the same figures as a table. Bands are told apart by pattern and by a text
 * label on each bar as well as by colour, so the chart reads in greyscale.
 */

export type BandKey = 'green' | 'amber' | 'red' | 'cover' | 'none';

export interface ChartTable {
  caption: string;
  head: string[];
  rows: string[][];
}

export interface Chart {
  id: string;
  /** Safe to output unescaped: built by echarts from our numbers, text escaped by echarts. */
  svg: string;
  /** The same chart drawn for a phone (290 px wide, 12 px text); the stylesheet shows one of the two. */
  svgNarrow: string;
  title: string;
  summary: string;
  table: ChartTable;
}

// GOV.UK colour palette: green, orange, red, mid-grey. The patterns carry the meaning too.
const BAND_COLOUR: Record<BandKey, string> = { green: '#00703c', amber: '#f47738', red: '#d4351c', cover: '#4c2c92', none: '#505a5f' };
const BAND_DECAL: Record<BandKey, object> = {
  green: { symbol: 'none' },
  amber: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 5], rotation: Math.PI / 4, color: 'rgba(0,0,0,0.45)' },
  red: { symbol: 'rect', dashArrayX: [[3, 3], [0, 3, 3, 0]], dashArrayY: [3, 0], color: 'rgba(0,0,0,0.5)' },
  cover: { symbol: 'triangle', symbolSize: 0.7, color: 'rgba(255,255,255,0.6)' },
  none: { symbol: 'circle', symbolSize: 0.6, color: 'rgba(255,255,255,0.6)' },
};
const FONT = 'arial, sans-serif';
const TEXT = '#0b0c0c';

export interface BarDatum {
  label: string;
  value: number;
  band: BandKey;
  /** Shown on the bar beside the value, like "amber". */
  note: string;
  /** Table cells after the label, when the table should say more than the bar. */
  cells?: string[];
}

export interface BarChartInput {
  id: string;
  title: string;
  /** One sentence a screen reader hears instead of the picture. */
  summary: string;
  unit: string;
  data: readonly BarDatum[];
  lines?: readonly { value: number; label: string }[];
  tableHead?: string[];
  width?: number;
}

/**
 * Rendered SVGs by their full input. Charts are pure functions of their input and echarts takes
 * 10–40 ms to lay one out, so a page reloaded with unchanged figures (a team page is opened
 * many times a day) reuses the SVG. Bounded; oldest entries go first.
 */
const svgCache = new Map<string, string>();
const SVG_CACHE_SIZE = 200;

/** Forgets every rendered SVG (tests and benchmarks measuring the cold path). */
export function clearChartCache(): void {
  svgCache.clear();
}

function cached(kind: string, input: object, render: () => string): string {
  const key = `${kind}:${JSON.stringify(input)}`;
  const hit = svgCache.get(key);
  if (hit !== undefined) {
    svgCache.delete(key);
    svgCache.set(key, hit);
    return hit;
  }
  const svg = render();
  svgCache.set(key, svg);
  if (svgCache.size > SVG_CACHE_SIZE) svgCache.delete(svgCache.keys().next().value!);
  return svg;
}

/**
 * Charts are drawn twice: wide (720 px, 14 px text) for screens from 680 px and print, and narrow
 * (290 px, 12 px text) for phones; the stylesheet shows one. Each is drawn at about the width it is
 * shown at, so its text is never scaled below 12 px (a 720 px chart shrunk to a 360 px phone had
 * 6 px text): the wide one shows at 620 px or more (14 × 620 / 720 ≈ 12), the narrow one at
 * 290 px (a 320 px screen) or more.
 */
interface Layout { width: number; font: number; narrow: boolean }
const WIDE: Omit<Layout, 'width'> = { font: 14, narrow: false };
const NARROW: Layout = { width: 290, font: 12, narrow: true };

/** About how wide a text is in Arial, for margins (echarts measures it properly when it lays out). */
const textWidth = (text: string, font: number) => Math.ceil(text.length * font * 0.56);

/** A horizontal bar chart, one bar per row, with band patterns and reference lines. */
export function barChart(input: BarChartInput): Chart {
  const fmt = (v: number) => `${round1(v)}${input.unit}`;
  const lines = input.lines ?? [];
  const barLabel = (d: BarDatum) => `${fmt(d.value)} ${d.note}`.trim();
  const top = Math.max(...input.data.map((d) => d.value), ...lines.map((l) => l.value), 0);
  const option = ({ width, font, narrow }: Layout): { option: echarts.EChartsOption; height: number } => {
    // On a phone each bar has its name and figure on a line above it, so the bars get the whole
    // width; on a wider screen the names sit to the left and the figures at the end of each bar.
    // A name too long for one line (a long team name) wraps onto a second line, never cut off.
    const labelWidth = width - 32;
    const labelLines = narrow && input.data.some((d) => textWidth(`${d.label}: ${barLabel(d)}`, font) > labelWidth) ? 2 : 1;
    const rowHeight = narrow ? labelLines * (font + 4) + 24 : 28;
    // Reference-line labels sit above the plot, one row each, so two close lines (safe and full)
    // never overlap each other, the bars or the axis.
    const linesTop = lines.length * (font + 6);
    const right = narrow ? 16 : Math.min(Math.max(...input.data.map((d) => textWidth(barLabel(d), font)), 40) + 12, Math.round(width * 0.4));
    const height = Math.max(narrow ? 140 : 180, input.data.length * rowHeight + linesTop + 50);
    // A white box behind each figure, so a reference line never runs through its text.
    const boxed = { color: TEXT, fontSize: font, backgroundColor: '#ffffff', padding: [1, 3] };
    const bars = {
      type: 'bar' as const,
      barMaxWidth: narrow ? 14 : 20,
      data: input.data.map((d) => ({
        value: round1(d.value),
        itemStyle: { color: BAND_COLOUR[d.band], borderColor: TEXT, borderWidth: 1, decal: BAND_DECAL[d.band] },
        label: narrow
          ? { show: true, position: [0, -4] as [number, number], align: 'left' as const, verticalAlign: 'bottom' as const, ...boxed, lineHeight: font + 4, padding: [1, 3, 1, 0], formatter: `${d.label}: ${barLabel(d)}`, width: labelWidth, overflow: 'break' as const }
          : { show: true, position: 'right' as const, ...boxed, formatter: barLabel(d) },
      })),
      z: 3,
    };
    // The reference lines belong to a series of their own drawn under the bars, so the white box
    // behind each figure covers the line where they cross.
    const referenceLines = {
      type: 'line' as const, data: [], z: 1,
      markLine: {
        z: 1, silent: true, symbol: 'none',
        lineStyle: { color: TEXT, type: 'dashed' as const, width: 1.5 },
        // The y axis runs top to bottom (inverse), so a line's "start" is at the top.
        data: lines.map((l, i) => ({
          xAxis: l.value, name: l.label,
          label: { formatter: '{b}', color: TEXT, fontSize: font, position: 'start' as const, distance: (narrow ? 12 : 4) + (lines.length - 1 - i) * (font + 6) },
        })),
      },
    };
    return {
      height,
      option: {
        animation: false,
        textStyle: { fontFamily: FONT, color: TEXT, fontSize: font },
        grid: { left: narrow ? 14 : 8, right, top: linesTop + (narrow ? 20 : 10), bottom: 30, containLabel: true },
        xAxis: {
          type: 'value', max: top > 0 ? (e: { max: number }) => niceCeil(Math.max(e.max, top * 1.02)) : undefined, splitNumber: narrow ? 4 : 5,
          axisLabel: { formatter: `{value}${input.unit}`, color: TEXT, fontSize: font, hideOverlap: true }, splitLine: { lineStyle: { color: '#b1b4b6' } },
        },
        yAxis: {
          type: 'category', inverse: true, data: input.data.map((d) => d.label),
          axisLabel: narrow ? { show: false } : { color: TEXT, fontSize: font, width: 250, overflow: 'truncate' },
        },
        series: lines.length ? [bars, referenceLines] : [bars],
      },
    };
  };
  return finish('bar', input, option, {
    caption: input.title,
    head: input.tableHead ?? ['', input.unit === '%' ? 'Value' : `Value (${input.unit.trim()})`, 'Band'],
    rows: input.data.map((d) => [d.label, ...(d.cells ?? [fmt(d.value), d.note])]),
  });
}

export interface LineChartInput {
  id: string;
  title: string;
  summary: string;
  dates: readonly string[];
  series: readonly { name: string; values: readonly (number | null)[]; unit: string }[];
  width?: number;
}

const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond'];
const LINE_DASH = ['solid', 'dashed', 'dotted'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "2026-04-07" as "7 Apr" on the axis (the table gives the full date). */
const shortDate = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]}` : iso);

/** A line chart over dates; each series differs by marker shape and dash as well as colour. */
export function lineChart(input: LineChartInput): Chart {
  const option = ({ font, narrow }: Layout): { option: echarts.EChartsOption; height: number } => ({
    height: narrow ? 260 : 300,
    option: {
      animation: false,
      color: ['#1d70b8', '#d4351c', '#00703c', '#4c2c92'],
      textStyle: { fontFamily: FONT, color: TEXT, fontSize: font },
      legend: { top: 0, left: narrow ? 0 : 'center', textStyle: { color: TEXT, fontSize: font } },
      grid: { left: 8, right: narrow ? 40 : 48, top: 40, bottom: 30, containLabel: true },
      xAxis: { type: 'category', data: input.dates.map(shortDate), axisLabel: { color: TEXT, fontSize: font, hideOverlap: true } },
      yAxis: { type: 'value', splitNumber: narrow ? 3 : 5, axisLabel: { color: TEXT, fontSize: font }, splitLine: { lineStyle: { color: '#b1b4b6' } } },
      series: input.series.map((s, i) => ({
        type: 'line' as const,
        name: s.name,
        data: s.values.map((v) => (v === null ? null : round1(v))),
        symbol: SYMBOLS[i % SYMBOLS.length],
        symbolSize: 8,
        lineStyle: { width: 2, type: LINE_DASH[i % LINE_DASH.length] },
        endLabel: { show: true, color: TEXT, fontSize: font, formatter: (p: { value?: unknown }) => `${p.value ?? ''}${s.unit}` },
      })),
    },
  });
  return finish('line', input, option, {
    caption: input.title,
    head: ['Date', ...input.series.map((s) => s.name)],
    rows: input.dates.map((d, i) => [d, ...input.series.map((s) => (s.values[i] == null ? 'No figure' : `${round1(s.values[i]!)}${s.unit}`))]),
  });
}

export interface TornadoDatum {
  label: string;
  /** The figure with the parameter at its low value, and at its high value. */
  atLow: number;
  atHigh: number;
  /** The parameter's own values, in words ("2.1 hours"), for the bar labels and the table. */
  lowValue: string;
  highValue: string;
}

export interface TornadoChartInput {
  id: string;
  title: string;
  summary: string;
  /** The figure with every parameter at its central value: where the bars meet. */
  baseline: number;
  baselineLabel: string;
  unit: string;
  /** Largest swing first (the chart keeps the order given). */
  data: readonly TornadoDatum[];
  tableHead?: string[];
  width?: number;
}

// The parameter's low end and high end told apart by colour and by pattern (and in words on each bar).
const TORNADO_LOW = { color: '#1d70b8', decal: { symbol: 'none' } };
const TORNADO_HIGH = { color: '#f47738', decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 5], rotation: Math.PI / 4, color: 'rgba(0,0,0,0.45)' } };

/**
 * A tornado chart: one-at-a-time sensitivity, one row per parameter, each bar running from the
 * figure at the parameter's low value to the figure at its high value and split where the
 * baseline is. Drawn as stacked bars (an invisible offset, the part below the baseline, the part
 * above); the low end plain blue, the high end hatched orange, and each row's figures written
 * above its bar, so the chart reads without colour; the table gives every figure.
 */
export function tornadoChart(input: TornadoChartInput): Chart {
  const fmt = (v: number) => `${round1(v)}${input.unit}`;
  const b = input.baseline;
  const ends = input.data.flatMap((d) => [d.atLow, d.atHigh]).filter(Number.isFinite);
  const lo = Math.min(b, ...ends);
  const hi = Math.max(b, ...ends);
  const pad = Math.max((hi - lo) * 0.08, Math.abs(b) * 0.02, 0.5);
  const axisMin = Math.max(0, Math.floor(lo - pad));
  // Each row's words sit on a line above its bar (the parameter, then each end's value and figure),
  // so nothing is written across the bars and no label can collide with another on a phone.
  const rowText = (d: TornadoDatum) => `${d.label}. At ${d.lowValue}: ${fmt(d.atLow)}; at ${d.highValue}: ${fmt(d.atHigh)}`;
  const option = ({ width, font, narrow }: Layout): { option: echarts.EChartsOption; height: number } => {
    const barWidth = narrow ? 12 : 16;
    const labelWidth = width - (narrow ? 30 : 60);
    const lines = (d: TornadoDatum) => Math.max(1, Math.ceil(textWidth(rowText(d), font) / labelWidth));
    const rowHeight = Math.max(...input.data.map((d) => lines(d) * (font + 4) + barWidth + 16), 40);
    const height = input.data.length * rowHeight + font + 70;
    const part = (which: 'below' | 'above') => input.data.map((d) => {
      const min = Math.min(d.atLow, d.atHigh);
      const max = Math.max(d.atLow, d.atHigh);
      const length = which === 'below' ? Math.max(0, b - min) : Math.max(0, max - b);
      // Which end of the parameter this part of the bar shows: the one on its side of the baseline.
      const isLowEnd = which === 'below' ? d.atLow <= d.atHigh : d.atLow > d.atHigh;
      const style = isLowEnd ? TORNADO_LOW : TORNADO_HIGH;
      return { value: length, itemStyle: { color: style.color, borderColor: TEXT, borderWidth: length > 0 ? 1 : 0, decal: style.decal } };
    });
    // Stacked bars start at 0: the invisible offset runs from there (off the axis, clipped) to the bar's start.
    const offset = input.data.map((d) => ({ value: Math.min(d.atLow, d.atHigh, b), itemStyle: { color: 'transparent' } }));
    const bar = { type: 'bar' as const, stack: 'tornado', barWidth, silent: true, label: { show: false } };
    return {
      height,
      option: {
        animation: false,
        textStyle: { fontFamily: FONT, color: TEXT, fontSize: font },
        grid: { left: narrow ? 14 : 24, right: narrow ? 16 : 36, top: font + 24, bottom: 30, containLabel: true },
        xAxis: {
          type: 'value', min: axisMin, max: (e: { max: number }) => niceCeil(Math.max(e.max, hi + pad)), splitNumber: narrow ? 3 : 5,
          axisLabel: { formatter: `{value}${input.unit}`, color: TEXT, fontSize: font, hideOverlap: true }, splitLine: { lineStyle: { color: '#b1b4b6' } },
        },
        yAxis: {
          // Above the baseline's dashes (a white box behind the words), under the bars.
          type: 'category', inverse: true, data: input.data.map(rowText), axisTick: { show: false }, z: 4,
          axisLabel: { inside: true, align: 'left', verticalAlign: 'bottom', backgroundColor: '#ffffff', padding: [1, 3, barWidth / 2 + 4, 0], color: TEXT, fontSize: font, lineHeight: font + 4, width: labelWidth, overflow: 'break' },
        },
        series: [
          { ...bar, data: offset },
          { ...bar, data: part('below'), z: 5 },
          {
            ...bar, data: part('above'), z: 5,
            markLine: {
              z: 3, silent: true, symbol: 'none', lineStyle: { color: TEXT, type: 'dashed' as const, width: 1.5 },
              data: [{ xAxis: b, name: input.baselineLabel, label: { formatter: '{b}', color: TEXT, fontSize: font, position: 'start' as const, distance: 6 } }],
            },
          },
        ],
      },
    };
  };
  return finish('tornado', input, option, {
    caption: input.title,
    head: input.tableHead ?? ['Parameter', 'Low value', `At the low value (${input.unit.trim() || 'figure'})`, 'High value', `At the high value (${input.unit.trim() || 'figure'})`, 'Swing'],
    rows: input.data.map((d) => [d.label, d.lowValue, fmt(d.atLow), d.highValue, fmt(d.atHigh), fmt(Math.abs(d.atHigh - d.atLow))]),
  });
}

type Draw = (layout: Layout) => { option: echarts.EChartsOption; height: number };

function finish(kind: string, input: { id: string; title: string; summary: string; width?: number }, draw: Draw, table: ChartTable): Chart {
  const { id, title, summary } = input;
  const render = (layout: Layout, svgId: string, className: string) => cached(`${kind}:${layout.width}`, input, () => {
    const { option, height } = draw(layout);
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: layout.width, height });
    try {
      chart.setOption(option);
      return makeAccessible(chart.renderToSVGString(), svgId, title, summary, className);
    } finally {
      chart.dispose();
    }
  });
  const svg = render({ ...WIDE, width: input.width ?? 720 }, id, 'app-chart__svg app-chart__svg--wide');
  const svgNarrow = render(NARROW, `${id}-narrow`, 'app-chart__svg app-chart__svg--narrow');
  return { id, svg, svgNarrow, title, summary, table };
}

/** The next round figure at or above x (1, 2, 2.5, 5 or 10 times a power of ten), for an axis end. */
function niceCeil(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  return ([1, 2, 2.5, 5, 10].find((m) => m * p >= x - 1e-9) ?? 10) * p;
}

/**
 * Adds role, label and title; drops echarts' hover <style> (it needs JavaScript, and a strict
 * CSP without 'unsafe-inline' would block it); turns style="" attributes into presentation
 * attributes for the same reason; gives ids a per-chart prefix so two charts on a page never
 * share a pattern id.
 */
export function makeAccessible(svg: string, id: string, title: string, summary: string, className = 'app-chart__svg'): string {
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return svg
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_m, css: string) =>
      css.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
        const [k, ...v] = d.split(':');
        return ` ${k!.trim()}="${v.join(':').trim().replace(/px$/, '')}"`;
      }).join(''))
    .replace(/zr\d+-/g, `${id}-`)
    .replace(/ class="[^"]*"/g, '')
    .replace(/^<svg /, `<svg role="img" aria-label="${escapeXml(`${title}. ${summary}`)}" focusable="false" class="${className}" `)
    .replace(/(<svg[^>]*>)/, `$1<title id="${titleId}">${escapeXml(title)}</title><desc id="${descId}">${escapeXml(summary)}</desc>`);
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
