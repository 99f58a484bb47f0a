import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayFromIso, isoFromDay } from '../../kernel/calendar.ts';
import { ukDayStart, ukWallClock } from '../../kernel/time.ts';
import { AUDIT_DAYS_ALONE, auditMoments, auditSearchQuery, isDatesAlone, pageOf, parseAuditSearch } from './audit-search.ts';

const TODAY = '2026-12-02';
// Real days from 2000 to today, as ISO and as the three boxes a person types.
const isoDay = fc.integer({ min: dayFromIso('2000-01-01'), max: dayFromIso(TODAY) }).map(isoFromDay);
const boxes = (key: string, iso: string) => ({ [`${key}-day`]: String(Number(iso.slice(8))), [`${key}-month`]: String(Number(iso.slice(5, 7))), [`${key}-year`]: iso.slice(0, 4) });

describe('reading an audit search', () => {
  it('takes dates alone only when asked to, and then never more than 31 days, filling in the missing end', () => {
    expect(parseAuditSearch({ from: '2026-11-01' }, TODAY)).toMatchObject({ ok: false, problems: [{ field: 'person', message: 'Enter a person’s name or email address, or a child’s id' }] });
    expect(parseAuditSearch({}, TODAY, { datesAlone: true })).toMatchObject({ ok: false, problems: [{ field: 'person', message: 'Enter a person’s name or email address, a child’s id, or a start date' }] });
    fc.assert(fc.property(isoDay, isoDay, fc.constantFrom('from', 'to', 'both'), (a, b, given) => {
      const [from, to] = a <= b ? [a, b] : [b, a];
      const q = given === 'from' ? { from } : given === 'to' ? { to } : { from, to };
      const result = parseAuditSearch(q, TODAY, { datesAlone: true });
      const span = dayFromIso(to) - dayFromIso(from) + 1;
      if (given === 'both' && span > AUDIT_DAYS_ALONE) {
        expect(result).toMatchObject({ ok: false, problems: [{ field: 'to-day' }] });
        return;
      }
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      const { search } = result;
      expect(isDatesAlone(search)).toBe(true);
      expect(dayFromIso(search.to!) - dayFromIso(search.from!) + 1).toBeLessThanOrEqual(AUDIT_DAYS_ALONE);
      expect(search.to! <= TODAY || given !== 'from').toBe(true);
      if (given !== 'to') expect(search.from).toBe(from);
      if (given !== 'from') expect(search.to).toBe(to);
      if (given === 'to') expect(dayFromIso(search.to!) - dayFromIso(search.from!)).toBe(AUDIT_DAYS_ALONE - 1);
    }));
  });

  it('reads any real pair of days in order, typed in the boxes or given in the address, as the same search', () => {
    fc.assert(fc.property(isoDay, isoDay, (a, b) => {
      const [from, to] = a <= b ? [a, b] : [b, a];
      const typed = parseAuditSearch({ child: 'C1', ...boxes('from', from), ...boxes('to', to) }, TODAY);
      const linked = parseAuditSearch({ child: 'C1', from, to }, TODAY);
      expect(typed).toMatchObject({ ok: true, search: { childId: 'C1', from, to, page: 1 } });
      expect(linked.ok && typed.ok && linked.search).toEqual(typed.ok && typed.search);
    }));
  });

  it('refuses an end before the start, naming the end date', () => {
    fc.assert(fc.property(isoDay, isoDay, (a, b) => {
      fc.pre(a !== b);
      const [from, to] = a < b ? [b, a] : [a, b];
      const result = parseAuditSearch({ person: 'Sam', from, to }, TODAY);
      expect(result).toMatchObject({ ok: false, problems: [{ field: 'to-day', message: 'The end date must be the same as or after the start date' }] });
    }));
  });

  it('never throws, whatever the boxes hold, and every problem names a box of the form', () => {
    const anyText = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', '0', '31', '2', '29', '2026', '99', '13', '-1', '1e3', '٣'));
    const fields = ['person', 'user', 'child', 'from', 'to', 'from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year', 'page'];
    fc.assert(fc.property(fc.dictionary(fc.constantFrom(...fields), anyText), (q) => {
      const result = parseAuditSearch(q, TODAY);
      if (!result.ok) {
        expect(result.problems.length).toBeGreaterThan(0);
        for (const p of result.problems) expect(['person', 'child', 'from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year']).toContain(p.field);
      } else {
        expect(result.search.page).toBeGreaterThanOrEqual(1);
        if (result.search.from && result.search.to) expect(result.search.from <= result.search.to).toBe(true);
      }
    }));
  });

  it('says what is wrong with a date in GOV.UK’s words', () => {
    const problem = (q: Record<string, string>) => {
      const r = parseAuditSearch({ child: 'C1', ...q }, TODAY);
      return r.ok ? null : r.problems[0];
    };
    expect(problem({ 'from-day': '31', 'from-month': '2', 'from-year': '2026' })).toEqual({ field: 'from-day', message: 'The start date must be a real date, like 27 3 2026' });
    expect(problem({ 'from-day': '3', 'from-year': '2026' })).toEqual({ field: 'from-month', message: 'The start date must include a month' });
    expect(problem({ 'to-day': '3', 'to-month': '4', 'to-year': '26' })).toEqual({ field: 'to-year', message: 'The year of the end date must include 4 numbers' });
    expect(problem({ 'from-day': '3', 'from-month': '1', 'from-year': '2027' })).toEqual({ field: 'from-day', message: 'The start date must be today or in the past' });
    expect(problem({ from: '2026-02-30' })).toEqual({ field: 'from-day', message: 'The start date must be a real date, like 27 3 2026' });
    expect(problem({ 'from-day': '29', 'from-month': '2', 'from-year': '2024' })).toBeNull();
  });

  it('asks for a person or a child, and a proper child id', () => {
    expect(parseAuditSearch({}, TODAY)).toMatchObject({ ok: false, problems: [{ field: 'person', message: 'Enter a person’s name or email address, or a child’s id' }] });
    expect(parseAuditSearch({ child: "x' or 1=1" }, TODAY)).toMatchObject({ ok: false, problems: [{ field: 'child' }] });
    expect(parseAuditSearch({ person: 's' }, TODAY)).toMatchObject({ ok: false, problems: [{ field: 'person' }] });
    expect(parseAuditSearch({ person: '  Patel ' }, TODAY)).toMatchObject({ ok: true, search: { person: 'Patel', userId: null, childId: null } });
  });

  it('lists every problem at once, in the form’s order', () => {
    const r = parseAuditSearch({ child: 'bad id!', 'from-day': '40', 'from-month': '1', 'from-year': '2026', 'to-month': '1' }, TODAY);
    expect(r.ok ? [] : r.problems.map((p) => p.field)).toEqual(['child', 'from-day', 'to-day']);
  });
});

