import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { downloadLinks } from './downloads.ts';
import { formatNumber, formatPercent, ratioAsShown, roundAsShown } from './nunjucks.ts';

describe('downloads: links and figures as shown', () => {
  it('links each format under the page’s own path, keeping its query', () => {
    expect(downloadLinks('/teams/SF1', '?sort=name&date=2026-11-23', ['csv', 'xlsx', 'pdf'])).toEqual([
      { format: 'csv', text: 'Download as CSV', href: '/teams/SF1/export.csv?sort=name&date=2026-11-23' },
      { format: 'xlsx', text: 'Download as Excel', href: '/teams/SF1/export.xlsx?sort=name&date=2026-11-23' },
      { format: 'pdf', text: 'Download as PDF', href: '/teams/SF1/export.pdf?sort=name&date=2026-11-23' },
    ]);
  });

  it('rounds 29.95 as the page does (30), not as toFixed does (29.9)', () => {
    expect(formatNumber(29.95)).toBe('30');
    expect(roundAsShown(29.95)).toBe(30);
  });

  // A file's number, worded as the page words numbers, is exactly the page's text.
  test.prop([fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 100)])('a figure in a file (hours, FTE, caseload: never negative) reads as the page shows it', (x) => {
    expect(formatNumber(roundAsShown(x))).toBe(formatNumber(x));
    expect(String(roundAsShown(x))).toBe(formatNumber(x).replace(/,/g, ''));
  });
  test.prop([fc.double({ min: 0, max: 5, noNaN: true })])('a ratio in a file is the page’s whole percentage', (x) => {
    expect(formatPercent(ratioAsShown(x))).toBe(formatPercent(x));
  });
});
