import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pageDate } from './forms.ts';

describe('the date a page shows', () => {
  const now = new Date('2026-12-02T10:00:00Z');
  it('is the address\'s date when it is one, with no problem', () => {
    expect(pageDate('2026-03-31', now)).toEqual({ date: '2026-03-31', errorSummary: [] });
    expect(pageDate(undefined, now)).toEqual({ date: '2026-12-02', errorSummary: [] });
  });
  it('is today, with one problem that says what was wrong, for anything that is not a date', () => {
    fc.assert(fc.property(fc.string().filter((s) => s !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(s)), (value) => {
      const shown = pageDate(value, now);
      expect(shown.date).toBe('2026-12-02');
      expect(shown.errorSummary).toHaveLength(1);
      expect(shown.errorSummary[0]!.text).toMatch(/could not be used: .+ Showing 2 December 2026 instead\.$/);
    }));
    expect(pageDate('2026-02-30', now).errorSummary[0]!.text).toContain('not a real date');
  });
});
