import { describe, expect, it } from 'vitest';
import { parseAuditSearch } from '../model/audit-search.ts';
import { auditFormView } from './audit-form.ts';

const view = (q: Record<string, string>, base: Record<string, string> = { child: 'C1' }) => {
  const r = parseAuditSearch({ ...base, ...q }, '2026-12-02', { datesAlone: true });
  return auditFormView(r.values, r.ok ? [] : r.problems);
};
const marked = (v: ReturnType<typeof view>, key: 'from' | 'to') => v[key].items.filter((i) => i.classes.includes('govuk-input--error')).map((i) => i.name);

describe('the audit search form', () => {
  it('marks each missing box, the whole date when it is not real, and the year alone when it is short', () => {
    expect(marked(view({ 'to-month': '1' }), 'to')).toEqual(['day', 'year']);
    expect(marked(view({ 'from-day': '31', 'from-month': '2', 'from-year': '2026' }), 'from')).toEqual(['day', 'month', 'year']);
    expect(marked(view({ 'from-day': '3', 'from-month': '2', 'from-year': '26' }), 'from')).toEqual(['year']);
    expect(marked(view({ 'from-day': '3', 'from-month': '2', 'from-year': '2026' }), 'from')).toEqual([]);
  });

  it('links each problem in the summary to its box, in the form’s order, and keeps what was typed', () => {
    const v = view({ 'from-day': '40', 'from-month': '1', 'from-year': '2026', 'to-month': '1' });
    expect(v.errorSummary.map((e) => e.href)).toEqual(['#from-day', '#to-day']);
    expect(v.from.errorMessage).toEqual({ text: 'The start date must be a real date, like 27 3 2026' });
    expect(v.from.items.map((i) => i.value)).toEqual(['40', '1', '2026']);
    expect(v.child.value).toBe('C1');
  });

  it('searched by dates alone, links a bad or too long range to its box, and asks for something when nothing is given', () => {
    const bad = view({ 'from-day': '30', 'from-month': '2', 'from-year': '2026' }, {});
    expect(bad.errorSummary).toEqual([{ text: 'The start date must be a real date, like 27 3 2026', href: '#from-day' }]);
    const long = view({ 'from-day': '1', 'from-month': '1', 'from-year': '2026', 'to-day': '1', 'to-month': '3', 'to-year': '2026' }, {});
    expect(long.errorSummary).toEqual([{ text: 'When you search by date alone, the end date must be within 31 days of the start date', href: '#to-day' }]);
    expect(marked(long, 'to')).toEqual(['day', 'month', 'year']);
    expect(view({}, {}).errorSummary.map((e) => e.href)).toEqual(['#person']);
  });
});