describe('the moments a search covers', () => {
  it('runs from the start of the first UK day to the start of the day after the last, across the clock changes', () => {
    fc.assert(fc.property(isoDay, isoDay, (a, b) => {
      const [from, to] = a <= b ? [a, b] : [b, a];
      const m = auditMoments({ from, to });
      expect(ukWallClock(m.from!).toISOString().slice(0, 19)).toBe(`${from}T00:00:00`);
      expect(ukWallClock(m.until!).toISOString().slice(0, 19)).toBe(`${isoFromDay(dayFromIso(to) + 1)}T00:00:00`);
      // Just before the end is still the last day, in UK time.
      expect(ukWallClock(new Date(m.until!.getTime() - 1)).toISOString().slice(0, 10)).toBe(to);
    }));
    // BST: 1 July starts at 23:00 UTC on 30 June.
    expect(auditMoments({ from: '2026-07-01', to: null }).from).toEqual(ukDayStart('2026-07-01'));
    expect(auditMoments({ from: '2026-07-01', to: null }).from!.toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(auditMoments({ from: null, to: null })).toEqual({});
  });

  it('carries dates and a child in the address, never the page', () => {
    expect(auditSearchQuery({ childId: 'C1', from: '2026-03-01', to: null, userId: 'u1' }, { child: true })).toBe('child=C1&from=2026-03-01');
    expect(auditSearchQuery({ childId: 'C1', from: null, to: null })).toBe('');
  });
});

describe('pages of a result', () => {
  it('shows every entry once across its pages, and clamps a page past the end to the last', () => {
    fc.assert(fc.property(fc.nat(2000), fc.integer({ min: 1, max: 100 }), fc.integer({ min: -5, max: 200 }), (total, size, asked) => {
      const { page, pages, offset } = pageOf(total, asked, size);
      expect(pages).toBe(Math.max(1, Math.ceil(total / size)));
      expect(page).toBeGreaterThanOrEqual(1);
      expect(page).toBeLessThanOrEqual(pages);
      expect(offset).toBe((page - 1) * size);
      const covered = Array.from({ length: pages }, (_, i) => pageOf(total, i + 1, size)).reduce((n, p) => n + Math.max(0, Math.min(size, total - p.offset)), 0);
      expect(covered).toBe(total);
    }));
  });
});
