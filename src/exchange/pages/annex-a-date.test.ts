// The Annex A inspection date from its three boxes, or a link's date=YYYY-MM-DD.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { annexDateHref, readAnnexDate } from './annex-a-date.ts';

describe('reading the inspection date', () => {
  it('is no date (today) when nothing is typed, and reads a link\'s date into the boxes', () => {
    expect(readAnnexDate({})).toEqual({ iso: null, boxes: { day: '', month: '', year: '' } });
    expect(readAnnexDate({ date: '2026-03-05' })).toEqual({ iso: '2026-03-05', boxes: { day: '5', month: '3', year: '2026' } });
  });

  it('names the box to fix, in the GOV.UK pattern\'s words', () => {
    const problem = (q: Record<string, string>) => {
      const r = readAnnexDate(q);
      return 'problem' in r ? [r.problem.box, r.problem.message, annexDateHref(r.problem)] : r.iso;
    };
    expect(problem({ 'date-day': '29', 'date-month': '2', 'date-year': '2028' })).toBe('2028-02-29');
    expect(problem({ 'date-day': '29', 'date-month': '2', 'date-year': '2027' })).toEqual(['whole', 'The inspection date must be a real date, like 23 11 2026', '#annex-a-date-day']);
    expect(problem({ 'date-day': '', 'date-month': '', 'date-year': '2026' })).toEqual(['whole', 'The inspection date must include a day and month', '#annex-a-date-day']);
    expect(problem({ 'date-day': '1', 'date-month': 'March', 'date-year': '2026' })).toEqual(['month', 'The inspection date must be a real date, like 23 11 2026', '#annex-a-date-month']);
    expect(problem({ 'date-day': '1', 'date-month': '3', 'date-year': '1999' })).toEqual(['year', 'The inspection date must be between 2000 and 2045', '#annex-a-date-year']);
  });

  test.prop([fc.date({ min: new Date('2000-01-01'), max: new Date('2045-12-31'), noInvalidDate: true })])('reads every real day typed without leading zeros', (d) => {
    const iso = d.toISOString().slice(0, 10);
    expect(readAnnexDate({ 'date-day': String(d.getUTCDate()), 'date-month': String(d.getUTCMonth() + 1), 'date-year': iso.slice(0, 4) })).toMatchObject({ iso });
  });
});
