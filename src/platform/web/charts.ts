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

/** A horizontal bar chart, one bar per row, with band patterns and reference lines. */
export function barChart(input: BarChartInput): Chart {
  const rowHeight = 28;
  const width = input.width ?? 720;
  const height = Math.max(180, input.data.length * rowHeight + 90);
  const fmt = (v: number) => `${round1(v)}${input.unit}`;
  const option: echarts.EChartsOption = {
    animation: false,
    textStyle: { fontFamily: FONT, color: TEXT, fontSize: 14 },
    grid: { left: 8, right: 120, top: 30, bottom: input.lines?.length ? 50 : 30, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: `{value}${input.unit}`, color: TEXT }, splitLine: { lineStyle: { color: '#b1b4b6' } } },
    yAxis: { type: 'category', inverse: true, data: input.data.map((d) => d.label), axisLabel: { color: TEXT, width: 250, overflow: 'truncate' } },
    series: [{
      type: 'bar',
      barMaxWidth: 20,
      data: input.data.map((d) => ({
        value: round1(d.value),
        itemStyle: { color: BAND_COLOUR[d.band], borderColor: TEXT, borderWidth: 1, decal: BAND_DECAL[d.band] },
        label: { show: true, position: 'right', color: TEXT, formatter: `${fmt(d.value)} ${d.note}`.trim() },
      })),
      markLine: input.lines?.length
        ? {
            silent: true, symbol: 'none',
            lineStyle: { color: TEXT, type: 'dashed', width: 1.5 },
            // Alternate labels top and bottom so two close lines (safe and full) stay readable.
            data: input.lines.map((l, i) => ({ xAxis: l.value, name: l.label, label: { formatter: '{b}', color: TEXT, position: i % 2 ? 'start' : 'end' } })),
          }
        : undefined,
    }],
  };
  return finish('bar', input, option, width, height, {
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

/** A line chart over dates; each series differs by marker shape and dash as well as colour. */
export function lineChart(input: LineChartInput): Chart {
  const width = input.width ?? 720;
  const height = 300;
  const option: echarts.EChartsOption = {
    animation: false,
    color: ['#1d70b8', '#d4351c', '#00703c', '#4c2c92'],
    textStyle: { fontFamily: FONT, color: TEXT, fontSize: 14 },
    legend: { top: 0, textStyle: { color: TEXT } },
    grid: { left: 8, right: 24, top: 40, bottom: 30, containLabel: true },
    xAxis: { type: 'category', data: [...input.dates], axisLabel: { color: TEXT } },
    yAxis: { type: 'value', axisLabel: { color: TEXT }, splitLine: { lineStyle: { color: '#b1b4b6' } } },
    series: input.series.map((s, i) => ({
      type: 'line' as const,
      name: s.name,
      data: s.values.map((v) => (v === null ? null : round1(v))),
      symbol: SYMBOLS[i % SYMBOLS.length],
      symbolSize: 8,
      lineStyle: { width: 2, type: LINE_DASH[i % LINE_DASH.length] },
      endLabel: { show: true, color: TEXT, formatter: (p: { value?: unknown }) => `${p.value ?? ''}${s.unit}` },
    })),
  };
  return finish('line', input, option, width, height, {
    caption: input.title,
    head: ['Date', ...input.series.map((s) => s.name)],
    rows: input.dates.map((d, i) => [d, ...input.series.map((s) => (s.values[i] == null ? 'No figure' : `${round1(s.values[i]!)}${s.unit}`))]),
  });
}

function finish(kind: string, input: { id: string; title: string; summary: string }, option: echarts.EChartsOption, width: number, height: number, table: ChartTable): Chart {
  const { id, title, summary } = input;
  const svg = cached(kind, input, () => {
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
    try {
      chart.setOption(option);
      return makeAccessible(chart.renderToSVGString(), id, title, summary);
    } finally {
      chart.dispose();
    }
  });
  return { id, svg, title, summary, table };
}

/**
 * Adds role, label and title; drops echarts' hover <style> (it needs JavaScript, and a strict
 * CSP without 'unsafe-inline' would block it); turns style="" attributes into presentation
 * attributes for the same reason; gives ids a per-chart prefix so two charts on a page never
 * share a pattern id.
 */
export function makeAccessible(svg: string, id: string, title: string, summary: string): string {
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
    .replace(/^<svg /, `<svg role="img" aria-label="${escapeXml(`${title}. ${summary}`)}" focusable="false" class="app-chart__svg" `)
    .replace(/(<svg[^>]*>)/, `$1<title id="${titleId}">${escapeXml(title)}</title><desc id="${descId}">${escapeXml(summary)}</desc>`);
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
