import { describe, expect, it } from 'vitest';
import { barChart, lineChart, makeAccessible, tornadoChart } from './charts.ts';

describe('server-rendered charts', () => {
  const chart = barChart({
    id: 'team-chart', title: 'Workload by practitioner', summary: 'Two practitioners; one is over the safe band.', unit: '%',
    data: [
      { label: 'Ann <Smith>', value: 72.04, band: 'green', note: 'green' },
      { label: 'Bo Jones', value: 104.5, band: 'red', note: 'red' },
    ],
    lines: [{ value: 85, label: 'Safe band ends' }],
  });

  it('is an SVG image with a role, a label and a title, and no inline styles or scripts', () => {
    expect(chart.svg.startsWith('<svg role="img" aria-label="Workload by practitioner. Two practitioners; one is over the safe band."')).toBe(true);
    expect(chart.svg).toContain('<title id="team-chart-title">Workload by practitioner</title>');
    expect(chart.svg).not.toMatch(/<style|style="|<script/);
    expect(chart.svg).not.toMatch(/zr\d+-/);
  });

  it('labels each bar with its value and band in text, so colour is not the only cue', () => {
    expect(chart.svg).toContain('72%');
    expect(chart.svg).toContain('104.5% red');
    // patterns for the bands that need them (greyscale)
    expect(chart.svg).toContain('<pattern');
  });

  it('carries the same figures as a table, text escaped later by the template', () => {
    expect(chart.table.rows).toEqual([['Ann <Smith>', '72%', 'green'], ['Bo Jones', '104.5%', 'red']]);
    expect(chart.svg).not.toContain('Ann <Smith>');
  });

  it('draws lines over dates with a table of every point', () => {
    const line = lineChart({ id: 'trend', title: 'Trend', summary: 'Flat.', dates: ['2026-11-01', '2026-11-02'],
      series: [{ name: 'Caseload', values: [15.24, null], unit: '' }] });
    expect(line.svg).toContain('role="img"');
    expect(line.table).toEqual({ caption: 'Trend', head: ['Date', 'Caseload'], rows: [['2026-11-01', '15.2'], ['2026-11-02', 'No figure']] });
  });

  it('is drawn wide and narrow, with text of 12 px or more, and reference-line labels above the plot', () => {
    for (const svg of [chart.svg, chart.svgNarrow]) {
      const sizes = [...svg.matchAll(/<text[^>]*font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
      expect(svg).toContain('Safe band ends');
    }
    expect(chart.svg).toMatch(/^<svg [^>]*class="app-chart__svg app-chart__svg--wide"[^>]*viewBox="0 0 720 /);
    expect(chart.svgNarrow).toMatch(/^<svg [^>]*class="app-chart__svg app-chart__svg--narrow"[^>]*viewBox="0 0 290 /);
    // On a phone the name and the figure are on a line above each bar.
    expect(chart.svgNarrow).toContain('Bo Jones: 104.5% red');
    // Its own ids: both can be on one page.
    expect(chart.svgNarrow).toContain('id="team-chart-narrow-title"');
  });

  it('gives every chart its own ids', () => {
    const svg = makeAccessible('<svg width="1"><defs><pattern id="zr7-p0"></pattern></defs><rect fill="url(#zr7-p0)"></rect></svg>', 'c2', 'T', 'S');
    expect(svg).toContain('id="c2-p0"');
    expect(svg).toContain('url(#c2-p0)');
  });
});

describe('tornado chart', () => {
  const tornado = tornadoChart({
    id: 'tornado', title: 'What moves the safe range', summary: 'Casework time moves it most.', baseline: 16.3, baselineLabel: 'Central 16.3', unit: '',
    data: [
      { label: 'Share of time casework gets', atLow: 12.7, atHigh: 16.3, lowValue: '78%', highValue: '100%' },
      { label: 'Case management <hours>', atLow: 17.8, atHigh: 14.5, lowValue: '1.4 hours', highValue: '2.8 hours' },
    ],
  });

  it('is an accessible SVG with the baseline drawn and each end labelled in words, wide and narrow', () => {
    for (const svg of [tornado.svg, tornado.svgNarrow]) {
      expect(svg.startsWith('<svg role="img" aria-label="What moves the safe range. Casework time moves it most."')).toBe(true);
      expect(svg).not.toMatch(/<style|style="|<script/);
      expect(svg).toContain('Central 16.3');
      // Each row in words above its bar: the parameter, each end's value and the figure there.
      // (on a phone the line breaks, so the narrow chart is read as its words)
      const words = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ').replace(/\s+/g, ' ');
      expect(words).toMatch(/At 78%: 12\.7 ?; at 100%: 16\.3/);
      expect(words).toMatch(/At 1\.4 ?hours: 17\.8; ?at 2\.8 ?hours: 14\.5/);
      // Both ends drawn: the high end hatched (a pattern), the low end plain.
      expect(svg).toContain('<pattern');
      const sizes = [...svg.matchAll(/<text[^>]*font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
      expect(svg).not.toContain('<hours>');
    }
  });

  it('carries every figure as a table, in the order given', () => {
    expect(tornado.table.rows).toEqual([
      ['Share of time casework gets', '78%', '12.7', '100%', '16.3', '3.6'],
      ['Case management <hours>', '1.4 hours', '17.8', '2.8 hours', '14.5', '3.3'],
    ]);
  });
});
